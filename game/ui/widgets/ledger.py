"""The season's ledger as one widget: where the grain went, for the village and for the
player's household, as a Rich table. Rows come from ``views.LedgerView`` unchanged.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from game.session.views import LedgerView


def ledger_table(view: LedgerView) -> Table:
    """The ledger's rows (label, village jin, household jin, note) as a Rich table."""
    table = Table(title=f"Where the grain went: {view.label}", title_justify="left", box=None, padding=(0, 1),
                  show_edge=False, header_style="bold", expand=False)
    table.add_column("", ratio=3, no_wrap=False, min_width=14)
    table.add_column("village (jin)", justify="right", no_wrap=True)
    household = view.household_name or "household"
    table.add_column(Text(f"▶ {household}", style="bold magenta"), justify="right", no_wrap=False, max_width=18)
    table.add_column("note", style="dim", ratio=2, no_wrap=False)
    for row in view.rows:
        table.add_row(row.label, f"{row.village:,.0f}",
                      Text(f"{row.household:,.0f}", style="bold magenta") if row.household is not None else Text("—", style="dim"),
                      row.note)
    if not view.harvest:
        table.caption = "No harvest this season."
    return table


class LedgerTable(Static):
    """The ledger of one season (``views.ledger``), the player's household in its own column."""

    DEFAULT_CSS = """
    LedgerTable {
        height: auto;
    }
    """

    def __init__(self, ledger_view: LedgerView | None, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.ledger_view = ledger_view
        self.update(ledger_table(ledger_view) if ledger_view is not None else Text("No season has been played yet."))

    def update_view(self, ledger_view: LedgerView) -> None:
        """Show another season's ledger."""
        self.ledger_view = ledger_view
        self.update(ledger_table(ledger_view))
