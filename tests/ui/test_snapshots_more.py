"""SVG snapshots at 80x24 of the directive screen (a cadre game, seed 3, a county of 4 villages,
advanced ten seasons: autumn 1955) and of the model card."""

from __future__ import annotations

from game.ui.screens.directive import DirectiveScreen
from game.ui.screens.model import ModelScreen
from tests.ui.test_more_screens import MoreApp, advanced

SIZE = (80, 24)


def test_directive(snap_compare):
    session = advanced("cadre", 10)
    assert snap_compare(MoreApp(lambda: DirectiveScreen(session)), terminal_size=SIZE)


def test_model_card(snap_compare):
    session = advanced("peasant", 0)
    assert snap_compare(MoreApp(lambda: ModelScreen(session)), terminal_size=SIZE)


def test_model_card_schedule(snap_compare):
    session = advanced("peasant", 0)
    assert snap_compare(MoreApp(lambda: ModelScreen(session)), terminal_size=SIZE, press=["n", "n"])
