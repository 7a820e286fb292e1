"""Saves are receipts: JSON with the game's definition, the action list and a hash chain of
the state after every season. Loading replays the actions; verifying also checks every digest,
so an edited outcome cannot pass. Writes are atomic (temporary file, fsync, rename), with the
permissions the user's umask gives any new file.

Format 2 adds identity: a random game id and the start time (they seed the chain), the time
each season ended (in its ``end_season`` action, so in the chain), the origin (a branch says
so), the assignment's content hash, and a seal over every field but the seal and the signature
(``seal_body``), so an edited name, answer or time is caught. A seal is a plain hash; a
signature (``game.session.signing``) is what only the teacher's key can make. Format 1 saves
still load and verify with their own seal.

Everything that can go wrong with a file raises ``SaveError`` with one plain sentence.
Never imports textual.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from game import __version__
from game.paths import AUTOSAVE_SUFFIX, SAVE_SUFFIX
from game.content.errors import ContentError
from game.content.scenario import ScenarioError
from game.reader import SAVE_LIMIT, ReadError, check_json, load_json
from game.session import signing
from game.session.actions import ActionError, EndSeason, from_json, is_time, now
from game.session.game import GameSetup, Session
from game.sim.params import N_SEASONS, season_label
from game.typed import quote

FORMAT = 2  # 2: game id, start time, season times, origin, assignment hash, a seal over every field
OLDEST = 1  # format 1 saves (no identity) still load and verify
MAX_BYTES = SAVE_LIMIT
MAX_ACTIONS = 20_000  # what parse accepts; the session's own budget (actions.MAX_RECORDED) stays below it
MAX_FIELD = 200  # characters of a text field other than answers
SUFFIX = SAVE_SUFFIX
BRANCH_SUFFIX = ".branch" + SAVE_SUFFIX  # branches written by ``hightide branch``
UNSEALED = ("seal", "signature")  # the only fields of a save its seal does not cover


_ID = re.compile(r"[0-9a-f]{16,64}")
_HASH = re.compile(r"[0-9a-f]{64}")
_ORIGIN = re.compile(r"branch:(?:[0-9a-f]{16,64}|unknown):[0-9]{1,2}")


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
    format: int = FORMAT
    raw: dict = field(default_factory=dict, compare=False, repr=False)  # the JSON object as read
    signature: dict | None = None

    @property
    def original(self) -> bool:
        """False for a branch (or any game that is not a player's own first game)."""
        return self.setup.origin is None

    def season_times(self) -> list[str]:
        """When each season ended (games with an identity; empty for older saves)."""
        return [a.at for _, a in self.actions if isinstance(a, EndSeason) and a.at]


def to_dict(session: Session, name: str = "", key: signing.SigningKey | None = None) -> dict:
    s = session.setup
    data = {
        "format": FORMAT,
        "game": "hightide",
        "game_version": __version__,
        "name": name,
        "saved_at": now(),
        "game_id": s.game_id,
        "started": s.started,
        "origin": s.origin,
        "scenario": s.scenario,
        "content_hash": session.content_hash,
        "role": s.role,
        "seed": s.seed,
        "household": s.household if s.role == "peasant" else None,
        "player": s.player,
        "assignment": s.assignment,
        "assignment_hash": s.assignment_hash,
        "county": s.county,
        "season": session.t,
        "actions": [{"season": t, **a.to_json()} for t, a in session.actions],
        "digests": list(session.digests),
    }
    data["seal"] = hashlib.sha256(seal_body(data)).hexdigest()
    key = key or signing.active()
    if key is not None:
        data["signature"] = key.sign(seal_body(data))
    return data


def seal_body(data: dict) -> bytes:
    """The bytes a format-2 seal hashes (and a signature signs): every field of the save but the
    seal and the signature, as canonical JSON. Editing anything, even the time it was saved,
    breaks the seal unless the seal is recomputed; only a signature resists that."""
    body = {k: v for k, v in data.items() if k not in UNSEALED}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def seal(session: Session) -> str:
    """The format-1 seal: a hash over who played, for which assignment, every action (answers
    included) and the last digest. Kept to verify saves written before format 2."""
    s = session.setup
    body = json.dumps({"player": s.player, "assignment": s.assignment, "household": s.household,
                       "actions": [{"season": t, **a.to_json()} for t, a in session.actions],
                       "last": session.digests[-1] if session.digests else ""}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _umask() -> int:
    """The process's umask (read without changing it where the system allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, fsync it, then rename over ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            os.fchmod(fd, 0o666 & ~_umask())  # as any new file (mkstemp makes it private): a shared class folder works
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


def save(session: Session, path: Path, name: str = "", key: signing.SigningKey | None = None) -> Path:
    """Write the game to ``path`` atomically, after checking that ``read`` will accept exactly
    this text (size, nesting and every field): the game never writes a save it cannot open.
    Signed with ``key``, else with the process's key (``signing.use``) if it has one."""
    text = json.dumps(to_dict(session, name, key), indent=1, ensure_ascii=False)
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
    need(OLDEST <= version <= FORMAT, f"its format version {version if version > -10**6 else ''} is unknown")
    for key in ("scenario", "content_hash", "role", "player", "game_version"):
        need(isinstance(data.get(key), str), f"'{key}' is missing or not text")
    # these are quoted back in messages, so a hostile file must not make them huge
    for key in ("scenario", "content_hash", "role", "game_version", "household", "assignment", "player", "name",
                "saved_at", "game_id", "started", "origin", "assignment_hash"):
        need(not isinstance(data.get(key), str) or len(data[key]) <= MAX_FIELD, f"'{key}' is too long")
    identity = {}
    if version >= 2:
        need(is_time(data.get("saved_at")), "'saved_at' is not a time")
        need(data.get("game_id") is None or (isinstance(data["game_id"], str) and _ID.fullmatch(data["game_id"])),
             "'game_id' is not a game id")
        need(data.get("started") is None or is_time(data["started"]), "'started' is not a time")
        need((data.get("game_id") is None) == (data.get("started") is None), "'game_id' and 'started' go together")
        need(data.get("origin") is None or (isinstance(data["origin"], str) and _ORIGIN.fullmatch(data["origin"])),
             "'origin' is not a branch mark")
        need(data.get("assignment_hash") is None or
             (isinstance(data["assignment_hash"], str) and _HASH.fullmatch(data["assignment_hash"])),
             "'assignment_hash' is not a hash")
        signature = data.get("signature")
        need(signature is None or (isinstance(signature, dict) and set(signature) == {"key", "hmac"}
                                   and all(isinstance(v, str) and len(v) <= 64 for v in signature.values())),
             "'signature' is not a signature")
        identity = {k: data.get(k) for k in ("game_id", "started", "origin", "assignment_hash")}
    else:
        need(not any(k in data for k in ("game_id", "started", "origin", "assignment_hash", "signature")),
             "it mixes two save formats")
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
    if version < 2:
        need(all(a.at is None for _, a in parsed if isinstance(a, EndSeason)), "it mixes two save formats")
    setup = GameSetup(scenario=data["scenario"], role=data["role"], seed=data["seed"], household=data.get("household"),
                      player=data["player"], assignment=data.get("assignment"), county=county, **identity)
    need(isinstance(data.get("seal"), str), "'seal' is missing")
    return SaveFile(setup, data["content_hash"], data["game_version"], parsed, digests,
                    str(data.get("name", "")), str(data.get("saved_at", "")), data["seal"], version, data,
                    data.get("signature"))


@dataclass(frozen=True)
class Verdict:
    """The result of replaying a save: ok, or which season diverged and why."""

    ok: bool
    message: str
    season: int | None = None
    session: Session | None = None
    save_file: SaveFile | None = None


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
    """Read a save file, replay it and check every digest and its seal."""
    shown = quote(Path(path).name, 60).strip("'")
    try:
        save_file = read(path)
    except SaveError as exc:
        return Verdict(False, str(exc))
    return check(save_file, shown, assets)


def check(save_file: SaveFile, shown: str, assets: Path | None = None) -> Verdict:
    """Replay a parsed save and check every digest and its seal."""
    try:
        session = start(save_file, shown, assets)
    except SaveError as exc:
        return Verdict(False, str(exc), save_file=save_file)
    try:
        diverged = session.replay(save_file.actions, save_file.digests)
    except ActionError as exc:
        return Verdict(False, f"{shown}: diverged at {session.label}: a recorded action cannot be replayed ({exc}).",
                       min(session.t, N_SEASONS), session, save_file)
    if diverged is not None:
        where = season_label(diverged) if diverged < N_SEASONS else "the end of the game"
        return Verdict(False, f"{shown}: diverged at {where}: the recorded state does not match the replay "
                       "(the save was edited or damaged).", diverged, session, save_file)
    if save_file.format >= 2:
        sealed = hashlib.sha256(seal_body(save_file.raw)).hexdigest() == save_file.seal
        edited = "the player's name, a time, the assignment or an answer was edited after saving"
    else:
        sealed = seal(session) == save_file.seal
        edited = "the player's name, the assignment or an answer was edited after saving"
    if not sealed:
        return Verdict(False, f"{shown}: {edited}.", len(session.digests), session, save_file)
    return Verdict(True, f"{shown}: verified ({reached(session)}, {len(save_file.actions)} actions, "
                   f"{len(session.digests)} seasons).", None, session, save_file)


def reached(session: Session) -> str:
    """How far a game was played, as the class table says it: the last season played, not the next."""
    if session.finished:
        return "the whole game, to the epilogue"
    if not session.logs:
        return "no season played yet"
    return f"played to {season_label(len(session.logs) - 1)}"


def load(path: Path, assets: Path | None = None) -> Session:
    """Open a save for play: replay it and insist that it verifies."""
    verdict = verify(path, assets)
    if not verdict.ok:
        raise SaveError(verdict.message)
    return verdict.session
