"""Signed saves: HMAC-SHA256 with a key that only the teacher's machine holds.

A save's seal (``saves.seal_body``) is a plain SHA-256 that anyone can recompute, so an unsigned
save proves that its choices produce its outcomes, not who played it. A save written by a process
that holds the teacher's key (``hightide serve`` calls ``create_or_load(folder)`` on start and
passes the key file's path to the game processes it starts in ``$HIGHTIDE_SIGNING_KEY``;
``hightide play`` then calls ``use_from_environment``) carries ``"signature": {"key": KEY_ID, "hmac": HEX}``, an HMAC-SHA256 of the same
bytes the seal hashes. Only someone who can read the key can make one, so a signed save that
checks was written by that process, as it stands.

The key is 32 random bytes in ``FOLDER/.hightide-signing-key``, created on first use with mode
0600 whatever the umask, and never printed: messages name only its id (the first 12 hex digits
of a hash of it). ``check`` tells signed, unsigned and bad-signature saves apart.

Every failure with a key file is a ``SigningError`` with one sentence. Never imports textual.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from game.reader import ReadError, read_text
from game.typed import quote

KEY_FILE = ".hightide-signing-key"
HEADER = "hightide signing key 1"
KEY_LIMIT = 1_000  # bytes of a key file

SIGNED, UNSIGNED, BAD, UNCHECKED = "signed", "unsigned", "bad signature", "signature not checked"


class SigningError(Exception):
    """A key file that cannot be made or read; the message is one sentence."""


@dataclass(frozen=True)
class SigningKey:
    """A secret key; ``id`` names it in saves and messages, the secret is never shown."""

    secret: bytes
    path: Path | None = None

    @property
    def id(self) -> str:
        return hashlib.sha256(b"hightide key id:" + self.secret).hexdigest()[:12]

    def sign(self, body: bytes) -> dict:
        return {"key": self.id, "hmac": hmac.new(self.secret, body, hashlib.sha256).hexdigest()}

    def matches(self, body: bytes, signature: dict) -> bool:
        return signature.get("key") == self.id and hmac.compare_digest(
            str(signature.get("hmac", "")), hmac.new(self.secret, body, hashlib.sha256).hexdigest())

    def exposed(self) -> str | None:
        """A sentence if the key file can be read by other users (then anyone of them can sign)."""
        if self.path is None:
            return None
        try:
            mode = self.path.stat().st_mode
        except OSError:
            return None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            return (f"the signing key {quote(self.path, 60)} can be read by other users (mode {stat.S_IMODE(mode):o}); "
                    f"run chmod 600 on it, or anyone who can read it can sign saves.")
        return None

    def __repr__(self) -> str:  # never show the secret, even in a traceback or a debugger
        return f"SigningKey(id={self.id!r}, path={str(self.path)!r})"


def key_path(folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / KEY_FILE


def read_key(path: str | os.PathLike[str]) -> SigningKey:
    """The key in a key file; SigningError if it is not one."""
    path = Path(path)
    try:
        text = read_text(path, KEY_LIMIT, "signing key")
    except ReadError as error:
        raise SigningError(str(error)) from None
    lines = text.split()
    body = " ".join(lines[:-1]) if lines else ""
    if body != HEADER or len(lines[-1]) != 64 or any(c not in "0123456789abcdef" for c in lines[-1]):
        raise SigningError(f"{quote(path.name, 60)} is not a High Tide signing key; move it away and start again "
                           "to make a new one (saves signed with it can then no longer be checked).")
    return SigningKey(bytes.fromhex(lines[-1]), path)


def find(folder: str | os.PathLike[str], levels: int = 1) -> SigningKey | None:
    """The key in ``folder`` or up to ``levels`` folders above it (a student's folder under the
    class folder), or None. SigningError if a key file is there but broken."""
    here = Path(folder)
    for _ in range(levels + 1):
        path = key_path(here)
        if os.path.lexists(path):
            return read_key(path)
        if here.parent == here:
            break
        here = here.parent
    return None


def create_or_load(folder: str | os.PathLike[str]) -> SigningKey:
    """The folder's key, made on first use: 32 random bytes, readable by its owner only."""
    path = key_path(folder)
    if os.path.lexists(path):
        return read_key(path)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made by another process a moment ago
        return read_key(path)
    except OSError as error:
        raise SigningError(f"Could not make the signing key in {quote(folder, 60)}: {error.strerror or 'error'}.") from None
    secret = secrets.token_bytes(32)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, f"{HEADER}\n{secret.hex()}\n".encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return SigningKey(secret, path)


ENVIRONMENT = "HIGHTIDE_SIGNING_KEY"  # the path of a key file: the game processes a server starts sign with it

_active: SigningKey | None = None


def use_from_environment() -> SigningKey | None:
    """Sign with the key file ``$HIGHTIDE_SIGNING_KEY`` names, if it is set (``hightide serve``
    sets it for the game processes it starts; the key never leaves the teacher's machine)."""
    path = os.environ.get(ENVIRONMENT)
    if not path:
        return None
    key = read_key(Path(path))
    use(key)
    return key


def use(key: SigningKey | None) -> None:
    """Sign every save this process writes with ``key`` (None: stop signing)."""
    global _active
    _active = key


def active() -> SigningKey | None:
    return _active


def check(body: bytes, signature: object, key: SigningKey | None) -> tuple[str, str]:
    """(status, sentence) for a save's signature: SIGNED, UNSIGNED, BAD or UNCHECKED (signed, but
    no key is at hand to check it)."""
    if signature is None:
        return UNSIGNED, "unsigned: it proves that these choices produce these outcomes, not who played"
    if not isinstance(signature, dict) or not isinstance(signature.get("key"), str):
        return BAD, "its signature is damaged"
    if key is None:
        return UNCHECKED, f"signed with key {quote(signature['key'], 20)}, but no key is here to check it"
    if signature["key"] != key.id:
        return BAD, f"signed with another key ({quote(signature['key'], 20)}, not this folder's {key.id})"
    if not key.matches(body, signature):
        return BAD, "its signature does not match: the save was changed after it was signed"
    return SIGNED, f"signed with this folder's key {key.id}"
