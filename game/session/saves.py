"""Saves are receipts: JSON with the game's definition, the action list and a hash chain of
the state after every season. Loading replays the actions; verifying also checks every digest,
so an edited outcome cannot pass. Writes are atomic (temporary file, fsync, rename).

Everything that can go wrong with a file raises ``SaveError`` with one plain sentence.
Never imports textual.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from game import __version__
from game.paths import AUTOSAVE_SUFFIX, SAVE_SUFFIX
from game.content.errors import ContentError
from game.content.scenario import ScenarioError
from game.reader import SAVE_LIMIT, ReadError, check_json, load_json
from game.session.actions import ActionError, from_json
from game.session.game import GameSetup, Session
from game.sim.params import N_SEASONS, season_label
from game.typed import quote

FORMAT = 1
MAX_BYTES = SAVE_LIMIT
MAX_ACTIONS = 20_000  # what parse accepts; the session's own budget (actions.MAX_RECORDED) stays below it
MAX_FIELD = 200  # characters of a text field other than answers
SUFFIX = SAVE_SUFFIX


class SaveError(Exception):
    """A save that cannot be read, written or trusted; the message is one sentence."""


@dataclass(frozen=True)
class SaveFile:
    """The parsed, type-checked content of a save (not yet replayed)."""

    setup: GameSetup
    content_hash: str
    game_version: str
    actions: list
    digests: list[str]
    name: str
    saved_at: str
    seal: str


def to_dict(session: Session, name: str = "") -> dict:
    s = session.setup
    return {
        "format": FORMAT,
        "game": "hightide",
        "game_version": __version__,
        "name": name,
        "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "scenario": s.scenario,
        "content_hash": session.content_hash,
        "role": s.role,
        "seed": s.seed,
        "household": s.household if s.role == "peasant" else None,
        "player": s.player,
        "assignment": s.assignment,
        "county": s.county,
        "season": session.t,
        "actions": [{"season": t, **a.to_json()} for t, a in session.actions],
        "digests": list(session.digests),
        "seal": seal(session),
    }


def seal(session: Session) -> str:
    """A hash over who played, for which assignment, every action (answers included) and the
    last digest: renaming a copied save or editing an answer breaks it."""
    s = session.setup
    body = json.dumps({"player": s.player, "assignment": s.assignment, "household": s.household,
                       "actions": [{"season": t, **a.to_json()} for t, a in session.actions],
                       "last": session.digests[-1] if session.digests else ""}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, fsync it, then rename over ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise SaveError(f"Could not write {quote(path, 80)}: {exc.strerror or 'error'}.") from None


def save(session: Session, path: Path, name: str = "") -> Path:
    """Write the game to ``path`` atomically, after checking that ``read`` will accept exactly
    this text (size, nesting and every field): the game never writes a save it cannot open."""
    text = json.dumps(to_dict(session, name), indent=1, ensure_ascii=False)
    try:
        check_json(text, MAX_BYTES, "save")
        parse(json.loads(text), "the save")
    except (ReadError, SaveError) as error:
        raise SaveError(f"The game was not saved to {quote(Path(path).name, 60)}: {str(error).rstrip('.')}.") from None
    write_atomic(Path(path), text)
    return Path(path)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "player"


def autosave_path(session: Session, folder: Path) -> Path:
    s = session.setup
    who = s.household if s.role == "peasant" else "cadre"
    if s.assignment:
        return Path(folder) / f"{slug(s.player)}-{slug(s.assignment)}{AUTOSAVE_SUFFIX}"
    return Path(folder) / f"{slug(s.player)}-{s.scenario}-{who}-{s.seed}{AUTOSAVE_SUFFIX}"


def assignment_autosave(folder: Path, player: str, assignment_id: str) -> Path:
    """Where a student's game for an assignment is kept between lessons."""
    return Path(folder) / f"{slug(player)}-{slug(assignment_id)}{AUTOSAVE_SUFFIX}"


def autosave(session: Session, folder: Path) -> Path:
    return save(session, autosave_path(session, folder), name="autosave")


def manual_path(folder: Path, name: str) -> Path:
    return Path(folder) / f"{slug(name)}{SUFFIX}"


def list_saves(folder: Path) -> list[Path]:
    files = [p for p in Path(folder).glob(f"*{SUFFIX}") if p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def read(path: Path) -> SaveFile:
    """Read and type-check a save file without replaying it (through the one reader: a regular
    file of at most ``MAX_BYTES``, UTF-8 JSON nested at most ``MAX_DEPTH`` deep)."""
    path = Path(path)
    try:
        data = load_json(path, MAX_BYTES, "High Tide save")
    except ReadError as error:
        raise SaveError(str(error)) from None
    return parse(data, quote(path.name, 60).strip("'"))


def parse(data: object, label: str = "the save") -> SaveFile:
    """Check the shape of a save's JSON."""
    def need(ok: bool, what: str) -> None:
        if not ok:
            raise SaveError(f"{label} is damaged: {what}.")

    if not isinstance(data, dict) or data.get("game") != "hightide":
        raise SaveError(f"{label} is not a High Tide save; choose another file.")
    version = data.get("format")
    need(isinstance(version, int) and not isinstance(version, bool), "its format version is missing")
    if version > FORMAT:
        shown = f" (save format {version})" if version < 10**6 else ""
        raise SaveError(f"{label} was made by a newer version of High Tide{shown}; update the game to open it.")
    need(version == FORMAT, f"its format version {version if version > -10**6 else ''} is unknown")
    for key in ("scenario", "content_hash", "role", "player", "game_version"):
        need(isinstance(data.get(key), str), f"'{key}' is missing or not text")
    # these are quoted back in messages, so a hostile file must not make them huge
    for key in ("scenario", "content_hash", "role", "game_version", "household", "assignment", "player", "name"):
        need(not isinstance(data.get(key), str) or len(data[key]) <= MAX_FIELD, f"'{key}' is too long")
    need(isinstance(data.get("seed"), int) and not isinstance(data.get("seed"), bool) and 0 <= data["seed"] < 2**63,
         "'seed' is not a whole number")
    need(data.get("household") is None or isinstance(data.get("household"), str), "'household' is not text")
    need(data.get("assignment") is None or isinstance(data.get("assignment"), str), "'assignment' is not text")
    county = data.get("county")
    need(county is None or (isinstance(county, int) and not isinstance(county, bool) and 1 <= county <= 5000),
         "'county' is not a village count")
    actions = data.get("actions")
    need(isinstance(actions, list), "'actions' is not a list")
    need(len(actions) <= MAX_ACTIONS, f"it records more than {MAX_ACTIONS:,} actions")
    digests = data.get("digests")
    need(isinstance(digests, list) and len(digests) <= N_SEASONS and all(isinstance(d, str) for d in digests),
         "'digests' is not a list of at most 16 hashes")
    parsed = []
    for i, item in enumerate(actions):
        need(isinstance(item, dict), f"action {i + 1} is not an object")
        season = item.get("season")
        need(isinstance(season, int) and not isinstance(season, bool) and 0 <= season <= N_SEASONS,
             f"action {i + 1} has no valid season")
        body = {k: v for k, v in item.items() if k != "season"}
        try:
            parsed.append((season, from_json(body)))
        except (ActionError, TypeError) as exc:
            raise SaveError(f"{label} is damaged: action {i + 1}: {exc}.") from None
    setup = GameSetup(scenario=data["scenario"], role=data["role"], seed=data["seed"], household=data.get("household"),
                      player=data["player"], assignment=data.get("assignment"), county=county)
    need(isinstance(data.get("seal"), str), "'seal' is missing")
    return SaveFile(setup, data["content_hash"], data["game_version"], parsed, digests,
                    str(data.get("name", "")), str(data.get("saved_at", "")), data["seal"])


@dataclass(frozen=True)
class Verdict:
    """The result of replaying a save: ok, or which season diverged and why."""

    ok: bool
    message: str
    season: int | None = None
    session: Session | None = None


def start(save_file: SaveFile, label: str = "the save", assets: Path | None = None) -> Session:
    try:
        session = Session(save_file.setup, assets)
    except (ActionError, ScenarioError, ContentError) as exc:
        raise SaveError(f"{label} cannot be opened: {str(exc).rstrip('.')}.") from None
    if session.content_hash != save_file.content_hash:
        raise SaveError(f"{label} was made for different content (scenes or scenario files have changed); "
                        "open it with the game version and assets it was made with.")
    return session


def verify(path: Path, assets: Path | None = None) -> Verdict:
    """Replay a save and check every digest."""
    shown = quote(Path(path).name, 60).strip("'")
    try:
        save_file = read(path)
        session = start(save_file, shown, assets)
    except SaveError as exc:
        return Verdict(False, str(exc))
    try:
        diverged = session.replay(save_file.actions, save_file.digests)
    except ActionError as exc:
        return Verdict(False, f"{shown}: diverged at {session.label}: a recorded action cannot be replayed ({exc}).",
                       min(session.t, N_SEASONS), session)
    if diverged is not None:
        where = season_label(diverged) if diverged < N_SEASONS else "the end of the game"
        return Verdict(False, f"{shown}: diverged at {where}: the recorded state does not match the replay "
                       "(the save was edited or damaged).", diverged, session)
    if seal(session) != save_file.seal:
        return Verdict(False, f"{shown}: the player's name, the assignment or an answer was edited after saving.",
                       len(session.digests), session)
    return Verdict(True, f"{shown}: verified ({session.label}, {len(save_file.actions)} actions, "
                   f"{len(session.digests)} seasons).", None, session)


def load(path: Path, assets: Path | None = None) -> Session:
    """Open a save for play: replay it and insist that it verifies."""
    verdict = verify(path, assets)
    if not verdict.ok:
        raise SaveError(verdict.message)
    return verdict.session
