"""Pilot tests of the view screens: village map, tide, why, glossary, documents, timeline,
county and help, at 80x24 and resized."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Markdown, OptionList

from game.session import views
from game.ui.screens.county import CountyScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.reference import DocumentsScreen, GlossaryScreen, TimelineScreen, season_of
from game.ui.screens.tide import TideChart, TideScreen
from game.ui.screens.village import VillageScreen
from game.ui.screens.why import WhyScreen
from game.ui.widgets.calculus_panel import CalculusPanel
from game.ui.widgets.village_grid import VillageGrid
from tests.ui.views_app import ViewsApp

SIZE = (80, 24)


async def test_village_map_shows_every_household_and_the_calculus_follows_the_selection():
    app = ViewsApp(VillageScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(VillageGrid)
        assert len(grid.cells) == 100
        assert grid.render().plain.count("\n") == 9  # ten rows of ten
        assert all(len(line) == 30 for line in grid.render().plain.split("\n"))
        panel = app.screen.query_one(CalculusPanel)
        start = app.session.household
        assert panel.calculus_view.index == start
        await pilot.press("down", "right")
        assert grid.cursor == start + 11
        assert panel.calculus_view.index == start  # moving alone does not select
        await pilot.press("enter")
        await pilot.pause()
        assert panel.calculus_view.index == start + 11
        expected = views.calculus(app.session, start + 11)
        assert panel.calculus_view == expected
        assert expected.name in _text(panel)


async def test_village_map_click_selects_a_household():
    app = ViewsApp(VillageScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = app.screen.query_one(VillageGrid)
        region = grid.content_region
        await pilot.click(VillageGrid, offset=(region.x - grid.region.x + 3 * 2, region.y - grid.region.y + 1))
        await pilot.pause()
        assert grid.cursor == 12
        assert app.screen.query_one(CalculusPanel).calculus_view.index == 12


async def test_village_map_of_a_past_season_and_escape_closes():
    app = ViewsApp(lambda s: VillageScreen(s, t=4))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.map_view.label == "Spring 1954"
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


async def test_tide_toggles_between_form_and_class():
    app = ViewsApp(TideScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.mode == "form"
        chart = screen.query_one(TideChart)
        assert "village team" in _text(chart)
        await pilot.press("t")
        await pilot.pause()
        assert screen.mode == "class"
        assert chart.mode == "class"
        assert "upper-mid" in _text(chart)
        assert "31 Jul 1955" in _text(chart)
        await pilot.press("t")
        assert screen.mode == "form"
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


async def test_why_lists_indicators_and_shows_causes():
    app = ViewsApp(WhyScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == len(views.indicators(app.session))
        assert app.screen.chosen == "coop_share"
        causes = _text(app.screen.query_one("#why-causes"))
        assert "campaign pressure" in causes
        await pilot.press("down", "down", "down")  # the harvest
        await pilot.pause()
        assert app.screen.chosen == "grain_output"
        assert "weather" in _text(app.screen.query_one("#why-causes"))
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


async def test_glossary_search_filters():
    app = ViewsApp(GlossaryScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#glossary-list", OptionList)
        total = options.option_count
        assert total == len(app.session.bundle.glossary)
        await pilot.press(*"mutual")
        await pilot.pause()
        assert 0 < options.option_count < total
        assert all("mutual" in " ".join((e.term, e.gloss)).lower() for e in app.screen.shown)
        app.screen.query_one(Input).value = "互助"
        await pilot.pause()
        assert any(e.hanzi.startswith("互助") for e in app.screen.shown)
        app.screen.query_one(Input).value = "zzzzqqq"
        await pilot.pause()
        assert options.option_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


async def test_document_reader_opens_a_document():
    app = ViewsApp(DocumentsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == len(app.session.bundle.documents)
        await pilot.press("down", "enter")
        await pilot.pause()
        document = app.session.bundle.documents[app.screen.document_id]
        assert document.title in app.screen.query_one(Markdown).source
        assert document.provenance in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


async def test_document_reader_opens_a_named_document():
    app = ViewsApp(lambda s: DocumentsScreen(s, "mao-1955-07-31"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "On the Question of Agricultural Co-operation" in app.screen.query_one(Markdown).source


async def test_timeline_highlights_the_current_season():
    app = ViewsApp(TimelineScreen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.current
        assert screen.query_one(OptionList).highlighted == screen.current[0]
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed


def test_season_of_dates():
    assert season_of("1953-03-01") == 0
    assert season_of("1955-07-31") == 9
    assert season_of("1954-autumn") == 6
    assert season_of("1956-01") == 11  # winter 1955
    assert season_of("1955") is None
    assert season_of("1958-08-29") is None


async def test_county_and_help_close_with_escape():
    for make in (CountyScreen, lambda s: HelpScreen("q  quit\nf1  help")):
        app = ViewsApp(make)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if isinstance(app.screen, CountyScreen):
                assert f"{app.screen.view.rank} of 100" in _text(app.screen.query_one("#county-rank"))
            await pilot.press("escape")
            await pilot.pause()
            assert app.dismissed


@pytest.mark.parametrize("make", [VillageScreen, TideScreen, WhyScreen, GlossaryScreen, DocumentsScreen, TimelineScreen,
                                  CountyScreen, lambda s: HelpScreen("q  quit")])
async def test_views_survive_resizing(make):
    app = ViewsApp(make)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert app.screen is screen and app.size == (200, 60)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is screen and app.size == (80, 24)


async def test_high_contrast_theme_is_registered():
    app = ViewsApp(lambda s: HelpScreen(""))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "high-contrast"
        await pilot.pause()
        assert app.current_theme.name == "high-contrast"


def _text(widget) -> str:
    """The plain text a widget shows, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))
