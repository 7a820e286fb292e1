"""The epilogue: several axes judged separately (no single score), the player's village set
against the historical record, what the other role would have seen, and 1957-58 told in text.
Reads ``views.epilogue``; never changes the game.
"""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.session import views
from game.session.game import Session
from game.ui.screens.debrief import DebriefPanel
from game.ui.screens.season import VIEW_BINDINGS
from game.ui.widgets.cached import AppFooter


def axes_table(view: views.EpilogueView) -> Table:
    table = Table(expand=True, show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("Axis", ratio=2, overflow="fold", style="bold")
    table.add_column("Verdict", ratio=2, overflow="fold")
    table.add_column("Detail", ratio=5, overflow="fold")
    for axis in view.axes:
        table.add_row(axis.name, axis.verdict, axis.detail)
    return table


class EpilogueScreen(Screen):
    """How it ended, judged on several axes."""

    BINDINGS = [
        Binding("enter", "title", "Title screen", id="epilogue.title"),
        Binding("a", "answer", "Answer the question", id="epilogue.answer"),
        Binding("r", "replay", "Replay this game", id="epilogue.replay"),
        *VIEW_BINDINGS,
        Binding("q", "app.quit", "Quit", id="epilogue.quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        view = views.epilogue(self.session)
        yield Static(f"Epilogue: {self.session.setup.player}, 1957-1958", classes="screen-title")
        with VerticalScroll(id="epilogue-body"):
            yield Static("No single score: each axis on its own.", classes="note")
            yield Static(axes_table(view), id="axes")
            yield Static("Your village and the historical record", classes="section-title")
            yield Static("\n".join(f"• {line}" for line in view.record), markup=False, id="record")
            yield Static("What the other role would have seen", classes="section-title")
            yield Static(view.other_view, markup=False, id="other-view")
            yield Static("After 1956", classes="section-title")
            yield Static(view.epilogue_text, markup=False, id="epilogue-text")
            yield Static("Choice or luck?", classes="section-title")
            yield DebriefPanel(self.session, id="debrief")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#epilogue-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":  # only in an assignment game with a final question still open
            app = self.app
            return app.session is self.session and bool(getattr(app, "pending_questions", lambda final: [])(final=True))
        return True

    def action_answer(self) -> None:
        self.app.answer_final_questions()

    def action_title(self) -> None:
        if self.check_action("answer", ()):
            self.notify("First answer your teacher's final question: press a.", severity="warning")
            return
        self.app.back_to_title()

    def action_replay(self) -> None:
        from game.session import saves

        path = saves.autosave_path(self.session, self.app.saves_folder)
        self.app.replay_game(path)

    def action_view(self, name: str) -> None:
        self.app.open_view(name)
