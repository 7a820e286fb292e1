"""Pilot tests of what the title, season and replay screens open (assignment, guides, model card,
directive, compare) and of a classroom assignment played in the UI: the questions after the
seasons the assignment names, the stop point, continuing with the same name, the final question
and the report written beside the autosave."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.session import saves, views
from game.session.actions import ChooseScene, EndSeason
from game.session.game import GameSetup, Session
from game.ui.app import HighTideApp
from game.ui.screens.assignment import AssignmentScreen
from game.ui.screens.classroom import NoticeScreen, QuestionScreen
from game.ui.screens.compare import CompareScreen
from game.ui.screens.directive import DirectiveScreen
from game.ui.screens.epilogue import EpilogueScreen
from game.ui.screens.guides import GuideScreen
from game.ui.screens.model import ModelScreen
from game.ui.screens.new_game import NewGameScreen
from game.ui.screens.replay import ReplayScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.season import SeasonScreen
from game.ui.screens.title import TitleScreen
from tests.ui.test_app_pilot import on, shows, wait_for

SIZE = (80, 24)


def make_app() -> HighTideApp:
    return HighTideApp(Path(os.environ["HIGHTIDE_SAVES"]), seed=1953, cursor_blink=False)


def answer_scenes(app: HighTideApp) -> None:
    """Answer the season's scenes through the app's one door (the first open option)."""
    session = app.session
    while session.queue:
        scene = views.current_scene(session)
        assert app.apply(ChooseScene(scene.id, next(o.index for o in scene.options if o.available)))


async def end_season(pilot, app: HighTideApp) -> None:
    """End the season through the app and close its report (and the directive, if it opened)."""
    answer_scenes(app)
    await pilot.pause()
    if on(app, DirectiveScreen):
        await pilot.press("escape")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season again")
    t = app.session.t
    assert app.apply(EndSeason())
    await wait_for(pilot, lambda: on(app, ReportScreen), f"the report of season {t}")
    await pilot.press("enter")
    await wait_for(pilot, lambda: not on(app, ReportScreen), "the report to close")


async def answer_question(pilot, app: HighTideApp, text: str) -> str:
    await wait_for(pilot, lambda: on(app, QuestionScreen), "a question")
    question = app.screen.question_id
    await pilot.press("ctrl+o")  # an empty answer is refused with a sentence
    await pilot.pause()
    assert on(app, QuestionScreen)
    await pilot.press(*text, "ctrl+o")
    await wait_for(pilot, lambda: question in app.session.answers, f"the answer to {question}")
    return question


async def open_assignment(pilot, app: HighTideApp, source: str, name: str) -> None:
    await wait_for(pilot, lambda: on(app, TitleScreen), "the title screen")
    await pilot.press("a")
    await wait_for(pilot, lambda: on(app, AssignmentScreen), "the assignment screen")
    await pilot.press(*source, "enter")
    await pilot.pause()
    await pilot.press(*name, "enter")


async def test_title_keys_open_the_assignment_and_the_guides() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: on(app, AssignmentScreen), "the assignment screen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: on(app, TitleScreen), "the title")
        await pilot.press("g")
        await wait_for(pilot, lambda: on(app, GuideScreen), "the student's guide")
        assert "Student" in app.screen.guide_title
        await pilot.press("escape")
        await wait_for(pilot, lambda: on(app, TitleScreen), "the title")
        await pilot.press("T")
        await wait_for(pilot, lambda: on(app, GuideScreen), "the teacher's guide")
        assert "Teacher" in app.screen.guide_title
        assert "Teacher's guide" in app.bindings_text() and "Assignment" in app.bindings_text()


async def test_season_keys_and_typed_commands_open_model_directive_and_guides() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.start_session(Session(GameSetup(seed=5, player="Keys")))
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the season")
        for key, screen in (("o", ModelScreen), ("j", DirectiveScreen)):
            await pilot.press(key)
            await wait_for(pilot, lambda: on(app, screen), screen.__name__)
            await pilot.press("escape")
            await wait_for(pilot, lambda: on(app, SeasonScreen), "the season again")
        for typed, screen in (("model", ModelScreen), ("directive", DirectiveScreen), ("guide", GuideScreen),
                              ("guide teacher", GuideScreen)):
            if app.focused is None or app.focused.id != "prompt":
                await pilot.press("slash")
            await pilot.press(*typed, "enter")
            await wait_for(pilot, lambda: on(app, screen), f"'{typed}'")
            if typed == "guide teacher":
                assert "Teacher" in app.screen.guide_title
            await pilot.press("escape")
            await wait_for(pilot, lambda: on(app, SeasonScreen), "the season again")
        help_text = app.bindings_text()
        assert "Model card" in help_text and "Directive" in help_text and "Compare" in help_text


async def test_palette_lists_the_new_screens() -> None:
    from game.ui.commands import GameCommands

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = GameCommands(app.screen)
        titles = [title for title, _, _ in provider._entries()]
        assert "Model card" in titles and "Student's guide" in titles and "Teacher's guide" in titles
        assert "Start or continue an assignment" in titles


@pytest.mark.slow
async def test_two_lesson_assignment_questions_stop_continue_and_report() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_assignment(pilot, app, "two-lessons.toml", "Mei Ling")
        # the role is fixed (peasant), the household is the student's choice: a restricted new-game screen
        await wait_for(pilot, lambda: on(app, NewGameScreen), "the restricted new-game screen")
        assert app.screen.query_one("#seed").disabled and app.screen.query_one("#role").disabled
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the first season")
        session = app.session
        assignment = app.assignment
        assert assignment is not None and assignment.id == "liudu-two-lessons"
        assert session.setup.assignment == assignment.id and session.setup.seed == 1955
        assert session.setup.player == "Mei Ling" and session.setup.role == "peasant"
        asked = []
        while True:
            ended = session.t
            await end_season(pilot, app)
            for _ in assignment.questions_after(ended):
                asked.append(await answer_question(pilot, app, f"answer after {ended}"))
            if ended in assignment.stop_after:
                break
            await wait_for(pilot, lambda: on(app, SeasonScreen), "the next season")
        assert asked == ["q1", "q2", "q3", "q4"]
        await wait_for(pilot, lambda: on(app, NoticeScreen), "the stop notice")
        assert "stops here, after Autumn 1955" in app.screen.text
        await app.workers.wait_for_complete()  # the report so far is written in a worker
        await pilot.pause()
        assert "Your report so far is in" in app.screen.text
        await pilot.press("enter")
        await wait_for(pilot, lambda: on(app, TitleScreen), "the title after the stop")
        path = saves.assignment_autosave(app.saves_folder, "Mei Ling", assignment.id)
        verdict = saves.verify(path)
        assert verdict.ok, verdict.message
        assert set(verdict.session.answers) == {"q1", "q2", "q3", "q4"} and verdict.session.t == 11
        # the next lesson: the same name continues the same game
        app.session = None
        await open_assignment(pilot, app, "two-lessons.toml", "Mei Ling")
        from game.ui.screens.classroom import ConfirmScreen

        await wait_for(pilot, lambda: on(app, ConfirmScreen), "the question whether the game is Mei Ling's")
        assert "There is already a game by Mei Ling in this folder" in app.screen.text
        assert app.screen.text.endswith("Continue Mei Ling's game?")
        await pilot.click("#confirm-yes")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the continued season")
        session = app.session
        assert session.t == 11 and app.assignment.id == assignment.id
        while not session.finished:
            await end_season(pilot, app)
        # the epilogue shows first; the final question waits for a, and Enter will not leave before it
        await wait_for(pilot, lambda: on(app, EpilogueScreen), "the epilogue")
        # only the report so far (from the stop point) is there: nothing is written before the final answer
        reports = {p: p.stat().st_mtime_ns for p in app.saves_folder.iterdir() if p.name.endswith(".report.html")}
        assert len(reports) == 1
        assert "q5" not in next(iter(reports)).with_suffix(".md").read_text(encoding="utf-8")
        await pilot.press("enter")
        await pilot.pause()
        assert on(app, EpilogueScreen)
        await pilot.press("a")
        assert await answer_question(pilot, app, "the final answer") == "q5"
        await wait_for(pilot, lambda: on(app, NoticeScreen), "the report notice")
        await app.workers.wait_for_complete()  # the report is written in a worker; the notice says when
        await pilot.pause()
        assert "Your report is in" in app.screen.text and ".html" in app.screen.text
        report_html = path.with_name(path.name.replace(".autosave" + saves.SUFFIX, ".report.html"))
        report_md = report_html.with_suffix(".md")
        assert report_html.exists() and report_md.exists()
        assert "the final answer" in report_md.read_text(encoding="utf-8")
        await pilot.press("enter")
        assert on(app, EpilogueScreen)
        verdict = saves.verify(path)
        assert verdict.ok and verdict.session.answers["q5"] == "the final answer"


async def test_cadre_assignment_starts_at_once_and_continue_finds_it() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_assignment(pilot, app, "one-lesson-cadre.toml", "Ada")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the cadre's first season")
        assert app.session.setup.role == "cadre" and app.session.setup.seed == 1956
        assert app.assignment is not None and app.assignment.id == "liudu-one-lesson-cadre"
        await end_season(pilot, app)
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the next season")
    # a new sitting: Continue on the title finds the assignment the save names
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the continued game")
        assert app.assignment is not None and app.assignment.id == "liudu-one-lesson-cadre"
    assert app.starter.find_assignment("no-such-assignment") is None


async def test_replay_compare_says_a_sentence_then_compares_with_a_branch() -> None:
    folder = Path(os.environ["HIGHTIDE_SAVES"])
    session = Session(GameSetup(seed=1953, player="Original"))
    for _ in range(2):
        while session.queue:
            scene = views.current_scene(session)
            session.apply(ChooseScene(scene.id, next(o.index for o in scene.options if o.available)))
        session.apply(EndSeason())
    path = saves.autosave(session, folder)
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.replay_game(path)
        await wait_for(pilot, lambda: on(app, ReplayScreen), "the replay")
        await pilot.press("v")
        await wait_for(pilot, lambda: shows(app, "no branch"), "the sentence on screen")
        await pilot.press("right", "b")
        await pilot.pause()
        await pilot.press(*"other", "enter")
        await wait_for(pilot, lambda: on(app, SeasonScreen), "the branch")
        await end_season(pilot, app)
        app.back_to_title()
        app.replay_game(path)
        await wait_for(pilot, lambda: on(app, ReplayScreen), "the replay again")
        await pilot.press("v")
        await wait_for(pilot, lambda: on(app, CompareScreen), "the comparison")
        assert app.screen.seasons == 2
