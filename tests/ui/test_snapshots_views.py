"""SVG snapshots of the village map, the tide (both modes) and the county at 80x24."""

from __future__ import annotations

from game.ui.screens.county import CountyScreen
from game.ui.screens.tide import TideScreen
from game.ui.screens.village import VillageScreen
from tests.ui.views_app import ViewsApp

SIZE = (80, 24)


def test_village_map(snap_compare):
    assert snap_compare(ViewsApp(VillageScreen), terminal_size=SIZE, press=["down", "right", "enter"])


def test_tide_by_form(snap_compare):
    assert snap_compare(ViewsApp(TideScreen), terminal_size=SIZE)


def test_tide_by_class(snap_compare):
    assert snap_compare(ViewsApp(TideScreen), terminal_size=SIZE, press=["t"])


def test_county(snap_compare):
    assert snap_compare(ViewsApp(CountyScreen), terminal_size=SIZE)
