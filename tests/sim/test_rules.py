"""Rule-level tests of the model's mechanisms on tiny hand-built villages, with numbers worked
out by hand (issues 11 and 18): a team needs partners, a co-op needs a founding group and its
members go to the largest co-op with room, the state assesses a co-op without netting its
members' deficits against their surpluses, households outside the co-ops pay the surcharge
whether or not they are in a team, a co-op's meeting decides the higher stage and a refuser is
carried in unless enough refuse with it, the share fund is paid, standing follows actions, and
the calculus forecasts what the harvest then pays in a year without shocks.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.sim import admission, stages, standing
from game.sim.harvest import harvest
from game.sim.levers import Levers
from game.sim.params import DIRECTIVE_SEASON, HIGHER, INDEPENDENT, LOWER, N_SEASONS, TEAM, Schedule
from game.sim.state import NO_COOP, VillageState
from game.sim.statetake import assessed_take, coop_take
from game.sim.units import sums_for


def village(params, n: int, **values) -> VillageState:
    """One village of ``n`` households, all alike unless ``values`` says otherwise (lists or scalars)."""
    def arr(name, default, dtype=np.float64):
        value = values.get(name, default)
        return np.broadcast_to(np.asarray(value, dtype=dtype), (n,)).reshape(1, n).copy()

    form = arr("form", INDEPENDENT, np.int8)
    return VillageState(
        t=values.get("t", 0), seed=1, cls=arr("cls", 1, np.int8), persons=arr("persons", 4.0), lab=arr("lab", 2.0),
        skill=arr("skill", 1.0), patience=arr("patience", 0.85), threshold=arr("threshold", 0.3), vuln=arr("vuln", 0.35),
        group=np.asarray(values.get("group", np.arange(n) // 7), np.int64), land=arr("land", 15.0),
        animals=arr("animals", 0.0), grain=arr("grain", 500.0), cash=arr("cash", 100.0), debt=arr("debt", 0.0),
        fund_loan=arr("fund_loan", 0.0), form=form, coop=arr("coop", NO_COOP, np.int8), plot=arr("plot", 0.0),
        effort=arr("effort", 1.0), trust=arr("trust", 0.6), grievance=arr("grievance", 0.0), exp_inside=arr("x", 0.0),
        exp_outside=arr("x", 0.0), hunger=arr("hunger", 0.0), wants_out=arr("w", 0, bool), owed=arr("owed", 0.0),
        brought=arr("brought", 0.0), year_income=arr("y", 0.0), last_income=arr("y", 0.0), standing=arr("standing", 0.0),
        prep=arr("prep", 1.0), share_paid=arr("share_paid", 0.0), fund=np.zeros(1), collective_animals=np.zeros(1),
        irrigation=np.ones(1), career=np.zeros(1), coercion=np.zeros(1), unrest=np.zeros(1), chopped=np.zeros(1),
        report_bias=np.ones(1), work_team=np.zeros(1), draw_row=np.zeros(1, np.int64))


def constant_schedule(params, **rows) -> object:
    """The scenario's parameters with a schedule that is the same every season."""
    base = {name: np.full(N_SEASONS, float(getattr(params.schedule, name)[-1])) for name in params.schedule.__dataclass_fields__}
    base.update({k: np.full(N_SEASONS, float(v)) for k, v in rows.items()})
    return replace(params, schedule=Schedule(**base))


# ------------------------------------------------------------------ teams and co-ops hold together
def test_a_team_needs_three_households(params):
    group = np.zeros(5, np.int64)
    two = np.array([[TEAM, TEAM, INDEPENDENT, INDEPENDENT, INDEPENDENT]])
    three = np.array([[TEAM, TEAM, TEAM, INDEPENDENT, INDEPENDENT]])
    forms, broke = stages.teams_hold(two, group, params)
    assert forms.tolist() == [[INDEPENDENT] * 5] and broke.sum() == 2
    forms, broke = stages.teams_hold(three, group, params)
    assert forms.tolist() == three.tolist() and broke.sum() == 0


def test_a_co_op_below_three_members_dissolves(params):
    form = np.array([[LOWER, LOWER, LOWER, LOWER, LOWER]])
    coop = np.array([[0, 0, 0, 1, 1]], np.int8)
    forms, slots, broke = stages.coops_hold(form, coop, params)
    assert forms.tolist() == [[LOWER, LOWER, LOWER, INDEPENDENT, INDEPENDENT]]
    assert slots.tolist() == [[0, 0, 0, NO_COOP, NO_COOP]] and broke.sum() == 2


# ------------------------------------------------------------------ admission
def _admit(params, state, want, approved=True, capacity=20.0, t=10):
    p = constant_schedule(params, capacity=capacity, lower_allowed=1.0)
    score = np.zeros(state.form.shape + (4,))
    draws = np.zeros(state.form.shape + (6,))
    draws[..., 1] = np.linspace(0.9, 0.1, state.households)  # a fixed order of applications
    levers = Levers.default(1)
    levers.admission[:] = 1  # recruit the poor: nobody is screened out
    return admission.admit(state, p, t, score, np.asarray(want)[None, :], state.form.astype(np.int64), levers, draws,
                           np.array([approved]))


def test_four_applicants_cannot_found_a_co_op_five_can(params):
    state = village(params, 8)
    four = _admit(params, state, [LOWER] * 4 + [INDEPENDENT] * 4)
    assert four["admitted"].sum() == 0 and four["too_few"].sum() == 4
    five = _admit(params, state, [LOWER] * 5 + [INDEPENDENT] * 3)
    assert five["admitted"].sum() == 5
    assert len(set(five["slot"][0, :5].tolist())) == 1  # one co-op, founded together


def test_without_the_county_s_approval_no_co_op_is_founded(params):
    state = village(params, 8)
    result = _admit(params, state, [LOWER] * 6 + [INDEPENDENT] * 2, approved=False)
    assert result["admitted"].sum() == 0 and result["not_approved"].sum() == 6


def test_joiners_go_to_the_largest_co_op_with_room(params):
    n = 20
    form = [LOWER] * 12 + [INDEPENDENT] * 8
    coop = [0] * 4 + [2] * 8 + [NO_COOP] * 8
    state = village(params, n, form=form, coop=coop)
    result = _admit(params, state, [LOWER] * n)
    joined = result["admitted"][0] > 0
    assert joined[12:].all() and not joined[:12].any()
    assert set(result["slot"][0, 12:].tolist()) == {2}  # the co-op of 8, not the co-op of 4


def test_capacity_limits_applications_and_nobody_jumps_the_queue(params):
    state = village(params, 10, form=[LOWER] * 5 + [INDEPENDENT] * 5, coop=[0] * 5 + [NO_COOP] * 5)
    result = _admit(params, state, [LOWER] * 10, capacity=2.0, approved=False)
    # the two applications drawn first are heard (draws fall from the first household to the last)
    assert result["admitted"][0].tolist() == [0, 0, 0, 0, 0, 1, 1, 0, 0, 0]
    assert result["not_admitted"][0, 7:].all()


# ------------------------------------------------------------------ the state's take
def test_a_co_op_is_assessed_without_netting_its_members(params):
    per_mu = np.array([[200.0, 200.0]])
    land = np.array([[20.0, 5.0]])
    persons = np.array([[4.0, 4.0]])
    _, proc = coop_take(per_mu, land, persons, np.zeros((1, 2)), params, 1.0)
    # by hand: 4,000 jin normal output, tax 13% = 520, seed 6% = 240, retention 4 x 400 = 1,600:
    # surplus 1,640; the small holding (1,000 jin) is in deficit and owes nothing
    tax = params.tax_rate
    expected = 4000 * (1 - params.seed_rate) - tax * 4000 - params.retention * 4
    assert proc[0, 0] == pytest.approx(expected)
    assert proc[0, 1] == 0.0
    _, netted = assessed_take(np.array([5000.0]), np.array([8.0]), np.array([0.0]), params, 1.0)
    assert proc.sum() > netted[0]  # assessing the unit as one household would have let the deficit cancel


def test_households_outside_co_ops_pay_the_surcharge_team_or_not(params):
    p = constant_schedule(params, discrimination=0.2, procurement_on=1.0, procurement_rate=1.0, assessment_level=1.0)
    # two pairs of identical neighbours: three in a team (group 0), three alone (group 1)
    state = village(params, 6, form=[TEAM] * 3 + [INDEPENDENT] * 3, group=[0, 0, 0, 1, 1, 1], land=25.0, animals=1.25,
                    persons=3.0)
    levers = Levers.default(1)
    flows = harvest(state, p, 2, sums_for(state), np.ones(1), np.ones((1, 6)), levers, np.ones(1), np.ones(1),
                    np.zeros((1, 6)), (np.full(1, 0.6), np.full(1, 0.45)), np.ones((1, 6)))
    assert flows["procurement"][0, 0] == pytest.approx(flows["procurement"][0, 3], rel=1e-9)
    no_surcharge = harvest(village(params, 6, form=[TEAM] * 3 + [INDEPENDENT] * 3, group=[0, 0, 0, 1, 1, 1], land=25.0,
                                   animals=1.25, persons=3.0), constant_schedule(params, discrimination=0.0, procurement_on=1.0,
                                                                                 procurement_rate=1.0, assessment_level=1.0),
                           2, sums_for(state), np.ones(1), np.ones((1, 6)), levers, np.ones(1), np.ones(1), np.zeros((1, 6)),
                           (np.full(1, 0.6), np.full(1, 0.45)), np.ones((1, 6)))
    assert flows["procurement"][0, 0] > no_surcharge["procurement"][0, 0]


# ------------------------------------------------------------------ the higher stage
def _meeting(params, votes, want=None, exit_open=0.0):
    n = len(votes)
    state = village(params, n, form=LOWER, coop=0, t=12)
    p = constant_schedule(params, higher_allowed=1.0, higher_quota=0.5)
    score = np.zeros((1, n, 4))
    levers = Levers.default(1)
    levers.upgrade[:] = True
    draws = np.zeros((1, n, 6))  # every withdrawal asked for is granted as far as exit is open
    want = np.full((1, n), LOWER) if want is None else np.asarray(want)[None, :]
    return stages.meetings(state, p, 12, score, np.zeros((1, n, 4)), draws, levers, np.zeros(1), np.array([exit_open]),
                           np.asarray(votes, np.int8)[None, :], state.form.astype(np.int64), want)


def test_a_meeting_that_votes_to_go_higher_carries_a_lone_refuser_in(params):
    result = _meeting(params, [1, 1, 1, 1, 0, 1])
    assert result["passed"].all() and result["converted"].sum() == 6
    assert result["carried"][0].tolist() == [0, 0, 0, 0, 1, 0]


def test_enough_refusers_stay_behind_and_a_refuser_may_withdraw(params):
    stay = _meeting(params, [1] * 6 + [0] * 5)
    assert stay["passed"].all() and stay["stayed"][0, 6:].all() and stay["converted"].sum() == 6
    out = _meeting(params, [1, 1, 1, 1, 0, 1], want=[LOWER] * 4 + [INDEPENDENT, LOWER], exit_open=1.0)
    assert out["withdrew"][0].tolist() == [0, 0, 0, 0, 1, 0] and out["converted"].sum() == 5


def test_a_meeting_that_votes_no_changes_nothing(params):
    result = _meeting(params, [0, 0, 0, 1, 1, 0])
    assert not result["passed"].any() and result["converted"].sum() == 0


# ------------------------------------------------------------------ share fund and standing
def test_the_share_fund_is_paid_from_money_or_lent_to_the_poor(params):
    state = village(params, 3, cls=[0, 0, 2], cash=[20.0, 500.0, 500.0], lab=[1.5, 1.5, 2.5])
    levers = Levers.default(1)
    admission.pay_share_fund(state, params, np.array([[True, True, True]]), levers)
    due = params.share_fund * np.array([1.5, 1.5, 2.5])
    assert state.share_paid[0].tolist() == pytest.approx(due.tolist())
    assert state.debt[0, 0] == pytest.approx(due[0] - 20.0) and state.cash[0, 0] == 0.0
    levers.poor_fund[:] = True
    other = village(params, 3, cls=[0, 0, 2], cash=[20.0, 500.0, 500.0], lab=[1.5, 1.5, 2.5])
    admission.pay_share_fund(other, params, np.array([[True, True, True]]), levers)
    assert other.fund_loan[0].tolist() == pytest.approx([due[0], due[1], 0.0])
    assert other.cash[0, 2] == pytest.approx(500.0 - due[2])


def test_standing_follows_actions(params):
    before = np.array([[INDEPENDENT, INDEPENDENT, LOWER]])
    early = village(params, 3, form=[LOWER, INDEPENDENT, LOWER], t=4)
    change = standing.update(early, params, 4, before, {}, np.ones((1, 3)))
    assert change[0, 0] == pytest.approx(1.5 * params.standing_join)  # joining before July 1955
    assert change[0, 1] == 0.0
    late = village(params, 3, form=[LOWER, INDEPENDENT, LOWER])
    t = DIRECTIVE_SEASON + 1
    change = standing.update(late, params, t, before, {}, np.ones((1, 3)))
    share = 2 / 3
    assert change[0, 1] == pytest.approx(-params.standing_holdout * params.schedule.holdout[t] * share)
    assert change[0, 0] == pytest.approx(params.standing_join)


# ------------------------------------------------------------------ the calculus against the harvest
def test_the_calculus_forecasts_what_a_year_without_shocks_pays(params):
    """A lower co-op of six and two households alone; the same rules every season; no weather,
    no luck, nobody changes: the calculus's forecast for the year is what the two harvests pay."""
    from game.sim.calculus import compute

    p = constant_schedule(params, discrimination=0.0, procurement_on=1.0, higher_allowed=0.0, higher_quota=0.0,
                          assessment_level=1.0)
    p = replace(p, sideline=0.0, plot_yield=0.0)
    form = [LOWER] * 6 + [INDEPENDENT] * 2
    state = village(params, 8, form=form, coop=[0] * 6 + [NO_COOP] * 2, land=[10, 12, 15, 20, 25, 18, 14, 22],
                    lab=[1.5, 2, 2, 2.5, 3, 2, 2, 2.5], animals=[0, 0, 1, 1, 2, 0, 0, 1], persons=[4, 5, 5, 5, 6, 4, 4, 5],
                    effort=[0.9] * 6 + [1.0, 1.0], grain=3000.0)  # those alone work their own fields in full
    levers = Levers.default(1)
    metering = (np.full(1, 0.6), np.full(1, 0.45))
    calc = compute(state, p, 0, sums_for(state), levers, np.zeros(1), np.ones(1), metering)
    paid = np.zeros(8)
    for t in (1, 2):  # summer, then autumn
        flows = harvest(state, p, t, sums_for(state), np.ones(1), np.ones((1, 8)), levers, np.zeros(1), np.ones(1),
                        np.zeros((1, 8)), metering, np.ones((1, 8)))
        paid += flows["income"][0]
    forecast = np.array([calc.total[0, i, form[i]] for i in range(8)])
    assert paid == pytest.approx(forecast, rel=0.02)


def test_the_model_card_names_only_parameters_that_exist_and_sources_that_are_listed(params):
    import tomllib
    from dataclasses import fields

    from game.content.scenario import SOURCE_ID
    from game.paths import assets_dir
    from game.sim.mechanisms import MECHANISMS
    from game.sim.params import Params

    names = {f.name for f in fields(Params)} | {f.name for f in fields(Schedule)}
    with (assets_dir() / "sources.toml").open("rb") as handle:
        known = {entry["id"] for entry in tomllib.load(handle)["source"]}
    for mechanism in MECHANISMS:
        assert set(mechanism.parameters) <= names, (mechanism.id, set(mechanism.parameters) - names)
        cited = SOURCE_ID.findall(mechanism.sources)
        assert cited and set(cited) <= known, (mechanism.id, set(cited) - known)


# ------------------------------------------------------------------ whole games, quickly
def test_whole_games_keep_every_invariant_on_fixed_counties(params):
    """The invariants of test_invariants.py (grain conserved in every village, nothing negative
    or NaN, every household in exactly one form, shares adding up) over all sixteen seasons, on
    fixed small counties under three cadre policies, with a player who changes form and a crowd
    overridden at random: quick enough to run for every mutant of the model, so a change that
    breaks a season the hand-built villages do not reach (an index, a season, a crash) fails."""
    from test_invariants import overrides_maker, policy_from, run_checked

    from game.sim import initial_state

    forms = [-1, 1, 1, 2, -1, 0, 2, 2, 1, 3, 2, -1, 3, 0, 2, 3]
    choices = {"household": 3, "crowd_seed": 7, "crowd_share": 0.1,
               "seasons": [{"form": f, "effort": 0.9 if t % 3 else np.nan, "animals": -1 if t % 5 else 1,
                            "sell_grain": 40.0 if t % 4 == 3 else 0.0, "hide_grain": 30.0 if t == 6 else 0.0,
                            "sideline": np.nan} for t, f in enumerate(forms)]}
    push = {"stance": np.array([3, 2], np.int8), "omega": np.array([0.3, 0.1]), "valuation": np.array([0.5, 0.9]),
            "withdrawal": np.array([0, 2], np.int8), "assessment": np.array([1, 0], np.int8),
            "work_points": np.array([2, 0], np.int8), "upgrade": np.array([True, False])}
    mild = {"stance": np.array([0, 1], np.int8), "withdrawal": np.array([2, 1], np.int8),
            "upgrade": np.array([False, True])}
    for seed, policy in ((1, None), (2, policy_from(push)), (3, policy_from(mild))):
        state = initial_state(params, seed, 2)
        run_checked(state, params, policy=policy, overrides_for=overrides_maker(2, state.households, choices))


def test_a_village_s_history_does_not_depend_on_its_neighbours(params):
    """Every rule works village by village: village 0 of a county of three, with its AI
    secretary, lives the same sixteen seasons as when it is simulated alone (a sum, mean or
    maximum taken over the whole county instead of over one village's households breaks this)."""
    from game.sim import initial_state, step

    for seed in (5, 8):
        alone, county = initial_state(params, seed, 1), initial_state(params, seed, 3)
        for t in range(16):
            solo, many = step(alone, params), step(county, params)
            for key, value in solo.indicators.items():
                if np.ndim(value) >= 1 and np.shape(value)[0] == 1:
                    assert np.allclose(value[0], many.indicators[key][0], equal_nan=True), (seed, t, key)
            assert alone.digest(village=0) == county.digest(village=0), (seed, t)


def villages(*states: VillageState) -> VillageState:
    """Hand-built one-village states side by side as one county (every array with a village axis
    is stacked; the households' group labels are shared)."""
    from dataclasses import fields

    first = states[0]
    values = {}
    for f in fields(first):
        value = getattr(first, f.name)
        if isinstance(value, np.ndarray) and value.ndim >= 1 and value.shape[0] == 1 and f.name != "group":
            values[f.name] = np.concatenate([getattr(s, f.name) for s in states])
        else:
            values[f.name] = value
    return VillageState(**values)


def test_every_season_reports_by_name_what_the_story_and_the_standing_read(params):
    """The narration and the standing read these per-household flows by name (``flows.get``): a
    renamed key would silently drop a sentence or a standing change. Where no meeting was held a
    household cast no vote (-1, not a 'no' of 0)."""
    from game.sim import initial_state, step

    state = initial_state(params, 1, 2)
    held_somewhere = False
    for t in range(16):
        flows = step(state, params).flows
        for key in ("screened_out", "not_admitted", "too_few_founders", "coop_broke", "vote", "meeting_held",
                    "left", "joined"):
            assert np.shape(flows[key]) == (2, state.households), (t, key)
        held = flows["meeting_held"] > 0
        held_somewhere |= bool(held.any())
        assert np.all(flows["vote"][~held] == -1.0), t
        assert np.all(np.isin(flows["vote"][held], (0.0, 1.0))), t
    assert held_somewhere, "no meeting on the higher stage in two villages over four years"
