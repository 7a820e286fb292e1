"""Two small speed-ups for screens that are built often (the season report after every season).

``Cached(renderable)`` wraps a Rich renderable (a Table) so it is rendered once per width: Textual
renders a Rich renderable to measure its height and again to draw it, in each of the two layout
passes a new screen gets, and a Rich Table is slow to render. The lines are the same, so the
cache changes nothing on screen.

``AppFooter`` is Textual's Footer whose keys are given the footer's compact style when they are
made, instead of through a data binding that restyles every key twice each time the footer is
rebuilt (which it is whenever the screen or the focus changes).
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


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
    """The footer, without a data binding per key."""

    def compose(self) -> ComposeResult:
        compact = self.compact
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget._reactive_connect:
                widget._reactive_connect = None  # the binding Footer.compose made; the value is set here
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget
