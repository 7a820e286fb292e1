"""One harvest: M1 production with this season's weather and luck, M2 the state's take on
assessed output, and M3 distribution (own harvest, team ox settlement, land dividends, work
points, per-head grain, animal rent and instalments). Every flow is kept for the ledger.

Grain is conserved: what is grown goes to seed, feed, the state, the co-op funds or the
households, and nowhere else. Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import HIGHER, INDEPENDENT, LOWER, TEAM, Params
from game.sim.production import coop_output, farm_output
from game.sim.statetake import assessed_take
from game.sim.units import UnitSums

HIDE_DETECTION = 0.25  # chance a hiding household is searched and found out, before campaign pressure [A]


def harvest(state, p: Params, t: int, sums: UnitSums, weather: np.ndarray, luck: np.ndarray,
            omega: np.ndarray, pressure: np.ndarray, assessment_bias: np.ndarray,
            hide: np.ndarray, valuation: np.ndarray, metering_by_stage: tuple[np.ndarray, np.ndarray],
            inspection: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Grow, tax, procure and distribute one harvest; returns the flows (household and village)."""
    sched = p.schedule
    h = p.harvest_share[t % 4]
    V, N = state.cls.shape
    lay = sums.layout
    tfp = p.tfp * state.irrigation[:, None]
    form = state.form
    alone = form == INDEPENDENT
    team = form == TEAM
    member = (form == LOWER) | (form == HIGHER)
    farms_own = ~member
    z = weather[:, None]
    proc_rate = sched.procurement_rate[t] * sched.procurement_on[t]
    surcharge = sched.discrimination[t] * pressure[:, None] * np.where(alone, 1.0, 0.5)
    bias = assessment_bias[:, None]

    # draught power: the thin ox market for independents, the shared herd for teams
    need = p.draught_need * state.land
    spare = np.where(alone, np.maximum(0.0, state.animals - need), 0.0)
    shortfall = np.where(alone, p.ox_market * np.maximum(0.0, need - state.animals), 0.0)
    offered, wanted = spare.sum(axis=1, keepdims=True), shortfall.sum(axis=1, keepdims=True)
    hired = shortfall * np.minimum(1.0, offered / np.maximum(wanted, 1e-9))
    team_land = sums.gather(sums.total(state.land * team))
    team_animals = sums.gather(sums.total(state.animals * team))
    used = np.where(team, state.land * team_animals / np.maximum(team_land, 1e-9), state.animals + hired)
    # ox-days are settled in grain (HISTORY §3a); what is owed per harvest, by payer and payee
    ox_due = p.ox_rent * h * np.where(team, used - state.animals, hired)
    ox_claim = np.where(team, np.maximum(0.0, -ox_due), 0.0) + p.ox_rent * h * hired.sum(axis=1, keepdims=True) * spare / np.maximum(offered, 1e-9)
    ox_due = np.maximum(ox_due, 0.0)

    # own farms
    own_output = h * z * farm_output(state.land, state.lab * state.effort, used, state.skill * luck, p, tfp)
    own_normal = farm_output(state.land, state.lab, used, state.skill, p, tfp)
    own_tax, own_proc = assessed_take(own_normal * bias * (1.0 + surcharge), state.persons, state.animals, p, proc_rate)
    own_seed = p.seed_rate * own_output
    own_feed = np.minimum(p.feed_per_animal * h * state.animals, own_output - own_seed)
    avail = own_output - own_seed - own_feed
    own_tax = np.minimum(h * own_tax, avail)
    due_proc = np.minimum(h * own_proc, avail - own_tax)
    # grain hidden from the assessment is found with a chance that grows with the campaign;
    # found grain is taken without payment (HISTORY §1d; the searches of Xianju, S72)
    hidden = np.where(farms_own, np.minimum(np.maximum(hide, 0.0), due_proc), 0.0)
    found = hidden * ((inspection if inspection is not None else 1.0) < HIDE_DETECTION + pressure[:, None] * 0.3)
    own_proc = due_proc - hidden
    confiscated = found

    # pooled farms: unit sums of inputs
    lab_e = sums.total(state.lab * state.effort * member)
    land_u = sums.total(state.land * member)
    n_u = sums.total(member.astype(float))
    animals_u = sums.total(state.animals * member)
    animals_u[:, lay.higher] += state.collective_animals
    # only the higher co-op feeds a herd of its own; lower co-ops rent animals their owners feed
    herd_u = np.zeros_like(animals_u)
    herd_u[:, lay.higher] = animals_u[:, lay.higher]
    skill_u = sums.total(state.skill * luck * member) / np.maximum(n_u, 1.0)
    persons_u = sums.total(state.persons * member)
    metering = np.repeat(metering_by_stage[0][:, None], n_u.shape[1], axis=1)
    metering[:, lay.higher] = metering_by_stage[1]
    active = n_u > 0
    y_u = np.where(active, h * weather[:, None] * coop_output(land_u, lab_e, animals_u, skill_u, n_u, metering, p, tfp), 0.0)
    skill_normal = sums.total(state.skill * member) / np.maximum(n_u, 1.0)
    normal_u = np.where(active, coop_output(land_u, sums.total(state.lab * member), animals_u, skill_normal, n_u, metering, p, tfp), 0.0)
    tax_u, proc_u = assessed_take(normal_u * bias, persons_u, animals_u, p, proc_rate)
    seed_u = p.seed_rate * y_u
    feed_u = np.minimum(p.feed_per_animal * h * herd_u, y_u - seed_u)
    avail_u = y_u - seed_u - feed_u
    tax_u = np.minimum(h * tax_u, avail_u)
    proc_u = np.minimum(h * proc_u, avail_u - tax_u)
    fund_u = np.minimum((p.accumulation + p.welfare) * y_u, avail_u - tax_u - proc_u)
    pool_u = avail_u - tax_u - proc_u - fund_u

    # distribution inside co-ops
    lower = form == LOWER
    higher = form == HIGHER
    m = np.where(lower, metering_by_stage[0][:, None], metering_by_stage[1][:, None])
    mean_effort = sums.gather(sums.total(state.effort * member)) / np.maximum(sums.gather(n_u), 1.0)
    points = np.where(member, state.lab * (m * state.effort + (1.0 - m) * mean_effort), 0.0)
    points_u = sums.total(points)
    rent_owed = np.where(lower, p.ox_rent * h * state.animals, 0.0)
    rent_u = sums.total(rent_owed)
    rent_scale = np.minimum(1.0, pool_u / np.maximum(rent_u, 1e-9))
    rent = rent_owed * sums.gather(rent_scale)
    pool = sums.gather(pool_u - rent_u * rent_scale)
    w = np.where(lower, omega[:, None], 0.0)
    rho = np.where(higher, p.rho, 0.0)
    land_div = np.where(member, w * pool * state.land / np.maximum(sums.gather(land_u), 1e-9), 0.0)
    per_head = np.where(member, rho * pool * state.persons / np.maximum(sums.gather(persons_u), 1e-9), 0.0)
    work_points = np.where(member, (1.0 - w - rho) * pool * points / np.maximum(sums.gather(points_u), 1e-9), 0.0)
    owner_feed = np.where(lower, np.minimum(p.feed_per_animal * h * state.animals, land_div + per_head + work_points + rent + state.grain), 0.0)
    received = land_div + per_head + work_points + rent - owner_feed

    # money from the state's purchase: co-ops pay animal instalments first, then share it out
    money_u = p.state_price * proc_u
    due = np.where(higher, np.minimum(state.owed, h * valuation[:, None] * p.animal_value * state.brought / p.instalment_years), 0.0)
    due_u = sums.total(due)
    pay_scale = np.minimum(p.instalment_paid, money_u / np.maximum(due_u, 1e-9))
    instalment = due * sums.gather(pay_scale)
    left_u = money_u - due_u * pay_scale
    # the money is shared like the grain; if a disaster left nothing to share, by work points
    weight = np.where(member, np.maximum(received, 0.0), 0.0)
    weight_u = sums.total(weight)
    weight = np.where(sums.gather(weight_u) > 1e-9, weight, points)
    coop_money = np.where(member, sums.gather(left_u) * weight / np.maximum(sums.gather(sums.total(weight)), 1e-9), 0.0)
    proc_money = np.where(member, coop_money, p.state_price * own_proc)

    own_kept = np.where(farms_own, avail - own_tax - own_proc - confiscated, 0.0)
    # payers settle what their grain allows; payees share what was actually paid
    ox_paid = np.minimum(ox_due, own_kept + state.grain)
    team_paid = sums.total(ox_paid * team)
    team_claim = sums.total(ox_claim * team)
    team_scale = sums.gather(team_paid / np.maximum(team_claim, 1e-9))
    hire_paid = (ox_paid * alone).sum(axis=1, keepdims=True)
    hire_claim = (ox_claim * alone).sum(axis=1, keepdims=True)
    ox = np.where(team, ox_claim * np.minimum(team_scale, 1.0), ox_claim * np.minimum(hire_paid / np.maximum(hire_claim, 1e-9), 1.0)) - ox_paid
    ox = np.where(farms_own, ox, 0.0)
    grain_in = np.where(farms_own, own_kept + ox, received)
    state.grain += grain_in
    state.cash += proc_money + instalment
    state.owed -= instalment
    state.year_income += grain_in + proc_money + instalment
    fund_v = fund_u.sum(axis=1)
    state.fund += fund_v

    # a member's share of its unit's flows, for the ledger
    share = np.where(member, points / np.maximum(sums.gather(points_u), 1e-9), 0.0)
    pick = lambda own, unit: np.where(farms_own, own, share * sums.gather(unit))  # noqa: E731
    flows = {
        "output": pick(own_output, y_u),
        "seed": pick(own_seed, seed_u),
        "feed": pick(own_feed, feed_u) + owner_feed,
        "tax": pick(own_tax + confiscated, tax_u),
        "procurement": pick(own_proc, proc_u),
        "hidden_found": confiscated,
        "hidden_kept": hidden - confiscated,
        "own_harvest": own_kept,
        "ox_hire": np.where(farms_own, ox, 0.0),
        "land_dividend": land_div,
        "work_points": work_points,
        "per_head": per_head,
        "animal_rent": rent,
        "instalment": instalment,
        "procurement_money": proc_money,
        "income": grain_in + proc_money + instalment,
        "v_output": np.where(farms_own, own_output, 0.0).sum(axis=1) + y_u.sum(axis=1),
        "v_seed": np.where(farms_own, own_seed, 0.0).sum(axis=1) + seed_u.sum(axis=1),
        "v_feed": np.where(farms_own, own_feed, 0.0).sum(axis=1) + feed_u.sum(axis=1) + owner_feed.sum(axis=1),
        "v_tax": np.where(farms_own, own_tax + confiscated, 0.0).sum(axis=1) + tax_u.sum(axis=1),
        "v_procurement": np.where(farms_own, own_proc, 0.0).sum(axis=1) + proc_u.sum(axis=1),
        "v_fund_in": fund_v,
        "v_distributed": grain_in.sum(axis=1),
        "v_land_dividend": land_div.sum(axis=1),
        "v_work_points": work_points.sum(axis=1),
        "v_per_head": per_head.sum(axis=1),
        "v_animal_rent": rent.sum(axis=1),
        "v_own_kept": (own_kept + ox * farms_own).sum(axis=1),
    }
    return flows
