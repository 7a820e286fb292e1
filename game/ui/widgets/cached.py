"""A speed-up for screens that are built often (the season report after every season), and the footer.

``Cached(renderable)`` wraps a Rich renderable (a Table) so it is rendered once per width: Textual
renders a Rich renderable to measure its height and again to draw it, in each of the two layout
passes a new screen gets, and a Rich Table is slow to render. The lines are the same, so the
cache changes nothing on screen.

``AppFooter`` is Textual's own ``Footer``, used as it is through its public API. (An earlier
version reached into Textual's private footer module to drop a data binding per key; that saved
about 5-10 ms of the ~80 ms from season end to report in ``hightide bench --ui`` on a busy
2-CPU machine, not worth private names that break on Textual upgrades.)
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from textual.widgets import Footer


class Cached:
    """A Rich renderable rendered once per width."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._lines: dict[tuple[int, bool], list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.ascii_only)
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = console.render_lines(self.renderable, options, pad=False, new_lines=False)
        newline = Segment.line()
        for line in lines:
            yield from line
            yield newline

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class AppFooter(Footer):
    """The footer of every screen: Textual's ``Footer``, one name to style and configure it by."""
