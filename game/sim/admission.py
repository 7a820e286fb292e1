"""Applications to the co-ops: capacity, screening, founding groups and the share fund.

Every applicant, the player's household included, is ranked the same way: how much it wants
in, a draw, and the admission policy's preference for a class. The cadres can organize only
``capacity`` households a season. A household joining a lower co-op goes to the largest one
with room; when every co-op is full (or there is none yet), a new one is founded only by a
group of at least ``found_min`` households (co-ops were approved for groups; the national
average was 16 households in 1952 and 26 in June 1955, S13b S1). Screening co-ops turn away
applicants who would lower the work-day value (Mao's complaint of July 1955, S1).

Joining costs a share-fund contribution (money for the co-op's production costs and tools,
S33); the poor peasants' co-operation fund lends it to poor and lower-middle households
(repaid over years, so it is a long-term debt). Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import HIGHER, LOWER, LOWER_MIDDLE, UPPER_MIDDLE, Params
from game.sim.state import COOP_SLOTS
from game.sim.units import pick

SCREEN, RECRUIT_POOR, BRING_IN_WELL_OFF = 0, 1, 2  # params.ADMISSIONS


def weak_applicant(state) -> np.ndarray:
    """Households a screening co-op turns away: labour but no draught animal and little land."""
    land_per_labour = state.land / state.lab
    return (state.animals < 0.5) & (land_per_labour < 0.6 * np.median(land_per_labour, axis=1, keepdims=True))


def _rank(priority: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """(V, N) rank of each eligible household by descending priority (ineligible: N)."""
    N = priority.shape[1]
    order = np.argsort(np.where(eligible, -priority, np.inf), axis=1, kind="stable")
    rank = np.argsort(order, axis=1)
    return np.where(eligible, rank, N)


def admit(state, p: Params, t: int, score: np.ndarray, want: np.ndarray, form_now: np.ndarray, levers,
          draws: np.ndarray, approved: np.ndarray) -> dict[str, np.ndarray]:
    """Who is admitted to a co-op this season, and to which lower co-op (``slot``).

    ``approved``: (V,) the county approves a new co-op in the village this season (it approved
    co-ops one by one, against its own yearly plan; S1 S49)."""
    sched = p.schedule
    V, N = state.cls.shape
    outside = (form_now >= 0) & (form_now < LOWER)
    applying = outside & (want >= LOWER)
    screened = applying & (levers.admission == SCREEN)[:, None] & weak_applicant(state)
    applying &= ~screened
    priority = pick(score, np.clip(want, 0, 3)) + draws[..., 1]
    priority += np.where((levers.admission == RECRUIT_POOR)[:, None] & (state.cls <= LOWER_MIDDLE), 2.0, 0.0)
    priority += np.where((levers.admission == BRING_IN_WELL_OFF)[:, None] & (state.cls == UPPER_MIDDLE), 2.0, 0.0)
    from game.sim.cadre import CAPACITY_BY_STANCE

    capacity = np.maximum(sched.capacity[t] * CAPACITY_BY_STANCE[levers.stance], np.where(approved, p.found_min, 0.0))
    within = applying & (_rank(priority, applying) < capacity[:, None])

    # the higher co-op takes whoever the cadres can organize
    to_higher = within & (want == HIGHER)
    # lower co-ops: fill the largest with room first, then found new ones with a group
    lower_in = within & (want == LOWER)
    from game.sim.stages import coop_sizes

    sizes = coop_sizes(np.where(form_now == LOWER, LOWER, 0), state.coop)
    exists = sizes > 0
    room = np.where(exists, np.maximum(p.coop_max - sizes, 0.0), 0.0)
    # slots in the order joiners fill them: existing co-ops by size, then empty slots by index
    order = np.argsort(np.where(exists, -sizes, 1e9 + np.arange(COOP_SLOTS)), axis=1, kind="stable")
    room_sorted = np.take_along_axis(room, order, axis=1)
    n_existing = exists.sum(axis=1)
    cum = np.cumsum(room_sorted, axis=1)
    existing_room = cum[:, -1]
    q = _rank(priority, lower_in)  # 0 .. joiners-1
    joiners = lower_in.sum(axis=1)
    into_existing = lower_in & (q < existing_room[:, None])
    k_exist = (q[..., None] >= cum[:, None, :]).sum(axis=-1)  # position among sorted slots
    # the rest found new co-ops, coop_max at a time; the last group must reach found_min
    r = q - existing_room[:, None]
    k_new = r // p.coop_max
    rest = joiners[:, None] - existing_room[:, None] - k_new * p.coop_max
    group = np.minimum(rest, p.coop_max)
    free_slots = COOP_SLOTS - n_existing
    founds = lower_in & ~into_existing & (group >= p.found_min) & (k_new < free_slots[:, None]) & approved[:, None]
    position = np.where(into_existing, k_exist, n_existing[:, None] + k_new).astype(np.int64)
    slot = np.take_along_axis(order, np.clip(position, 0, COOP_SLOTS - 1), axis=1)
    placed = into_existing | founds
    too_few = lower_in & ~placed & approved[:, None]
    not_approved = lower_in & ~placed & ~approved[:, None]
    admitted = to_higher | placed
    return {
        "admitted": admitted.astype(float),
        "slot": np.where(placed, slot, -1),
        "screened": screened.astype(float),
        "not_admitted": (applying & ~within).astype(float),
        "too_few": too_few.astype(float),
        "not_approved": not_approved.astype(float),
    }


def pay_share_fund(state, p: Params, entering: np.ndarray, levers) -> np.ndarray:
    """Households entering a co-op pay their share-fund contribution; returns what each paid.

    With the poor peasants' fund, poor and lower-middle households pay it with a long-term loan;
    others pay from their money, and what they cannot pay they owe."""
    due = np.where(entering, p.share_fund * state.lab, 0.0)
    loan = np.where(levers.poor_fund[:, None] & (state.cls <= LOWER_MIDDLE), due, 0.0)
    cash = np.minimum(np.maximum(state.cash, 0.0), due - loan)
    owed = due - loan - cash
    state.fund_loan += loan
    state.cash -= cash
    state.debt += owed
    state.share_paid += due
    return due
