"""SVG snapshots of the eight screens a class meets (title, season, report, calculus, directive,
county, replay, epilogue) at the smallest terminal the game supports, 80x24, and at 120x40: each
opened the way a player opens it, in the real app. Deterministic: fixed seeds, a county of four
villages, saves in a temporary folder, no cursor blink. Before accepting a changed snapshot,
look at it: no header wrapped, no text clipped, every choice of a scene visible."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.session import saves, views
from game.session.actions import ChooseScene, EndSeason
from game.session.game import GameSetup, Session
from game.sim.params import DIRECTIVE_SEASON
from game.ui.app import HighTideApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def make_app() -> HighTideApp:
    return HighTideApp(Path(os.environ["HIGHTIDE_SAVES"]), seed=1953, cursor_blink=False)


def played(seasons: int, role: str = "peasant") -> Session:
    session = Session(GameSetup(role=role, seed=1953, household="wang_fu" if role == "peasant" else None,
                                player="Snapshot", county=4))
    for _ in range(seasons):
        answer_scenes(session)
        session.apply(EndSeason())
    return session


def answer_scenes(session: Session) -> None:
    while session.queue:
        scene = views.current_scene(session)
        session.apply(ChooseScene(scene.id, next(o.index for o in scene.options if o.available)))


def opened(make_session, *keys: str, view: str | None = None):
    """A run_before that starts the session and then presses keys or opens a view."""
    async def run_before(pilot) -> None:
        pilot.app.start_session(make_session())
        await pilot.pause()
        if view is not None:
            pilot.app.open_view(view)
            await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        pilot.app.clear_notifications()  # a toast (the directive's arrival) would hide what is checked
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()  # the epilogue's debrief: measured in a worker, its
        await pilot.pause()                          # height sets the scrollbar (else the snapshot races it)
    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_title(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_season(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=opened(lambda: played(5)))


@pytest.mark.parametrize("size", SIZES)
def test_report(snap_compare, size) -> None:
    def ready() -> Session:
        session = played(5)
        answer_scenes(session)
        return session

    assert snap_compare(make_app(), terminal_size=size, run_before=opened(ready, "e"))


@pytest.mark.parametrize("size", SIZES)
def test_calculus(snap_compare, size) -> None:
    def ready() -> Session:
        session = played(5)
        answer_scenes(session)
        return session

    assert snap_compare(make_app(), terminal_size=size, run_before=opened(ready, "k"))


@pytest.mark.parametrize("size", SIZES)
def test_directive(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size,
                        run_before=opened(lambda: played(DIRECTIVE_SEASON, "cadre"), view="directive"))


@pytest.mark.parametrize("size", SIZES)
def test_county(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size,
                        run_before=opened(lambda: played(DIRECTIVE_SEASON + 1, "cadre"), view="county"))


@pytest.mark.parametrize("size", SIZES)
def test_replay(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        folder = Path(os.environ["HIGHTIDE_SAVES"])
        folder.mkdir(parents=True, exist_ok=True)
        path = saves.save(played(4), folder / "four seasons.hightide.json", "four seasons")
        pilot.app.replay_game(path)
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_epilogue(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=opened(lambda: played(16)))
