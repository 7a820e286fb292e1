"""Issue 12, the terminal UI: `hightide replay SAVE` opens that replay; keys typed in the prompt
never fire bindings; views replace each other instead of stacking; quitting with unsaved choices
asks and the autosave keeps them; the number keys only while a scene waits; the status line
never wraps; the calculus is computed for the season being played."""

from __future__ import annotations

import os
from argparse import Namespace
from pathlib import Path

from game.session import saves, views
from game.session.actions import EndSeason
from game.session.game import GameSetup, Session
from game.session.start import StartRequest
from game.ui.app import HighTideApp
from game.ui.screens.classroom import ConfirmScreen
from game.ui.screens.replay import ReplayScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.season import SeasonScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.prompt import CommandPrompt
from game.ui.widgets.status import StatusLine, status_text

from tests.ui.test_app_pilot import on, wait_for
from tests.ui.test_snapshots_main import answer_scenes

SMALL = (80, 24)


def folder() -> Path:
    return Path(os.environ["HIGHTIDE_SAVES"])


def make_app(request: StartRequest | None = None) -> HighTideApp:
    return HighTideApp(folder(), seed=1953, cursor_blink=False, request=request)


def game(seasons: int = 0, role: str = "peasant") -> Session:
    session = Session(GameSetup(role=role, seed=7, household="wang_fu" if role == "peasant" else None,
                                player="Pilot", county=4))
    for _ in range(seasons):
        answer_scenes(session)
        session.apply(EndSeason())
    return session


async def at_the_prompt(pilot, app, seasons: int = 1) -> None:
    """A game of ``seasons`` seasons on screen, the command prompt focused."""
    app.start_session(game(seasons))
    await wait_for(pilot, lambda: on(app, SeasonScreen), "the season")
    await pilot.press("slash")
    await wait_for(pilot, lambda: isinstance(app.focused, CommandPrompt), "the prompt")


async def answer_all(pilot, session: Session) -> None:
    """Answer every waiting scene with the number key of its first open option."""
    for _ in range(20):
        scene = views.current_scene(session)
        if scene is None:
            return
        n = next(o.index for o in scene.options if o.available) + 1
        waiting = (len(session.queue), session.queue[:1], len(session.actions))
        await pilot.press(str(n))
        await wait_for(pilot, lambda: (len(session.queue), session.queue[:1], len(session.actions)) != waiting,
                       "the scene to be answered")
    raise AssertionError("scenes kept coming")


async def test_replay_save_opens_that_replay() -> None:
    folder().mkdir(parents=True, exist_ok=True)
    path = saves.save(game(2), folder() / "two seasons.hightide.json", "two seasons")
    request = StartRequest.from_args(Namespace(command="replay", save=str(path), saves=str(folder())))
    app = make_app(request)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: on(app, ReplayScreen), "the replay of the save")
        assert app.screen.replay.path == path


async def test_letters_typed_in_the_prompt_never_fire_bindings() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await at_the_prompt(pilot, app)
        actions = len(app.session.actions)
        await pilot.press(*"keep mkl")
        await pilot.pause()
        assert on(app, SeasonScreen) and app.focused.value == "keep mkl"
        assert len(app.session.actions) == actions  # 'k' did not keep the ox, 'e' did not end the season


async def test_views_replace_each_other() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        app.start_session(game(1))
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season")
        depth = len(app.screen_stack)
        for view in ("map", "tide", "ledger", "county", "timeline", "glossary"):
            app.open_view(view)
            await pilot.pause()
            assert len(app.screen_stack) == depth + 1, view
        await pilot.press("escape")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season after one Escape")


async def test_the_calculus_key_shows_the_season_being_played() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        session = game(2)
        app.start_session(session)
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season")
        await answer_all(pilot, session)
        await pilot.press("k")
        await wait_for(pilot, lambda: on(app, ReportScreen), "the calculus")
        assert app.screen.report_t is None
        title = str(app.screen.query_one("#calculus-title").render())
        assert session.label.lower() in title


async def test_quit_with_unsaved_choices_asks_and_the_autosave_keeps_them() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        session = game(1)
        app.start_session(session)
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season")
        assert app.unsaved_choices() == 0
        first = views.current_scene(session)
        await pilot.press(str(next(o.index for o in first.options if o.available) + 1))  # answer the first scene
        await wait_for(pilot, lambda: app.unsaved_choices() == 1, "one choice made")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: on(app, ConfirmScreen), "the question")
        assert app.is_running
        await pilot.click("#confirm-yes")
        await wait_for(pilot, lambda: not app.is_running, "the app to quit")
    kept = saves.load(saves.autosave_path(session, folder()))
    assert len(kept.actions) == len(session.actions) and kept.t == session.t


async def test_escape_to_the_title_keeps_the_seasons_choices() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        session = game(1)
        app.start_session(session)
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season")
        first = views.current_scene(session)
        await pilot.press(str(next(o.index for o in first.options if o.available) + 1))
        await wait_for(pilot, lambda: app.unsaved_choices() == 1, "one choice made")
        app.screen.action_title()
        await wait_for(pilot, lambda: on(app, TitleScreen), "the title")
        assert app.unsaved_choices() == 0
        assert len(saves.load(saves.autosave_path(session, folder())).actions) == len(session.actions)


async def test_number_keys_only_while_a_scene_waits() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        session = game(1)
        app.start_session(session)
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season")
        screen = app.screen
        assert session.queue and screen.check_action("choose", (1,))
        await answer_all(pilot, session)
        assert not screen.check_action("choose", (1,))
        footer = app.export_screenshot()
        assert "1-9" not in footer


async def test_the_status_line_is_one_line_at_80_columns() -> None:
    for role in ("peasant", "cadre"):
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            app.start_session(game(6, role))
            await wait_for(pilot, lambda: on(app, SeasonScreen), "the season")
            await pilot.pause()
            status = app.screen.query_one(StatusLine)
            assert status.size.height == 1
            view = views.status(app.session)
            assert status_text(view, status.content_region.width).cell_length <= status.content_region.width
            shown = str(status.render())
            assert app.session.label in shown
            if role == "cadre":
                assert "county" in shown and f"{view.village_standing:.0%}" in shown


def test_the_timeline_opens_before_the_season_not_in_1958() -> None:
    from game.ui.screens.reference import before_season

    assert before_season("1950-06-30", 0) and before_season("1952", 0)
    assert not before_season("1958-autumn", 0) and not before_season("1958", 15)
    assert before_season("1955-07-31", 10) and not before_season("1955-07-31", 9)
    assert not before_season("1953", 0) and before_season("1953", 4)


async def test_a_long_answer_is_shown_whole_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await at_the_prompt(pilot, app)
        await pilot.press(*"examine land", "enter")
        said = app.screen.query_one("#said")
        await wait_for(pilot, lambda: said.display and said.size.height > 1, "the answer")
        await pilot.pause()
        assert said.virtual_size.height <= said.size.height + 1  # its top border aside, every line shows
        assert views.calculus(app.session).sentence().split()[-1] in app.export_screenshot()


def footer_keys(app) -> list[str]:
    """The keys the footer of the current screen shows, as drawn (Textual's footer keys)."""
    return [key.key for key in app.screen.query("FooterKey")]


async def test_the_footer_shows_the_number_keys_only_while_a_scene_waits() -> None:
    """The footer is redrawn only when its keys change (game/ui/widgets/cached.py): answering the
    season's last scene must still take the number keys off it, and a new season's scene must
    bring them back."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        session = game(0)
        app.start_session(session)
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season")
        await wait_for(pilot, lambda: "1" in footer_keys(app), "the number keys in the footer")
        assert "e" in footer_keys(app)
        await answer_all(pilot, session)
        await wait_for(pilot, lambda: "1" not in footer_keys(app), "the number keys to leave the footer")
        assert "e" in footer_keys(app)  # the rest of the footer is still there
        assert app.apply(EndSeason())
        await wait_for(pilot, lambda: on(app, ReportScreen) and "enter" in footer_keys(app), "the report's footer")
        assert "1" not in footer_keys(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: on(app, SeasonScreen) and "1" in footer_keys(app),
                       "the number keys back with the next season's scene")
