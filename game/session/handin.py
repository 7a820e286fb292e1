"""A hand-in is one file a student gives the teacher: a save (``.hightide.json``) or the HTML
report that embeds it. ``open_handin`` checks either the same way: the save is replayed and its
digests and seal checked; a report's page must also be exactly the one its save makes; and the
signature, if the save has one, is checked against the teacher's key when one is at hand.
Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.reader import SAVE_LIMIT, ReadError, read_text
from game.session import saves, signing
from game.session.assignment import Assignment
from game.typed import quote

REPORT_SUFFIXES = (".html", ".htm")
REPORT_LIMIT = SAVE_LIMIT + 3_000_000  # the save, escaped, and the page around it


@dataclass(frozen=True)
class Handin:
    path: Path
    label: str  # the file's name as messages show it
    kind: str  # "save" or "report"
    verdict: saves.Verdict
    assignment: Assignment | None = None  # the assignment a report embeds
    signature: tuple[str, str] | None = None  # (signing status, sentence), when the save could be read
    page: str | None = None  # a report's page: report.MATCHES, EDITED or OTHER_VERSION (None for a save)

    @property
    def signature_status(self) -> str | None:
        return self.signature[0] if self.signature else None


def is_report(path: Path) -> bool:
    return Path(path).suffix.lower() in REPORT_SUFFIXES


def open_handin(path: Path, assets: Path | None = None, key: signing.SigningKey | None = None) -> Handin:
    """Check a save or a report (never raises for a bad file: the verdict says what is wrong)."""
    from game.session import report

    path = Path(path)
    label = quote(path.name, 60).strip("'")
    assignment = page = None
    if is_report(path):
        kind = "report"
        try:
            text = read_text(path, REPORT_LIMIT, "High Tide report")
            verdict, assignment, page = report.check_html(text, label, assets)
        except ReadError as error:
            verdict = saves.Verdict(False, str(error))
        except saves.SaveError as error:
            verdict = saves.Verdict(False, str(error))
    else:
        kind = "save"
        verdict = saves.verify(path, assets)
    signature = None
    if verdict.save_file is not None and verdict.save_file.format >= 2:
        raw = verdict.save_file.raw
        signature = signing.check(saves.seal_body(raw), raw.get("signature"), key)
    return Handin(path, label, kind, verdict, assignment, signature, page)
