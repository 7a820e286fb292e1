"""A household's calculus as one widget: its yearly income farming alone next to its income in
a team and in each co-op, part by part, each part a number, and what that implies.

This is the lecture's core argument made visible: the land dividend and work points of the
co-op against the household's own harvest outside. Rendered as one Rich table inside a
``Static``; ``update_view`` swaps in another household's (or season's) calculus.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from game.session.views import INCOME_PARTS, PART_LABELS, REFERENCE_PARTS, CalculusView, plural
from game.ui.widgets.village_grid import CLASS_LETTER, FORM_GLYPH, FORM_STYLE

SHORT_PART = {"own_harvest": "own harvest", "procurement": "sold to state", "procurement_money": "paid for sales",
              "ox_hire": "ox/labour days", "land_dividend": "land dividend", "work_points": "work points", "per_head": "per-head grain",
              "animal_rent": "animal rent", "plot": "private plot", "sideline": "sidelines", "share_fund": "share fund in",
              "entry_loss": "animals priced in", "output": "output", "tax": "tax"}
SHORT_FORM = {"independent": "Alone", "team": "Team", "lower": "Lower", "higher": "Higher"}


def calculus_renderable(view: CalculusView) -> RenderableType:
    """The calculus as a Rich group: who, the table of parts by form, the rows for a bad year and
    for draught power, and the verdict."""
    head = Text()
    head.append(view.name, style="bold")
    head.append(f"\n{CLASS_LETTER.get(_class_key(view.class_label), '?')} {view.class_label}: ")
    head.append(f"{view.persons:.0f} people, {view.labour:.1f} labour, {view.land:.1f} mu, {plural(round(view.animals), 'animal')}\n", style="dim")
    head.append("Now: ")
    head.append(FORM_GLYPH.get(view.form, "?"), style=f"bold {FORM_STYLE.get(view.form, '')}")
    head.append(f" {next((c.label for c in view.columns if c.form == view.form), view.form)}  ({view.label}; "
                f"forecast for the year {view.horizon})")

    table = Table(box=None, padding=(0, 0, 0, 1), pad_edge=False, show_edge=False, expand=False, header_style="bold")
    table.add_column("jin a year", no_wrap=False, min_width=10)
    for column in view.columns:
        header = Text(FORM_GLYPH.get(column.form, "?"), style=f"bold {FORM_STYLE.get(column.form, '')}")
        header.append(SHORT_FORM.get(column.form, column.form), style="bold underline" if column.form == view.form else "bold")
        table.add_column(header, justify="right", no_wrap=True)

    def cell(column, value: float) -> Text:  # noqa: ANN001
        if not column.available:
            return Text("—", style="dim")
        return Text(f"{value:,.0f}" if round(value) else "·", style="" if round(value) else "dim")

    for key in INCOME_PARTS:
        values = [c.parts.get(key, 0.0) for c in view.columns]
        if not any(round(v) for c, v in zip(view.columns, values) if c.available):
            continue
        table.add_row(SHORT_PART.get(key, PART_LABELS[key]), *(cell(c, v) for c, v in zip(view.columns, values)))
    table.add_row(Text("= normal year", style="bold"),
                  *(Text(f"{c.total:,.0f}", style="bold") if c.available else Text("—", style="dim") for c in view.columns),
                  end_section=True)
    table.add_row(Text("reference:", style="dim italic"), *(Text("") for _ in view.columns))
    alone = view.columns[0]
    table.add_row(Text("vs alone", style="italic"),
                  *(Text(f"{c.total - alone.total:+,.0f}", style="green" if c.total >= alone.total else "red") if c.available and i else
                    Text("" if i else "0", style="dim") if c.available else Text("—", style="dim")
                    for i, c in enumerate(view.columns)))
    table.add_row(Text("bad year", style="bold"),
                  *(Text(f"{c.bad_year:,.0f}", style="bold" if view.per_head(c.bad_year) >= view.survival else "bold $error")
                    if c.available else Text("—", style="dim") for c in view.columns))
    table.add_row(Text("draught power", style="bold"),
                  *(Text(f"{c.draught:.0%}") if c.available else Text("—", style="dim") for c in view.columns), end_section=True)
    for key in REFERENCE_PARTS:
        values = [c.parts.get(key, 0.0) for c in view.columns]
        if not any(round(v) for c, v in zip(view.columns, values) if c.available):
            continue
        table.add_row(Text(f"({SHORT_PART.get(key, PART_LABELS[key])})", style="dim"),
                      *(Text(f"{v:,.0f}", style="dim") if c.available else Text("—", style="dim") for c, v in zip(view.columns, values)))

    best = view.best()
    best_column = next(c for c in view.columns if c.form == best)
    verdict = Text("Best open choice in a normal year: ")
    verdict.append(FORM_GLYPH.get(best, "?"), style=f"bold {FORM_STYLE.get(best, '')}")
    verdict.append(f" {best_column.label}", style="bold")
    if best != "independent":
        verdict.append(f" ({best_column.total - alone.total:+,.0f} jin vs alone)")
    verdict.append(f". The rows above the line add up to what the family keeps (money at the state price); a bad year (the "
                   f"weather and luck of one year in five) under {view.survival * view.persons:,.0f} jin leaves the family below the survival line. "
                   "The rows below it are for reference and are not added. — = not open: ", style="dim")
    closed = [f"{SHORT_FORM.get(c.form, c.form)}: {c.reason}" for c in view.columns if not c.available and c.reason]
    verdict.append("; ".join(closed) + "." if closed else "none.", style="dim")
    return Group(head, Text(""), table, Text(""), verdict)


def _class_key(class_label: str) -> str:
    for key, prefix in (("lower_middle", "lower-middle"), ("upper_middle", "upper-middle"), ("landlord", "former landlord"),
                        ("rich", "rich"), ("poor", "poor")):
        if class_label.startswith(prefix):
            return key
    return ""


class CalculusPanel(Static):
    """One household's income outside versus inside the team and co-ops, each part a number."""

    DEFAULT_CSS = """
    CalculusPanel {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, calculus_view: CalculusView | None = None, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.calculus_view = calculus_view
        if calculus_view is not None:
            self.update(calculus_renderable(calculus_view))

    def update_view(self, calculus_view: CalculusView) -> None:
        """Show another household's (or season's) calculus."""
        self.calculus_view = calculus_view
        self.update(calculus_renderable(calculus_view))
