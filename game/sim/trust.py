"""M8 trust and expectations: after each year-end distribution, households compare what they
received with what they expected; trust moves with that gap, with coercion, blocked exits and
fairness, and expectations adapt (docs/model.md). Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import LOWER, Params


def year_end(state, p: Params, coercion: np.ndarray, blocked: np.ndarray, inside_now: np.ndarray,
             outside_now: np.ndarray) -> dict[str, np.ndarray]:
    """Update trust and expectations with the farming year's realised income."""
    member = state.form >= LOWER
    realised = state.year_income
    expected = np.where(member, state.exp_inside, state.exp_outside)
    expected = np.where(expected > 0, expected, realised)
    surprise = np.clip(realised / np.maximum(expected, 1.0) - 1.0, -0.5, 0.5)
    # fairness: members whose share of income is close to their share of labour feel fairly treated
    fair = np.where(member, 1.0 - np.abs(realised / np.maximum(realised.mean(axis=1, keepdims=True), 1.0)
                                         - state.lab / state.lab.mean(axis=1, keepdims=True)), 0.0)
    state.trust = np.clip(
        state.trust + p.trust_income * surprise * member - p.trust_coercion * coercion[:, None] * state.vuln
        - p.trust_blocked * blocked + p.trust_fair * fair, 0.0, 1.0)
    lam = p.expectation_rate
    # a household forms its first expectation from what it sees now, not from zero
    state.exp_inside = np.where(state.exp_inside > 0, state.exp_inside, inside_now)
    state.exp_outside = np.where(state.exp_outside > 0, state.exp_outside, outside_now)
    state.exp_inside = np.where(member, (1 - lam) * expected + lam * realised, (1 - lam) * state.exp_inside + lam * inside_now)
    state.exp_outside = np.where(member, (1 - lam) * state.exp_outside + lam * outside_now, (1 - lam) * expected + lam * realised)
    state.last_income = realised.copy()
    state.year_income = np.zeros_like(realised)
    return {"surprise": surprise}
