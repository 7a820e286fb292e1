"""A histogram of one ending axis over the comparison villages, as character cells.

One row a bin (or one row a value, where the axis takes few values, as seasons fed does): the
bin's range, a bar as long as its count of villages, the count, and the game's own bin marked
with "◀ you" and drawn in the accent colour, so the mark never rests on colour alone. The bars
fit the widget's width; widths come from Rich's cell measurement.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from game.session.debrief import Distribution

BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(length: float) -> str:
    """A horizontal bar of ``length`` cells, eighths drawn with partial blocks."""
    whole = int(length)
    part = int(round((length - whole) * 8))
    if part == 8:
        whole, part = whole + 1, 0
    return "█" * whole + (BLOCKS[part] if part else "")


def histogram_text(dist: Distribution, width: int, bins: int = 8) -> Text:
    """The histogram as Rich text for a box ``width`` cells wide."""
    rows = dist.rows(bins)
    left = max(cell_len(label) for label, _, _ in rows)
    count_w = max(len(f"{n:,}") for _, n, _ in rows)
    room = max(width - left - count_w - 12, 4)
    top = max(max(n for _, n, _ in rows), 1)
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, (label, n, you) in enumerate(rows):
        line = Text(no_wrap=True)
        line.append(f"{label:>{left}} │", style="bold" if you else "dim")
        line.append(bar(room * n / top), style="bold red" if you else "blue")
        line.append(f" {n:,}", style="bold" if you else "")
        if you:
            line.append(" ◀ you", style="bold red")
        text.append_text(line)
        if i < len(rows) - 1:
            text.append("\n")
    return text


class Histogram(Widget):
    """One axis of the debrief: where the game's ending falls among the villages."""

    DEFAULT_CSS = """
    Histogram {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, dist: Distribution, bins: int = 8, **kwargs) -> None:
        super().__init__(**kwargs)
        self.dist = dist
        self.bins = bins

    def render(self) -> Text:
        return histogram_text(self.dist, max(self.size.width, 20), self.bins)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.dist.rows(self.bins))
