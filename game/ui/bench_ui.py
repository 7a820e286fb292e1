"""UI timings for ``hightide bench --ui``, run in a fresh subprocess so that imports count:
time to the first frame of the title screen (or of a bare Textual app with Header and Footer,
for comparison), and the time from ending a season to the season report being drawn.

The season is ended the way a terminal ends it: an ``e`` key event is posted to the app
(``App.simulate_key``, the public form of what the terminal driver does), and the clock stops at
the report screen's first refresh. (Pilot's ``press`` is not used for the timing: it also waits
until the process has been idle for a while, which added 100-150 ms of test-harness waiting to
the figure.) Eleven runs, each in a fresh app; the median is reported.

Usage: ``python -m game.ui.bench_ui first-frame|bare|report``; prints milliseconds as JSON.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


def first_frame(bare: bool) -> float:
    """Milliseconds from process start (after the interpreter) to the first frame."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header

    if bare:
        class Bare(App):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Footer()

        app: App = Bare()
    else:
        from game.ui.app import HighTideApp

        app = HighTideApp(Path(tempfile.mkdtemp()), seed=1, cursor_blink=False)
    result: dict[str, float] = {}

    def done() -> None:
        result["ms"] = (time.perf_counter() - STARTED) * 1000.0
        app.exit()

    app.call_later(lambda: app.call_after_refresh(done))
    app.run(headless=True, size=(100, 30))
    return result["ms"]


async def _report_times(runs: int) -> list[float]:
    from game.session import views
    from game.session.actions import ChooseScene
    from game.session.start import Starter
    from game.ui.app import HighTideApp
    from game.ui.screens.report import ReportScreen

    times = []
    for run in range(runs):
        folder = Path(tempfile.mkdtemp())
        app = HighTideApp(folder, seed=1, cursor_blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            session = Starter(folder).new_game(seed=run + 1).session
            while session.queue:
                scene = views.current_scene(session)
                session.apply(ChooseScene(scene.id, next(o.index for o in scene.options if o.available)))
            app.start_session(session)
            await pilot.pause()
            await pilot.pause()
            drawn = asyncio.Event()
            start = time.perf_counter()
            app.simulate_key("e")  # posted to the app as the terminal driver posts a key press
            while not isinstance(app.screen, ReportScreen):
                await asyncio.sleep(0)
            app.screen.call_after_refresh(drawn.set)
            await drawn.wait()
            times.append((time.perf_counter() - start) * 1000.0)
    return times


def report_ms(runs: int = 11) -> float:
    return statistics.median(asyncio.run(_report_times(runs)))


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "first-frame"
    if kind == "report":
        print(json.dumps({"ms": report_ms()}))
    else:
        print(json.dumps({"ms": first_frame(bare=kind == "bare")}))
