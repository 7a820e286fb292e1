"""The compact status line: date, the family's grain against the ration line, animals, standing;
for the secretary, the village's co-op share against the county's target and the secretary's
own two standings, kept apart: with the county (its verdicts) and with the village (its trust).

The line never wraps: it is written in several lengths, longest first, and the longest that fits
the terminal is shown (at 80 columns the short forms). Every judgement is spelled out in words and
glyphs (above/below the line), never by colour alone. Reads a ``StatusView``; never changes the game.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from game.session.views import StatusView, standing_text

SEP = " │ "
SHORT_FORM = {"farming alone": "alone", "in a mutual-aid team": "team", "in the lower-stage co-op": "lower co-op",
              "in the higher-stage co-op": "higher co-op"}


def _cadre_forms(view: StatusView) -> list[Content]:
    meets = round(view.coop_share * 100) >= round(view.quota * 100)
    style = "bold" if meets else "bold $warning"
    share = f"co-ops {view.coop_share:.0%}"
    county = f"county {view.county_standing:+.0f}"
    village = f"village trust {view.village_standing:.0%}"
    long_mark = f"▲ meets target {view.quota:.0%}" if meets else f"▼ BELOW target {view.quota:.0%}"
    short_mark = f"▲ target {view.quota:.0%}" if meets else f"▼ BELOW {view.quota:.0%}"
    return [
        Content.assemble((view.label, "bold"), f"{SEP}{view.name}{SEP}", (f"{share} {long_mark}", style),
                         f"{SEP}standing with the {county}{SEP}with the village: trust {view.village_standing:.0%}"),
        Content.assemble((view.label, "bold"), SEP, (f"{share} {long_mark}", style),
                         f"{SEP}standing: {county}{SEP}{village}"),
        Content.assemble((view.label, "bold"), SEP, (f"{share} {short_mark}", style),
                         f"{SEP}standing: {county}, {village}"),
        Content.assemble((view.label, "bold"), SEP, (f"{share} {short_mark}", style), f"{SEP}{county}{SEP}{village}"),
        Content.assemble((view.label, "bold"), SEP, (f"{share} {short_mark}", style),
                         f"{SEP}county {view.county_standing:+.0f}{SEP}trust {view.village_standing:.0%}"),
    ]


def _peasant_forms(view: StatusView) -> list[Content]:
    per_head = view.grain_per_person
    if per_head >= view.ration_line:
        mark, word, short, style = "▲", "above ration", "ration", "bold"
    elif per_head >= view.survival_line:
        mark, word, short, style = "▼", "BELOW ration", "BELOW ration", "bold $warning"
    else:
        mark, word, short, style = "▼▼", "BELOW SURVIVAL", "BELOW SURVIVAL", "bold reverse $error"
    label = (view.label, "bold")
    standing = f"standing {standing_text(view.standing)}"
    form = SHORT_FORM.get(view.form_label, view.form_label)
    animals = f"animals {view.animals:.0f}"
    ate = (f"ate {per_head:,.0f} jin/head {mark} {word} {view.ration_line:,.0f}", style)
    ate_short = (f"ate {per_head:,.0f} {mark} {short}", style)
    store, store_short = f"store {view.grain:,.0f} jin", f"store {view.grain:,.0f}"
    return [
        Content.assemble(label, f"{SEP}{view.name} · {view.class_label} · {view.form_label}{SEP}", ate,
                         f"{SEP}{store}{SEP}{animals}{SEP}{standing}"),
        Content.assemble(label, f"{SEP}{view.form_label}{SEP}", ate, f"{SEP}{store}{SEP}{animals}{SEP}{standing}"),
        Content.assemble(label, f"{SEP}{form}{SEP}", (f"ate {per_head:,.0f}/head {mark} {short} {view.ration_line:,.0f}", style),
                         f"{SEP}{store_short}{SEP}{animals}{SEP}{standing}"),
        Content.assemble(label, f"{SEP}{form}{SEP}", ate_short, f"{SEP}{store_short}{SEP}{animals}{SEP}{standing}"),
        Content.assemble(label, f"{SEP}{form}{SEP}", ate_short, f"{SEP}{store_short}{SEP}{standing}"),
        Content.assemble(label, SEP, ate_short, f"{SEP}{store_short}{SEP}{standing}"),
    ]


def status_forms(view: StatusView) -> list[Content]:
    """The status line in every length it has, longest first."""
    return _cadre_forms(view) if view.role == "cadre" else _peasant_forms(view)


def status_text(view: StatusView, width: int | None = None) -> Content:
    """The longest form of the status line that fits ``width`` cells (the shortest if none does)."""
    forms = status_forms(view)
    if width is None:
        return forms[0]
    return next((form for form in forms if form.cell_length <= width), forms[-1])


class StatusLine(Static):
    """One line at the top of the season screen, in the longest form that fits."""

    view: reactive[StatusView | None] = reactive(None, layout=True)

    def render(self) -> Content:
        view = self.view
        if view is None:
            return Content("")
        return status_text(view, self.content_region.width or None)
