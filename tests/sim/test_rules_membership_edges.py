"""Rule-level tests of a season's membership changes at their edges, on tiny hand-built villages
with numbers worked out by hand: how the three parts of a household's preference and the cost of
moving add up to its choice, what a co-op meeting's outcome does to every member and how the
season reports it by name, who counts at a meeting after the autumn's departures, the leave
chance with insurance and political push, animals led home by leavers from a higher co-op, the
rich kept out until most have joined, the county's approval draw, places freed by leavers, the
higher co-op's promise and the insurance near subsistence, and standing adding up.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.sim import admission, membership, stages, standing
from game.sim.levers import Levers
from game.sim.params import DIRECTIVE_SEASON, HIGHER, INDEPENDENT, LOWER, RICH, TEAM
from game.sim.state import NO_COOP
from test_rules import constant_schedule, village

WINTER, AUTUMN = 12, 10  # t % 4 == 0: no exit window; t % 4 == 2: the autumn exit window


def _p(params, **rows):
    p = constant_schedule(params, **{"capacity": 0.0, "founding": 0.0, "higher_allowed": 0.0, "higher_quota": 0.0,
                                     "lower_allowed": 1.0, "contraction": 0.0, **rows})
    return replace(p, survival=250.0, logit_scale=2.0, exit_cost=1.5, join_cost=1.0, grievance_weight=1.0,
                   team_min=3.0, coop_min=3.0, found_min=5.0, coop_max=40.0, share_fund=60.0)


def _season(p, t, n, form=INDEPENDENT, coop=None, economic=None, social=None, politic=None, insurance=0.0,
            gumbel_form=None, reconsider=False, leave_draw=0.99, withdraw_draw=0.99, override=-1, exit_open=0.0,
            called=False, withdrawal=0, stance=0, county=0.99, herd=0.0, x=4 * 450.0, **values):
    """One season of ``membership.choose`` for one village of ``n`` households of four persons
    whose income alone is 450 jin a head. ``economic``, ``social``, ``politic``: (n, 4) or a
    (4,) row for every household (zeros if not given); a Gumbel draw of 10 makes
    ``gumbel_form`` the wish of those who reconsider; draw 2 decides leaving, draw 4 a
    withdrawal at a meeting (draw 5, unused by these rules, is set to 0.99); no pressure;
    ``county``: the county's approval draw(s), ``herd``: the village's collective animals."""
    if coop is None:
        coop = [0 if f == LOWER else NO_COOP for f in np.broadcast_to(form, (n,))]
    state = village(p, n, form=form, coop=coop, persons=4.0, x=x, **values)
    state.collective_animals[:] = herd

    def part(values):
        return np.zeros((1, n, 4)) if values is None else np.broadcast_to(np.asarray(values, float), (n, 4))[None].copy()

    prefs = {"economic": part(economic), "social": part(social), "politic": part(politic),
             "insurance": np.full((1, n), insurance), "outside_income": np.full((1, n), 4 * 450.0)}
    gumbel = np.zeros((1, n, 4))
    if gumbel_form is not None:
        gumbel[..., gumbel_form] = 10.0
    draws = np.full((1, n, 6), 0.99)
    draws[..., 0] = 0.0 if reconsider else 0.99
    draws[..., 1] = np.linspace(0.9, 0.1, n)
    draws[..., 2] = leave_draw
    draws[..., 4] = withdraw_draw
    levers = Levers.default(1)
    levers.admission[:] = admission.RECRUIT_POOR
    levers.upgrade[:] = called
    levers.withdrawal[:] = withdrawal
    levers.stance[:] = stance
    flows = membership.choose(state, p, t, prefs, levers, np.zeros(1), np.array([exit_open]), gumbel, draws,
                              np.broadcast_to(np.asarray(override, np.int8), (1, n)).copy(), np.full((1, n), -1, np.int8),
                              np.broadcast_to(np.asarray(county, float), (1, 4)).copy())
    return flows, state


# ------------------------------------------------------------------ the choice adds up its parts
def test_a_household_s_choice_adds_its_economic_social_and_political_scores_less_the_cost_of_moving(params):
    """Seven neighbours who farm alone reconsider (no Gumbel luck): a team is chosen when its
    economic + social + political score beats the join cost of 1; team members quit only when
    farming alone beats staying by more than the exit cost of 1.5."""
    p = _p(params)
    half = [0.0, 0.5, -5.0, -5.0]  # the co-ops (-5) are out of the question in these villages
    # 0.5 + 0.5 + 0.5 - 1 = 0.5 above staying alone (0): the seven form a team
    _, state = _season(p, WINTER, 7, economic=half, social=[0, 0.5, 0, 0], politic=[0, 0.5, 0, 0], reconsider=True)
    assert state.form[0].tolist() == [TEAM] * 7
    # every part counts with its sign: 0.5 + 0.5 - 0.5 - 1 = -0.5 is a loss
    _, state = _season(p, WINTER, 7, economic=half, social=[0, 0.5, 0, 0], politic=[0, -0.5, 0, 0], reconsider=True)
    assert state.form[0].tolist() == [INDEPENDENT] * 7
    # the join cost: 0.9 - 1 < 0 stays alone, 1.1 - 1 > 0 joins
    _, state = _season(p, WINTER, 7, economic=[0.0, 0.9, -5.0, -5.0], reconsider=True)
    assert state.form[0].tolist() == [INDEPENDENT] * 7
    _, state = _season(p, WINTER, 7, economic=[0.0, 1.1, -5.0, -5.0], reconsider=True)
    assert state.form[0].tolist() == [TEAM] * 7
    # a team paying 1 less than farming alone is kept (alone: 0 - exit cost 1.5 < -1); 2 less is not
    _, state = _season(p, WINTER, 7, form=TEAM, economic=[0.0, -1.0, -5.0, -5.0], reconsider=True)
    assert state.form[0].tolist() == [TEAM] * 7
    _, state = _season(p, WINTER, 7, form=TEAM, economic=[0.0, -2.0, -5.0, -5.0], reconsider=True)
    assert state.form[0].tolist() == [INDEPENDENT] * 7


# ------------------------------------------------------------------ a meeting's outcome through the season
def test_a_meeting_s_outcome_moves_every_member_and_is_reported_by_name(params):
    """Two lower co-ops meet on the cadres' call (no push: no pressure, no target). A member votes
    yes when the higher co-op scores above the lower one: economic 2 - join cost 1 = 1 > 0;
    economic 0 gives -1 (no), economic -1 gives -2 (no, and farming alone at 0 - exit cost 1.5
    beats the higher co-op, so that member asks to withdraw; draw 4 of 0 against an exit half
    open grants it). Co-op 0 (households 0-5): 4 yes of 6 pass; household 4 is carried in,
    household 5 withdraws. Co-op 1 (6-15): 5 yes of 10 pass; its 5 refusers reach the founding
    group of 5 and stay behind in it. Household 16 farms alone with an animal, by the way."""
    p = _p(params, higher_allowed=1.0, capacity=20.0)
    n = 17
    form = [LOWER] * 16 + [INDEPENDENT]
    coop = [0] * 6 + [1] * 10 + [NO_COOP]
    economic = np.zeros((n, 4))
    economic[:, HIGHER] = [2, 2, 2, 2, 0, -1] + [2] * 5 + [0] * 5 + [0]
    flows, state = _season(p, WINTER, n, form=form, coop=coop, economic=economic, called=True, exit_open=0.5,
                           withdraw_draw=0.0, animals=[1.0] + [0.0] * 15 + [1.0], cash=100.0)
    converted = [1.0] * 5 + [0.0] + [1.0] * 5 + [0.0] * 5 + [0.0]
    assert flows["meeting_passed"][0].tolist() == [1.0] * 16 + [0.0]
    assert flows["converted"][0].tolist() == converted
    assert flows["carried_in"][0].tolist() == [0.0] * 4 + [1.0] + [0.0] * 12
    assert flows["stayed_behind"][0].tolist() == [0.0] * 11 + [1.0] * 5 + [0.0]
    assert flows["withdrew"][0].tolist() == [0.0] * 5 + [1.0] + [0.0] * 11
    assert flows["vote"][0].tolist() == [1.0] * 4 + [0.0, 0.0] + [1.0] * 5 + [0.0] * 5 + [-1.0]
    # the converted are in the higher co-op; the withdrawer farms alone (it does not apply to the
    # co-op that stayed behind, and it left by its own request: no co-op broke under it)
    assert state.form[0].tolist() == [HIGHER] * 5 + [INDEPENDENT] + [HIGHER] * 5 + [LOWER] * 5 + [INDEPENDENT]
    assert state.coop[0].tolist() == [NO_COOP] * 11 + [1] * 5 + [NO_COOP]
    assert flows["coop_broke"].sum() == 0 and flows["joined"][0].tolist() == converted
    # the animal of household 0 goes into the herd; household 16, outside, keeps its own and pays nothing
    assert state.collective_animals[0] == 1.0 and state.animals[0].tolist() == [0.0] * 16 + [1.0]
    assert flows["share_fund"].sum() == 0 and state.cash[0].tolist() == [100.0] * n


def test_a_meeting_counts_only_the_members_still_in_the_co_op_after_the_autumn_departures(params):
    """A co-op of three in the autumn: two members expected 350 jin a head inside against 450
    alone (utility -10 against -5: -2.5 in logit units; desire 2.5 - exit cost 1.5 = 1) and leave
    on draw 0 against the chance 0.5 / (1 + e^-1); the one left (expected 450: desire -1.5)
    wants the higher stage (economic 2 - join cost 1 > 0). Its meeting is its own: one yes of
    one, it goes higher rather than being left alone in a co-op too small to hold."""
    p = _p(params, higher_allowed=1.0)
    economic = np.zeros((3, 4))
    economic[2, HIGHER] = 2.0
    flows, state = _season(p, AUTUMN, 3, form=LOWER, economic=economic, called=True, exit_open=0.5, leave_draw=0.0,
                           x=[4 * 350.0, 4 * 350.0, 4 * 450.0])
    assert flows["left"][0].tolist() == [1.0, 1.0, 0.0]
    assert flows["vote"][0].tolist() == [-1.0, -1.0, 1.0] and flows["converted"][0].tolist() == [0.0, 0.0, 1.0]
    assert state.form[0].tolist() == [INDEPENDENT, INDEPENDENT, HIGHER] and flows["coop_broke"].sum() == 0


def _meeting(params, score_higher, score_lower=0.0, gumbel_higher=0.0, gumbel_lower=0.0, called=True, pressure=0.0,
             quota=0.0, withdraw_draw=0.0, exit_open=0.0, independent=-9.0):
    """``stages.meetings`` for one lower co-op whose members' scores and Gumbel draws are given."""
    n = len(score_higher)
    p = constant_schedule(params, higher_allowed=1.0, higher_quota=quota)
    state = village(p, n, form=LOWER, coop=0, t=WINTER)
    score = np.zeros((1, n, 4))
    score[0, :, HIGHER] = score_higher
    score[0, :, LOWER] = score_lower
    score[0, :, INDEPENDENT] = independent
    gumbel = np.zeros((1, n, 4))
    gumbel[0, :, HIGHER] = gumbel_higher
    gumbel[0, :, LOWER] = gumbel_lower
    levers = Levers.default(1)
    levers.upgrade[:] = called
    draws = np.full((1, n, 6), 0.99)
    draws[..., 4] = withdraw_draw
    return stages.meetings(state, p, WINTER, score, gumbel, draws, levers, np.array([pressure]), np.array([exit_open]),
                           np.full((1, n), -1, np.int8), np.full((1, n), LOWER), np.full((1, n), LOWER))


def test_a_member_s_vote_weighs_the_higher_stage_against_the_lower_with_its_luck_for_each(params):
    # lean = (higher - lower score) + (higher - lower Gumbel draw); yes when lean + push > 0, push 0 here
    # 1 - 0 + 0 - 2 = -1: no; 0 - 0 + 2 - 0 = 2: yes; 0 - 1 + 0 - 0 = -1: no; 3 - 1 + 1 - 2 = 1: yes
    out = _meeting(params, [1.0, 0.0, 0.0, 3.0], score_lower=[0.0, 0.0, 1.0, 1.0], gumbel_higher=[0.0, 2.0, 0.0, 1.0],
                   gumbel_lower=[2.0, 0.0, 0.0, 2.0])
    assert out["vote"][0].tolist() == [0.0, 1.0, 0.0, 1.0]


def test_the_push_is_four_times_the_pressure_plus_four_times_the_gap_to_the_target_and_only_on_a_call(params):
    # push = 4 x 0.25 + 4 x (0.5 - 0) = 3: lean -3.1 stays no (-0.1), lean -2.9 turns yes (0.1)
    called = _meeting(params, [-3.1, -2.9, 5.0, 5.0], pressure=0.25, quota=0.5)
    assert called["vote"][0].tolist() == [0.0, 1.0, 1.0, 1.0]
    # without a call nothing pushes: three of four want it, so the co-op meets; lean -0.5 votes no
    uncalled = _meeting(params, [1.0, 1.0, 1.0, -0.5], called=False, pressure=0.25, quota=0.5)
    assert uncalled["held"].all() and uncalled["vote"][0].tolist() == [1.0, 1.0, 1.0, 0.0]
    assert uncalled["carried"][0].tolist() == [0.0, 0.0, 0.0, 1.0]


def test_a_refuser_s_withdrawal_is_decided_by_its_own_draw(params):
    # the fourth refuses and prefers farming alone (0 against -9); draw 4 of 0.49 against an exit half open
    out = _meeting(params, [5.0, 5.0, 5.0, -9.0], independent=[-9.0, -9.0, -9.0, 0.0], exit_open=0.5, withdraw_draw=0.49)
    assert out["withdrew"][0].tolist() == [0.0, 0.0, 0.0, 1.0]


# ------------------------------------------------------------------ leaving in the autumn
def test_the_co_op_s_insurance_softens_a_disappointed_member_s_wish_to_leave(params):
    """Expected 350 a head inside against 450 alone: -2.5 in logit units; the lower co-op's
    insurance (1.0 in logit units, counted 0.8) lifts it to -1.7. Desire 1.7 - exit cost 1.5 =
    0.2: the chance is 0.5 / (1 + e^-0.2) = 0.2749."""
    p = _p(params)
    flows, _ = _season(p, AUTUMN, 4, form=LOWER, insurance=1.0, x=4 * 350.0, exit_open=0.5, leave_draw=0.27)
    assert flows["left"][0].tolist() == [1.0] * 4
    flows, state = _season(p, AUTUMN, 4, form=LOWER, insurance=1.0, x=4 * 350.0, exit_open=0.5, leave_draw=0.28)
    assert flows["left"].sum() == 0 and flows["blocked"][0].tolist() == [1.0] * 4 and state.wants_out.all()


def test_political_push_holds_back_a_member_who_wants_to_leave(params):
    # desire 1 (as above without insurance), push 1 on the co-ops: chance 0.5 / (1 + e^0) = 0.25
    p = _p(params)
    politic = [0.0, 0.0, 1.0, 1.0]
    assert _season(p, AUTUMN, 4, form=LOWER, politic=politic, x=4 * 350.0, exit_open=0.5,
                   leave_draw=0.24)[0]["left"].sum() == 4
    assert _season(p, AUTUMN, 4, form=LOWER, politic=politic, x=4 * 350.0, exit_open=0.5,
                   leave_draw=0.26)[0]["left"].sum() == 0


def test_a_member_who_would_rather_farm_alone_leaves_only_as_far_as_its_disappointment_says(params):
    """Members who reconsider and wish (by the Gumbel draw) to farm alone: the model household's
    wish is not a player's request, so it does not open the exit wider than the desire to leave's
    chance, and without any desire to leave it does not want out at all."""
    p = _p(params)
    # desire 1: chance 0.5 / (1 + e^-1) = 0.3655, not the exit's 0.5: a draw of 0.4 is blocked
    flows, _ = _season(p, AUTUMN, 4, form=LOWER, x=4 * 350.0, reconsider=True, gumbel_form=INDEPENDENT, exit_open=0.5,
                       leave_draw=0.4)
    assert flows["left"].sum() == 0 and flows["blocked"][0].tolist() == [1.0] * 4
    # content (expected 450 inside: desire -1.5): not wanting out, nobody leaves even on a draw of 0
    flows, state = _season(p, AUTUMN, 4, form=LOWER, x=4 * 450.0, reconsider=True, gumbel_form=INDEPENDENT,
                           exit_open=0.5, leave_draw=0.0)
    assert flows["left"].sum() == 0 and flows["blocked"].sum() == 0 and not state.wants_out.any()
    assert state.form[0].tolist() == [LOWER] * 4


def test_a_player_s_household_leaves_its_co_op_only_when_the_player_asks(params):
    """Six members, all disappointed (expected 350 jin a head inside against 450 alone: desire
    1 > 0) in the autumn window with the exit half open, every leave draw 0. The model's
    households (0 and 3) leave; players who asked to stay (the form they are in, as the session
    sends when the player picks nothing: 1, 4, 5) stay, whatever their household's
    disappointment, and their co-op of three still holds (coop_min 3); a player who asks to farm
    alone (2) leaves at the exit's own chance (0.5 > a draw of 0). The disappointed players'
    households are still reported as wanting out: the story offers the player the choice."""
    p = _p(params)
    override = [-1, LOWER, INDEPENDENT, -1, LOWER, LOWER]
    flows, state = _season(p, AUTUMN, 6, form=LOWER, x=4 * 350.0, exit_open=0.5, leave_draw=0.0, override=override)
    assert flows["left"][0].tolist() == [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]
    assert flows["blocked"][0].sum() == 0.0  # no grievance either: the players did not ask to leave
    # every household would still leave if it could (what the story's "Thinking of leaving" reads)
    assert state.wants_out[0].tolist() == [True] * 6
    assert state.form[0].tolist() == [INDEPENDENT, LOWER, INDEPENDENT, INDEPENDENT, LOWER, LOWER]
    # content members (450 inside as alone: desire -1.5) who stay do not want out, players or not
    flows, state = _season(p, AUTUMN, 6, form=LOWER, exit_open=0.5, leave_draw=0.0, override=override)
    assert state.wants_out[0].tolist() == [False, False, True, False, False, False]  # only the one who asked
    assert flows["left"][0].tolist() == [0.0, 0.0, 1.0, 0.0, 0.0, 0.0]


def test_leavers_from_a_higher_co_op_lead_home_the_animals_they_brought_and_only_they(params):
    """Six members of a higher co-op each brought one animal (the herd has six); all want out
    (desire 1), three leave (draw 0), three are blocked (draw 0.99). With property, the three
    leavers lead one animal each home; the herd keeps the stayers' three. Without property
    nobody gets an animal back."""
    p = _p(params)
    draw = np.array([0.0] * 3 + [0.99] * 3)
    for withdrawal, home in ((0, [1.0] * 3 + [0.0] * 3), (1, [0.0] * 6)):
        flows, state = _season(p, AUTUMN, 6, form=HIGHER, x=4 * 350.0, exit_open=0.5, leave_draw=draw, herd=6.0,
                               withdrawal=withdrawal, brought=1.0)
        assert flows["left"][0].tolist() == [1.0] * 3 + [0.0] * 3
        assert state.animals[0].tolist() == home
        assert state.collective_animals[0] == 6.0 - sum(home)
        assert state.brought[0, 3:].tolist() == [1.0] * 3  # the stayers' animals are still theirs in the herd


# ------------------------------------------------------------------ who may ask for what
def test_the_rich_are_refused_the_co_ops_until_seven_in_ten_have_joined_and_only_a_refused_player_is_told(params):
    """Households 0 (rich) and 1 (poor) are players asking for the lower co-op; the rest are the
    model's, not reconsidering. With 3 of 10 in a co-op the rich player is refused (0.3 < 0.7),
    the poor one is not; with 8 of 10 in, the rich player is let in too."""
    p = _p(params, capacity=20.0)
    cls = [RICH] + [0] * 9
    override = [LOWER, LOWER] + [-1] * 8
    few, state = _season(p, WINTER, 10, form=[INDEPENDENT] * 7 + [LOWER] * 3, cls=cls, override=override)
    assert few["refused_form"][0].tolist() == [1.0] + [0.0] * 9
    assert state.form[0, :2].tolist() == [INDEPENDENT, LOWER]  # the poor player joins co-op 0 (room for 37)
    most, state = _season(p, WINTER, 10, form=[INDEPENDENT] * 2 + [LOWER] * 8, cls=cls, override=override)
    assert most["refused_form"].sum() == 0
    assert state.form[0].tolist() == [LOWER] * 10 and state.coop[0].tolist() == [0] * 10


def test_the_county_s_approval_of_a_new_co_op_is_its_own_draw(params):
    # approval chance 0.5 (stance 0: x 1); the first county draw decides, the others are for other purposes
    p = _p(params, capacity=20.0, founding=0.5)
    _, state = _season(p, WINTER, 8, reconsider=True, gumbel_form=LOWER, county=[0.49, 0.99, 0.99, 0.99])
    assert state.form[0].tolist() == [LOWER] * 8
    flows, state = _season(p, WINTER, 8, reconsider=True, gumbel_form=LOWER, county=[0.51, 0.0, 0.0, 0.0])
    assert state.form[0].tolist() == [INDEPENDENT] * 8 and flows["no_new_coop"][0].tolist() == [1.0] * 8


def test_places_freed_by_this_season_s_leavers_go_to_applicants(params):
    """A co-op full at six (coop_max 6) of which two members have left this season (farming
    alone now, their old co-op slot not yet cleared): two applicants fill their places, without
    the county's approval of a new co-op."""
    p = replace(_p(params, capacity=20.0), coop_max=6.0)
    state = village(p, 8, form=[LOWER] * 6 + [INDEPENDENT] * 2, coop=[0] * 6 + [NO_COOP] * 2)
    form_now = np.array([[INDEPENDENT, INDEPENDENT] + [LOWER] * 4 + [INDEPENDENT] * 2])
    want = np.array([[INDEPENDENT, INDEPENDENT] + [LOWER] * 6])
    draws = np.zeros((1, 8, 6))
    draws[..., 1] = np.linspace(0.9, 0.1, 8)
    levers = Levers.default(1)
    levers.admission[:] = admission.RECRUIT_POOR
    result = admission.admit(state, p, WINTER, np.zeros((1, 8, 4)), want, form_now, levers, draws, np.array([False]))
    assert result["admitted"][0].tolist() == [0.0] * 6 + [1.0, 1.0]
    assert result["slot"][0, 6:].tolist() == [0, 0] and result["not_approved"].sum() == 0


# ------------------------------------------------------------------ what a household expects
def _prefs_p(params, **rows):
    p = constant_schedule(params, **{"optimism": 0.0, "quota": 0.05, **rows})
    return replace(p, survival=250.0, logit_scale=2.0, insurance_weight=0.6, luck_sigma=0.15, conformity=4.0,
                   pressure_weight=7.0)


def test_the_promise_of_the_co_ops_lifts_the_higher_co_op_as_much_as_the_lower(params):
    p = _prefs_p(params, optimism=0.1)
    state = village(p, 1, persons=4.0, threshold=0.0)
    total = np.array([[[1800.0, 1800.0, 2000.0, 2000.0]]])  # 450 a head alone, 500 in either co-op
    prefs = membership.preferences(state, p, 4, total, np.zeros(1))
    # 10% more expected in a co-op: u(550) = -1000 / 300, against u(450) = -5 alone; insurance as
    # 0.6 x (0.15 x 450)^2 x 2000 / 200^3 / 2, counted 0.8 in the lower co-op and fully in the higher
    insurance = 0.6 * (0.15 * 450) ** 2 * 2000 / 200**3 / 2
    assert prefs["economic"][0, 0, LOWER] == pytest.approx((-1000 / 300 + 5 + 0.8 * insurance) / 2)
    assert prefs["economic"][0, 0, HIGHER] == pytest.approx((-1000 / 300 + 5 + insurance) / 2)


def test_near_subsistence_the_insurance_is_valued_at_the_utility_s_floor(params):
    p = _prefs_p(params)
    state = village(p, 1, persons=4.0, threshold=0.0)
    # 260 a head alone, 10 above the line: the curvature is taken 20 above it, 2000 / 20^3 = 0.25
    prefs = membership.preferences(state, p, 4, np.full((1, 1, 4), 4 * 260.0), np.zeros(1))
    insurance = 0.6 * (0.15 * 260) ** 2 * 0.25 / 2
    assert prefs["insurance"][0, 0] == pytest.approx(insurance / 2)
    assert prefs["economic"][0, 0, HIGHER] == pytest.approx(insurance / 2)  # same income: only the insurance


# ------------------------------------------------------------------ standing
def test_a_season_s_standing_changes_add_to_what_the_household_had(params):
    p = replace(params, standing_join=1.0)
    state = village(p, 2, form=[LOWER, LOWER], standing=[2.0, -1.0])
    t = DIRECTIVE_SEASON  # summer 1955: joining earns the plain 1; nothing else moves (summer, nobody left)
    assert t % 4 == 1
    change = standing.update(state, p, t, np.array([[INDEPENDENT, LOWER]]), {}, np.ones((1, 2)))
    assert change[0].tolist() == pytest.approx([1.0, 0.0])
    assert state.standing[0].tolist() == pytest.approx([3.0, -1.0])
