"""What the July 1955 directive changed: for each class, the expected yearly gain in jin of
joining a co-op rather than staying out, in spring 1955 and now, with the political terms that
moved (campaign pressure, the procurement surcharge on independents, the promised gains).

Numbers come from ``views.directive_change``; nothing here computes the model. Every gain has
its sign written out and a bar whose glyph differs for gains (█) and losses (▒), so nothing
rests on colour alone. The speech itself is document ``mao-1955-07-31`` (key ``d``).
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.session import views
from game.session.game import CLASS_TEXT, Session
from game.ui.widgets.village_grid import CLASS_LETTER
from game.ui.widgets.cached import AppFooter

SPEECH_ID = "mao-1955-07-31"
BAR_HALF = 7  # cells on each side of the axis
GAIN_GLYPH, LOSS_GLYPH = "█", "▒"
GAIN_STYLE, LOSS_STYLE = "green", "red"
CLASS_KEY = {text: key for key, text in CLASS_TEXT.items()}


def gain_bar(value: float, scale: float, half: int = BAR_HALF) -> Text:
    """A bar centred on an axis │: losses grow left in ▒, gains grow right in █."""
    cells = min(half, round(abs(value) / scale * half)) if scale > 0 else 0
    if value and not cells:
        cells = 1  # a small gain or loss still shows which side it is on
    text = Text()
    if value < 0:
        text.append(" " * (half - cells))
        text.append(LOSS_GLYPH * cells, style=LOSS_STYLE)
        text.append("│", style="dim")
        text.append(" " * half)
    else:
        text.append(" " * half)
        text.append("│", style="dim")
        text.append(GAIN_GLYPH * cells, style=GAIN_STYLE)
        text.append(" " * (half - cells))
    return text


def gain_cell(value: float, scale: float) -> Text:
    """The signed number of jin, then its bar."""
    number = f"{value:+,.0f}"
    text = Text(" " * max(6 - len(number), 0))
    text.append(number, style=f"bold {GAIN_STYLE if value >= 0 else LOSS_STYLE}")
    text.append(" ")
    text.append_text(gain_bar(value, scale))
    return text


def gains_table(change: views.DirectiveChange) -> Table:
    """One row per class: gain then and now, in jin a year, each with its bar."""
    scale = max((abs(v) for _, before, now in change.rows for v in (before, now)), default=0.0)
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("class", no_wrap=True)
    table.add_column(change.before_label, no_wrap=True)
    table.add_column(change.after_label, no_wrap=True)
    for label, before, now in change.rows:
        key = CLASS_KEY.get(label)
        name = Text(f"{CLASS_LETTER[key]} " if key in CLASS_LETTER else "  ", style="bold")
        name.append(label.removesuffix(" peasant"))
        table.add_row(name, gain_cell(before, scale), gain_cell(now, scale))
    return table


def _arrow(then: float, now: float) -> Text:
    points = round((now - then) * 100)
    if points > 0:
        return Text(f"▲ +{points} pts", style="bold yellow")
    if points < 0:
        return Text(f"▼ {points} pts", style="bold cyan")
    return Text("= no change", style="dim")


def terms_table(change: views.DirectiveChange) -> Table:
    """The political terms of the schedule that moved between spring 1955 and now."""
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("term", no_wrap=False, ratio=3)
    table.add_column(change.before_label, justify="right", no_wrap=True)
    table.add_column(change.after_label, justify="right", no_wrap=True)
    table.add_column("change", no_wrap=True)
    for label, (then, now) in (("campaign pressure", change.pressure),
                               ("procurement surcharge on independents", change.surcharge),
                               ("promised gains (co-op income bonus)", change.optimism)):
        table.add_row(label, f"{then:.0%}", f"{now:.0%}", _arrow(then, now))
    return table


def explanation(change: views.DirectiveChange) -> list[str]:
    """Plain sentences about what moved, from this game's numbers (``DirectiveChange.explanation``)."""
    return change.explanation()


def directive_renderable(change: views.DirectiveChange | None, label: str) -> Group:
    """The whole page: the two tables and the explanation, or one sentence before summer 1955."""
    hint = Text()
    hint.append("Press ", style="dim")
    hint.append("d", style="bold reverse")
    hint.append(f" to read the speech itself (document {SPEECH_ID}).", style="dim")
    if change is None:
        text = Text()
        text.append("The directive has not reached the village yet. ", style="bold")
        text.append(f"It is {label}. Mao's speech on agricultural co-operation was given on 31 July 1955; from summer "
                    "1955 this page compares what joining a co-op was worth to each class before it and after it.")
        return Group(text, Text(""), hint)
    legend = Text()
    legend.append(GAIN_GLYPH * 2, style=GAIN_STYLE)
    legend.append(" gain by joining   ")
    legend.append(LOSS_GLYPH * 2, style=LOSS_STYLE)
    legend.append(" loss by joining   ")
    legend.append("P L U R F", style="bold")
    legend.append(" class letters as on the village map")
    body = Text(" ".join(explanation(change)))
    return Group(Text("Joining a co-op rather than staying out: expected gain, jin a year", style="bold"),
                 gains_table(change), legend, Text(""), Text("The political terms that moved", style="bold"),
                 terms_table(change), Text(""), body, Text(""), hint)


class DirectiveScreen(Screen[None]):
    """Spring 1955 against now: each class's gain from joining, and the terms that moved."""

    DEFAULT_CSS = """
    DirectiveScreen #directive-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    DirectiveScreen #directive-body { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    """

    BINDINGS = [
        Binding("d", "speech", "Read the speech", id="directive.speech"),
        Binding("escape", "close", "Back", id="directive.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.change = views.directive_change(session)

    def compose(self) -> ComposeResult:
        yield Static("What the July 1955 directive changed", id="directive-title")
        with VerticalScroll(id="directive-body"):
            yield Static(directive_renderable(self.change, self.session.label), id="directive-text")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#directive-body").focus()

    def action_speech(self) -> None:
        from game.ui.screens.reference import DocumentsScreen

        getattr(self.app, "show_view", self.app.push_screen)(DocumentsScreen(self.session, SPEECH_ID))

    def action_close(self) -> None:
        self.dismiss(None)
