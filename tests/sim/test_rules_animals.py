"""Rule-level tests of draught animals (M7) on one hand-built village, numbers worked out by hand
(issue 18): what an instalment promise is worth, pooling and leading animals home, keeping
against selling or slaughtering before pooling, distress sales, purchases, and the pooled herd's
losses where members do not trust the co-op.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.sim import animals
from game.sim.levers import KEEP_MODEL
from game.sim.params import HIGHER, INDEPENDENT, LOWER
from test_rules import constant_schedule, village

SELL, SLAUGHTER = animals.SELL, animals.SLAUGHTER


def _p(params, **rows):
    p = constant_schedule(params, **{"higher_allowed": 1.0, **rows})
    return replace(p, patience_mean=0.5, instalment_years=2.0, instalment_paid=0.8, animal_value=1200.0,
                   slaughter_value=0.55, slaughter_ban=0.3, disposal_scale=0.08, disposal_realised=0.5,
                   draught_need=0.05, collective_mortality=0.005, neglect_mortality=0.03)


def test_an_instalment_promise_is_worth_the_discounted_average_of_its_payments(params):
    # two yearly payments discounted at 0.5: (0.5 + 0.25) / 2
    assert animals.instalment_value(_p(params)) == pytest.approx(0.375)
    assert animals.instalment_value(replace(_p(params), instalment_years=4.0, patience_mean=0.85)) == pytest.approx(
        (0.85 + 0.85**2 + 0.85**3 + 0.85**4) / 4)


def test_animals_entering_the_higher_co_op_are_owed_at_the_valuation_price(params):
    p = _p(params)
    state = village(p, 3, animals=[2.0, 1.0, 3.0])
    animals.pool_animals(state, p, np.array([[True, True, False]]), np.array([0.5]))
    assert state.animals[0].tolist() == [0.0, 0.0, 3.0]
    assert state.collective_animals[0] == 3.0 and state.brought[0].tolist() == [2.0, 1.0, 0.0]
    assert state.owed[0].tolist() == pytest.approx([1200.0, 600.0, 0.0])  # animals x 0.5 x 1,200
    assert state.grievance[0].tolist() == pytest.approx([1.0, 0.5, 0.0])  # priced at half: half a grievance each
    full = village(p, 1, animals=2.0)
    animals.pool_animals(full, p, np.array([[True]]), np.array([1.2]))
    assert full.grievance[0, 0] == 0.0  # priced above value: no grievance


def test_a_household_leaving_with_property_leads_home_what_the_herd_still_has(params):
    p = _p(params)
    state = village(p, 3, brought=[2.0, 2.0, 1.0], owed=[500.0, 500.0, 200.0])
    state.collective_animals[:] = 2.0  # the herd has shrunk: half of what the two leavers brought
    animals.return_animals(state, np.array([[True, True, False]]))
    assert state.animals[0].tolist() == pytest.approx([1.0, 1.0, 0.0])
    assert state.collective_animals[0] == pytest.approx(0.0)
    assert state.brought[0].tolist() == [0.0, 0.0, 1.0] and state.owed[0].tolist() == [0.0, 0.0, 200.0]
    plenty = village(p, 2, brought=[2.0, 1.0])
    plenty.collective_animals[:] = 10.0
    animals.return_animals(plenty, np.array([[True, False]]))
    assert plenty.animals[0].tolist() == [2.0, 0.0] and plenty.collective_animals[0] == pytest.approx(8.0)


def _decide(p, state, t=8, pressure=0.5, valuation=0.5, draws=(0.9, 0.9, 0.9), override=KEEP_MODEL):
    n = state.households
    return animals.decide(state, p, t, np.array([pressure]), np.array([valuation]), np.broadcast_to(draws, (1, n, 3)).copy(),
                          np.full((1, n), override, np.int8))


def test_before_pooling_an_owner_disposes_of_an_animal_with_the_model_s_chance(params):
    # pool chance 0.5 (pressure 0.5, the higher stage comes next season); keeping is worth
    # 0.5 + 0.5 x 0.5 x 0.375 x 0.8 = 0.575, disposing 0.55 - 0.3 x 0.5 x 0.3 = 0.505;
    # chance 0.5 / (1 + exp(0.07 / 0.08)) = 0.1471
    p = _p(params)
    sold = village(p, 1, animals=1.0, cash=0.0)
    flows = _decide(p, sold, draws=(0.14, 0.9, 0.9))
    assert flows["animals_disposed"][0, 0] == 1.0 and sold.animals[0, 0] == 0.0
    assert sold.cash[0, 0] == pytest.approx(0.55 * 1200)  # slaughtered: the slaughter value
    kept = village(p, 1, animals=1.0, cash=0.0)
    assert _decide(p, kept, draws=(0.15, 0.9, 0.9))["animals_disposed"][0, 0] == 0.0 and kept.animals[0, 0] == 1.0


def test_without_pooling_in_sight_nobody_disposes_of_animals(params):
    # the higher stage not allowed next season: pool chance 0.5 x 0.1 = 0.05, not above 0.05
    p = _p(params, higher_allowed=0.0)
    state = village(p, 1, animals=1.0)
    assert _decide(p, state, draws=(0.0, 0.9, 0.9))["animals_disposed"][0, 0] == 0.0
    member = village(_p(params), 1, animals=1.0, form=HIGHER)  # already pooled: nothing left to lose
    assert _decide(_p(params), member, draws=(0.0, 0.9, 0.9))["animals_disposed"][0, 0] == 0.0


def test_a_hungry_household_sells_its_animal_three_times_in_ten(params):
    p = _p(params, higher_allowed=0.0)
    hungry = village(p, 2, animals=1.0, hunger=[0.6, 0.5], cash=0.0)
    flows = _decide(p, hungry, draws=(0.9, 0.29, 0.9))
    assert flows["animals_disposed"][0].tolist() == [1.0, 0.0]  # hunger must be above half
    assert hungry.cash[0].tolist() == pytest.approx([660.0, 0.0])
    lucky = village(p, 1, animals=1.0, hunger=0.6)
    assert _decide(p, lucky, draws=(0.9, 0.3, 0.9))["animals_disposed"][0, 0] == 0.0  # a draw below 0.3 sells


def test_a_player_s_sale_fetches_more_than_slaughter_and_needs_an_animal(params):
    p = _p(params)
    state = village(p, 2, animals=[1.0, 0.5], cash=0.0)
    flows = _decide(p, state, override=SELL)
    assert flows["animals_disposed"][0].tolist() == [1.0, 0.0]  # half an animal is not an animal to sell
    assert state.cash[0].tolist() == pytest.approx([0.8 * 1200, 0.0]) and state.animals[0].tolist() == [0.0, 0.5]
    slaughter = village(p, 1, animals=2.0, cash=0.0)
    _decide(p, slaughter, override=SLAUGHTER)
    assert slaughter.animals[0, 0] == 1.0 and slaughter.cash[0, 0] == pytest.approx(660.0)
    keep = village(p, 1, animals=1.0, cash=0.0)
    assert _decide(p, keep, draws=(0.0, 0.0, 0.9), override=animals.KEEP)["animals_disposed"][0, 0] == 0.0


def test_households_with_money_to_spare_buy_an_animal_they_lack(params):
    # pressure 0.1: pool chance 0.1 < 0.2; 15 mu needs 0.75 animals; 1.5 x 1,200 = 1,800 jin of money
    p = _p(params)
    buys = village(p, 5, animals=0.0, land=15.0, cash=[2000.0, 1700.0, 2000.0, 2000.0, 2000.0],
                   form=[INDEPENDENT, INDEPENDENT, LOWER, HIGHER, INDEPENDENT])
    flows = _decide(p, buys, pressure=0.1, draws=(0.9, 0.9, 0.49))
    assert flows["animals_bought"][0].tolist() == [1.0, 0.0, 1.0, 0.0, 1.0]
    assert buys.cash[0].tolist() == pytest.approx([800.0, 1700.0, 800.0, 2000.0, 800.0])
    unlucky = village(p, 1, animals=0.0, land=15.0, cash=2000.0)
    assert _decide(p, unlucky, pressure=0.1, draws=(0.9, 0.9, 0.51))["animals_bought"][0, 0] == 0.0
    looming = village(p, 1, animals=0.0, land=15.0, cash=2000.0)  # pool chance 0.3: nobody buys
    assert _decide(p, looming, pressure=0.3, draws=(0.9, 0.9, 0.0))["animals_bought"][0, 0] == 0.0
    enough = village(p, 1, animals=1.0, land=15.0, cash=2000.0)
    assert _decide(p, enough, pressure=0.1, draws=(0.9, 0.9, 0.0))["animals_bought"][0, 0] == 0.0
    player = village(p, 1, animals=0.0, land=15.0, cash=2000.0)
    assert _decide(p, player, pressure=0.1, draws=(0.9, 0.9, 0.0), override=animals.KEEP)["animals_bought"][0, 0] == 0.0


def test_pooled_animals_die_more_where_members_distrust_the_co_op(params):
    # members' mean trust 0.75 (those outside do not count): 10 x (0.005 + 0.03 x 0.25) = 0.125
    p = _p(params)
    state = village(p, 3, form=[HIGHER, HIGHER, INDEPENDENT], trust=[0.5, 1.0, 0.0])
    state.collective_animals[:] = 10.0
    flows = _decide(p, state, t=13)
    assert flows["v_collective_died"][0] == pytest.approx(0.125)
    assert state.collective_animals[0] == pytest.approx(9.875)


def test_owners_weigh_whether_the_higher_stage_is_allowed_next_season(params):
    # the higher stage allowed from winter 1956 only: in autumn 1956 pooling looms, in summer it does not
    p = _p(params, higher_allowed=0.0)
    allowed = p.schedule.higher_allowed.copy()
    allowed[15] = 1.0
    p = replace(p, schedule=replace(p.schedule, higher_allowed=allowed))
    autumn = village(p, 1, animals=1.0)
    assert _decide(p, autumn, t=14, draws=(0.14, 0.9, 0.9))["animals_disposed"][0, 0] == 1.0
    summer = village(p, 1, animals=1.0)
    assert _decide(p, summer, t=13, draws=(0.0, 0.9, 0.9))["animals_disposed"][0, 0] == 0.0
    last = village(p, 1, animals=1.0)  # winter 1956: the last season looks at itself
    assert _decide(p, last, t=15, draws=(0.14, 0.9, 0.9))["animals_disposed"][0, 0] == 1.0


def test_a_share_of_an_animal_led_home_counts_as_an_animal_from_0_999(params):
    p = _p(params)
    state = village(p, 2, animals=[0.999, 0.998], cash=0.0)
    assert _decide(p, state, override=SELL)["animals_disposed"][0].tolist() == [1.0, 0.0]


def test_the_purchase_rule_at_its_edges(params):
    p = _p(params)

    def buys(pressure=0.1, draw=0.49, **values):
        state = village(p, 1, **{"animals": 0.0, "land": 15.0, "cash": 2000.0, **values})
        return _decide(p, state, pressure=pressure, draws=(0.9, 0.9, draw))["animals_bought"][0, 0]

    assert buys(cash=1800.0) == 0.0  # more than one and a half animals' worth, not exactly that
    assert buys(animals=1.0, land=20.0) == 0.0  # one animal for 20 mu is enough
    assert buys(pressure=0.2) == 0.0  # a pool chance of 0.2 is already too high
    assert buys(draw=0.5) == 0.0 and buys(draw=0.49) == 1.0


def test_a_lone_higher_co_op_member_s_trust_is_the_co_op_s(params):
    p = _p(params)
    state = village(p, 2, form=[HIGHER, INDEPENDENT], trust=[0.5, 1.0])
    state.collective_animals[:] = 10.0
    assert _decide(p, state, t=13)["v_collective_died"][0] == pytest.approx(10 * (0.005 + 0.03 * 0.5))
