"""What 'download save', 'download report' and 'open report|SOURCE' hand over, for both front
ends: the file is always written in the player's saves folder first (the save as an autosave,
the report beside it as ``NAME.report.md`` and ``NAME.report.html``, the hand-in page that embeds
the save), then a browser gets its text (``App.deliver_text``) and a terminal or line mode says
where it is. A source opens at its web address. Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.session import saves
from game.typed import quote

if TYPE_CHECKING:
    from game.session.assignment import Assignment
    from game.session.game import Session


class DownloadError(Exception):
    """Something that cannot be handed over; one sentence."""


@dataclass(frozen=True)
class Delivery:
    """A file written in the player's folder and its text, ready to hand to a browser."""

    path: Path
    text: str
    mime: str

    @property
    def filename(self) -> str:
        return self.path.name


def save_file(session: Session, folder: Path) -> Delivery:
    """The game saved now (its autosave) and the save's text."""
    path = saves.autosave(session, Path(folder))
    return Delivery(path, path.read_text(encoding="utf-8"), "application/json")


def report_file(session: Session, folder: Path, assignment: Assignment | None = None) -> Delivery:
    """The game saved now, and its report written beside the save (Markdown and the HTML hand-in);
    the HTML page's text."""
    from game.session import report

    path = saves.autosave(session, Path(folder))
    _md, page = report.write_beside(session, path, assignment=assignment)
    return Delivery(page, page.read_text(encoding="utf-8"), "text/html")


def source_url(session: Session, word: str) -> tuple[str, str]:
    """(source id, web address) of a source named by its id ('S1', 's1'); DownloadError with one
    sentence if there is no such source or it has no web address (then its citation is said)."""
    sources = session.bundle.sources
    found = next((s for s in sources if s.lower() == word.strip().lower()), None)
    if found is None:
        raise DownloadError(f"There is no source {quote(word, 20)}; sources are named like S1 in the documents "
                            "and the glossary.")
    url = getattr(sources[found], "url", "") or ""
    if not url:
        raise DownloadError(f"Source {found} has no web address: {sources[found].citation}")
    return found, url


def source_ids_with_url(session: Session) -> list[str]:
    return sorted(s for s, source in session.bundle.sources.items() if getattr(source, "url", ""))
