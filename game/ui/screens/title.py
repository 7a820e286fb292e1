"""The title screen: New game, Continue (the most recently saved game), Load, Replay, a classroom
Assignment, the student's and the teacher's guides, Help, Quit.

It only routes the player to other screens; it never touches a game.
"""

from __future__ import annotations

from pathlib import Path

from game import TAGLINE
from game.paths import latest_save

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.widgets.cached import AppFooter


class TitleScreen(Screen):
    """The first screen."""

    BINDINGS = [
        Binding("n", "new_game", "New game", id="title.new"),
        Binding("c", "continue_game", "Continue", id="title.continue"),
        Binding("l", "load", "Load", id="title.load"),
        Binding("r", "replay", "Replay", id="title.replay"),
        Binding("a", "assignment", "Assignment", id="title.assignment"),
        Binding("g", "guide('student')", "Student's guide", id="title.student_guide", show=False),
        Binding("T", "guide('teacher')", "Teacher's guide", id="title.teacher_guide", key_display="T", show=False),
        Binding("question_mark", "app.help", "Help", id="title.help", key_display="?", show=False),
        Binding("q", "app.quit", "Quit", id="title.quit"),
        Binding("s", "download('save')", "Download my save", id="title.download_save", show=False),
        Binding("h", "download('report')", "Download my report", id="title.download_report", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Center():
            with Vertical(id="title-box"):
                yield Static("H I G H   T I D E", id="title-name")
                yield Static("高  潮", id="title-hanzi")
                yield Static(TAGLINE, id="title-tagline")
                yield OptionList(
                    Option("New game            n", id="new"),
                    Option("Continue            c", id="continue"),
                    Option("Load a save         l", id="load"),
                    Option("Replay a save       r", id="replay"),
                    Option("Assignment          a", id="assignment"),
                    Option("Student's guide     g", id="student_guide"),
                    Option("Teacher's guide     T", id="teacher_guide"),
                    *self._served_options(),
                    Option("Help                ?", id="help"),
                    Option("Quit                q", id="quit"),
                    id="title-menu",
                )
                yield Static("", id="title-note")
        yield AppFooter()

    def _served_options(self) -> list[Option]:
        """In a browser (hightide serve): the student's downloads."""
        if getattr(self.app, "served", None) is None:
            return []
        return [Option("Download my save    s", id="download_save"),
                Option("Download my report  h", id="download_report")]

    def on_mount(self) -> None:
        self.query_one("#title-menu", OptionList).focus()
        self.on_screen_resume()

    def on_screen_resume(self) -> None:
        app = self.app
        has_game = getattr(app, "session", None) is not None and getattr(app, "playing", False)
        latest = latest_save(app.saves_folder)
        menu = self.query_one("#title-menu", OptionList)
        if has_game or latest is not None:
            menu.replace_option_prompt("continue", "Continue            c")
            menu.enable_option("continue")
        else:
            menu.replace_option_prompt("continue", "Continue            (no saved game yet)")
            menu.disable_option("continue")
        note = ""
        if has_game:
            note = f"Continue: {app.session.setup.player}, {app.session.label} (this sitting)."
        elif latest is not None:
            note = f"Continue: {latest.name}"
        student = getattr(app, "student", None)
        if student is not None:
            note = f"Playing as {student.name}. {note}".strip()
        self.query_one("#title-note", Static).update(note)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        action = {"new": self.action_new_game, "continue": self.action_continue_game, "load": self.action_load,
                  "replay": self.action_replay, "help": self.app.action_help, "quit": lambda: self.app.action_quit(),
                  "assignment": self.action_assignment, "student_guide": lambda: self.action_guide("student"),
                  "teacher_guide": lambda: self.action_guide("teacher"),
                  "download_save": lambda: self.action_download("save"),
                  "download_report": lambda: self.action_download("report")}
        action[event.option.id]()

    def action_new_game(self) -> None:
        from game.ui.screens.new_game import NewGameScreen

        student = getattr(self.app, "student", None)  # served: the name typed at the start
        self.app.push_screen(NewGameScreen(self.app.starter.choices(seed=self.app.new_seed(),
                                                                    player=student.name if student else None)))

    def action_continue_game(self) -> None:
        self.app.continue_game()

    def action_load(self) -> None:
        from game.ui.screens.load import LoadScreen

        self.app.push_screen(LoadScreen(self.app.saves_folder, "Load which game?", typed=self._typed_paths()),
                             self.app.load_game)

    def action_replay(self) -> None:
        from game.ui.screens.load import LoadScreen

        self.app.push_screen(LoadScreen(self.app.saves_folder, "Replay which game?", typed=self._typed_paths()),
                             self.app.replay_game)

    def _typed_paths(self) -> bool:
        """A typed path opens a file only in a terminal; served, the student's folder is all."""
        return getattr(self.app, "served", None) is None

    def action_assignment(self) -> None:
        from game.ui.screens.assignment import AssignmentScreen

        if self.app.start_class_assignment():
            return
        student = getattr(self.app, "student", None)
        self.app.push_screen(AssignmentScreen(paths=self._typed_paths(), name=student.name if student else ""),
                             self.app.start_assignment)

    def action_download(self, what: str) -> None:
        if getattr(self.app, "served", None) is not None:
            self.app.deliver("download", what)

    def action_guide(self, which: str) -> None:
        self.app.open_guide(which)
