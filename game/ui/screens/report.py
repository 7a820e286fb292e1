"""The season report: what changed and why, the ledger (where the grain went) and the family's
calculus (income alone versus inside the team or co-op, each part a number).

Shown after every season and on demand (``ledger``, ``calculus``). Reads the session's views
for one finished season; never changes the game.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.session import views
from game.session.game import Session
from game.sim.params import season_label
from game.ui.screens.season import VIEW_BINDINGS
from game.ui.widgets.cached import AppFooter, Cached

CHANGE_INDICATORS = ("coop_share", "grain_per_person", "procurement", "animals", "trust", "want_to_leave", "hungry")


def _jin(value: float | None) -> str:
    if value is None:
        return ""
    return f"{0.0 if abs(value) < 0.5 else value:,.0f}"


def did_lines(session: Session, t: int) -> list[str]:
    """The player's recorded actions of season t in words (scene choices by title and label)."""
    return [f"• {views.describe_action(session, action)}." for action in session.logs[t].actions]


def ledger_table(ledger: views.LedgerView) -> Table:
    table = Table(expand=True, show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("Where the grain went", ratio=3, overflow="fold")
    table.add_column("Village", justify="right", ratio=1, min_width=7)
    if ledger.household_name:
        table.add_column("★ Yours", justify="right", ratio=1, min_width=7)
    table.add_column("Note", ratio=2, style="dim", overflow="fold")
    for row in ledger.rows:
        cells = [row.label, _jin(row.village)]
        if ledger.household_name:
            cells.append(_jin(row.household))
        cells.append(row.note)
        table.add_row(*cells)
    return table


def calculus_table(calc: views.CalculusView) -> Table:
    """The forecast by form: the parts that add up, the total, a bad year, draught power, then the
    reference rows (in brackets), so that what adds up is never mixed with what does not."""
    columns = [c for c in calc.columns if c.available]
    table = Table(expand=True, show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(f"Part (jin a year, {calc.horizon})", ratio=3, overflow="fold")
    for c in columns:
        mark = " ●" if c.form == calc.form else ""
        table.add_column(f"{c.label}{mark}", justify="right", ratio=2, overflow="fold")
    for key in views.INCOME_PARTS:
        values = [c.parts.get(key, 0.0) for c in columns]
        if all(abs(v) < 0.5 for v in values):
            continue
        table.add_row(views.PART_LABELS[key], *[_jin(v) for v in values])
    best = calc.best()
    table.add_row(Text("Total, a normal year", style="bold"),
                  *[Text(f"{c.total:,.0f}" + (" ◀ best" if c.form == best else ""), style="bold") for c in columns],
                  end_section=True)
    table.add_row(Text("For reference, not in the total:", style="dim italic"), *[Text("") for _ in columns])
    table.add_row(Text("A bad year (1 in 5)", style="bold"), *[Text(f"{c.bad_year:,.0f}") for c in columns])
    table.add_row(Text("Draught power, share of need", style="bold"), *[Text(f"{c.draught:.0%}") for c in columns], end_section=True)
    for key in views.REFERENCE_PARTS:
        values = [c.parts.get(key, 0.0) for c in columns]
        if all(abs(v) < 0.5 for v in values):
            continue
        table.add_row(Text(f"({views.PART_LABELS[key]})", style="dim"), *[Text(_jin(v), style="dim") for v in values])
    return table


def changes_text(session: Session, t: int) -> Text:
    """Indicator before → after for the season, with where to ask why."""
    now = session.logs[t].indicators
    before = session.logs[t - 1].indicators if t > 0 else None
    text = Text("In the village (why NAME at the prompt, or w, opens the causes):\n")
    for name in CHANGE_INDICATORS:
        if name not in now:
            continue
        label, unit = views.INDICATORS[name]
        fmt = (lambda v: f"{v:.0%}") if unit == "%" else (lambda v: f"{v:,.0f}")
        line = f"• {label}: "
        if before is not None and name in before:
            shown_before, shown_now = fmt(before[name]), fmt(now[name])
            delta = now[name] - before[name]
            # the arrow follows the figures as printed: '450 → 450' is '=' however the decimals moved
            arrow = "=" if shown_before == shown_now else ("▲" if delta > 0 else "▼")
            line += f"{shown_before} → {shown_now} {arrow}"
        else:
            line += fmt(now[name])
        text.append(line + f"  · why {name}\n")
    return text


class ReportScreen(Screen):
    """The report on one finished season (or, before any, the calculus alone)."""

    BINDINGS = [
        Binding("enter", "close", "Continue", id="report.continue"),
        Binding("escape", "close", "Back", id="report.back", show=False),
        Binding("v", "view('debrief')", "Choice or luck?", id="report.debrief"),
        *VIEW_BINDINGS,
        Binding("question_mark", "app.help", "Help", id="report.help", key_display="?", show=False),
    ]

    def __init__(self, session: Session, t: int | None, after_season: bool = False, focus: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.report_t = t
        self.after_season = after_season
        self.focus_part = focus

    def compose(self) -> ComposeResult:
        session, t = self.session, self.report_t
        title = f"Season report: {season_label(t)}" if t is not None else f"The calculus: {session.label}"
        yield Static(title, classes="screen-title", id="report-title")
        with VerticalScroll(id="report-body"):
            if t is not None:
                log = session.logs[t]
                yield Static("What changed", classes="section-title")
                lines = [f"• {m}" for m in log.messages] or ["• No household in the village changed how it farms."]
                lines += did_lines(session, t)
                yield Static("\n".join(lines), markup=False, id="report-changes")
                yield Static(changes_text(session, t), id="report-indicators")
                ledger = views.ledger(session, t)
                yield Static("The ledger: where the grain went", classes="section-title", id="ledger-title")
                if ledger is not None and ledger.rows:
                    if not ledger.harvest:
                        yield Static(f"{ledger.label}: no harvest this season; only what was eaten, bought and lent.",
                                     classes="note")
                    yield Static(Cached(ledger_table(ledger)), id="ledger")
                    yield Static("Amounts in jin (1 jin = 0.5 kg)" + ("; ★ = your family." if ledger.household_name else "."),
                                 classes="note")
                else:
                    yield Static("Nothing moved this season.", classes="note")
            if session.setup.role == "peasant" or t is None:
                calc = views.calculus(session, t=views.season_ahead(session, t))
                whose = "your family's" if session.setup.role == "peasant" else f"{calc.name}'s"
                yield Static(f"The calculus: {whose} year in each arrangement, seen from {calc.label.lower()}",
                             classes="section-title", id="calculus-title")
                yield Static(calc.sentence(), classes="note", markup=False)
                yield Static(Cached(calculus_table(calc)), id="calculus")
                yield Static(f"● = how {'the family' if session.setup.role == 'peasant' else 'this household'} farms now; ◀ best = the highest expected income open to it. A forecast "
                             "for the next year under the rules that will apply; a bad year is the weather and luck of one "
                             "year in five. The rows under the line are for reference and are not added into the total.", classes="note")
        yield AppFooter()

    AUTO_FOCUS = "#report-body"

    def on_mount(self) -> None:
        body = self.query_one("#report-body")
        if self.focus_part in ("ledger", "calculus"):
            target = self.query(f"#{self.focus_part}-title")
            if target:
                self.call_after_refresh(body.scroll_to_widget, target.first(), top=True, animate=False)

    def action_close(self) -> None:
        self.app.pop_screen()
        if self.after_season:
            self.app.after_report()

    def action_view(self, name: str) -> None:
        if name in ("ledger", "calculus"):
            target = self.query(f"#{name}-title")
            if target:
                self.query_one("#report-body").scroll_to_widget(target.first(), top=True, animate=False)
                return
        self.app.open_view(name)
