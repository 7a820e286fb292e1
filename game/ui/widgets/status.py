"""The compact status line: date, the family's grain against the ration line, animals, standing;
for the secretary, the village's co-op share against the county's target, trust, and standing
with the county and in the village.

Every judgement is spelled out in words and glyphs (above/below the line), never by colour
alone. Reads a ``StatusView``; never changes the game.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from game.session.views import StatusView


def status_text(view: StatusView) -> Content:
    """The status as one line of styled text (wraps on narrow terminals)."""
    sep = " │ "
    if view.role == "cadre":
        if round(view.coop_share * 100) >= round(view.quota * 100):
            mark, style = f"▲ meets target {view.quota:.0%}", "bold"
        else:
            mark, style = f"▼ BELOW target {view.quota:.0%}", "bold $warning"
        return Content.assemble((view.label, "bold"), f"{sep}{view.name}{sep}",
                                (f"co-ops {view.coop_share:.0%} {mark}", style),
                                f"{sep}trust {view.trust:.0%}{sep}standing: county {view.career:+.0f}, "
                                f"village {int(round(view.standing)):+d}")
    per_head = view.grain_per_person
    if per_head >= view.ration_line:
        mark, word, style = "▲", "above ration", "bold"
    elif per_head >= view.survival_line:
        mark, word, style = "▼", "BELOW ration", "bold $warning"
    else:
        mark, word, style = "▼▼", "BELOW SURVIVAL", "bold reverse $error"
    return Content.assemble(
        (view.label, "bold"), f"{sep}{view.name} · {view.class_label} · {view.form_label}{sep}",
        (f"ate {per_head:,.0f} jin/head {mark} {word} {view.ration_line:,.0f}", style),
        f"{sep}store {view.grain:,.0f} jin{sep}animals {view.animals:.0f}{sep}standing {int(round(view.standing)):+d}")


class StatusLine(Static):
    """One or two lines at the top of the season screen."""

    view: reactive[StatusView | None] = reactive(None, layout=True)

    def watch_view(self, view: StatusView | None) -> None:
        self.update(status_text(view) if view is not None else "")
