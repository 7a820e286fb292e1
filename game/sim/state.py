"""The state of one or many villages: numpy arrays with a leading village axis.

``VillageState`` holds household arrays shaped (villages, households) and village arrays
shaped (villages,). ``initial_state`` draws a county from a scenario's class table with the
"init" stream; village 0 is the player's village and is the same whatever the county size.
Never imports textual and never reads files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields

import numpy as np

from game.sim.params import CLASSES, INDEPENDENT, TEAM, Params
from game.sim.rng import INIT_SEASON, stream

TEAM_SIZE = 7  # neighbours who can form a mutual-aid team (5-8 families, S57 S60)
COOP_SLOTS = 4  # lower co-ops a village can hold at once (about 25 households each in 1955, S1)
NO_COOP = -1


@dataclass
class VillageState:
    """Struct of arrays for a county of villages. ``t`` is the next season to run."""

    t: int
    seed: int
    # fixed household traits
    cls: np.ndarray
    persons: np.ndarray
    lab: np.ndarray
    skill: np.ndarray
    patience: np.ndarray
    threshold: np.ndarray
    vuln: np.ndarray
    group: np.ndarray  # (N,) neighbour group (mutual-aid team)
    # household stocks and dispositions
    land: np.ndarray
    animals: np.ndarray  # privately owned draught animals
    grain: np.ndarray  # jin in store
    cash: np.ndarray  # money, counted in jin of grain at the state price
    debt: np.ndarray  # jin owed on grain loans and unpaid share funds
    fund_loan: np.ndarray  # jin owed to the poor peasants' co-operation fund (repaid over years)
    form: np.ndarray  # int8: INDEPENDENT .. HIGHER
    coop: np.ndarray  # int8: which lower co-op of the village (0 .. COOP_SLOTS-1), NO_COOP if none
    plot: np.ndarray  # mu of private plot a member keeps (5% of the village's land per person, per person)
    effort: np.ndarray
    trust: np.ndarray
    grievance: np.ndarray
    exp_inside: np.ndarray  # expected yearly income inside the co-op, jin
    exp_outside: np.ndarray  # expected yearly income outside, jin
    hunger: np.ndarray  # 0..1, last season
    wants_out: np.ndarray  # bool
    owed: np.ndarray  # animal instalments still owed to the household, jin
    brought: np.ndarray  # animals the household brought into a higher co-op
    year_income: np.ndarray  # income received so far this farming year, jin
    last_income: np.ndarray  # income of the last farming year, jin
    standing: np.ndarray  # standing with neighbours and cadres (actions move it; 0 at the start)
    prep: np.ndarray  # output multiplier of the next harvest from slack-season field work
    share_paid: np.ndarray  # share-fund money paid into the co-op, jin
    # village arrays
    fund: np.ndarray  # co-op funds, jin
    collective_animals: np.ndarray
    irrigation: np.ndarray  # output multiplier from water works
    career: np.ndarray  # cadre standing with the county
    coercion: np.ndarray  # coercion used this season (0..1)
    unrest: np.ndarray
    chopped: np.ndarray  # households whose co-op the cadre dissolved in a contraction
    report_bias: np.ndarray  # assessed output multiplier that follows the secretary's last report
    work_team: np.ndarray  # seasons a county work team stays in the village
    draw_row: np.ndarray  # which row of each season's random draws the village takes (copies of one village share a row)
    # what happened last season: flows for ledgers and "why" views
    flows: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def villages(self) -> int:
        return self.cls.shape[0]

    @property
    def households(self) -> int:
        return self.cls.shape[1]

    def arrays(self) -> dict[str, np.ndarray]:
        """Every array of the state (flows included), by name."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), np.ndarray)}
        out.update({f"flows.{k}": v for k, v in self.flows.items()})
        return out

    def copy(self) -> "VillageState":
        kwargs = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                value = value.copy()
            elif isinstance(value, dict):
                value = {k: v.copy() for k, v in value.items()}
            kwargs[f.name] = value
        return VillageState(**kwargs)

    def copies(self, v: int, k: int) -> "VillageState":
        """``k`` copies of village ``v`` that take village v's draws every season: the same weather
        and luck, for what-if variants run side by side."""
        kwargs = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray) and value.ndim >= 1 and value.shape[0] == self.villages and f.name != "group":
                value = np.repeat(value[v:v + 1], k, axis=0)
            elif isinstance(value, np.ndarray):
                value = value.copy()
            elif isinstance(value, dict):
                value = {}
            kwargs[f.name] = value
        out = VillageState(**kwargs)
        out.draw_row = np.full(k, self.draw_row[v], np.int64)
        return out

    def village(self, v: int) -> "VillageState":
        """A one-village copy of village ``v`` (for previews: what-if calculations)."""
        kwargs = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray) and value.ndim >= 1 and value.shape[0] == self.villages and f.name != "group":
                value = value[v:v + 1].copy()
            elif isinstance(value, np.ndarray):
                value = value.copy()
            elif isinstance(value, dict):
                value = {}
            kwargs[f.name] = value
        return VillageState(**kwargs)

    def digest(self, village: int | None = None) -> str:
        """SHA-256 of every array (or of one village's slice), for save receipts."""
        h = hashlib.sha256()
        h.update(str(self.t).encode())
        for name, value in sorted(self.arrays().items()):
            if village is not None and value.ndim >= 1 and value.shape[0] == self.villages:
                value = value[village]
            h.update(name.encode())
            h.update(np.ascontiguousarray(value).tobytes())
        return h.hexdigest()


def initial_state(params: Params, seed: int, villages: int | None = None, first: int = 0) -> VillageState:
    """Draw a county of ``villages`` villages (default: the scenario's county size).

    Village v is drawn from its own stream, so it is the same whatever the county size;
    ``first`` starts the county at village ``first`` (used to run villages one at a time)."""
    V = params.county_villages if villages is None else int(villages)
    if V < 1:
        raise ValueError("a county needs at least one village")
    table = params.classes
    counts = table.households.astype(int)
    N = int(counts.sum())
    # one generator per village so that village v is the same whatever the county size
    uniform = np.empty((V, 5, N))
    gauss = np.empty((V, 6, N))
    for v in range(V):
        rng = stream(seed, INIT_SEASON, f"init/{first + v}")
        uniform[v, :3] = rng.random((3, N))
        gauss[v] = rng.standard_normal((6, N))
        # drawn after the older draws so that households keep their endowments
        uniform[v, 3:] = rng.random((2, N))

    base_cls = np.repeat(np.arange(len(CLASSES), dtype=np.int8), counts)
    order = np.argsort(uniform[:, 0], axis=1)  # where each household lives
    cls = base_cls[order]

    persons = np.maximum(1.0, np.round(table.persons[cls] + gauss[:, 0]))
    lab = np.clip(table.labour[cls] * (persons / table.persons[cls]) ** 0.5 + 0.25 * gauss[:, 1], 0.5, 4.5)
    land = np.maximum(2.0, table.land_per_person[cls] * persons * np.exp(params.land_noise * gauss[:, 2]))
    mean_animals = table.animals[cls]
    whole = np.floor(mean_animals)
    animals = whole + (uniform[:, 1] < (mean_animals - whole))
    skill = table.skill[cls] * np.exp(0.05 * gauss[:, 3])
    patience = np.clip(params.patience_mean + params.patience_sd * gauss[:, 4], 0.6, 0.97)
    threshold = np.clip(table.threshold[cls] + params.threshold_sd * gauss[:, 5], 0.0, 1.0)
    vuln = table.vulnerability[cls] * np.ones((V, N))
    stock_seasons = 0.6 + 0.4 * uniform[:, 2]

    idx = np.arange(N)
    group = (idx // TEAM_SIZE).astype(np.int64)
    form = _initial_teams(params, cls, group, uniform[:, 3], uniform[:, 4])
    land_per_person = land.sum(axis=1, keepdims=True) / persons.sum(axis=1, keepdims=True)
    state = VillageState(
        t=0,
        seed=int(seed),
        cls=cls,
        persons=persons,
        lab=lab,
        skill=skill,
        patience=patience,
        threshold=threshold,
        vuln=vuln,
        group=group,
        land=land,
        animals=animals.astype(np.float64),
        # the year starts in spring with what is left of last autumn's harvest
        grain=persons * params.ration / 4.0 * 2.0 * stock_seasons,
        cash=np.where(cls >= 2, 150.0, 30.0) * stock_seasons,
        debt=np.zeros((V, N)),
        fund_loan=np.zeros((V, N)),
        form=form,
        coop=np.full((V, N), NO_COOP, np.int8),
        plot=np.minimum(land, params.plot_share * land_per_person * persons),
        effort=np.ones((V, N)),
        trust=np.full((V, N), 0.6),
        grievance=np.zeros((V, N)),
        exp_inside=np.zeros((V, N)),
        exp_outside=np.zeros((V, N)),
        hunger=np.zeros((V, N)),
        wants_out=np.zeros((V, N), bool),
        owed=np.zeros((V, N)),
        brought=np.zeros((V, N)),
        year_income=np.zeros((V, N)),
        last_income=np.zeros((V, N)),
        standing=np.zeros((V, N)),
        prep=np.ones((V, N)),
        share_paid=np.zeros((V, N)),
        fund=np.zeros(V),
        collective_animals=np.zeros(V),
        irrigation=np.ones(V),
        career=np.zeros(V),
        coercion=np.zeros(V),
        unrest=np.zeros(V),
        chopped=np.zeros(V),
        report_bias=np.ones(V),
        work_team=np.zeros(V),
        draw_row=first + np.arange(V, dtype=np.int64),
    )
    return state


def _initial_teams(params: Params, cls: np.ndarray, group: np.ndarray, group_draw: np.ndarray,
                   join_draw: np.ndarray) -> np.ndarray:
    """Mutual-aid teams already at work in spring 1953: in the old liberated areas of the North
    more than 65% of households were organized by the end of 1952 (S44). A neighbour group has
    a team with the scenario's chance (drawn by its first household); within it a household takes
    part with its class's chance; a team of fewer than ``team_min`` households does not hold."""
    V, N = cls.shape
    first = np.searchsorted(group, np.arange(group.max() + 1))
    has_team = group_draw[:, first] < params.initial_team_groups  # (V, groups)
    joins = has_team[:, group] & (join_draw < np.asarray(params.initial_team_join)[cls])
    G = int(group.max()) + 1
    index = (group[None, :] + G * np.arange(V)[:, None]).ravel()
    counts = np.bincount(index, weights=joins.ravel().astype(float), minlength=V * G).reshape(V, G)
    joins &= counts[:, group] >= params.team_min
    return np.where(joins, TEAM, INDEPENDENT).astype(np.int8)
