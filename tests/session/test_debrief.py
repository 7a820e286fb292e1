"""Choice or luck (issue 14): the debrief's two measurements are exact where they must be.

- an unchanged copy of the player's village reproduces the game's ending on every axis;
- a choice equal to its default has no effect, exactly;
- the effect of a choice is the game's ending minus the ending of the same game without it
  (the story's words are held as they were; in a game with no scene answered, that is ``branch``);
- the comparison's percentile is the game's rank among the villages, and the comparison is
  deterministic.
"""

from __future__ import annotations

import numpy as np
import pytest

from game import audit
from game.session import debrief, views
from game.session.actions import ClearChoice, EndSeason, SetForm, SetSideline, parse_action
from game.session.game import GameSetup, Session
from game.session.replay import Replay
from game.session.saves import save


def _game(actions_at: dict[int, list]) -> Session:
    """A game whose only choices are ``actions_at`` (the scenes are left unanswered, so that the
    story cannot differ between a game and its branch)."""
    session = Session(GameSetup(role="peasant", household="li_guiying", seed=5, county=1, player="debrief"))
    while not session.finished:
        for action in actions_at.get(session.t, []):
            session.apply(action)
        session.apply(EndSeason())
    return session


@pytest.fixture(scope="module")
def joined() -> Session:
    return _game({10: [SetForm("lower")], 3: [SetSideline(1.0)]})


def test_an_unchanged_copy_reproduces_the_game(joined):
    _, _, baseline = debrief.attribute(joined)
    assert baseline == pytest.approx(views.ending_axes(joined), abs=1e-9)
    cadre = audit.play("cadre", None, "historical_line", 3)
    _, _, baseline = debrief.attribute(cadre)
    assert baseline == pytest.approx(views.ending_axes(cadre), abs=1e-9)


def test_a_choice_equal_to_its_default_changes_nothing(joined):
    choices, _, _ = debrief.attribute(joined)
    sideline = [e for e in choices if "slack season" in e.label and e.season == 3]
    assert sideline, [e.label for e in choices]
    assert all(v == 0.0 for v in sideline[0].deltas.values())


def test_the_effect_of_a_choice_is_the_game_without_it(joined):
    choices, _, _ = debrief.attribute(joined)
    effect = next(e for e in choices if e.season == 10 and "lower-stage" in e.label)
    without = _game({3: [SetSideline(1.0)]})
    expected = {k: views.ending_axes(joined)[k] - views.ending_axes(without)[k] for k in effect.deltas}
    assert effect.deltas == pytest.approx(expected, abs=1e-9)
    assert any(abs(v) > 0 for v in effect.deltas.values()), "joining in the high tide changed nothing"


def test_the_weather_of_every_harvest_is_measured(joined):
    _, luck, _ = debrief.attribute(joined)
    assert [e.season for e in luck] == [t for t in range(16) if t % 4 in (1, 2)]
    assert any(abs(e.deltas["wealth"]) > 1.0 for e in luck)


def test_the_percentile_is_the_rank_among_the_villages(joined):
    first = debrief.compare(joined, villages=60)
    again = debrief.compare(joined, villages=60)
    for name, dist in first.items():
        assert np.array_equal(dist.values, again[name].values)
        rank = sum(1 for x in dist.values if x <= dist.actual + 1e-9)
        assert dist.percentile == pytest.approx(100.0 * rank / 60)
        counts, edges = dist.histogram()
        assert counts.sum() == 60 and edges[0] <= dist.values.min() and edges[-1] >= dist.values.max()
    assert set(first) == {name for name, _, _ in views.AXES["peasant"]}


def test_the_debrief_says_what_it_found(joined):
    result = debrief.debrief(joined, villages=40)
    sentence = result.sentence()
    assert "of 40 villages" in sentence and "%" in sentence
    assert len(result.top()) <= 5 and result.top()[0].weight >= result.top()[-1].weight
    assert set(result.seconds) == {"comparison", "attribution", "total"}


def _moved_by_branch(session: Session, effect, tmp_path) -> dict[str, float]:
    """How far ``hightide branch`` with the effect's own action moves the ending."""
    path = save(session, tmp_path / f"{session.setup.role}.json")
    assert effect.branch_action and effect.branch_action.startswith("clear ")
    branch, skipped = Replay(path).branch_with(effect.season, parse_action(effect.branch_action))
    assert not skipped, skipped
    mine, theirs = views.ending_axes(session), views.ending_axes(branch)
    return {k: mine[k] - theirs[k] for k in effect.deltas}


def test_branch_of_a_ranked_decision_moves_the_ending_by_the_amount_shown(joined, tmp_path):
    choices, _, _ = debrief.attribute(joined)
    effect = next(e for e in choices if e.season == 10)
    assert _moved_by_branch(joined, effect, tmp_path) == pytest.approx(effect.deltas, abs=1e-9)


def test_a_cadres_lever_branch_moves_the_ending_by_the_amount_shown(tmp_path):
    cadre = Session(GameSetup(role="cadre", seed=7, county=2, player="debrief"))
    while not cadre.finished:
        if cadre.t == 9:
            cadre.apply(parse_action("stance coercion"))
        cadre.apply(EndSeason())
    choices, _, _ = debrief.attribute(cadre)
    effect = next(e for e in choices if e.season == 9 and "stance" in e.label)
    assert any(abs(v) > 1e-6 for v in effect.deltas.values()), "coercion in the high tide changed nothing"
    assert _moved_by_branch(cadre, effect, tmp_path) == pytest.approx(effect.deltas, abs=1e-9)


def test_clear_takes_back_the_last_choice_of_the_season():
    session = Session(GameSetup(role="peasant", household="li_guiying", seed=5, county=1, player="clear"))
    session.apply(parse_action("effort 0.5"))
    session.apply(parse_action("effort 0.7"))
    session.apply(ClearChoice("effort"))
    assert session.pending_effort is None
    with pytest.raises(Exception, match="cadre"):
        session.apply(ClearChoice("stance"))


def test_the_debrief_reads_as_text_and_as_svg(joined):
    import xml.etree.ElementTree as ET

    result = debrief.debrief(joined, villages=40)
    text = debrief.lines(result, width=78, save="li.json")
    assert all(len(line) <= 78 for line in text if "hightide branch" not in line)
    assert sum("<- you" in line for line in text) == len(result.distributions)
    assert "-0 jin" not in "\n".join(text)
    for effect in result.top():
        assert any(effect.label in line for line in text)
        assert f"--action '{effect.branch_action}'" in "\n".join(text)
    for dist in result.distributions.values():
        root = ET.fromstring(debrief.svg(dist))  # well-formed XML
        rects = root.findall("{http://www.w3.org/2000/svg}rect")
        assert sum(int(r.find("{http://www.w3.org/2000/svg}title").text.split(": ")[-1].split()[0].replace(",", ""))
                   for r in rects) == 40
        assert f"{dist.percentile:.0f}%" in root.get("aria-label")
    data = debrief.to_json(result)
    assert 0.0 <= data["choice_share"] <= 1.0 and set(data["percentiles"]) == set(result.distributions)


def test_an_answer_written_after_the_debrief_does_not_measure_the_game_again():
    """The epilogue measures the game, then asks an assignment's final question; the hand-in report
    measures the same game. An answer changes nothing measured, so the report reuses the epilogue's
    measurement; a choice (another game) is measured anew."""
    from game.session.actions import Answer

    session = _game({10: [SetForm("lower")]})
    first = debrief.debrief(session, villages=20)
    session.apply(Answer("q2", "The directive made joining cheaper for us."))
    assert debrief.debrief(session, villages=20) is first
    other = _game({9: [SetForm("lower")]})
    assert debrief.debrief(other, villages=20) is not first
