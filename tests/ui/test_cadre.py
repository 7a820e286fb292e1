"""The cadre role in the UI (issue 6): a whole game as the township secretary from the title
screen to the epilogue with keys only (scene choices, a lever decision every year through the
decisions panel, ending the seasons), the county view and the directive screen, and SVG
snapshots of the secretary's season, the county in autumn 1955 and the summer 1955 set-piece
(the scene in which the speech is read)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.session import saves, views
from game.session.actions import EndSeason, SetLever
from game.session.game import GameSetup, Session
from game.sim.params import DIRECTIVE_SEASON
from game.ui.app import HighTideApp
from tests.ui.test_snapshots_main import answer_scenes
from game.ui.screens.county import CountyScreen
from game.ui.screens.directive import DirectiveScreen
from game.ui.screens.epilogue import EpilogueScreen
from game.ui.screens.new_game import NewGameScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.season import SeasonScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.decisions import DecisionOption
from game.ui.widgets.status import StatusLine
from tests.ui.test_app_pilot import on, wait_for

SIZE = (80, 24)


def make_app() -> HighTideApp:
    return HighTideApp(Path(os.environ["HIGHTIDE_SAVES"]), seed=1953, cursor_blink=False)


def cadre_played(seasons: int) -> Session:
    session = Session(GameSetup(role="cadre", seed=1953, player="Secretary"))
    for _ in range(seasons):
        answer_scenes(session)
        session.apply(EndSeason())
    return session


async def pick_a_lever(pilot, app) -> None:
    """With keys only: ] to the second decision, then down to an open option not in force, Enter."""
    session = app.session
    before = len(session.actions)
    await pilot.press("right_square_bracket")
    await pilot.pause()
    for _ in range(40):
        focused = app.focused
        assert isinstance(focused, DecisionOption), focused
        if focused.option.available and not focused.option.current:
            break
        await pilot.press("down")
        await pilot.pause()
    action = app.focused.option.action
    await pilot.press("enter")
    await wait_for(pilot, lambda: len(session.actions) == before + 1, "the lever decision")
    assert session.actions[-1] == (session.t, action) and isinstance(action, SetLever)


@pytest.mark.slow
async def test_cadre_game_with_keys_only_verifies() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: on(app, TitleScreen), "the title")
        await pilot.press("n")
        await wait_for(pilot, lambda: on(app, NewGameScreen), "the new-game screen")
        await pilot.press("shift+tab")  # from the households to the role
        await pilot.press("down", "enter")  # the secretary
        await wait_for(pilot, lambda: app.screen.role == "cadre", "the cadre role")
        await pilot.press("tab", "tab")  # the seed, then the name (the households are disabled)
        assert app.focused.id == "player"
        await pilot.press(*"Liu", "enter")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the cadre's first season")
        session = app.session
        assert session.setup.role == "cadre" and session.household is None and session.setup.player == "Liu"
        levers_by_year: dict[int, int] = {}
        while not session.finished:
            t = session.t
            status = str(app.screen.query_one(StatusLine).render())
            assert session.label in status and "co-ops" in status and "county" in status
            assert f"{views.status(session).quota:.0%}" in status
            while session.queue:
                waiting = len(session.queue), session.queue[0]
                await pilot.press("enter")
                await wait_for(pilot, lambda: (len(session.queue), session.queue[:1]) != (waiting[0], [waiting[1]]),
                               "the scene to be answered")
            if t == DIRECTIVE_SEASON:
                await wait_for(pilot, lambda: on(app, DirectiveScreen), "the directive, opened by itself")
                assert app.screen.change is not None
                await pilot.press("escape")
                await wait_for(pilot, lambda: on(app, SeasonScreen), "the season again")
            if t % 4 == 1:  # one lever a year, in summer, through the decisions panel
                await pick_a_lever(pilot, app)
                levers_by_year[1953 + t // 4] = t
            if t == 10:
                await pilot.press("c")
                await wait_for(pilot, lambda: on(app, CountyScreen), "the county")
                await pilot.press("escape")
                await wait_for(pilot, lambda: on(app, SeasonScreen), "the season again")
                await pilot.press("j")
                await wait_for(pilot, lambda: on(app, DirectiveScreen), "the directive on j")
                await pilot.press("escape")
                await wait_for(pilot, lambda: on(app, SeasonScreen), "the season again")
            await pilot.press("e")
            await wait_for(pilot, lambda: on(app, ReportScreen), "the report")
            assert session.t == t + 1 and len(session.logs) == t + 1
            assert saves.autosave_path(session, app.saves_folder).exists()
            await pilot.press("enter")
            await wait_for(pilot, lambda: on(app, EpilogueScreen if session.finished else SeasonScreen), "the next screen")
        assert sorted(levers_by_year) == [1953, 1954, 1955, 1956]
        verdict = saves.verify(saves.autosave_path(session, app.saves_folder))
        assert verdict.ok, verdict.message
        assert verdict.session.actions == session.actions
        assert sum(isinstance(a, SetLever) for _, a in session.actions) >= 4


def test_cadre_season_spring_1954(snap_compare) -> None:
    async def run_before(pilot) -> None:
        pilot.app.start_session(cadre_played(4))
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_cadre_county_autumn_1955(snap_compare) -> None:
    async def run_before(pilot) -> None:
        pilot.app.start_session(cadre_played(10))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_cadre_directive_scene_summer_1955(snap_compare) -> None:
    async def run_before(pilot) -> None:
        session = cadre_played(9)
        assert session.queue[0] == "c1955su_county_seat"  # the scene in which the speech is read
        pilot.app.start_session(session)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
