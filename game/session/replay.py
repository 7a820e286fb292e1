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

    def session_at(self, t: int) -> Session:
        """A session at the start of season t, with every earlier season replayed."""
        if not 0 <= t <= self.seasons:
            raise ActionError(f"this save has seasons 0 to {self.seasons}")
        session = start(self.save_file, self.path.name, self.assets)
        session.replay([(s, a) for s, a in self.save_file.actions if s < t])
        return session

    def branch(self, t: int, player: str | None = None) -> Session:
        """A new game that takes over at season t: same setup, the actions before t replayed."""
        session = self.session_at(t)
        session.setup = replace(session.setup, player=player or f"{session.setup.player} (branch from {season_label(t)})")
        return session

    def branch_with(self, t: int, change: Action) -> tuple[Session, list[str]]:
        """The whole game again with one decision of season t changed; later recorded actions
        are replayed where they are still legal. Returns the session and what was skipped."""
        session = self.session_at(t)
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


COMPARE_ROWS = (
    ("coop_share", "in co-ops", "{:.0%}"), ("higher_share", "higher co-op", "{:.0%}"),
    ("grain_output", "harvest (jin)", "{:,.0f}"), ("grain_per_person", "eaten (jin/head/yr)", "{:,.0f}"),
    ("animals", "draught animals", "{:.0f}"), ("trust", "trust", "{:.0%}"), ("want_to_leave", "want to leave", "{:.0%}"),
    ("career", "cadre standing", "{:+.0f}"),
)


def compare(a: Session, b: Session, label_a: str = "A", label_b: str = "B") -> str:
    """Two games' indicators side by side, season by season."""
    lines = [f"{'season':<13}" + "".join(f"{label:>22}" for _, label, _ in COMPARE_ROWS)]
    lines.append(f"{'':<13}" + "".join(f"{label_a + ' / ' + label_b:>22}" for _ in COMPARE_ROWS))
    for t in range(max(len(a.logs), len(b.logs))):
        cells = []
        for key, _, fmt in COMPARE_ROWS:
            va = fmt.format(a.logs[t].indicators[key]) if t < len(a.logs) else "-"
            vb = fmt.format(b.logs[t].indicators[key]) if t < len(b.logs) else "-"
            cells.append(f"{va + ' / ' + vb:>22}")
        lines.append(f"{season_label(t):<13}" + "".join(cells))
    if a.household is not None and b.household is not None and a.logs and b.logs:
        ha, hb = a.household, b.household
        lines.append(f"Your household's grain at the end: {a.state.grain[0, ha]:,.0f} / {b.state.grain[0, hb]:,.0f} jin; "
                     f"form: {a.household_form()} / {b.household_form()}.")
    return "\n".join(lines)
