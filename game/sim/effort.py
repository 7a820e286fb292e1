"""M5 effort and shirking: the Sen-style private return to work in a co-op, the closed-form
best response, Lin's compliance test (diligence holds only while leaving is possible and the
co-op is worth more than farming alone) and a peer norm (docs/model.md).

Independents and team members farm their own fields at full effort, less any hunger.
Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import HIGHER, LOWER, Params
from game.sim.units import UnitSums


def choose_effort(state, p: Params, sums: UnitSums, omega: np.ndarray, exit_open: np.ndarray,
                  gain_inside: np.ndarray, income_inside: np.ndarray,
                  metering: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(effort, compliance) of every household; members of co-ops may shirk."""
    lower = state.form == LOWER
    higher = state.form == HIGHER
    member = lower | higher
    n = sums.gather(sums.total(member.astype(float)))
    lab_total = sums.gather(sums.total(state.lab * member))
    land_total = sums.gather(sums.total(state.land * member))
    persons_total = sums.gather(sums.total(state.persons * member))
    w = np.where(lower, omega[:, None], 0.0)
    rho = np.where(higher, p.rho, 0.0)
    m = np.where(lower, metering[0][:, None], metering[1][:, None])
    share_lab = state.lab / np.maximum(lab_total, 1e-9)
    r = (w * state.land / np.maximum(land_total, 1e-9) + rho * state.persons / np.maximum(persons_total, 1e-9)
         + (1.0 - w - rho) * (share_lab + (m + (1.0 - m) * share_lab - share_lab) / p.beta_labour))
    best = np.power(np.clip(r, 0.05, 1.5), 1.0 / (2.0 - p.beta_labour))
    best = np.minimum(best, 1.0)
    y = np.maximum(income_inside, 50.0)
    one_shot = p.beta_labour * y * ((1.0 - best**2) / 2.0 - r * (1.0 - best))
    detect = np.minimum(1.0, p.detect_n / np.maximum(n, 1.0))
    future = state.patience / (1.0 - state.patience)
    threat = exit_open[:, None] * future * detect * np.maximum(gain_inside, 0.0) + p.internal_sanction * m * y
    comply = 1.0 / (1.0 + np.exp(-np.clip((threat - one_shot) / (p.comply_scale * y), -30, 30)))
    effort = comply + (1.0 - comply) * best
    # the peer norm pulls each member toward the co-op's mean effort
    mean = sums.gather(sums.total(effort * member)) / np.maximum(n, 1.0)
    effort = (1.0 - p.peer_norm) * effort + p.peer_norm * mean
    effort = np.where(member, effort, 1.0) * (1.0 - p.hunger_effort * state.hunger)
    return effort, np.where(member, comply, 1.0)
