"""Two games side by side, season by season: the indicators of ``replay.COMPARE_ROWS`` in one
table (each cell reads "A = B" or "A ≠ B", and ◆ marks a season where anything differs), and
two small charts, co-op share and grain eaten per person, with one series per game.

The two games differ by glyph (● and ○) as well as colour; differences by the ≠ and ◆ glyphs
as well as by style, so nothing rests on colour alone.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Static

from game.session.game import Session
from game.session.replay import COMPARE_ROWS, compare_notes
from game.sim.params import DIRECTIVE_SEASON, season_label
from game.ui.widgets.charts import LineChart, Marker, Series, legend
from game.ui.widgets.cached import AppFooter

GLYPH_A, GLYPH_B = "●", "○"
STYLE_A, STYLE_B = "bold magenta", "bright_cyan"
DIFFER, SAME, SEASON_DIFFERS = "≠", "=", "◆"


def indicator_history(session: Session, key: str, seasons: int) -> list[float | None]:
    """One indicator over ``seasons`` seasons; None where the game has not reached the season."""
    return [session.logs[t].indicators.get(key) if t < len(session.logs) else None for t in range(seasons)]


def _formatted(fmt: str, value: float | None) -> str:
    return "—" if value is None else fmt.format(value)


def compare_cell(va: str, vb: str, width_a: int = 0, width_b: int = 0) -> tuple[Text, bool]:
    """"A = B" or "A ≠ B" from two formatted values (compared as shown, so rounding noise is not
    a difference), each right-aligned to its width so the signs line up down the column."""
    differs = va != vb
    text = Text(" " * max(width_a - cell_len(va), 0))
    text.append(va, style="bold" if differs else "")
    text.append(f" {DIFFER if differs else SAME} ", style="bold yellow" if differs else "dim")
    text.append(" " * max(width_b - cell_len(vb), 0))
    text.append(vb, style="bold" if differs else "")
    return text, differs


class CompareChart(Static):
    """One indicator of the two games on one chart, with the July 1955 speech marked."""

    DEFAULT_CSS = """
    CompareChart { width: 1fr; height: 1fr; border: round $primary-darken-2; padding: 0 1 0 0; }
    """

    def __init__(self, title: str, a: list[float | None], b: list[float | None], labels: tuple[str, str],
                 percent: bool, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title
        self.a, self.b = a, b
        self.labels = labels
        self.percent = percent

    @property
    def series(self) -> list[Series]:
        return [Series(self.labels[0], self.a, GLYPH_A, STYLE_A), Series(self.labels[1], self.b, GLYPH_B, STYLE_B)]

    def render(self):  # noqa: ANN201 - a Rich renderable
        series = self.series
        key = legend(series, width=max(self.size.width, 20))
        note = f"  ({GLYPH_B} over {GLYPH_A})"
        if cell_len(key.plain.split("\n")[-1]) + cell_len(note) <= self.size.width:
            key.append(note, style="dim")
        rows = key.plain.count("\n") + 1
        known = [v for v in (*self.a, *self.b) if v is not None]
        top = 1.0 if self.percent else max(100.0, (max(known, default=0.0) * 1.1 // 50 + 1) * 50)
        ticks = {t: f"'{53 + t // 4}" for t in range(0, len(self.a), 4)}
        chart = LineChart(series, len(self.a), ticks, [Marker(DIRECTIVE_SEASON, "Jul '55", "bold yellow")],
                          height=max(self.size.height - rows, 6), y_max=top, percent=self.percent)
        return Group(chart, key)


class CompareScreen(Screen[None]):
    """Two games side by side: a table of every season and two charts."""

    DEFAULT_CSS = """
    CompareScreen #compare-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    CompareScreen #compare-legend { height: auto; padding: 0 1; }
    CompareScreen #compare-table { height: 1fr; min-height: 6; scrollbar-size-vertical: 1; scrollbar-size-horizontal: 1; }
    CompareScreen #compare-charts { height: 1fr; min-height: 11; max-height: 20; }
    """

    BINDINGS = [
        Binding("c", "toggle_charts", "Charts", id="compare.charts"),
        Binding("escape", "close", "Back", id="compare.close"),
    ]

    def __init__(self, session_a: Session, session_b: Session, label_a: str = "A", label_b: str = "B") -> None:
        super().__init__()
        self.session_a, self.session_b = session_a, session_b
        self.label_a, self.label_b = label_a, label_b
        self.seasons = max(len(session_a.logs), len(session_b.logs))
        self.differences = 0  # seasons in which any indicator differs

    def compose(self) -> ComposeResult:
        yield Static(f"Compare {self.label_a} and {self.label_b}, season by season", id="compare-title")
        yield Static(self._legend(), id="compare-legend")
        yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
        chart_seasons = max(self.seasons, 16)
        labels = (f"{self.label_a}", f"{self.label_b}")
        with Horizontal(id="compare-charts"):
            yield CompareChart("in co-ops", indicator_history(self.session_a, "coop_share", chart_seasons),
                               indicator_history(self.session_b, "coop_share", chart_seasons), labels, True,
                               id="compare-coop")
            yield CompareChart("eaten, jin a head a year", indicator_history(self.session_a, "grain_per_person", chart_seasons),
                               indicator_history(self.session_b, "grain_per_person", chart_seasons), labels, False,
                               id="compare-eaten")
        yield AppFooter()

    def _legend(self) -> Text:
        text = Text("Cells read ")
        text.append(self.label_a, style=STYLE_A)
        text.append(f" {SAME} ", style="dim")
        text.append(self.label_b, style=STYLE_B)
        text.append(", or ")
        text.append(DIFFER, style="bold yellow")
        text.append(" where they differ; ")
        text.append(SEASON_DIFFERS, style="bold yellow")
        text.append(" marks such a season.")
        for note in compare_notes(self.session_a, self.session_b):
            text.append(f"\nNote: {note}", style="bold")
        return text

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.fixed_columns = 1
        table.add_column("season", key="season")
        for key, label, _ in COMPARE_ROWS:
            table.add_column(label, key=key)
        self.differences = 0
        columns = []  # per indicator: (values of A, values of B, width of A, width of B), formatted
        for key, _, fmt in COMPARE_ROWS:
            va = [_formatted(fmt, v) for v in indicator_history(self.session_a, key, self.seasons)]
            vb = [_formatted(fmt, v) for v in indicator_history(self.session_b, key, self.seasons)]
            columns.append((va, vb, max(map(cell_len, va), default=0), max(map(cell_len, vb), default=0)))
        for t in range(self.seasons):
            cells = []
            any_differs = False
            for va, vb, width_a, width_b in columns:
                cell, differs = compare_cell(va[t], vb[t], width_a, width_b)
                cells.append(cell)
                any_differs |= differs
            self.differences += any_differs
            season = Text(f"{SEASON_DIFFERS if any_differs else ' '} ", style="bold yellow")
            season.append(season_label(t), style="bold" if any_differs else "")
            table.add_row(season, *cells, key=str(t))
        if not self.seasons:
            self.query_one("#compare-legend", Static).update("Neither game has finished a season yet; there is nothing to compare.")
        else:
            self.query_one("#compare-title", Static).update(
                f"Compare {self.label_a} and {self.label_b}: {self.seasons} seasons; they differ in {self.differences}")
        table.focus()

    def action_toggle_charts(self) -> None:
        charts = self.query_one("#compare-charts")
        charts.display = not charts.display

    def action_close(self) -> None:
        self.dismiss(None)
