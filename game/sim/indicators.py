"""Village indicators for one season, each a (villages,) array (or (villages, 5) by class).

These are what ``hightide simulate`` prints and what the screens chart. Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import CLASSES, HIGHER, LOWER, TEAM

INDICATORS = (
    "team_share", "lower_share", "higher_share", "coop_share", "grain_output", "procurement", "tax",
    "resale", "grain_per_person", "animals", "gini", "shirking", "trust", "want_to_leave", "left",
    "hungry", "career", "unrest", "state_take", "coop_size", "standing",
)


def gini(x: np.ndarray) -> np.ndarray:
    """Gini coefficient along the last axis."""
    x = np.sort(np.maximum(x, 0.0), axis=-1)
    n = x.shape[-1]
    cum = np.cumsum(x, axis=-1)
    total = np.maximum(cum[..., -1], 1e-9)
    return (n + 1 - 2 * (cum / total[..., None]).sum(axis=-1)) / n


def measure(state, flows: dict[str, np.ndarray], members_before: np.ndarray) -> dict[str, np.ndarray]:
    """Indicators after a season has run."""
    form = state.form
    member = form >= LOWER
    n_members = np.maximum(member.sum(axis=1), 1)
    K = len(CLASSES)
    index = (state.cls + K * np.arange(state.villages)[:, None]).ravel()
    size = np.bincount(index, minlength=state.villages * K).reshape(state.villages, K)
    joined = np.bincount(index, weights=member.ravel(), minlength=state.villages * K).reshape(state.villages, K)
    by_class = joined / np.maximum(size, 1)
    income = np.where(state.t > 3, state.last_income, state.grain + state.cash) / state.persons
    people = state.persons.sum(axis=1)
    from game.sim.stages import coop_sizes

    sizes = coop_sizes(form, state.coop)
    units = (sizes > 0).sum(axis=1) + (form == HIGHER).any(axis=1)
    in_units = sizes.sum(axis=1) + (form == HIGHER).sum(axis=1)
    shirk = np.where(member.any(axis=1), 1.0 - (state.effort * member).sum(axis=1) / n_members, 0.0)
    return {
        "team_share": (form == TEAM).sum(axis=1) / state.households,
        "lower_share": (form == LOWER).sum(axis=1) / state.households,
        "higher_share": (form == HIGHER).sum(axis=1) / state.households,
        "coop_share": member.mean(axis=1),
        "coop_share_by_class": by_class,
        "grain_output": flows.get("v_output", np.zeros(state.villages)),
        "procurement": flows.get("v_procurement", np.zeros(state.villages)),
        "tax": flows.get("v_tax", np.zeros(state.villages)),
        "resale": flows["v_resale"],
        "grain_per_person": 4.0 * flows["v_consumption"] / people,
        "animals": state.animals.sum(axis=1) + state.collective_animals,
        "gini": gini(income),
        "shirking": np.maximum(shirk, 0.0),
        "trust": state.trust.sum(axis=1) / state.households,
        "want_to_leave": state.wants_out.sum(axis=1) / np.maximum(members_before, 1),
        "left": flows["left"].sum(axis=1) / np.maximum(members_before, 1),
        "hungry": (state.hunger > 0).sum(axis=1) / state.households,
        "career": state.career.copy(),
        "unrest": state.unrest.copy(),
        "state_take": flows.get("v_tax", np.zeros(state.villages)) + flows.get("v_procurement", np.zeros(state.villages)),
        "coop_size": np.where(units > 0, in_units / np.maximum(units, 1), 0.0),
        "coops": units.astype(float),
        "standing": state.standing.mean(axis=1),
    }
