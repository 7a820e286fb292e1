"""Rule-level tests of one harvest and of draught animals at the edges the first tests left open
(issue 18, mutation survivors): weather, luck, field work and irrigation on a farm alone, on a
co-op's fields and on a member's private plot; the county's assessment level and bias on a co-op;
a team assessed at its re-matched labour; metering of work points and its supervision cost; the
flows and village totals the ledger reads in a village of households alone and co-op members;
a year's income adding up; the thin ox market inside one village only; pooling into a herd that
already exists; disposal under coercion; buying a second animal. Every number worked out by hand.

Harvest parameters as in test_rules_harvest.py: output = 100 x sqrt(land x labour) a year, half of
it in this harvest; tax 10%, seed 6%, retention 100 jin a head, fodder 300 jin an animal a year,
ox rent 350, funds 6%, the state pays 0.8; no scale or supervision terms unless said.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.sim import animals, production
from game.sim.harvest import draught_hire, harvest, pooled_land
from game.sim.levers import KEEP_MODEL, Levers
from game.sim.params import HIGHER, INDEPENDENT, LOWER, TEAM
from game.sim.state import NO_COOP
from game.sim.units import sums_for
from test_rules import village
from test_rules_animals import _p as animal_params
from test_rules_harvest import AUTUMN, _p

PLOT = 150.0 * np.sqrt(0.3)  # a 1-mu plot this harvest at full co-op effort: 0.5 x 300 x sqrt(3 x 0.03 / 0.3)


def _harvest(p, state, weather=1.0, luck=1.0, bias=1.0, levers=None, metering=(0.6, 0.45)):
    """One autumn harvest of a one-village state, nobody hiding grain, no campaign pressure."""
    n = state.households
    levers = Levers.default(1) if levers is None else levers
    return harvest(state, p, AUTUMN, sums_for(state), np.array([weather]),
                   np.broadcast_to(np.asarray(luck, float), (1, n)).copy(), levers, np.zeros(1), np.array([bias]),
                   np.zeros((1, n)), (np.full(1, metering[0]), np.full(1, metering[1])), np.full((1, n), 0.9))


def _alone(p, **values):
    return village(p, 1, **{"land": 16.0, "lab": 4.0, "animals": 1.0, "persons": 1.0, **values})


def _lower(p, **values):
    """The lower co-op of test_rules_harvest: 36 mu pooled, 9 labour, one owner of 1.8 animals."""
    return village(p, 3, **{"form": LOWER, "coop": 0, "land": [20.0, 12.0, 4.0], "lab": 3.0, "persons": 1.0,
                            "animals": [1.8, 0.0, 0.0], **values})


# ------------------------------------------------------------------ a farm alone
def test_weather_luck_and_field_work_change_what_a_household_keeps_not_what_the_state_assesses(params):
    p = _p(params)
    state = _alone(p, prep=1.1, y=50.0)
    flows = _harvest(p, state, weather=0.8, luck=1.25)
    # 400 x 0.8 x 1.25 x 1.1 = 440 grown: seed 26.4, fodder 150, 263.6 left; the state still assesses
    # the normal 800: tax 40, procurement 136 (paid 108.8); kept 263.6 - 40 - 136 = 87.6
    assert flows["output"][0, 0] == pytest.approx(440.0)
    assert flows["tax"][0, 0] == pytest.approx(40.0) and flows["procurement"][0, 0] == pytest.approx(136.0)
    assert flows["own_harvest"][0, 0] == pytest.approx(87.6)
    # the year's income adds this harvest's 87.6 + 108.8 to the 50 already earned
    assert state.year_income[0, 0] == pytest.approx(50.0 + 87.6 + 108.8)


def test_irrigation_raises_the_harvest_and_the_normal_output_the_state_assesses(params):
    p = _p(params)
    state = _alone(p)
    state.irrigation[:] = 1.25
    flows = _harvest(p, state)
    # 1,000 a year, 500 now: seed 30, fodder 150, 320 left; assessed on 1,000: tax 100, surplus
    # 940 - 100 - 100 - 300 = 440; half of each now: tax 50, procurement 220; kept 50
    assert flows["output"][0, 0] == pytest.approx(500.0)
    assert flows["tax"][0, 0] == pytest.approx(50.0) and flows["procurement"][0, 0] == pytest.approx(220.0)
    assert flows["own_harvest"][0, 0] == pytest.approx(50.0)


def test_the_county_s_assessment_level_raises_the_assessment_like_a_bias(params):
    # level 1.1 on 800: assessed 880, tax 88, surplus 827.2 - 88 - 400 = 339.2; half of each now
    p = _p(params, assessment_level=1.1)
    flows = _harvest(p, _alone(p))
    assert flows["tax"][0, 0] == pytest.approx(44.0) and flows["procurement"][0, 0] == pytest.approx(169.6)


def test_a_team_member_is_assessed_at_the_labour_its_fields_get_after_the_swap(params):
    p = _p(params)
    # animals in proportion to land; 2 labour each, half re-matched to land (20:5:5 of the team's 6):
    # 1 + 0.5 x 6 x 20/30 = 3 and 1 + 0.5 x 6 x 5/30 = 1.5. Normal output 100 x sqrt(20 x 3) and
    # 100 x sqrt(5 x 1.5); the tax this harvest is 0.5 x 10% of it (less than the harvest leaves)
    state = village(p, 3, form=TEAM, group=[0, 0, 0], land=[20.0, 5.0, 5.0], lab=2.0, persons=1.0,
                    animals=[1.0, 0.25, 0.25])
    flows = _harvest(p, state)
    assert flows["tax"][0].tolist() == pytest.approx([5.0 * np.sqrt(60.0), 5.0 * np.sqrt(7.5), 5.0 * np.sqrt(7.5)])


# ------------------------------------------------------------------ the co-ops
def test_a_co_op_s_fields_and_a_member_s_plot_yield_with_the_weather_and_the_members_luck(params):
    p = _p(params)
    state = _lower(p, land=[21.0, 12.0, 4.0], plot=[1.0, 0.0, 0.0], skill=[1.2, 1.0, 1.0], prep=1.1)
    flows = _harvest(p, state, weather=0.5, luck=1.2)
    # pooled 36 mu, 9 labour, full draught: 0.5 x 0.5 (weather) x 1.1 (field work) x 100 x 18 x the
    # members' mean skill and luck (3.2 / 3 x 1.2 = 1.28) = 633.6
    plot = 0.5 * 0.5 * 300.0 * 1.2 * 1.2 * np.sqrt(0.3)  # the plot: weather, the owner's skill and luck, not field work
    assert flows["plot"][0].tolist() == pytest.approx([plot, 0.0, 0.0])
    assert flows["v_output"][0] == pytest.approx(633.6 + plot)
    # equal work points: a member's share of the co-op's harvest is a third, plus its own plot
    assert flows["output"][0].tolist() == pytest.approx([211.2 + plot, 211.2, 211.2])


def test_a_co_op_s_members_are_assessed_with_the_county_s_bias(params):
    p = _p(params)
    flows = _harvest(p, _lower(p), bias=1.25)
    # normal 50 jin a mu rated at 62.5: members' pooled 20, 12, 4 mu owe a tax of 125, 75, 25 a year
    assert flows["tax"][0].tolist() == pytest.approx([62.5, 37.5, 12.5])
    assert flows["v_tax"][0] == pytest.approx(112.5)


def test_work_points_follow_metered_effort_and_metering_costs_supervision(params):
    p = replace(_p(params, procurement_on=0.0), supervision_cost=0.5, supervision_exp=0.0)
    state = _lower(p, land=12.0, lab=6.0, effort=[1.0, 0.5, 0.0])
    flows = _harvest(p, state, metering=(0.5, 0.9))
    # the lower co-op meters at 0.5: supervision 1 - 0.5 x 0.5^2 = 0.875 of 0.5 x 100 x sqrt(36 x 9)
    assert flows["v_output"][0] == pytest.approx(900.0 * 0.875)
    # points 6 x (0.5 x effort + 0.5 x the mean effort 0.5): 4.5, 3, 1.5, so work-point grain 3 : 2 : 1
    work = flows["work_points"][0]
    assert work.sum() > 0
    assert (work / work.sum()).tolist() == pytest.approx([1 / 2, 1 / 3, 1 / 6])


def test_an_owner_feeds_its_rented_animals_out_of_all_it_receives(params):
    p = _p(params, procurement_on=0.0)
    levers = Levers.default(1)
    levers.omega[:] = 0.0
    state = _lower(p, grain=[0.0, 500.0, 500.0])
    flows = _harvest(p, state, levers=levers)
    # 900 grown: seed 54, tax 90, funds 54, nothing sold: 702 to share; rent 175 x 1.8 = 315, the
    # 387 left by equal work points (129 each). The owner, with no grain of its own, feeds its
    # animal 270 out of its rent and work points: it keeps 315 + 129 - 270 = 174
    assert flows["animal_rent"][0].tolist() == pytest.approx([315.0, 0.0, 0.0])
    assert flows["work_points"][0].tolist() == pytest.approx([129.0] * 3)
    assert flows["feed"][0].tolist() == pytest.approx([270.0, 0.0, 0.0])
    assert state.grain[0].tolist() == pytest.approx([174.0, 629.0, 629.0])


def test_a_member_credited_with_no_grain_gets_none_of_the_state_s_money(params):
    p = _p(params, procurement_rate=0.5)
    levers = Levers.default(1)
    levers.omega[:] = 0.0
    state = _lower(p, effort=[1.0, 1.0, 0.0])
    # fully metered, the idle member earns no points; no land dividend, no animal: it receives no
    # grain, so none of the 0.8 x 168 the state pays for the co-op's grain (procurement at half rate)
    flows = _harvest(p, state, levers=levers, metering=(1.0, 1.0))
    assert flows["work_points"][0, 2] == 0.0 and flows["work_points"][0, 1] > 0
    assert flows["procurement_money"][0, 2] == 0.0
    assert flows["procurement_money"][0].sum() == pytest.approx(0.8 * 168.0)


def test_the_ledger_s_flows_and_village_totals_in_a_village_of_households_alone_and_members(params):
    """Households farming alone get nothing from a co-op, members nothing from own farms or the ox
    market; the village totals the ledger shows add up the households' flows."""
    p = _p(params)
    state = village(p, 5, form=[INDEPENDENT, INDEPENDENT, LOWER, LOWER, LOWER], coop=[NO_COOP, NO_COOP, 0, 0, 0],
                    land=[16.0, 16.0, 21.0, 12.0, 4.0], plot=[0.0, 0.0, 1.0, 0.0, 0.0], lab=[4.0, 4.0, 3.0, 3.0, 3.0],
                    persons=1.0, animals=[0.0, 2.0, 1.8, 0.0, 0.0])
    flows = _harvest(p, state)
    # alone: the first hires 0.24 animals (0.825 of a crop: 330; seed 19.8; assessed on 660: tax 33,
    # procurement (620.4 - 66 - 100) / 2 = 227.2; kept 50) and pays 175 x 0.24 = 42 for them; the
    # second grows 400 (seed 24, fodder 300, tax 40, nothing to sell: keeps 36) and is paid the 42
    assert flows["output"][0, :2].tolist() == pytest.approx([330.0, 400.0])
    assert flows["own_harvest"][0].tolist() == pytest.approx([50.0, 36.0, 0.0, 0.0, 0.0])
    assert flows["ox_hire"][0].tolist() == pytest.approx([-42.0, 42.0, 0.0, 0.0, 0.0])
    # the co-op as in test_rules_harvest (rent 315, land 8.5 : 5.1 : 1.7, work 11.9 each), and a plot
    assert flows["animal_rent"][0].tolist() == pytest.approx([0.0, 0.0, 315.0, 0.0, 0.0])
    assert flows["land_dividend"][0].tolist() == pytest.approx([0.0, 0.0, 8.5, 5.1, 1.7])
    assert flows["work_points"][0].tolist() == pytest.approx([0.0, 0.0, 11.9, 11.9, 11.9])
    assert flows["per_head"][0].tolist() == [0.0] * 5
    assert flows["plot"][0].tolist() == pytest.approx([0.0, 0.0, PLOT, 0.0, 0.0])
    assert flows["output"][0, 2:].tolist() == pytest.approx([300.0 + PLOT, 300.0, 300.0])  # a third of 900 each
    totals = {k: flows[f"v_{k}"][0] for k in ("own_kept", "animal_rent", "land_dividend", "work_points", "per_head", "plot")}
    assert totals == pytest.approx({"own_kept": 86.0, "animal_rent": 315.0, "land_dividend": 15.3, "work_points": 35.7,
                                    "per_head": 0.0, "plot": PLOT})
    # grain in: 50 - 42 and 36 + 42 alone; 65.4 (after the owner's 270 of fodder), 17 and 13.6 in the co-op
    assert flows["v_distributed"][0] == pytest.approx(8.0 + 78.0 + 65.4 + 17.0 + 13.6 + PLOT)


def test_a_higher_co_op_s_instalments_count_in_the_year_s_income_and_a_bad_year_scales_the_tax(params):
    p = _p(params)

    def higher(**values):
        state = village(p, 3, form=HIGHER, land=[20.0, 12.0, 4.0], lab=3.0, persons=1.0, animals=0.0,
                        brought=[1.8, 0.0, 0.0], owed=[1000.0, 0.0, 0.0], **values)
        state.collective_animals[:] = 1.8
        return state

    state = higher(y=10.0)
    flows = _harvest(p, state)
    # as in test_rules_harvest: grain 32 each, money 50 each and the owner's instalment 118.8
    assert state.year_income[0].tolist() == pytest.approx([10.0 + 32.0 + 50.0 + 118.8, 10.0 + 82.0, 10.0 + 82.0])
    # 0.4 of a crop: 360 grown, seed 21.6, the herd's 270: 68.4 of the tax of 90 can be paid (0.76);
    # each member's part of the tax (50, 30, 10 on its land) is paid at 0.76
    bad = _harvest(p, higher(), weather=0.4)
    assert bad["tax"][0].tolist() == pytest.approx([38.0, 22.8, 7.6])


def test_a_member_whose_plot_is_all_its_land_pools_nothing(params):
    state = village(params, 3, land=[2.0, 2.0, 15.0], plot=[0.5, 2.0, 0.0])
    assert pooled_land(state)[0].tolist() == [1.5, 0.0, 15.0]


def test_a_private_plot_yields_with_the_member_s_skill(params):
    p = replace(params, plot_yield=300.0, plot_labour=0.3, evening_labour=0.03)
    # 1 mu tended with all the time it needs (effort 0 leaves 2 x 1.03 free): 300 x skill
    got = production.plot_output(np.ones(3), 2.0, 0.0, np.array([0.5, 1.0, 1.5]), p)
    assert got.tolist() == pytest.approx([150.0, 300.0, 450.0])


# ------------------------------------------------------------------ the ox market
def test_the_ox_market_is_shared_among_those_farming_alone_in_one_village(params):
    p = _p(params)
    # 0.12 spare animals for the 0.24 wanted: half of what it wants; the co-op member next door wants none
    state = village(p, 3, land=16.0, lab=4.0, persons=1.0, animals=[0.0, 0.92, 0.0],
                    form=[INDEPENDENT, INDEPENDENT, LOWER], coop=[NO_COOP, NO_COOP, 0])
    assert draught_hire(state, p)[0].tolist() == pytest.approx([0.12, 0.0, 0.0])
    # two villages: the one without a spare animal cannot hire the other's
    two = village(p, 2, land=16.0, lab=4.0, persons=1.0, animals=[0.0, 2.0]).copies(0, 2)
    two.animals[1] = [0.0, 0.0]
    assert draught_hire(two, p).ravel().tolist() == pytest.approx([0.24, 0.0, 0.0, 0.0])


# ------------------------------------------------------------------ draught animals
def test_joining_a_herd_that_exists_adds_to_it_and_keeps_the_earlier_members_claims(params):
    p = animal_params(params)
    state = village(p, 3, form=[HIGHER, INDEPENDENT, INDEPENDENT], animals=[0.0, 1.0, 3.0], brought=[2.0, 0.0, 0.0],
                    owed=[1000.0, 0.0, 0.0])
    state.collective_animals[:] = 2.0
    animals.pool_animals(state, p, np.array([[False, True, False]]), np.array([0.5]))
    assert state.collective_animals[0] == 3.0
    assert state.brought[0].tolist() == [2.0, 1.0, 0.0]
    assert state.owed[0].tolist() == pytest.approx([1000.0, 600.0, 0.0])  # 1 animal x 0.5 x 1,200


def test_under_coercion_pooling_is_certain_not_more_than_certain(params):
    # pressure 0.9 x 1.6 (coercion) = 1.44: the pool chance is 1, keeping worth 0.5 x 0.375 x 0.8 =
    # 0.15, disposing 0.55 - 0.3 x 1.44 x 0.3 = 0.4204: chance 0.5 / (1 + exp(-0.2704 / 0.08)) = 0.4835
    p = animal_params(params)
    state = village(p, 2, animals=1.0, cash=0.0)
    draws = np.array([[[0.48, 0.9, 0.9], [0.49, 0.9, 0.9]]])
    flows = animals.decide(state, p, 8, np.array([1.44]), np.array([0.5]), draws, np.full((1, 2), KEEP_MODEL, np.int8))
    assert flows["animals_disposed"][0].tolist() == [1.0, 0.0]
    assert flows["v_animals_disposed"][0] == 1.0


def test_a_household_with_half_the_animals_its_land_needs_buys_one(params):
    # 15 mu need 0.75 animals: half an animal is too few; 2,000 jin is more than 1.5 x 1,200
    p = animal_params(params)
    state = village(p, 1, animals=0.5, land=15.0, cash=2000.0)
    flows = animals.decide(state, p, 8, np.array([0.1]), np.array([0.5]), np.array([[[0.9, 0.9, 0.49]]]),
                           np.full((1, 1), KEEP_MODEL, np.int8))
    assert flows["animals_bought"][0, 0] == 1.0 and state.animals[0, 0] == 1.5
