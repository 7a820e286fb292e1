"""``hightide serve`` in a real browser: one server (a class assignment, at most three players)
and one headless Chromium for the whole module (Playwright driving the system Chromium).

Three students, each in their own browser context, open the page at once, type their names and
play a season; each downloads their save and their report; each folder then holds a save that
``hightide verify`` accepts and the class table lists three students. A fourth tab finds the
class full. A hostile name writes nothing anywhere. The title's characters (高潮) are drawn
with a CJK font. Ctrl+C stops the server cleanly.

Skipped with one line saying how to install Playwright and Chromium, unless
HIGHTIDE_REQUIRE_BROWSER=1 (then it fails)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from game import lab
from game.cli import main

pytestmark = pytest.mark.slow

NAMES = ("Amy Chen", "Bo Wang", "Li Na")
MAX_PLAYERS = 3


@pytest.fixture(scope="module")
def lab_class(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lab") / "class-3b"
    folder.mkdir()
    (folder / "one-season.toml").write_text(lab.ONE_SEASON, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(chromium, lab_class):
    served = lab.serve(lab_class, "--assignment", str(lab_class / "one-season.toml"),
                       "--max-players", str(MAX_PLAYERS))
    yield served
    served.stop()


def new_tab(chromium, url: str, opened: list | None = None, watch=None) -> lab.Tab:
    """A tab in its own browser context (one student), open at ``url``; the context goes into
    ``opened`` before the page loads, so it is closed even if loading fails; ``watch(context)`` runs
    before the page is asked for."""
    context = chromium.new_context(viewport={"width": 1000, "height": 640}, accept_downloads=True)
    if opened is not None:
        opened.append(context)
    if watch is not None:
        watch(context)
    tab = lab.Tab(context.new_page())
    tab.open(url)
    return tab


@pytest.fixture
def open_tab(server, chromium):
    """Opens students' tabs on the class server. After the test, passed or failed, every tab is
    closed and the server's places are free again, so one failing test cannot leave the class full
    for the next one (which would then fail for that reason alone)."""
    opened: list = []
    yield lambda watch=None: new_tab(chromium, server.url, opened, watch)
    for context in opened:
        try:
            context.close()
        except Exception:  # already closed by the test
            pass
    if opened:
        server.wait_for_room()


def download(tab: lab.Tab, key: str, to: Path) -> Path:
    with tab.page.expect_download() as info:
        tab.press(key)
    path = to / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_three_students_play_a_season_and_download_their_save_and_report(server, chromium, lab_class, tmp_path,
                                                                          capsys, open_tab) -> None:
    tabs = [open_tab() for _ in NAMES]
    for tab in tabs:
        tab.wait_for("Your name")
    assert len(server.players()) == MAX_PLAYERS  # one game process a tab

    full = chromium.new_page()  # a fourth tab: the class is full
    response = full.goto(server.url)
    assert response is not None and response.status == 503 and "The class is full" in full.content()
    full.close()

    downloads: dict[str, tuple[Path, Path]] = {}
    for tab, name in zip(tabs, NAMES):
        lab.play_a_season(tab, name)
        got = tmp_path / name
        got.mkdir()
        downloads[name] = (download(tab, "s", got), download(tab, "h", got))

    for name, (save, report) in downloads.items():
        folder = lab_class / name.lower().replace(" ", "-")
        kept = list(folder.glob("*.autosave.hightide.json"))
        assert len(kept) == 1 and (folder / report.name).is_file()
        assert json.loads(save.read_text())["player"] == name
        assert json.loads(kept[0].read_text())["game_id"] == json.loads(save.read_text())["game_id"]
        assert main(["verify", str(kept[0]), str(save), str(report)]) == 0
    out = capsys.readouterr().out
    assert out.count("ok ") >= 9 and "signed with this folder's key" in out

    assert main(["class", str(lab_class)]) == 0
    table = capsys.readouterr().out
    assert "from 3 student(s)" in table
    assert all(f"student: {name} | status: stopped after Spring 1953" in table for name in NAMES)
    for tab in tabs:
        tab.page.context.close()
    server.wait_for_room()  # closing the tabs ends their games and frees their places


def test_a_hostile_name_in_the_browser_writes_nothing(server, lab_class, open_tab) -> None:
    before = sorted(p.relative_to(lab_class.parent) for p in lab_class.parent.rglob("*"))
    tab = open_tab()
    tab.wait_for("Your name")
    for hostile in ("../../x", "/tmp/x", "..", "x" * 45):
        tab.enter(hostile, "use at most" if len(hostile) > 40 else "letters, digits")
        for _ in hostile:
            tab.press("Backspace")
    tab.page.context.close()
    after = sorted(p.relative_to(lab_class.parent) for p in lab_class.parent.rglob("*"))
    assert after == before
    assert not Path("/tmp/x").exists() and not (lab_class.parent.parent / "x").exists()


def test_a_tab_closed_mid_season_keeps_what_was_played(server, lab_class, open_tab) -> None:
    tab = open_tab()
    tab.wait_for("Your name")
    tab.enter("Dan Li", "End season")
    tab.press("1")  # answer the first scene, then close the tab mid-season
    tab.page.wait_for_timeout(1000)
    tab.page.context.close()
    server.wait_for_room()
    for _ in range(200):  # the tab's game process saves as it ends
        kept = list((lab_class / "dan-li").glob("*.autosave.hightide.json"))
        if kept and json.loads(kept[0].read_text())["actions"]:
            break
        time.sleep(0.1)
    assert len(kept) == 1
    assert len(json.loads(kept[0].read_text())["actions"]) >= 1
    assert main(["verify", str(kept[0])]) == 0
    again = open_tab()  # the name is free again, and the game is there
    again.wait_for("Your name")
    again.enter("Dan Li", "Continue Dan Li's game?")
    since = again.mark()
    again.press("Escape")  # not Dan Li: another name, which is another folder
    again.wait_for("Your name, or your class id", since)


GLYPHS = """() => {
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 40;
  const pen = canvas.getContext('2d');
  const draw = (text) => {
    pen.clearRect(0, 0, 64, 40);
    pen.font = "28px 'Roboto Mono', Monaco, 'Courier New', monospace";  // the terminal's font stack
    pen.fillStyle = '#000';
    pen.fillText(text, 2, 32);
    return Array.from(pen.getImageData(0, 0, 64, 40).data).join(',');
  };
  const high = draw('高'), tide = draw('潮'), missing = draw('\\u{10FFFD}'), blank = draw(' ');
  return {distinct: high !== tide, drawn: high !== blank && tide !== blank, not_boxes: high !== missing && tide !== missing};
}"""


def test_the_title_in_the_browser_draws_its_chinese_characters(server, tmp_path, open_tab) -> None:
    asked: list[str] = []
    tab = open_tab(lambda context: context.on("request", lambda request: asked.append(request.url)))
    tab.wait_for("高  潮")  # the server sent the title's characters
    tab.wait_for("Your name")
    shot = tmp_path / "title.png"
    tab.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    glyphs = tab.page.evaluate(GLYPHS)
    assert glyphs == {"distinct": True, "drawn": True, "not_boxes": True}, \
        f"CJK glyphs are not drawn ({glyphs}); install fonts-noto-cjk"
    host = server.url.split("//")[1].split("/")[0]
    outside = [url for url in asked if not url.split("//")[1].startswith(host)]
    assert not outside, f"the page asks other servers (a lab may have no internet): {outside}"


def test_ctrl_c_stops_the_server_cleanly(chromium, tmp_path) -> None:
    served = lab.serve(tmp_path / "class")
    opened: list = []
    try:
        tab = new_tab(chromium, served.url, opened)
        tab.wait_for("Your name")
        tab.enter("Amy Chen", "Playing as Amy Chen")
        players = served.players()
        assert players
    finally:
        status = served.stop()
        for context in opened:
            context.close()
    assert status == 0
    assert any(line.startswith("Stopped.") for line in served.printed)
    assert not any("Traceback" in line for line in served.printed)
    for _ in range(100):  # no game process is left running (the server waits for them as it stops)
        alive = [pid for pid in players if lab.rss_mb(pid)]
        if not alive:
            break
        time.sleep(0.1)
    assert not alive, served.printed
