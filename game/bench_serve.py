"""``hightide bench --serve``: the game served to Chromium (``hightide serve`` on a free port,
Playwright driving the system browser). Median of five fresh tabs: the time from asking for the
page to the title's first frame drawn, and the resident memory of one tab's game process after
it has played a season (what ``--max-players`` divides the free memory by). Never imports
textual (the game runs in the server's processes)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from game.bench import BenchError


def bench_serve(runs: int = 5) -> dict[str, float]:
    from game import lab

    missing = lab.browser_missing()
    if missing:
        raise BenchError(missing[:1].lower() + missing[1:])
    from playwright.sync_api import sync_playwright

    loads, memory = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        (folder / "one-season.toml").write_text(lab.ONE_SEASON, encoding="utf-8")
        try:
            served = lab.serve(folder, "--assignment", str(folder / "one-season.toml"))
        except RuntimeError as error:
            raise BenchError(str(error).rstrip(".")) from None
        try:
            with sync_playwright() as playwright:
                browser = lab.launch(playwright)
                try:
                    for run in range(runs):
                        context = browser.new_context(viewport={"width": 1200, "height": 800})
                        tab = lab.Tab(context.new_page())
                        start = time.perf_counter()
                        tab.page.goto(served.url)
                        tab.wait_for("H I G H")
                        tab.page.wait_for_selector("body.-first-byte", state="attached")
                        tab.page.evaluate("new Promise(done => requestAnimationFrame(() => done()))")
                        loads.append((time.perf_counter() - start) * 1000.0)
                        tab.page.click(".xterm-screen")
                        tab.wait_for("Your name")
                        lab.play_a_season(tab, f"Bench {run + 1}")
                        players = served.players()
                        memory.append(max(lab.rss_mb(pid) for pid in players) if players else 0.0)
                        context.close()
                        served.wait_for_room()
                finally:
                    browser.close()
        except AssertionError as error:
            raise BenchError(f"a tab did not play as expected ({str(error)[:120]})") from None
        finally:
            served.stop()
    return {"first_frame_ms": statistics.median(loads), "player_mb": statistics.median(memory),
            "runs": runs, "slowest_ms": max(loads)}


def format_serve(figures: dict[str, float]) -> str:
    return "\n".join([
        f"Browser benchmark (hightide serve, headless Chromium, median of {figures['runs']:.0f} fresh tabs)",
        f"  page load to the title's first frame:   {figures['first_frame_ms']:.0f} ms   (slowest {figures['slowest_ms']:.0f} ms)",
        f"  one player's game process after a season: {figures['player_mb']:.0f} MB resident",
    ])
