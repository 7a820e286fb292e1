"""Start a classroom assignment: a modal over the title screen. The student types the path of an
assignment file (or picks one from ``assets/assignments``) or a short code, and their name; the
modal checks the file or code, shows its title, terms and instructions, and on Start dismisses
with ``(assignment, name)``. Escape dismisses with None.

A file or code that cannot be used shows ``StartError``'s one sentence in the modal, never a
traceback.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from game.paths import assets_dir
from game.session.assignment import Assignment, looks_like_code
from game.session.start import Starter, StartError
from game.sim.params import season_label
from game.ui.widgets.cached import AppFooter

def assignment_files(assets: Path | None = None) -> list[Path]:
    """The assignment files that come with the game, by name."""
    return Starter(assets=assets).assignment_files()


def resolve(source: str, assets: Path | None = None, folder: Path | None = None) -> Assignment:
    """The assignment a path, a bundled file's name or a short code stands for (the session
    layer's ``Starter.resolve``), a code looked up in the saves folder the game was started with
    (``--saves``); raises StartError with one sentence."""
    return Starter(folder, assets=assets).resolve(source)


def terms(assignment: Assignment) -> str:
    """Role, seed, household and stop points in one line."""
    parts = [f"role: {assignment.role}", f"seed {assignment.seed}", f"scenario {assignment.scenario}"]
    if assignment.household:
        parts.append(f"household {assignment.household}" + (" (fixed)" if assignment.lock_household else ""))
    if assignment.stop_after:
        parts.append("stops after " + ", ".join(season_label(t).lower() for t in assignment.stop_after))
    if assignment.questions:
        parts.append(f"{len(assignment.questions)} questions")
    return "; ".join(parts)


def preview_markdown(assignment: Assignment) -> str:
    """What the student reads before confirming: title, terms, instructions."""
    lines = [f"**{assignment.title}**  ", f"*{terms(assignment)}*", ""]
    lines.append(assignment.instructions.strip() or "No instructions come with a code; your teacher gives them.")
    return "\n".join(lines)


class AssignmentScreen(ModalScreen[tuple[Assignment, str] | None]):
    """Check an assignment file or code and the student's name; Start returns both."""

    DEFAULT_CSS = """
    AssignmentScreen { align: center middle; }
    AssignmentScreen #assignment-dialog {
        width: 100%; max-width: 100; height: 100%; max-height: 40;
        border: round $primary; background: $surface; padding: 0 1;
    }
    AssignmentScreen #assignment-title { height: 1; text-style: bold; }
    AssignmentScreen #assignment-top { height: 6; }
    AssignmentScreen #assignment-files { width: 30; height: 100%; margin-right: 1; border: round $primary-darken-2; }
    AssignmentScreen #assignment-files:focus { border: round $accent; }
    AssignmentScreen #assignment-fields { width: 1fr; height: auto; }
    AssignmentScreen #assignment-fields Label { margin-top: 0; }
    AssignmentScreen #assignment-fields Input { margin-bottom: 1; }
    AssignmentScreen #assignment-message { height: auto; }
    AssignmentScreen #assignment-preview { height: 1fr; border: round $primary-darken-2; scrollbar-size-vertical: 1; }
    AssignmentScreen #assignment-preview Markdown { margin: 0; padding: 0 1; }
    AssignmentScreen #assignment-buttons { height: 1; align-horizontal: right; }
    AssignmentScreen #assignment-buttons Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape", "close", "Cancel", id="assignment.close"),
        Binding("ctrl+o", "start", "Start", id="assignment.start"),
    ]

    def __init__(self, assets: Path | None = None, source: str | None = None, paths: bool = True,
                 name: str = "") -> None:
        super().__init__()
        self.name_given = name  # served: the name the student typed at the start
        self.paths = paths  # False when served to a browser: a bundled file or a code, never a server path
        self.assets = assets or assets_dir()
        self.source = source  # a file or code given on the command line, checked when the modal opens
        self.files = assignment_files(self.assets)
        self.assignment: Assignment | None = None
        self.checked_source: str | None = None
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="assignment-dialog"):
            yield Static("Start a classroom assignment", id="assignment-title")
            with Horizontal(id="assignment-top"):
                files = OptionList(*(Option(p.name, id=p.name) for p in self.files), id="assignment-files")
                files.border_title = "Files"
                yield files
                with Vertical(id="assignment-fields"):
                    yield Label("Assignment file or code:")
                    yield Input(placeholder="path/to/file.toml or 003T-6100-EAKM" if self.paths else "003T-6100-EAKM",
                                id="assignment-source", compact=True)
                    yield Label("Your name:")
                    yield Input(self.name_given, placeholder="as your teacher should see it", id="assignment-name",
                                compact=True)
            yield Static(self._hint(), id="assignment-message")
            with VerticalScroll(id="assignment-preview"):
                yield Markdown(id="assignment-markdown")
            with Horizontal(id="assignment-buttons"):
                yield Button("Check", id="assignment-check", compact=True)
                yield Button("Start", id="assignment-go", variant="primary", compact=True, disabled=True)
                yield Button("Cancel", id="assignment-cancel", compact=True)
        yield AppFooter()

    def _hint(self) -> Text:
        if not self.paths:
            return Text("Pick a file, or type the code your teacher gave you, then Enter to see the assignment.",
                        style="dim")
        if not self.files:
            return Text("Type the path of the file your teacher gave you, or the code, then Enter.", style="dim")
        return Text("Pick a file, or type a path or a code, then Enter to see the assignment.", style="dim")

    def on_mount(self) -> None:
        if self.source:
            self.query_one("#assignment-source", Input).value = self.source
            if self.check() is not None:
                self.query_one("#assignment-name", Input).focus()
                return
        self.query_one("#assignment-source", Input).focus()

    # ------------------------------------------------------------------ checking
    def check(self) -> Assignment | None:
        """Check what the source field holds; show the assignment or the error sentence."""
        source = self.query_one("#assignment-source", Input).value
        message = self.query_one("#assignment-message", Static)
        try:
            if not self.paths and source.strip() not in {p.name for p in self.files}:
                if not looks_like_code(source.strip()):
                    raise StartError("In the browser, pick an assignment from the list or type its code.")
            assignment = resolve(source, self.assets, getattr(self.app, "saves_folder", None))
        except StartError as error:
            self.assignment, self.checked_source, self.error = None, None, str(error)
            message.update(Text(f"✗ {error}", style="bold red"))
            self.query_one(Markdown).update("")
        else:
            self.assignment, self.checked_source, self.error = assignment, source, None
            text = Text("✓ Found. ", style="bold green")
            text.append("Read the assignment below, type your name, then Start.")
            message.update(text)
            self.query_one(Markdown).update(preview_markdown(assignment))
            self.query_one("#assignment-preview", VerticalScroll).scroll_home(animate=False)
        self.query_one("#assignment-go", Button).disabled = self.assignment is None
        return self.assignment

    @on(Input.Submitted, "#assignment-source")
    def _source_submitted(self) -> None:
        if self.check() is not None:
            self.query_one("#assignment-name", Input).focus()

    @on(Input.Changed, "#assignment-source")
    def _source_changed(self, message: Input.Changed) -> None:
        if self.checked_source is not None and message.value != self.checked_source:
            self.assignment, self.checked_source = None, None
            self.query_one("#assignment-go", Button).disabled = True

    @on(Input.Submitted, "#assignment-name")
    def _name_submitted(self) -> None:
        self.action_start()

    @on(OptionList.OptionSelected, "#assignment-files")
    def _file_picked(self, message: OptionList.OptionSelected) -> None:
        if message.option_id:
            self.query_one("#assignment-source", Input).value = message.option_id
            if self.check() is not None:
                self.query_one("#assignment-name", Input).focus()

    @on(Button.Pressed, "#assignment-check")
    def _check_pressed(self) -> None:
        self.check()

    @on(Button.Pressed, "#assignment-go")
    def _go_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#assignment-cancel")
    def _cancel_pressed(self) -> None:
        self.action_close()

    # ------------------------------------------------------------------ actions
    def action_start(self) -> None:
        """Dismiss with (assignment, name) once the assignment has been shown and a name typed;
        otherwise check and show it, or say what is missing."""
        source = self.query_one("#assignment-source", Input).value
        if self.assignment is None or source != self.checked_source:
            self.check()  # the student sees the assignment before it can start
            return
        name = self.query_one("#assignment-name", Input).value.strip()
        if not name:
            self.query_one("#assignment-message", Static).update(
                Text("✗ Type your name before starting, so your teacher knows whose game it is.", style="bold red"))
            self.query_one("#assignment-name", Input).focus()
            return
        self.dismiss((self.assignment, name))

    def action_close(self) -> None:
        self.dismiss(None)
