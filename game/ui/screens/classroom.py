"""Classroom modals for an assignment game: a reflection question (a TextArea and Submit) and a
notice (the stop point, where the report was written). Neither changes the game: the question
dismisses with the text and the app applies the ``Answer`` through its one door.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from game.ui.widgets.cached import AppFooter

MAX_ANSWER = 10_000  # the session refuses longer answers


class QuestionScreen(ModalScreen[str]):
    """One reflection question; dismisses with the answer (never empty)."""

    DEFAULT_CSS = """
    QuestionScreen { align: center middle; }
    QuestionScreen #question-dialog {
        width: 100%; max-width: 100; height: 100%; max-height: 30;
        border: round $primary; background: $surface; padding: 0 1;
    }
    QuestionScreen #question-title { height: 1; text-style: bold; }
    QuestionScreen #question-text { height: auto; max-height: 9; scrollbar-size-vertical: 1; }
    QuestionScreen #question-answer { height: 1fr; min-height: 4; }
    QuestionScreen #question-message { height: auto; }
    QuestionScreen #question-buttons { height: 1; align-horizontal: right; }
    """

    BINDINGS = [
        Binding("ctrl+o", "submit", "Submit the answer", id="question.submit"),
    ]

    def __init__(self, question_id: str, when: str, text: str, number: int = 1, of: int = 1, draft: str = "") -> None:
        super().__init__()
        self.question_id = question_id
        self.when = when
        self.text = text
        self.number, self.of = number, of
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(id="question-dialog"):
            count = f" {self.number} of {self.of}" if self.of > 1 else ""
            yield Static(f"Question{count} ({self.when})", id="question-title")
            with VerticalScroll(id="question-text"):
                yield Static(Text(self.text), id="question-body")
            yield TextArea(self.draft, id="question-answer", soft_wrap=True, show_line_numbers=False)
            yield Static(Text("Write 3-5 sentences; Tab then Enter on Submit, or ctrl+o, hands it in.", style="dim"),
                         id="question-message")
            with Horizontal(id="question-buttons"):
                yield Button("Submit", id="question-submit", variant="primary", compact=True)
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#question-answer", TextArea).focus()

    @property
    def answer(self) -> str:
        return self.query_one("#question-answer", TextArea).text.strip()

    def _say(self, text: str) -> None:
        self.query_one("#question-message", Static).update(Text(f"✗ {text}", style="bold"))

    @on(Button.Pressed, "#question-submit")
    def _submit_pressed(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        answer = self.answer
        if not answer:
            self._say("Write your answer first: your teacher reads it in your report.")
            self.query_one("#question-answer", TextArea).focus()
            return
        if len(answer) > MAX_ANSWER:
            self._say(f"That is {len(answer):,} characters; keep the answer under {MAX_ANSWER:,}.")
            return
        self.dismiss(answer)


class NoticeScreen(ModalScreen[None]):
    """A titled message with one OK button; Enter or Escape closes it."""

    DEFAULT_CSS = """
    NoticeScreen { align: center middle; }
    NoticeScreen #notice-dialog {
        width: 100%; max-width: 76; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    NoticeScreen #notice-title { height: auto; text-style: bold; margin-bottom: 1; }
    NoticeScreen #notice-text { height: auto; margin-bottom: 1; }
    NoticeScreen #notice-buttons { height: 1; align-horizontal: right; }
    """

    BINDINGS = [
        Binding("escape", "close", "OK", id="notice.close"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.notice_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="notice-dialog"):
            yield Static(Text(self.notice_title), id="notice-title")
            yield Static(Text(self.text), id="notice-text")
            with Horizontal(id="notice-buttons"):
                yield Button("OK", id="notice-ok", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#notice-ok", Button).focus()

    def set_text(self, text: str, title: str | None = None) -> None:
        """Change the message (and the title) shown; nothing if the notice was closed already."""
        self.text = text
        if title is not None:
            self.notice_title = title
        if self.is_attached:
            self.query_one("#notice-text", Static).update(Text(text))
            self.query_one("#notice-title", Static).update(Text(self.notice_title))

    @on(Button.Pressed, "#notice-ok")
    def _ok(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A question with two answers: dismisses with True (the first button) or False (the second,
    or Escape). Used for "continue Amy Chen's game?" (``game.session.start.NameTaken``)."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen #confirm-dialog {
        width: 100%; max-width: 76; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ConfirmScreen #confirm-text { height: auto; margin-bottom: 1; }
    ConfirmScreen #confirm-hint { height: auto; margin-bottom: 1; }
    ConfirmScreen #confirm-buttons { height: 1; align-horizontal: right; }
    ConfirmScreen #confirm-buttons Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape", "no", "Back", id="confirm.no"),
    ]

    def __init__(self, text: str, hint: str, yes: str, no: str) -> None:
        super().__init__()
        self.text, self.hint, self.yes, self.no = text, hint, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(Text(self.text), id="confirm-text")
            yield Static(Text(self.hint, style="dim"), id="confirm-hint")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes, id="confirm-yes", variant="primary", compact=True)
                yield Button(self.no, id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.action_no()

    def action_no(self) -> None:
        self.dismiss(False)
