"""The one exception type for mistakes in content files.

A ``ContentError`` names the file and line a writer must fix and says what is wrong in one
plain sentence, so the front ends and ``hightide content check`` can show it without a
traceback. Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass


class ContentError(Exception):
    """A mistake in a content file (or a content expression), with its location if known."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def located(self, file: str | None, line: int | None) -> ContentError:
        """This error with a file and line filled in (keeps any location already set)."""
        return ContentError(
            self.message,
            self.file if self.file is not None else file,
            self.line if self.line is not None else line,
        )

    def __str__(self) -> str:
        if self.file is None:
            return self.message
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"

    def __reduce__(self):  # keep pickling/copying working with our extra arguments
        return (ContentError, (self.message, self.file, self.line))


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of the checker: an error or a warning at a file and line."""

    file: str
    line: int | None
    message: str

    @classmethod
    def from_error(cls, error: ContentError) -> Problem:
        return cls(error.file or "?", error.line, error.message)

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"
