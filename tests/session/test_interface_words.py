"""Issue 12, the interface's side: the role's own words, the standing explained, the calculus of
the season ahead, line mode's parity with the terminal UI (the same commands, wrapped text,
documents by number, names instead of ids), Continue by the time a save records, the model card
inside the project. None of these start Textual."""

from __future__ import annotations

import io
import json
import os
import re
from argparse import Namespace

import pytest

from game.paths import latest_save
from game.plain import Console, PlainGame
from game.session import saves, views
from game.session.actions import ChooseScene, EndSeason
from game.session.commands import HINT_WIDTH, interpret, prompt_hint
from game.session.game import GameSetup, Session
from game.session.replay import compare, compare_notes
from game.sim.params import DIRECTIVE_SEASON, season_label
from game.typed import with_article


def answer_scenes(session: Session) -> None:
    while session.queue:
        scene = views.current_scene(session)
        session.apply(ChooseScene(scene.id, next(o.index for o in scene.options if o.available)))


def played(seasons: int, role: str = "peasant", seed: int = 4) -> Session:
    session = Session(GameSetup(role=role, seed=seed, household="wang_fu" if role == "peasant" else None,
                                player="Tester", county=4))
    for _ in range(seasons):
        answer_scenes(session)
        session.apply(EndSeason())
    return session


def test_articles_follow_the_sound() -> None:
    assert with_article("upper-middle peasant") == "an upper-middle peasant"
    assert with_article("poor peasant") == "a poor peasant"
    assert with_article("assignment file") == "an assignment file"
    assert with_article("unit") == "a unit" and with_article("hour") == "an hour"


def test_why_names_an_upper_middle_household_with_its_article() -> None:
    session = played(0)
    causes = " ".join(cause for cause, _ in views.why(session, "coop_share").causes)
    assert "an upper-middle peasant household" in causes and "a upper" not in causes


def test_why_has_a_value_before_the_first_season() -> None:
    session = played(0)
    trust = views.why(session, "trust")
    assert re.search(r"\d+%", trust.value), trust.value
    assert f"{session.state.trust[0].mean():.0%}" in trust.value
    harvest = views.why(session, "grain_output")
    assert harvest.value != "-" and "first season" in harvest.value


def test_the_cadres_standings_are_his_own_and_kept_apart() -> None:
    session = played(1, role="cadre")
    before = views.status(session)
    assert before.county_standing == pytest.approx(float(session.state.career[0]))
    assert before.village_standing == pytest.approx(float(session.state.trust[0].mean()))
    session.scene_standing += 5  # the story's words (informing, over-reporting) do not move either
    after = views.status(session)
    assert (after.county_standing, after.village_standing) == (before.county_standing, before.village_standing)
    sentence = after.sentence()
    assert "with the county" in sentence and "with the village" in sentence
    assert f"{after.village_standing:.0%}" in sentence


@pytest.mark.parametrize("role", ["peasant", "cadre"])
def test_standing_is_explained_for_the_role(role) -> None:
    session = played(0, role=role)
    said = interpret("examine standing", session).say
    assert said is not None
    if role == "cadre":
        assert "county" in said and "village" in said and f"{session.params.removal_career:+.0f}" in said
        assert "your family" not in said.lower() and "household's name" not in said
    else:
        assert "household" in said and "co-op" in said


def test_prompt_hints_fit_eighty_columns_and_speak_to_the_role() -> None:
    for role in ("peasant", "cadre"):
        assert len(prompt_hint(role)) <= HINT_WIDTH <= 78
    assert "join team" not in prompt_hint("cadre") and "policy" in prompt_hint("cadre")


def test_the_report_calculus_is_the_season_ahead() -> None:
    session = played(DIRECTIVE_SEASON)  # summer 1955 is being played
    last = len(session.logs) - 1
    assert views.season_ahead(session, last) is None  # the season being played
    ahead = views.calculus(session, t=views.season_ahead(session, last))
    assert ahead.label == session.label
    past = views.calculus(session, t=last)
    assert past.label != ahead.label
    # an earlier report shows the calculus of the season that followed it
    assert views.season_ahead(session, 2) == 3
    assert views.calculus(session, t=views.season_ahead(session, 2)).label == season_label(3)


def test_documents_by_number_in_both_front_ends() -> None:
    session = played(0)
    order = views.document_order(session)
    command = interpret("read 2", session)
    assert command.view == "documents" and command.argument == order[1]
    with pytest.raises(Exception) as refused:
        interpret(f"read {len(order) + 1}", session)
    assert "documents" in str(refused.value)


def _plain(session: Session, lines: list[str], width: int = 60) -> str:
    out = io.StringIO()
    game = PlainGame(session, Console(io.StringIO("\n".join(lines) + "\n"), out, width=width), folder=None)
    for line in lines:
        game.command(line)
    return out.getvalue()


def test_line_mode_wraps_to_the_terminal_lists_included() -> None:
    session = played(0)
    text = _plain(session, ["documents", "examine standing", "tide", "why trust", "read 1"], width=60)
    lines = text.splitlines()
    too_long = [line for line in lines if len(line) > 60 and not line.lstrip().startswith("hightide ")]
    assert not too_long, too_long[:3]
    flat = " ".join(text.split())
    assert "Type 'read N'" in flat and " 1. " in text
    assert "at the start of spring 1953" in flat  # why trust has its value
    assert "**" not in text  # the document's Markdown shown as text


def test_line_mode_reflows_scene_text() -> None:
    session = played(0)
    out = io.StringIO()
    game = PlainGame(session, Console(io.StringIO("1\n"), out, width=5000), folder=None)
    scene = views.current_scene(session)
    game.scene()
    printed = out.getvalue()
    first_paragraph = scene.text.strip().split("\n\n")[0]
    if "\n" in first_paragraph:  # written over several lines: printed as one paragraph
        assert " ".join(line.strip() for line in first_paragraph.splitlines()) in printed


def test_plain_replay_shows_titles_not_ids(tmp_path, capsys) -> None:
    from game.session_commands import run_command

    session = played(2)
    path = saves.save(session, tmp_path / "a.hightide.json", "a")
    assert run_command(Namespace(command="replay", save=str(path), plain=True)) == 0
    out = capsys.readouterr().out
    chosen = [a for _, a in session.actions if isinstance(a, ChooseScene)]
    assert chosen
    for action in chosen:
        assert f"'{action.scene}'" not in out
        assert session.bundle.passage(action.scene).title in out


def test_compare_notes_different_seeds() -> None:
    a, b = played(1, seed=4), played(1, seed=5)
    notes = compare_notes(a, b)
    assert any("seeds differ" in n for n in notes)
    assert "seeds differ" in compare(a, b)
    assert not compare_notes(a, played(1, seed=4))


def test_continue_picks_the_latest_saved_time_not_the_newest_file(tmp_path) -> None:
    session = played(1)
    older = saves.save(session, tmp_path / "older.hightide.json", "older")
    newer = saves.save(session, tmp_path / "newer.hightide.json", "newer")
    for path, when in ((older, "2026-01-01T10:00:00+00:00"), (newer, "2026-01-02T10:00:00+00:00")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["saved_at"] = when
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.utime(older, None)  # the older game's file was copied or touched last
    assert latest_save(tmp_path) == newer


def test_model_card_cites_the_project_not_internal_notes() -> None:
    from game.simulate import MODEL_DOC, model_card

    card = model_card(played(0).scenario)
    assert "economics-brief" not in card and "§" not in card
    assert MODEL_DOC in card
    assert os.path.isfile(os.path.join(os.path.dirname(__file__), "..", "..", MODEL_DOC))
