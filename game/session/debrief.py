"""Choice or luck? The debrief of a finished (or stopped) game.

Two measurements, both batched on the model's village axis:

- **Your village against many.** The player's own choices, season by season (the household's
  wishes and choices, or the secretary's levers), are played again in ``villages`` other villages
  of another county: other weather, other neighbours, the same family (the character sheet fixes
  it). Where the game's ending falls among them, on every ending axis, is its percentile.
- **What each choice changed.** The player's own village is copied once per choice; in each copy
  that one choice is set to its default (what the season does when the player chooses nothing)
  and the copies take the village's own draws every season (the same weather and luck). The
  difference on each ending axis is that choice's effect; the pieces of luck (the weather of
  each harvest set to a normal year) are measured the same way. An unchanged copy reproduces the
  game exactly. The story's words are held as they were (its standing and the choices its scenes
  made count as the player's), so in a game where no scene was answered an effect is exactly what
  ``branch`` without that choice shows.

Never imports textual.
"""

from __future__ import annotations

import textwrap
import time
import zlib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from game.session.actions import Answer, SetLever
from game.session.game import ENUM_LEVERS, PLAYER_VILLAGE, Session
from game.session.narration import FORM_VERB
from game.session.names import apply_endowments, assign_characters
from game.session.views import AXES, ending_axes
from game.sim import HouseholdOverrides, initial_state, step
from game.sim.levers import Levers
from game.sim.params import ANIMAL_CHOICES, FORMS, HIGHER, LOWER, N_SEASONS, season_label
from game.sim.stages import GO_ALONG

COMPARISON_VILLAGES = 1000
HISTOGRAM_BINS = 10
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Distribution:
    """One ending axis over the comparison villages, and where the game falls."""

    axis: str
    label: str
    unit: str
    values: np.ndarray
    actual: float

    @property
    def percentile(self) -> float:
        """Share of the villages whose ending on this axis is no better than the game's (0-100)."""
        return float(100.0 * np.mean(self.values <= self.actual + 1e-9))

    def histogram(self, bins: int = HISTOGRAM_BINS) -> tuple[np.ndarray, np.ndarray]:
        low, high = float(min(self.values.min(), self.actual)), float(max(self.values.max(), self.actual))
        if high - low < 1e-9:
            high = low + 1.0
        return np.histogram(self.values, bins=bins, range=(low, high))

    def rows(self, bins: int = HISTOGRAM_BINS) -> list[tuple[str, int, bool]]:
        """The histogram as (label, villages, whether the game's own ending is in it) rows: one row
        a value where the axis takes few values (seasons fed), else one row a range."""
        distinct = np.unique(np.round(np.append(self.values, self.actual), 6))
        if len(distinct) <= bins:
            return [(amount(self.unit, x), int(np.sum(np.abs(self.values - x) < 1e-6)), abs(self.actual - x) < 1e-6)
                    for x in distinct]
        counts, edges = self.histogram(bins)
        you = min(int(np.searchsorted(edges, self.actual, side="right")) - 1, bins - 1)
        return [(f"{amount(self.unit, edges[i])} to {amount(self.unit, edges[i + 1])}", int(counts[i]), i == you)
                for i in range(bins)]


@dataclass(frozen=True)
class Effect:
    """What one choice (or one piece of luck) changed in the ending, axis by axis."""

    kind: str  # "choice" or "luck"
    season: int
    label: str
    deltas: dict[str, float]
    weight: float  # the size of the effect in spreads of the comparison (for ranking)
    branch_action: str | None = None  # the action ``hightide branch`` takes to play it the other way


@dataclass
class Debrief:
    role: str
    villages: int
    distributions: dict[str, Distribution]
    choices: list[Effect]
    luck: list[Effect]
    seconds: dict[str, float] = field(default_factory=dict)
    seasons: int = N_SEASONS  # seasons the game played (and the comparison replayed)

    def sentence(self) -> str:
        """One plain sentence on the comparison (the first axis that is a yes-or-no for the family)."""
        if self.role == "peasant":
            fed = self.distributions["fed_seasons"]
            n = int(np.sum(fed.values >= self.seasons - 1e-9))
            every = ("every season" if self.seasons == N_SEASONS else "the one season played" if self.seasons == 1
                     else f"every one of the {self.seasons} seasons played")
            return (f"In {n:,} of {self.villages:,} villages these choices would have fed the family in {every}; "
                    f"your family's wealth beat {self.distributions['wealth'].percentile:.0f}% of them.")
        career = self.distributions["career"]
        return (f"In {int(np.sum(self.distributions['coop_share'].values >= 0.9)):,} of {self.villages:,} villages "
                f"these policies would have put nine households in ten into co-ops; your standing with the county "
                f"beat {career.percentile:.0f}% of them.")

    def top(self, k: int = 5) -> list[Effect]:
        """The k decisions that moved the ending most (those that moved it at all)."""
        return sorted((e for e in self.choices if self.moved(e)), key=lambda e: -e.weight)[:k]

    def top_luck(self, k: int = 3) -> list[Effect]:
        return sorted((e for e in self.luck if self.moved(e)), key=lambda e: -e.weight)[:k]

    def moved(self, effect: Effect) -> bool:
        """Whether the effect shows on some axis in the units the debrief prints (a jin, a season,
        a point of a share, a tenth of standing)."""
        units = {name: unit for name, _, unit in AXES[self.role]}
        return any(abs(v) >= 0.5 * _resolution(units[k]) for k, v in effect.deltas.items())


# ------------------------------------------------------------------ the season's choices as arrays
@dataclass
class Plan:
    """Per season, one value per simulated village (the household's choices, or the levers)."""

    form: np.ndarray  # (16, V) int: wished form, -1 none
    effort: np.ndarray  # (16, V) float, nan none
    sideline: np.ndarray
    animals: np.ndarray  # (16, V) int, -1 none
    sell: np.ndarray
    hide: np.ndarray
    vote: np.ndarray  # (16, V) int: the wish for a meeting: 1 for, 0 against, -1 go along
    levers: dict[str, np.ndarray]  # name -> (16, V) values (nan / -1: the AI's)
    weather: np.ndarray  # (16, V) float, nan: the drawn weather

    @classmethod
    def from_session(cls, session: Session, villages: int) -> "Plan":
        T, V = N_SEASONS, villages
        plan = cls(np.full((T, V), -1, np.int64), np.full((T, V), np.nan), np.full((T, V), np.nan),
                   np.full((T, V), -1, np.int64), np.zeros((T, V)), np.zeros((T, V)), np.full((T, V), -1, np.int64),
                   {}, np.full((T, V), np.nan))
        for log in session.logs:
            t, c = log.t, log.choices
            if session.household is not None:
                plan.form[t] = FORMS.index(c["form"]) if c.get("form") else -1
                plan.effort[t] = np.nan if c.get("effort") is None else c["effort"]
                plan.sideline[t] = np.nan if c.get("sideline") is None else c["sideline"]
                plan.animals[t] = ANIMAL_CHOICES.index(c["animals"]) if c.get("animals") else -1
                plan.sell[t] = c.get("sell") or 0.0
                plan.hide[t] = c.get("hide") or 0.0
                plan.vote[t] = {None: -1, "higher": 1}.get(c.get("form"), 0) if c.get("form") in (None, "higher", "lower", "independent") else -1
            for name, value in c.get("levers", {}).items():
                if name not in plan.levers:
                    plan.levers[name] = np.full((T, V), np.nan)
                plan.levers[name][t] = _lever_number(name, value)
        return plan

    def column(self, v: int) -> "Plan":
        """A one-village copy of column v (for building variants)."""
        return Plan(self.form[:, v:v + 1].copy(), self.effort[:, v:v + 1].copy(), self.sideline[:, v:v + 1].copy(),
                    self.animals[:, v:v + 1].copy(), self.sell[:, v:v + 1].copy(), self.hide[:, v:v + 1].copy(),
                    self.vote[:, v:v + 1].copy(), {k: a[:, v:v + 1].copy() for k, a in self.levers.items()},
                    self.weather[:, v:v + 1].copy())


def _lever_number(name: str, value: object) -> float:
    if name in ENUM_LEVERS:
        return float(ENUM_LEVERS[name].index(value))
    return float(value)


def _stack(plans: list[Plan]) -> Plan:
    names = sorted({k for p in plans for k in p.levers})
    T = N_SEASONS

    def lever(p: Plan, k: str) -> np.ndarray:
        return p.levers.get(k, np.full((T, p.form.shape[1]), np.nan))

    return Plan(*(np.concatenate([getattr(p, f) for p in plans], axis=1)
                  for f in ("form", "effort", "sideline", "animals", "sell", "hide", "vote")),
                {k: np.concatenate([lever(p, k) for p in plans], axis=1) for k in names},
                np.concatenate([p.weather for p in plans], axis=1))


# ------------------------------------------------------------------ playing a plan
def play(session: Session, state, household: np.ndarray | None, plan: Plan, progress: Progress | None = None,
         span: tuple[float, float] = (0.0, 1.0)) -> dict[str, np.ndarray]:
    """Run ``state`` (villages on its village axis) through the seasons the game played, with
    ``plan``'s choices; returns every ending axis per village."""
    p = session.params
    V, N = state.villages, state.households
    ar = np.arange(V)
    seasons = len(session.logs)
    fed = np.zeros(V)
    worst_hungry = np.zeros(V)
    removed = np.zeros(V, bool)
    frozen: dict[str, np.ndarray] = {}
    for t in range(seasons):
        overrides = HouseholdOverrides.none(V, N)
        if household is not None:
            h = household
            current = state.form[ar, h]
            overrides.form[ar, h] = np.where(plan.form[t] >= 0, plan.form[t], current)
            overrides.animals[ar, h] = np.where(plan.animals[t] >= 0, plan.animals[t], 0)
            overrides.effort[ar, h] = plan.effort[t]
            overrides.sideline[ar, h] = plan.sideline[t]
            overrides.sell_grain[ar, h] = np.minimum(plan.sell[t], state.grain[ar, h])
            overrides.hide_grain[ar, h] = plan.hide[t]
            vote = np.where(plan.vote[t] >= 0, plan.vote[t], GO_ALONG)
            overrides.vote[ar, h] = np.where(current == LOWER, vote, -1).astype(np.int8)

        def policy(levers: Levers, _t: int, t=t) -> None:
            for name, values in plan.levers.items():
                column = values[t]
                if np.all(np.isnan(column)):
                    continue
                array = getattr(levers, name)
                setting = ~np.isnan(column)
                array[setting] = column[setting].astype(array.dtype)

        record = step(state, p, overrides=overrides, policy=policy if plan.levers else None, weather=plan.weather[t])
        if household is not None:
            fed += state.flows["eaten_per_person"][ar, household] >= p.survival
        else:
            live = ~removed
            worst_hungry = np.where(live, np.maximum(worst_hungry, record.indicators["hungry"]), worst_hungry)
            now_removed = live & (state.career <= p.removal_career)
            snapshot = {"coop_share": record.indicators["coop_share"], "trust": record.indicators["trust"],
                        "career": state.career.copy()}
            for k, value in snapshot.items():
                frozen[k] = np.where(now_removed, value, frozen.get(k, np.full(V, np.nan)))
            removed |= now_removed
        if progress is not None:
            progress(span[0] + (span[1] - span[0]) * (t + 1) / seasons, f"season {t + 1} of {seasons}")
    if household is not None:
        h = household
        land = np.where(state.form[ar, h] != HIGHER, state.land[ar, h], state.plot[ar, h])
        return {
            "wealth": state.grain[ar, h] + state.cash[ar, h] + state.share_paid[ar, h] - state.debt[ar, h] - state.fund_loan[ar, h],
            "fed_seasons": fed,
            "standing": state.standing[ar, h] + session.scene_standing,
            "assets": land * p.land_value + state.animals[ar, h] * p.animal_value + state.owed[ar, h],
        }
    last = {"coop_share": (state.form >= LOWER).mean(axis=1), "trust": state.trust.mean(axis=1), "career": state.career.copy()}
    out = {k: np.where(removed, frozen[k], last[k]) for k in last}
    out["fed"] = 1.0 - worst_hungry
    return out


# ------------------------------------------------------------------ the two measurements
def comparison_county(session: Session, villages: int):
    """Another county (another seed): the player's family in a household of its class in every village."""
    p = session.params
    seed = zlib.crc32(f"debrief/{session.setup.seed}".encode()) + 1
    state = initial_state(p, seed, villages)
    household = None
    if session.household is not None:
        character = next(cid for cid, i in session.characters.items() if i == session.household)
        household = np.zeros(villages, np.int64)
        characters = session.bundle.households()
        for v in range(villages):  # set-up only: which household the family takes in each village
            assigned = assign_characters(state.cls[v], characters, state.animals[v], state.persons[v], p.classes.persons)
            apply_endowments(state, v, characters, assigned, p.ration, p.classes.skill)
            household[v] = assigned[character]
    return state, household


def compare(session: Session, villages: int = COMPARISON_VILLAGES, progress: Progress | None = None) -> dict[str, Distribution]:
    state, household = comparison_county(session, villages)
    plan = _stack([Plan.from_session(session, 1)] * villages)
    axes = play(session, state, household, plan, progress, (0.0, 0.8))
    actual = ending_axes(session)
    return {name: Distribution(name, label, unit, axes[name], actual[name]) for name, label, unit in AXES[session.setup.role]}


def choices_of(session: Session) -> list[tuple[int, str, str, Callable[[Plan], None], str | None]]:
    """Every choice the player made: (season, kind, words, how to default it in a one-village plan,
    the action that plays it the other way with ``branch``)."""
    out = []
    for log in session.logs:
        t, c = log.t, log.choices
        if session.household is not None:
            if c.get("form"):
                out.append((t, "form", f"chose to {FORM_VERB[c['form']]}", lambda p, t=t: (p.form.__setitem__((t, 0), -1),
                                                                                 p.vote.__setitem__((t, 0), -1)), "clear form"))
            if c.get("effort") is not None:
                out.append((t, "effort", f"worked at {c['effort']:.0%} effort", lambda p, t=t: p.effort.__setitem__((t, 0), np.nan),
                            "clear effort"))
            if c.get("sideline") is not None and t % 4 in (0, 3):
                out.append((t, "sideline", f"put {c['sideline']:.0%} of the slack season into sidelines",
                            lambda p, t=t: p.sideline.__setitem__((t, 0), np.nan), "clear sideline"))
            if c.get("animals") and c["animals"] != "keep":
                out.append((t, "animals", f"chose to {c['animals']} the animal", lambda p, t=t: p.animals.__setitem__((t, 0), -1),
                            "clear animals"))
            if c.get("sell"):
                out.append((t, "sell", f"sold {c['sell']:.0f} jin extra", lambda p, t=t: p.sell.__setitem__((t, 0), 0.0), "clear sell"))
            if c.get("hide"):
                out.append((t, "hide", f"hid {c['hide']:.0f} jin", lambda p, t=t: p.hide.__setitem__((t, 0), 0.0), "clear hide"))
        decided = c.get("set")
        for name, value in c.get("levers", {}).items():
            if decided is not None and name not in decided:
                continue  # carried from an earlier season: that season's decision
            until = _carried_until(session, t, name)
            out.append((t, name, SetLever(name, value).describe(),
                        lambda p, t=t, until=until, name=name: p.levers[name].__setitem__((slice(t, until), 0), np.nan),
                        f"clear {name}"))
    return out


def _carried_until(session: Session, t: int, name: str) -> int:
    """The season after the last one that carried the lever decided in season t (a policy stands until changed)."""
    end = t + 1
    for log in session.logs[t + 1:]:
        decided = log.choices.get("set")
        if decided is None or name in decided or name not in log.choices.get("levers", {}):
            break
        end = log.t + 1
    return end


def attribute(session: Session, scales: dict[str, float] | None = None,
              progress: Progress | None = None) -> tuple[list[Effect], list[Effect], dict[str, float]]:
    """The effect of every choice and of the weather of every harvest, under the game's own luck.
    Returns (choices, luck, the unchanged copy's ending: it must equal the game's)."""
    start = Session(session.setup, session.assets)
    state0 = start.state
    base = Plan.from_session(session, 1)
    listed = choices_of(session)
    plans = [base.column(0)]
    for _, _, _, default, _ in listed:
        variant = base.column(0)
        default(variant)
        plans.append(variant)
    harvests = [log.t for log in session.logs if session.params.harvest_share[log.t % 4] > 0]
    for t in harvests:
        variant = base.column(0)
        variant.weather[t, 0] = 1.0
        plans.append(variant)
    state = state0.copies(PLAYER_VILLAGE, len(plans))
    household = None if session.household is None else np.full(len(plans), session.household, np.int64)
    axes = play(session, state, household, _stack(plans), progress, (0.8, 1.0))
    names = [name for name, _, _ in AXES[session.setup.role]]
    baseline = {k: float(axes[k][0]) for k in names}
    scales = scales or {k: max(float(np.std(axes[k])), 1e-9) for k in names}

    def effect(i: int) -> dict[str, float]:
        # the game's ending minus the ending without this choice (or with a normal harvest)
        return {k: baseline[k] - float(axes[k][i]) for k in names}

    def weight(d: dict[str, float]) -> float:
        return float(sum(abs(v) / max(scales.get(k, 1.0), 1e-9) for k, v in d.items()))

    choices = []
    for i, (t, kind, words, _, action) in enumerate(listed, start=1):
        d = effect(i)
        choices.append(Effect("choice", t, f"{season_label(t)}: {words}", d, weight(d), action))
    luck = []
    for j, t in enumerate(harvests, start=1 + len(listed)):
        d = effect(j)
        luck.append(Effect("luck", t, f"{season_label(t)}: the weather of the harvest", d, weight(d)))
    return choices, luck, baseline


_CACHE: dict[tuple, Debrief] = {}
_CACHE_SIZE = 64


def debrief(session: Session, villages: int = COMPARISON_VILLAGES, progress: Progress | None = None) -> Debrief:
    """Both measurements, timed. A game measured before in this process (the same setup and the
    same actions: a report and the class table of one save) is not measured twice. Answers to an
    assignment's questions change nothing that is measured, so a final question answered after
    the epilogue's debrief does not make the hand-in report measure the game again."""
    key = (session.setup, tuple(a for a in session.actions if not isinstance(a[1], Answer)), len(session.logs),
           session.content_hash, villages)
    if key in _CACHE:
        if progress is not None:
            progress(1.0, "done")
        return _CACHE[key]
    result = _measure(session, villages, progress)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = result
    return result


def _measure(session: Session, villages: int, progress: Progress | None) -> Debrief:
    t0 = time.perf_counter()
    distributions = compare(session, villages, progress)
    t1 = time.perf_counter()
    scales = {k: max(float(np.std(d.values)), 1e-9) for k, d in distributions.items()}
    choices, luck, _ = attribute(session, scales, progress)
    t2 = time.perf_counter()
    return Debrief(session.setup.role, villages, distributions, choices, luck,
                   {"comparison": t1 - t0, "attribution": t2 - t1, "total": t2 - t0}, len(session.logs))


# ------------------------------------------------------------------ how the debrief reads
SHORT = {"wealth": "wealth", "fed_seasons": "seasons fed", "standing": "standing", "assets": "land and animals",
         "fed": "fed in the worst season", "coop_share": "in co-ops", "trust": "trust", "career": "standing with the county"}


def amount(unit: str, value: float, signed: bool = False) -> str:
    """A value of an ending axis in its unit: '1,240 jin', '15 seasons', '62%', '+3.5'."""
    sign = "+" if signed else ""
    if unit == "jin":
        value = float(round(value)) or 0.0  # never '-0 jin'
    if unit == "share":
        if not signed:
            return f"{100 * value:.0f}%"
        return f"{100 * value:+.0f} point{'' if abs(round(100 * value)) == 1 else 's'}"
    if unit == "jin":
        return f"{value:{sign},.0f} jin"
    if unit == "seasons":
        return f"{value:{sign}.0f} season{'' if abs(round(value)) == 1 else 's'}"
    return f"{value:{sign}.1f}"


def effect_words(effect: Effect, role: str, axes: int = 3) -> str:
    """The effect's largest changes in words: 'wealth +240 jin, standing -2.0'."""
    units = {name: unit for name, _, unit in AXES[role]}
    parts = []
    for name, value in sorted(effect.deltas.items(), key=lambda kv: -abs(kv[1]) / _scale(units[kv[0]])):
        if abs(value) < 0.5 * _resolution(units[name]):
            continue
        parts.append(f"{SHORT[name]} {amount(units[name], value, signed=True)}")
    return ", ".join(parts[:axes]) if parts else "no change on any axis"


def _resolution(unit: str) -> float:
    return {"share": 0.01, "jin": 1.0, "seasons": 1.0}.get(unit, 0.1)


def _scale(unit: str) -> float:
    return {"share": 0.05, "jin": 100.0, "seasons": 1.0}.get(unit, 1.0)


def choice_share(result: Debrief) -> float:
    """Of everything measured (each choice and each harvest's weather, one at a time), the part
    that was the player's choices (0-1)."""
    mine = sum(e.weight for e in result.choices)
    luck = sum(e.weight for e in result.luck)
    return mine / (mine + luck) if mine + luck > 0 else 0.0


def text_bars(dist: Distribution, width: int = 78, bins: int = 8) -> list[str]:
    """A histogram as text: one row a bin, the bar's length the number of villages, the
    game's own bin marked."""
    rows = dist.rows(bins)
    left = max(len(label) for label, _, _ in rows)
    count = max(len(f"{n:,}") for _, n, _ in rows)
    room = max(width - left - count - len("   |  ") - len("  <- you") - 1, 8)
    top = max(max(n for _, n, _ in rows), 1)
    out = []
    for label, n, you in rows:
        bar = "#" * int(round(room * n / top))
        out.append(f"  {label:>{left}} | {bar}{' ' if bar else ''}{n:,}{'  <- you' if you else ''}")
    return out


def lines(result: Debrief, width: int = 78, save: str = "SAVE") -> list[str]:
    """The whole debrief as plain lines (line mode's ``compare`` and the text report)."""
    out = [f"Choice or luck? Your choices played again in {result.villages:,} other villages "
           "(other weather, other neighbours)", result.sentence(), ""]
    for dist in result.distributions.values():
        out.append(f"{dist.label[:1].upper()}{dist.label[1:]} - yours {amount(dist.unit, dist.actual)}, "
                   f"as good as or better than {dist.percentile:.0f}% of the villages:")
        out += text_bars(dist, width)
        out.append("")
    out.append("What each of your decisions changed: the same game with that one decision left to its default, "
               "under the same weather and luck (your ending minus that game's):")
    top = result.top()
    if not top:
        out.append("  None of your decisions changed the ending; the season's defaults would have done the same.")
    for i, e in enumerate(top, start=1):
        out.append(f"  {i}. {e.label} - {effect_words(e, result.role)}")
        if e.branch_action:
            season = season_label(e.season).lower()
            out.append(f"     to play it without: hightide branch {save} --season '{season}' --action '{e.branch_action}'")
    out.append("The largest pieces of luck (your ending minus the same game with a normal harvest):")
    for e in result.top_luck():
        out.append(f"  - {e.label} - {effect_words(e, result.role)}")
    share = choice_share(result)
    out.append(f"Measured one at a time, {share:.0%} of what moved your ending was your own decisions "
               f"and {1 - share:.0%} the weather of the harvests.")
    wrapped = []
    for line in out:
        if "hightide branch" in line:  # a command to copy: never broken
            wrapped.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip()))
        wrapped += textwrap.wrap(line, width, subsequent_indent=indent + ("   " if line.lstrip()[:2] in ("1.", "2.", "3.", "4.", "5.", "- ") else ""),
                                 break_on_hyphens=False) or [""]
    return wrapped


def svg(dist: Distribution, width: int = 360, height: int = 120, bins: int = HISTOGRAM_BINS) -> str:
    """A small inline SVG histogram for the HTML report, the bar that holds the game's own ending
    marked and labelled."""
    rows = dist.rows(bins)
    pad, base = 8, height - 28
    top = max(max(n for _, n, _ in rows), 1)
    bar_w = (width - 2 * pad) / len(rows)
    parts = []
    you_x = pad
    for i, (label, n, you) in enumerate(rows):
        h = (base - pad) * n / top
        x = pad + i * bar_w
        if you:
            you_x = x + bar_w / 2
        parts.append(f'<rect x="{x + 1:.1f}" y="{base - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                     f'fill="{"#c0504d" if you else "#8aa4c8"}"><title>{_esc(label)}: {n:,} '
                     f'village{"" if n == 1 else "s"}</title></rect>')
    title = (f"{dist.label}: your ending {amount(dist.unit, dist.actual)}, as good as or better than "
             f"{dist.percentile:.0f}% of {len(dist.values):,} villages")
    first, last = rows[0][0].split(" to ")[0], rows[-1][0].split(" to ")[-1]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="{_attr(title)}"><title>{_esc(title)}</title>'
            + "".join(parts)
            + f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}" stroke="#444"/>'
            + f'<text x="{min(max(you_x, 40), width - 40):.1f}" y="{base + 13}" text-anchor="middle" font-size="11" '
              f'fill="#c0504d">you: {_esc(amount(dist.unit, dist.actual))}</text>'
            + f'<text x="{pad}" y="{height - 2}" font-size="10" fill="#444">{_esc(first)}</text>'
            + f'<text x="{width - pad}" y="{height - 2}" font-size="10" fill="#444" text-anchor="end">{_esc(last)}</text>'
            + '</svg>')


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;")


def to_json(result: Debrief) -> dict:
    """The debrief as plain data (``hightide report --format json``, class tables)."""
    return {
        "villages": result.villages, "sentence": result.sentence(), "choice_share": round(choice_share(result), 4),
        "percentiles": {k: round(d.percentile, 1) for k, d in result.distributions.items()},
        "top": [{"season": season_label(e.season), "decision": e.label, "effect": e.deltas,
                 "words": effect_words(e, result.role), "branch": e.branch_action} for e in result.top()],
        "luck": [{"season": season_label(e.season), "what": e.label, "effect": e.deltas,
                  "words": effect_words(e, result.role)} for e in result.top_luck()],
    }
