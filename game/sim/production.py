"""M1 production: land, labour times effort, draught power with indivisibility, and the
re-matching, scale and supervision terms of pooled farming (docs/model.md).

Pure functions over arrays; the same formulas serve the harvest, the state's assessment of
"normal" output and every household's what-if calculus. Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import Params


def draught_factor(animals_per_mu: np.ndarray, p: Params) -> np.ndarray:
    """g(K/land): late ploughing and hand hoeing without enough draught power."""
    return 1.0 - p.draught_penalty * np.maximum(0.0, 1.0 - animals_per_mu / p.draught_need)


def scale_factor(n: np.ndarray, p: Params) -> np.ndarray:
    """S(n): pooling and scale gains, then losses beyond n* households."""
    return 1.0 + p.scale_gain * (1.0 - np.exp(-n / p.scale_n0)) - p.scale_loss * np.maximum(0.0, n - p.scale_nstar) / p.scale_nstar


def supervision_factor(metering: np.ndarray | float, n: np.ndarray, p: Params) -> np.ndarray:
    """sup(m, n): the cost of recording work grows with accuracy and with size."""
    return 1.0 - p.supervision_cost * np.square(metering) * np.power(np.maximum(n, 1.0) / 25.0, p.supervision_exp)


def farm_output(land, labour_effort, draught, skill, p: Params, tfp) -> np.ndarray:
    """Yearly output of one farm (household or co-op) in jin."""
    land = np.maximum(land, 1e-9)
    return tfp * skill * np.power(land, p.beta_land) * np.power(np.maximum(labour_effort, 0.0), p.beta_labour) * draught_factor(draught / land, p)


def coop_output(land, labour_effort, draught, skill_mean, n, metering, p: Params, tfp) -> np.ndarray:
    """Yearly output of a pooled unit: the farm function on pooled inputs, times S(n) and sup(m, n)."""
    return farm_output(land, labour_effort, draught, skill_mean, p, tfp) * scale_factor(n, p) * supervision_factor(metering, n, p)


def plot_output(plot, labour, effort, skill, p: Params) -> np.ndarray:
    """Yearly output (jin-equivalent: vegetables and pig fodder that save grain) of a member's
    private plot (S23: at most 5% of the village's land per person). It is tended
    with the time the household keeps from collective work, so less effort in the co-op means
    a better plot: the trade-off behind "saving your strength for the private plot"."""
    need = np.maximum(plot * p.plot_labour, 1e-9)
    free = labour * (p.evening_labour + (1.0 - np.clip(effort, 0.0, 1.0)))
    return p.plot_yield * plot * skill * np.sqrt(np.minimum(1.0, free / need))


def rematched_labour(land, labour, team_land, team_labour, pooling: float) -> np.ndarray:
    """Labour a team member's fields receive once the team swaps labour-days: part of the way
    from its own labour to the team's labour spread by land (the re-matching gain of pooling,
    E-kung-putterman-1997; labour swapped day for day, S40)."""
    return (1.0 - pooling) * labour + pooling * team_labour * land / np.maximum(team_land, 1e-9)
