"""Pilot tests of the directive, model card, guide, compare and assignment screens, at 80x24 and
resized to 200x60."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Markdown, MarkdownViewer, OptionList, Static

from game.paths import assets_dir
from game.session import views
from game.session.actions import EndSeason
from game.session.assignment import load_assignment
from game.session.game import GameSetup, Session
from game.session.replay import COMPARE_ROWS
from game.ui.screens.assignment import AssignmentScreen, resolve
from game.ui.screens.compare import CompareChart, CompareScreen
from game.ui.screens.directive import DirectiveScreen, explanation, gain_bar
from game.ui.screens.guides import GuideScreen, GuideViewer, student_guide, teacher_guide
from game.ui.screens.model import ModelScreen, format_value
from game.ui.screens.reference import DocumentsScreen
from game.ui.theme import register_themes

SIZE = (80, 24)
BIG = (200, 60)


def advanced(role: str = "peasant", seasons: int = 10) -> Session:
    """A fixed game (seed 3, a county of 4 villages) advanced ``seasons`` seasons."""
    setup = GameSetup(role=role, seed=3, household="li_guiying" if role == "peasant" else None, county=4)
    session = Session(setup)
    for _ in range(seasons):
        session.apply(EndSeason())
    return session


@cache
def finished(role: str = "peasant") -> Session:
    """A whole game of 16 seasons (shared: the screens only read it)."""
    return advanced(role, 16)


class MoreApp(App[None]):
    """Pushes one screen on mount; records the value it is dismissed with."""

    NOT_YET = object()

    def __init__(self, make_screen: Callable[[], Screen]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.result: object = self.NOT_YET

    @property
    def dismissed(self) -> bool:
        return self.result is not self.NOT_YET

    def on_mount(self) -> None:
        register_themes(self)
        self.push_screen(self.make_screen(), callback=self._dismissed)

    def _dismissed(self, result: object) -> None:
        self.result = result


def _text(widget) -> str:
    """The plain text a widget shows, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def _all_text(screen: Screen) -> str:
    """Every Static's content on a screen, rendered wide enough not to truncate."""
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    for static in screen.query(Static):
        console.print(static.content)
    return console.export_text()


# ------------------------------------------------------------------ directive
async def test_directive_before_summer_1955_says_it_has_not_arrived():
    session = advanced("cadre", 5)
    assert views.directive_change(session) is None
    app = MoreApp(lambda: DirectiveScreen(session))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = _text(app.screen.query_one("#directive-text"))
        assert "has not reached the village yet" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


async def test_directive_after_summer_1955_shows_every_class_and_the_terms():
    session = advanced("cadre", 10)
    change = views.directive_change(session)
    assert change is not None
    app = MoreApp(lambda: DirectiveScreen(session))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.resize_terminal(*BIG)
        await pilot.pause()
        text = _text(screen.query_one("#directive-text"))
        for label, before, now in change.rows:
            assert label.removesuffix(" peasant") in text
            assert f"{before:+,.0f}" in text and f"{now:+,.0f}" in text
        for term in ("campaign pressure", "procurement surcharge on independents", "promised gains"):
            assert term in text
        assert "Spring 1955" in text and change.after_label in text
        assert "the speech" in text and "mao-1955-07-31" in text
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.screen is screen


async def test_directive_d_opens_the_speech():
    session = advanced("cadre", 10)
    app = MoreApp(lambda: DirectiveScreen(session))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        assert app.screen.document_id == "mao-1955-07-31"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DirectiveScreen)
        assert not app.dismissed


def test_gain_bars_differ_by_glyph_and_explanation_is_short():
    assert "█" in gain_bar(100, 100).plain and "▒" not in gain_bar(100, 100).plain
    assert "▒" in gain_bar(-100, 100).plain and "█" not in gain_bar(-100, 100).plain
    assert "▒" in gain_bar(-1, 500).plain  # tiny losses still show their side
    assert gain_bar(-50, 100).cell_len == gain_bar(80, 100).cell_len
    sentences = explanation(views.directive_change(advanced("cadre", 10)))
    assert 2 <= len(sentences) <= 5
    assert not any("Mao says" in s or "I " in s for s in sentences)


# ------------------------------------------------------------------ model card
async def test_model_screen_lists_every_parameter():
    session = advanced("peasant", 0)
    app = MoreApp(lambda: ModelScreen(session))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = _all_text(app.screen)
        for mechanism in [f"M{i}" for i in range(1, 12)]:
            assert mechanism in text
        for param in session.scenario.parameters:
            assert param.name in text, param.name
            assert param.unit.split()[0] in text
        sections = {p.section for p in session.scenario.parameters}
        assert {s.id for s in app.screen.query(".model-section")} == {f"model-{s}" for s in sections}
        await pilot.press("n", "n")
        await pilot.pause()
        assert app.screen.current == 1
        assert app.screen.query_one("#model-body").scroll_y > 0
        await pilot.press("p", "p", "p")
        assert app.screen.current == -1
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


def test_model_values_by_season_and_class():
    by_season = format_value([0.05] * 4 + [0.1] * 4 + [0.5] * 4 + [0.9] * 4).plain
    assert by_season.splitlines()[0].startswith("1953") and by_season.splitlines()[3].startswith("1956")
    assert format_value([21, 50, 25, 2, 2]).plain.startswith("P 21 L 50")
    assert format_value(0.3).plain == "0.3"


# ------------------------------------------------------------------ guides
@pytest.mark.parametrize("make", [teacher_guide, student_guide])
async def test_guides_open(make):
    app = MoreApp(make)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.error is None
        viewer = screen.query_one(GuideViewer)
        assert not viewer.show_table_of_contents  # too narrow for the contents at 80 columns
        assert "High Tide" in viewer.document.source
        await pilot.press("t")
        assert viewer.show_table_of_contents
        await pilot.resize_terminal(*BIG)
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


async def test_guide_toc_shows_on_a_wide_screen():
    app = MoreApp(teacher_guide)
    async with app.run_test(size=BIG) as pilot:
        await pilot.pause()
        assert app.screen.query_one(MarkdownViewer).show_table_of_contents


async def test_missing_guide_shows_a_sentence(tmp_path: Path):
    app = MoreApp(lambda: GuideScreen("Teacher's guide", tmp_path / "nope.md"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query(Markdown)
        text = "".join(_text(app.screen.query_one("#guide-missing")).split())  # a long path wraps
        assert "notinstalled" in text and "nope.md" in text
        await pilot.press("t")  # nothing to toggle; must not fail
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


# ------------------------------------------------------------------ compare
async def test_compare_shows_sixteen_seasons_of_two_finished_games():
    a, b = finished("peasant"), finished("cadre")
    app = MoreApp(lambda: CompareScreen(a, b, "peasant", "cadre"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        assert table.row_count == 16
        assert len(table.columns) == len(COMPARE_ROWS) + 1
        differing = 0
        for t in range(16):
            row = table.get_row(str(t))
            season_differs = False
            for (key, _, fmt), cell in zip(COMPARE_ROWS, row[1:]):
                va, vb = fmt.format(a.logs[t].indicators[key]), fmt.format(b.logs[t].indicators[key])
                assert va in cell.plain and vb in cell.plain
                assert ("≠" in cell.plain) == (va != vb)
                season_differs |= va != vb
            assert row[0].plain.startswith("◆") == season_differs
            differing += season_differs
        assert screen.differences == differing
        charts = list(screen.query(CompareChart))
        assert [c.border_title for c in charts] == ["in co-ops", "eaten, jin a head a year"]
        assert "peasant" in _text(charts[0]) and "cadre" in _text(charts[0])
        await pilot.press("c")
        assert not screen.query_one("#compare-charts").display
        await pilot.press("c")
        await pilot.resize_terminal(*BIG)
        await pilot.pause()
        assert app.screen is screen
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


async def test_compare_of_unequal_games():
    a, b = finished("peasant"), advanced("peasant", 3)
    app = MoreApp(lambda: CompareScreen(a, b))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 16
        assert "—" in table.get_row("10")[1].plain


# ------------------------------------------------------------------ assignment
async def _type(pilot, selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = value
    await pilot.pause()


async def test_assignment_rejects_a_missing_file_with_its_sentence(tmp_path: Path):
    app = MoreApp(AssignmentScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _type(pilot, "#assignment-source", str(tmp_path / "nope.toml"))
        await pilot.press("enter")
        await pilot.pause()
        message = _text(app.screen.query_one("#assignment-message"))
        assert "does not exist; check the file name." in message
        assert "Traceback" not in message
        assert app.screen.query_one("#assignment-go", Button).disabled
        assert not app.dismissed


async def test_assignment_rejects_a_bad_file_and_a_bad_code(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[assignment]\nid = "x"\ntitle = "X"\nscenario = "north-china"\nrole = "emperor"\nseed = 1\n')
    app = MoreApp(AssignmentScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _type(pilot, "#assignment-source", str(bad))
        await pilot.press("enter")
        await pilot.pause()
        assert "role must be peasant, cadre or student chooses" in _text(app.screen.query_one("#assignment-message"))
        await _type(pilot, "#assignment-source", "ZZZZ-ZZZZ-ZZZZ")
        await pilot.press("enter")
        await pilot.pause()
        assert "is not a valid assignment code" in _text(app.screen.query_one("#assignment-message"))
        await _type(pilot, "#assignment-name", "Mei")
        await pilot.press("enter")  # start: refused, the assignment is not good
        await pilot.pause()
        assert not app.dismissed


async def test_assignment_accepts_two_lessons_after_showing_it():
    expected = load_assignment(assets_dir() / "assignments" / "two-lessons.toml", assets_dir())
    app = MoreApp(AssignmentScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        files = app.screen.query_one("#assignment-files", OptionList)
        names = [files.get_option_at_index(i).id for i in range(files.option_count)]
        assert "two-lessons.toml" in names
        files.focus()
        files.highlighted = names.index("two-lessons.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#assignment-source", Input).value == "two-lessons.toml"
        preview = app.screen.query_one(Markdown).source
        assert expected.title in preview and "Lesson 1" in preview
        assert not app.screen.query_one("#assignment-go", Button).disabled
        assert app.focused is app.screen.query_one("#assignment-name", Input)
        await pilot.press("enter")  # no name yet
        await pilot.pause()
        assert "Type your name" in _text(app.screen.query_one("#assignment-message"))
        await pilot.press(*"Li Mei")
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed
        assignment, name = app.result
        assert assignment == expected and name == "Li Mei"


async def test_assignment_shows_before_starting_and_takes_a_code():
    two = load_assignment(assets_dir() / "assignments" / "two-lessons.toml", assets_dir())
    from game.session.assignment import encode

    code = encode(two)
    assert resolve(code).seed == two.seed
    app = MoreApp(AssignmentScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _type(pilot, "#assignment-name", "Mei")
        await _type(pilot, "#assignment-source", code)
        await pilot.press("ctrl+o")  # first Start only shows it
        await pilot.pause()
        assert not app.dismissed
        assert two.title in app.screen.query_one(Markdown).source  # the code stands for the bundled file
        await pilot.press("ctrl+o")
        await pilot.pause()
        assignment, name = app.result
        assert assignment == two and name == "Mei"  # questions and all


async def test_assignment_escape_cancels_and_survives_resizing():
    app = MoreApp(AssignmentScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.resize_terminal(*BIG)
        await pilot.pause()
        assert app.screen is screen
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed and app.result is None


@pytest.mark.parametrize("make", [lambda: DirectiveScreen(advanced("cadre", 10)), lambda: ModelScreen(advanced("peasant", 0)),
                                  lambda: CompareScreen(finished("peasant"), finished("cadre")), teacher_guide])
async def test_screens_survive_resizing_and_close_with_escape(make):
    app = MoreApp(make)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.resize_terminal(*BIG)
        await pilot.pause()
        assert app.screen is screen and app.size == BIG
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.screen is screen and app.size == SIZE
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


def test_report_arrows_follow_the_printed_figures():
    """'450 → 450' is '=' even when the decimals moved; a real change gets its arrow."""
    from types import SimpleNamespace

    from game.ui.screens.report import changes_text

    logs = [SimpleNamespace(indicators={"grain_per_person": 450.2, "trust": 0.601, "coop_share": 0.10}),
            SimpleNamespace(indicators={"grain_per_person": 449.9, "trust": 0.598, "coop_share": 0.25})]
    text = changes_text(SimpleNamespace(logs=logs), 1).plain
    assert "450 → 450 =" in text and "60% → 60% =" in text and "10% → 25% ▲" in text
