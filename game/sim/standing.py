"""Standing with neighbours and cadres: what a household's actions earn it in the eyes of the
activists, the cadres and the village, the same rules for the player as for every household.

Actions move it, a little each; nothing caps it. Joining a co-op raises it (early joiners were
held up as examples); leaving lowers it; once the high tide has come, staying out while most
of the village has joined lowers it every season (non-joiners were listed apart and treated
like rich peasants, S73; the last holdouts were isolated, S72); hidden grain that is found
lowers it; selling grain to the state beyond the quota and giving the slack season to the
village's work raise it; visibly shirking in collective work lowers it; voting against the
higher stage lowers it. A bad name makes searches for hidden grain more likely (harvest.py).
Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import DIRECTIVE_SEASON, LOWER, RICH, Params


def update(state, p: Params, t: int, before: np.ndarray, flows: dict[str, np.ndarray], sideline_share: np.ndarray) -> np.ndarray:
    """Apply this season's changes in standing; returns them, (V, N)."""
    sched = p.schedule
    form = state.form
    member = form >= LOWER
    joined = member & (before < LOWER)
    left = flows.get("left", 0.0) + flows.get("withdrew", 0.0)
    coop_share = member.mean(axis=1, keepdims=True)
    barred = (state.cls >= RICH) & (coop_share < 0.7)
    change = np.zeros(form.shape)
    change += np.where(joined, p.standing_join * (1.5 if t < DIRECTIVE_SEASON else 1.0), 0.0)
    change -= p.standing_leave * (1.0 + sched.holdout[t]) * left
    change -= np.where(~member & ~barred, p.standing_holdout * sched.holdout[t] * coop_share, 0.0)
    change -= p.standing_hidden_found * (flows.get("hidden_found", np.zeros(form.shape)) > 0)
    change += p.standing_sale * np.minimum(flows.get("sold", np.zeros(form.shape)) / 100.0, 3.0)
    if t % 4 in (0, 3):
        change += p.standing_collective * (1.0 - np.clip(sideline_share, 0.0, 1.0))
    was_member = before >= LOWER
    if was_member.any():
        n = np.maximum(was_member.sum(axis=1, keepdims=True), 1)
        mean_effort = (state.effort * was_member).sum(axis=1, keepdims=True) / n
        change -= np.where(was_member & (state.effort < mean_effort - 0.1), p.standing_shirk, 0.0)
    vote = flows.get("vote")
    if vote is not None:
        change -= np.where(vote == 0, 0.5, 0.0)
    state.standing += change
    return change
