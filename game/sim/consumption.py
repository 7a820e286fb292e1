"""M4 consumption and hunger: households ration their store until the next harvest, buy back
state resale grain (统销) with money, borrow grain when below the survival line, get relief
from the co-op welfare fund, and eat. Eating below the survival line C0 is hunger: it cuts
next season's effort and raises grievance. Nobody dies of it in 1953-56 (the famine was 1959-61): hunger
here is shortage, debt and selling assets. Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import HIGHER, LOWER, RICH, Params

SEASONS_TO_HARVEST = (1, 1, 3, 2)  # spring, summer, autumn, winter: seasons the store must last


def consume(state, p: Params, t: int, sell_extra: np.ndarray) -> dict[str, np.ndarray]:
    """Resale, loans, relief and eating for one season; returns the flows."""
    q = t % 4
    left = SEASONS_TO_HARVEST[q]
    need = state.persons * p.ration / 4.0
    floor = state.persons * p.survival / 4.0

    sold = np.clip(sell_extra, 0.0, state.grain)
    state.grain -= sold
    state.cash += p.state_price * sold

    planned = state.grain / left
    # after the high tide, resale grain for households outside the co-ops was restricted (S73)
    coop_share = (state.form >= LOWER).mean(axis=1, keepdims=True)
    barred = (state.cls >= RICH) & (coop_share < 0.7)  # kept out by the rules, not holding out
    outside = (state.form < LOWER) & ~barred
    rate = p.schedule.resale_rate[t] * (1.0 - p.schedule.resale_cut[t] * outside)
    quota = rate * np.maximum(0.0, state.persons * p.retention / 4.0 - planned) * p.schedule.procurement_on[t]
    wanted = np.minimum(quota, np.maximum(need - planned, 0.0))
    # a co-op is supplied as a unit (S29): it buys its members' resale grain and advances the
    # money to a member who has none, against the next distribution [A]; others pay cash
    member = state.form >= LOWER
    # the co-op advances only what a member needs to reach the survival ration until the harvest
    short = np.maximum(floor * left - state.grain, 0.0)
    resale = np.minimum(wanted, np.maximum(state.cash, 0.0) + np.where(member, short, 0.0))
    paid = np.minimum(resale, np.maximum(state.cash, 0.0))
    advance = resale - paid
    state.cash -= paid
    state.debt += advance
    state.grain += resale

    planned = state.grain / left
    # grain loans cover only part of a shortfall: lenders were few and careful in a bad year [A]
    loan = np.minimum(p.loan_share * np.maximum(floor - planned, 0.0) * left, np.maximum(p.credit_limit - state.debt, 0.0))
    state.grain += loan
    state.debt += loan

    member = (state.form == LOWER) | (state.form == HIGHER)
    gap = np.where(member, np.maximum(floor * left - state.grain, 0.0), 0.0)  # to the floor until the harvest
    gap_v = gap.sum(axis=1)
    paid_v = np.minimum(gap_v, 0.5 * state.fund)
    relief = gap * (paid_v / np.maximum(gap_v, 1e-9))[:, None]
    state.fund -= relief.sum(axis=1)
    state.grain += relief

    # relief grain from the state for households that still cannot reach the survival ration
    # (its size follows the state's grain position: tight after the 1954 over-purchase, fixed
    # supply quotas after the 1955 "three fixes", S3 S29)
    short = np.maximum(floor * left - state.grain, 0.0)
    state_relief = p.schedule.state_relief[t] * short
    state.grain += state_relief

    # after a harvest households eat more freely than a perfect rationing would allow, and run
    # short in the spring "green-yellow gap" (青黄不接, S5) [A]
    eat = np.minimum(need, state.grain / left * (1.0 + p.present_bias * (left - 1)))
    state.grain -= eat
    state.grain = np.maximum(state.grain, 0.0)  # rounding only
    per_person = 4.0 * eat / state.persons
    hunger = np.clip((p.survival - per_person) / (0.4 * p.survival), 0.0, 1.0)
    state.hunger = np.where(hunger > 1e-6, hunger, 0.0)  # eating the survival ration exactly is not hunger

    # hunger cuts trust in the co-op and the cadres, and builds grievance (M4, M8)
    state.trust = np.clip(state.trust - p.trust_hunger * state.hunger, 0.0, 1.0)
    state.grievance += p.grievance_hunger * state.hunger

    # after a harvest, grain loans are repaid in grain from what the store holds beyond the
    # rations until the next harvest [A]
    if p.harvest_share[q] > 0:
        spare = np.maximum(state.grain - need * left, 0.0)
        back = np.minimum(state.debt, 0.5 * spare)
        state.debt -= back
        state.grain -= back
        repaid_grain = back
    else:
        repaid_grain = np.zeros_like(state.grain)

    # repay grain loans from money when there is money to spare
    repay = np.minimum(state.debt, np.maximum(state.cash - 50.0, 0.0) * 0.5)
    state.debt -= repay
    state.cash -= repay
    return {
        "consumption": eat,
        "resale": resale,
        "advance": advance,
        "loan": loan,
        "relief": relief,
        "state_relief": state_relief,
        "sold": sold,
        "eaten_per_person": per_person,
        "v_consumption": eat.sum(axis=1),
        "v_resale": resale.sum(axis=1),
        "v_loan": loan.sum(axis=1),
        "v_relief": relief.sum(axis=1),
        "v_state_relief": state_relief.sum(axis=1),
        "v_sold": sold.sum(axis=1),
        "loan_repaid": repaid_grain,
        "v_loan_repaid": repaid_grain.sum(axis=1),
    }
