"""Pilot tests: drive the real app with keys and clicks from the title screen to the epilogue,
asserting on the app's state at each step, and prove (by verifying the autosave) that the UI
changed the game only through session actions."""

from __future__ import annotations

import html
import os
import re
import time
from pathlib import Path

import pytest

from game.session import saves
from game.session.actions import ChooseScene, SetForm
from game.session.game import GameSetup, Session
from game.session.start import Starter
from game.ui.app import HighTideApp
from game.ui.messages import SeasonEnded
from game.sim.params import DIRECTIVE_SEASON
from game.ui.screens.directive import DirectiveScreen
from game.ui.screens.epilogue import EpilogueScreen
from game.ui.screens.new_game import NewGameScreen
from game.ui.screens.replay import ReplayScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.season import SeasonScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.scene import SceneChoice

SIZE = (100, 30)


def make_app() -> HighTideApp:
    return HighTideApp(Path(os.environ["HIGHTIDE_SAVES"]), seed=1953, cursor_blink=False)


async def wait_for(pilot, condition, what: str, steps: int = 200, seconds: float = 60.0) -> None:
    """Let the app run until ``condition()`` holds: at least ``steps`` pauses and ``seconds`` of
    wall time (on a loaded machine 200 pauses can pass before a scene's effects are applied)."""
    deadline = time.monotonic() + seconds
    tries = 0
    while tries < steps or time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause()
        tries += 1
    app = pilot.app
    raise AssertionError(f"timed out waiting for {what}; screen {app.screen!r}, focused {app.focused!r}, "
                         f"season {getattr(app.session, 'label', None)}, queue {getattr(app.session, 'queue', None)}")


def on(app, screen_type) -> bool:
    return isinstance(app.screen, screen_type)


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", html.unescape(text).lower())


def shows(app, *fragments: str) -> bool:
    """True if every fragment is on the terminal now, as the user sees it (Textual's screenshot,
    compared on letters and digits only, so a toast's line breaks and borders do not matter)."""
    seen = _letters(re.sub(r"<[^>]+>", " ", app.export_screenshot()))
    return all(_letters(f) in seen for f in fragments)


async def start_new_game(pilot, app, household_steps: int = 0, name: str = "Tester") -> None:
    await wait_for(pilot, lambda: on(app, TitleScreen), "the title screen")
    await pilot.press("n")
    await wait_for(pilot, lambda: on(app, NewGameScreen), "the new-game screen")
    await pilot.press(*["down"] * household_steps, "enter")
    await pilot.press(*name, "enter")
    await wait_for(pilot, lambda: on(app, SeasonScreen), "the season screen")


async def play_season_with_keys(pilot, app) -> None:
    session = app.session
    t = session.t
    while session.queue:
        waiting = len(session.queue), session.queue[0]
        await pilot.press("enter")  # the first open choice has the focus
        await wait_for(pilot, lambda: (len(session.queue), session.queue[:1]) != (waiting[0], [waiting[1]]),
                       "the scene to be answered")
    if t == DIRECTIVE_SEASON:  # the directive screen opens by itself once summer 1955's scenes are answered
        await wait_for(pilot, lambda: on(app, DirectiveScreen), "the directive screen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season again")
    await pilot.press("e")
    await wait_for(pilot, lambda: on(app, ReportScreen), "the season report")
    assert session.t == t + 1
    assert len(session.logs) == t + 1
    await pilot.press("enter")
    if session.finished:
        await wait_for(pilot, lambda: on(app, EpilogueScreen), "the epilogue")
    else:
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the next season")


@pytest.mark.slow
async def test_full_game_with_keys_only_verifies() -> None:
    app = make_app()
    ended: list[int] = []
    hook = lambda message: ended.append(message.t) if isinstance(message, SeasonEnded) else None  # noqa: E731
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await start_new_game(pilot, app, household_steps=2, name="Keys")
        session = app.session
        assert session.setup.seed == 1953 and session.setup.player == "Keys"
        offered = Starter(app.saves_folder).choices(seed=1953).households
        assert session.setup.household == offered[2].id  # two steps down the list of households
        # a typed command makes the same action as a key: join the team from the prompt
        await pilot.press("slash", *"join team", "enter")
        await wait_for(pilot, lambda: session.pending_form == "team", "the typed join")
        await pilot.press("escape")  # back from the prompt to the choices
        while not session.finished:
            await play_season_with_keys(pilot, app)
        assert on(app, EpilogueScreen)
        assert ended == list(range(16))
        autosave = saves.autosave_path(session, app.saves_folder)
        verdict = saves.verify(autosave)
        assert verdict.ok, verdict.message
        assert verdict.session.actions == session.actions
        assert any(isinstance(a, SetForm) and a.form == "team" for _, a in session.actions)
        await pilot.press("enter")
        await wait_for(pilot, lambda: on(app, TitleScreen), "the title screen again")


async def test_scene_choices_with_the_mouse() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_new_game(pilot, app)
        session = app.session
        for _ in range(2):
            scene = session.queue[0]
            choice = next(c for c in app.screen.query(SceneChoice) if c.available)
            await pilot.click(f"#{choice.id}")
            await wait_for(pilot, lambda: scene not in session.queue, "the clicked choice")
            assert (session.t, ChooseScene(scene, choice.index)) in session.actions
        # a decision option by mouse too
        from game.ui.widgets.decisions import DecisionOption

        option = next(o for o in app.screen.query(DecisionOption) if o.option.available and not o.option.current)
        await pilot.click(option)
        await wait_for(pilot, lambda: (session.t, option.option.action) in session.actions, "the clicked decision")


async def test_typed_commands_and_refusals() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_new_game(pilot, app)
        session = app.session
        before = list(session.actions)
        await pilot.press("slash", *"look", "enter")
        await pilot.pause()
        said = app.screen.query_one("#said")
        assert "Spring 1953" in str(said.render())
        await pilot.press(*"frobnicate", "enter")
        await pilot.pause()
        assert "not a command" in str(app.screen.query_one("#said").render())
        await pilot.press(*"end", "enter")  # a scene is waiting: refused, nothing changes
        await pilot.pause()
        assert session.t == 0 and session.actions == before
        await pilot.press(*"ch", "tab")
        assert app.screen.query_one("#prompt").value == "choose "
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: len(session.actions) == len(before) + 1, "the typed choice")
        assert isinstance(session.actions[-1][1], ChooseScene) and session.actions[-1][1].choice == 1


async def test_small_and_large_terminals_and_resize() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_game(pilot, app)
        await pilot.press("1")
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert app.screen.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert on(app, SeasonScreen)


async def test_corrupt_save_is_one_sentence(tmp_path) -> None:
    app = make_app()
    bad = app.saves_folder / "broken.hightide.json"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("{ not json", encoding="utf-8")
    async with app.run_test(size=SIZE, notifications=True) as pilot:  # toasts shown as to a user
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: shows(app, "broken.hightide.json", "not a High Tide save"), "the sentence on screen")
        assert not shows(app, "Traceback")
        assert on(app, TitleScreen) and app.session is None


async def test_continue_replay_and_branch() -> None:
    folder = Path(os.environ["HIGHTIDE_SAVES"])
    session = Session(GameSetup(seed=1953, player="Replayed"))
    from game.session import views
    from game.session.actions import EndSeason

    for _ in range(3):
        while session.queue:
            scene = views.current_scene(session)
            session.apply(ChooseScene(scene.id, next(o.index for o in scene.options if o.available)))
        session.apply(EndSeason())
    path = saves.autosave(session, folder)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the continued season")
        assert app.session.t == 3
        app.back_to_title()
        await wait_for(pilot, lambda: on(app, TitleScreen), "the title")
        app.replay_game(path)
        await wait_for(pilot, lambda: on(app, ReplayScreen), "the replay")
        replay_screen = app.screen
        await pilot.press("right")
        await wait_for(pilot, lambda: replay_screen.t == 1, "the next season")
        assert any(c.id.startswith("choice") and "recorded" in str(c.render()) for c in replay_screen.query(SceneChoice))
        await pilot.press("left")
        await wait_for(pilot, lambda: replay_screen.t == 0, "the previous season")
        await pilot.press("right", "b")
        await pilot.pause()
        await pilot.press(*"branched", "enter")  # the default name is selected: typing replaces it
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the branch")
        assert app.session.t == 1 and app.session.setup.player.endswith("branched"), app.session.setup.player
        branch = next(p for p in folder.iterdir() if "branched" in p.name and p.name.endswith(saves.SUFFIX))
        verdict = saves.verify(branch)
        assert verdict.ok and verdict.session.t == 1, verdict.message
