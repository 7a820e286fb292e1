"""``hightide serve``: the game in the browsers of a computer lab, on textual-serve.

Every browser tab runs its own game process (``hightide play --served CLASS_DIR``), the same app
as in a terminal. The server:

- binds to 127.0.0.1 unless told otherwise; any other address prints one line saying that
  anyone on that network can then play, and what to do about it; prints the URL; stops cleanly
  on Ctrl+C (every game process autosaves as it ends);
- makes (or reads) the class's signing key in the saves folder and passes its path to each game
  process in ``$HIGHTIDE_SIGNING_KEY``, so every save a student makes is signed;
- serves one assignment to the class with ``--assignment FILE`` or ``--code CODE`` (checked
  once, at start);
- lets at most ``--max-players`` tabs play at once (default from this machine's free memory and
  ``PLAYER_MB``, the measured memory of one game process: see the README); a tab beyond it gets
  a short page saying the class is full. textual-serve has no limit of its own, so ``LabServer``
  subclasses its ``Server`` and wraps two of its public handlers (the page and the websocket);
- closes a tab idle for ``--idle-minutes`` (its game autosaved first).

Every mistake on the command line ends in one sentence (``ServeError``).
"""

from __future__ import annotations

import ipaddress
import os
import re
import shlex
import sys
from pathlib import Path

PLAYER_MB = 110  # resident memory of one game process in a browser tab, measured: README, "A computer lab"
MAX_DEFAULT = 60
LOOPBACK_NAMES = ("localhost",)

FULL_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>High Tide: the class is full</title>
<style>body{{font-family:sans-serif;max-width:36em;margin:4em auto;line-height:1.5;background:#0c181f;color:#eee}}</style>
</head><body><h1>The class is full</h1>
<p>All {limit} places of this High Tide server are taken, so a new game cannot start now.</p>
<p>Ask your teacher, or reload this page when a classmate has finished (closing a tab frees its place).</p>
</body></html>
"""
FULL_TEXT = "\r\n  The class is full: all {limit} places of this server are taken.\r\n" \
            "  Ask your teacher, or reload the page when a classmate has finished.\r\n"


class ServeError(Exception):
    """A server that cannot start; one sentence."""


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def network_warning(host: str, port: int) -> str | None:
    """The one line a non-loopback address prints."""
    if is_loopback(host):
        return None
    return (f"Listening on {host}: anyone who can reach this computer on port {port} can open the game and play; "
            "use it on the school network only, and stop the server with Ctrl+C after the lesson.")


def default_max_players(meminfo: str | None = None) -> int:
    """As many players as fit in most of the free memory, ``PLAYER_MB`` each, at most ``MAX_DEFAULT``."""
    if meminfo is None:
        try:
            meminfo = Path("/proc/meminfo").read_text()
        except OSError:
            return 30
    for line in meminfo.splitlines():
        if line.startswith("MemAvailable:"):
            kb = int(line.split()[1])
            return max(1, min(MAX_DEFAULT, int(kb / 1024 * 0.8 / PLAYER_MB)))
    return 30


def player_command(folder: Path, assignment_file: Path | None, code: str | None) -> str:
    """The shell command each browser tab runs (``exec``: the game is the tab's process)."""
    parts = [sys.executable, "-m", "game", "play", "--served", str(folder)]
    if assignment_file is not None:
        parts += ["--assignment", str(assignment_file)]
    elif code is not None:
        parts += ["--code", code]
    return "exec " + " ".join(shlex.quote(p) for p in parts)


OUTSIDE_LINK = re.compile(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*/?>", re.S)
"""textual-serve's page links a web font from fonts.googleapis.com; the browser's own monospace serves."""


def make_server(command: str, host: str, port: int, max_players: int):
    """A textual-serve ``Server`` for the lab (imported here: only ``hightide serve`` needs it)."""
    from aiohttp import web
    from textual_serve.server import Server

    class LabServer(Server):
        """textual-serve's server with a limit on players, the page's address taken from the
        request (so a tab opened at http://192.168.1.20:8000 talks back to that address), and
        open tabs closed at Ctrl+C. It wraps the public handlers of ``Server`` (the page, the
        websocket, start-up and shut-down) and calls them; nothing of textual-serve is copied."""

        def __init__(self) -> None:
            super().__init__(command, host=host, port=port, title="High Tide 高潮")
            self.max_players = max_players
            self.players = 0
            self.live: dict[int, web.Request] = {}  # the tabs' websocket requests, closed at Ctrl+C

        def initialize_logging(self) -> None:
            import logging

            super().initialize_logging()
            logging.getLogger().setLevel(logging.WARNING)  # no line for every page and download
            logging.getLogger("asyncio").setLevel(logging.ERROR)  # nor for a game process ending at Ctrl+C

        async def on_startup(self, app) -> None:  # textual-serve's logo replaced by the lab's lines
            return None

        async def handle_index(self, request: web.Request):
            if self.players >= self.max_players:
                return web.Response(text=FULL_PAGE.format(limit=self.max_players), status=503,
                                    content_type="text/html")
            self.public_url = f"{request.scheme}://{request.host}"
            response = await super().handle_index(request)
            if response.text:  # a lab may have no internet: the page asks nothing of another server
                response.text = OUTSIDE_LINK.sub("", response.text)
            return response

        async def handle_websocket(self, request: web.Request):
            if self.players >= self.max_players:
                websocket = web.WebSocketResponse()
                await websocket.prepare(request)
                await websocket.send_bytes(FULL_TEXT.format(limit=self.max_players).encode())
                await websocket.close()
                return websocket
            self.players += 1
            self.live[id(request)] = request
            try:
                return await super().handle_websocket(request)
            finally:
                self.players -= 1
                self.live.pop(id(request), None)

        async def on_shutdown(self, app) -> None:
            """Ctrl+C: close every tab's connection, so each game is told to quit now (aiohttp
            would otherwise wait a minute for open websockets)."""
            for request in list(self.live.values()):
                if request.transport is not None:
                    request.transport.close()

    return LabServer()


def run(args) -> int:
    """``hightide serve``: check everything, print the URL, serve until Ctrl+C."""
    from game.paths import saves_dir
    from game.session import signing
    from game.session.start import Starter, StartError

    folder = saves_dir(getattr(args, "saves", None)).expanduser().resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ServeError(f"The saves folder {folder} cannot be made: {error.strerror or 'error'}.") from None
    assignment_file = code = None
    title = ""
    if args.assignment or args.code:
        try:
            assignment = Starter(folder).assignment(args.assignment, args.code)
        except StartError as error:
            raise ServeError(f"hightide serve: {error}") from None
        title = assignment.title
        if args.assignment:
            assignment_file = Path(args.assignment).expanduser().resolve()
        else:
            code = args.code
    _check_port(args.host, args.port)
    key = signing.create_or_load(folder)
    os.environ[signing.ENVIRONMENT] = str(key.path.resolve())
    os.environ["HIGHTIDE_IDLE_SECONDS"] = str(args.idle_minutes * 60)
    max_players = args.max_players or default_max_players()
    server = make_server(player_command(folder, assignment_file, code), args.host, args.port, max_players)
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown_host}:{args.port}"
    if args.host in ("0.0.0.0", "::"):
        url = f"http://{_lan_address()}:{args.port}"
    print(f"High Tide is served at {url}  (open it in a browser)")
    print(f"Saves: each student's games go to {folder}/<their name>/; signed with key {key.id}.")
    if title:
        print(f"Assignment for the class: {title}")
    print(f"At most {max_players} players at once; an idle tab closes after {args.idle_minutes:g} minutes "
          "(its game saved). Stop with Ctrl+C.")
    warning = network_warning(args.host, args.port)
    if warning:
        print(warning)
    exposed = key.exposed()
    if exposed:
        print(exposed[:1].upper() + exposed[1:])
    sys.stdout.flush()
    try:
        server.serve()
    except OSError as error:
        raise ServeError(f"hightide serve: cannot listen on {args.host} port {args.port}: "
                         f"{error.strerror or error}.") from None
    sys.unraisablehook = _quiet_closed_loop  # the tabs' pipes, collected after the server's loop closed
    _wait_for_players()
    print(f"Stopped. The class's games are in {folder}; see them with: hightide class {shlex.quote(str(folder))}")
    return 0


def _check_port(host: str, port: int) -> None:
    """ServeError with one sentence if the address cannot be listened on (checked before any
    line is printed, so no URL is shown for a server that will not start)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise ServeError(f"hightide serve: {host!r} is not an address of this computer.") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            why = "is in use (another server?)" if error.errno in (98, 48) else f"cannot be used ({error.strerror})"
            raise ServeError(f"hightide serve: port {port} on {host} {why}; choose another with --port.") from None


def _quiet_closed_loop(unraisable) -> None:
    """No traceback at Ctrl+C for a game's pipe that asyncio closes after its loop has ended."""
    if isinstance(unraisable.exc_value, RuntimeError) and "Event loop is closed" in str(unraisable.exc_value):
        return
    sys.__unraisablehook__(unraisable)


def _wait_for_players(timeout: float = 15) -> None:
    """After Ctrl+C: let every game process autosave and end (Linux: /proc), at most ``timeout``."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            kids = [k for t in Path("/proc/self/task").iterdir() for k in (t / "children").read_text().split()]
        except OSError:
            return
        if not kids:
            return
        time.sleep(0.1)


def _lan_address() -> str:
    """This computer's address on the local network (no packet is sent), else its host name."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()
