"""The High Tide terminal app: the title screen, the app's one door to the game, and saving.

``HighTideApp.apply`` is the only place the UI changes a game: every key, click, typed command
and palette entry becomes a session ``Action`` and goes through it; an illegal action shows the
session's one-sentence message and changes nothing. The app is put together from three mixins
along its seams: ``GameFlow`` (opening a game through the session's ``Starter``, the season
loop, autosaves), ``ClassroomFlow`` (assignments: questions, stop points, the report) and
``ReferenceViews`` (the reference screens and help). Views are imported lazily, when first
opened. ``main(args)`` is what ``hightide`` runs.
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

from game.ui.classroom import ClassroomFlow  # noqa: E402
from game.ui.commands import GameCommands  # noqa: E402
from game.ui.flow import GameFlow  # noqa: E402
from game.ui.messages import ActionApplied  # noqa: E402
from game.ui.screens.title import TitleScreen  # noqa: E402
from game.ui.served import IDLE_SECONDS, Served, ServedFlow  # noqa: E402
from game.ui.viewing import VIEW_NAMES, ReferenceViews  # noqa: E402,F401

if TYPE_CHECKING:
    from game.session.actions import Action
    from game.session.assignment import Assignment
    from game.session.game import Session
    from game.session.start import StartRequest

# the session layer (numpy, the content) is imported on first use, after the first frame


class HighTideApp(GameFlow, ClassroomFlow, ReferenceViews, ServedFlow, App[int]):
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

    def __init__(self, saves_folder: Path, seed: int | None = None, cursor_blink: bool = True,
                 request: StartRequest | None = None, served: Served | None = None) -> None:
        super().__init__()
        self.served = served  # hightide serve: the class folder; the student's folder once named
        self.saves_folder = Path(saves_folder)
        self.request = request  # what the command line asked to open once the title is drawn
        self.default_seed = seed
        self.cursor_blink = cursor_blink
        self.session: Session | None = None
        self.playing = False  # True while the session is being played (not replayed)
        self.started_ms: float | None = None
        self.assignment: Assignment | None = None  # the classroom assignment of the game being played
        self.branched_from: Path | None = None  # the save the game being played was branched from
        self._directive_noted = False  # the July 1955 notification was shown for this session
        self._directive_opened = False  # the directive screen was opened in summer 1955 for this session
        self._season_message = ""  # what ending the last season said, shown when the season screen returns
        self._starter = None  # game.session.start.Starter for the saves folder, made on first use
        self.saved_actions = 0  # how many of the session's actions the last save or autosave holds

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
        if self.served is not None:
            self.start_idle_timer()
            self.ask_student()
            return
        if self.request is not None and self.request.mode != "title":
            self.open_request(self.request)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_game":
            return self.session is not None and self.playing
        return True

    def new_seed(self) -> int:
        return self.default_seed if self.default_seed is not None else random.randrange(1, 100_000)

    # ------------------------------------------------------------------ the one door to the game
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
        if isinstance(action, EndSeason):  # the report comes first; the season screen says it when uncovered
            self._season_message = result
            self._season_ended(session)
            return True
        if hasattr(screen, "show_result"):
            screen.show_result(result)
        if hasattr(screen, "refresh_view"):
            screen.refresh_view()
        self._directive_moment()
        return True

    # ------------------------------------------------------------------ quitting
    def unsaved_choices(self) -> int:
        """How many of this season's choices no save holds yet (0 when nothing would be lost)."""
        session = self.session
        if session is None or not self.playing:
            return 0
        return max(0, len(session.actions) - self.saved_actions)

    def action_quit(self) -> None:  # noqa: D401 - Textual calls sync and async actions alike
        """Quit; with choices made since the last save, first ask, and save them if the player says so."""
        from game.ui.screens.classroom import ConfirmScreen

        unsaved = self.unsaved_choices()
        if not unsaved or isinstance(self.screen, ConfirmScreen):
            if unsaved:
                self._autosave()
            self.exit()
            return

        def answered(save: bool | None) -> None:
            if save:
                if self._autosave() is not None:
                    self.exit()

        count = f"{unsaved} choice{'s' if unsaved != 1 else ''}"
        self.push_screen(ConfirmScreen(
            f"You have made {count} in {self.session.label} that no save holds yet.",
            "Save and quit keeps them in the autosave: Continue on the title screen brings them back.",
            "Save and quit", "Keep playing"), answered)

    # ------------------------------------------------------------------ saving
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
        self.saved_actions = len(self.session.actions)
        self.notify(f"Saved as {path.name} ({self.session.label}).", markup=False)
        return path


def main(args) -> int:
    """Run the terminal game for the command line's ``args`` (``.saves``, and what to open)."""
    from game.paths import saves_dir
    from game.session.start import StartRequest

    seed = getattr(args, "seed", None)
    served = None
    if getattr(args, "served", None):
        folder = Path(args.served)
        served = Served(folder, Path(args.assignment) if getattr(args, "assignment", None) else None,
                        getattr(args, "code", None), float(os.environ.get("HIGHTIDE_IDLE_SECONDS") or IDLE_SECONDS))
        request = None
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C at the server: it tells each game to quit
    else:
        folder = saves_dir(getattr(args, "saves", None))
        request = StartRequest.from_args(args)
    app = HighTideApp(folder, seed=seed, cursor_blink=os.environ.get("HIGHTIDE_NO_BLINK") is None,
                      request=request, served=served)
    app.run()
    app.autosave_on_exit()
    return app.return_code or 0
