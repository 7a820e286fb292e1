"""Where the game finds its assets and its save folder.

The top-level ``assets/`` folder is used from a source checkout; an installed wheel carries
the same files as ``game/_assets``. Never imports textual.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

SAVE_SUFFIX = ".hightide.json"
AUTOSAVE_SUFFIX = ".autosave" + SAVE_SUFFIX
"""Save file names, kept here (a module with no heavy imports) so the title screen can look
for autosaves before the session layer is loaded."""



_SAVED_AT = re.compile(rb'"saved_at"\s*:\s*"([0-9T:+\-.Z]{10,40})"')


def saved_time(path: Path) -> float:
    """When a save says it was saved (its 'saved_at', near the top of the file), as a timestamp;
    the file's modification time if it does not say (an old or damaged save). A copied or
    touched file keeps the time its game was saved."""
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
        match = _SAVED_AT.search(head)
        if match:
            return datetime.fromisoformat(match.group(1).decode("ascii").replace("Z", "+00:00")).timestamp()
    except (OSError, ValueError):
        pass
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def latest_save(folder: str | os.PathLike[str]) -> Path | None:
    """The most recently saved game in ``folder`` (an autosave or a named save: what Continue
    opens), by the time the save records, then by modification time to the nanosecond, then by
    name; None if there is none. Kept here so the title screen can show it before the session
    layer is imported."""
    try:
        stamped = [(saved_time(p), p.stat().st_mtime_ns, p.name, p) for p in Path(folder).glob("*" + SAVE_SUFFIX)
                   if p.is_file()]
    except OSError:
        return None
    return max(stamped)[3] if stamped else None


PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = PACKAGE_DIR.parent


def assets_dir() -> Path:
    """The folder holding scenarios, scenes, documents and the glossary."""
    bundled = PACKAGE_DIR / "_assets"
    if bundled.is_dir():
        return bundled
    return CHECKOUT_DIR / "assets"


def running_from_checkout() -> bool:
    """True when the package is imported from a source tree (it has a pyproject next to it)."""
    return (CHECKOUT_DIR / "pyproject.toml").is_file() and (CHECKOUT_DIR / "saves").is_dir()


def saves_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The save folder: ``--saves DIR``, else ``HIGHTIDE_SAVES``, else ``saves/`` in a checkout,
    else the user's data folder."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("HIGHTIDE_SAVES")
    if env:
        return Path(env)
    if running_from_checkout():
        return CHECKOUT_DIR / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir("hightide", appauthor=False)) / "saves"
