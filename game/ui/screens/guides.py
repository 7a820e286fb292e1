"""The teacher's and the student's guide in the game: a Markdown file in a viewer with a table
of contents (shown from 100 columns, ``t`` toggles it). A missing or unreadable file shows one
sentence instead of the guide.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Markdown, MarkdownViewer, Static

from game.paths import assets_dir
from game.ui.widgets.cached import AppFooter

TOC_FROM_WIDTH = 100  # below this the table of contents starts hidden, so the text keeps its width


class GuideViewer(MarkdownViewer):
    """A MarkdownViewer whose links never crash the game: web links go to the browser, anchors
    scroll, and a local file that cannot be read is reported in a notification."""

    async def _on_markdown_link_clicked(self, message: Markdown.LinkClicked) -> None:
        message.stop()
        href = message.href
        if "://" in href or href.startswith("mailto:"):
            self.app.open_url(href)
            return
        try:
            await self.go(href)
        except (OSError, UnicodeDecodeError):
            self.notify(f"{href} cannot be opened here.", severity="warning")


class GuideScreen(Screen[None]):
    """One guide (a Markdown file) with its table of contents."""

    DEFAULT_CSS = """
    GuideScreen #guide-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    GuideScreen GuideViewer { height: 1fr; scrollbar-size-vertical: 1; }
    GuideScreen GuideViewer > MarkdownTableOfContents { max-width: 32; }
    GuideScreen GuideViewer Markdown { padding: 0 1; }
    GuideScreen #guide-missing { height: 1fr; padding: 1 2; }
    """

    BINDINGS = [
        Binding("t", "toggle_contents", "Contents", id="guide.contents"),
        Binding("escape", "close", "Back", id="guide.close"),
    ]

    def __init__(self, title: str, path: Path) -> None:
        super().__init__()
        self.guide_title = title
        self.path = Path(path)
        self.error: str | None = None
        self.markdown = ""
        try:
            self.markdown = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.error = f"The {title.lower()} is not installed: {self.path} was not found."
        except (OSError, UnicodeDecodeError) as exc:
            self.error = f"The {title.lower()} cannot be read from {self.path} ({exc})."

    def compose(self) -> ComposeResult:
        yield Static(self.guide_title if self.error else f"{self.guide_title}  ({self.path.name})", id="guide-title")
        if self.error is not None:
            yield Static(Text(self.error), id="guide-missing")
        else:
            yield GuideViewer(self.markdown, show_table_of_contents=False, id="guide-viewer")
        yield AppFooter()

    def on_mount(self) -> None:
        if self.error is None:
            viewer = self.query_one(GuideViewer)
            viewer.show_table_of_contents = self.app.size.width >= TOC_FROM_WIDTH
            viewer.document.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_contents":
            return self.error is None  # no contents to show when the guide is missing
        return True

    def action_toggle_contents(self) -> None:
        if self.error is None:
            viewer = self.query_one(GuideViewer)
            viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_close(self) -> None:
        self.dismiss(None)


def teacher_guide() -> GuideScreen:
    """The teacher's guide: assignments, codes, lesson plans."""
    return GuideScreen("Teacher's guide", assets_dir() / "docs" / "teacher-guide.md")


def student_guide() -> GuideScreen:
    """The student's guide: how to start, keys, commands, what to watch."""
    return GuideScreen("Student's guide", assets_dir() / "docs" / "student-guide.md")
