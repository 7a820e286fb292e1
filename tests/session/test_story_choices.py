"""No silent override: policies stand until changed, an option that changes one says so, options
the model cannot carry out are closed with a reason, and refusing the higher co-op is a vote."""

from __future__ import annotations

from game.content.effects import parse_effect
from game.content.model import Choice, Scene
from game.session import views
from game.session.actions import EndSeason, SetLever
from game.session.game import GameSetup, Session


def _scene(*choices: Choice) -> Scene:
    return Scene(id="test_scene", role="any", title="A test", text="Text.", choices=choices)


def _choice(label: str, *effects: str) -> Choice:
    return Choice(label, effects=tuple(parse_effect(e) for e in effects))


def test_standing_policies_carry_over_and_one_season_ones_do_not():
    session = Session(GameSetup(role="cadre", seed=3, county=2))
    session.apply(EndSeason())
    session.apply(EndSeason())  # autumn 1953: reports are made now
    session.apply(SetLever("stance", "coercion"))
    session.apply(SetLever("omega", 0.2))
    session.apply(SetLever("report", "over"))
    session.apply(EndSeason())
    assert session.lever("stance") == "coercion" and session.lever("omega") == 0.2
    assert "report" not in session.pending_levers
    assert session.logs[-1].choices["set"] == ["omega", "report", "stance"]


def test_an_option_that_changes_a_policy_says_so():
    session = Session(GameSetup(role="cadre", seed=3, county=2))
    session.apply(SetLever("stance", "coercion"))
    scene = _scene(_choice("Knock on Wang Fu's gate", "stance('persuasion')"), _choice("Go home", "flag('home')"))
    assert "(this sets the recruitment stance to \"voluntary persuasion\")" in session.choice_label(scene, 0)
    assert session.choice_label(scene, 1) == "Go home"
    session.apply(SetLever("stance", "persuasion"))
    assert session.choice_label(scene, 0).endswith("(this sets the recruitment stance to \"voluntary persuasion\")")
    session.pending_levers.pop("stance")
    session._refresh()
    if session.lever("stance") == "persuasion":  # already the village's policy and not the player's: nothing changes
        assert session.choice_label(scene, 0) == "Knock on Wang Fu's gate"


def test_options_the_model_cannot_carry_out_are_closed_with_a_reason():
    cadre = Session(GameSetup(role="cadre", seed=3, county=2))
    report = _scene(_choice("Report honestly", "report('honest')"), _choice("Say nothing"))
    assert cadre.open_choices(report) == [1]
    assert "autumn and winter" in cadre.closed_reason(report, 0)
    peasant = next(s for s in (Session(GameSetup(role="peasant", seed=k, household="wang_fu", county=1))
                               for k in range(40)) if s.household_form() == "team")
    scene = _scene(_choice("Go into the higher co-op", "join('higher')"), _choice("Join a team", "join('team')"),
                   _choice("Stay as you are", "stay()"))
    assert peasant.open_choices(scene) == [2]
    assert "higher" in peasant.closed_reason(scene, 0) and "already" in peasant.closed_reason(scene, 1)


def test_a_closed_option_carries_its_reason_to_the_front_ends():
    session = Session(GameSetup(role="cadre", seed=3, county=2))
    passage = next(p for p in (session.bundle.passage(i) for i in session.queue))
    view = views.current_scene(session)
    assert view.id == passage.id
    for option in view.options:
        assert option.available == (option.reason is None)


def test_refusing_the_higher_co_op_is_a_vote_against():
    session = Session(GameSetup(role="peasant", seed=3, household="wang_fu", county=2))
    session._apply_effect(parse_effect("stay()"))
    assert session.pending_form == session.household_form()
