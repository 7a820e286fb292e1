"""The units households farm in hold together only under the village's rules: a mutual-aid team
needs partners, a co-op needs members, and a lower co-op goes to the higher stage only by its
meeting's vote. Never imports textual.

- A team of fewer than ``team_min`` households breaks up (a "team of one" is no team; MATs
  were "a few to a dozen-odd households", S1).
- A co-op that shrinks below ``coop_min`` households dissolves.
- The higher stage: when the cadre calls a meeting (or most members want it), each lower co-op
  votes; the cadre's push and the county's target weigh on every vote. If the meeting passes,
  the co-op converts. A member who voted against may ask to withdraw (granted as far as exit is
  open: the 1955-56 regulations allowed leaving, S23, S77); if enough refusers remain to keep
  a lower co-op going, they stay behind in it; otherwise they are carried in, and the flows
  record it so that the story can say so.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import HIGHER, INDEPENDENT, LOWER, TEAM, Params
from game.sim.state import COOP_SLOTS, NO_COOP

GO_ALONG = -2  # a vote that goes with the cadres' call, whatever it is


def _per_group(mask: np.ndarray, group: np.ndarray) -> np.ndarray:
    """(V, N) count of ``mask`` households in each household's neighbour group."""
    V, N = mask.shape
    G = int(group.max()) + 1
    index = (group[None, :] + G * np.arange(V)[:, None]).ravel()
    counts = np.bincount(index, weights=mask.ravel().astype(float), minlength=V * G).reshape(V, G)
    return counts[:, group]


def coop_sizes(form: np.ndarray, coop: np.ndarray) -> np.ndarray:
    """(V, COOP_SLOTS) members of each lower co-op of every village."""
    V = form.shape[0]
    lower = (form == LOWER) & (coop >= 0)
    index = (np.maximum(coop, 0).astype(np.int64) + COOP_SLOTS * np.arange(V)[:, None]).ravel()
    return np.bincount(index, weights=lower.ravel(), minlength=V * COOP_SLOTS).reshape(V, COOP_SLOTS)


def teams_hold(form: np.ndarray, group: np.ndarray, p: Params) -> tuple[np.ndarray, np.ndarray]:
    """Teams below ``team_min`` households break up; returns (new forms, who lost a team)."""
    team = form == TEAM
    broke = team & (_per_group(team, group) < p.team_min)
    return np.where(broke, INDEPENDENT, form), broke


def coops_hold(form: np.ndarray, coop: np.ndarray, p: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lower co-ops below ``coop_min`` households dissolve: (forms, co-op slots, who lost a co-op)."""
    sizes = coop_sizes(form, coop)
    size = np.take_along_axis(sizes, np.maximum(coop, 0).astype(np.int64), axis=1)
    broke = (form == LOWER) & (size < p.coop_min)
    return (np.where(broke, INDEPENDENT, form), np.where(broke | (form != LOWER), NO_COOP, coop).astype(np.int8), broke)


def meetings(state, p: Params, t: int, score: np.ndarray, gumbel: np.ndarray, draws: np.ndarray, levers,
             pressure: np.ndarray, exit_open: np.ndarray, vote: np.ndarray, form_now: np.ndarray,
             want: np.ndarray) -> dict[str, np.ndarray]:
    """Meetings of the lower co-ops on going higher. ``form_now``: forms after this season's
    departures (-1 for a household that left). Returns per-household flows (floats)."""
    sched = p.schedule
    V, N = state.cls.shape
    zeros = np.zeros((V, N))
    out = {k: zeros.copy() for k in ("held", "passed", "converted", "carried", "stayed", "withdrew")}
    out["vote"] = np.full((V, N), -1.0)
    if sched.higher_allowed[t] <= 0:
        return out
    member = (form_now == LOWER) & (state.coop >= 0)
    slot = np.maximum(state.coop, 0).astype(np.int64)
    higher_share = (state.form == HIGHER).mean(axis=1)
    called = levers.upgrade.astype(bool)
    # the cadre's push and the county's target for the higher stage weigh on every vote
    push = np.where(called, 4.0 * pressure + 4.0 * np.maximum(0.0, sched.higher_quota[t] - higher_share), 0.0)[:, None]
    lean = score[..., HIGHER] - score[..., LOWER] + gumbel[..., HIGHER] - gumbel[..., LOWER]
    # a player's vote: 1 for, 0 against, GO_ALONG (-2) with the cadres' call; -1: the model decides
    yes = np.where(vote >= 0, vote == 1, np.where(vote == GO_ALONG, called[:, None], lean + push > 0))
    index = (slot + COOP_SLOTS * np.arange(V)[:, None]).ravel()
    members = np.bincount(index, weights=member.ravel(), minlength=V * COOP_SLOTS).reshape(V, COOP_SLOTS)
    ayes = np.bincount(index, weights=(member & yes).ravel(), minlength=V * COOP_SLOTS).reshape(V, COOP_SLOTS)
    # without a call, a co-op whose members mostly want the higher stage holds its own meeting
    held = (members > 0) & (called[:, None] | (ayes > 0.5 * members))
    passed = held & (ayes >= 0.5 * members)
    at = lambda table: np.take_along_axis(table, slot, axis=1) & member  # noqa: E731
    held_i, passed_i = at(held), at(passed)
    refuses = passed_i & ~yes
    # a refuser asks to withdraw if farming alone is better for it than the higher co-op
    asks_out = refuses & np.where(vote >= 0, want < LOWER, score[..., INDEPENDENT] > score[..., HIGHER])
    withdrew = asks_out & (draws[..., 4] < exit_open[:, None])
    staying = refuses & ~withdrew
    stay_count = np.bincount(index, weights=staying.ravel(), minlength=V * COOP_SLOTS).reshape(V, COOP_SLOTS)
    stayed = staying & (np.take_along_axis(stay_count, slot, axis=1) >= p.found_min)
    carried = staying & ~stayed
    out.update(held=held_i.astype(float), passed=passed_i.astype(float),
               converted=(passed_i & ~withdrew & ~stayed).astype(float), carried=carried.astype(float),
               stayed=stayed.astype(float), withdrew=withdrew.astype(float))
    out["vote"] = np.where(held_i, yes.astype(float), -1.0)
    return out
