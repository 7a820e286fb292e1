"""Character-cell charts drawn as Rich renderables: a line chart of shares over the 16 seasons
and a one-line sparkline.

Charts are plain Rich renderables (``__rich_console__``), so a screen shows one widget per
chart, never one widget per point. Every series is told apart by its glyph as well as by its
colour, and the legend repeats both, so no meaning rests on colour alone. Widths come from
Rich's cell measurement, never from ``len()``, so Chinese labels cannot break the layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Series:
    """One line of a chart: a label for the legend, values (None = not yet played), a glyph and a style."""

    label: str
    values: Sequence[float | None]
    glyph: str
    style: str = ""
    step: bool = False  # drawn as steps (targets change at a season, they do not slide)


@dataclass(frozen=True)
class Marker:
    """A labelled vertical line at one x position (e.g. the July 1955 directive)."""

    x: int
    label: str
    style: str = "bold"


@dataclass
class LineChart:
    """A line chart of values in [y_min, y_max] over ``len(x_labels)`` evenly spaced positions.

    ``x_ticks`` maps an x index to a short label drawn under the axis. Later series are drawn
    over earlier ones, so put the one the player cares most about last.
    """

    series: Sequence[Series]
    x_count: int
    x_ticks: dict[int, str] = field(default_factory=dict)
    markers: Sequence[Marker] = ()
    height: int | None = None
    y_min: float = 0.0
    y_max: float = 1.0
    percent: bool = True

    def _y_label(self, value: float) -> str:
        return f"{value:.0%}" if self.percent else f"{value:,.0f}"

    def _column(self, x: int, width: int) -> int:
        if self.x_count <= 1:
            return 0
        return round(x * (width - 1) / (self.x_count - 1))

    def _row(self, y: float, height: int) -> int:
        span = (self.y_max - self.y_min) or 1.0
        frac = min(max((y - self.y_min) / span, 0.0), 1.0)
        return height - 1 - round(frac * (height - 1))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        height = self.height or options.height or 12
        label_width = max(cell_len(self._y_label(v)) for v in (self.y_min, self.y_max, (self.y_min + self.y_max) / 2)) + 1
        width = max(options.max_width - label_width - 1, 8)
        plot_height = max(height - 3, 3)  # one row for marker labels, one for the axis, one for ticks
        grid: list[list[tuple[str, Style]]] = [[(" ", Style.null()) for _ in range(width)] for _ in range(plot_height)]

        for marker in self.markers:
            col = self._column(marker.x, width)
            for row in range(plot_height):
                grid[row][col] = ("│", console.get_style(marker.style, default=Style.null()) if marker.style else Style.null())

        for series in self.series:
            style = console.get_style(series.style, default=Style.null()) if series.style else Style.null()
            points = [(x, v) for x, v in enumerate(series.values) if v is not None]
            for (x0, y0), (x1, y1) in zip(points, points[1:]):
                c0, c1 = self._column(x0, width), self._column(x1, width)
                for col in range(c0, c1 + 1):
                    if series.step:
                        y = y0 if col < c1 else y1
                    else:
                        y = y0 + (y1 - y0) * ((col - c0) / (c1 - c0) if c1 > c0 else 0.0)
                    grid[self._row(y, plot_height)][col] = (series.glyph, style)
            if len(points) == 1:
                x, y = points[0]
                grid[self._row(y, plot_height)][self._column(x, width)] = (series.glyph, style)

        # Marker labels sit on their own row above the plot, starting at the line (or ending there if no room).
        label_row = Text(" " * (label_width + 1))
        line = Text()
        for marker in self.markers:
            col = self._column(marker.x, width)
            text = f"▼{marker.label}"
            start = col if col + cell_len(text) <= width else max(width - cell_len(text), 0)
            line.append(" " * max(start - cell_len(line.plain), 0))
            line.append(text, style=marker.style)
        label_row.append_text(line)
        label_row.truncate(options.max_width)
        yield from label_row.render(console)
        yield Segment.line()

        tick_rows = {0: self.y_max, plot_height - 1: self.y_min, (plot_height - 1) // 2: (self.y_min + self.y_max) / 2}
        axis_style = console.get_style("dim", default=Style.null())
        for row in range(plot_height):
            label = self._y_label(tick_rows[row]) if row in tick_rows else ""
            yield Segment(" " * (label_width - cell_len(label)))
            yield Segment(label, axis_style)
            yield Segment("┤" if row in tick_rows else "│", axis_style)
            for glyph, style in grid[row]:
                yield Segment(glyph, style)
            yield Segment.line()
        yield Segment(" " * label_width)
        yield Segment("└" + "─" * width, axis_style)
        yield Segment.line()
        ticks = [" "] * width
        for x, tick in sorted(self.x_ticks.items()):
            col = self._column(x, width)
            for i, ch in enumerate(tick):
                if col + i < width:
                    ticks[col + i] = ch
        yield Segment(" " * (label_width + 1))
        yield Segment("".join(ticks), axis_style)
        yield Segment.line()


def legend(series: Sequence[Series], markers: Sequence[Marker] = (), width: int | None = None) -> Text:
    """A legend repeating each series' glyph and colour with its label; lines break between items."""
    items: list[Text] = []
    for item in series:
        piece = Text()
        piece.append(item.glyph * 2, style=item.style)
        piece.append(f" {item.label}")
        items.append(piece)
    for marker in markers:
        piece = Text()
        piece.append("│", style=marker.style)
        piece.append(f" {marker.label}")
        items.append(piece)
    text = Text()
    used = 0
    for piece in items:
        size = piece.cell_len
        if used and width is not None and used + 2 + size > width:
            text.append("\n")
            used = 0
        elif used:
            text.append("  ")
            used += 2
        text.append_text(piece)
        used += size
    return text


def sparkline(values: Sequence[float | None], style: str = "", lo: float | None = None, hi: float | None = None) -> Text:
    """One character per value on an eight-step block scale; None becomes a blank."""
    known = [v for v in values if v is not None]
    if not known:
        return Text("")
    lo = min(known) if lo is None else lo
    hi = max(known) if hi is None else hi
    span = hi - lo
    chars = []
    for value in values:
        if value is None:
            chars.append(" ")
        elif span <= 0:
            chars.append(SPARK_BLOCKS[0] if hi == 0 else SPARK_BLOCKS[len(SPARK_BLOCKS) // 2])
        else:
            chars.append(SPARK_BLOCKS[min(int((value - lo) / span * (len(SPARK_BLOCKS) - 1) + 0.5), len(SPARK_BLOCKS) - 1)])
    return Text("".join(chars), style=style)
