"""Replay: step through a saved game season by season, forward and back, on the season
screen's own widgets with the recorded choices marked, open the season's report, and "take over
from here": a branch (a new game from that season, same weather and luck) saved under a new name.
``v`` compares the replayed game with a branch of it: the one being played in this sitting, or
the newest save in the folder that shares its setup and its first season.

Uses ``game.session.replay.Replay``; the replayed sessions are never played by the app.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from game.session import saves, views
from game.session.actions import ActionError, ChooseScene
from game.session.decisions import decisions
from game.session.game import Session
from game.session.replay import Replay
from game.session.replay import find_branch as session_find_branch
from game.sim.params import season_label
from game.ui.screens.season import VIEW_BINDINGS
from game.ui.widgets.decisions import DecisionsPanel
from game.ui.widgets.scene import ScenePanel
from game.ui.widgets.status import StatusLine
from game.ui.widgets.cached import AppFooter


def replayed_season(replay: Replay, t: int) -> tuple[Session, list[tuple[views.SceneView, int]], Session]:
    """The session at the start of season t, each recorded scene with its recorded choice, and
    the session after the season's recorded actions (its decisions marked as chosen)."""
    start = replay.session_at(t)
    after = replay.session_at(t)
    scenes: list[tuple[views.SceneView, int]] = []
    for action in replay.actions_in(t):
        if isinstance(action, ChooseScene):
            scene = views.current_scene(after)
            if scene is not None and scene.id == action.scene:
                scenes.append((scene, action.choice))
        try:
            after.apply(action)
        except ActionError:
            break
    return start, scenes, after


def find_branch(replay: Replay, app) -> tuple[Session, str] | None:
    """A game branched from the replayed one: the game being played in this sitting if it was
    branched from this save, else ``game.session.replay.find_branch`` in the saves folder."""
    session = getattr(app, "session", None)
    origin = getattr(app, "branched_from", None)
    if session is not None and origin is not None and Path(origin).resolve() == replay.path.resolve():
        return session, session.setup.player
    return session_find_branch(replay, getattr(app, "saves_folder", replay.path.parent))


class ReplayScreen(Screen):
    """One recorded season at a time."""

    BINDINGS = [
        Binding("right,n", "step(1)", "Next season", id="replay.next", key_display="→/n"),
        Binding("left,p", "step(-1)", "Previous", id="replay.previous", key_display="←/p"),
        Binding("r", "report", "Report", id="replay.report"),
        Binding("b", "branch", "Take over", id="replay.branch"),
        Binding("v", "compare", "Compare", id="replay.compare"),
        *VIEW_BINDINGS,
        Binding("escape", "title", "Title", id="replay.title"),
    ]

    t: reactive[int] = reactive(0, init=False)

    def __init__(self, replay: Replay, t: int = 0) -> None:
        super().__init__()
        self.replay = replay
        self.set_reactive(ReplayScreen.t, t)
        self.session: Session | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="replay-banner")
        yield StatusLine(id="status")
        with Horizontal(id="panes"):
            yield VerticalScroll(id="scene-pane")
            with VerticalScroll(id="decisions-pane"):
                yield DecisionsPanel(id="decisions")
        yield AppFooter()

    async def on_mount(self) -> None:
        await self.show_season()

    async def watch_t(self) -> None:
        await self.show_season()

    async def show_season(self) -> None:
        t = self.t
        start, scenes, after = replayed_season(self.replay, t)
        self.session = start
        save = self.replay.save_file
        self.query_one("#replay-banner", Static).update(
            f"REPLAY of {save.name or self.replay.path.stem} ({save.setup.player}) · {season_label(t)}, "
            f"season {t + 1} of {self.replay.seasons} · ▶ marks the recorded choices · b takes over from here")
        self.query_one(StatusLine).view = views.status(start)
        pane = self.query_one("#scene-pane", VerticalScroll)
        await pane.remove_children()
        if scenes:
            await pane.mount_all([ScenePanel(scene, recorded=choice, read_only=True, classes="replayed-scene")
                                  for scene, choice in scenes])
        else:
            await pane.mount(Static("No scene was answered this season.", classes="note"))
        pane.scroll_home(animate=False)
        board = self.query_one(DecisionsPanel)
        board.set_reactive(DecisionsPanel.read_only, True)
        board.set_reactive(DecisionsPanel.decisions, tuple(decisions(after)))
        await board.recompose()
        pane.focus()

    def action_step(self, delta: int) -> None:
        target = self.t + delta
        if not 0 <= target < self.replay.seasons:
            self.notify("That is the first recorded season." if target < 0 else "That is the last recorded season.")
            return
        self.t = target

    def action_report(self) -> None:
        from game.ui.screens.report import ReportScreen

        getattr(self.app, "show_view", self.app.push_screen)(ReportScreen(self.replay.final, self.t))

    def action_branch(self) -> None:
        from game.ui.screens.load import NameScreen

        default = f"{self.replay.save_file.setup.player} from {season_label(self.t)}"
        self.app.push_screen(NameScreen(f"Take over from {season_label(self.t)}. Name the new game:", default),
                             self._branch)

    def _branch(self, name: str | None) -> None:
        if not name:
            return
        app = self.app
        try:
            session = self.replay.branch(self.t, player=name)
            path = saves.save(session, saves.manual_path(app.saves_folder, name), name)
        except (saves.SaveError, ActionError) as error:
            self.notify(str(error), title="Cannot branch", severity="error", markup=False)
            return
        app.start_session(session, "branch")
        app.branched_from = self.replay.path
        app.notify(f"A new game from {session.label}, saved as {path.name}: same weather and luck.", markup=False)

    def action_compare(self) -> None:
        from game.ui.screens.compare import CompareScreen

        found = find_branch(self.replay, self.app)
        if found is None:
            self.notify("There is no branch of this game to compare with yet: press b to take over from a season, "
                        "play on, then replay this save again and press v.", timeout=10)
            return
        other, label = found
        this = self.replay.save_file.setup.player or self.replay.path.stem
        self.app.push_screen(CompareScreen(self.replay.final, other, this, label))

    def action_view(self, name: str) -> None:
        if name in ("ledger", "calculus"):  # this replayed season's report, from the finished game
            from game.ui.screens.report import ReportScreen

            getattr(self.app, "show_view", self.app.push_screen)(ReportScreen(self.replay.final, self.t, focus=name))
        else:
            self.app.open_view(name)

    def action_title(self) -> None:
        self.app.back_to_title()
