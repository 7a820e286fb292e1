"""A student's own folder under a class folder, for games served to a browser (``hightide serve``).

In served mode the title screen asks for the student's name (or class id); ``folder_for`` turns
it into ``CLASS/<safe-name>/``, where every save and report of that student goes, so the
teacher's ``hightide class CLASS`` sees the whole class. A name can never name a folder outside
the class folder: it may hold letters, digits, spaces, hyphens, apostrophes and underscores
only (no ``/``, ``.``, ``~`` or control characters), at most ``MAX_NAME`` characters, and the
folder's name is made of its letters and digits alone (``Amy Chen`` -> ``amy-chen``).

``claim`` takes the folder's lock (an advisory ``flock`` held until the game process ends, so a
crashed tab never leaves a stale lock): two tabs cannot play under one name at once. Every
refusal is a ``StudentError`` with one sentence. Never imports textual.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from game.typed import is_control, quote

MAX_NAME = 40  # characters of a typed name
LOCK_FILE = ".playing"
ALLOWED_MARKS = " -'_"


class StudentError(Exception):
    """A name that cannot be a student's folder, or a folder already in use; one sentence."""


@dataclass(frozen=True)
class Student:
    """A student's name as typed (trimmed) and their folder."""

    name: str
    folder: Path


def safe_name(typed: str) -> str:
    """The folder name for a typed name: its letters and digits, lower case, words joined by '-'.
    Raises StudentError with one sentence for a name that cannot be one."""
    text = unicodedata.normalize("NFKC", typed or "").strip()
    if not text:
        raise StudentError("Type your name or class id, so your teacher knows whose game it is.")
    if any(is_control(c) for c in text):
        raise StudentError("A name cannot hold control characters; type letters, digits and spaces.")
    if len(text) > MAX_NAME:
        raise StudentError(f"That name is {len(text)} characters long; use at most {MAX_NAME}.")
    bad = sorted({c for c in text if not (c.isalnum() or c in ALLOWED_MARKS)})
    if bad:
        shown = " ".join(quote(c, 5) for c in bad[:5])
        raise StudentError(f"A name can hold letters, digits, spaces, hyphens and apostrophes only, not {shown}.")
    words = [w for w in re.split(r"[ \-'_]+", text.casefold()) if w]
    if not words:
        raise StudentError("A name needs at least one letter or digit.")
    return "-".join(words)


def folder_for(class_folder: str | os.PathLike[str], typed: str) -> Student:
    """The student's folder under the class folder (not made yet); StudentError if the name
    cannot be one. The folder is checked to be a direct child of the class folder."""
    base = Path(class_folder).resolve()
    name = safe_name(typed)
    folder = base / name
    if folder.parent != base or folder.name != name:  # pragma: no cover - safe_name allows no separator
        raise StudentError(f"The name {quote(typed, 40)} cannot be used for a folder; type another.")
    return Student(unicodedata.normalize("NFKC", typed).strip(), folder)


def claim(student: Student) -> int:
    """Make the student's folder and take its lock for as long as this process runs (returns the
    lock's file descriptor). StudentError if another tab plays under this name now."""
    import fcntl

    try:
        student.folder.mkdir(parents=True, exist_ok=True)
        if student.folder.is_symlink() or not student.folder.is_dir():
            raise StudentError(f"The folder for {quote(student.name, 40)} cannot be used; type another name.")
        fd = os.open(student.folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as error:
        raise StudentError(f"Your folder could not be made ({error.strerror or 'error'}); tell your teacher.") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise StudentError(f"Someone is already playing as {quote(student.name, 40)} in another tab; close that "
                           "tab first, or add your class id to your name (for example 'Amy Chen 3b').") from None
    return fd


def release(fd: int) -> None:
    """Give the folder's lock back (also done by the system when the process ends)."""
    try:
        os.close(fd)
    except OSError:
        pass
