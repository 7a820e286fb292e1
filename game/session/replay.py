"""Replaying saved games: step through a save season by season, branch from any season with
one decision changed (the same weather and luck: every random draw is keyed by seed, season
and stream), and compare two games. Never imports textual.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from game.session.actions import (Action, ActionError, AnimalChoice, ChooseScene, ClearChoice, EndSeason,
                                  HideGrain, SellGrain, SetEffort, SetForm, SetLever, SetSideline)
from game.session.game import Session
from game.session.saves import SaveError, list_saves, load, read, start, verify
from game.sim.params import N_SEASONS, season_label


class Replay:
    """A verified save opened for stepping through and branching."""

    def __init__(self, path: Path, assets: Path | None = None):
        self.path = Path(path)
        self.assets = assets
        verdict = verify(self.path, assets)
        if not verdict.ok:
            raise SaveError(verdict.message)
        self.save_file = read(self.path)
        self.final: Session = verdict.session
        self.seasons = len(self.final.digests)

    def actions_in(self, t: int) -> list[Action]:
        """The actions recorded in season t (without the closing EndSeason)."""
        return [a for season, a in self.save_file.actions if season == t and not isinstance(a, EndSeason)]

    def session_at(self, t: int, origin: str | None = None) -> Session:
        """A session at the start of season t, with every earlier season replayed (with
        ``origin``, marked as a branch: the same game id and chain, never an original)."""
        if not 0 <= t <= self.seasons:
            raise ActionError(f"this save has seasons 0 to {self.seasons}")
        save_file = self.save_file
        if origin is not None:
            save_file = replace(save_file, setup=replace(save_file.setup, origin=origin))
        session = start(save_file, self.path.name, self.assets)
        session.replay([(s, a) for s, a in self.save_file.actions if s < t])
        return session

    def origin(self, t: int) -> str:
        """The mark a branch of this game at season t carries (``GameSetup.origin``)."""
        return f"branch:{self.save_file.setup.game_id or 'unknown'}:{t}"

    def branch(self, t: int, player: str | None = None) -> Session:
        """A new game that takes over at season t: same setup, the actions before t replayed,
        marked as a branch so that a class table never counts it as a student's game."""
        session = self.session_at(t, self.origin(t))
        session.setup = replace(session.setup, player=player or f"{session.setup.player} (branch from {season_label(t)})")
        return session

    def branch_with(self, t: int, change: Action) -> tuple[Session, list[str]]:
        """The whole game again with one decision of season t changed; later recorded actions
        are replayed where they are still legal. Returns the session (marked as a branch) and
        what was skipped."""
        session = self.session_at(t, self.origin(t))
        recorded = self.actions_in(t)
        replaced = False
        skipped: list[str] = []
        plan: list[tuple[int, Action]] = []
        for action in recorded:
            if _same_decision(action, change):
                # the season's decision is the last one taken: the change replaces all of them
                if not replaced:
                    plan.append((t, change))
                    replaced = True
            else:
                plan.append((t, action))
        if not replaced:
            plan.append((t, change))
        plan += [(s, a) for s, a in self.save_file.actions if s == t and isinstance(a, EndSeason)]
        plan += [(s, a) for s, a in self.save_file.actions if s > t]
        for season, action in plan:
            while session.t < season and not session.finished and season < N_SEASONS:
                session.apply(EndSeason())
            try:
                session.apply(action)
            except ActionError as error:
                if action is change:
                    raise ActionError(f"'{change.describe()}' is not possible in {season_label(t)}: {error}") from None
                skipped.append(f"{season_label(season) if season < N_SEASONS else 'Epilogue'}: {action.describe()} ({error})")
        return session, skipped


def _first_season(actions: list) -> list:
    return [(s, a) for s, a in actions if s == 0]


def find_branch(replay: Replay, folder: Path) -> tuple[Session, str] | None:
    """The newest save in ``folder`` that is a branch of the replayed game (or the game it was
    branched from): the same scenario, role, seed, household and county and the same first
    season, with different actions. Returns the game and a label, or None."""
    mine = replay.save_file
    key = (mine.setup.scenario, mine.setup.role, mine.setup.seed, mine.setup.household, mine.setup.county)
    first = _first_season(mine.actions)
    for path in list_saves(folder):
        if path.resolve() == replay.path.resolve():
            continue
        try:
            other = read(path)
        except SaveError:
            continue
        if (other.setup.scenario, other.setup.role, other.setup.seed, other.setup.household, other.setup.county) != key:
            continue
        if other.content_hash != mine.content_hash or other.actions == mine.actions or not first:
            continue
        if _first_season(other.actions) != first:
            continue
        try:
            return load(path, replay.assets), other.setup.player or path.stem
        except SaveError:
            continue
    return None


# which recorded action a ClearChoice of each kind takes back
CLEARS: dict[str, type[Action]] = {"form": SetForm, "effort": SetEffort, "sideline": SetSideline,
                                   "animals": AnimalChoice, "sell": SellGrain, "hide": HideGrain}


def _same_decision(a: Action, b: Action) -> bool:
    """Whether recorded action ``a`` is the decision that ``b`` changes."""
    if isinstance(b, ClearChoice):
        if b.what in CLEARS:
            return isinstance(a, CLEARS[b.what])
        return isinstance(a, SetLever) and a.name == b.what
    if type(a) is not type(b):
        return False
    if isinstance(a, SetLever):
        return a.name == b.name
    if isinstance(a, ChooseScene):
        return a.scene == b.scene
    return True


# the indicators the terminal's compare screen shows (game.ui.screens.compare), with their formats
COMPARE_ROWS = (
    ("coop_share", "in co-ops", "{:.0%}"), ("higher_share", "higher co-op", "{:.0%}"),
    ("grain_output", "harvest (jin)", "{:,.0f}"), ("grain_per_person", "eaten (jin/head/yr)", "{:,.0f}"),
    ("animals", "draught animals", "{:.0f}"), ("trust", "trust", "{:.0%}"), ("want_to_leave", "want to leave", "{:.0%}"),
    ("career", "cadre standing", "{:+.0f}"),
)

# (key, heading, format, where): "village" reads the village's indicators; "household" the
# player's household (peasant games only); "career" the cadre's standing (cadre games only)
VILLAGE_ROWS = (
    ("coop_share", "in co-ops", "{:.0%}"), ("higher_share", "higher co-op", "{:.0%}"),
    ("grain_output", "harvest kjin", "{:,.0f}"), ("grain_per_person", "eaten jin/hd", "{:,.0f}"),
    ("animals", "animals", "{:.0f}"), ("trust", "trust", "{:.0%}"), ("want_to_leave", "want out", "{:.0%}"),
)
WIDTH = 100  # characters of a comparison line
CELL = 6  # characters of one game's value in a cell


def _name(label: str, width: int) -> str:
    return label if len(label) <= width else label[:width - 1] + "."


def _columns(a: Session, b: Session) -> list[tuple[str, callable]]:
    """The columns that fit the two games' roles, each (heading, value of a season log or None)."""
    from game.sim.params import FORMS

    short = {"independent": "alone", "team": "team", "lower": "lower", "higher": "high"}
    cols: list[tuple[str, callable]] = []
    peasants = a.household is not None and b.household is not None
    cadres = a.setup.role == b.setup.role == "cadre"
    if peasants:
        cols.append(("family in", lambda s, log: short[FORMS[int(log.forms[s.household])]]))
        cols.append(("family ate", lambda s, log: f"{log.flows['eaten_per_person'][s.household]:,.0f}"))
    keys = ("coop_share", "grain_per_person", "animals", "trust") if peasants else \
        ("coop_share", "higher_share", "grain_per_person", "animals", "trust") if cadres else \
        ("coop_share", "higher_share", "grain_output", "grain_per_person", "animals", "trust")
    for key, heading, fmt in VILLAGE_ROWS:
        if key in keys:
            if key == "grain_output":
                cols.append((heading, lambda s, log, k=key: f"{log.indicators[k] / 1000:,.0f}"))
            else:
                cols.append((heading, lambda s, log, k=key, f=fmt: f.format(log.indicators[k])))
    if cadres:
        cols.append(("standing", lambda s, log: f"{log.indicators['career']:+.0f}"))
    return cols


def describe_game(session: Session) -> str:
    """'Wang Fu's household, seed 1955, Epilogue' (or the township Party secretary)."""
    who = session.names[session.household] if session.household is not None else "the township Party secretary"
    return f"{who}, seed {session.setup.seed}, scenario {session.setup.scenario}, at {session.label}"


def compare_notes(a: Session, b: Session) -> list[str]:
    """What makes two games not a like-for-like comparison (seeds, scenarios, roles, households),
    one sentence each; both front ends show them above the comparison."""
    notes = []
    if a.setup.seed != b.setup.seed:
        notes.append(f"The seeds differ ({a.setup.seed} and {b.setup.seed}): the weather and the luck differ too, so "
                     "the differences are not the decisions alone.")
    if a.setup.scenario != b.setup.scenario:
        notes.append(f"The scenarios differ ({a.setup.scenario} and {b.setup.scenario}).")
    if a.setup.role != b.setup.role:
        notes.append("One game is a household's and one the cadre's: only the village's columns are compared.")
    elif a.household is not None and a.setup.household != b.setup.household:
        notes.append("The two games play different households.")
    return notes


def compare(a: Session, b: Session, label_a: str | None = None, label_b: str | None = None) -> str:
    """Two games' seasons side by side, named by their players, at most ``WIDTH`` characters a
    line; the columns fit the roles (a household's own columns only for two households, the
    cadre's standing only for two cadres); a note when seeds or settings differ."""
    label_a = label_a or a.setup.player
    label_b = label_b or b.setup.player
    if label_a == label_b:
        label_a, label_b = f"{label_a} (1)", f"{label_b} (2)"
    cols = _columns(a, b)
    per = max(1, min(len(cols), (WIDTH - 12) // (2 * CELL + 1)))
    cols = cols[:per]
    lines = _wrap(f"A = {label_a}: {describe_game(a)}") + _wrap(f"B = {label_b}: {describe_game(b)}")
    for note in compare_notes(a, b):
        lines += _wrap(f"Note: {note}")
    lines.append("")
    lines.append(f"{'':<11}" + "".join(f" {heading:^{2 * CELL}}" for heading, _ in cols))
    short_a, short_b = _name(label_a, CELL - 1), _name(label_b, CELL - 1)
    if short_a == short_b:
        short_a, short_b = "A", "B"
    lines.append(f"{'season':<11}" + "".join(f" {short_a:>{CELL}}{short_b:>{CELL}}" for _ in cols))
    for t in range(max(len(a.logs), len(b.logs))):
        cells = []
        for _, value in cols:
            va = value(a, a.logs[t]) if t < len(a.logs) else "-"
            vb = value(b, b.logs[t]) if t < len(b.logs) else "-"
            cells.append(f" {_name(va, CELL - 1):>{CELL}}{_name(vb, CELL - 1):>{CELL}}")
        lines.append(f"{season_label(t):<11}" + "".join(cells))
    lines.append("")
    legend = {"family in": "the household's form (alone, team, lower or higher co-op)", "family ate": "grain the household ate, jin a head a year",
              "in co-ops": "village households in co-ops", "higher co-op": "in the higher-stage co-op",
              "harvest kjin": "village harvest, thousand jin", "eaten jin/hd": "village grain eaten, jin a head a year",
              "animals": "village draught animals", "trust": "village trust", "want out": "members who want to leave",
              "standing": "the cadre's standing with the county"}
    lines += _wrap("Columns: " + "; ".join(f"{h}: {legend[h]}" for h, _ in cols) + ".")
    if a.household is not None and b.household is not None and a.logs and b.logs:
        ha, hb = a.household, b.household
        lines += _wrap(f"The household's grain at the end: {label_a} {a.state.grain[0, ha]:,.0f} jin, {label_b} "
                       f"{b.state.grain[0, hb]:,.0f} jin; form: {a.household_form()} and {b.household_form()}.")
    return "\n".join(lines)


def _wrap(text: str) -> list[str]:
    import textwrap

    return textwrap.wrap(text, WIDTH, break_long_words=False, break_on_hyphens=False)
