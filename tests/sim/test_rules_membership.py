"""Rule-level tests of joining and leaving (M6), admission and standing (M10) on tiny hand-built
villages, numbers worked out by hand (issue 18): the autumn exit window and its chance, blocked
exits turning into grievance, what a leaver takes home, the spring 1955 contraction, screening
and the admission policies' preferences, the cadres' capacity by stance, the higher co-op's
intake, co-ops founded coop_max at a time, and every count of standing.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.sim import admission, membership, stages, standing
from game.sim.levers import Levers
from game.sim.params import (DIRECTIVE_SEASON, HIGHER, INDEPENDENT, LOWER, LOWER_MIDDLE, POOR, RICH, TEAM,
                             UPPER_MIDDLE)
from game.sim.state import NO_COOP
from test_rules import constant_schedule, village

AUTUMN = 10  # the exit window after the year-end accounts
assert AUTUMN % 4 == 2


def _p(params, **rows):
    p = constant_schedule(params, **{"capacity": 0.0, "founding": 0.0, "higher_allowed": 0.0, "lower_allowed": 1.0,
                                     "contraction": 0.0, **rows})
    return replace(p, survival=250.0, logit_scale=2.0, exit_cost=1.5, join_cost=1.0, grievance_weight=1.0,
                   team_min=3.0, coop_min=3.0, found_min=5.0, coop_max=40.0, share_fund=60.0)


# ------------------------------------------------------------------ leaving
def _leave(p, t=AUTUMN, n=6, form=LOWER, exit_open=0.5, leave_draw=0.0, override=-1, withdrawal=0, dissolve=False,
           x=4 * 350.0, inside=0.0, **values):
    """A co-op of ``n`` whose members expected 350 jin a head inside against 450 outside
    (utility -10 against -5: realised -2.5 in logit units)."""
    state = village(p, n, form=form, coop=0 if form == LOWER else NO_COOP, persons=4.0, x=x, **values)
    economic = np.zeros((1, n, 4))
    economic[..., LOWER:] = inside  # what the season's calculus says a co-op pays against farming alone
    prefs = {"economic": economic, "social": np.zeros((1, n, 4)), "politic": np.zeros((1, n, 4)),
             "insurance": np.zeros((1, n)), "outside_income": np.full((1, n), 4 * 450.0)}
    draws = np.zeros((1, n, 6))
    draws[..., 0] = 0.99  # nobody reconsiders what it wants: each wants its current form
    draws[..., 1] = np.linspace(0.9, 0.1, n)
    draws[..., 2] = leave_draw
    levers = Levers.default(1)
    levers.withdrawal[:] = withdrawal
    levers.dissolve_weak[:] = dissolve
    flows = membership.choose(state, p, t, prefs, levers, np.zeros(1), np.array([exit_open]), np.zeros((1, n, 4)), draws,
                              np.full((1, n), override, np.int8), np.full((1, n), -1, np.int8), np.full((1, 4), 0.99))
    return flows, state


def test_a_member_let_down_by_the_co_op_leaves_in_the_autumn_with_the_exit_s_chance(params):
    # desire = 2.5 - exit cost 1.5 = 1: chance 0.5 / (1 + e^-1) = 0.3655
    p = _p(params)
    flows, state = _leave(p, leave_draw=0.36)
    assert flows["left"][0].tolist() == [1.0] * 6 and state.form[0].tolist() == [INDEPENDENT] * 6
    assert state.coop[0].tolist() == [NO_COOP] * 6
    flows, state = _leave(p, leave_draw=0.37)
    assert flows["left"].sum() == 0 and flows["blocked"][0].tolist() == [1.0] * 6
    assert state.grievance[0].tolist() == pytest.approx([0.3] * 6) and state.wants_out.all()


def test_grievance_adds_to_the_wish_to_leave(params):
    # grievance 1: desire 2, chance 0.5 / (1 + e^-2) = 0.4404
    p = _p(params)
    assert _leave(p, leave_draw=0.44, grievance=1.0)[0]["left"].sum() == 6
    assert _leave(p, leave_draw=0.45, grievance=1.0)[0]["left"].sum() == 0


def test_outside_the_autumn_window_nobody_leaves_and_grievance_fades(params):
    p = _p(params)
    flows, state = _leave(p, t=AUTUMN + 1, leave_draw=0.0, grievance=1.0)
    assert flows["left"].sum() == 0 and flows["blocked"].sum() == 0
    assert state.grievance[0].tolist() == pytest.approx([0.9] * 6)


def test_a_contraction_opens_the_window_where_the_cadre_dissolves_weak_co_ops(params):
    p = _p(params, contraction=1.0)
    # in spring the season's calculus decides: a co-op 3 logit units worse than farming alone
    flows, state = _leave(p, t=8, leave_draw=0.0, dissolve=True, inside=-3.0)
    assert flows["left"].sum() == 6
    assert _leave(p, t=8, leave_draw=0.0, dissolve=False, inside=-3.0)[0]["left"].sum() == 0
    assert _leave(_p(params), t=8, leave_draw=0.0, dissolve=True, inside=-3.0)[0]["left"].sum() == 0


def test_a_player_who_asks_to_leave_goes_as_far_as_the_exit_is_open(params):
    p = _p(params)
    # a content member (expected 450 inside): the model would not leave, the player's wish does, with chance 0.5
    flows, state = _leave(p, leave_draw=0.49, override=INDEPENDENT, x=4 * 450.0)
    assert flows["left"][0].tolist() == [1.0] * 6
    flows, _ = _leave(p, leave_draw=0.51, override=INDEPENDENT, x=4 * 450.0)
    assert flows["left"].sum() == 0 and flows["blocked"].sum() == 6
    flows, state = _leave(p, leave_draw=0.0, override=TEAM, x=4 * 450.0)
    assert state.form[0].tolist() == [TEAM] * 6  # six neighbours in one group: the team holds


def test_leaving_with_property_refunds_the_share_fund_and_leads_animals_home(params):
    p = _p(params)
    flows, state = _leave(p, form=HIGHER, leave_draw=0.0, share_paid=120.0, cash=0.0, brought=1.0, owed=600.0)
    state_animals = state.animals[0].tolist()
    assert flows["left"].sum() == 6
    assert state.cash[0].tolist() == pytest.approx([120.0] * 6) and state.share_paid[0].tolist() == [0.0] * 6
    assert state_animals == [0.0] * 6  # the herd is empty in this village: nothing to lead home
    _, without = _leave(p, form=HIGHER, leave_draw=0.0, withdrawal=1, share_paid=120.0, cash=0.0)
    assert without.cash[0].tolist() == [0.0] * 6 and without.share_paid[0].tolist() == [0.0] * 6


def test_a_content_member_stays_and_does_not_want_out(params):
    p = _p(params)
    flows, state = _leave(p, leave_draw=0.0, x=4 * 450.0)  # desire = -1.5
    assert flows["left"].sum() == 0 and not state.wants_out.any() and flows["blocked"].sum() == 0


def test_a_household_that_leaves_is_outside_the_co_ops_at_the_end_of_the_season(params):
    p = _p(params, capacity=20.0)
    flows, state = _leave(p, form=LOWER, n=12, leave_draw=np.array([0.0] * 6 + [0.99] * 6))
    left = flows["left"][0] > 0
    assert left.sum() == 6
    assert (state.form[0][left] < LOWER).all()


def test_the_utility_of_income_is_concave_and_floored_near_subsistence(params):
    p = _p(params)
    got = membership.utility(np.array([450.0, 350.0, 260.0, 100.0]), p)
    assert got.tolist() == pytest.approx([-5.0, -10.0, -50.0, -50.0])  # within 20 jin of the line: -1000 / 20


def test_the_spring_contraction_breaks_small_co_ops_into_teams(params):
    p = _p(params)
    # co-op 0: seven households (neighbour group 0); co-op 1: eight (groups 1 and 2)
    state = village(p, 15, form=LOWER, coop=[0] * 7 + [1] * 8)
    broken = membership.dissolve_weak(state, p, np.array([True]))
    assert broken[0].tolist() == [True] * 7 + [False] * 8
    assert state.form[0].tolist() == [TEAM] * 7 + [LOWER] * 8
    assert state.coop[0].tolist() == [NO_COOP] * 7 + [1] * 8
    assert state.trust[0].tolist() == pytest.approx([0.5] * 7 + [0.6] * 8)
    spared = village(p, 15, form=LOWER, coop=[0] * 7 + [1] * 8)
    assert not membership.dissolve_weak(spared, p, np.array([False])).any() and (spared.form == LOWER).all()


def test_a_broken_co_op_s_members_without_neighbours_farm_alone(params):
    p = _p(params)
    # co-op 0: five of group 0 and two of group 1, whose other neighbours are in co-op 1
    state = village(p, 17, form=LOWER, coop=[0] * 5 + [1] * 2 + [0] * 2 + [1] * 8)
    state.coop[0, :] = [0] * 5 + [1, 1] + [0, 0] + [1] * 8
    state.coop[0, 5:7] = 1
    state.coop[0, 7:9] = 0
    membership.dissolve_weak(state, p, np.array([True]))
    assert state.form[0, :5].tolist() == [TEAM] * 5
    assert state.form[0, 7:9].tolist() == [INDEPENDENT] * 2


# ------------------------------------------------------------------ admission
def _admit(p, state, want, policy=admission.RECRUIT_POOR, approved=True, stance=0, t=10):
    n = state.households
    draws = np.zeros((1, n, 6))
    draws[..., 1] = np.linspace(0.9, 0.1, n)  # applications drawn from the first household to the last
    levers = Levers.default(1)
    levers.admission[:] = policy
    levers.stance[:] = stance
    return admission.admit(state, p, t, np.zeros((1, n, 4)), np.asarray(want)[None, :], state.form.astype(np.int64),
                           levers, draws, np.array([approved]))


def test_a_screening_co_op_turns_away_labour_without_land_or_an_animal(params):
    p = _p(params, capacity=20.0)
    # land per labour 2.5 against a median of 7.5 (below 0.6 x 7.5) and no animal: weak
    state = village(p, 8, land=[5.0] + [15.0] * 7, lab=2.0, animals=[0.0] + [1.0] * 7)
    assert admission.weak_applicant(state)[0].tolist() == [True] + [False] * 7
    screened = _admit(p, state, [LOWER] * 8, policy=admission.SCREEN)
    assert screened["screened"][0].tolist() == [1.0] + [0.0] * 7
    assert screened["admitted"][0].tolist() == [0.0] + [1.0] * 7
    recruit = _admit(p, state, [LOWER] * 8, policy=admission.RECRUIT_POOR)
    assert recruit["screened"].sum() == 0 and recruit["admitted"].sum() == 8
    owner = village(p, 8, land=[5.0] + [15.0] * 7, lab=2.0, animals=1.0)  # an animal makes up for the land
    assert not admission.weak_applicant(owner).any()


def test_the_admission_policy_puts_its_class_first_in_the_queue(params):
    # an existing co-op of five and room for two applications: the draws favour the first households
    p = _p(params, capacity=2.0)
    cls = [UPPER_MIDDLE, UPPER_MIDDLE, POOR, LOWER_MIDDLE, UPPER_MIDDLE] + [POOR] * 5
    form = [INDEPENDENT] * 5 + [LOWER] * 5
    coop = [NO_COOP] * 5 + [0] * 5
    want = [LOWER] * 5 + [LOWER] * 5
    state = village(p, 10, cls=cls, form=form, coop=coop)
    poor = _admit(p, state, want, policy=admission.RECRUIT_POOR, approved=False)
    assert poor["admitted"][0, :5].tolist() == [0, 0, 1, 1, 0]
    well_off = _admit(p, state, want, policy=admission.BRING_IN_WELL_OFF, approved=False)
    assert well_off["admitted"][0, :5].tolist() == [1, 1, 0, 0, 0]
    screen = _admit(p, state, want, policy=admission.SCREEN, approved=False)
    assert screen["admitted"][0, :5].tolist() == [1, 1, 0, 0, 0]  # no preference: the draws decide
    assert poor["not_admitted"][0, :5].tolist() == [1, 1, 0, 0, 1]


def test_pressure_lets_the_cadres_organize_half_again_as_many(params):
    # capacity 5 a season: x 1.2 for demonstration (6), x 1.5 for pressure and coercion (7.5: eight heard)
    p = _p(params, capacity=5.0)
    state = village(p, 20, form=[INDEPENDENT] * 15 + [LOWER] * 5, coop=[NO_COOP] * 15 + [0] * 5)
    heard = [_admit(p, state, [LOWER] * 20, approved=False, stance=stance)["admitted"].sum() for stance in range(4)]
    assert heard == [5, 6, 8, 8]


def test_an_approved_co_op_can_always_take_a_founding_group(params):
    p = _p(params, capacity=1.0)
    state = village(p, 8)
    result = _admit(p, state, [LOWER] * 6 + [INDEPENDENT] * 2)
    assert result["admitted"].sum() == 5  # capacity lifted to the founding group of five


def test_the_higher_co_op_takes_whoever_the_cadres_can_organize(params):
    p = _p(params, capacity=3.0)
    state = village(p, 8, form=[HIGHER] * 3 + [INDEPENDENT] * 5)
    result = _admit(p, state, [HIGHER] * 8, approved=False)
    assert result["admitted"][0].tolist() == [0, 0, 0, 1, 1, 1, 0, 0]
    assert (result["slot"][0] == -1).all()  # no lower co-op slot


def test_co_ops_are_founded_coop_max_at_a_time_and_the_last_group_needs_founders(params):
    p = replace(_p(params, capacity=20.0), coop_max=6.0, found_min=3.0)
    state = village(p, 14)
    result = _admit(p, state, [LOWER] * 14)
    assert result["admitted"][0].tolist() == [1] * 12 + [0, 0]
    assert result["too_few"][0].tolist() == [0] * 12 + [1, 1]
    slots = result["slot"][0, :12].tolist()
    assert slots == [slots[0]] * 6 + [slots[6]] * 6 and slots[0] != slots[6]
    third = _admit(p, village(p, 15), [LOWER] * 15)
    assert third["admitted"].sum() == 15 and len(set(third["slot"][0].tolist())) == 3


def test_a_full_co_op_sends_joiners_to_found_the_next(params):
    p = replace(_p(params, capacity=20.0), coop_max=6.0, found_min=3.0)
    state = village(p, 10, form=[LOWER] * 5 + [INDEPENDENT] * 5, coop=[1] * 5 + [NO_COOP] * 5)
    result = _admit(p, state, [LOWER] * 10)
    # one place left in co-op 1, then four found a co-op of their own in the first empty slot
    assert result["slot"][0, 5:].tolist() == [1, 0, 0, 0, 0]
    unapproved = _admit(p, state, [LOWER] * 10, approved=False)
    assert unapproved["slot"][0, 5:].tolist() == [1, -1, -1, -1, -1]
    assert unapproved["not_approved"][0, 5:].tolist() == [0, 1, 1, 1, 1]


def test_no_fifth_co_op_in_a_village(params):
    p = replace(_p(params, capacity=20.0), coop_max=3.0, found_min=3.0)
    form = [LOWER] * 12 + [INDEPENDENT] * 3
    state = village(p, 15, form=form, coop=[0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3] + [NO_COOP] * 3)
    result = _admit(p, state, [LOWER] * 15)
    assert result["admitted"][0, 12:].sum() == 0 and result["too_few"][0, 12:].sum() == 3


def test_households_already_in_a_co_op_do_not_apply(params):
    p = _p(params, capacity=20.0)
    state = village(p, 6, form=[LOWER] * 6, coop=0)
    result = _admit(p, state, [LOWER] * 6)
    assert result["admitted"].sum() == 0 and result["not_admitted"].sum() == 0


# ------------------------------------------------------------------ standing
def _standing(params, t, before, after, flows=None, sideline=1.0, **values):
    p = replace(constant_schedule(params, holdout=0.5), standing_join=1.0, standing_leave=2.0, standing_holdout=1.5,
                standing_hidden_found=2.0, standing_sale=0.5, standing_collective=0.5, standing_shirk=0.3)
    state = village(p, len(after), form=after, **values)
    return standing.update(state, p, t, np.array([before]), flows or {}, np.full((1, len(after)), sideline))[0], state


def test_leaving_costs_more_standing_the_harder_holdouts_are_singled_out(params):
    change, _ = _standing(params, 6, [LOWER] * 4, [LOWER, LOWER, LOWER, INDEPENDENT],
                          flows={"left": np.array([[0, 0, 0, 1.0]])})
    # -2 x (1 + 0.5) for leaving; as a holdout among three-quarters joined: -1.5 x 0.5 x 0.75
    assert change.tolist() == pytest.approx([0, 0, 0, -3.0 - 0.5625])
    withdrew, _ = _standing(params, 6, [LOWER] * 4, [LOWER] * 3 + [INDEPENDENT], flows={"withdrew": np.array([[0, 0, 0, 1.0]])})
    assert withdrew[3] == pytest.approx(-3.5625)


def test_rich_peasants_barred_from_the_co_ops_are_not_blamed_for_staying_out(params):
    change, _ = _standing(params, 6, [LOWER] * 2 + [INDEPENDENT] * 2, [LOWER] * 2 + [INDEPENDENT] * 2, cls=[0, 0, 0, RICH])
    assert change[2] == pytest.approx(-1.5 * 0.5 * 0.5) and change[3] == 0.0
    # from 0.7 joined on the rich are blamed like everyone else: 3 of 4 joined
    open_to_all, _ = _standing(params, 6, [LOWER] * 3 + [INDEPENDENT], [LOWER] * 3 + [INDEPENDENT], cls=[0] * 3 + [RICH])
    assert open_to_all[3] == pytest.approx(-1.5 * 0.5 * 0.75)
    below, _ = _standing(params, 6, [LOWER] * 6 + [INDEPENDENT] * 4, [LOWER] * 6 + [INDEPENDENT] * 4, cls=[0] * 9 + [RICH])
    assert below[9] == 0.0 and below[8] == pytest.approx(-1.5 * 0.5 * 0.6)


def test_found_grain_sales_collective_work_shirking_and_votes_move_standing(params):
    flows = {"hidden_found": np.array([[5.0, 0, 0, 0]]), "sold": np.array([[0, 150.0, 900.0, 0]]),
             "vote": np.array([[-1.0, -1.0, -1.0, 0.0]])}
    change, _ = _standing(params, 5, [TEAM] * 4, [TEAM] * 4, flows=flows)  # summer, nobody in a co-op
    assert change.tolist() == pytest.approx([-2.0, 0.75, 1.5, -0.5])
    slack, _ = _standing(params, 4, [TEAM] * 4, [TEAM] * 4, sideline=0.25)  # spring: 3/4 of the slack to the village
    assert slack.tolist() == pytest.approx([0.375] * 4)
    winter, _ = _standing(params, 7, [TEAM] * 4, [TEAM] * 4, sideline=0.0)
    assert winter.tolist() == pytest.approx([0.5] * 4)
    summer, _ = _standing(params, 5, [TEAM] * 4, [TEAM] * 4, sideline=0.0)
    assert summer.tolist() == [0.0] * 4
    # members' mean effort 0.85: 0.7 is visibly below (by more than 0.1), 0.8 is not
    shirk, _ = _standing(params, 5, [LOWER] * 4, [LOWER] * 4, effort=[0.7, 0.8, 0.95, 0.95])
    assert shirk.tolist() == pytest.approx([-0.3, 0.0, 0.0, 0.0])


def test_joining_after_the_directive_earns_the_plain_reward(params):
    after, _ = _standing(params, DIRECTIVE_SEASON, [INDEPENDENT, LOWER], [LOWER, LOWER])
    assert after.tolist() == pytest.approx([1.0, 0.0])
    before, state = _standing(params, DIRECTIVE_SEASON - 1, [INDEPENDENT, LOWER], [HIGHER, LOWER])
    assert before.tolist() == pytest.approx([1.5, 0.0]) and state.standing[0].tolist() == pytest.approx([1.5, 0.0])


# ------------------------------------------------------------------ what every household wants
def _prefs_p(params, **rows):
    p = constant_schedule(params, **{"optimism": 0.0, "quota": 0.05, **rows})
    return replace(p, survival=250.0, logit_scale=2.0, insurance_weight=0.6, luck_sigma=0.15, conformity=4.0,
                   pressure_weight=7.0)


def test_the_economic_score_is_the_gain_in_utility_plus_the_co_op_s_insurance(params):
    p = _prefs_p(params)
    state = village(p, 1, persons=4.0, threshold=0.0)
    total = np.array([[[1800.0, 1800.0, 2000.0, 2000.0]]])  # 450 a head alone, 500 in a co-op
    prefs = membership.preferences(state, p, 4, total, np.zeros(1))
    # u(500) - u(450) = -4 + 5 = 1; insurance 0.6 x (0.15 x 450)^2 x 2000 / 200^3 / 2 = 0.3417,
    # counted 0.8 in a lower co-op and fully in a higher one; in logit units (/ 2)
    insurance = 0.6 * (0.15 * 450) ** 2 * 2000 / 200**3 / 2
    assert prefs["economic"][0, 0].tolist() == pytest.approx([0.0, 0.0, (1 + 0.8 * insurance) / 2, (1 + insurance) / 2])
    assert prefs["insurance"][0, 0] == pytest.approx(insurance / 2)
    assert prefs["outside_income"][0, 0] == 1800.0
    hopeful = membership.preferences(state, _prefs_p(params, optimism=0.1), 4, total, np.zeros(1))
    # the Forty Articles' promise: 10% more expected in a co-op, u(550) = -1000 / 300
    assert hopeful["economic"][0, 0, LOWER] == pytest.approx((-1000 / 300 + 5 + 0.8 * insurance) / 2)
    assert hopeful["economic"][0, 0, TEAM] == 0.0


def test_neighbours_pull_towards_what_most_of_them_do(params):
    p = _prefs_p(params)
    # 2 of 10 in a team, 3 in a co-op; thresholds 0.2
    state = village(p, 10, form=[TEAM] * 2 + [LOWER] * 3 + [INDEPENDENT] * 5, coop=[NO_COOP] * 2 + [0] * 3 + [NO_COOP] * 5,
                    threshold=0.2)
    prefs = membership.preferences(state, p, 4, np.full((1, 10, 4), 1800.0), np.zeros(1))
    # team: 0.5 x 4 x (0.2 - 0.1) = 0.2; co-op: 4 x (0.3 - 0.2) = 0.4
    assert prefs["social"][0, 0].tolist() == pytest.approx([0.0, 0.2, 0.4, 0.4])


def test_political_pressure_falls_on_the_exposed_and_teams_stop_being_a_refuge(params):
    p = _prefs_p(params)
    state = village(p, 2, vuln=[0.35, 0.0])
    prefs = membership.preferences(state, p, 4, np.full((1, 2, 4), 1800.0), np.array([0.5]))
    push = 7.0 * 0.5 * 0.35
    # quota 0.05: the campaign still promotes teams, at 0.3 x push x (1 - 0.05 / 0.2)
    assert prefs["politic"][0, 0].tolist() == pytest.approx([0.0, 0.3 * push * 0.75, push, push])
    assert prefs["politic"][0, 1].tolist() == [0.0, 0.0, 0.0, 0.0]
    tide = membership.preferences(state, _prefs_p(params, quota=0.4), 4, np.full((1, 2, 4), 1800.0), np.array([0.5]))
    assert tide["politic"][0, 0, TEAM] == 0.0


# ------------------------------------------------------------------ joining through choose
def _join(p, t=4, n=8, form=INDEPENDENT, gumbel_form=LOWER, reconsider=0.0, override=-1, stance=0, county=0.0, **values):
    """Every household reconsiders (draw 0) and a Gumbel draw of 10 makes ``gumbel_form`` its wish."""
    state = village(p, n, form=form, coop=0 if form == LOWER else NO_COOP, **values)
    zeros = np.zeros((1, n, 4))
    prefs = {"economic": zeros.copy(), "social": zeros.copy(), "politic": zeros.copy(), "insurance": np.zeros((1, n)),
             "outside_income": np.full((1, n), 1800.0)}
    gumbel = zeros.copy()
    gumbel[..., gumbel_form] = 10.0
    draws = np.full((1, n, 6), 0.99)
    draws[..., 0] = reconsider
    draws[..., 1] = np.linspace(0.9, 0.1, n)
    levers = Levers.default(1)
    levers.admission[:] = admission.RECRUIT_POOR
    levers.stance[:] = stance
    flows = membership.choose(state, p, t, prefs, levers, np.zeros(1), np.zeros(1), gumbel, draws,
                              np.broadcast_to(np.asarray(override, np.int8), (1, n)).copy(), np.full((1, n), -1, np.int8),
                              np.full((1, 4), county))
    return flows, state


def test_households_that_reconsider_found_a_co_op_and_pay_the_share_fund(params):
    p = _p(params, capacity=20.0, founding=1.0)
    flows, state = _join(p, lab=2.0, cash=500.0)
    assert state.form[0].tolist() == [LOWER] * 8 and len(set(state.coop[0].tolist())) == 1
    assert flows["joined"][0].tolist() == [1.0] * 8
    assert flows["share_fund"][0].tolist() == pytest.approx([120.0] * 8) and state.cash[0].tolist() == pytest.approx([380.0] * 8)
    stay, same = _join(p, reconsider=0.99)  # nobody reconsiders this season: nothing changes
    assert (same.form == INDEPENDENT).all() and stay["joined"].sum() == 0
    refused, _ = _join(_p(params, capacity=20.0, founding=0.5), county=0.51)  # above the approval chance 0.5
    assert refused["no_new_coop"].sum() == 8


def test_a_model_co_op_helps_the_county_approve_a_new_one(params):
    # approval chance 0.3 a season, times 2.5 for demonstration, 1.8 for pressure, 2.0 for coercion
    p = _p(params, capacity=20.0, founding=0.3)
    approved = [_join(p, stance=stance, county=0.5)[1].form[0, 0] == LOWER for stance in range(4)]
    assert approved == [False, True, True, True]
    assert [_join(p, stance=2, county=draw)[1].form[0, 0] for draw in (0.53, 0.55)] == [LOWER, INDEPENDENT]  # 0.54
    assert [_join(p, stance=0, county=draw)[1].form[0, 0] for draw in (0.29, 0.31)] == [LOWER, INDEPENDENT]


def test_joining_under_coercion_starts_a_grievance(params):
    p = replace(_p(params, capacity=20.0, founding=1.0), grievance_coercion=0.4)
    _, coerced = _join(p, stance=3)
    assert coerced.grievance[0].tolist() == pytest.approx([0.4] * 8)
    _, pressed = _join(p, stance=2)
    assert pressed.grievance[0].tolist() == [0.0] * 8


def test_no_co_op_wish_where_lower_co_ops_are_not_allowed_and_the_player_is_told(params):
    p = _p(params, capacity=20.0, founding=1.0, lower_allowed=0.0)
    flows, state = _join(p)
    assert (state.form == INDEPENDENT).all() and flows["refused_form"].sum() == 0
    asked, state = _join(p, override=LOWER, gumbel_form=INDEPENDENT)
    assert asked["refused_form"][0].tolist() == [1.0] * 8 and (state.form == INDEPENDENT).all()


def test_rich_peasants_are_kept_out_of_the_co_ops_until_most_have_joined(params):
    p = _p(params, capacity=20.0, founding=1.0)
    flows, state = _join(p, cls=[RICH] + [0] * 7)
    assert state.form[0].tolist() == [INDEPENDENT] + [LOWER] * 7
    asked, _ = _join(p, cls=[RICH] + [0] * 7, override=[LOWER] + [-1] * 7)
    assert asked["refused_form"][0].tolist() == [1.0] + [0.0] * 7


def test_neighbours_form_a_team_and_a_team_member_may_quit(params):
    p = _p(params)
    flows, state = _join(p, n=7, gumbel_form=TEAM)  # seven neighbours in one group
    assert state.form[0].tolist() == [TEAM] * 7 and flows["team_broke"].sum() == 0
    quit_flows, quit_state = _join(p, n=7, form=TEAM, gumbel_form=INDEPENDENT, override=[INDEPENDENT] + [-1] * 6,
                                   reconsider=0.99)
    assert quit_state.form[0].tolist() == [INDEPENDENT] + [TEAM] * 6
    lonely, lonely_state = _join(p, n=7, form=[TEAM] * 3 + [INDEPENDENT] * 4, gumbel_form=INDEPENDENT,
                                 override=[INDEPENDENT, -1, -1, -1, -1, -1, -1], reconsider=0.99)
    assert lonely_state.form[0].tolist() == [INDEPENDENT] * 7  # two left: no team
    assert lonely["team_broke"][0].tolist() == [0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]


def test_households_entering_the_higher_co_op_bring_their_animals(params):
    p = _p(params, capacity=20.0, higher_allowed=1.0)
    flows, state = _join(p, n=6, form=[HIGHER] * 3 + [INDEPENDENT] * 3, gumbel_form=HIGHER, animals=[0, 0, 0, 1.0, 2.0, 0])
    assert state.form[0].tolist() == [HIGHER] * 6
    assert state.collective_animals[0] == 3.0 and state.brought[0].tolist() == [0, 0, 0, 1.0, 2.0, 0]
    assert state.animals[0].tolist() == [0.0] * 6
    no_higher, _ = _join(p, n=6, gumbel_form=HIGHER)  # nobody can want a higher co-op that does not exist
    assert no_higher["joined"].sum() == 0


# ------------------------------------------------------------------ co-op meetings on the higher stage
def _vote(params, lean, votes=None, called=True, pressure=0.25, coop=None, independent=None, exit_open=0.0,
          withdraw_draw=0.0, higher_allowed=1.0, others_higher=0):
    """Lower co-op members whose wish for the higher stage over the lower is ``lean`` (logit
    units); ``others_higher`` households already in a higher co-op sit beside them."""
    n = len(lean) + others_higher
    p = constant_schedule(params, higher_allowed=higher_allowed, higher_quota=0.5)
    form = [LOWER] * len(lean) + [HIGHER] * others_higher
    coop = (coop if coop is not None else [0] * len(lean)) + [NO_COOP] * others_higher
    state = village(p, n, form=form, coop=coop, t=12)
    score = np.zeros((1, n, 4))
    score[0, :len(lean), HIGHER] = lean
    if independent is not None:
        score[0, :len(lean), INDEPENDENT] = independent
    levers = Levers.default(1)
    levers.upgrade[:] = called
    draws = np.full((1, n, 6), withdraw_draw)
    votes = [-1] * len(lean) if votes is None else votes
    return stages.meetings(state, p, 12, score, np.zeros((1, n, 4)), draws, levers, np.array([pressure]),
                           np.array([exit_open]), np.asarray(votes + [-1] * others_higher, np.int8)[None, :],
                           np.asarray(form)[None, :], np.full((1, n), LOWER))


def test_the_cadre_s_call_and_the_county_s_target_push_every_vote(params):
    # push = 4 x pressure 0.25 + 4 x (target 0.5 - higher share 0) = 3: a member votes yes when lean + 3 > 0
    called = _vote(params, [-3.5, -2.5, 0.5, -4.0])
    assert called["vote"][0].tolist() == [0.0, 1.0, 1.0, 0.0]
    assert called["passed"].all()  # two of four is half: the meeting passes
    # a quarter of the village already higher: push 4 x 0.25 + 4 x 0.25 = 2
    half_target = _vote(params, [-3.5, -2.5, 0.5, -4.0, -1.5, -1.5], others_higher=2)
    assert half_target["vote"][0, :6].tolist() == [0.0, 0.0, 1.0, 0.0, 1.0, 1.0]
    assert half_target["passed"][0, :6].all()
    assert half_target["held"][0, 6:].sum() == 0 and half_target["vote"][0, 6:].tolist() == [-1.0, -1.0]
    uncalled = _vote(params, [-3.5, -2.5, 0.5, -4.0], called=False)  # one of four wants it: no meeting
    assert not uncalled["held"].any() and uncalled["vote"][0].tolist() == [-1.0] * 4


def test_a_co_op_whose_members_mostly_want_the_higher_stage_meets_on_its_own(params):
    most = _vote(params, [1.0, 1.0, 1.0, -1.0], called=False)
    assert most["held"].all() and most["passed"].all() and most["converted"][0].tolist() == [1.0] * 4
    assert most["carried"][0].tolist() == [0.0, 0.0, 0.0, 1.0]  # the one against is carried in
    half = _vote(params, [1.0, 1.0, -1.0, -1.0], called=False)
    assert not half["held"].any()
    closed = _vote(params, [5.0] * 4, higher_allowed=0.0)
    assert not closed["held"].any() and closed["converted"].sum() == 0


def test_each_co_op_votes_for_itself_and_a_player_may_go_along_with_the_cadres(params):
    result = _vote(params, [0.0] * 6, votes=[1, 1, 1, 0, 0, 0], coop=[0, 0, 0, 1, 1, 1])
    assert result["passed"][0].tolist() == [1.0, 1.0, 1.0, 0.0, 0.0, 0.0]
    assert result["converted"][0].tolist() == [1.0, 1.0, 1.0, 0.0, 0.0, 0.0]
    along = _vote(params, [-9.0] * 4, votes=[stages.GO_ALONG] * 4)
    assert along["vote"][0].tolist() == [1.0] * 4 and along["passed"].all()
    uncalled = _vote(params, [9.0] * 4, votes=[stages.GO_ALONG] * 4, called=False)
    assert not uncalled["held"].any()


def test_a_refuser_who_would_rather_farm_alone_withdraws_as_far_as_exit_is_open(params):
    # the fourth votes no and prefers farming alone to the higher co-op (score 1 against -9)
    lean, independent = [5.0, 5.0, 5.0, -9.0], [0.0, 0.0, 0.0, 1.0]
    out = _vote(params, lean, independent=independent, exit_open=0.5, withdraw_draw=0.49)
    assert out["withdrew"][0].tolist() == [0.0, 0.0, 0.0, 1.0] and out["converted"][0].tolist() == [1.0, 1.0, 1.0, 0.0]
    kept = _vote(params, lean, independent=independent, exit_open=0.5, withdraw_draw=0.51)
    assert kept["withdrew"].sum() == 0 and kept["carried"][0].tolist() == [0.0, 0.0, 0.0, 1.0]
    content = _vote(params, lean, independent=[0.0, 0.0, 0.0, -10.0], exit_open=1.0)
    assert content["withdrew"].sum() == 0 and content["carried"][0, 3] == 1.0


def test_the_contraction_reads_each_village_s_own_co_ops_and_trust_stays_at_least_zero(params):
    p = _p(params)
    # two villages: in the first co-op 0 is small (7), in the second it is large (8 + ...)
    state = village(p, 15, form=LOWER, coop=[0] * 7 + [1] * 8, trust=0.05)
    two = state.copies(0, 2)
    two.coop[1] = [0] * 8 + [1] * 7
    broken = membership.dissolve_weak(two, p, np.array([True, True]))
    assert broken[0].tolist() == [True] * 7 + [False] * 8
    assert broken[1].tolist() == [False] * 8 + [True] * 7
    assert two.trust[0].tolist() == pytest.approx([0.0] * 7 + [0.05] * 8)  # not below zero


def test_standing_at_the_edges_seven_in_ten_joined_and_half_a_jin_found(params):
    # at exactly 0.7 joined the rich are no longer barred, so staying out is held against them
    change, _ = _standing(params, 6, [LOWER] * 7 + [INDEPENDENT] * 3, [LOWER] * 7 + [INDEPENDENT] * 3, cls=[0] * 9 + [RICH])
    assert change[9] == pytest.approx(-1.5 * 0.5 * 0.7)
    found, _ = _standing(params, 5, [TEAM] * 2, [TEAM] * 2, flows={"hidden_found": np.array([[0.5, 0.0]])})
    assert found.tolist() == pytest.approx([-2.0, 0.0])  # any grain found, however little
