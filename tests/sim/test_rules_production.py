"""Rule-level tests of production (M1), the state's take (M2) and the split of a pooled harvest
(M3), with numbers worked out by hand on round inputs (issue 18).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.sim import distribution, production
from game.sim.statetake import assessed_take, surcharge
from test_rules import constant_schedule


def _p(params):
    return replace(params, beta_land=0.5, beta_labour=0.5, draught_penalty=0.25, draught_need=0.05, scale_gain=0.08,
                   scale_n0=10.0, scale_nstar=60.0, scale_loss=0.06, supervision_cost=0.02, supervision_exp=0.5,
                   plot_yield=300.0, plot_labour=0.3, evening_labour=0.03, tax_rate=0.1, seed_rate=0.06, retention=400.0,
                   feed_per_animal=300.0)


# ------------------------------------------------------------------ M1 production
def test_without_enough_draught_power_part_of_the_output_is_lost(params):
    p = _p(params)
    per_mu = np.array([0.0, 0.025, 0.05, 0.1])
    assert production.draught_factor(per_mu, p).tolist() == pytest.approx([0.75, 0.875, 1.0, 1.0])


def test_pooling_gains_level_off_and_very_large_units_lose(params):
    p = _p(params)
    got = production.scale_factor(np.array([0.0, 10.0, 60.0, 120.0]), p)
    expected = [1.0, 1 + 0.08 * (1 - np.exp(-1)), 1 + 0.08 * (1 - np.exp(-6)), 1 + 0.08 * (1 - np.exp(-12)) - 0.06]
    assert got.tolist() == pytest.approx(expected)


def test_recording_work_costs_more_the_more_accurate_and_the_larger_the_unit(params):
    p = _p(params)
    # 1 - 0.02 x m^2 x (n / 25)^0.5, n at least 1
    got = production.supervision_factor(np.array([0.5, 0.5, 0.5, 1.0]), np.array([0.0, 25.0, 100.0, 25.0]), p)
    assert got.tolist() == pytest.approx([1 - 0.005 * 0.2, 0.995, 0.99, 0.98])


def test_a_farm_grows_with_land_labour_and_draught_power(params):
    p = _p(params)
    # 100 x 16^0.5 x 4^0.5 = 800 jin with an animal for 16 mu; a quarter less with none
    assert production.farm_output(16.0, 4.0, 0.8, 1.0, p, 100.0) == pytest.approx(800.0)
    assert production.farm_output(16.0, 4.0, 0.0, 1.0, p, 100.0) == pytest.approx(600.0)
    assert production.farm_output(16.0, 4.0, 0.8, 1.2, p, 100.0) == pytest.approx(960.0)
    assert production.farm_output(16.0, -1.0, 0.8, 1.0, p, 100.0) == 0.0
    assert production.farm_output(0.0, 4.0, 0.0, 1.0, p, 100.0) == pytest.approx(0.0, abs=1e-2)


def test_a_co_op_farms_its_pooled_inputs_with_scale_and_supervision(params):
    p = _p(params)
    got = production.coop_output(16.0, 4.0, 0.8, 1.0, 25.0, 0.5, p, 100.0)
    assert got == pytest.approx(800.0 * (1 + 0.08 * (1 - np.exp(-2.5))) * 0.995)


def test_a_private_plot_thrives_on_the_time_kept_from_collective_work(params):
    p = _p(params)
    # a 1-mu plot needs 0.3 labour; 2 labour at effort 0.9 keep 2 x (0.03 + 0.1) = 0.26 free
    got = production.plot_output(np.array([1.0, 1.0, 1.0, 0.0]), 2.0, np.array([0.9, 0.5, 1.5, 0.5]), 1.0, p)
    assert got.tolist() == pytest.approx([300 * np.sqrt(0.26 / 0.3), 300.0, 300 * np.sqrt(0.06 / 0.3), 0.0])


def test_a_team_swaps_labour_part_of_the_way_to_its_land(params):
    # half-way from its own 1 labour to the team's 8 spread by land (10 of 40 mu): 0.5 + 0.5 x 2
    assert production.rematched_labour(10.0, 1.0, 40.0, 8.0, 0.5) == pytest.approx(1.5)
    assert production.rematched_labour(10.0, 1.0, 40.0, 8.0, 0.0) == pytest.approx(1.0)
    assert production.rematched_labour(10.0, 1.0, 0.0, 8.0, 1.0) > 1e6  # no team land: no division by zero


# ------------------------------------------------------------------ M2 the state's take
def test_tax_on_assessed_output_and_procurement_of_the_surplus_above_retention_and_feed(params):
    p = _p(params)
    # 10,000 jin: tax 1,000; surplus 9,400 - 1,000 - 5 x 400 - 2 x 300 = 5,800; half of it bought
    tax, proc = assessed_take(np.array([10000.0, 2000.0]), np.array([5.0, 5.0]), np.array([2.0, 0.0]), p, 0.5)
    assert tax.tolist() == pytest.approx([1000.0, 200.0])
    assert proc.tolist() == pytest.approx([2900.0, 0.0])  # a deficit household sells nothing


def test_the_surcharge_is_the_season_s_discrimination_times_the_pressure(params):
    p = constant_schedule(params, discrimination=0.0)
    d = p.schedule.discrimination.copy()
    d[7] = 0.2
    p = replace(p, schedule=replace(p.schedule, discrimination=d))
    assert surcharge(p, 7, np.array([0.5, 1.0])).tolist() == pytest.approx([0.1, 0.2])
    assert surcharge(p, 6, np.array([0.5, 1.0])).tolist() == [0.0, 0.0]


# ------------------------------------------------------------------ M3 the pooled harvest's split
def test_a_lower_co_op_pays_animal_rent_first_then_land_and_work(params):
    # 1,000 jin: 400 rent to the owner; of 600 left, 0.3 by land (3:1), 0.7 by work points (2:3)
    rent, land, head, points = distribution.coop_grain(1000.0, 400.0, np.array([400.0, 0.0]), np.array([0.75, 0.25]),
                                                       np.array([0.5, 0.5]), np.array([0.4, 0.6]), 0.3, 0.0)
    assert rent.tolist() == [400.0, 0.0]
    assert land.tolist() == pytest.approx([135.0, 45.0])
    assert head.tolist() == [0.0, 0.0]
    assert points.tolist() == pytest.approx([168.0, 252.0])


def test_rent_is_scaled_down_when_the_pool_cannot_cover_it(params):
    rent, land, head, points = distribution.coop_grain(200.0, 400.0, np.array([300.0, 100.0]), np.array([0.5, 0.5]),
                                                       np.array([0.5, 0.5]), np.array([0.5, 0.5]), 0.3, 0.0)
    assert rent.tolist() == pytest.approx([150.0, 50.0])
    assert (land + head + points).tolist() == pytest.approx([0.0, 0.0])


def test_a_higher_co_op_pays_a_share_per_head_and_the_rest_by_work(params):
    rent, land, head, points = distribution.coop_grain(1000.0, 0.0, np.zeros(2), np.array([0.9, 0.1]),
                                                       np.array([0.25, 0.75]), np.array([0.5, 0.5]), 0.0, 0.2)
    assert rent.tolist() == [0.0, 0.0] and land.tolist() == [0.0, 0.0]
    assert head.tolist() == pytest.approx([50.0, 150.0]) and points.tolist() == pytest.approx([400.0, 400.0])


def test_the_state_s_money_pays_animal_instalments_first_then_follows_the_grain(params):
    inst, money = distribution.coop_money(1000.0, 500.0, np.array([500.0, 0.0]), np.array([100.0, 300.0]), 400.0, 0.8)
    assert inst.tolist() == pytest.approx([400.0, 0.0])  # at most 0.8 of what is due
    assert money.tolist() == pytest.approx([150.0, 450.0])  # 600 left, 1:3 by grain received
    inst, money = distribution.coop_money(200.0, 500.0, np.array([500.0, 0.0]), np.array([100.0, 300.0]), 400.0, 0.8)
    assert inst.tolist() == pytest.approx([200.0, 0.0]) and money.tolist() == pytest.approx([0.0, 0.0])


def test_work_points_count_own_effort_as_far_as_work_is_metered(params):
    # 2 labour x (0.75 x own effort 0.5 + 0.25 x the co-op's mean 0.9)
    assert distribution.work_point_weight(2.0, 0.5, 0.9, 0.75) == pytest.approx(1.2)
    assert distribution.work_point_weight(2.0, 0.5, 0.9, 0.0) == pytest.approx(1.8)


def test_a_team_member_pays_for_ox_days_taken_and_is_paid_for_labour_days_given(params):
    # used one animal more than it owns (100), gave half a labour-day more than it took (-5)
    assert distribution.team_settlement(2.0, 1.0, 100.0, 1.5, 2.0, 10.0) == pytest.approx(95.0)
    assert distribution.team_settlement(0.5, 1.0, 100.0, 2.5, 2.0, 10.0) == pytest.approx(-45.0)


def test_the_state_s_money_is_shared_exactly_even_when_it_is_small(params):
    # 0.2 jin of money against 0.5 due: 0.4 of the instalment is paid; nothing left to share
    inst, money = distribution.coop_money(0.2, 0.5, np.array([0.5, 0.0]), np.array([0.3, 0.1]), 0.4, 0.8)
    assert inst.tolist() == pytest.approx([0.2, 0.0]) and money.tolist() == pytest.approx([0.0, 0.0])
    # 1 jin: 0.4 of instalment, 0.6 shared 3:1 by the 0.4 jin of grain received
    inst, money = distribution.coop_money(1.0, 0.5, np.array([0.5, 0.0]), np.array([0.3, 0.1]), 0.4, 0.8)
    assert inst.tolist() == pytest.approx([0.4, 0.0]) and money.tolist() == pytest.approx([0.45, 0.15])
