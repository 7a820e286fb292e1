"""The household calculus: expected yearly income in each form (alone, team, lower co-op,
higher co-op), each broken into its parts, for every household of every village at once.

This is the comparison at the heart of the game (ECONOMICS.md §1.7): a land-rich household
inside a lower co-op gets land dividend + work points + animal rent - share-fund payment,
against its own harvest outside. Counterfactual totals ("if I joined co-op c") are co-op sums
plus the household's own inputs, padded to a plausible founding group when a co-op is new.
Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim.params import HIGHER, INDEPENDENT, LOWER, LOWER_MIDDLE, TEAM, Params
from game.sim.animals import instalment_value
from game.sim.production import coop_output, farm_output
from game.sim.statetake import assessed_take
from game.sim.units import UnitSums

FOUNDING_GROUP = 8.0  # households a new co-op is imagined to start with
PARTS = (
    "output",
    "seed_feed",
    "tax",
    "procurement",
    "sale_loss",
    "own_harvest",
    "land_dividend",
    "work_points",
    "per_head",
    "animal_rent",
    "ox_hire",
    "share_fund",
    "entry_loss",
    "total",
)


@dataclass
class Calculus:
    """Expected yearly income by form: every part is a (V, N, 4) array in jin."""

    parts: dict[str, np.ndarray]
    unit_size: np.ndarray  # (V, N, 4) households in the unit the household would farm in
    expected_effort: np.ndarray  # (V, N, 4)
    available: tuple[bool, bool, bool, bool]  # forms computed this season (no higher co-op before 1956)

    @property
    def total(self) -> np.ndarray:
        return self.parts["total"]

    def household(self, village: int, index: int) -> dict[str, list[float]]:
        """One household's parts, by form, as plain floats."""
        return {k: [float(x) for x in v[village, index]] for k, v in self.parts.items()}


def compute(state, p: Params, t: int, sums: UnitSums, omega: np.ndarray, valuation: np.ndarray,
            pressure: np.ndarray, assessment_bias: np.ndarray, poor_fund: np.ndarray,
            metering: tuple[np.ndarray, np.ndarray]) -> Calculus:
    """Expected normal-year income of every household in every form."""
    sched = p.schedule
    V, N = state.cls.shape
    lay = sums.layout
    form = state.form
    tfp = p.tfp * state.irrigation[:, None]
    proc_rate = sched.procurement_rate[t] * sched.procurement_on[t]
    discr = sched.discrimination[t] * pressure[:, None]
    bias = assessment_bias[:, None]
    keep = 1.0 - p.seed_rate

    def take(normal, persons, animals, surcharge):
        tax, proc = assessed_take(normal * bias * (1.0 + surcharge), persons, animals, p, proc_rate)
        return tax, proc

    parts = {k: np.zeros((V, N, 4)) for k in PARTS}
    size = np.ones((V, N, 4))
    eff = np.ones((V, N, 4))

    # --- alone: own land, own labour, own animals plus what the thin ox market rents out
    shortfall = np.maximum(0.0, p.draught_need * state.land - state.animals)
    alone = form == INDEPENDENT
    offered = np.where(alone, np.maximum(0.0, state.animals - p.draught_need * state.land), 0.0).sum(axis=1, keepdims=True)
    wanted = (p.ox_market * shortfall * alone).sum(axis=1, keepdims=True)
    # the ox market is thin: only independents' spare animals are for hire
    hired = p.ox_market * shortfall * np.minimum(1.0, offered / np.maximum(wanted, p.draught_need))
    y0 = farm_output(state.land, state.lab, state.animals + hired, state.skill, p, tfp)
    tax0, proc0 = take(y0, state.persons, state.animals, discr)
    _fill(parts, INDEPENDENT, y0, p.feed_per_animal * state.animals, tax0, proc0, p, own=y0 * keep, ox=-p.ox_rent * hired)

    # --- mutual-aid team: own harvest, draught power shared across the team's land
    in_team = form == TEAM
    group = state.group
    team_land, team_animals, team_n = sums.totals(state.land * in_team, state.animals * in_team, in_team.astype(float))
    g_land = sums.gather(team_land, group) + state.land * ~in_team
    g_animals = sums.gather(team_animals, group) + state.animals * ~in_team
    used = state.land * g_animals / g_land
    y1 = farm_output(state.land, state.lab, used, state.skill, p, tfp)
    tax1, proc1 = take(y1, state.persons, state.animals, 0.5 * discr)
    _fill(parts, TEAM, y1, p.feed_per_animal * state.animals, tax1, proc1, p, own=y1 * keep, ox=-p.ox_rent * (used - state.animals))
    size[..., TEAM] = sums.gather(team_n, group) + ~in_team

    # founding group for a new co-op: the village's poor and lower-middle households
    joiner = (state.cls <= LOWER_MIDDLE).astype(float)
    jn = np.maximum(joiner.sum(axis=1), 1.0)
    pad_mean = {k: (getattr(state, k) * joiner).sum(axis=1) / jn for k in ("land", "lab", "animals", "persons", "skill")}

    higher_possible = bool(sched.higher_allowed[t] > 0 or (form == HIGHER).any())
    coop_forms = [(LOWER, lay.groups + state.section, metering[0][:, None], 0.9)]
    if higher_possible:
        coop_forms.append((HIGHER, np.full(N, lay.higher), metering[1][:, None], 0.85))
    for f, key, metering, default_effort in coop_forms:
        member = form == f
        out = ~member
        names = ("land", "lab", "animals", "persons", "skill", "effort")
        stacked = sums.totals(*(getattr(state, k) * member for k in names), member.astype(float))
        tot = {k: sums.gather(stacked[i], key) for i, k in enumerate(names)}
        n = sums.gather(stacked[-1], key)
        e_bar = np.where(n > 0, tot["effort"] / np.maximum(n, 1.0), default_effort)
        n1 = n + out
        pad = np.maximum(0.0, FOUNDING_GROUP - n1)
        land = tot["land"] + state.land * out + pad * pad_mean["land"][:, None]
        lab = tot["lab"] + state.lab * out + pad * pad_mean["lab"][:, None]
        animals = tot["animals"] + state.animals * out + pad * pad_mean["animals"][:, None]
        persons = tot["persons"] + state.persons * out + pad * pad_mean["persons"][:, None]
        skill = (tot["skill"] + state.skill * out + pad * pad_mean["skill"][:, None]) / (n1 + pad)
        if f == HIGHER:
            animals = animals + state.collective_animals[:, None]
        n_all = n1 + pad
        y = coop_output(land, lab * e_bar, animals, skill, n_all, metering, p, tfp)
        tax, proc = take(y, persons, animals, 0.0)
        # lower co-ops rent members' animals and the owners go on feeding them ("privately owned,
        # publicly used", S25); a higher co-op owns and feeds its herd
        feed_pool = p.feed_per_animal * animals if f == HIGHER else 0.0
        own_feed = 0.0 if f == HIGHER else p.feed_per_animal * state.animals
        distributable = y * (keep - p.accumulation - p.welfare) - feed_pool - tax - (1.0 - p.state_price) * proc
        share_fund = np.where(out, p.share_fund * state.lab / 3.0, 0.0)
        share_fund = np.where(poor_fund[:, None] & (state.cls <= LOWER_MIDDLE), 0.0, share_fund)
        scale = state.lab / lab  # this household's share of points at the co-op's effort
        if f == LOWER:
            w = omega[:, None]
            rent_total = p.ox_rent * animals
            pool = distributable - rent_total
            land_div = w * pool * state.land / land
            points = (1.0 - w) * pool * scale
            rent = p.ox_rent * state.animals
            per_head = 0.0
            entry = 0.0
        else:
            land_div = 0.0
            points = (1.0 - p.rho) * distributable * scale
            per_head = p.rho * distributable * state.persons / persons
            years = p.instalment_years
            pv = instalment_value(p)
            price = valuation[:, None] * p.animal_value
            rent = np.where(out, price * state.animals / years * p.instalment_paid, np.minimum(state.owed, price / years))
            entry = np.where(out, p.animal_value * state.animals * np.maximum(0.0, 1.0 - valuation[:, None] * p.instalment_paid * pv) / years, 0.0)
        share = state.persons / persons
        parts["output"][..., f] = y * state.lab / lab
        parts["seed_feed"][..., f] = (y * p.seed_rate + feed_pool) * scale + own_feed
        parts["tax"][..., f] = tax * share
        parts["procurement"][..., f] = proc * share
        parts["sale_loss"][..., f] = (1.0 - p.state_price) * proc * share
        parts["land_dividend"][..., f] = land_div
        parts["work_points"][..., f] = points
        parts["per_head"][..., f] = per_head
        parts["share_fund"][..., f] = -share_fund
        parts["entry_loss"][..., f] = -entry
        parts["animal_rent"][..., f] = rent - own_feed
        parts["total"][..., f] = land_div + points + per_head + rent - own_feed - share_fund - entry
        size[..., f] = n1
        eff[..., f] = e_bar
    return Calculus(parts, size, eff, (True, True, True, higher_possible))


def _fill(parts, f, output, feed, tax, proc, p: Params, own, ox) -> None:
    parts["output"][..., f] = output
    parts["seed_feed"][..., f] = output * p.seed_rate + feed
    parts["tax"][..., f] = tax
    parts["procurement"][..., f] = proc
    parts["sale_loss"][..., f] = (1.0 - p.state_price) * proc
    parts["own_harvest"][..., f] = own - feed - tax - proc
    parts["ox_hire"][..., f] = ox
    # grain sold to the state comes back as money at the state price
    parts["total"][..., f] = own - feed - tax - (1.0 - p.state_price) * proc + ox
