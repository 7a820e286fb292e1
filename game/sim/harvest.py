"""One harvest: M1 production with this season's weather and luck, M2 the state's take on
assessed output, and M3 distribution (own harvest, the team's ox-day and labour-day
settlement, land dividends, work points, per-head grain, animal rent and instalments, the
members' private plots). Every flow is kept for the ledger.

Grain is conserved: what is grown goes to seed, feed, the state, the co-op funds or the
households, and nowhere else. Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim import distribution
from game.sim.params import HIGHER, INDEPENDENT, LOWER, RICH, TEAM, Params
from game.sim.production import coop_output, farm_output, plot_output, rematched_labour
from game.sim.statetake import assessed_take, coop_take, surcharge
from game.sim.units import UnitSums

HIDE_DETECTION = 0.25  # chance a hiding household is searched and found out, before campaign pressure [A]


def pooled_land(state) -> np.ndarray:
    """Land a member puts into its co-op: everything but the private plot."""
    return np.maximum(state.land - state.plot, 0.0)


def draught_hire(state, p: Params) -> np.ndarray:
    """Animals a household farming alone can hire: the thin market of independents' spare
    animals (the co-ops' pooled animals are not for hire to those who stayed out)."""
    alone = state.form == INDEPENDENT
    need = p.draught_need * state.land
    spare = np.where(alone, np.maximum(0.0, state.animals - need), 0.0)
    shortfall = np.where(alone, p.ox_market * np.maximum(0.0, need - state.animals), 0.0)
    offered, wanted = spare.sum(axis=1, keepdims=True), shortfall.sum(axis=1, keepdims=True)
    return shortfall * np.minimum(1.0, offered / np.maximum(wanted, 1e-9))


def harvest(state, p: Params, t: int, sums: UnitSums, weather: np.ndarray, luck: np.ndarray,
            levers, pressure: np.ndarray, assessment_bias: np.ndarray, hide: np.ndarray,
            metering_by_stage: tuple[np.ndarray, np.ndarray], inspection: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Grow, tax, procure and distribute one harvest; returns the flows (household and village)."""
    sched = p.schedule
    h = p.harvest_share[t % 4]
    lay = sums.layout
    tfp = p.tfp * state.irrigation[:, None]
    form = state.form
    alone = form == INDEPENDENT
    team = form == TEAM
    member = (form == LOWER) | (form == HIGHER)
    farms_own = ~member
    z = weather[:, None]
    proc_rate = sched.procurement_rate[t] * sched.procurement_on[t]
    bias = assessment_bias[:, None] * sched.assessment_level[t]
    extra = surcharge(p, t, pressure)[:, None]

    # --- own farms: draught power from the thin market or the team's animals; labour swapped in teams
    hired = draught_hire(state, p)
    spare = np.where(alone, np.maximum(0.0, state.animals - p.draught_need * state.land), 0.0)
    team_land, team_animals, team_lab = sums.totals(state.land * team, state.animals * team, state.lab * state.effort * team)
    team_land, team_animals, team_lab = sums.gather(team_land), sums.gather(team_animals), sums.gather(team_lab)
    used = np.where(team, state.land * team_animals / np.maximum(team_land, 1e-9), state.animals + hired)
    worked = state.lab * state.effort
    labour = np.where(team, rematched_labour(state.land, worked, team_land, team_lab, p.labour_pooling), worked)
    normal_team_lab = sums.gather(sums.total(state.lab * team))
    normal_labour = np.where(team, rematched_labour(state.land, state.lab, team_land, normal_team_lab, p.labour_pooling), state.lab)
    own_output = h * z * state.prep * farm_output(state.land, labour, used, state.skill * luck, p, tfp)
    own_output = np.where(farms_own, own_output, 0.0)
    own_normal = farm_output(state.land, normal_labour, used, state.skill, p, tfp)
    own_tax, own_proc = assessed_take(own_normal * bias * (1.0 + extra), state.persons, state.animals, p, proc_rate)
    own_assessed = np.where(farms_own, h * own_proc, 0.0)  # what the state asks for, before what the harvest allows
    own_seed = p.seed_rate * own_output
    own_feed = np.where(farms_own, np.minimum(p.feed_per_animal * h * state.animals, own_output - own_seed), 0.0)
    avail = own_output - own_seed - own_feed
    own_tax = np.where(farms_own, np.minimum(h * own_tax, avail), 0.0)
    due_proc = np.where(farms_own, np.minimum(h * own_proc, avail - own_tax), 0.0)
    # grain hidden from the assessment is found with a chance that grows with the campaign and
    # with the household's bad name; found grain is taken without payment (S29; S72)
    hidden = np.where(farms_own, np.minimum(np.maximum(hide, 0.0), due_proc), 0.0)
    # former landlords and rich peasants were watched (S5 S72) [A]
    watched = np.where(state.cls >= RICH, 0.15, 0.0)
    suspicion = HIDE_DETECTION + pressure[:, None] * 0.3 + 0.03 * np.maximum(0.0, -state.standing) + watched
    found = hidden * ((inspection if inspection is not None else 1.0) < suspicion)
    own_proc = due_proc - hidden
    own_kept = np.where(farms_own, avail - own_tax - own_proc - found, 0.0)

    # the team's settlement of ox-days and labour-days, and the ox market of those farming alone
    team_out = sums.gather(sums.total(own_output * team))
    wage = p.beta_labour * team_out / np.maximum(team_lab, 1e-9)
    rent_season = p.ox_rent * h
    settle = np.where(team, distribution.team_settlement(used, state.animals, rent_season, labour, worked, wage),
                      rent_season * hired)
    claim = np.where(team, np.maximum(0.0, -settle), rent_season * hired.sum(axis=1, keepdims=True) * spare / np.maximum(spare.sum(axis=1, keepdims=True), 1e-9))
    due = np.where(farms_own, np.maximum(settle, 0.0), 0.0)
    # payers settle what their grain allows; payees share what was actually paid
    paid = np.minimum(due, own_kept + state.grain)
    team_scale = sums.gather(sums.total(paid * team) / np.maximum(sums.total(claim * team), 1e-9))
    hire_scale = (paid * alone).sum(axis=1, keepdims=True) / np.maximum((claim * alone).sum(axis=1, keepdims=True), 1e-9)
    settled = np.where(team, claim * np.minimum(team_scale, 1.0), claim * np.minimum(hire_scale, 1.0)) - paid
    settled = np.where(farms_own, settled, 0.0)

    # --- pooled farms: unit sums of inputs (private plots stay out of the pool)
    land_in = pooled_land(state) * member
    lab_e, land_u, n_u, animals_u, persons_u, prep_u = sums.totals(
        state.lab * state.effort * member, land_in, member.astype(float), state.animals * member,
        state.persons * member, state.prep * land_in)
    animals_u[:, lay.higher] += state.collective_animals
    # only the higher co-op feeds a herd of its own; lower co-ops rent animals their owners feed
    herd_u = np.zeros_like(animals_u)
    herd_u[:, lay.higher] = animals_u[:, lay.higher]
    skill_u = sums.total(state.skill * luck * member) / np.maximum(n_u, 1.0)
    metering = np.repeat(metering_by_stage[0][:, None], n_u.shape[1], axis=1)
    metering[:, lay.higher] = metering_by_stage[1]
    active = n_u > 0
    prep_u = np.where(land_u > 0, prep_u / np.maximum(land_u, 1e-9), 1.0)
    y_u = np.where(active, h * weather[:, None] * prep_u * coop_output(land_u, lab_e, animals_u, skill_u, n_u, metering, p, tfp), 0.0)
    skill_normal = sums.total(state.skill * member) / np.maximum(n_u, 1.0)
    normal_u = np.where(active, coop_output(land_u, sums.total(state.lab * member), animals_u, skill_normal, n_u, metering, p, tfp), 0.0)
    per_mu = sums.gather(normal_u / np.maximum(land_u, 1e-9))
    higher = form == HIGHER
    lower = form == LOWER
    fed_animals = np.where(higher, state.brought, state.animals)
    m_tax, m_proc = coop_take(per_mu * bias, land_in, state.persons, fed_animals, p, proc_rate)
    tax_u, proc_u = sums.totals(m_tax * member, m_proc * member)
    seed_u = p.seed_rate * y_u
    feed_u = np.minimum(p.feed_per_animal * h * herd_u, y_u - seed_u)
    avail_u = y_u - seed_u - feed_u
    coop_assessed = h * proc_u
    tax_scale = sums.gather(np.minimum(h * tax_u, avail_u) / np.maximum(h * tax_u, 1e-9))
    tax_u = np.minimum(h * tax_u, avail_u)
    proc_scale = sums.gather(np.minimum(h * proc_u, avail_u - tax_u) / np.maximum(h * proc_u, 1e-9))
    proc_u = np.minimum(h * proc_u, avail_u - tax_u)
    fund_u = np.minimum((p.accumulation + p.welfare) * y_u, avail_u - tax_u - proc_u)
    pool_u = avail_u - tax_u - proc_u - fund_u

    # distribution inside co-ops (one home for the rule: distribution.py)
    m = np.where(lower, metering_by_stage[0][:, None], metering_by_stage[1][:, None])
    mean_effort = sums.gather(sums.total(state.effort * member)) / np.maximum(sums.gather(n_u), 1.0)
    points = np.where(member, distribution.work_point_weight(state.lab, state.effort, mean_effort, m), 0.0)
    points_u = sums.total(points)
    rent_owed = np.where(lower, p.ox_rent * h * state.animals, 0.0)
    omega = np.where(lower, levers.omega[:, None], 0.0)
    rho = np.where(higher, p.rho, 0.0)
    rent, land_div, per_head, work_points = distribution.coop_grain(
        sums.gather(pool_u), sums.gather(sums.total(rent_owed)), rent_owed,
        land_in / np.maximum(sums.gather(land_u), 1e-9), state.persons * member / np.maximum(sums.gather(persons_u), 1e-9),
        points / np.maximum(sums.gather(points_u), 1e-9), omega, rho)
    rent, land_div, per_head, work_points = (np.where(member, x, 0.0) for x in (rent, land_div, per_head, work_points))
    owner_feed = np.where(lower, np.minimum(p.feed_per_animal * h * state.animals, land_div + per_head + work_points + rent + state.grain), 0.0)
    received = land_div + per_head + work_points + rent - owner_feed
    plot = np.where(member, h * z * plot_output(state.plot, state.lab, state.effort, state.skill * luck, p), 0.0)

    # money from the state's purchase: co-ops pay animal instalments first, then share it out
    money_u = p.state_price * proc_u
    inst_due = np.where(higher, np.minimum(state.owed, h * levers.valuation[:, None] * p.animal_value * state.brought / p.instalment_years), 0.0)
    weight = np.where(member, np.maximum(received, 0.0), 0.0)
    weight_u = sums.gather(sums.total(weight))
    weight = np.where(weight_u > 1e-9, weight, points)
    instalment, coop_money = distribution.coop_money(sums.gather(money_u), sums.gather(sums.total(inst_due)), inst_due,
                                                     weight, sums.gather(sums.total(weight)), p.instalment_paid)
    instalment = np.where(member, instalment, 0.0)
    proc_money = np.where(member, coop_money, p.state_price * own_proc)

    grain_in = np.where(farms_own, own_kept + settled, received + plot)
    state.grain += grain_in
    state.cash += proc_money + instalment
    state.owed -= instalment
    state.year_income += grain_in + proc_money + instalment
    state.prep = np.ones_like(state.prep)
    fund_v = fund_u.sum(axis=1)
    state.fund += fund_v

    # a member's share of its unit's flows, for the ledger
    share = np.where(member, points / np.maximum(sums.gather(points_u), 1e-9), 0.0)
    pick = lambda own, unit: np.where(farms_own, own, share * sums.gather(unit))  # noqa: E731
    unit_tax = np.where(member, m_tax * h * tax_scale, 0.0)
    unit_proc = np.where(member, m_proc * h * proc_scale, 0.0)
    return {
        "output": pick(own_output, y_u) + plot,
        "seed": pick(own_seed, seed_u),
        "feed": pick(own_feed, feed_u) + owner_feed,
        "tax": np.where(farms_own, own_tax + found, unit_tax),
        "procurement": np.where(farms_own, own_proc, unit_proc),
        "hidden_found": found,
        "hidden_kept": hidden - found,
        "own_harvest": own_kept,
        "ox_hire": settled,
        "land_dividend": land_div,
        "work_points": work_points,
        "per_head": per_head,
        "animal_rent": rent,
        "plot": plot,
        "instalment": instalment,
        "procurement_money": proc_money,
        "income": grain_in + proc_money + instalment,
        "v_output": own_output.sum(axis=1) + y_u.sum(axis=1) + plot.sum(axis=1),
        "v_seed": own_seed.sum(axis=1) + seed_u.sum(axis=1),
        "v_feed": own_feed.sum(axis=1) + feed_u.sum(axis=1) + owner_feed.sum(axis=1),
        "v_tax": (own_tax + found).sum(axis=1) + tax_u.sum(axis=1),
        "v_procurement": own_proc.sum(axis=1) + proc_u.sum(axis=1),
        "v_procurement_due": own_assessed.sum(axis=1) + coop_assessed.sum(axis=1),
        "v_fund_in": fund_v,
        "v_distributed": grain_in.sum(axis=1),
        "v_land_dividend": land_div.sum(axis=1),
        "v_work_points": work_points.sum(axis=1),
        "v_per_head": per_head.sum(axis=1),
        "v_animal_rent": rent.sum(axis=1),
        "v_plot": plot.sum(axis=1),
        "v_own_kept": (own_kept + settled * farms_own).sum(axis=1),
    }

