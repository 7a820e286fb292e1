"""The household calculus: a forecast of the household's income over the next year (the four
seasons after this season's choices take effect) in each form it could farm in (alone, a
mutual-aid team, a lower co-op, the higher co-op), under the rules that will apply then, with
every part, for every household of every village at once.

This is the comparison at the heart of the game (docs/model.md): a land-rich household
inside a lower co-op gets land dividend + work points + animal rent, against its own harvest
outside. The forecast uses the same production, assessment and distribution functions as the
harvest (``production``, ``statetake``, ``distribution``), the schedule of the coming summer
and autumn harvests (the surcharge on those outside the co-ops, the procurement rate), the
slack seasons' sidelines (halved in a higher co-op), the private plot, and for a household
entering a co-op the share fund (shown for reference: it is capital paid in, not income).

Three rows per form: a normal year; a bad year (the weather and luck a household meets one
year in five: the state's claims on assessed output stay the same, so a bad year bites hardest
where nothing is pooled); and access to draught power (share of the ox-days its land needs).
Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from game.sim import distribution
from game.sim.harvest import draught_hire, pooled_land
from game.sim.params import HIGHER, INDEPENDENT, LOWER, LOWER_MIDDLE, N_SEASONS, RICH, TEAM, Params
from game.sim.production import coop_output, farm_output, plot_output, rematched_labour
from game.sim.statetake import assessed_take
from game.sim.units import UnitSums

FOUNDING_GROUP = 8.0  # households a new co-op is imagined to start with (a founding group of 5 or more)
PARTS = (
    "output",
    "seed_feed",
    "tax",
    "procurement",
    "sale_loss",
    "own_harvest",
    "ox_hire",
    "land_dividend",
    "work_points",
    "per_head",
    "animal_rent",
    "procurement_money",
    "plot",
    "sideline",
    "total",
    # for reference, not part of the total
    "share_fund",
    "entry_loss",
    "bad_year",
    "draught",
)
INCOME_PARTS = ("own_harvest", "ox_hire", "land_dividend", "work_points", "per_head", "animal_rent",
                "procurement_money", "plot", "sideline")


@dataclass
class Calculus:
    """Expected income over the next year by form: every part is a (V, N, 4) array in jin
    (``draught`` is a share of need). ``open`` says which forms each household could be in."""

    parts: dict[str, np.ndarray]
    unit_size: np.ndarray  # (V, N, 4) households in the unit the household would farm in
    expected_effort: np.ndarray  # (V, N, 4)
    available: tuple[bool, bool, bool, bool]  # forms that exist at all this season
    open: np.ndarray  # (V, N, 4) bool: forms this household could actually be in next season
    going_higher: float = 0.0  # share of next year's harvests a lower co-op is expected to spend in the higher stage

    @property
    def total(self) -> np.ndarray:
        return self.parts["total"]

    def household(self, village: int, index: int) -> dict[str, list[float]]:
        """One household's parts, by form, as plain floats."""
        return {k: [float(x) for x in v[village, index]] for k, v in self.parts.items()}


def next_harvests(t: int) -> tuple[int, int]:
    """Season indices of the summer and autumn harvests in the year after season t (the last
    scheduled season stands for later ones)."""
    summer = next(k for k in range(t + 1, t + 5) if k % 4 == 1)
    autumn = next(k for k in range(t + 1, t + 5) if k % 4 == 2)
    return min(summer, N_SEASONS - 1), min(autumn, N_SEASONS - 1)


def yearly(p: Params, row: np.ndarray, t: int) -> float:
    """A schedule row weighted over the coming summer and autumn harvests."""
    s, a = next_harvests(t)
    hs, ha = p.harvest_share[1], p.harvest_share[2]
    return float((hs * row[s] + ha * row[a]) / (hs + ha))


def bad_year(p: Params) -> tuple[float, float]:
    """The output multiplier of a bad year (one in five): (farming alone, pooled).

    The 20th percentile of weather times a household's own luck, and of weather alone (a unit
    of many households pools its members' luck), by a fixed-seed draw of the model's shocks."""
    return _bad_year(p.weather_sigma, p.disaster_p, p.disaster_low, p.disaster_high, p.luck_sigma)


@lru_cache(maxsize=16)
def _bad_year(weather_sigma: float, disaster_p: float, disaster_low: float, disaster_high: float,
              luck_sigma: float) -> tuple[float, float]:
    rng = np.random.default_rng(20_1955)
    n = 200_000
    z = np.exp(weather_sigma * rng.standard_normal(n) - weather_sigma**2 / 2.0)
    disaster = rng.random(n) < disaster_p
    z = np.where(disaster, z * rng.uniform(disaster_low, disaster_high, n), z)
    luck = np.exp(luck_sigma * rng.standard_normal(n) - luck_sigma**2 / 2.0)
    return float(np.quantile(z * luck, 0.2)), float(np.quantile(z, 0.2))


def compute(state, p: Params, t: int, sums: UnitSums, levers, pressure: np.ndarray,
            assessment_bias: np.ndarray, metering: tuple[np.ndarray, np.ndarray], detail: bool = True) -> Calculus:
    """The forecast for every household in every form. Without ``detail`` only the totals the
    model's own decisions need are complete (no bad-year, draught or reference rows)."""
    sched = p.schedule
    V, N = state.cls.shape
    lay = sums.layout
    form = state.form
    tfp = p.tfp * state.irrigation[:, None]
    proc_rate = yearly(p, sched.procurement_rate * sched.procurement_on, t)
    extra = yearly(p, sched.discrimination, t) * pressure[:, None]
    bias = assessment_bias[:, None] * yearly(p, sched.assessment_level, t)
    keep = 1.0 - p.seed_rate
    price = p.state_price
    bad_own, bad_pooled = bad_year(p)
    slack = 2.0 * p.sideline * state.lab  # spring and winter, all spare labour in sidelines
    parts = {k: np.zeros((V, N, 4)) for k in PARTS}
    size = np.ones((V, N, 4))
    eff = np.ones((V, N, 4))
    open_ = np.zeros((V, N, 4), bool)
    need = p.draught_need * state.land

    def own_farm(f: int, output, used, settle, surcharge):
        """Parts of a household farming its own land: alone or in a team."""
        tax, proc = assessed_take(output * bias * (1.0 + surcharge), state.persons, state.animals, p, proc_rate)
        feed = p.feed_per_animal * state.animals
        kept = output * keep - feed - tax - proc
        parts["output"][..., f] = output
        parts["seed_feed"][..., f] = output * p.seed_rate + feed
        parts["tax"][..., f] = tax
        parts["procurement"][..., f] = proc
        parts["sale_loss"][..., f] = (1.0 - price) * proc
        parts["own_harvest"][..., f] = kept
        parts["ox_hire"][..., f] = -settle
        parts["procurement_money"][..., f] = price * proc
        parts["sideline"][..., f] = slack
        if not detail:
            return
        # a bad year: the harvest falls, the state's claims on assessed output do not
        low = output * bad_own
        avail = np.maximum(low * keep - feed, 0.0)
        bad_tax = np.minimum(tax, avail)
        bad_proc = np.minimum(proc, avail - bad_tax)
        parts["bad_year"][..., f] = avail - bad_tax - bad_proc + price * bad_proc - settle + slack
        parts["draught"][..., f] = np.minimum(1.0, used / np.maximum(need, 1e-9))

    # --- alone: own land, own labour, own animals plus what the thin ox market rents out
    hired = draught_hire(state, p)
    alone_used = state.animals + np.where(form == INDEPENDENT, hired, _hire_if_alone(state, p))
    y0 = farm_output(state.land, state.lab, alone_used, state.skill, p, tfp)
    own_farm(INDEPENDENT, y0, alone_used, p.ox_rent * (alone_used - state.animals), extra)
    open_[..., INDEPENDENT] = True

    # --- mutual-aid team: draught power shared and labour swapped across the team's land
    in_team = form == TEAM
    team_land, team_animals, team_lab, team_n = sums.totals(state.land * in_team, state.animals * in_team,
                                                          state.lab * in_team, in_team.astype(float))
    group = state.group
    g_land = sums.gather(team_land, group) + state.land * ~in_team
    g_animals = sums.gather(team_animals, group) + state.animals * ~in_team
    g_lab = sums.gather(team_lab, group) + state.lab * ~in_team
    g_n = sums.gather(team_n, group) + ~in_team
    used = state.land * g_animals / g_land
    labour = rematched_labour(state.land, state.lab, g_land, g_lab, p.labour_pooling)
    y1 = farm_output(state.land, labour, used, state.skill, p, tfp)
    wage = p.beta_labour * farm_output(g_land, g_lab, g_animals, state.skill, p, tfp) / np.maximum(g_lab, 1e-9)
    settle = distribution.team_settlement(used, state.animals, p.ox_rent, labour, state.lab, wage)
    own_farm(TEAM, y1, used, settle, extra)
    size[..., TEAM] = g_n
    # a team needs partners: the household's neighbours must make up at least team_min with it
    open_[..., TEAM] = g_n >= p.team_min

    # founding group for a new co-op: the village's poor and lower-middle households
    joiner = (state.cls <= LOWER_MIDDLE).astype(float)
    jn = np.maximum(joiner.sum(axis=1), 1.0)
    pooled = pooled_land(state)
    pad_mean = {k: (v * joiner).sum(axis=1) / jn for k, v in
                (("land", pooled), ("lab", state.lab), ("animals", state.animals), ("persons", state.persons), ("skill", state.skill))}

    coop_share = (form >= LOWER).mean(axis=1)
    barred = (state.cls >= RICH) & (coop_share < 0.7)[:, None]
    higher_exists = (form == HIGHER).any(axis=1)
    higher_possible = bool(sched.higher_allowed[t:t + 5].max() > 0 or higher_exists.any())
    target = _lower_target(state, p, lay)
    coop_forms = [(LOWER, target, metering[0][:, None], 0.9)]
    if higher_possible:
        coop_forms.append((HIGHER, np.full((V, N), lay.higher), metering[1][:, None], 0.85))
    open_[..., LOWER] = (sched.lower_allowed[min(t + 1, N_SEASONS - 1)] > 0) & ~barred
    open_[..., HIGHER] = (higher_exists[:, None] | (form == LOWER)) & (sched.higher_allowed[min(t + 1, N_SEASONS - 1)] > 0) & ~barred
    for f, key, m, default_effort in coop_forms:
        member = form == f
        out = ~member
        names = ("land", "lab", "animals", "persons", "skill", "effort")
        values = (pooled, state.lab, state.animals, state.persons, state.skill, state.effort)
        stacked = sums.totals(*(v * member for v in values), member.astype(float))
        tot = {k: sums.gather(stacked[i], key) for i, k in enumerate(names)}
        n = sums.gather(stacked[-1], key)
        e_bar = np.where(n > 0, tot["effort"] / np.maximum(n, 1.0), default_effort)
        n1 = n + out
        pad = np.maximum(0.0, FOUNDING_GROUP - n1) * (n == 0)
        land = tot["land"] + pooled * out + pad * pad_mean["land"][:, None]
        lab = tot["lab"] + state.lab * out + pad * pad_mean["lab"][:, None]
        animals = tot["animals"] + state.animals * out + pad * pad_mean["animals"][:, None]
        persons = tot["persons"] + state.persons * out + pad * pad_mean["persons"][:, None]
        skill = (tot["skill"] + state.skill * out + pad * pad_mean["skill"][:, None]) / (n1 + pad)
        if f == HIGHER:
            animals = animals + state.collective_animals[:, None]
        n_all = n1 + pad
        y = coop_output(land, lab * e_bar, animals, skill, n_all, m, p, tfp)
        normal = coop_output(land, lab, animals, skill, n_all, m, p, tfp)
        per_mu = normal / np.maximum(land, 1e-9)
        # the unit's procurement: every member's surplus on its own land at the unit's yield
        member_animals = state.animals if f == LOWER else state.brought + out * state.animals
        tax_i, proc_i = assessed_take(per_mu * bias * pooled, state.persons, member_animals, p, proc_rate)
        unit_tax = p.tax_rate * normal * bias
        unit_proc = _unit_procurement(state, p, sums, key, member, f, per_mu * bias, proc_rate) + proc_i * out
        feed_herd = p.feed_per_animal * animals if f == HIGHER else 0.0
        avail = y * keep - feed_herd
        funds = (p.accumulation + p.welfare) * y
        pool = avail - unit_tax - unit_proc - funds
        rent_owed = p.ox_rent * state.animals if f == LOWER else np.zeros((V, N))
        rent_unit = p.ox_rent * animals if f == LOWER else np.zeros((V, N))
        omega = levers.omega[:, None] if f == LOWER else 0.0
        rho = p.rho if f == HIGHER else 0.0
        rent, land_div, per_head, points = distribution.coop_grain(
            pool, rent_unit, rent_owed, pooled / np.maximum(land, 1e-9), state.persons / np.maximum(persons, 1e-9),
            state.lab / np.maximum(lab, 1e-9), omega, rho)
        own_feed = p.feed_per_animal * state.animals if f == LOWER else 0.0
        received = rent + land_div + per_head + points
        # the state's money for the unit's grain: instalments first, then shared like the grain
        due_unit = _instalments_due(state, p, sums, key, levers) + (out * levers.valuation[:, None] * p.animal_value
                                                                    * state.animals / p.instalment_years if f == HIGHER else 0.0)
        due_own = np.where(member, np.minimum(state.owed, levers.valuation[:, None] * p.animal_value * state.brought / p.instalment_years),
                           levers.valuation[:, None] * p.animal_value * state.animals / p.instalment_years) if f == HIGHER else np.zeros((V, N))
        instalment, money = distribution.coop_money(price * unit_proc, due_unit, due_own, received, np.maximum(pool, 1e-9), p.instalment_paid)
        plot = plot_output(state.plot, state.lab, e_bar, state.skill, p)
        side = slack * (p.higher_sidelines if f == HIGHER else 1.0)
        income = received - own_feed + money + instalment + plot + side
        share = state.lab / np.maximum(lab, 1e-9)
        parts["output"][..., f] = y * share + plot
        parts["seed_feed"][..., f] = (y * p.seed_rate + feed_herd) * share + own_feed
        parts["tax"][..., f] = tax_i
        parts["procurement"][..., f] = proc_i
        parts["sale_loss"][..., f] = (1.0 - price) * proc_i
        parts["land_dividend"][..., f] = land_div
        parts["work_points"][..., f] = points
        parts["per_head"][..., f] = per_head
        parts["animal_rent"][..., f] = rent - own_feed + instalment
        parts["procurement_money"][..., f] = money
        parts["plot"][..., f] = plot
        parts["sideline"][..., f] = side
        parts["total"][..., f] = income
        size[..., f] = n_all
        eff[..., f] = e_bar
        if not detail:
            continue
        fund = np.where(out, p.share_fund * state.lab, 0.0)
        parts["share_fund"][..., f] = -fund
        if f == HIGHER:
            pv = _instalment_pv(p)
            loss = p.animal_value * state.animals * np.maximum(0.0, 1.0 - levers.valuation[:, None] * p.instalment_paid * pv)
            parts["entry_loss"][..., f] = -np.where(out, loss, 0.0)
        # a bad year for the unit: weather without the member's own luck; claims on assessed output fixed
        low = y * bad_pooled
        low_avail = np.maximum(low * keep - feed_herd, 0.0)
        low_tax = np.minimum(unit_tax, low_avail)
        low_proc = np.minimum(unit_proc, low_avail - low_tax)
        low_pool = np.maximum(low_avail - low_tax - low_proc - (p.accumulation + p.welfare) * low, 0.0)
        scale = low_pool / np.maximum(pool, 1e-9)
        parts["bad_year"][..., f] = (received * scale - own_feed + price * low_proc * received / np.maximum(pool, 1e-9)
                                     + plot * bad_pooled + side)
        parts["draught"][..., f] = np.minimum(1.0, animals / np.maximum(p.draught_need * land, 1e-9))
    for f in (INDEPENDENT, TEAM):
        parts["total"][..., f] = sum(parts[k][..., f] for k in INCOME_PARTS)
    # a lower co-op may vote to go higher during the year: where the county's target for the
    # higher stage is rising, the forecast for a lower co-op is a blend of the two, weighted by
    # the share of the year's harvests the county expects in higher co-ops
    going_higher = min(1.0, max(0.0, yearly(p, sched.higher_quota * (sched.higher_allowed > 0), t))) if higher_possible else 0.0
    if going_higher > 0:
        for k in (PARTS if detail else ("total",)):
            if k != "draught":
                parts[k][..., LOWER] = (1.0 - going_higher) * parts[k][..., LOWER] + going_higher * parts[k][..., HIGHER]
        if detail:
            parts["draught"][..., LOWER] = (1.0 - going_higher) * parts["draught"][..., LOWER] + going_higher * parts["draught"][..., HIGHER]
    return Calculus(parts, size, eff, (True, True, True, higher_possible), open_, going_higher)


def _hire_if_alone(state, p: Params) -> np.ndarray:
    """Animals a household now in a team or co-op could hire if it farmed alone: its share of
    independents' spare animals, as one more household short of draught power."""
    alone = state.form == INDEPENDENT
    need = p.draught_need * state.land
    spare = np.where(alone, np.maximum(0.0, state.animals - need), 0.0).sum(axis=1, keepdims=True)
    wanted = (p.ox_market * np.maximum(0.0, need - state.animals) * alone).sum(axis=1, keepdims=True)
    mine = p.ox_market * np.maximum(0.0, need - state.animals)
    return mine * np.minimum(1.0, spare / np.maximum(wanted + mine, 1e-9))


def _lower_target(state, p: Params, lay) -> np.ndarray:
    """(V, N) unit a household would farm in inside a lower co-op: its own, else the largest
    co-op with room, else a new one (an empty slot)."""
    from game.sim.stages import coop_sizes

    sizes = coop_sizes(state.form, state.coop)
    room = np.where((sizes > 0) & (sizes < p.coop_max), sizes, -1.0)
    best = room.argmax(axis=1)
    has = room.max(axis=1) > 0
    empty = np.where(sizes == 0, np.arange(sizes.shape[1]), sizes.shape[1]).min(axis=1)
    slot = np.where(has, best, np.minimum(empty, sizes.shape[1] - 1))
    own = np.where((state.form == LOWER) & (state.coop >= 0), state.coop, slot[:, None])
    return lay.groups + own.astype(np.int64)


def _unit_procurement(state, p: Params, sums: UnitSums, key, member, f, per_mu, proc_rate) -> np.ndarray:
    """Sum over the unit's present members of the procurement each member's land owes at the
    unit's (new) yield per mu: surpluses add up, deficits do not cancel them."""
    pooled = pooled_land(state)
    member_animals = state.animals if f == LOWER else state.brought
    # at the unit's present yield, then moved linearly to the new yield (first order in the yield)
    unit_mu = sums.gather(sums.total(per_mu * member) / np.maximum(sums.total(member.astype(float)), 1.0), key)
    base = unit_mu if member.any() else per_mu
    _, proc = assessed_take(np.where(member, base, 0.0) * pooled, state.persons, member_animals, p, proc_rate)
    paying = member & (proc > 0)
    proc_u = sums.gather(sums.total(proc * member), key)
    slope = sums.gather(sums.total(paying * pooled * proc_rate * (1.0 - p.seed_rate - p.tax_rate)), key)
    return np.maximum(proc_u + slope * (per_mu - base), 0.0)


def _instalments_due(state, p: Params, sums: UnitSums, key, levers) -> np.ndarray:
    """Animal instalments the higher co-op owes its present members in a year."""
    due = np.minimum(state.owed, levers.valuation[:, None] * p.animal_value * state.brought / p.instalment_years)
    return sums.gather(sums.total(due * (state.form == HIGHER)), key)


def _instalment_pv(p: Params) -> float:
    years = int(p.instalment_years)
    return float(sum(p.patience_mean**k for k in range(1, years + 1)) / years)
