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
    from collections.abc import Callable

    from game.session.actions import Action
    from game.session.assignment import Assignment, Question
    from game.session.game import Session

# the session layer (numpy, the content) is imported on first use, after the first frame

VIEW_NAMES = {"map": "The village map", "tide": "The tide", "why": "Why?", "glossary": "The glossary",
              "documents": "The documents", "timeline": "The timeline", "county": "The county", "help": "Help",
              "directive": "What the directive changed", "model": "The model card", "guide": "The guides"}
DIRECTIVE_T = 9  # summer 1955: the season of Mao's speech of 31 July 1955 (game.session.game.DIRECTIVE_T)


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
        self.assignment: Assignment | None = None  # the classroom assignment of the game being played
        self.branched_from: Path | None = None  # the save the game being played was branched from
        self._directive_noted = False  # the July 1955 notification was shown for this session
        self._directive_opened = False  # the directive screen was opened in summer 1955 for this session
        self._season_message = ""  # what ending the last season said, shown when the season screen returns

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
                else find_assignment(session.setup.assignment)
        self.assignment = assignment
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

    # ------------------------------------------------------------------ classroom assignments
    def start_assignment(self, picked: tuple[Assignment, str] | None) -> None:
        """The assignment modal's answer: continue the student's game for it, or start it (as
        line mode's ``start_assignment`` does: role, household and seed from the assignment)."""
        if picked is None:
            return
        from game.session import saves
        from game.session.actions import ActionError
        from game.session.game import GameSetup, Session

        assignment, name = picked
        name = name.strip()[:60]
        path = saves.assignment_autosave(self.saves_folder, name, assignment.id)
        if path.exists():
            try:
                session = saves.load(path)
            except saves.SaveError as error:
                self.notify(str(error), title="Cannot open your assignment game", severity="error", markup=False,
                            timeout=10)
                return
            self.start_session(session, "continue", assignment=assignment)
            self.notify(f"Welcome back, {name}. Your game continues at {session.label}.", markup=False)
            return
        role = None if assignment.role == "student chooses" else assignment.role
        if role == "cadre" or (role == "peasant" and assignment.household):
            household = assignment.household if role == "peasant" else None
            try:
                session = Session(GameSetup(scenario=assignment.scenario, role=role, seed=assignment.seed,
                                            household=household, player=name, assignment=assignment.id))
            except ActionError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.start_session(session, "assignment", assignment=assignment)
            return
        from game.ui.screens.new_game import NewGameScreen

        self.push_screen(NewGameScreen(assignment.seed, role=role, household=assignment.household, player=name,
                                       assignment=assignment))

    def pending_questions(self, final: bool = False) -> list[Question]:
        """The assignment's questions for the seasons already ended (and with ``final``, in the
        epilogue, the final ones) that the student has not answered yet."""
        session, assignment = self.session, self.assignment
        if session is None or assignment is None or not self.playing:
            return []
        ended = len(session.logs)
        out = [q for q in assignment.questions
               if q.season is not None and q.season < ended and q.id not in session.answers]
        if final and session.finished:
            out += [q for q in assignment.final_questions() if q.id not in session.answers]
        return out

    def ask_questions(self, then: Callable[[], None] | None = None, final: bool = False) -> None:
        """Ask the pending questions one modal at a time, apply each answer, autosave, then go on."""
        questions = self.pending_questions(final)
        if not questions:
            if then is not None:
                then()
            return
        from game.session.actions import Answer
        from game.ui.screens.classroom import QuestionScreen

        def ask(i: int) -> None:
            question = questions[i]

            def answered(text: str | None) -> None:
                if text:
                    self.apply(Answer(question.id, text))
                if i + 1 < len(questions):
                    ask(i + 1)
                    return
                self._autosave()
                self.screen.refresh_bindings()
                if then is not None:
                    then()

            self.push_screen(QuestionScreen(question.id, question.when, question.text, i + 1, len(questions)), answered)

        ask(0)

    def _autosave(self) -> Path | None:
        from game.session import saves

        if self.session is None:
            return None
        try:
            return saves.autosave(self.session, self.saves_folder)
        except saves.SaveError as error:
            self.notify(str(error), title="Autosave failed", severity="error", markup=False, timeout=10)
            return None

    def _at_epilogue(self) -> None:
        """In an assignment game: the report beside the autosave, once the final questions (asked
        after the student has read the epilogue: ``a`` there) are answered."""
        if self.assignment is None or not self.playing or self.session is None or not self.session.finished:
            return
        if self.pending_questions(final=True):
            self.notify("Read the epilogue, then press a to answer your teacher's final question; "
                        "your report is written after it.", title="The assignment", timeout=15)
        else:
            self._write_report()

    def answer_final_questions(self) -> None:
        """The epilogue's ``a``: any question still open, then the report."""
        self.ask_questions(self._write_report, final=True)

    def _write_report(self) -> None:
        from game.session import report, saves
        from game.ui.screens.classroom import NoticeScreen

        session, assignment = self.session, self.assignment
        path = self._autosave()
        if session is None or assignment is None or path is None:
            return
        built = report.from_session(session, True, f"{path.name}: played to the end in this session.",
                                    {q.id: q.text for q in assignment.questions})
        try:
            for suffix, text in (("md", report.markdown(built)), ("html", report.to_html(built))):
                target = path.with_name(path.name.replace(".autosave" + saves.SUFFIX, f".report.{suffix}"))
                saves.write_atomic(target, text)
        except saves.SaveError as error:
            self.notify(str(error), title="The report was not written", severity="error", markup=False, timeout=10)
            return
        self.push_screen(NoticeScreen(
            "Your report is written",
            f"Your report is in {target.with_suffix('.md').name} and {target.name}, in the folder {target.parent}. "
            f"Hand in the .html file.\n\nYour game is saved in {path.name}."))

    def _stop_point(self) -> bool:
        """At an assignment's stop point: say so, and go back to the title. True if it stopped."""
        session, assignment = self.session, self.assignment
        if session is None or assignment is None or session.finished:
            return False
        ended = len(session.logs) - 1
        if ended not in assignment.stop_after:
            return False
        from game.session import saves
        from game.sim.params import season_label
        from game.ui.screens.classroom import NoticeScreen

        path = saves.autosave_path(session, self.saves_folder)
        self.push_screen(NoticeScreen(
            "The assignment stops here",
            f"The assignment stops here, after {season_label(ended)}. Your game is saved in {path}.\n\n"
            f"Next lesson, choose Assignment on the title screen again with the same name "
            f"({session.setup.player}) to continue."), lambda _: self.back_to_title())
        return True

    def _directive_moment(self) -> None:
        """Summer 1955: say once that the directive has arrived, and open what it changed once the
        season's scenes (the speech among them) have been read and answered."""
        session = self.session
        if session is None or not self.playing or session.t != DIRECTIVE_T:
            return
        if not self._directive_noted:
            self._directive_noted = True
            self.notify("The July 1955 directive has reached the county: press j to see what it changed.",
                        title="31 July 1955", timeout=12)
        if not session.queue and not self._directive_opened:
            self._directive_opened = True
            self.open_view("directive")

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
        if view == "guide":
            self.open_guide(argument or "student")
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

            if session is self.session and self.playing and session.t == DIRECTIVE_T:
                self._directive_opened = True
            return DirectiveScreen(session)
        if view == "model":
            from game.ui.screens.model import ModelScreen

            return ModelScreen(session)
        from game.ui.screens import reference

        if view == "glossary":
            return reference.GlossaryScreen(session)
        if view == "documents":
            return reference.DocumentsScreen(session, document_id=argument)
        if view == "timeline":
            return reference.TimelineScreen(session)
        raise KeyError(view)

    def open_guide(self, which: str = "student") -> None:
        """The student's or the teacher's guide."""
        from game.ui.screens.guides import student_guide, teacher_guide

        self.push_screen(teacher_guide() if which.startswith("t") else student_guide())

    def bindings_text(self) -> str:
        """Every key of the app and of the season screen, then the typed commands."""
        from game.ui.screens.replay import ReplayScreen
        from game.ui.screens.season import SeasonScreen

        lines = ["Keys everywhere:"]
        lines += [f"  {b.key_display or b.key:<10} {b.description}" for b in self.BINDINGS if isinstance(b, Binding)]
        lines += ["  ctrl+p     Command palette: every view and action, and the theme picker", "", "The title screen:"]
        lines += [f"  {b.key_display or b.key:<10} {b.description}" for b in TitleScreen.BINDINGS]
        lines += ["", "The season:"]
        lines += [f"  {b.key_display or b.key:<10} {b.description}" for b in SeasonScreen.BINDINGS]
        lines += ["  arrows     move between choices; Enter takes one; a click does too"]
        from game.ui.widgets.decisions import DecisionsPanel

        lines += [f"  {b.key_display or b.key:<10} {b.description}" for b in DecisionsPanel.BINDINGS]
        lines += ["", "A replay:"]
        lines += [f"  {b.key_display or b.key:<10} {b.description}" for b in ReplayScreen.BINDINGS]
        lines += ["", "A question of an assignment:", "  ctrl+o     Submit the answer (or Tab to Submit, then Enter)"]
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


def find_assignment(assignment_id: str) -> Assignment | None:
    """The assignment a save names: a bundled assignment file with that id, or the short code the
    id was made from; None if neither (the game is then played without its questions)."""
    from game.session.assignment import AssignmentError, decode, load_assignment
    from game.ui.screens.assignment import assignment_files

    try:
        if assignment_id.startswith("code-"):
            return decode(assignment_id.removeprefix("code-"))
        from game.paths import assets_dir

        for path in assignment_files():
            try:
                candidate = load_assignment(path, assets_dir())
            except AssignmentError:
                continue
            if candidate.id == assignment_id:
                return candidate
    except (AssignmentError, OSError):
        return None
    return None


def main(args) -> int:
    """Run the terminal game; ``args`` has ``.saves`` (a folder or None)."""
    from game.paths import saves_dir

    folder = saves_dir(getattr(args, "saves", None))
    seed = getattr(args, "seed", None)
    app = HighTideApp(folder, seed=seed, cursor_blink=os.environ.get("HIGHTIDE_NO_BLINK") is None)
    app.run()
    return app.return_code or 0
