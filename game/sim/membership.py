"""M6 joining, leaving and admission.

Each household scores every form it could farm in: the utility of expected income per head
(concave, so insurance matters near subsistence), conformity to how many neighbours are
already in (a Granovetter threshold), political pressure weighted by its class's exposure,
and the cost of changing. A Gumbel draw makes the choice a logit. Co-ops take in only as
many as the cadres can organize each season, may screen applicants, and bar former
landlords and rich peasants until the village is 70% organized (HISTORY §3b). Leaving a
co-op is possible only in the autumn window and only as far as the exit setting allows;
blocked exits turn into grievance. Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.animals import pool_animals, return_animals
from game.sim.params import HIGHER, INDEPENDENT, LOWER, LOWER_MIDDLE, RICH, TEAM, UPPER_MIDDLE, Params
from game.sim.units import pick

# admission policy ids (params.ADMISSIONS)
SCREEN, RECRUIT_POOR, BRING_IN_WELL_OFF = 0, 1, 2
INSURANCE_BY_FORM = np.array([0.0, 0.0, 0.8, 1.0])


def utility(per_person: np.ndarray, p: Params) -> np.ndarray:
    """u(c) = -1000 / (c - C0), c in jin per person per year (ECONOMICS.md §6.9)."""
    return -1000.0 / np.maximum(per_person - p.survival, 20.0)


def preferences(state, p: Params, t: int, total: np.ndarray, pressure: np.ndarray) -> dict[str, np.ndarray]:
    """Economic, social and political scores of every form, (V, N, 4) each."""
    sched = p.schedule
    persons = state.persons[..., None]
    optimism = np.array([0.0, 0.0, 1.0, 1.0]) * sched.optimism[t]
    c = total / persons * (1.0 + optimism)
    c0 = total[..., INDEPENDENT] / state.persons
    u = utility(c, p)
    u0 = utility(c0, p)
    curvature = 2000.0 / np.maximum(c0 - p.survival, 20.0) ** 3
    insurance = p.insurance_weight * (p.luck_sigma * c0) ** 2 * curvature / 2.0
    pool = INSURANCE_BY_FORM.copy()
    pool[TEAM] = p.team_insurance
    economic = (u - u0[..., None] + insurance[..., None] * pool) / p.logit_scale
    economic[..., INDEPENDENT] = 0.0
    coop_share = (state.form >= LOWER).sum(axis=1) / state.households
    in_teams = (state.form == TEAM).sum(axis=1) / state.households
    social = np.zeros_like(economic)
    # conformity to neighbours doing the same: a team is attractive while teams are common
    social[..., TEAM] = 0.5 * p.conformity * (in_teams[:, None] - 0.5 * state.threshold)
    social[..., LOWER] = p.conformity * (coop_share[:, None] - state.threshold)
    social[..., HIGHER] = social[..., LOWER]
    politic = np.zeros_like(economic)
    push = p.pressure_weight * pressure[:, None] * state.vuln
    # before the high tide the campaign promoted teams too; after it, a team is no refuge
    politic[..., TEAM] = 0.3 * push * max(0.0, 1.0 - sched.quota[t] / 0.2)
    politic[..., LOWER] = push
    politic[..., HIGHER] = push
    return {"economic": economic, "social": social, "politic": politic,
            "insurance": insurance / p.logit_scale, "outside_income": total[..., INDEPENDENT]}


def choose(state, p: Params, t: int, prefs: dict[str, np.ndarray], levers, pressure: np.ndarray,
           exit_open: np.ndarray, gumbel: np.ndarray, draws: np.ndarray, override: np.ndarray) -> dict[str, np.ndarray]:
    """Apply this season's joins (and, in the autumn window, departures). Returns the flows."""
    sched = p.schedule
    q = t % 4
    V, N = state.cls.shape
    cur = state.form.astype(np.int64)
    forms = np.arange(4)
    move = np.where(forms > cur[..., None], p.join_cost, np.where(forms < cur[..., None], p.exit_cost, 0.0))
    score = prefs["economic"] + prefs["social"] + prefs["politic"] - move
    coop_share = (state.form >= LOWER).sum(axis=1) / state.households
    higher_exists = (state.form == HIGHER).any(axis=1)
    allowed = np.ones((V, N, 4), bool)
    allowed[..., LOWER] = sched.lower_allowed[t] > 0
    allowed[..., HIGHER] = (sched.higher_allowed[t] > 0) & higher_exists[:, None]
    barred = (state.cls >= RICH) & (coop_share < 0.7)[:, None]
    allowed[..., LOWER] &= ~barred
    allowed[..., HIGHER] &= ~barred
    allowed[forms[None, None, :] == cur[..., None]] = True
    reconsider = draws[..., 0] < p.reconsider[q]
    want = np.argmax(np.where(allowed, score + gumbel, -np.inf), axis=-1)
    want = np.where(reconsider, want, cur)
    want = np.where(override >= 0, override, want)
    want = np.where(pick(allowed, want), want, cur)

    # joining a co-op: limited by the cadres' capacity, ordered by admission policy
    applying = (want >= LOWER) & (cur < LOWER)
    screened = (levers.admission == SCREEN)[:, None] & _weak_applicant(state, p)
    applying &= ~screened | (override >= 0)
    priority = pick(score, want) + draws[..., 1]
    priority += np.where((levers.admission == RECRUIT_POOR)[:, None] & (state.cls <= LOWER_MIDDLE), 2.0, 0.0)
    priority += np.where((levers.admission == BRING_IN_WELL_OFF)[:, None] & (state.cls == UPPER_MIDDLE), 2.0, 0.0)
    priority += np.where(override >= 0, 100.0, 0.0)  # the player's own application is always heard
    capacity = sched.capacity[t] * np.where(levers.stance >= 2, 1.5, 1.0)
    ranked = np.argsort(np.where(applying, -priority, np.inf), axis=1, kind="stable")
    rank = np.argsort(ranked, axis=1)
    admitted = applying & (rank < capacity[:, None])
    joins = admitted | ((want == TEAM) & (cur == INDEPENDENT)) | ((want == HIGHER) & (cur == LOWER))

    # leaving: a team any time; a co-op only in the autumn window, as far as exit is open
    # private preference (Kuran): the economics alone, and for members after the year-end
    # accounts, what the co-op actually paid rather than what was promised
    private = prefs["economic"]
    cur_private = pick(private, cur)
    if q == 2:
        outside = utility(prefs["outside_income"] / state.persons, p)
        # adaptive expectations (M8): last year's promise, revised by what was actually paid
        realised = (utility(state.exp_inside / state.persons, p) - outside) / p.logit_scale
        cur_private = np.where(cur >= LOWER, np.minimum(cur_private, realised + prefs["insurance"] * INSURANCE_BY_FORM[cur]), cur_private)
    # leaving a co-op means farming alone again (teams had mostly merged into the co-ops)
    best_lower = private[..., INDEPENDENT]
    member = cur >= LOWER
    push = prefs["politic"][..., LOWER]
    desire = best_lower - cur_private - p.exit_cost + p.grievance_weight * state.grievance
    state.wants_out = member & ((desire > 0) | (override == INDEPENDENT) | (override == TEAM))
    # the autumn window after the year-end accounts; in a contraction, only where the cadre lets co-ops shrink
    window = np.full((V, 1), q == 2) | ((sched.contraction[t] > 0) & levers.dissolve_weak)[:, None]
    leave_chance = exit_open[:, None] / (1.0 + np.exp(-np.clip(desire - push, -30, 30)))
    leave_chance = np.where((override >= 0) & (override < LOWER), exit_open[:, None], leave_chance)
    leaves = state.wants_out & window & (draws[..., 2] < leave_chance)
    blocked = state.wants_out & ~leaves & window
    state.grievance = np.where(blocked, state.grievance + 0.3, state.grievance * 0.9)
    quits_team = (cur == TEAM) & (want == INDEPENDENT)

    new = np.where(joins, want, cur)
    new = np.where(leaves, np.where(want < LOWER, want, INDEPENDENT), new)
    new = np.where(quits_team, INDEPENDENT, new)
    entering_higher = (new == HIGHER) & (cur != HIGHER)
    pool_animals(state, p, entering_higher, levers.valuation)
    with_property = (levers.withdrawal == 0)[:, None]
    return_animals(state, leaves & (cur == HIGHER) & with_property)
    state.form = new.astype(np.int8)
    return {
        "joined": (new > cur).astype(float),
        "left": leaves.astype(float),
        "blocked": blocked.astype(float),
        "screened_out": ((want >= LOWER) & (cur < LOWER) & screened).astype(float),
    }


def _weak_applicant(state, p: Params) -> np.ndarray:
    """Screening co-ops turn away households that would lower the work-day value: those who
    bring labour but no draught animal and little land (Mao's complaint of July 1955, S1)."""
    land_per_labour = state.land / state.lab
    return (state.animals < 0.5) & (land_per_labour < 0.6 * np.median(land_per_labour, axis=1, keepdims=True))


def upgrade(state, p: Params, villages: np.ndarray, valuation: np.ndarray) -> np.ndarray:
    """Convert every lower co-op of the chosen villages into the village's higher co-op."""
    moving = villages[:, None] & (state.form == LOWER)
    pool_animals(state, p, moving, valuation)
    state.form = np.where(moving, HIGHER, state.form).astype(np.int8)
    return moving


def dissolve_weak(state, p: Params, villages: np.ndarray, sums) -> np.ndarray:
    """Spring 1955 contraction: small lower co-ops are broken up back into teams."""
    lower = state.form == LOWER
    size = sums.gather(sums.total(lower.astype(float)))
    broken = villages[:, None] & lower & (size < 6)
    state.form = np.where(broken, TEAM, state.form).astype(np.int8)
    # "You told us to set it up, and you tell us to break it up" (HISTORY §4b)
    state.trust = np.where(broken, state.trust - 0.1, state.trust)
    return broken
