"""A speed-up for screens that are built often (the season report after every season), and the footer.

``Cached(renderable)`` wraps a Rich renderable (a Table) so it is rendered once per width: Textual
renders a Rich renderable to measure its height and again to draw it, in each of the two layout
passes a new screen gets, and a Rich Table is slow to render. The lines are the same, so the
cache changes nothing on screen.

``AppFooter`` is Textual's own ``Footer`` through its public API, redrawn only when what it shows
changes. Textual's footer rebuilds all its keys whenever a screen's bindings are refreshed (every
focus change, every scene answered), and every rebuilt key restyles itself twice; a profile of a
16-season game driven through the app spent a quarter of its time there, mostly redrawing the
same keys. ``bindings_changed`` is the footer's public hook for that signal: ``AppFooter`` compares
the keys it would show (each binding, whether it is enabled, its tooltip) with the ones it drew
last and passes the signal on only when they differ. (An earlier version reached into Textual's
private footer module instead; private names break on Textual upgrades.)
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
    """The footer of every screen: Textual's ``Footer``, one name to style and configure it by,
    redrawn only when the keys it shows change."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.drawn_keys: tuple | None = None  # what the last compose showed

    def shown_keys(self, screen) -> tuple:
        """Everything the footer's keys are drawn from: each active binding (its key, action,
        description, display, group, visibility), whether it is enabled, its tooltip; and whether
        the command palette's key is shown."""
        return (tuple((key, binding, enabled, tooltip)
                      for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()),
                self.show_command_palette)

    def compose(self):
        drawn = 0
        for widget in super().compose():
            drawn += 1
            yield widget
        # Textual's footer draws nothing until the screen first signals its bindings: remember the
        # keys only once some were drawn, so that first signal always passes
        self.drawn_keys = self.shown_keys(self.screen) if drawn and self.is_attached else None

    def bindings_changed(self, screen) -> None:
        if self.drawn_keys is not None and self.is_attached and screen is self.screen \
                and self.shown_keys(screen) == self.drawn_keys:
            return  # the same keys, enabled alike: nothing to redraw
        super().bindings_changed(screen)
