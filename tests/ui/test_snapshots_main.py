"""SVG snapshots of the main screens (title, season, report, epilogue) at 80x24, and the season
screen at 120x40. Deterministic: a fixed seed, saves in a temporary folder, no cursor blink."""

from __future__ import annotations

import os
from pathlib import Path

from game.session import views
from game.session.actions import ChooseScene, EndSeason
from game.session.game import GameSetup, Session
from game.ui.app import HighTideApp


def make_app() -> HighTideApp:
    return HighTideApp(Path(os.environ["HIGHTIDE_SAVES"]), seed=1953, cursor_blink=False)


def answer_scenes(session: Session) -> None:
    while session.queue:
        scene = views.current_scene(session)
        session.apply(ChooseScene(scene.id, next(o.index for o in scene.options if o.available)))


def played(seasons: int) -> Session:
    session = Session(GameSetup(seed=1953, household="wang_fu", player="Snapshot"))
    for _ in range(seasons):
        answer_scenes(session)
        session.apply(EndSeason())
    return session


async def _new_game(pilot) -> None:
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("enter", *"Snap", "enter")
    await pilot.pause()


def test_title(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_season_80x24(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_new_game)


def test_season_120x40(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_new_game)


def test_report_80x24(snap_compare) -> None:
    async def run_before(pilot) -> None:
        session = played(2)
        answer_scenes(session)
        pilot.app.start_session(session)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_epilogue_80x24(snap_compare) -> None:
    async def run_before(pilot) -> None:
        pilot.app.start_session(played(16))
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()  # the debrief below the fold sets the scrollbar
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
