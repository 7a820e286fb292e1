"""The High Tide terminal app: the title screen, the game flow and the one door to the game.

``HighTideApp.apply`` is the only place the UI changes a game: every key, click, typed command
and palette entry becomes a session ``Action`` and goes through it; an illegal action shows the
session's one-sentence message and changes nothing. After every season the app autosaves. The
views built by other modules are imported lazily, when first opened. ``main(args)`` is what
``hightide`` runs.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

STARTED = time.perf_counter()

from textual.app import App  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.screen import Screen  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from game.ui.commands import GameCommands, help_text  # noqa: E402
from game.ui.messages import ActionApplied, GameStarted, SeasonEnded  # noqa: E402
from game.ui.screens.title import TitleScreen  # noqa: E402

if TYPE_CHECKING:
    from game.session.actions import Action
    from game.session.game import Session

# the session layer (numpy, the content) is imported on first use, after the first frame

VIEW_NAMES = {"map": "The village map", "tide": "The tide", "why": "Why?", "glossary": "The glossary",
              "documents": "The documents", "timeline": "The timeline", "county": "The county", "help": "Help",
              "directive": "What the directive changed"}


class HighTideApp(App[int]):
    """A village in China, 1953-1956."""

    CSS_PATH = "app.tcss"
    TITLE = "High Tide 高潮"
    SUB_TITLE = "a village in North China, 1953-1956"
    COMMANDS = App.COMMANDS | {GameCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("ctrl+s", "save_game", "Save", id="app.save"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False),
    ]

    def __init__(self, saves_folder: Path, seed: int | None = None, cursor_blink: bool = True) -> None:
        super().__init__()
        self.saves_folder = Path(saves_folder)
        self.default_seed = seed
        self.cursor_blink = cursor_blink
        self.session: Session | None = None
        self.playing = False  # True while the session is being played (not replayed)
        self.started_ms: float | None = None

    # ------------------------------------------------------------------ start-up
    def get_default_screen(self) -> Screen:
        return TitleScreen()

    def on_mount(self) -> None:
        try:
            from game.ui.theme import register_themes
        except ImportError:
            pass
        else:
            register_themes(self)
        self.call_after_refresh(self._first_frame)

    def _first_frame(self) -> None:
        self.started_ms = (time.perf_counter() - STARTED) * 1000.0
        self.log.info(f"High Tide started in {self.started_ms:.0f} ms")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_game":
            return self.session is not None and self.playing
        return True

    def new_seed(self) -> int:
        return self.default_seed if self.default_seed is not None else random.randrange(1, 100_000)

    # ------------------------------------------------------------------ the game flow
    def _clear_to_title(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def start_session(self, session: Session, how: str = "new") -> None:
        """Make ``session`` the game being played and show its season (or its epilogue)."""
        from game.ui.screens.epilogue import EpilogueScreen
        from game.ui.screens.season import SeasonScreen

        self.session = session
        self.playing = True
        self._clear_to_title()
        self.push_screen(EpilogueScreen(session) if session.finished else SeasonScreen(session))
        self.post_message(GameStarted(how))

    def continue_game(self) -> None:
        from game.session import saves

        if self.session is not None and self.playing:
            self.start_session(self.session, "continue")
            return
        path = saves.latest_autosave(self.saves_folder)
        if path is None:
            self.notify("There is no autosave yet; start a new game.", severity="warning")
            return
        self.load_game(path, how="continue")

    def load_game(self, path: Path | None, how: str = "load") -> None:
        from game.session import saves

        if path is None:
            return
        try:
            session = saves.load(Path(path))
        except saves.SaveError as error:
            self.notify(str(error), title="Cannot open this save", severity="error", markup=False, timeout=10)
            return
        self.start_session(session, how)
        self.notify(f"Opened {Path(path).name}: {session.label}.", markup=False)

    def replay_game(self, path: Path | None) -> None:
        if path is None:
            return
        from game.session import saves
        from game.session.actions import ActionError
        from game.session.replay import Replay
        from game.ui.screens.replay import ReplayScreen

        try:
            replay = Replay(Path(path))
        except (saves.SaveError, ActionError) as error:
            self.notify(str(error), title="Cannot replay this save", severity="error", markup=False, timeout=10)
            return
        if replay.seasons == 0:
            self.notify("This save has no finished season to replay yet.", severity="warning")
            return
        self.playing = False
        self._clear_to_title()
        self.push_screen(ReplayScreen(replay))

    def back_to_title(self) -> None:
        self._clear_to_title()

    def apply(self, action: Action) -> bool:
        """Apply one action to the game being played; False (and a message) if it is refused."""
        from game.session.actions import ActionError, EndSeason

        session = self.session
        if session is None or not self.playing:
            self.notify("No game is being played; start or continue one from the title screen.", severity="warning")
            return False
        try:
            result = session.apply(action)
        except ActionError as error:
            self.notify(str(error)[:1].upper() + str(error)[1:] + ".", title="Not possible", severity="warning",
                        markup=False)
            return False
        self.post_message(ActionApplied(action, result))
        screen = self.screen
        if hasattr(screen, "show_result"):
            screen.show_result(result)
        if isinstance(action, EndSeason):
            self._season_ended(session)
        elif hasattr(screen, "refresh_view"):
            screen.refresh_view()
        return True

    def _season_ended(self, session: Session) -> None:
        from game.session import saves
        from game.ui.screens.report import ReportScreen

        try:
            saves.autosave(session, self.saves_folder)
        except saves.SaveError as error:
            self.notify(str(error), title="Autosave failed", severity="error", markup=False, timeout=10)
        ended = len(session.logs) - 1
        self.post_message(SeasonEnded(ended))
        self.push_screen(ReportScreen(session, ended, after_season=True))

    def after_report(self) -> None:
        """The season report was closed: the next season, or the epilogue."""
        session = self.session
        if session is not None and session.finished and self.playing:
            from game.ui.screens.epilogue import EpilogueScreen

            self._clear_to_title()
            self.push_screen(EpilogueScreen(session))
        elif hasattr(self.screen, "refresh_view"):
            self.screen.refresh_view()

    # ------------------------------------------------------------------ views, help and saving
    def screen_session(self) -> Session | None:
        """The session the current screen shows (a replayed season, or the game being played)."""
        for screen in reversed(self.screen_stack):
            session = getattr(screen, "session", None)
            if session is not None:
                return session
        return self.session

    def open_view(self, view: str, argument: str | None = None) -> None:
        """Open one of the reference views over the current screen; each closes with Escape."""
        if view == "help":
            self.action_help()
            return
        session = self.screen_session()
        if session is None:
            self.notify("Start or load a game first.", severity="warning")
            return
        if view in ("ledger", "calculus"):
            from game.ui.screens.report import ReportScreen

            t = len(session.logs) - 1 if session.logs else None
            if getattr(self.screen, "report_t", None) is not None:
                t = self.screen.report_t
            self.push_screen(ReportScreen(session, t, focus=view))
            return
        try:
            screen = self._build_view(view, session, argument)
        except ImportError:
            self.notify(f"{VIEW_NAMES.get(view, view)} is not available yet.", severity="warning")
            return
        except KeyError:
            self.notify(f"There is no view called '{argument}'.", severity="warning", markup=False)
            return
        self.push_screen(screen)

    def _build_view(self, view: str, session: Session, argument: str | None) -> Screen:
        if view == "map":
            from game.ui.screens.village import VillageScreen

            return VillageScreen(session)
        if view == "tide":
            from game.ui.screens.tide import TideScreen

            return TideScreen(session)
        if view == "why":
            from game.ui.screens.why import WhyScreen

            return WhyScreen(session, name=argument or "coop_share")
        if view == "county":
            from game.ui.screens.county import CountyScreen

            return CountyScreen(session)
        if view == "directive":
            from game.ui.screens.directive import DirectiveScreen

            return DirectiveScreen(session)
        from game.ui.screens import reference

        if view == "glossary":
            return reference.GlossaryScreen(session)
        if view == "documents":
            return reference.DocumentsScreen(session, document_id=argument)
        if view == "timeline":
            return reference.TimelineScreen(session)
        raise KeyError(view)

    def bindings_text(self) -> str:
        """Every key of the app and of the season screen, then the typed commands."""
        from game.ui.screens.replay import ReplayScreen
        from game.ui.screens.season import SeasonScreen

        lines = ["Keys everywhere:"]
        lines += [f"  {b.key_display or b.key:<10} {b.description}" for b in self.BINDINGS if isinstance(b, Binding)]
        lines += ["  ctrl+p     Command palette: every view and action, and the theme picker", "", "The season:"]
        lines += [f"  {b.key_display or b.key:<10} {b.description}" for b in SeasonScreen.BINDINGS]
        lines += ["  arrows     move between choices; Enter takes one; a click does too", "", "A replay:"]
        lines += [f"  {b.key_display or b.key:<10} {b.description}" for b in ReplayScreen.BINDINGS]
        lines += ["", "Typed commands at the prompt (abbreviations and Tab completion work):", help_text()]
        return "\n".join(lines)

    def action_help(self) -> None:
        try:
            from game.ui.screens.help import HelpScreen
        except ImportError:
            self.notify("Help is not available yet; type 'help' at the prompt for commands.", severity="warning")
            return
        self.push_screen(HelpScreen(self.bindings_text()))

    def action_save_game(self) -> None:
        session = self.session
        if session is None or not self.playing:
            self.notify("There is no game to save yet.", severity="warning")
            return
        from game.ui.screens.load import NameScreen

        def save_as(name: str | None) -> None:
            if name:
                self.save_as(name)

        self.push_screen(NameScreen("Save the game as:", session.setup.player), save_as)

    def save_as(self, name: str) -> Path | None:
        from game.session import saves

        if self.session is None:
            return None
        try:
            path = saves.save(self.session, saves.manual_path(self.saves_folder, name), name)
        except saves.SaveError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return None
        self.notify(f"Saved as {path.name} ({self.session.label}).", markup=False)
        return path


def main(args) -> int:
    """Run the terminal game; ``args`` has ``.saves`` (a folder or None)."""
    from game.paths import saves_dir

    folder = saves_dir(getattr(args, "saves", None))
    seed = getattr(args, "seed", None)
    app = HighTideApp(folder, seed=seed, cursor_blink=os.environ.get("HIGHTIDE_NO_BLINK") is None)
    app.run()
    return app.return_code or 0
