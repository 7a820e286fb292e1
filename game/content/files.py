"""Reading content files: TOML with errors located by file and line, and line look-ups.

``tomllib`` gives no positions for values, so ``LineIndex`` scans the file's text for the
``[[scene]]`` / ``[[scene.choice]]`` headers and ``key = ...`` lines to point a writer at the
right line. Never imports textual.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from game import reader
from game.content.errors import ContentError

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def display_name(path: Path, assets_dir: Path) -> str:
    """The path as shown in messages: relative to the folder holding ``assets/``."""
    try:
        return path.resolve().relative_to(assets_dir.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, name: str) -> str:
    """A content file's text through the one reader (a regular file, at most CONTENT_LIMIT
    bytes, UTF-8); raises ContentError (with the line of a bad byte) if it cannot be read."""
    try:
        return reader.read_text(path, reader.CONTENT_LIMIT, "content file")
    except reader.ReadError as error:
        message = str(error)
        shown = path.name
        if message.startswith(shown):  # the file is named by the ContentError already
            message = message[len(shown):].lstrip(" :")
        raise ContentError(message.rstrip("."), name, error.line) from None


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes a ContentError at tomllib's line, and values
    nested deeper than the reader's MAX_DEPTH are refused."""
    try:
        value = tomllib.loads(text)
    except RecursionError:
        raise ContentError(f"values nest more than {reader.MAX_DEPTH} levels deep", name) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _AT_LINE.search(message)
        line = int(match.group(1)) if match else None
        plain = _AT_LINE.sub("", message).strip().rstrip(".")
        raise ContentError(f"TOML syntax error: {plain}", name, line) from None
    except ValueError:  # a number too long to read
        raise ContentError("a value cannot be read (a number with too many digits?)", name) from None
    if reader.depth(value) > reader.MAX_DEPTH:
        raise ContentError(f"values nest more than {reader.MAX_DEPTH} levels deep", name)
    return value


class LineIndex:
    """Finds the line of array-of-tables headers and of keys inside them (1-based)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._headers: dict[str, list[int]] = {}  # one scan per table: a file of 3,000 scenes stays linear

    def headers(self, table: str) -> list[int]:
        """Lines of every ``[[table]]`` header, in file order."""
        if table not in self._headers:
            pattern = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]\s*(#.*)?$")
            self._headers[table] = [i + 1 for i, line in enumerate(self.lines) if pattern.match(line)]
        return self._headers[table]

    def entry_span(self, table: str, index: int) -> tuple[int | None, int]:
        """(first line, line after the last) of the index-th ``[[table]]`` entry."""
        heads = self.headers(table)
        if index >= len(heads):
            return None, len(self.lines) + 1
        end = heads[index + 1] if index + 1 < len(heads) else len(self.lines) + 1
        return heads[index], end

    def sub_entry(self, table: str, index: int, sub: str, sub_index: int) -> int | None:
        """Line of the sub_index-th ``[[table.sub]]`` header inside entry ``index``."""
        start, end = self.entry_span(table, index)
        if start is None:
            return None
        inside = [n for n in self.headers(f"{table}.{sub}") if start < n < end]
        return inside[sub_index] if sub_index < len(inside) else start

    def key(self, key: str, start: int | None, end: int | None = None) -> int | None:
        """Line of the first ``key = ...`` at or after ``start`` (before ``end``)."""
        if start is None:
            return None
        pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
        stop = min(end or len(self.lines) + 1, len(self.lines) + 1)
        for n in range(start, stop):
            if pattern.match(self.lines[n - 1]):
                return n
        return start

    def find(self, needle: str, start: int | None, end: int | None = None) -> int | None:
        """Line of the first occurrence of ``needle`` at or after ``start``."""
        if start is None:
            return None
        stop = min(end or len(self.lines) + 1, len(self.lines) + 1)
        for n in range(start, stop):
            if needle in self.lines[n - 1]:
                return n
        return start
