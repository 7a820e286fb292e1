"""The debrief in the terminal (issue 14): measured in a worker with a progress bar, a histogram
per ending axis, the ranked decisions, and a branch opened from one of them."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import OptionList, ProgressBar

from game.session import debrief
from game.ui.app import HighTideApp
from game.ui.screens.debrief import DebriefPanel, DebriefScreen
from game.ui.screens.season import SeasonScreen
from game.ui.widgets.histogram import Histogram, bar, histogram_text
from tests.ui.test_snapshots_main import played

VILLAGES = 200  # fewer than a game's 1,000, the same code


def chosen_game():
    """Wang Fu's game with a decision of his own: sidelines every winter."""
    from game.session.actions import EndSeason, SetSideline
    from game.session.game import GameSetup, Session
    from tests.ui.test_snapshots_main import answer_scenes

    session = Session(GameSetup(seed=1953, household="wang_fu", player="Snapshot"))
    while not session.finished:
        answer_scenes(session)
        if session.t % 4 == 3:
            session.apply(SetSideline(0.0))
        session.apply(EndSeason())
    return session


def test_bar_draws_eighths():
    assert bar(0) == ""
    assert bar(2) == "██"
    assert bar(1.5) == "█▌"
    assert bar(0.999) == "█"


def test_histogram_marks_the_games_own_row():
    result = debrief.debrief(chosen_game(), VILLAGES)
    dist = result.distributions["wealth"]
    text = histogram_text(dist, 60).plain.splitlines()
    marked = [line for line in text if "◀ you" in line]
    assert len(marked) == 1
    rows = dist.rows(8)
    assert len(text) == len(rows)
    assert sum(int(line.split()[-3 if "◀" in line else -1].replace(",", "")) for line in text) == VILLAGES


async def test_debrief_screen_measures_in_a_worker_and_opens_a_branch(tmp_path: Path):
    session = chosen_game()
    expected = debrief.debrief(session, VILLAGES)
    app = HighTideApp(tmp_path, seed=1953, cursor_blink=False)
    async with app.run_test(size=(100, 40)) as pilot:
        app.start_session(session)
        await pilot.pause()
        app.push_screen(DebriefScreen(session, VILLAGES))
        await pilot.pause()
        panel = app.screen.query_one(DebriefPanel)
        assert app.screen.query(ProgressBar)  # shown while it measures
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert panel.result is not None
        assert not app.screen.query_one(ProgressBar).display
        hists = app.screen.query(Histogram)
        assert [h.dist.axis for h in hists] == list(expected.distributions)
        assert [round(h.dist.percentile, 3) for h in hists] == [round(d.percentile, 3) for d in expected.distributions.values()]
        options = app.screen.query_one("#debrief-decisions", OptionList)
        top = expected.top()
        assert top and options.option_count == len(top)
        assert options.get_option_at_index(0).prompt.startswith(f"1. {top[0].label}")
        # Enter on the top decision: a new game from its season, that decision taken back
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SeasonScreen)
        assert app.session is not session
        assert app.session.t == top[0].season
        assert app.session.setup.origin.startswith("branch:")
        assert app.branched_from is not None and app.branched_from.is_file()


async def test_debrief_before_any_season_says_so(tmp_path: Path):
    session = played(0)
    app = HighTideApp(tmp_path, seed=1953, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DebriefScreen(session, VILLAGES))
        await pilot.pause()
        assert "Play a season first" in str(app.screen.query_one("#debrief-status").render())


def test_debrief_screen_snapshot(snap_compare):
    async def run_before(pilot) -> None:
        pilot.app.push_screen(DebriefScreen(chosen_game(), VILLAGES))
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = HighTideApp(Path(os.environ["HIGHTIDE_SAVES"]), seed=1953, cursor_blink=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
