"""Every figure the story quotes is the session's: play whole games of every household and of the
cadre, and compare each household or village figure in a scene's text with the model's state
worked out here, independently of the text variables (and, for this season's purchase and the
year's end, with what the season then actually did)."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.template import TEMPLATE, fill_slot, parse_slot
from game.paths import assets_dir
from game.session.actions import ChooseScene, EndSeason
from game.session.game import GameSetup, Session
from game.sim.params import HIGHER, INDEPENDENT, LOWER, TEAM

STORY_ONLY = ("flag", "standing", "document")
AFTER_SEASON = ("procurement_due", "end_coop_share_pct", "end_higher_share_pct")


def truth(session: Session, name: str) -> float | None:
    """The model's value for a text variable, from the state and the logs (None: not checked here)."""
    s, v = session.state, 0
    h = session.household if session.household is not None else 0
    forms = s.form[v]
    if name in session.characters or any(name == f"{who}_land" for who in session.characters):
        return float(s.land[v, session.characters[name.removesuffix("_land")]])
    for who, i in session.characters.items():
        if name == f"{who}_animals":
            return float(round(s.animals[v, i]))
    if name == "procurement_last_year":
        if session.household is None:
            return sum(log.village_flows.get("procurement", 0.0) for log in session.logs[-4:])
        return sum(float(log.flows["procurement"][h]) for log in session.logs[-4:] if "procurement" in log.flows)
    table = {
        "family_grain": lambda: float(s.grain[v, h]),
        "land": lambda: float(s.land[v, h]),
        "persons": lambda: float(s.persons[v, h]),
        "animals": lambda: float(round(s.animals[v, h])),
        "coop_share_pct": lambda: 100.0 * float((forms >= LOWER).mean()),
        "higher_share_pct": lambda: 100.0 * float((forms == HIGHER).mean()),
        "households_total": lambda: float(forms.size),
        "coop_households": lambda: float((forms >= LOWER).sum()),
        "higher_households": lambda: float((forms == HIGHER).sum()),
        "team_households": lambda: float((forms == TEAM).sum()),
        "independent_households": lambda: float((forms == INDEPENDENT).sum()),
    }
    return table[name]() if name in table else None


def _story_option(session: Session, passage) -> int:
    """An option that changes nothing the model sees, if there is one (else the first open one)."""
    open_ = session.open_choices(passage)
    story = [i for i in open_ if all(e.name in STORY_ONLY for e in passage.choices[i].effects)]
    return (story or open_)[0]


def _after(session: Session, name: str) -> float:
    log, h = session.logs[-1], session.household
    if name == "procurement_due":
        if h is None:
            return log.village_flows.get("procurement", 0.0)
        return float(log.flows["procurement"][h]) if "procurement" in log.flows else 0.0
    forms = log.forms
    return 100.0 * float(np.mean(forms >= LOWER) if name == "end_coop_share_pct" else np.mean(forms == HIGHER))


def play_and_compare(role: str, household: str | None, seed: int) -> tuple[int, list[str]]:
    """Play one game; returns how many figures were compared and every mismatch, in words."""
    session = Session(GameSetup(role=role, seed=seed, household=household, county=2), assets_dir())
    compared, wrong = 0, []
    while not session.finished:
        pending: list[tuple[str, str, str]] = []  # (passage, slot, words) to compare after the season
        only_story = True
        while session.queue:
            passage = session.bundle.passage(session.queue[0])
            variables = session.text_variables()
            for match in TEMPLATE.finditer(passage.text):
                slot = match.group(1)
                if slot is None:
                    continue
                name, _ = parse_slot(slot)
                shown = fill_slot(slot, variables)
                if name in AFTER_SEASON:
                    pending.append((passage.id, slot, shown))
                    continue
                value = truth(session, name)
                if value is None:
                    continue
                compared += 1
                expected = fill_slot(slot, {**variables, name: value})
                if shown != expected:
                    wrong.append(f"{session.label}, {passage.id}: {{{slot}}} reads {shown!r}, the model says {expected!r}")
            index = _story_option(session, passage)
            only_story &= all(e.name in STORY_ONLY for e in passage.choices[index].effects)
            session.apply(ChooseScene(passage.id, index))
        label = session.label
        session.apply(EndSeason())
        if not only_story:
            continue  # a choice this season changed what the model does: the forecast was for other choices
        for passage_id, slot, shown in pending:
            name, _ = parse_slot(slot)
            compared += 1
            expected = fill_slot(slot, {name: round(_after(session, name))})
            if shown != expected:
                wrong.append(f"{label}, {passage_id}: {{{slot}}} reads {shown!r}, the season did {expected!r}")
    return compared, wrong


@pytest.mark.parametrize(("role", "household"), [
    ("peasant", "li_guiying"), ("peasant", "zhang_dewang"), ("peasant", "wang_fu"),
    ("peasant", "zhao_shouren"), ("peasant", "qian_baoshan"), ("cadre", None),
])
def test_every_quoted_figure_is_the_models(role, household):
    compared, wrong = play_and_compare(role, household, seed=11)
    assert compared >= 5, f"only {compared} figures were compared"
    assert wrong == []


def test_a_wrong_figure_is_caught(monkeypatch):
    """The comparison can fail: a session that quotes last season's store is caught."""
    original = Session._variables

    def stale(self):
        values = original(self)
        values["family_grain"] = round(values["family_grain"]) + 7
        return values

    monkeypatch.setattr(Session, "_variables", stale)
    _, wrong = play_and_compare("peasant", "li_guiying", seed=11)
    assert any("family_grain" in w for w in wrong)
