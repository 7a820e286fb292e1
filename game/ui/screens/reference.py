"""Reference screens: the glossary (searchable), the document reader and the timeline.

All three read ``session.bundle`` (content loaded from ``assets/``) and ``session.documents``
(the ids the player has met). Chinese characters are double width: every width here comes from
Rich's cell measurement, never from ``len()``.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from game.content.model import Document, GlossaryEntry, TimelineEntry
from game.session import views
from game.session.game import Session
from game.sim.params import N_SEASONS, season_label
from game.ui.widgets.cached import AppFooter

REFERENCE_CSS = """
.ref-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
.ref-list { width: 34; height: 1fr; }
.ref-side { width: 1fr; height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
"""
SEASON_WORDS = ("spring", "summer", "autumn", "winter")


def cited(sources: tuple[str, ...]) -> str:
    return f"Sources: {', '.join(sources)}" if sources else "Sources: —"


# ------------------------------------------------------------------ glossary
def glossary_matches(entry: GlossaryEntry, query: str) -> bool:
    """True if every word of the query occurs in the term, characters, pinyin or gloss."""
    haystack = " ".join((entry.term, entry.hanzi, entry.pinyin, entry.gloss)).casefold()
    return all(word in haystack for word in query.casefold().split())


def glossary_entry_text(entry: GlossaryEntry) -> Text:
    text = Text()
    text.append(entry.term, style="bold")
    text.append(f"  {entry.hanzi}", style="bold yellow")
    text.append(f"  {entry.pinyin}\n\n", style="italic")
    text.append(entry.gloss)
    text.append(f"\n\n{cited(entry.sources)}", style="dim")
    return text


class GlossaryScreen(Screen[None]):
    """The glossary: type to filter by term, characters, pinyin or gloss; the entry shows on the right."""

    DEFAULT_CSS = REFERENCE_CSS + """
    GlossaryScreen #glossary-search { width: 100%; }
    GlossaryScreen #glossary-list { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="glossary.close"),
        Binding("ctrl+f", "search", "Search", id="glossary.search"),
    ]

    def __init__(self, session: Session, query: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.query_text = query or ""  # a word typed after 'glossary' at the prompt
        self.entries = sorted(session.bundle.glossary, key=lambda e: e.term.casefold())
        self.shown: list[GlossaryEntry] = list(self.entries)

    def compose(self) -> ComposeResult:
        yield Static(f"Glossary: {len(self.entries)} terms", classes="ref-title", id="glossary-title")
        with Horizontal():
            with Vertical(classes="ref-list"):
                yield Input(self.query_text, placeholder="search (term, 汉字, pinyin)", id="glossary-search")
                yield OptionList(id="glossary-list")
            with VerticalScroll(classes="ref-side"):
                yield Static(id="glossary-entry")
        yield AppFooter()

    def on_mount(self) -> None:
        self._fill(self.query_text)
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        self.shown = [e for e in self.entries if glossary_matches(e, query)]
        options = self.query_one("#glossary-list", OptionList)
        options.clear_options()
        options.add_options([Option(self._prompt(e), id=e.id) for e in self.shown])
        self.query_one("#glossary-title", Static).update(
            f"Glossary: {len(self.shown)} of {len(self.entries)} terms" + (f" matching '{query}'" if query else ""))
        if self.shown:
            options.highlighted = 0
            self._show(self.shown[0])
        else:
            self.query_one("#glossary-entry", Static).update(Text("No term matches. Clear the search to see all.", style="dim"))

    @staticmethod
    def _prompt(entry: GlossaryEntry) -> Text:
        text = Text(entry.term)
        text.append(f" {entry.hanzi}", style="yellow")
        return text

    def _show(self, entry: GlossaryEntry) -> None:
        self.query_one("#glossary-entry", Static).update(glossary_entry_text(entry))

    def on_input_changed(self, message: Input.Changed) -> None:
        self._fill(message.value.strip())

    def on_input_submitted(self, message: Input.Submitted) -> None:
        self.query_one("#glossary-list", OptionList).focus()

    def on_option_list_option_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        entry = next((e for e in self.shown if e.id == message.option_id), None)
        if entry is not None:
            self._show(entry)

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)


# ------------------------------------------------------------------ documents
def document_markdown(document: Document, met: bool) -> str:
    """The document as Markdown: title, date, author, provenance, sources, then the body."""
    lines = [f"# {document.title}", "", f"**{document.date}** · {document.author}" + (f" · {document.kind}" if document.kind else ""), ""]
    if not met:
        lines += ["> *You have not met this document in the game yet.*", ""]
    lines += [f"*Provenance:* {document.provenance}", "", f"*{cited(document.sources)}*", ""]
    if document.url:
        lines += [f"*Original:* {document.url}", ""]
    lines += ["---", "", document.body.strip()]
    return "\n".join(lines)


class DocumentsScreen(Screen[None]):
    """The document reader: documents met (●) and not yet met (○, greyed) on the left, the text on the right."""

    DEFAULT_CSS = REFERENCE_CSS + """
    DocumentsScreen #documents-list { width: 34; height: 1fr; }
    DocumentsScreen #documents-view { width: 1fr; height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    DocumentsScreen #documents-view Markdown { margin: 0; padding: 0; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="documents.close"),
        Binding("tab", "app.focus_next", "Switch pane", show=True, id="documents.focus_next"),
    ]

    def __init__(self, session: Session, document_id: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.met = set(session.documents)
        self.documents = [session.bundle.documents[i] for i in views.document_order(session)]
        ids = [d.id for d in self.documents]
        self.document_id = document_id if document_id in ids else (session.documents[-1] if session.documents else None)

    def compose(self) -> ComposeResult:
        yield Static(f"Documents: {len(self.met)} met of {len(self.documents)}   ● met  ○ not yet met",
                     classes="ref-title", id="documents-title")
        with Horizontal():
            yield OptionList(*(Option(self._prompt(d), id=d.id) for d in self.documents), id="documents-list")
            with VerticalScroll(id="documents-view"):
                yield Markdown(id="documents-markdown")
        yield AppFooter()

    def _prompt(self, document: Document) -> Text:
        met = document.id in self.met
        text = Text()
        text.append("● " if met else "○ ", style="bold green" if met else "dim")
        text.append(document.date[:7] + " ", style="" if met else "dim")
        text.append(document.title, style="bold" if met else "dim")
        return text

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.document_id is not None:
            options.highlighted = next(i for i, d in enumerate(self.documents) if d.id == self.document_id)
            self.open(self.document_id)
        else:
            self.query_one(Markdown).update("*No document opened yet.* Choose one on the left and press Enter.\n\n"
                                            "Documents marked ● have come up in your game; ○ not yet.")

    def open(self, document_id: str) -> None:
        """Show one document in the reader."""
        document = self.session.bundle.documents[document_id]
        self.document_id = document_id
        self.query_one(Markdown).update(document_markdown(document, document_id in self.met))
        self.query_one("#documents-view", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        if message.option_id:
            self.open(message.option_id)

    def action_close(self) -> None:
        self.dismiss(None)


# ------------------------------------------------------------------ timeline
def season_of(date: str) -> int | None:
    """The season index (0 = spring 1953) of a date such as '1955-07-31', '1955-07' or '1954-autumn'; None
    for a bare year or a date outside 1953-1956."""
    match = re.match(r"(\d{4})(?:-(\d{2}|[a-z]+))?", date)
    if not match or match.group(2) is None:
        return None
    year, part = int(match.group(1)), match.group(2)
    if part.isdigit():
        month = int(part)
        season = {1: 3, 2: 3, 12: 3}.get(month, (month - 3) // 3)
        if month in (1, 2):
            year -= 1
    elif part in SEASON_WORDS:
        season = SEASON_WORDS.index(part)
    else:
        return None
    t = (year - 1953) * 4 + season
    return t if 0 <= t < N_SEASONS else None


def before_season(date: str, t: int) -> bool:
    """True if an event of ``date`` ('1950-06', '1952', '1955-07-31', '1958-autumn') came before season t."""
    match = re.match(r"(\d{4})", date)
    if not match:
        return False
    year, now_year = int(match.group(1)), 1953 + t // 4
    season = season_of(date)
    if season is None:
        return year < now_year
    return season < t


class TimelineScreen(Screen[None]):
    """The real events of 1950-1958, the ones of the current season highlighted and marked ▶."""

    DEFAULT_CSS = REFERENCE_CSS + """
    TimelineScreen #timeline-list { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="timeline.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.now = min(session.t, N_SEASONS - 1)
        self.entries: tuple[TimelineEntry, ...] = session.bundle.timeline

    def compose(self) -> ComposeResult:
        yield Static(f"Timeline: ▶ marks {season_label(self.now)}, the season you are in", classes="ref-title")
        yield OptionList(*(Option(self._prompt(e), id=str(i)) for i, e in enumerate(self.entries)), id="timeline-list")
        yield AppFooter()

    def _prompt(self, entry: TimelineEntry) -> Text:
        now = season_of(entry.date) == self.now
        text = Text()
        text.append("▶ " if now else "  ", style="bold yellow")
        text.append(f"{entry.date:<11} ", style="bold yellow" if now else "bold")
        text.append(entry.title, style="bold reverse" if now else "bold")
        if entry.text:
            text.append(f"\n{entry.text}", style="" if now else "dim")
        text.append(f"  ({', '.join(entry.sources)})" if entry.sources else "", style="dim")
        return text

    @property
    def current(self) -> list[int]:
        """Indices of the entries that fall in the current season."""
        return [i for i, e in enumerate(self.entries) if season_of(e.date) == self.now]

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        current = self.current
        if current:
            options.highlighted = current[0]
        else:  # the last entry before now, so the reader lands in the right place (1953, not 1958)
            before = [i for i, e in enumerate(self.entries) if before_season(e.date, self.now)]
            options.highlighted = before[-1] if before else 0

    def action_close(self) -> None:
        self.dismiss(None)
