"""The game flow of the terminal app: opening a game (through the session layer's ``Starter``,
the one way every front end starts a game), the season loop around the report, the directive's
moment in summer 1955, autosaving, and going back to the title.

``GameFlow`` is a mixin of ``HighTideApp``; it renders and asks, and leaves the rules of starting
a game to ``game.session.start``. It never changes a game except through ``HighTideApp.apply``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.ui.messages import GameStarted, SeasonEnded

if TYPE_CHECKING:
    from game.session.assignment import Assignment
    from game.session.game import Session
    from game.session.start import Choices, NameTaken, Started, Starter, StartRequest


class GameFlow:
    """Opening games and moving from season to season (mixed into ``HighTideApp``)."""

    # ------------------------------------------------------------------ opening a game
    @property
    def starter(self) -> Starter:
        from game.session.start import Starter

        if getattr(self, "_starter", None) is None:
            self._starter = Starter(self.saves_folder)
        return self._starter

    def open_request(self, request: StartRequest) -> None:
        """What the command line asked for: a replay, a save, an assignment, a new game, or the
        title screen. A refusal is shown on the title screen as one sentence."""
        from game.session.start import StartError

        if request.mode == "replay":
            self.replay_game(request.save)
            return
        if request.mode == "assignment" and not request.player:
            from game.ui.screens.assignment import AssignmentScreen

            source = str(request.assignment_file) if request.assignment_file else request.code
            self.push_screen(AssignmentScreen(source=source), self.start_assignment)
            return
        try:
            opened = self.starter.open(request)
        except StartError as error:
            self.notify(str(error), title="Cannot start this game", severity="error", markup=False, timeout=10)
            return
        self.show_opened(opened)

    def show_opened(self, opened: Started | Choices | NameTaken | None) -> None:
        """Play a game the starter opened, or ask for the choices it still needs."""
        from game.session.start import Choices, NameTaken

        if opened is None:
            return
        if isinstance(opened, NameTaken):
            self.ask_name_taken(opened)
            return
        if isinstance(opened, Choices):
            from game.ui.screens.new_game import NewGameScreen

            self.push_screen(NewGameScreen(opened))
            return
        self.start_session(opened.session, opened.how, assignment=opened.assignment)
        if opened.greeting:
            self.notify(opened.greeting, markup=False)

    def start_session(self, session: Session, how: str = "new", assignment: Assignment | None = None) -> None:
        """Make ``session`` the game being played and show its season (or its epilogue).

        ``assignment`` is the classroom assignment the game belongs to; for a game loaded without
        one, the assignment its save names is looked up among the bundled files and codes."""
        from game.ui.screens.epilogue import EpilogueScreen
        from game.ui.screens.season import SeasonScreen

        if session is not self.session:
            self._directive_noted = self._directive_opened = False
            self.branched_from = None
        if assignment is None and session.setup.assignment:
            assignment = self.assignment if (self.assignment is not None and self.assignment.id == session.setup.assignment) \
                else self.starter.find_assignment(session.setup.assignment)
        self.assignment = assignment
        if session is not self.session:
            self.saved_actions = len(session.actions)  # a game just opened: what it holds is saved
        self.session = session
        self.playing = True
        self._clear_to_title()
        if session.finished:
            self.push_screen(EpilogueScreen(session))
            self.call_after_refresh(self._at_epilogue)
        else:
            self.push_screen(SeasonScreen(session))
            self.call_after_refresh(self.ask_questions, self._directive_moment)
        self.post_message(GameStarted(how))

    def continue_game(self) -> None:
        """The title's Continue: the game of this sitting, else the most recently saved game."""
        from game.session.start import StartError

        if self.session is not None and self.playing:
            self.start_session(self.session, "continue")
            return
        try:
            opened = self.starter.continue_latest()
        except StartError as error:
            self.notify(str(error), title="Nothing to continue", severity="warning", markup=False, timeout=10)
            return
        self.show_opened(opened)
        self.notify(f"Opened {opened.path.name}: {opened.session.label}.", markup=False)

    def load_game(self, path: Path | None, how: str = "load") -> None:
        from game.session.start import StartError

        if path is None:
            return
        try:
            opened = self.starter.load(path, how)
        except StartError as error:
            self.notify(str(error), title="Cannot open this save", severity="error", markup=False, timeout=10)
            return
        self.show_opened(opened)
        self.notify(f"Opened {Path(path).name}: {opened.session.label}.", markup=False)

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

    def _clear_to_title(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def back_to_title(self) -> None:
        self._clear_to_title()

    # ------------------------------------------------------------------ from season to season
    def _autosave(self) -> Path | None:
        from game.session import saves

        if self.session is None:
            return None
        try:
            path = saves.autosave(self.session, self.saves_folder)
        except saves.SaveError as error:
            self.notify(str(error), title="Autosave failed", severity="error", markup=False, timeout=10)
            return None
        self.saved_actions = len(self.session.actions)
        return path

    def keep_choices(self) -> None:
        """Leaving the season for the title: the season's choices so far go into the autosave."""
        if self.unsaved_choices():
            path = self._autosave()
            if path is not None:
                self.notify(f"Your choices in {self.session.label} so far are kept in {path.name}; Continue brings "
                            "them back.", markup=False)

    def _season_ended(self, session: Session) -> None:
        from game.ui.screens.report import ReportScreen

        self._autosave()
        ended = len(session.logs) - 1
        self.post_message(SeasonEnded(ended))
        self.push_screen(ReportScreen(session, ended, after_season=True))

    def after_report(self) -> None:
        """The season report was closed: an assignment's questions and stop point, then the next
        season or the epilogue."""
        if self.session is not None and self.playing:
            self.ask_questions(self._after_questions)
        elif hasattr(self.screen, "refresh_view"):
            self.screen.refresh_view()

    def _after_questions(self) -> None:
        session = self.session
        if session is None or self._stop_point():
            return
        if session.finished and self.playing:
            from game.ui.screens.epilogue import EpilogueScreen

            self._clear_to_title()
            self.push_screen(EpilogueScreen(session))
            self.call_after_refresh(self._at_epilogue)
            return
        screen = self.screen
        if hasattr(screen, "show_result"):
            screen.show_result(self._season_message)
        if hasattr(screen, "refresh_view"):
            screen.refresh_view()
        self._directive_moment()

    def _directive_moment(self) -> None:
        """Summer 1955: say once that the directive has arrived, and open what it changed once the
        season's scenes (the speech among them) have been read and answered."""
        from game.sim.params import DIRECTIVE_SEASON

        session = self.session
        if session is None or not self.playing or session.t != DIRECTIVE_SEASON:
            return
        if not self._directive_noted:
            self._directive_noted = True
            self.notify("The July 1955 directive has reached the county: press j to see what it changed.",
                        title="31 July 1955", timeout=12)
        if not session.queue and not self._directive_opened:
            self._directive_opened = True
            self.open_view("directive")
