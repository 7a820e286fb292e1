"""M7 draught animals: before pooling, owners weigh keeping an animal (and being paid a
valuation price in instalments if it is pooled) against selling or slaughtering it now;
pooled animals die more often where trust is low; hungry households sell animals; households
with money to spare buy them (docs/model.md). Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import HIGHER, LOWER, Params
from game.sim.levers import KEEP_MODEL

KEEP, SELL, SLAUGHTER = 0, 1, 2


def instalment_value(p: Params) -> float:
    """Present value of one jin promised in equal instalments over the instalment years."""
    years = int(p.instalment_years)
    return float(sum(p.patience_mean**k for k in range(1, years + 1)) / years)


def pool_animals(state, p: Params, joining: np.ndarray, valuation: np.ndarray) -> None:
    """Animals of households entering a higher co-op become collective, paid for in instalments."""
    taken = np.where(joining, state.animals, 0.0)
    state.collective_animals += taken.sum(axis=1)
    state.brought += taken
    state.owed += taken * valuation[:, None] * p.animal_value
    state.animals -= taken
    # owners priced below value feel cheated (their main worry was the valuation, S4 S5)
    state.grievance += taken * np.maximum(0.0, 1.0 - valuation[:, None])


def return_animals(state, leaving: np.ndarray) -> None:
    """Leaving "with property": the household leads home as many animals as it brought, if the herd has them."""
    want = np.where(leaving, state.brought, 0.0)
    total = want.sum(axis=1)
    scale = np.minimum(1.0, state.collective_animals / np.maximum(total, 1e-9))
    back = want * scale[:, None]
    state.animals += back
    state.collective_animals -= back.sum(axis=1)
    state.brought = np.where(leaving, 0.0, state.brought)
    state.owed = np.where(leaving, 0.0, state.owed)


def decide(state, p: Params, t: int, pressure: np.ndarray, valuation: np.ndarray, draws: np.ndarray,
           override: np.ndarray) -> dict[str, np.ndarray]:
    """Keep, sell or slaughter; distress sales; purchases; collective losses. Returns the flows."""
    sched = p.schedule
    owner = state.animals >= 0.999
    # chance that this household's animals are pooled within the year
    higher_coming = sched.higher_allowed[min(t + 1, len(sched.higher_allowed) - 1)] > 0
    pool_chance = np.where(state.form == HIGHER, 0.0, np.clip(pressure[:, None] * (1.0 if higher_coming else 0.1), 0.0, 1.0))
    pv = instalment_value(p)
    keep_value = (1.0 - pool_chance) + pool_chance * valuation[:, None] * pv * p.instalment_paid
    dispose_value = p.slaughter_value - p.slaughter_ban * pressure[:, None] * 0.3
    chance = p.disposal_realised / (1.0 + np.exp(-np.clip((dispose_value - keep_value) / p.disposal_scale, -30, 30)))
    chance = np.where(pool_chance > 0.05, chance, 0.0)
    model_dispose = owner & (draws[..., 0] < chance)
    distress = owner & (state.hunger > 0.5) & (draws[..., 1] < 0.3)
    dispose = np.where(override == KEEP_MODEL, model_dispose | distress, (override == SELL) | (override == SLAUGHTER))
    dispose &= owner
    slaughtered = np.where(override == SELL, 0.0, dispose.astype(float))
    sold_off = dispose & (override == SELL)
    state.animals -= dispose
    state.cash += np.where(sold_off, 0.8 * p.animal_value, p.slaughter_value * p.animal_value * slaughtered)

    # households with money to spare and too few animals buy one (not once pooling looms)
    buy = ((state.cash > 1.5 * p.animal_value) & (state.animals < p.draught_need * state.land)
           & (state.form <= LOWER) & (pool_chance < 0.2) & (draws[..., 2] < 0.5) & (override == KEEP_MODEL))
    state.animals += buy
    state.cash -= buy * p.animal_value

    # pooled animals are neglected where members do not trust the co-op
    members = state.form == HIGHER
    trust = (state.trust * members).sum(axis=1) / np.maximum(members.sum(axis=1), 1)
    died = state.collective_animals * (p.collective_mortality + p.neglect_mortality * (1.0 - trust))
    state.collective_animals -= died
    return {
        "animals_disposed": dispose.astype(float),
        "animals_bought": buy.astype(float),
        "v_animals_disposed": dispose.sum(axis=1).astype(float),
        "v_collective_died": died,
    }
