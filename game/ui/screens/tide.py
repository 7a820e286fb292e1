"""The tide chart: the share of households in each stage over the 16 seasons, for the player's
village, the county and China, with the county target and the July 1955 directive marked.

One widget draws one Rich line chart; ``t`` toggles between shares by form and the co-op share
of each class. Series differ by glyph and colour, and the legend repeats both.
"""

from __future__ import annotations

from rich.console import Group
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from game.session import views
from game.session.game import Session
from game.ui.widgets.charts import LineChart, Marker, Series, legend
from game.ui.widgets.village_grid import CLASS_LETTER, FORM_GLYPH, FORM_STYLE
from game.ui.widgets.cached import AppFooter

MODES = ("form", "class")
CLASS_STYLE = {"poor": "bright_cyan", "lower_middle": "green", "upper_middle": "yellow", "rich": "bright_red",
               "landlord": "magenta"}
CLASS_SHORT = {"poor": "poor", "lower_middle": "lower-mid", "upper_middle": "upper-mid", "rich": "rich", "landlord": "ex-landlord"}


def tide_series(view: views.TideView, mode: str) -> list[Series]:
    """The series of the chart in one mode; the player's village is drawn last (on top)."""
    common = [
        Series("China co-ops", view.national, "×", "bright_magenta"),
        Series("county target", view.quota, "-", "bright_white", step=True),
    ]
    if mode == "form":
        return common + [
            Series("China higher", view.national_higher, "+", "magenta"),
            Series("county co-ops", view.county, "○", "bright_cyan"),
            Series("village team", view.village["team_share"], FORM_GLYPH["team"], FORM_STYLE["team"]),
            Series("village lower", view.village["lower_share"], FORM_GLYPH["lower"], FORM_STYLE["lower"]),
            Series("village higher", view.village["higher_share"], FORM_GLYPH["higher"], FORM_STYLE["higher"]),
        ]
    return common + [Series("county", view.county, "○", "bright_cyan")] + [
        Series(f"{CLASS_SHORT[c]}", view.village[f"coop_share_{c}"], CLASS_LETTER[c], CLASS_STYLE[c])
        for c in ("landlord", "rich", "upper_middle", "lower_middle", "poor")
    ]


class TideChart(Static):
    """The tide as one Rich renderable that fills the widget."""

    DEFAULT_CSS = """
    TideChart { height: 1fr; padding: 0 1; }
    """

    def __init__(self, view: views.TideView, mode: str = "form", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view
        self.mode = mode

    def render(self):  # noqa: ANN201 - a Rich renderable
        view = self.view
        series = tide_series(view, self.mode)
        markers = [Marker(view.directive_t, "31 Jul 1955 Mao: 'On co-operation'", "bold yellow")]
        ticks = {t: label.split()[1] for t, label in enumerate(view.labels) if t % 4 == 0}
        ticks.update({t: label.split()[0][:3] for t, label in enumerate(view.labels) if t % 4 == 2})
        key = legend(series, width=max(self.size.width - 2, 20))
        rows = key.plain.count("\n") + 1
        chart = LineChart(series, len(view.labels), ticks, markers, height=max(self.size.height - rows, 6))
        return Group(chart, key)


class TideScreen(Screen[None]):
    """The tide: shares by form or by class over 16 seasons; village, county, China and the target."""

    DEFAULT_CSS = """
    TideScreen #tide-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    """

    BINDINGS = [
        Binding("t", "toggle", "By form / by class", id="tide.toggle"),
        Binding("escape", "close", "Back", id="tide.close"),
    ]

    mode: reactive[str] = reactive("form")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view = views.tide(session)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="tide-title")
        yield TideChart(self.view, self.mode, id="tide-chart")
        yield AppFooter()

    def _title(self) -> str:
        played = sum(1 for v in self.view.county if v is not None)
        what = "households by form" if self.mode == "form" else "co-op members by class"
        return f"The tide: share of {what}, 1953-56 ({played} of {len(self.view.labels)} seasons played)"

    def watch_mode(self, mode: str) -> None:
        if not self.is_mounted:
            return
        chart = self.query_one(TideChart)
        chart.mode = mode
        chart.refresh()
        self.query_one("#tide-title", Static).update(self._title())

    def action_toggle(self) -> None:
        self.mode = "class" if self.mode == "form" else "form"

    def action_close(self) -> None:
        self.dismiss(None)
