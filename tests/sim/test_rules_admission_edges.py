"""Rule-level tests of admission's edges and of rules that must work village by village, on tiny
hand-built villages with numbers worked out by hand (issue 18): the admission policy's weight for a
class, the household's own draw in the queue, joiners filling co-ops from the largest down (and
among equal sizes the first), the leftover founding group, a village holding four co-ops, the
share fund added to what a household already owes; and two villages side by side in one county,
each getting its own ox market, herd, disposals and harvest totals.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.sim import admission, animals
from game.sim.harvest import draught_hire, harvest
from game.sim.levers import KEEP_MODEL, Levers
from game.sim.params import HIGHER, INDEPENDENT, LOWER, LOWER_MIDDLE, POOR, UPPER_MIDDLE
from game.sim.state import NO_COOP
from game.sim.units import sums_for
from test_rules import constant_schedule, village, villages

SCREEN, RECRUIT_POOR, BRING_IN_WELL_OFF = admission.SCREEN, admission.RECRUIT_POOR, admission.BRING_IN_WELL_OFF


def _admit(params, state, want, *, lever=RECRUIT_POOR, capacity=20.0, approved=True, score=None, draw=None,
           coop_max=None):
    """One village's applications this season; ``score``: each household's score for the lower
    co-op; ``draw``: each household's draw (by default falling from the first household to the
    last, so the queue is in household order)."""
    p = constant_schedule(params, capacity=capacity, lower_allowed=1.0)
    if coop_max is not None:
        p = replace(p, coop_max=float(coop_max))
    n = state.households
    scores = np.zeros((1, n, 4))
    if score is not None:
        scores[0, :, LOWER] = score
    draws = np.zeros((1, n, 6))
    draws[0, :, 1] = np.linspace(0.9, 0.1, n) if draw is None else draw
    levers = Levers.default(1)
    levers.admission[:] = lever
    return admission.admit(state, p, 10, scores, np.asarray(want)[None, :], state.form.astype(np.int64), levers, draws,
                           np.array([approved]))


def _with_coops(params, sizes, applicants, **values):
    """A village whose lower co-ops have ``sizes`` members (slot by slot; 0: no co-op), followed by
    ``applicants`` households outside."""
    coop = [slot for slot, size in enumerate(sizes) for _ in range(size)]
    members = len(coop)
    return village(params, members + applicants, form=[LOWER] * members + [INDEPENDENT] * applicants,
                   coop=coop + [NO_COOP] * applicants, **values)


# ------------------------------------------------------------------ the queue of applications
def test_recruiting_the_poor_puts_a_lower_middle_applicant_two_points_ahead(params):
    """One place (capacity 1; no new co-op approved, which would open places for a founding group)
    in an existing co-op of three with room. The lower-middle applicant has draw 0.5 and no score:
    priority 0.5 + 2 = 2.5. The upper-middle one has draw 0 and a score of 2.4 (it loses) or 2.6
    (it wins)."""
    for upper_score, first in ((2.4, 3), (2.6, 4)):
        state = _with_coops(params, [3], 2, cls=[POOR] * 3 + [LOWER_MIDDLE, UPPER_MIDDLE])
        result = _admit(params, state, [LOWER] * 5, lever=RECRUIT_POOR, capacity=1.0, approved=False,
                        score=[0, 0, 0, 0.0, upper_score], draw=[0, 0, 0, 0.5, 0.0])
        assert result["admitted"][0, first] == 1.0 and result["admitted"][0].sum() == 1.0, upper_score
        assert result["not_admitted"][0, 7 - first] == 1.0, upper_score


def test_bringing_in_the_well_off_puts_an_upper_middle_applicant_two_points_ahead(params):
    """One place; the upper-middle applicant has draw 0 and no score: priority 0 + 2 = 2. The poor
    one has draw 0.5 and a score of 1.4 (1.9: it loses) or 1.6 (2.1: it wins)."""
    for poor_score, first in ((1.4, 4), (1.6, 3)):
        state = _with_coops(params, [3], 2, cls=[POOR] * 3 + [POOR, UPPER_MIDDLE])
        result = _admit(params, state, [LOWER] * 5, lever=BRING_IN_WELL_OFF, capacity=1.0, approved=False,
                        score=[0, 0, 0, poor_score, 0.0], draw=[0, 0, 0, 0.5, 0.0])
        assert result["admitted"][0, first] == 1.0 and result["admitted"][0].sum() == 1.0, poor_score


def test_the_queue_follows_each_household_s_own_draw(params):
    # two places (no new co-op approved), five alike applicants: those with the two highest draws (0.9 and 0.7) are heard,
    # whatever order the households are listed in
    state = _with_coops(params, [3], 5)
    draw = [0, 0, 0, 0.1, 0.5, 0.3, 0.9, 0.7]
    result = _admit(params, state, [LOWER] * 8, capacity=2.0, approved=False, draw=draw)
    assert result["admitted"][0].tolist() == [0, 0, 0, 0, 0, 0, 1, 1]
    assert result["not_admitted"][0].tolist() == [0, 0, 0, 1, 1, 1, 0, 0]


def test_when_the_cadres_can_organize_nobody_nobody_is_admitted(params):
    # capacity 0 (as in spring 1954) and no new co-op approved: even a co-op with room takes nobody
    state = _with_coops(params, [5], 3)
    result = _admit(params, state, [LOWER] * 8, capacity=0.0, approved=False)
    assert result["admitted"].sum() == 0.0 and result["not_admitted"][0, 5:].tolist() == [1.0, 1.0, 1.0]


def test_a_screening_co_op_turns_away_much_labour_on_little_land(params):
    """No animals anywhere; land per labour 1, 4, 5, 6, 7: the median is 5, and below 0.6 x 5 = 3
    only the first (6 mu for 6 labourers), not the small household of 4 mu and one labourer."""
    state = village(params, 5, land=[6.0, 4.0, 10.0, 12.0, 14.0], lab=[6.0, 1.0, 2.0, 2.0, 2.0], animals=0.0)
    result = _admit(params, state, [LOWER] * 5, lever=SCREEN)
    assert result["screened"][0].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert result["admitted"][0, 0] == 0.0


# ------------------------------------------------------------------ filling the co-ops
def test_joiners_fill_co_ops_from_the_largest_down_then_found_a_new_one(params):
    """Co-ops of at most 7: slot 0 has 5 members (room 2), slot 1 has 6 (room 1), slot 2 has 4
    (room 3), slot 3 is free. Eleven joiners in queue order: the first to slot 1, the next two to
    slot 0, three to slot 2, and the last five found a co-op in slot 3 (5 = found_min)."""
    state = _with_coops(params, [5, 6, 4], 11)
    result = _admit(params, state, [LOWER] * 26, coop_max=7)
    assert result["admitted"][0, 15:].all() and not result["admitted"][0, :15].any()
    assert result["slot"][0, 15:].tolist() == [1, 0, 0, 2, 2, 2, 3, 3, 3, 3, 3]


def test_a_village_with_four_co_ops_fills_them_all_and_founds_no_fifth(params):
    """Four co-ops of at most 7 with 6, 5, 4 and 3 members: room 1, 2, 3, 4 (10 in all). Eleven
    joiners: ten go in, largest first; the eleventh finds no room and no free slot."""
    state = _with_coops(params, [6, 5, 4, 3], 11)
    result = _admit(params, state, [LOWER] * 29, coop_max=7)
    assert result["slot"][0, 18:].tolist() == [0, 1, 1, 2, 2, 2, 3, 3, 3, 3, -1]
    assert result["too_few"][0].tolist() == [0.0] * 28 + [1.0]


def test_joiners_left_over_found_a_co_op_only_if_they_are_five(params):
    # one co-op of 5 with room for 2 (at most 7): of six joiners, 2 go in and 4 are too few; of
    # seven, 2 go in and 5 found a co-op in the first free slot (slot 1)
    six = _admit(params, _with_coops(params, [5], 7), [LOWER] * 11 + [INDEPENDENT], coop_max=7)
    assert six["slot"][0, 5:].tolist() == [0, 0, -1, -1, -1, -1, -1]
    assert six["too_few"][0].tolist() == [0.0] * 7 + [1.0] * 4 + [0.0]
    seven = _admit(params, _with_coops(params, [5], 7), [LOWER] * 12, coop_max=7)
    assert seven["slot"][0, 5:].tolist() == [0, 0, 1, 1, 1, 1, 1] and seven["too_few"].sum() == 0


def test_among_co_ops_of_equal_size_joiners_go_to_the_first(params):
    # slots 2 and 3 hold three members each, slots 0 and 1 are free: the joiners go to slot 2,
    # the same on every machine (a sort that is not stable may put slot 3 first)
    state = village(params, 8, form=[LOWER] * 6 + [INDEPENDENT] * 2, coop=[2, 2, 2, 3, 3, 3, NO_COOP, NO_COOP])
    result = _admit(params, state, [LOWER] * 8)
    assert result["slot"][0, 6:].tolist() == [2, 2]


def test_a_co_op_left_with_one_member_still_takes_joiners(params):
    # its other members left this season; it has room, so two joiners go in (two could not found one)
    state = village(params, 3, form=[LOWER, INDEPENDENT, INDEPENDENT], coop=[0, NO_COOP, NO_COOP])
    result = _admit(params, state, [LOWER] * 3)
    assert result["slot"][0].tolist() == [-1, 0, 0] and result["too_few"].sum() == 0


# ------------------------------------------------------------------ the share fund
def test_the_share_fund_adds_to_what_a_household_already_borrowed_owed_and_paid(params):
    """With the poor peasants' fund. Share fund 60 a labourer, 2 labourers: 120 due. A lower-middle
    household entering borrows it all (loan 30 -> 150) and owes no more; an upper-middle one with
    20 in cash pays 20 and owes 100 more (50 -> 150); a member who entered earlier, not entering
    now, keeps its loan, debt and paid share."""
    state = village(params, 3, cls=[LOWER_MIDDLE, UPPER_MIDDLE, POOR], lab=2.0, cash=[0.0, 20.0, 300.0],
                    fund_loan=[30.0, 0.0, 80.0], debt=[50.0, 50.0, 40.0], share_paid=[0.0, 10.0, 120.0])
    levers = Levers.default(1)
    levers.poor_fund[:] = True
    paid = admission.pay_share_fund(state, params, np.array([[True, True, False]]), levers)
    assert params.share_fund == 60.0
    assert paid[0].tolist() == [120.0, 120.0, 0.0]
    assert state.fund_loan[0].tolist() == [150.0, 0.0, 80.0]
    assert state.debt[0].tolist() == [50.0, 150.0, 40.0]
    assert state.cash[0].tolist() == [0.0, 0.0, 300.0]
    assert state.share_paid[0].tolist() == [120.0, 130.0, 120.0]


# ------------------------------------------------------------------ two villages, each its own
def test_each_village_hires_oxen_only_from_its_own_independents(params):
    # 16 mu need 0.8 animals; in the first village the neighbour has exactly that and nothing to
    # spare, in the second it has 2 (1.2 to spare): only there is 0.3 x 0.8 = 0.24 hired
    p = replace(params, draught_need=0.05, ox_market=0.3)
    short = village(p, 2, land=16.0, lab=4.0, animals=[0.0, 0.8])
    spare = village(p, 2, land=16.0, lab=4.0, animals=[0.0, 2.0])
    assert draught_hire(villages(short, spare), p) == pytest.approx(np.array([[0.0, 0.0], [0.24, 0.0]]))


def test_each_village_s_leavers_lead_home_animals_from_their_own_herd(params):
    # first village: the herd has 3 of the 6 its leaver brought, so it gets 3; second: a herd of 10
    # gives its leaver the 2 it brought
    short = village(params, 2, brought=[6.0, 0.0])
    short.collective_animals[:] = 3.0
    plenty = village(params, 2, brought=[2.0, 1.0])
    plenty.collective_animals[:] = 10.0
    county = villages(short, plenty)
    animals.return_animals(county, np.array([[True, False], [True, False]]))
    assert county.animals == pytest.approx(np.array([[3.0, 0.0], [2.0, 0.0]]))
    assert county.collective_animals.tolist() == pytest.approx([0.0, 8.0])


def test_each_village_counts_its_own_animals_disposed_of(params):
    # two owners sell in the first village; in the second both owners keep theirs
    p = constant_schedule(params, higher_allowed=1.0)
    county = villages(village(p, 2, animals=1.0), village(p, 2, animals=1.0))
    override = np.array([[animals.SELL, animals.SELL], [animals.KEEP, animals.KEEP]], np.int8)
    flows = animals.decide(county, p, 8, np.full(2, 0.5), np.full(2, 0.5), np.full((2, 2, 3), 0.9), override)
    assert flows["v_animals_disposed"].tolist() == [2.0, 0.0]
    assert county.animals.tolist() == [[0.0, 0.0], [1.0, 1.0]]


def _round(params):
    """The round parameters of test_rules_harvest.py (output 100 x sqrt(land x labour) a year, half
    in this harvest; tax 10%, seed 6%, retention 100 a head, fodder 300 an animal a year)."""
    p = constant_schedule(params, procurement_rate=1.0, procurement_on=1.0, assessment_level=1.0, discrimination=0.0)
    return replace(p, harvest_share=(0.0, 0.5, 0.5, 0.0), tfp=100.0, beta_land=0.5, beta_labour=0.5, draught_penalty=0.25,
                   draught_need=0.05, seed_rate=0.06, feed_per_animal=300.0, tax_rate=0.1, retention=100.0,
                   state_price=0.8, ox_market=0.3, ox_rent=350.0, labour_pooling=0.5, scale_gain=0.0, scale_loss=0.0,
                   supervision_cost=0.0, accumulation=0.05, welfare=0.01, rho=0.2, animal_value=1200.0,
                   instalment_years=4.0, instalment_paid=0.8, plot_yield=300.0, plot_labour=0.3)


def _harvest_county(p, state):
    V, n = state.cls.shape
    return harvest(state, p, 6, sums_for(state), np.ones(V), np.ones((V, n)), Levers.default(V), np.zeros(V), np.ones(V),
                   np.zeros((V, n)), (np.full(V, 0.6), np.full(V, 0.45)), np.full((V, n), 0.9))


def _lower_beside_one_alone(p):
    return village(p, 4, form=[LOWER] * 3 + [INDEPENDENT], coop=[0, 0, 0, NO_COOP], land=[21.0, 12.0, 4.0, 16.0],
                   plot=[1.0, 0.0, 0.0, 0.0], lab=[3.0, 3.0, 3.0, 4.0], persons=1.0, animals=[1.8, 0.0, 0.0, 1.0])


def _higher_beside_one_alone(p):
    state = village(p, 4, form=[HIGHER] * 3 + [INDEPENDENT], land=[20.0, 12.0, 4.0, 16.0], lab=[3.0, 3.0, 3.0, 4.0],
                    persons=[1.0, 1.0, 1.0, 2.0], animals=[0.0, 0.0, 0.0, 1.0], brought=[1.8, 0.0, 0.0, 0.0],
                    owed=[1000.0, 0.0, 0.0, 0.0])
    state.collective_animals[:] = 1.8
    return state


def test_each_village_s_harvest_totals_are_its_own(params):
    """A lower co-op with a private plot beside a household alone, and in the next village a higher
    co-op beside a household alone with two mouths; the co-ops are those worked out in
    test_rules_harvest.py (pool 900 - 54 - 90 - 336 - 54 = 366 lower, 96 higher).

    Lower co-op: rent 315, land dividend 8.5 + 5.1 + 1.7 = 15.3, work points 3 x 11.9 = 35.7;
    received 65.4 + 17 + 13.6 = 96 (the owner feeds its animal 270); the plot of 1 mu with evening
    labour 3 x 0.03: 0.5 x 300 x sqrt(0.09 / 0.3). Alone (16 mu, 4 labour, 1 animal, 1 head): keeps 50.
    Higher co-op: per head 3 x 6.4 = 19.2, work points 3 x 25.6 = 76.8, received 96. Alone with
    2 heads: surplus 752 - 80 - 200 - 300 = 172, sells 86 of it now: keeps 400 - 24 - 150 - 40 - 86 = 100."""
    p = _round(params)
    flows = _harvest_county(p, villages(_lower_beside_one_alone(p), _higher_beside_one_alone(p)))
    plot = 0.5 * 300.0 * np.sqrt(0.09 / 0.3)
    expected = {"v_animal_rent": [315.0, 0.0], "v_land_dividend": [15.3, 0.0], "v_work_points": [35.7, 76.8],
                "v_per_head": [0.0, 19.2], "v_plot": [plot, 0.0], "v_own_kept": [50.0, 100.0],
                "v_distributed": [96.0 + plot + 50.0, 96.0 + 100.0]}
    for key, value in expected.items():
        assert np.shape(flows[key]) == (2,) and flows[key].tolist() == pytest.approx(value), key
    # every village total of the county is the village's own, harvested alone
    for v, build in enumerate((_lower_beside_one_alone, _higher_beside_one_alone)):
        alone = _harvest_county(p, build(p))
        for key, value in flows.items():
            if key.startswith("v_"):
                assert value[v] == pytest.approx(alone[key][0]), (v, key)
