"""The county screen: every village of the county as one cell (glyph and colour by its most
common stage, with its co-op share), the county's share over time against the target, and the
player's village's rank. One Rich renderable for the grid, one for the chart.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from game.session import views
from game.session.game import Session
from game.sim.params import FORMS
from game.ui.widgets.charts import LineChart, Marker, Series, legend
from game.ui.widgets.village_grid import FORM_GLYPH, FORM_SHORT, FORM_STYLE
from game.ui.widgets.cached import AppFooter

COLUMNS = 10


def county_grid(view: views.CountyView) -> Text:
    """One cell per village: stage glyph plus co-op share in percent; the player's village first, marked @."""
    text = Text(no_wrap=True)
    for i, (share, stage) in enumerate(zip(view.shares, view.stages)):
        if i and i % COLUMNS == 0:
            text.append("\n")
        form = FORMS[stage]
        mark = "@" if i == 0 else " "
        text.append(FORM_GLYPH[form], style=f"bold {FORM_STYLE[form]}" + (" reverse" if i == 0 else ""))
        text.append(f"{min(round(share * 100), 99):02d}", style="bold reverse" if i == 0 else "")
        text.append(mark, style="bold magenta")
    return text


def county_legend() -> Text:
    text = Text("Stage: ")
    for form in FORMS:
        text.append(FORM_GLYPH[form], style=f"bold {FORM_STYLE[form]}")
        text.append(f" {FORM_SHORT[form]} ")
    text.append("\nDigits: % in co-ops.  @ your village")
    return text


class CountyChart(Static):
    """The county's co-op share by season against the county target."""

    DEFAULT_CSS = """
    CountyChart { height: 1fr; }
    """

    def __init__(self, view: views.CountyView, tide: views.TideView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.tide = tide

    def render(self):  # noqa: ANN201 - a Rich renderable
        from rich.console import Group

        series = [Series("county target", self.tide.quota, "-", "bright_white", step=True),
                  Series("county co-ops", self.tide.county, "○", "bright_cyan"),
                  Series("your village", self.tide.village["coop_share"], "@", "bold magenta")]
        key = legend(series, width=max(self.size.width, 20))
        rows = key.plain.count("\n") + 1
        ticks = {t: "'" + label.split()[1][2:] for t, label in enumerate(self.tide.labels) if t % 4 == 0}
        chart = LineChart(series, len(self.tide.labels), ticks, [Marker(self.tide.directive_t, "Jul 1955", "bold yellow")],
                          height=max(self.size.height - rows, 6))
        return Group(chart, key)


class CountyScreen(Screen[None]):
    """The county as the county Party committee saw it: every village, the target, your rank."""

    DEFAULT_CSS = """
    CountyScreen #county-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    CountyScreen #county-left { width: 44; height: 1fr; }
    CountyScreen #county-grid { width: auto; height: auto; border: round $primary; padding: 0 1; }
    CountyScreen #county-legend { height: auto; padding: 0 1; }
    CountyScreen #county-rank { height: auto; padding: 0 1; margin-top: 1; }
    CountyScreen #county-chart { width: 1fr; padding: 0 1 0 0; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="county.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view = views.county(session)
        self.tide = views.tide(session)

    def compose(self) -> ComposeResult:
        view = self.view
        mean = sum(view.shares) / len(view.shares) if view.shares else 0.0
        yield Static(f"County, {view.label}: {len(view.shares)} villages, {mean:.0%} in co-ops, target {view.target:.0%}",
                     id="county-title")
        with Horizontal():
            with Vertical(id="county-left"):
                grid = Static(county_grid(view), id="county-grid")
                grid.border_title = "Villages"
                yield grid
                yield Static(county_legend(), id="county-legend")
                yield Static(self._rank_text(), id="county-rank")
            yield CountyChart(view, self.tide, id="county-chart")
        yield AppFooter()

    def _rank_text(self) -> Text:
        view = self.view
        text = Text()
        text.append("Your village ranks ", style="bold")
        text.append(f"{view.rank} of {len(view.shares)}", style="bold yellow")
        text.append(f" with {view.shares[0]:.0%} in co-ops.\n" if view.shares else ".\n")
        gap = view.shares[0] - view.target if view.shares else 0.0
        text.append(f"{'Above' if gap >= 0 else 'Below'} the target by {abs(gap):.0%}. ")
        text.append(f"Standing with the county: {view.career:+.0f}.", style="dim")
        return text

    def action_close(self) -> None:
        self.dismiss(None)
