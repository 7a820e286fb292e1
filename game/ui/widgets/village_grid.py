"""The village map as one widget: every household a three-cell mark in a grid, drawn as a
single Rich ``Text``.

A cell reads class letter, membership glyph, marker (``P▲@``): the letter gives the class from
land reform, the glyph and its colour the form of membership, the marker the player (``@``), a
named character (``*``) or a hungry household (``!``). Colour always repeats a glyph, so the map
reads the same without colour. The cursor is drawn in reverse video and moved with the arrow
keys or the mouse; Enter or a click selects. Glyph tables here are shared with the county map.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from game.session.views import HouseholdCell

FORM_GLYPH = {"independent": "·", "team": "▲", "lower": "■", "higher": "●"}
FORM_STYLE = {"independent": "bright_white", "team": "green", "lower": "yellow", "higher": "bright_red"}
FORM_SHORT = {"independent": "alone", "team": "team", "lower": "lower", "higher": "higher"}
FORM_NAME = {"independent": "alone", "team": "team", "lower": "lower co-op", "higher": "higher co-op"}
CLASS_LETTER = {"poor": "P", "lower_middle": "L", "upper_middle": "U", "rich": "R", "landlord": "F"}
CLASS_NAME = {"poor": "poor", "lower_middle": "lower-middle", "upper_middle": "upper-middle", "rich": "rich",
              "landlord": "former landlord"}
CELL_WIDTH = 3


def cell_marker(cell: HouseholdCell) -> str:
    """The third character of a cell: the player, a named character, hunger, or nothing."""
    if cell.player:
        return "@"
    if cell.character:
        return "*"
    if cell.hungry:
        return "!"
    return " "


def map_legend() -> Text:
    """The key to the map's glyphs, letters and markers (glyphs in their map colours), 32 cells wide."""
    text = Text()
    for form, glyph in FORM_GLYPH.items():
        if form != "independent":
            text.append(" ")
        text.append(glyph, style=f"bold {FORM_STYLE[form]}")
        text.append(f" {FORM_SHORT[form]}")
    text.append("\nP poor  L lower-mid  U upper-mid\nR rich  F former landlord\n@ you  * named  ! hungry")
    return text


class VillageGrid(Widget, can_focus=True):
    """Every household of the village as one cell of a grid; arrow keys move, Enter selects."""

    DEFAULT_CSS = """
    VillageGrid {
        width: auto;
        height: auto;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("up", "move(0, -1)", "Up", show=False, id="village_grid.up"),
        Binding("down", "move(0, 1)", "Down", show=False, id="village_grid.down"),
        Binding("left", "move(-1, 0)", "Left", show=False, id="village_grid.left"),
        Binding("right", "move(1, 0)", "Right", show=False, id="village_grid.right"),
        Binding("enter", "select", "Show calculus", id="village_grid.select"),
    ]

    cursor: reactive[int] = reactive(0)

    class _HouseholdMessage(Message):
        def __init__(self, grid: VillageGrid, index: int) -> None:
            super().__init__()
            self.grid = grid
            self.index = index

        @property
        def control(self) -> VillageGrid:
            return self.grid

    class Highlighted(_HouseholdMessage):
        """The cursor moved to a household."""

    class Selected(_HouseholdMessage):
        """A household was chosen (Enter or click)."""

    def __init__(self, cells: Sequence[HouseholdCell], columns: int = 10, *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.cells = tuple(cells)
        self.columns = columns
        self.set_reactive(VillageGrid.cursor, next((c.index for c in self.cells if c.player), 0))

    @property
    def rows(self) -> int:
        return -(-len(self.cells) // self.columns)

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001 - Textual's signature
        return self.columns * CELL_WIDTH

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        return self.rows

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        for i, cell in enumerate(self.cells):
            if i and i % self.columns == 0:
                text.append("\n")
            reverse = " reverse" if i == self.cursor and self.has_focus else (" underline" if i == self.cursor else "")
            text.append(CLASS_LETTER.get(cell.social_class, "?"), style="bold" + reverse)
            text.append(FORM_GLYPH.get(cell.form, "?"), style=f"bold {FORM_STYLE.get(cell.form, '')}" + reverse)
            text.append(cell_marker(cell), style=("bold magenta" if cell.player else "") + reverse)
        return text

    def on_mount(self) -> None:
        self.post_message(self.Highlighted(self, self.cursor))

    def watch_cursor(self, cursor: int) -> None:
        self.post_message(self.Highlighted(self, cursor))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, dx: int, dy: int) -> None:
        col, row = self.cursor % self.columns, self.cursor // self.columns
        col = min(max(col + dx, 0), self.columns - 1)
        row = min(max(row + dy, 0), self.rows - 1)
        self.cursor = min(row * self.columns + col, len(self.cells) - 1)

    def action_select(self) -> None:
        self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        col, row = offset.x // CELL_WIDTH, offset.y
        index = row * self.columns + col
        if 0 <= col < self.columns and 0 <= index < len(self.cells):
            self.cursor = index
            self.post_message(self.Selected(self, index))
