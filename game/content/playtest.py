"""Automatic play-testing of content, in the spirit of ChoiceScript's quicktest/randomtest.

``quicktest`` evaluates every scene and event in many synthetic situations (values drawn
from each name's range and from the constants the conditions compare against, flags on and
off) and tries every choice, reporting choices that never open and scenes that can strand
the player. ``randomtest`` plays a few hundred random games per role, season by season,
accumulating flags and simple state from the effects, and reports coverage and any runtime
error. Deterministic (seeded). Never imports textual.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field

from game.content.bundle import ContentBundle
from game.content.errors import ContentError, Problem
from game.content.expr import Binary, Const, Name, walk
from game.content.model import Event, Passage, Scene
from game.content.names import (
    FORMS,
    HOUSEHOLD_CLASSES,
    LAST_T,
    NAMES,
    ROLES,
    TEXT_VARIABLES,
    season_of,
)
from game.content.runner import (
    Situation,
    available_choices,
    choose,
    render,
    season_events,
    season_scenes,
)
from game.content.structure import next_graph
from game.sim.params import DIRECTIVE_SEASON

MAX_CHAIN = 30
VARIABLES: dict[str, object] = {name: 1 for name in TEXT_VARIABLES}


@dataclass
class PlayReport:
    """Findings and coverage of a play-test."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    passages_reached: set[str] = field(default_factory=set)
    choices_reached: set[tuple[str, int]] = field(default_factory=set)
    games: int = 0
    known: set[tuple[str, str]] = field(default_factory=set)
    """(file, message) of errors already reported by the static checks: not repeated."""

    def error(self, error: ContentError, passage: Passage) -> None:
        problem = Problem(error.file or passage.file, error.line or passage.line, error.message)
        if (problem.file, problem.message) in self.known:
            return
        if problem not in self.errors:
            self.errors.append(problem)


def _candidates(passage: Passage) -> dict[str, list[object]]:
    """Values worth trying for each condition name: ends, middle, and thresholds ± a step."""
    out: dict[str, list[object]] = {}
    for name, spec in NAMES.items():
        if spec.type == "bool":
            out[name] = [False, True]
        elif spec.type == "str":
            out[name] = list(spec.values)
        else:
            out[name] = [spec.low, spec.high, (spec.low + spec.high) / 2]
    conditions = [c.when for c in passage.choices]
    conditions.append(passage.when if isinstance(passage, Scene) else passage.trigger)
    for condition in conditions:
        if condition is None:
            continue
        for node in walk(condition.tree):
            if not isinstance(node, Binary):
                continue
            for a, b in ((node.left, node.right), (node.right, node.left)):
                if isinstance(a, Name) and isinstance(b, Const) and NAMES[a.name].type == "num":
                    spec = NAMES[a.name]
                    step = 1 if spec.integer else max((spec.high - spec.low) / 100, 0.001)
                    value = float(b.value)  # type: ignore[arg-type]
                    out[a.name] += [value - step, value, value + step]
    for name, spec in NAMES.items():
        if spec.type == "num":  # stay inside the name's range: no impossible situations
            numbers = [float(v) for v in out[name]]  # type: ignore[arg-type]
            kept = {min(spec.high, max(spec.low, v)) for v in numbers}
            out[name] = sorted({int(round(v)) for v in kept} if spec.integer else kept)
    return out


def _dates(bundle: ContentBundle) -> dict[str, set[int]]:
    """Season indexes at which each scene can run (inherited along ``next`` for undated ones)."""
    dates: dict[str, set[int]] = {}
    for scene in bundle.scenes:
        dates[scene.id] = {scene.t} if scene.t is not None else set()
    for event in bundle.events:
        low = event.start if event.start is not None else 0
        high = event.end if event.end is not None else LAST_T
        dates[event.id] = set(range(low, high + 1))
    graph = next_graph(bundle)
    changed = True
    while changed:
        changed = False
        for source, targets in graph.items():
            for target in targets:
                if not dates[source] <= dates[target]:
                    dates[target] |= dates[source]
                    changed = True
    return dates


SAMPLE_BUDGET = 60_000  # situations evaluated by quicktest in all (the game's content needs ~27,000)


def quicktest(bundle: ContentBundle, samples: int = 160,
              known: set[tuple[str, str]] | None = None) -> PlayReport:
    """Evaluate every scene and event in synthetic situations and try every choice.

    ``known`` holds (file, message) of errors already reported, so they are not repeated."""
    report = PlayReport(known=known or set())
    dates = _dates(bundle)
    passages = (*bundle.scenes, *bundle.events)
    # a bound on the whole check: a hostile folder of thousands of scenes gets fewer samples each
    samples = max(8, min(samples, SAMPLE_BUDGET // max(len(passages), 1)))
    for passage in passages:
        rng = random.Random(zlib.crc32(passage.id.encode()))
        candidates = _candidates(passage)
        flag_names = sorted({f for c in _conditions(passage) for f in c.calls("flag")})
        seen_ids = sorted({s for c in _conditions(passage) for s in c.calls("seen")})
        times = sorted(dates.get(passage.id) or range(LAST_T + 1))
        roles = ROLES if passage.role == "any" else (passage.role,)
        runs = stranded = 0
        example = ""
        opened: set[int] = set()
        for k in range(samples):
            values = {name: rng.choice(options) for name, options in candidates.items()}
            t = rng.choice(times)
            values["t"] = t
            values["year"], values["season"] = season_of(t)
            values["directive"] = t >= DIRECTIVE_SEASON if k % 4 else values["directive"]
            values["role"] = rng.choice(roles)
            flags = frozenset(f for f in flag_names if k % 3 == 0 or rng.random() < 0.5)
            seen = frozenset(s for s in seen_ids if k % 5 == 0 or rng.random() < 0.5)
            situation = Situation(values, flags, seen)
            try:
                condition = passage.when if isinstance(passage, Scene) else passage.trigger
                if not situation.holds(condition, passage):
                    continue
                runs += 1
                render(passage.text, VARIABLES)
                open_now = available_choices(passage, situation)
                if not open_now:
                    stranded += 1
                    example = example or _describe(values, flags)
                for index in open_now:
                    if index not in opened:
                        opened.add(index)
                        choose(bundle, passage, index, situation, VARIABLES)
            except ContentError as error:
                report.error(error, passage)
                break
        kind = "scene" if isinstance(passage, Scene) else "event"
        if runs == 0:
            report.warnings.append(Problem(passage.file, passage.line,
                                           f"quicktest: {kind} '{passage.id}' never ran in "
                                           f"{samples} synthetic situations"))
            continue
        report.passages_reached.add(passage.id)
        report.choices_reached |= {(passage.id, i) for i in opened}
        if not opened:
            report.errors.append(Problem(passage.file, passage.line,
                                         f"dead end: no choice of '{passage.id}' is ever "
                                         "available"))
            continue
        if stranded:
            report.warnings.append(Problem(passage.file, passage.line,
                                           f"quicktest: '{passage.id}' offers no choice in "
                                           f"{stranded} of {runs} situations, e.g. {example}"))
        for i, choice in enumerate(passage.choices):
            if i not in opened:
                report.warnings.append(Problem(passage.file, choice.line,
                                               f"quicktest: choice '{choice.label}' of "
                                               f"'{passage.id}' was never available"))
    return report


def _conditions(passage: Passage):
    head = passage.when if isinstance(passage, Scene) else passage.trigger
    return [c for c in (head, *(ch.when for ch in passage.choices)) if c is not None]


def _describe(values: dict[str, object], flags: frozenset[str]) -> str:
    keys = ("form", "household_class", "standing", "family_grain", "t")
    shown = ", ".join(f"{k}={values[k]!r}" for k in keys)
    return f"{shown}, flags={sorted(flags)}"


class _Game:
    """One random game's state: the few things effects change, plus random draws."""

    def __init__(self, role: str, rng: random.Random) -> None:
        self.role = role
        self.rng = rng
        self.household_class = rng.choice(HOUSEHOLD_CLASSES)
        self.form = "independent"
        self.standing = 0
        self.animals = rng.choice((0, 0, 1, 1, 2))
        self.flags: set[str] = set()
        self.seen: set[str] = set()
        self.fired: set[str] = set()

    def values(self, t: int) -> dict[str, object]:
        rng = self.rng
        year, season = season_of(t)
        directive = t >= DIRECTIVE_SEASON
        coop = min(1.0, rng.uniform(0, 0.05 + 0.03 * t) if not directive
                   else rng.uniform(0.3, 1.0))
        if self.role == "peasant" and rng.random() < (0.35 if directive else 0.08):
            self.form = FORMS[min(FORMS.index(self.form) + 1, len(FORMS) - 1)]
        return {
            "role": self.role, "year": year, "season": season, "t": t,
            "household_class": self.household_class, "form": self.form,
            "family_grain": rng.uniform(0, 4000), "grain_per_person": rng.uniform(250, 600),
            "animals": self.animals, "hungry": rng.random() < 0.25, "standing": self.standing,
            "trust": rng.random(), "coop_share": coop,
            "higher_share": coop * (rng.random() if t >= 11 else 0.0),
            "bad_harvest": (weather := rng.random()) < 0.2, "good_harvest": weather > 0.8,
            "procurement": rng.uniform(0, 3000), "directive": directive,
            "exit_open": rng.random() * (0.3 if directive else 1.0),
            "pressure": rng.uniform(0.5, 1.0) if directive else rng.uniform(0, 0.5),
            "career": rng.uniform(-5, 5), "wants_out": rng.random() < 0.2,
            "quota": rng.uniform(0.1, 0.3) if not directive else rng.uniform(0.6, 1.0),
        }

    def apply(self, effects) -> None:
        for effect in effects:
            if effect.name == "flag":
                self.flags.add(str(effect.args[0]))
            elif effect.name == "standing":
                self.standing = max(-10, min(10, self.standing + int(effect.args[0])))
            elif effect.name == "join":
                self.form = str(effect.args[0])
            elif effect.name == "leave":
                self.form = "independent"
            elif effect.name == "animals" and effect.args[0] != "keep":
                self.animals = 0


def randomtest(bundle: ContentBundle, games: int = 150, seed: int = 1953,
               known: set[tuple[str, str]] | None = None) -> PlayReport:
    """Play ``games`` random games per role through all 16 seasons; collect errors, coverage."""
    report = PlayReport(known=known or set())
    stranded: set[str] = set()
    for role in ROLES:
        for g in range(games):
            game = _Game(role, random.Random(seed * 100003 + g * 2 + ROLES.index(role)))
            report.games += 1
            for t in range(LAST_T + 1):
                values = game.values(t)
                try:
                    queue: list[Passage] = list(season_scenes(
                        bundle, Situation(values, frozenset(game.flags), frozenset(game.seen))))
                    queue += season_events(bundle, Situation(
                        values, frozenset(game.flags), frozenset(game.seen),
                        frozenset(game.fired)))
                except ContentError as error:
                    report.errors.append(Problem.from_error(error))
                    continue
                for passage in queue:
                    _play_chain(bundle, game, values, passage, report, stranded)
    return report


def _play_chain(bundle: ContentBundle, game: _Game, values: dict[str, object],
                passage: Passage, report: PlayReport, stranded: set[str]) -> None:
    current: Passage | None = passage
    steps = 0
    while current is not None:
        steps += 1
        if steps > MAX_CHAIN:
            report.error(ContentError(f"next chain from '{passage.id}' did not end after "
                                      f"{MAX_CHAIN} scenes"), passage)
            return
        report.passages_reached.add(current.id)
        game.seen.add(current.id)
        if isinstance(current, Event):
            game.fired.add(current.id)
        situation = Situation(values, frozenset(game.flags), frozenset(game.seen))
        try:
            open_now = available_choices(current, situation)
            if not open_now:
                if current.id not in stranded:
                    stranded.add(current.id)
                    report.warnings.append(Problem(
                        current.file, current.line,
                        f"randomtest: '{current.id}' offered no choice (t={values['t']}, "
                        f"form={values['form']!r}, flags={sorted(game.flags)[:6]})"))
                return
            index = game.rng.choice(open_now)
            report.choices_reached.add((current.id, index))
            outcome = choose(bundle, current, index, situation, VARIABLES)
        except ContentError as error:
            report.error(error, current)
            return
        game.apply(outcome.effects)
        current = outcome.next
