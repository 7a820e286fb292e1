"""The save picker (for Load and Replay) and the small name prompt used to save a game or to
name a branch. Lists saves without replaying them; a damaged file is listed with its one-sentence
problem and is refused by the app with that sentence, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.session import saves
from game.sim.params import N_SEASONS, season_label
from game.ui.widgets.cached import AppFooter


def describe(path: Path) -> str:
    """'name · Summer 1954 · 2026-01-05 10:22' or the file's problem."""
    try:
        save_file = saves.read(path)
    except saves.SaveError as error:
        return f"{path.name}\n  damaged: {error}"
    try:
        season = int(json.loads(path.read_text(encoding="utf-8")).get("season", 0))
    except (OSError, ValueError, TypeError):
        season = 0
    when = "Epilogue" if season >= N_SEASONS else season_label(season)
    who = save_file.setup.household or save_file.setup.role
    return f"{save_file.name or path.stem} · {save_file.setup.player} · {who}\n  {when} · seed {save_file.setup.seed} · {save_file.saved_at.replace('T', ' ')}"


class LoadScreen(ModalScreen[Path | None]):
    """Pick a save from the folder, or type a path (not when served: ``typed=False`` lists the
    student's folder only and names no path)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="load.cancel")]

    def __init__(self, folder: Path, title: str = "Load which game?", typed: bool = True) -> None:
        super().__init__()
        self.typed = typed
        self.folder = Path(folder)
        self.heading = title
        self.paths = saves.list_saves(self.folder) if self.folder.is_dir() else []

    def compose(self) -> ComposeResult:
        with Vertical(id="load-box", classes="dialog"):
            yield Static(self.heading, classes="screen-title")
            if self.paths:
                yield OptionList(*[Option(describe(p), id=str(i)) for i, p in enumerate(self.paths)], id="saves")
            elif self.typed:
                yield Static(f"No saves in {self.folder} yet.", classes="note", markup=False)
            else:
                yield Static("No saved games in your folder yet. Escape to go back.", classes="note")
            if self.typed:
                yield Label("Or type the path of a save file:")
                yield Input(placeholder="path/to/game.hightide.json", id="path")
        yield AppFooter()

    def on_mount(self) -> None:
        if self.paths:
            self.query_one("#saves").focus()
        elif self.typed:
            self.query_one("#path").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.paths[int(event.option.id)])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text and self.typed:
            self.dismiss(Path(text).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


class NameScreen(ModalScreen[str | None]):
    """Ask for a name (for a save or a branch)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="name.cancel")]

    def __init__(self, question: str, default: str = "") -> None:
        super().__init__()
        self.question = question
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box", classes="dialog"):
            yield Label(self.question)
            yield Input(self.default, id="name", max_length=40)
            yield Static("Enter to confirm, Escape to cancel.", classes="note")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name:
            self.notify("Type a name first.", severity="warning")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
