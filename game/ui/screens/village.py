"""The village map screen: every household as one cell (class letter, membership glyph,
marker), the polarization indicators, and the calculus of the household under the cursor.

The grid is one widget drawing one Rich renderable; selecting a household (Enter or a click)
shows in the side panel its income farming alone against its income in the team and co-ops.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.session import views
from game.session.game import Session
from game.ui.widgets.calculus_panel import CalculusPanel
from game.ui.widgets.village_grid import CLASS_NAME, FORM_GLYPH, FORM_NAME, FORM_STYLE, VillageGrid, map_legend
from game.ui.widgets.cached import AppFooter


def polarization_text(view: views.MapView, gini: float | None) -> Text:
    """Assets of members against independents, the paupers' co-op warning and the Gini."""
    text = Text()
    text.append("Mean assets", style="bold")
    text.append(" (mu + animals)\n", style="dim")
    text.append(f" co-op members {view.members_assets:4.1f}  others {view.independents_assets:4.1f}\n")
    if view.members_assets == 0:
        text.append(" – no co-op members yet\n", style="dim")
    elif view.paupers_warning():
        text.append(" ⚠ PAUPERS' CO-OP", style="bold reverse yellow")
        text.append(" members <70% of others\n", style="bold")
    else:
        text.append(" ✓ no paupers' co-op", style="green")
        text.append(" (≥70%)\n", style="dim")
    text.append(f" Gini, income a head: {gini:.2f}" if gini is not None else " Gini: —")
    return text


class VillageScreen(Screen[None]):
    """The village map: membership by colour and glyph, class by letter, the calculus on the side."""

    DEFAULT_CSS = """
    VillageScreen #village-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    VillageScreen #village-left { width: 34; height: 1fr; }
    VillageScreen VillageGrid { border: round $primary; margin: 0; }
    VillageScreen VillageGrid:focus { border: round $accent; }
    VillageScreen #village-legend { height: auto; padding: 0 1; }
    VillageScreen #village-polarization { height: auto; padding: 0 1; }
    VillageScreen #village-side { width: 1fr; height: 1fr; border-left: vkey $primary-darken-2; scrollbar-size-vertical: 1; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="village.close"),
    ]

    def __init__(self, session: Session, t: int | None = None, household: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.household = household  # the household to show first ('calculus N' at the prompt)
        self.t = t if (t is not None and 0 <= t < len(session.logs)) else None
        self.map_view = views.village_map(session, self.t)

    def compose(self) -> ComposeResult:
        members = sum(1 for c in self.map_view.cells if c.form in ("lower", "higher"))
        yield Static(f"Village map, {self.map_view.label}: {len(self.map_view.cells)} households, {members} in co-ops",
                     id="village-title")
        with Horizontal():
            with Vertical(id="village-left"):
                grid = VillageGrid(self.map_view.cells, id="village-grid")
                grid.border_title = "Households"
                yield grid
                yield Static(map_legend(), id="village-legend")
                yield Static(polarization_text(self.map_view, self._gini()), id="village-polarization")
            with VerticalScroll(id="village-side"):
                yield CalculusPanel(self._calculus(self._start_index()), id="village-calculus")
        yield AppFooter()

    def on_mount(self) -> None:
        grid = self.query_one(VillageGrid)
        grid.cursor = self._start_index()
        grid.focus()

    def _start_index(self) -> int:
        if self.household is not None and 0 <= self.household < len(self.map_view.cells):
            return self.household
        return next((c.index for c in self.map_view.cells if c.player), 0)

    def _gini(self) -> float | None:
        gini = next((i for i in views.indicators(self.session) if i.name == "gini"), None)
        if gini is None or not gini.history:
            return None
        return gini.history[self.t] if self.t is not None else gini.value

    def _calculus(self, index: int) -> views.CalculusView:
        return views.calculus(self.session, index, self.t)

    @property
    def selected(self) -> int:
        """The household whose calculus the side panel shows."""
        panel = self.query_one(CalculusPanel)
        return panel.calculus_view.index if panel.calculus_view is not None else -1

    def on_village_grid_highlighted(self, message: VillageGrid.Highlighted) -> None:
        cell = self.map_view.cells[message.index]
        subtitle = f"{cell.name} · {CLASS_NAME.get(cell.social_class, cell.social_class)} · {FORM_NAME.get(cell.form, cell.form)}"
        message.grid.border_subtitle = subtitle

    def on_village_grid_selected(self, message: VillageGrid.Selected) -> None:
        self.query_one(CalculusPanel).update_view(self._calculus(message.index))
        self.query_one("#village-side", VerticalScroll).scroll_home(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["VillageScreen", "FORM_GLYPH", "FORM_STYLE"]
