"""The help screen: the key bindings the shell passes in, then a short guide to playing.
Scrollable; Escape closes it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from game.ui.widgets.cached import AppFooter

HOW_TO_PLAY = """\
## How to play

You live through sixteen seasons, from spring 1953 to winter 1956, in one North China village.
Each season opens with scenes: read them and choose with the number keys, the arrows and Enter,
or the mouse. You can also type commands at the prompt (`look`, `talk wang`, `ledger`,
`join team`, `help`); Tab completes them. When you have decided, end the season.

**What to watch**

- **The ledger**: where the harvest went, from the field to the tax, the state, seed, the co-op's
  dividends and work points, and your family's bowl.
- **The calculus**: for any household, income farming alone against income in a team or co-op,
  part by part. Open the village map and press Enter on a household.
- **The village map**: who has joined (glyph ·▲■● and colour), class letters P L U R F, and
  whether the co-op is becoming a "paupers' co-op".
- **The tide**: your village, the county and China, and the county's target, before and after
  Mao's speech of 31 July 1955.
- **Why?**: every indicator with its causes, in this game's numbers.

There is no single score. Keep the family fed through every spring; keep what you can; keep
your standing with neighbours and with the state. Nothing you read here depends on colour alone.
"""


class HelpScreen(Screen[None]):
    """Key bindings and a short how-to-play."""

    DEFAULT_CSS = """
    HelpScreen #help-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    HelpScreen #help-body { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    HelpScreen #help-keys { height: auto; margin-bottom: 1; }
    HelpScreen Markdown { margin: 0; padding: 0; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="help.close"),
    ]

    def __init__(self, bindings_text: str) -> None:
        super().__init__()
        self.bindings_text = bindings_text

    def compose(self) -> ComposeResult:
        yield Static("Help", id="help-title")
        with VerticalScroll(id="help-body"):
            keys = Text("Keys\n", style="bold")
            keys.append(self.bindings_text)
            yield Static(keys, id="help-keys")
            yield Markdown(HOW_TO_PLAY, id="help-guide")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
