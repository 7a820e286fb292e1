"""The "why?" screen: every indicator with its value, and for the chosen one its causes with this
game's numbers and a sparkline of its history next to the county's.

Causes come from ``views.why``; nothing here computes the model.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.session import views
from game.session.game import Session
from game.ui.widgets.charts import sparkline
from game.ui.widgets.cached import AppFooter


def why_renderable(indicator: views.IndicatorView, why: views.WhyView) -> Group:
    """Title, value, history sparkline (village and county on one scale) and the table of causes."""
    head = Text()
    head.append(f"Why? {why.label}", style="bold")
    head.append(f"  now: {why.value}\n", style="bold yellow")
    known = [v for v in (*indicator.history, *indicator.county) if v is not None]
    lo, hi = (min(known), max(known)) if known else (0.0, 1.0)
    history = Text("village ")
    history.append_text(sparkline(indicator.history, "bold green", lo, hi))
    history.append("\ncounty  ")
    history.append_text(sparkline(indicator.county, "cyan", lo, hi))
    if known:
        history.append(f"\n        {indicator.formatted(lo)} to {indicator.formatted(hi)}, spring 1953 to now", style="dim")
    causes = Table(box=None, show_header=True, header_style="bold", padding=(0, 1), pad_edge=False, expand=True)
    causes.add_column("cause", ratio=3)
    causes.add_column("in this game", ratio=2, justify="right")
    for cause, number in why.causes:
        causes.add_row(cause, Text(number, style="bold"))
    if not why.causes:
        causes.add_row(Text("No causes are tracked for this indicator yet.", style="dim"), "")
    return Group(head, history, Text(""), causes)


class WhyScreen(Screen[None]):
    """Choose an indicator on the left; its causes, with numbers, appear on the right."""

    DEFAULT_CSS = """
    WhyScreen #why-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    WhyScreen #why-list { width: 36; height: 1fr; }
    WhyScreen #why-side { width: 1fr; height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="why.close"),
    ]

    def __init__(self, session: Session, name: str = "coop_share") -> None:
        super().__init__()
        self.session = session
        self.indicators = views.indicators(session)
        names = [i.name for i in self.indicators]
        self.chosen = name if name in names else names[0]

    def compose(self) -> ComposeResult:
        yield Static(f"Why? Choose an indicator ({self.session.label})", id="why-title")
        with Horizontal():
            yield OptionList(*(Option(self._prompt(i), id=i.name) for i in self.indicators), id="why-list")
            with VerticalScroll(id="why-side"):
                yield Static(id="why-causes")
        yield AppFooter()

    def _prompt(self, indicator: views.IndicatorView) -> Text:
        label = indicator.label if cell_len(indicator.label) <= 20 else set_cell_size(indicator.label, 19) + "…"
        value = indicator.formatted() if indicator.history else "—"
        text = Text(set_cell_size(label, 20))
        # No-break spaces: the option list drops ordinary leading spaces when it wraps.
        text.append("\u00a0" * max(12 - cell_len(value), 1) + value, style="bold")
        return text

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next(i for i, ind in enumerate(self.indicators) if ind.name == self.chosen)
        options.focus()
        self.show(self.chosen)

    def show(self, name: str) -> None:
        """Show the causes of indicator ``name``."""
        self.chosen = name
        indicator = next(i for i in self.indicators if i.name == name)
        self.query_one("#why-causes", Static).update(why_renderable(indicator, views.why(self.session, name)))

    def on_option_list_option_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        if message.option_id:
            self.show(message.option_id)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        if message.option_id:
            self.show(message.option_id)

    def action_close(self) -> None:
        self.dismiss(None)
