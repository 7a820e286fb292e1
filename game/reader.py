"""The one reader for every file the game opens: saves, assignments, content, scenarios.

A read never blocks and never runs away: only regular files are read (a FIFO, a device, a
folder or a symlink to ``/dev/zero`` is refused after a non-blocking open, before any byte is
read), at most ``limit`` bytes are read, the text must be UTF-8, and parsed JSON or TOML may nest
at most ``MAX_DEPTH`` levels. Every refusal is a ``ReadError`` whose message is one sentence
naming the file; callers turn it into their own error type (``SaveError``, ``AssignmentError``,
``ContentError``).

Writers check what they are about to write against the same limits (``check_json``), so the game
never writes a file it could not read back. This module must never import textual, numpy or the
game's layers: it sits below them.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from game.typed import quote, with_article

MAX_DEPTH = 24  # a save nests 4 levels, content 5; anything deeper is hostile or broken
SAVE_LIMIT = 5_000_000
ASSIGNMENT_LIMIT = 256_000
CONTENT_LIMIT = 2_000_000  # the largest content file is a few tens of kilobytes

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class ReadError(Exception):
    """A file that cannot be read within the limits; the message is one sentence."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line  # for a TOML syntax error or bad UTF-8: the line it is on


def _name(path: Path) -> str:
    """The file as a message names it: its name, visible and at most 60 characters."""
    return quote(path.name or str(path), 60).strip("'")


def read_bytes(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """At most ``limit`` bytes of a regular file; refuses anything else without blocking."""
    path = Path(path)
    shown = _name(path)
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    except FileNotFoundError:
        raise ReadError(f"{quote(path, 80).strip(chr(39))} does not exist; check the file name.") from None
    except IsADirectoryError:
        raise ReadError(f"{shown} is a folder, not {with_article(what)}.") from None
    except OSError as error:
        raise ReadError(f"{shown} cannot be read ({error.strerror or 'error'}).") from None
    except ValueError:  # a NUL byte in the name
        raise ReadError(f"{shown} is not a file name the system accepts (it contains a NUL byte).") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(f"{shown} is a folder, not {with_article(what)}.")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"{shown} is not a regular file (a pipe, a device or a socket); give the path of {with_article(what)}.")
        if info.st_size > limit:
            raise ReadError(f"{shown} is too large to be {with_article(what)} ({info.st_size:,} bytes; the limit is {limit:,}).")
        chunks, total = [], 0
        while total <= limit:  # the size can change while reading: never read more than limit + 1
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            except BlockingIOError:  # pragma: no cover - regular files do not block
                continue
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise ReadError(f"{shown} is too large to be {with_article(what)} (more than {limit:,} bytes).")
        return b"".join(chunks)
    except OSError as error:
        raise ReadError(f"{shown} cannot be read ({error.strerror or 'error'}).") from None
    finally:
        os.close(fd)


def decode(data: bytes, path: str | os.PathLike[str], what: str = "file") -> str:
    """UTF-8 text, or a ReadError saying where the first bad byte is."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ReadError(f"{_name(Path(path))} is not {with_article(what)}: it is not UTF-8 text (a bad byte on line {line}).",
                        line) from None


def read_text(path: str | os.PathLike[str], limit: int, what: str = "file") -> str:
    """A regular file's UTF-8 text, at most ``limit`` bytes."""
    return decode(read_bytes(path, limit, what), path, what)


def depth(value: Any) -> int:
    """How deeply lists and dicts nest in ``value`` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        stack.extend((child, level + 1) for child in children)
    return deepest


def _too_deep(path: str | os.PathLike[str], what: str) -> ReadError:
    return ReadError(f"{_name(Path(path))} nests its values more than {MAX_DEPTH} levels deep; it is not {with_article(what)}.")


def parse_json(text: str, path: str | os.PathLike[str], what: str = "file") -> Any:
    """JSON text parsed, refused if it is not JSON or nests deeper than ``MAX_DEPTH``."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise _too_deep(path, what) from None
    except ValueError:  # bad JSON, or a number too long to convert
        raise ReadError(f"{_name(Path(path))} is not {with_article(what)} (it is not readable JSON); choose another file.") from None
    if depth(value) > MAX_DEPTH:
        raise _too_deep(path, what)
    return value


def parse_toml(text: str, path: str | os.PathLike[str], what: str = "file") -> dict[str, Any]:
    """TOML text parsed; a syntax error names its line, deep nesting is refused."""
    try:
        value = tomllib.loads(text)
    except RecursionError:
        raise _too_deep(path, what) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = None
        if "(at line " in message:
            head, _, tail = message.partition("(at line ")
            digits = tail.split(",")[0].strip()
            line = int(digits) if digits.isdigit() and len(digits) < 10 else None
            message = head.strip()
        where = f":{line}" if line is not None else ""
        raise ReadError(f"{_name(Path(path))}{where}: TOML syntax error: {message.rstrip('.')}.", line) from None
    except ValueError:  # e.g. a number too long for int()
        raise ReadError(f"{_name(Path(path))}: a value cannot be read (a number too long?).") from None
    if depth(value) > MAX_DEPTH:
        raise _too_deep(path, what)
    return value


def load_json(path: str | os.PathLike[str], limit: int, what: str = "file") -> Any:
    """Read and parse a JSON file within every limit."""
    return parse_json(read_text(path, limit, what), path, what)


def load_toml(path: str | os.PathLike[str], limit: int, what: str = "file") -> dict[str, Any]:
    """Read and parse a TOML file within every limit."""
    return parse_toml(read_text(path, limit, what), path, what)


def check_json(text: str, limit: int, what: str = "file") -> None:
    """Refuse (ReadError) to write JSON that ``load_json`` with ``limit`` would not read back."""
    size = len(text.encode("utf-8"))
    if size > limit:
        raise ReadError(f"the {what} would be {size:,} bytes, more than the {limit:,} the game can read back.")
    if depth(json.loads(text)) > MAX_DEPTH:
        raise ReadError(f"the {what} would nest more than {MAX_DEPTH} levels deep.")
