"""M6 joining, leaving and admission: what every household wants, and what the village lets happen.

Each household scores every form it could farm in: the utility of expected income per head
(concave, so insurance matters near subsistence), conformity to how many neighbours are
already in (a Granovetter threshold), political pressure weighted by its class's exposure,
and the cost of changing. A Gumbel draw makes the choice a logit. Then the village's rules
decide what actually happens, the same for the player's household as for every other:

- leaving a co-op is possible only in the autumn window (or a contraction) and only as far as
  the exit setting allows; blocked exits turn into grievance;
- a co-op's meeting decides whether it goes to the higher stage (``stages.meetings``);
- applications to a co-op go through the cadres' capacity and admission policy, and a new co-op
  needs a founding group (``admission.admit``);
- a mutual-aid team needs partners: a team of fewer than ``team_min`` households breaks up;
- co-ops that shrink below ``coop_min`` households dissolve.

Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim import admission, stages
from game.sim.animals import pool_animals, return_animals
from game.sim.cadre import FOUNDING_BY_STANCE
from game.sim.params import HIGHER, INDEPENDENT, LOWER, RICH, TEAM, Params
from game.sim.state import NO_COOP
from game.sim.units import pick

INSURANCE_BY_FORM = np.array([0.0, 0.0, 0.8, 1.0])


def utility(per_person: np.ndarray, p: Params) -> np.ndarray:
    """u(c) = -1000 / (c - C0), c in jin per person per year (docs/model.md)."""
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
    economic = (u - u0[..., None] + insurance[..., None] * INSURANCE_BY_FORM) / p.logit_scale
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
           exit_open: np.ndarray, gumbel: np.ndarray, draws: np.ndarray, override: np.ndarray,
           vote: np.ndarray, county: np.ndarray) -> dict[str, np.ndarray]:
    """Apply this season's departures, co-op meetings, admissions and team changes.

    ``override`` is the form a player asked for (-1: the model decides); ``vote`` a player's
    vote at a co-op meeting on the higher stage (1 for, 0 against, -1 the model decides).
    Returns the flows, including why a wish was not granted."""
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
    player = override >= 0
    want = np.where(player, override, want)
    refused_form = player & ~pick(allowed, np.clip(want, 0, 3))
    want = np.where(pick(allowed, np.clip(want, 0, 3)), want, cur)

    # --- leaving a co-op: the autumn window after the year-end accounts, or a contraction
    private = prefs["economic"]
    cur_private = pick(private, cur)
    if q == 2:
        outside = utility(prefs["outside_income"] / state.persons, p)
        # adaptive expectations (M8): last year's promise, revised by what was actually paid
        realised = (utility(state.exp_inside / state.persons, p) - outside) / p.logit_scale
        cur_private = np.where(cur >= LOWER, np.minimum(cur_private, realised + prefs["insurance"] * INSURANCE_BY_FORM[cur]), cur_private)
    member = cur >= LOWER
    push = prefs["politic"][..., LOWER]
    desire = private[..., INDEPENDENT] - cur_private - p.exit_cost + p.grievance_weight * state.grievance
    # a player's household asks to leave only when the player asks; every other member by its own
    # disappointment, which also makes a player's household one that "would leave if it could"
    # (the story and the views read wants_out)
    player_asks = player & (want < LOWER)
    asks_out = member & np.where(player, player_asks, desire > 0)
    state.wants_out = asks_out | (member & (desire > 0))
    window = np.full((V, 1), q == 2) | ((sched.contraction[t] > 0) & levers.dissolve_weak)[:, None]
    leave_chance = exit_open[:, None] / (1.0 + np.exp(-np.clip(desire - push, -30, 30)))
    leave_chance = np.where(player_asks, exit_open[:, None], leave_chance)
    leaves = asks_out & window & (draws[..., 2] < leave_chance)
    blocked = asks_out & ~leaves & window
    state.grievance = np.where(blocked, state.grievance + 0.3, state.grievance * 0.9)
    new = cur.copy()
    new = np.where(leaves, np.where(want == TEAM, TEAM, INDEPENDENT), new)
    want = np.where(leaves, new, want)  # a household that leaves does not apply again the same season
    with_property = (levers.withdrawal == 0)[:, None]
    return_animals(state, leaves & (cur == HIGHER) & with_property)
    refund = np.where(leaves & with_property, state.share_paid, 0.0)
    state.cash += refund
    state.share_paid = np.where(leaves, 0.0, state.share_paid)

    # --- the higher stage: co-op meetings decide, members who refuse may withdraw
    meeting = stages.meetings(state, p, t, score, gumbel, draws, levers, pressure, exit_open, vote,
                              np.where(leaves, -1, new), want)
    new = np.where(meeting["converted"] > 0, HIGHER, new)
    new = np.where(meeting["withdrew"] > 0, INDEPENDENT, new)

    # --- joining: applications through the cadres' capacity, admission and founding rules
    joining = admission.admit(state, p, t, score, want, np.where(meeting["withdrew"] > 0, -1, new), levers, draws,
                              county[:, 0] < p.schedule.founding[t] * FOUNDING_BY_STANCE[levers.stance])
    new = np.where(joining["admitted"] > 0, want, new)

    # --- teams: joining or quitting, then a team needs partners
    to_team = (want == TEAM) & (new == INDEPENDENT) & (cur == INDEPENDENT)
    quits_team = (cur == TEAM) & (want == INDEPENDENT) & (new == TEAM)
    new = np.where(to_team, TEAM, np.where(quits_team, INDEPENDENT, new))
    new, team_broke = stages.teams_hold(new, state.group, p)

    # --- co-ops: pool animals of those entering the higher stage, place lower joiners, small co-ops dissolve
    entering_higher = (new == HIGHER) & (cur != HIGHER)
    pool_animals(state, p, entering_higher, levers.valuation)
    coop = np.where(new == LOWER, np.where(joining["slot"] >= 0, joining["slot"], state.coop), NO_COOP)
    coop = np.where(meeting["stayed"] > 0, state.coop, coop)
    new, coop, coop_broke = stages.coops_hold(new, coop.astype(np.int8), p)
    entering = (new >= LOWER) & (cur < LOWER)
    share_fund = admission.pay_share_fund(state, p, entering, levers)
    # those who enter a co-op under coercion carry it with them: the wish to leave starts there
    coerced = (levers.stance == 3)[:, None]
    state.grievance = state.grievance + np.where(entering & coerced, p.grievance_coercion, 0.0)
    state.form = new.astype(np.int8)
    state.coop = coop
    return {
        "joined": (new > cur).astype(float),
        "left": leaves.astype(float),
        "blocked": blocked.astype(float),
        "screened_out": joining["screened"],
        "not_admitted": joining["not_admitted"],
        "too_few_founders": joining["too_few"],
        "no_new_coop": joining["not_approved"],
        "team_broke": team_broke.astype(float),
        "coop_broke": coop_broke.astype(float),
        "vote": meeting["vote"],
        "meeting_held": meeting["held"],
        "meeting_passed": meeting["passed"],
        "converted": meeting["converted"],
        "carried_in": meeting["carried"],
        "stayed_behind": meeting["stayed"],
        "withdrew": meeting["withdrew"],
        "refused_form": refused_form.astype(float),
        "share_fund": share_fund,
    }


def dissolve_weak(state, p: Params, villages: np.ndarray) -> np.ndarray:
    """Spring 1955 contraction: small lower co-ops are broken up back into teams."""
    lower = state.form == LOWER
    sizes = stages.coop_sizes(state.form, state.coop)
    size = np.take_along_axis(sizes, np.maximum(state.coop, 0).astype(np.int64), axis=1)
    broken = villages[:, None] & lower & (size < 8)
    state.form = np.where(broken, TEAM, state.form).astype(np.int8)
    state.coop = np.where(broken, NO_COOP, state.coop).astype(np.int8)
    form, _ = stages.teams_hold(state.form.astype(np.int64), state.group, p)
    state.form = form.astype(np.int8)
    # "You told us to set it up, and you tell us to break it up" (S4)
    state.trust = np.clip(np.where(broken, state.trust - 0.1, state.trust), 0.0, 1.0)
    return broken
