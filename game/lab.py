"""Driving ``hightide serve`` from outside, for ``hightide bench --serve`` and the browser tests:
start the server on a free port, open tabs in Chromium (Playwright, the system browser), read
what a tab's terminal shows, and measure a player's process.

A tab's screen is read from the bytes the server sends it (the terminal output, with its escape
sequences taken out): xterm.js draws on a canvas, so the page itself holds no text. Never imports
textual.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
INSTALL = "apt-get install -y chromium fonts-noto-cjk; pip install playwright"
_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=$!]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[P_^][^\x1b]*\x1b\\|\x1b[=>()#][0-9A-Za-z]?")


def browser_missing() -> str | None:
    """Why a browser cannot be driven here (one sentence with how to install), or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"Playwright is not installed ({INSTALL})"
    if not Path(CHROMIUM).exists():
        return f"Chromium is not installed ({INSTALL})"
    return None


def launch(playwright):
    """The system Chromium, headless (Playwright's own browser download is not needed)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    """A running ``hightide serve``: its process, URL and what it printed."""

    process: subprocess.Popen
    url: str
    printed: list[str] = field(default_factory=list)

    def stop(self, timeout: float = 20) -> int:
        """Ctrl+C, as a teacher would; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        rest = self.process.stdout.read() if self.process.stdout else ""
        self.printed += rest.splitlines()
        return self.process.returncode

    def wait_for_room(self, timeout: float = 30) -> None:
        """Wait until the page is served again (a closed tab's game process has ended and freed
        its place)."""
        import urllib.error
        import urllib.request

        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        return
            except urllib.error.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("the server stayed full after its tabs were closed")
            time.sleep(0.1)

    def players(self) -> list[int]:
        """The process ids of the game processes (one per open tab)."""
        return children(self.process.pid)


def serve(saves: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 30) -> Served:
    """Start ``hightide serve --port FREE --saves SAVES ARGS`` and wait for its URL line."""
    port = free_port()
    command = [sys.executable, "-m", "game", "serve", "--port", str(port), "--saves", str(saves), *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, **(env or {})}, start_new_session=True)
    printed: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        printed.append(line.rstrip("\n"))
        found = re.search(r"served at (http://\S+)", line)
        if found:
            url = found.group(1)
            _wait_listening(port, deadline)
            return Served(process, url, printed)
    process.kill()
    raise RuntimeError("hightide serve did not start: " + " | ".join(printed[-5:]))


def _wait_listening(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)


def children(pid: int) -> list[int]:
    """Every descendant of a process (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            kids = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            kids = []
        for kid in map(int, kids):
            out.append(kid)
            todo.append(kid)
    return out


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS), 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


ONE_SEASON = """\
[assignment]
id = "lab-one-season"
title = "One season in the lab"
instructions = "Play spring 1953; the game stops after it."
scenario = "north-china"
role = "cadre"
seed = 7
stop_after = ["spring 1953"]
"""
"""An assignment of one season (the township secretary, so no household to pick)."""


class Tab:
    """One browser tab playing the served game; ``screen`` is the text the server has sent it."""

    def __init__(self, page) -> None:
        self.page = page
        self.raw = bytearray()
        page.on("websocket", self._socket)

    def _socket(self, websocket) -> None:
        websocket.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            self.raw += payload

    @property
    def screen(self) -> str:
        return _ESCAPES.sub(b"", bytes(self.raw)).decode("utf-8", "replace")

    def mark(self) -> int:
        """A place in the output: ``wait_for`` after it sees only what came later."""
        return len(self.screen)

    def wait_for(self, text: str, since: int = 0, timeout: float = 60) -> None:
        if not self.shows(text, since, within=timeout):
            tail = " ".join(self.screen[-600:].split())
            shot = os.environ.get("HIGHTIDE_LAB_SHOTS")
            if shot:  # where to keep a picture of the tab when a wait fails
                self.page.screenshot(path=str(Path(shot) / f"failed-{int(time.time())}.png"))
            raise AssertionError(f"the tab never showed {text!r}; its last output: {tail!r}")

    def shows(self, text: str, since: int = 0, within: float = 2) -> bool:
        """Whether ``text`` is sent after ``since`` within ``within`` seconds (no error if not)."""
        deadline = time.monotonic() + within
        while text not in self.screen[since:]:
            if time.monotonic() > deadline:
                return False
            self.page.wait_for_timeout(50)
        return True

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector("body.-first-byte", state="attached", timeout=60_000)  # the intro is gone
        self.page.click(".xterm-screen")

    def enter(self, text: str, expect: str) -> None:
        """Type ``text``, press Enter, and wait until the tab shows ``expect`` (sent after the key)."""
        since = self.mark()
        self.type(text)
        self.press("Enter")
        self.wait_for(expect, since)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)


def play_a_season(tab: Tab, name: str) -> None:
    """Served with ``ONE_SEASON``: type the name (the class assignment opens), answer every scene
    with its first option, end the season, read the report, and come back to the title at the
    assignment's stop point."""
    tab.enter(name, "End season")
    start = tab.mark()  # the report is looked for in everything sent after this: a slow server may
    for _ in range(25):  # draw it only after a later key, and it is drawn once
        tab.press("e")
        if tab.shows("Season report", start, within=2):
            break
        tab.press("1")  # a scene was still waiting: answer it
        tab.page.wait_for_timeout(300)
    tab.wait_for("Season report", start)
    since = tab.mark()
    tab.press("Enter")
    tab.wait_for("The assignment stops here", since)
    since = tab.mark()
    tab.press("Escape")
    tab.wait_for("Download my save", since)
