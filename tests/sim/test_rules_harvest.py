"""Rule-level tests of one harvest (M1-M3) on tiny hand-built villages, every number worked out by
hand (issue 18): a household farming alone (seed, fodder, tax, procurement, what the harvest
allows), hidden grain and who is searched, the thin ox market, a team's settlement of ox-days,
and a lower and a higher co-op's whole split down to the money the state pays.

Round parameters: output = 100 x sqrt(land x labour) a year, half of it in this harvest; tax 10%,
seed 6%, retention 100 jin a head, fodder 300 jin an animal a year; no scale or supervision terms.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.sim.harvest import draught_hire, harvest, pooled_land
from game.sim.levers import Levers
from game.sim.params import HIGHER, INDEPENDENT, LOWER, RICH, TEAM
from game.sim.state import NO_COOP
from game.sim.units import sums_for
from test_rules import constant_schedule, village

AUTUMN = 6


def _p(params, **rows):
    p = constant_schedule(params, **{"procurement_rate": 1.0, "procurement_on": 1.0, "assessment_level": 1.0,
                                     "discrimination": 0.0, **rows})
    return replace(p, harvest_share=(0.0, 0.5, 0.5, 0.0), tfp=100.0, beta_land=0.5, beta_labour=0.5, draught_penalty=0.25,
                   draught_need=0.05, seed_rate=0.06, feed_per_animal=300.0, tax_rate=0.1, retention=100.0,
                   state_price=0.8, ox_market=0.3, ox_rent=350.0, labour_pooling=0.5, scale_gain=0.0, scale_loss=0.0,
                   supervision_cost=0.0, accumulation=0.05, welfare=0.01, rho=0.2, animal_value=1200.0,
                   instalment_years=4.0, instalment_paid=0.8, plot_yield=300.0)


def _harvest(p, state, weather=1.0, pressure=0.0, hide=0.0, inspection=0.9, levers=None, bias=1.0):
    n = state.households
    levers = Levers.default(1) if levers is None else levers
    return harvest(state, p, AUTUMN, sums_for(state), np.array([weather]), np.ones((1, n)), levers, np.array([pressure]),
                   np.array([bias]), np.broadcast_to(np.asarray(hide, float), (1, n)).copy(),
                   (np.full(1, 0.6), np.full(1, 0.45)), np.broadcast_to(np.asarray(inspection, float), (1, n)).copy())


def _alone(p, **values):
    return village(p, 1, **{"land": 16.0, "lab": 4.0, "animals": 1.0, "persons": 1.0, **values})


# ------------------------------------------------------------------ farming alone
def test_a_household_alone_pays_tax_and_sells_its_surplus_and_keeps_the_rest(params):
    p = _p(params)
    state = _alone(p)
    flows = _harvest(p, state)
    # 100 x sqrt(16 x 4) = 800 a year, 400 now: seed 24, fodder 150; assessed on 800: tax 80,
    # surplus 752 - 80 - 100 - 300 = 272; half of each in this harvest: tax 40, procurement 136
    expected = {"output": 400.0, "seed": 24.0, "feed": 150.0, "tax": 40.0, "procurement": 136.0, "own_harvest": 50.0,
                "procurement_money": 108.8, "income": 158.8, "ox_hire": 0.0}
    assert {k: float(flows[k][0, 0]) for k in expected} == pytest.approx(expected)
    assert flows["v_procurement_due"][0] == pytest.approx(136.0)
    assert state.grain[0, 0] == pytest.approx(550.0) and state.cash[0, 0] == pytest.approx(208.8)
    assert state.year_income[0, 0] == pytest.approx(158.8)


def test_a_bad_harvest_pays_tax_first_and_cannot_pay_what_the_state_assessed(params):
    p = _p(params)
    flows = _harvest(p, _alone(p), weather=0.5)
    # 200 grown: seed 12, fodder 150, 38 left: tax takes it all, nothing is sold, nothing kept
    assert flows["tax"][0, 0] == pytest.approx(38.0)
    assert flows["procurement"][0, 0] == 0.0 and flows["own_harvest"][0, 0] == pytest.approx(0.0)
    assert flows["v_procurement_due"][0] == pytest.approx(136.0)  # the state asked for it all the same
    starving = _harvest(p, _alone(p), weather=0.3)  # 120 grown: seed 7.2, fodder what is left
    assert starving["feed"][0, 0] == pytest.approx(112.8) and starving["tax"][0, 0] == pytest.approx(0.0)


def test_a_high_assessment_and_the_surcharge_raise_what_the_state_takes(params):
    p = _p(params)
    # assessed at 1.1 x 800 = 880: tax 88, surplus 827.2 - 88 - 400 = 339.2
    high = _harvest(p, _alone(p), bias=1.1)
    assert high["tax"][0, 0] == pytest.approx(44.0) and high["procurement"][0, 0] == pytest.approx(169.6)
    surcharged = _harvest(_p(params, discrimination=0.2), _alone(p), pressure=0.5)  # 10% more assessed
    assert surcharged["procurement"][0, 0] == pytest.approx(169.6)
    lower_rate = _harvest(_p(params, procurement_rate=0.5), _alone(p))
    assert lower_rate["procurement"][0, 0] == pytest.approx(68.0) and lower_rate["tax"][0, 0] == pytest.approx(40.0)
    no_procurement = _harvest(_p(params, procurement_on=0.0), _alone(p))
    assert no_procurement["procurement"][0, 0] == 0.0 and no_procurement["own_harvest"][0, 0] == pytest.approx(186.0)


# ------------------------------------------------------------------ hidden grain
def test_hidden_grain_kept_when_nobody_searches_and_taken_when_found(params):
    p = _p(params)
    kept = _harvest(p, _alone(p), hide=50.0, inspection=0.9)
    assert kept["procurement"][0, 0] == pytest.approx(86.0) and kept["own_harvest"][0, 0] == pytest.approx(100.0)
    assert kept["hidden_kept"][0, 0] == pytest.approx(50.0) and kept["hidden_found"][0, 0] == 0.0
    found = _harvest(p, _alone(p), hide=50.0, inspection=0.2)  # below the base chance 0.25: searched
    assert found["hidden_found"][0, 0] == pytest.approx(50.0) and found["hidden_kept"][0, 0] == 0.0
    assert found["tax"][0, 0] == pytest.approx(90.0) and found["own_harvest"][0, 0] == pytest.approx(50.0)
    assert found["procurement_money"][0, 0] == pytest.approx(0.8 * 86.0)  # found grain is not paid for
    too_much = _harvest(p, _alone(p), hide=500.0, inspection=0.9)
    assert too_much["hidden_kept"][0, 0] == pytest.approx(136.0)  # no more than the state asked for can be hidden


def test_the_campaign_former_rich_peasants_and_a_bad_name_draw_the_searches(params):
    p = _p(params)
    # base 0.25; +0.15 for a rich peasant or former landlord; +0.3 x pressure; +0.03 a point of bad name
    assert _harvest(p, _alone(p, cls=RICH), hide=50.0, inspection=0.39)["hidden_found"][0, 0] > 0
    assert _harvest(p, _alone(p, cls=RICH), hide=50.0, inspection=0.41)["hidden_found"][0, 0] == 0
    assert _harvest(p, _alone(p), hide=50.0, inspection=0.39)["hidden_found"][0, 0] == 0
    assert _harvest(p, _alone(p), hide=50.0, inspection=0.39, pressure=0.5)["hidden_found"][0, 0] > 0
    assert _harvest(p, _alone(p, standing=-5.0), hide=50.0, inspection=0.39)["hidden_found"][0, 0] > 0
    assert _harvest(p, _alone(p, standing=5.0), hide=50.0, inspection=0.26)["hidden_found"][0, 0] == 0


# ------------------------------------------------------------------ the ox market and the team
def test_a_household_without_an_ox_hires_from_neighbours_with_spare_animals(params):
    p = _p(params)
    state = village(p, 2, land=16.0, lab=4.0, persons=1.0, animals=[0.0, 2.0])
    # it needs 0.8 animals and can rent 0.3 of that (0.24); the neighbour has 1.2 to spare
    assert draught_hire(state, p)[0].tolist() == pytest.approx([0.24, 0.0])
    flows = _harvest(p, state)
    rent = 350.0 * 0.5 * 0.24
    assert flows["ox_hire"][0].tolist() == pytest.approx([-rent, rent])
    # 0.24 animals for 16 mu: 1 - 0.25 x (1 - 0.3) of a full crop
    assert flows["output"][0, 0] == pytest.approx(400.0 * 0.825)
    scarce = village(p, 2, land=16.0, lab=4.0, persons=1.0, animals=[0.0, 0.92])  # only 0.12 to spare
    assert draught_hire(scarce, p)[0].tolist() == pytest.approx([0.12, 0.0])


def test_co_op_animals_are_not_for_hire_to_those_who_stayed_out(params):
    p = _p(params)
    state = village(p, 2, land=16.0, lab=4.0, animals=[0.0, 5.0], form=[INDEPENDENT, LOWER], coop=[NO_COOP, 0])
    assert draught_hire(state, p)[0].tolist() == [0.0, 0.0]


def test_a_team_member_pays_its_neighbour_for_the_ox_days_it_used(params):
    p = _p(params)
    state = village(p, 3, form=TEAM, group=[0, 0, 0], land=10.0, lab=2.0, persons=1.0, animals=[1.5, 0.0, 0.0])
    flows = _harvest(p, state)
    # the team's 1.5 animals plough 0.5 a member: the owner is paid 175 x 1 by the two others
    assert flows["ox_hire"][0].tolist() == pytest.approx([175.0, -87.5, -87.5])
    assert flows["output"][0, 0] == pytest.approx(flows["output"][0, 1])


def test_a_team_swaps_labour_days_for_grain(params):
    p = _p(params)
    state = village(p, 3, form=TEAM, group=[0, 0, 0], land=[20.0, 5.0, 5.0], lab=2.0, persons=1.0, animals=[1.0, 0.25, 0.25])
    flows = _harvest(p, state)
    # the big holding takes labour-days from the small ones and pays for them
    assert flows["ox_hire"][0, 0] < 0 < flows["ox_hire"][0, 1]
    assert flows["ox_hire"][0].sum() == pytest.approx(0.0, abs=1e-9)


# ------------------------------------------------------------------ the co-ops
def test_a_lower_co_op_pays_seed_the_state_the_funds_rent_land_and_work_in_that_order(params):
    p = _p(params)
    state = village(p, 3, form=LOWER, coop=0, land=[20.0, 12.0, 4.0], lab=3.0, persons=1.0, animals=[1.8, 0.0, 0.0])
    flows = _harvest(p, state)
    # pooled: 100 x sqrt(36 x 9) = 1,800 a year, 900 now, 50 a mu. Seed 54. Each member assessed on
    # its land: 1,000, 600, 200: tax 100, 60, 20; surplus 940-100-100-540 (the owner feeds its
    # animal) = 200, 564-60-100 = 404, 188-20-100 = 68; this harvest: tax 90, procurement 336.
    # Funds 6% of 900 = 54. Pool 900-54-90-336-54 = 366: rent 175 x 1.8 = 315 first; of 51 left,
    # 0.3 by land (15.3: 8.5, 5.1, 1.7) and 0.7 by equal work points (11.9 each).
    assert flows["v_output"][0] == pytest.approx(900.0)
    assert flows["v_seed"][0] == pytest.approx(54.0)
    assert flows["v_tax"][0] == pytest.approx(90.0) and flows["v_procurement"][0] == pytest.approx(336.0)
    assert flows["v_procurement_due"][0] == pytest.approx(336.0)  # all of it could be delivered
    assert flows["v_fund_in"][0] == pytest.approx(54.0) and state.fund[0] == pytest.approx(54.0)
    assert flows["animal_rent"][0].tolist() == pytest.approx([315.0, 0.0, 0.0])
    assert flows["land_dividend"][0].tolist() == pytest.approx([8.5, 5.1, 1.7])
    assert flows["work_points"][0].tolist() == pytest.approx([11.9, 11.9, 11.9])
    assert flows["per_head"][0].tolist() == [0.0, 0.0, 0.0]
    # the owner feeds its animal (270 jin); the state's 268.8 follows the grain received, 65.4 : 17 : 13.6
    assert flows["feed"][0].tolist() == pytest.approx([270.0, 0.0, 0.0])  # a lower co-op has no herd to feed
    assert flows["procurement_money"][0].tolist() == pytest.approx([183.12, 47.6, 38.08])
    assert flows["income"][0].tolist() == pytest.approx([248.52, 64.6, 51.68])
    assert flows["tax"][0].sum() == pytest.approx(90.0) and flows["procurement"][0].sum() == pytest.approx(336.0)


def test_a_lower_co_op_s_land_dividend_follows_the_cadre_s_share(params):
    p = _p(params)
    levers = Levers.default(1)
    levers.omega[:] = 0.0
    state = village(p, 3, form=LOWER, coop=0, land=[20.0, 12.0, 4.0], lab=3.0, persons=1.0, animals=[1.8, 0.0, 0.0])
    flows = _harvest(p, state, levers=levers)
    assert flows["land_dividend"][0].tolist() == [0.0, 0.0, 0.0]
    assert flows["work_points"][0].tolist() == pytest.approx([17.0, 17.0, 17.0])


def test_a_higher_co_op_feeds_the_herd_pays_per_head_and_instalments_for_pooled_animals(params):
    p = _p(params)
    state = village(p, 3, form=HIGHER, land=[20.0, 12.0, 4.0], lab=3.0, persons=1.0, animals=0.0, brought=[1.8, 0.0, 0.0],
                    owed=[1000.0, 0.0, 0.0])
    state.collective_animals[:] = 1.8
    flows = _harvest(p, state)
    # the co-op feeds the herd: 270 of 900; seed 54, tax 90, procurement 336, funds 54: pool 96,
    # 0.2 per head (6.4 each) and 0.8 by work points (25.6 each)
    assert flows["v_feed"][0] == pytest.approx(270.0)
    assert flows["per_head"][0].tolist() == pytest.approx([6.4] * 3)
    assert flows["work_points"][0].tolist() == pytest.approx([25.6] * 3)
    assert flows["animal_rent"][0].tolist() == [0.0] * 3 and flows["land_dividend"][0].tolist() == [0.0] * 3
    # instalment due: 0.5 x 0.55 x 1,200 x 1.8 / 4 = 148.5, of which 0.8 is paid (118.8) out of the
    # state's 268.8; the 150 left follows the grain received, equal here
    assert flows["instalment"][0].tolist() == pytest.approx([118.8, 0.0, 0.0])
    assert flows["procurement_money"][0].tolist() == pytest.approx([50.0] * 3)
    assert state.owed[0, 0] == pytest.approx(1000.0 - 118.8)
    assert flows["income"][0].tolist() == pytest.approx([32.0 + 50.0 + 118.8, 82.0, 82.0])


def test_a_member_s_private_plot_stays_out_of_the_pool(params):
    p = _p(params)
    state = village(p, 3, form=LOWER, coop=0, land=[21.0, 12.0, 4.0], plot=[1.0, 0.0, 0.0], lab=3.0, persons=1.0,
                    animals=[1.8, 0.0, 0.0], effort=1.0)
    assert pooled_land(state)[0].tolist() == [20.0, 12.0, 4.0]
    flows = _harvest(p, state)
    assert flows["v_output"][0] - flows["plot"][0].sum() == pytest.approx(900.0)
    # a member at full effort keeps only evening labour for its plot: 3 x 0.03 of the 0.3 it needs
    assert flows["plot"][0, 0] == pytest.approx(0.5 * 300.0 * np.sqrt(0.09 / p.plot_labour))


def test_a_search_finds_hidden_grain_only_below_the_household_s_suspicion(params):
    p = _p(params)
    # exactly at the base chance 0.25 is not below it; a bad name of -5 adds 0.15 (0.40), not more
    assert _harvest(p, _alone(p), hide=50.0, inspection=0.25)["hidden_found"][0, 0] == 0
    assert _harvest(p, _alone(p, standing=-5.0), hide=50.0, inspection=0.41)["hidden_found"][0, 0] == 0
    # without a draw (the calculus's what-ifs) only certain suspicion finds it: 0.25 + 0.3 + 0.15 + 0.03 x 15
    n = 1
    for standing, found in ((-15.0, 50.0), (-5.0, 0.0)):
        state = _alone(p, cls=RICH, standing=standing)
        flows = harvest(state, p, AUTUMN, sums_for(state), np.ones(1), np.ones((1, n)), Levers.default(1), np.ones(1),
                        np.ones(1), np.full((1, n), 50.0), (np.full(1, 0.6), np.full(1, 0.45)))
        assert flows["hidden_found"][0, 0] == pytest.approx(found)


def test_labour_days_are_paid_at_the_labour_share_of_the_team_s_output(params):
    p = _p(params)
    # animals in proportion to land: no ox-days change hands. Labour 0.3 each (0.9 in all), half
    # re-matched to land (20:5:5): 0.45, 0.225, 0.225; output 50 x sqrt(land x labour) = 150, 53.03,
    # 53.03; a labour-day is worth 0.5 x 256.07 / 0.9; the big holding pays for the 0.15 it took
    state = village(p, 3, form=TEAM, group=[0, 0, 0], land=[20.0, 5.0, 5.0], lab=0.3, persons=1.0, animals=[1.0, 0.25, 0.25])
    flows = _harvest(p, state)
    output = 50.0 * (3.0 + 2 * np.sqrt(1.125))
    wage = 0.5 * output / 0.9
    assert flows["output"][0].sum() == pytest.approx(output)
    assert flows["ox_hire"][0].tolist() == pytest.approx([-0.15 * wage, 0.075 * wage, 0.075 * wage])


def test_even_a_small_settlement_is_paid_in_full(params):
    p = _p(params)
    # a team whose animals are nearly even: the owner of 0.002 animals too many is owed 175 x 0.002
    team = village(p, 3, form=TEAM, group=[0, 0, 0], land=10.0, lab=2.0, persons=1.0, animals=[0.502, 0.499, 0.499])
    assert _harvest(p, team)["ox_hire"][0].tolist() == pytest.approx([0.35, -0.175, -0.175])
    # a household 0.01 animals short hires 0.3 of that from a neighbour: 175 x 0.003
    market = village(p, 2, land=16.0, lab=4.0, persons=1.0, animals=[0.79, 2.0])
    assert _harvest(p, market)["ox_hire"][0].tolist() == pytest.approx([-0.525, 0.525])


def test_a_higher_co_op_left_with_one_household_still_farms_at_its_skill(params):
    p = _p(params)
    state = village(p, 1, form=HIGHER, land=16.0, lab=4.0, persons=1.0, animals=0.0, skill=1.2)
    state.collective_animals[:] = 0.8
    flows = _harvest(p, state)
    assert flows["v_output"][0] == pytest.approx(1.2 * 400.0)
    assert flows["v_tax"][0] == pytest.approx(0.5 * 0.1 * 1.2 * 800.0)  # assessed at its own skill too


def test_in_a_bad_year_a_higher_co_op_feeds_its_herd_pays_tax_then_sells_and_saves_what_is_left(params):
    p = _p(params)

    def higher(weather):
        state = village(p, 3, form=HIGHER, land=[20.0, 12.0, 4.0], lab=3.0, persons=1.0, animals=0.0,
                        brought=[1.8, 0.0, 0.0], owed=[1000.0, 0.0, 0.0])
        state.collective_animals[:] = 1.8
        return _harvest(p, state, weather=weather)

    # half a crop: 450 grown, seed 27, the herd's 270, 153 left: tax 90, the state gets 63 of the 336
    # it asked for, nothing for the funds or the members
    half = higher(0.5)
    assert half["v_feed"][0] == pytest.approx(270.0) and half["v_tax"][0] == pytest.approx(90.0)
    assert half["v_procurement"][0] == pytest.approx(63.0) and half["procurement"][0].sum() == pytest.approx(63.0)
    assert half["v_procurement_due"][0] == pytest.approx(336.0)
    assert half["v_fund_in"][0] == pytest.approx(0.0) and half["work_points"][0].sum() == pytest.approx(0.0)
    # three-tenths: 270 grown, seed 16.2; the herd gets the rest, 253.8, and the state nothing
    poor = higher(0.3)
    assert poor["v_feed"][0] == pytest.approx(253.8) and poor["v_tax"][0] == pytest.approx(0.0)
    assert poor["v_procurement"][0] == pytest.approx(0.0)
