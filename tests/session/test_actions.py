"""Player actions: parsing, the JSON round trip, and the rule that an action which is not legal
now raises ``ActionError`` and changes nothing. Also the decisions offered each season: what is
open when, and that every option says in numbers what it would do."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.session.actions import (LEVERS, ActionError, AnimalChoice, Answer, ChooseScene, EndSeason, HideGrain,
                                  SellGrain, SetEffort, SetForm, SetLever, SetSideline, from_json, parse_action)
from game.session.decisions import decisions
from game.session.game import PLAYER_VILLAGE, GameSetup, Session
from game.session import views
from game.sim.params import ADMISSIONS, ANIMAL_CHOICES, FORMS, REPORTS, STANCES, WITHDRAWALS, WORK_POINT_METHODS

WINTER_1955 = 11


def snapshot(session: Session) -> tuple:
    """Everything an action could change: the model state and the season's pending choices."""
    return (session.t, session.state.digest(), session.pending_form, session.pending_effort, session.pending_sideline,
            session.pending_animals, session.pending_sell, session.pending_hide, dict(session.pending_levers),
            list(session.season_actions), list(session.actions), list(session.queue), sorted(session.flags),
            session.standing, list(session.digests), session.lever("omega"), session.lever("stance"))


def assert_refused(session: Session, action, words: str | None = None) -> str:
    before = snapshot(session)
    with pytest.raises(ActionError) as caught:
        session.apply(action)
    assert snapshot(session) == before, f"{action} was refused but changed the session"
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message
    if words is not None:
        assert words in message, message
    return message


def clear_scenes(session: Session) -> None:
    while session.queue:
        view = views.current_scene(session)
        session.apply(ChooseScene(view.id, next(o.index for o in view.options if o.available)))


def end_seasons(session: Session, until: int, form: str | None = None) -> None:
    while session.t < until and not session.finished:
        clear_scenes(session)
        if form is not None and session.form_reason(form) is None:
            session.apply(SetForm(form))
        session.apply(EndSeason())


@pytest.fixture(scope="module")
def member() -> Session:
    """Li Guiying's household (seed 5), admitted to the lower co-op in the high tide of autumn 1955."""
    session = Session(GameSetup(role="peasant", household="li_guiying", seed=5, county=3))
    end_seasons(session, 11, form="lower")
    if session.household_form() != "lower":
        pytest.fail(f"li_guiying (seed 5) was expected to be in the lower co-op in winter 1955, not {session.household_form()}")
    return session


# ------------------------------------------------------------------ parsing and JSON

@pytest.mark.parametrize("text, expected", [
    ("end", EndSeason()),
    ("join lower", SetForm("lower")),
    ("join co-op", SetForm("lower")),
    ("join alone", SetForm("independent")),
    ("form team", SetForm("team")),
    ("leave", SetForm("independent")),
    ("effort 0.6", SetEffort(0.6)),
    ("effort=0.85", SetEffort(0.85)),
    ("sideline 0.5", SetSideline(0.5)),
    ("animals Sell", AnimalChoice("sell")),
    ("sell 100", SellGrain(100.0)),
    ("hide 200", HideGrain(200.0)),
    ("choose p1953sp_gap 2", ChooseScene("p1953sp_gap", 1)),
    ("answer q1 it was hard", Answer("q1", "it was hard")),
    ("stance coercion", SetLever("stance", "coercion")),
    ("omega 0.2", SetLever("omega", 0.2)),
    ("lever omega 0.3", SetLever("omega", 0.3)),
    ("upgrade yes", SetLever("upgrade", True)),
    ("poor_fund off", SetLever("poor_fund", False)),
    ("report honest", SetLever("report", "honest")),
])
def test_parse_action_reads_short_commands(text, expected):
    assert parse_action(text) == expected


@pytest.mark.parametrize("text, words", [
    ("", "an action is needed"),
    ("fly away", "is not an action"),
    ("join", "needs a value"),
    ("join commune", "is not a form"),
    ("effort lots", "is not a number"),
    ("effort 1.5", "run from 0 to 1"),
    ("sell -5", "grain amounts"),
    ("sell 20000", "grain amounts"),
    ("animals eat", "is not one of"),
    ("choose p1953sp_gap x", "not an option number"),
    ("choose p1953sp_gap 0", "a scene choice"),
    ("omega 0.9", "must lie between"),
    ("valuation 2", "must lie between"),
    ("stance bribery", "is not a choice for stance"),
    ("upgrade maybe", "yes or no"),
    ("lever colour red", "is not a cadre lever"),
])
def test_parse_action_refuses_with_a_sentence(text, words):
    with pytest.raises(ActionError) as caught:
        parse_action(text)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


numbers01 = st.floats(0.0, 1.0, allow_nan=False)
valid_actions = st.one_of(
    st.builds(ChooseScene, st.text(min_size=1, max_size=20), st.integers(0, 49)),
    st.just(EndSeason()),
    st.builds(Answer, st.text(max_size=20), st.text(max_size=200)),
    st.builds(SetForm, st.sampled_from(FORMS)),
    st.builds(SetEffort, numbers01),
    st.builds(SetSideline, numbers01),
    st.builds(AnimalChoice, st.sampled_from(ANIMAL_CHOICES)),
    st.builds(SellGrain, st.floats(0.0, 10000.0)),
    st.builds(HideGrain, st.floats(0.0, 10000.0)),
    st.builds(SetLever, st.just("stance"), st.sampled_from(STANCES)),
    st.builds(SetLever, st.just("admission"), st.sampled_from(ADMISSIONS)),
    st.builds(SetLever, st.just("withdrawal"), st.sampled_from(WITHDRAWALS)),
    st.builds(SetLever, st.just("work_points"), st.sampled_from(WORK_POINT_METHODS)),
    st.builds(SetLever, st.just("report"), st.sampled_from(REPORTS)),
    st.builds(SetLever, st.just("omega"), st.floats(0.0, 0.5)),
    st.builds(SetLever, st.just("valuation"), st.floats(0.3, 1.0)),
    st.builds(SetLever, st.sampled_from(["poor_fund", "water_works", "upgrade", "dissolve_weak"]), st.booleans()),
)


@settings(max_examples=200, deadline=None)
@given(valid_actions)
def test_json_round_trip(action):
    data = action.to_json()
    assert data["kind"] == action.kind
    assert from_json(json.loads(json.dumps(data))) == action
    assert action.describe()


@pytest.mark.parametrize("data, words", [
    ([], "must be an object"),
    ({"kind": 3}, "must be an object"),
    ({"kind": "teleport"}, "unknown action kind"),
    ({"kind": "effort"}, "lacks 'level'"),
    ({"kind": "effort", "level": 0.5, "extra": 1}, "unexpected fields"),
    ({"kind": "effort", "level": "high"}, "run from 0 to 1"),
    ({"kind": "effort", "level": math.nan}, "run from 0 to 1"),
    ({"kind": "effort", "level": True}, "run from 0 to 1"),
    ({"kind": "sell_grain", "jin": math.inf}, "grain amounts"),
    ({"kind": "choose", "scene": "x", "choice": True}, "a scene choice"),
    ({"kind": "choose", "scene": 5, "choice": 1}, "a scene choice"),
    ({"kind": "lever", "name": "omega", "value": 0.7}, "must lie between"),
    ({"kind": "lever", "name": "upgrade", "value": 1}, "yes or no"),
    ({"kind": "answer", "question": "q", "text": "x" * 10001}, "10,000 characters"),
])
def test_from_json_refuses_malformed_actions(data, words):
    with pytest.raises(ActionError) as caught:
        from_json(data)
    assert words in str(caught.value)


def test_lever_names_that_are_not_text_are_refused_plainly():
    with pytest.raises(ActionError) as caught:
        from_json({"kind": "lever", "name": ["stance"], "value": "coercion"})
    assert "unhashable" not in str(caught.value)
    assert "lever" in str(caught.value)


# ------------------------------------------------------------------ illegal now: refused, nothing changes

def test_peasant_cannot_set_village_policy():
    session = Session(GameSetup(role="peasant", seed=2, county=3))
    assert_refused(session, SetLever("stance", "coercion"), "decided by the cadre")
    assert_refused(session, SetLever("omega", 0.2), "decided by the cadre")


def test_cadre_cannot_make_household_choices():
    session = Session(GameSetup(role="cadre", seed=2, county=3))
    for action in (SetForm("lower"), SetEffort(0.6), SetSideline(0.5), AnimalChoice("keep"), SellGrain(0.0), HideGrain(0.0)):
        assert_refused(session, action, "decided by the household")


def test_join_higher_before_1956_is_refused():
    session = Session(GameSetup(role="peasant", seed=2, county=3))
    assert_refused(session, SetForm("higher"), "higher stage is not on the agenda")
    assert_refused(session, parse_action("join higher"))


def test_selling_more_grain_than_in_store_is_refused():
    session = Session(GameSetup(role="peasant", household="wang_fu", seed=5, county=3))
    end_seasons(session, 2)
    store = float(session.state.grain[PLAYER_VILLAGE, session.household])
    assert store < 9000
    message = assert_refused(session, SellGrain(store + 50), "only")
    assert f"{store:.0f} jin" in message
    session.apply(SellGrain(min(store, 10.0)))  # an amount in store is fine


def test_leaving_a_co_op_outside_the_autumn_window_is_refused(member):
    session = Session(member.setup)
    session.replay(list(member.actions))
    assert session.t % 4 == 3 and session.household_form() == "lower"
    assert session.params.schedule.contraction[session.t] == 0
    assert_refused(session, SetForm("independent"), "only after the autumn accounts")
    assert_refused(session, parse_action("leave"), "only after the autumn accounts")
    assert_refused(session, SetForm("team"), "only after the autumn accounts")


def test_leaving_in_autumn_is_accepted(member):
    session = Session(member.setup)
    session.replay(list(member.actions))
    end_seasons(session, 14)
    assert session.t % 4 == 2 and session.household_form() in ("lower", "higher")
    session.apply(SetForm("independent"))
    assert session.pending_form == "independent"


def test_hiding_grain_inside_a_co_op_is_refused(member):
    session = Session(member.setup)
    session.replay(list(member.actions))
    end_seasons(session, 13)
    assert session.household_form() in ("lower", "higher")
    assert session.params.harvest_share[session.t % 4] > 0
    assert_refused(session, HideGrain(100.0), "assessed with the co-op")


def test_hiding_grain_without_a_harvest_is_refused():
    session = Session(GameSetup(role="peasant", seed=2, county=3))
    assert_refused(session, HideGrain(100.0), "no harvest assessment")


def test_levers_out_of_range_or_out_of_season_are_refused():
    session = Session(GameSetup(role="cadre", seed=2, county=3))
    assert_refused(session, SetLever("omega", 0.9), "between")
    assert_refused(session, SetLever("valuation", 0.1), "between")
    assert_refused(session, SetLever("stance", "bribery"), "not a choice")
    assert_refused(session, SetLever("upgrade", True), "before winter 1955")
    assert_refused(session, SetLever("report", "under"), "autumn and winter")
    assert_refused(session, SetLever("water_works", True), "winter task")
    assert_refused(session, SetLever("poor_fund", True), "before autumn 1955")
    assert_refused(session, SetLever("dissolve_weak", True), "not on the agenda")
    session.apply(SetLever("omega", 0.3))
    assert session.lever("omega") == pytest.approx(0.3)


def test_a_scene_that_is_not_open_or_an_option_that_is_closed_is_refused():
    session = Session(GameSetup(role="peasant", seed=2, county=3))
    view = views.current_scene(session)
    assert view is not None
    assert_refused(session, ChooseScene("no_such_scene", 0), "not open")
    assert_refused(session, ChooseScene(view.id, len(view.options)), "not open")


def test_a_finished_game_refuses_everything_but_answers():
    session = Session(GameSetup(role="cadre", seed=2, county=3))
    end_seasons(session, 16)
    assert session.finished
    for action in (EndSeason(), SetLever("stance", "persuasion"), ChooseScene("x", 0)):
        assert_refused(session, action, "the game is over")
    session.apply(Answer("q1", "We were told to hurry."))
    assert session.answers == {"q1": "We were told to hurry."}


# ------------------------------------------------------------------ decisions

def play_with_decisions(setup: GameSetup, pick) -> list[tuple[int, list]]:
    """Play a game, recording every season's decisions before acting on them."""
    session = Session(setup)
    seen = []
    while not session.finished:
        clear_scenes(session)
        menu = decisions(session)
        seen.append((session.t, menu, session))
        for decision in menu:
            option = pick(session, decision)
            if option is not None and option.available:
                session.apply(option.action)
        session.apply(EndSeason())
    return seen


def join_everything(session, decision):
    if decision.id == "form":
        for form in ("higher", "lower"):
            option = next((o for o in decision.options if o.id == f"form.{form}"), None)
            if option is not None and option.available:
                return option
    if decision.id in ("stance", "upgrade"):
        return decision.options[-1] if decision.id == "stance" else decision.options[0]
    return None


@pytest.fixture(scope="module")
def menus():
    peasant = [(t, menu) for t, menu, _ in play_with_decisions(GameSetup(role="peasant", household="wang_fu", seed=5, county=3), join_everything)]
    cadre = [(t, menu) for t, menu, _ in play_with_decisions(GameSetup(role="cadre", seed=3, county=3), join_everything)]
    return peasant, cadre


def test_no_higher_co_op_option_before_winter_1955(menus):
    peasant, cadre = menus
    for t, menu in peasant:
        ids = [o.id for d in menu for o in d.options]
        if t < WINTER_1955:
            assert "form.higher" not in ids, f"a higher co-op was offered at t={t}"
    for t, menu in cadre:
        if t < WINTER_1955:
            assert "upgrade" not in [d.id for d in menu], f"conversion was offered at t={t}"
    assert any(d.id == "upgrade" for t, menu in cadre if t >= WINTER_1955 for d in menu) or \
        any(o.id == "form.higher" for t, menu in peasant for d in menu for o in d.options)


def test_withdrawal_decision_only_in_autumn_or_the_contraction(menus, params):
    _, cadre = menus
    for t, menu in cadre:
        has = "withdrawal" in [d.id for d in menu]
        assert has == (t % 4 == 2 or bool(params.schedule.contraction[t])), f"t={t}"


def test_options_carry_previews_with_numbers(menus):
    peasant, cadre = menus
    numbered = {"form", "stance", "omega", "sideline", "sell", "valuation", "animals"}
    checked = set()
    for t, menu in peasant + cadre:
        for decision in menu:
            assert decision.title and decision.explain
            assert decision.options
            for option in decision.options:
                assert option.label
                if not option.available:
                    assert option.reason, f"{option.id} is closed without a reason"
                if decision.id in numbered:
                    assert any(ch.isdigit() for ch in option.preview), f"{option.id} at t={t}: {option.preview!r}"
                    checked.add(decision.id)
    assert {"form", "stance", "omega"} <= checked


def test_closed_options_are_refused_and_open_ones_accepted():
    for setup in (GameSetup(role="peasant", household="wang_fu", seed=5, county=3), GameSetup(role="cadre", seed=3, county=3)):
        session = Session(setup)
        while not session.finished:
            clear_scenes(session)
            for decision in decisions(session):
                for option in decision.options:
                    if option.available:
                        session.apply(option.action)
                    else:
                        assert_refused(session, option.action)
            session.apply(EndSeason())


def test_decisions_mark_the_current_choice():
    session = Session(GameSetup(role="cadre", seed=3, county=3))
    session.apply(SetLever("stance", "demonstration"))
    stance = next(d for d in decisions(session) if d.id == "stance")
    assert [o.id for o in stance.options if o.current] == ["stance.demonstration"]
    assert set(LEVERS) >= {d.id for d in decisions(session)} - {"dissolve"}
