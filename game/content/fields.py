"""Field-by-field validation of one TOML table (a scene, a choice, a character ...).

``Table`` wraps the parsed dict of one ``[[...]]`` entry with its file and line span, reads
typed fields and records every mistake as a located ``ContentError`` instead of stopping at
the first, so the checker can report all of them in one run. Also checks ``{variable}``
text templates. Never imports textual.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from game.content.errors import ContentError
from game.content.files import LineIndex
from game.content.names import TEXT_VARIABLES
from game.content.template import TEMPLATE, slot_variables

T = TypeVar("T")

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def template_names(text: str) -> list[str]:
    """The ``{variable}`` names used in a text (``{{`` and ``}}`` are literal braces)."""
    return [m.group(1) for m in TEMPLATE.finditer(text) if m.group(1) is not None]


class Table:
    """One table of a content file, with helpers that read fields and record errors."""

    def __init__(
        self,
        data: Any,
        file: str,
        lines: LineIndex,
        start: int | None,
        end: int | None,
        what: str,
        errors: list[ContentError],
    ) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.file = file
        self.lines = lines
        self.start = start
        self.end = end
        self.what = what
        self.errors = errors
        self.ok = True
        if not isinstance(data, dict):
            self.fail(f"each {what} must be a table")

    def line(self, key: str | None = None) -> int | None:
        """The line of ``key`` in this table (or of the table itself)."""
        if key is None:
            return self.start
        return self.lines.key(key, self.start, self.end)

    def fail(self, message: str, key: str | None = None, line: int | None = None) -> None:
        """Record an error at ``line``, else at the line of ``key``, else at the table."""
        self.errors.append(ContentError(message, self.file, line or self.line(key)))
        self.ok = False

    def only(self, allowed: Iterable[str]) -> None:
        """Report keys this kind of table does not have (usually typos)."""
        allowed = set(allowed)
        for key in self.data:
            if key not in allowed:
                self.fail(f"unknown key '{key}' in {self.what}", key)

    def get(self, key: str, kind: type | tuple[type, ...], required: bool, label: str,
            default: Any = None) -> Any:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(f"{self.what} is missing '{key}'")
            return default
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            self.fail(f"'{key}' must be {label}", key)
            return default
        if not isinstance(value, kind):
            self.fail(f"'{key}' must be {label}", key)
            return default
        return value

    def text(self, key: str, required: bool = True, default: str | None = None) -> str | None:
        return self.get(key, str, required, "a quoted string", default)

    def integer(self, key: str, required: bool = False, default: int | None = None) -> int | None:
        return self.get(key, int, required, "a whole number", default)

    def boolean(self, key: str, default: bool = False) -> bool:
        return self.get(key, bool, False, "true or false", default)

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key)
        if value is not None and not ID_PATTERN.match(value):
            self.fail(f"{key} '{value}' must be lowercase letters, digits, '_' or '-'", key)
        return value

    def choice_of(self, key: str, values: Iterable[Any], required: bool = True,
                  default: Any = None) -> Any:
        values = tuple(values)
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(f"{self.what} is missing '{key}'")
            return default
        if value not in values or isinstance(value, bool):
            shown = ", ".join(str(v) for v in values)
            self.fail(f"'{key}' must be one of {shown}, not {value!r}", key)
            return default
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"'{key}' must be a list of quoted strings", key)
            return ()
        return tuple(value)

    def parsed(self, key: str, parse: Callable[[Any], T], value: Any = None,
               line: int | None = None) -> T | None:
        """Run a parser (condition or effect) on a field; its ContentError gets this location."""
        if value is None:
            value = self.data.get(key)
        if value is None:
            return None
        try:
            return parse(value)
        except ContentError as error:
            shown = value if isinstance(value, str) else repr(value)
            self.fail(f"in {key} \"{shown}\": {error.message}", key, line)
            return None

    def template(self, key: str, value: str | None) -> None:
        """Check the ``{variable}`` names of a text field against the README's list."""
        if not value:
            return
        for slot in template_names(value):
            where = self.lines.find("{" + slot + "}", self.line(key), self.end)
            try:
                names = slot_variables(slot)
            except ContentError as error:
                self.fail(f"{error.message} in {key}", key, where)
                continue
            for name in names:
                if name not in TEXT_VARIABLES:
                    self.fail(f"unknown text variable '{{{name}}}' in {key}", key, where)
