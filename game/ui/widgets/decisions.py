"""This season's household (or cadre) decisions, each option with its preview from the model.

An option is a focusable line: Enter or a click posts ``DecisionOption.Picked`` carrying the
session's own ``Option``; the screen applies ``option.action``. The option in force is marked
with (•) and the word "chosen", so nothing depends on colour. Read-only in a replay.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from game.session.decisions import Decision, Option


class DecisionOption(Static, can_focus=True):
    """One option of a decision with its preview on the line below."""

    BINDINGS = [
        Binding("enter", "pick", "Decide", id="decision.pick", show=False),
        Binding("down", "app.focus_next", "Next", id="decision.next", show=False),
        Binding("up", "app.focus_previous", "Previous", id="decision.previous", show=False),
    ]

    class Picked(Message):
        """The player picked this option."""

        def __init__(self, option: Option) -> None:
            super().__init__()
            self.option = option

    def __init__(self, option: Option, read_only: bool = False, decision: str = "") -> None:
        self.option = option
        self.read_only = read_only
        self.decision = decision
        super().__init__(self.body(False), classes="decision-option" + (" -current" if option.current else ""))

    def body(self, focused: bool) -> Content:
        """Mark, label and preview; the focused option starts with › (focus is not colour alone)."""
        option = self.option
        pointer = "›" if focused else " "
        mark = "(•)" if option.current else "( )"
        head = Content.assemble((f"{pointer}{mark} ", "bold"), (option.label, "bold" if option.current else ""),
                                ("  ← chosen" if option.current else "", "italic"))
        if not option.available:
            head = Content.assemble(f"{pointer} ✗  ", (option.label, "strike dim"))
        lines = [head]
        if option.reason and not option.available:
            lines.append(Content.styled(f"      not open: {option.reason}", "dim"))
        elif option.preview:
            lines.append(Content.styled(f"      {option.preview}", "dim"))
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        self.update(self.body(True))

    def on_blur(self) -> None:
        self.update(self.body(False))

    def action_pick(self) -> None:
        if self.read_only:
            self.notify("This is a replay; press b to take over from this season.", severity="warning")
        elif not self.option.available:
            self.notify(f"Not open: {self.option.reason}.", severity="warning")
        else:
            self.post_message(self.Picked(self.option))

    def on_click(self) -> None:
        self.focus()
        self.action_pick()


class DecisionsPanel(Vertical):
    """Every decision of the season, stacked; ] and [ jump between decisions (the secretary has
    up to ten, thirty options, in a scrolling pane)."""

    BINDINGS = [
        Binding("right_square_bracket", "jump(1)", "Next decision", id="decisions.next", key_display="]"),
        Binding("left_square_bracket", "jump(-1)", "Previous decision", id="decisions.previous", key_display="[",
                show=False),
    ]

    decisions: reactive[tuple[Decision, ...]] = reactive((), recompose=True)
    read_only: reactive[bool] = reactive(False)

    def compose(self) -> ComposeResult:
        yield Static("This season's decisions", classes="panel-title")
        if not self.decisions:
            yield Static("Nothing to decide this season.", classes="decision-explain")
        for decision in self.decisions:
            yield Static(decision.title, classes="decision-title")
            yield Static(decision.explain, classes="decision-explain")
            for option in decision.options:
                yield DecisionOption(option, self.read_only, decision.id)

    def action_jump(self, delta: int) -> None:
        """Focus the first option of the next (or previous) decision and scroll its title to the top."""
        options = list(self.query(DecisionOption))
        if not options:
            return
        firsts = [i for i, o in enumerate(options) if i == 0 or o.decision != options[i - 1].decision]
        focused = self.screen.focused
        if focused in options:
            here = options.index(focused)
            current = max(n for n, i in enumerate(firsts) if i <= here)
            target = max(0, min(len(firsts) - 1, current + delta))
        else:
            target = 0 if delta > 0 else len(firsts) - 1
        option = options[firsts[target]]
        option.focus(scroll_visible=False)
        children = list(self.children)
        at = children.index(option)
        title = children[at - 2] if at >= 2 else option  # the decision's title, then its explanation, precede it
        if self.parent is not None and hasattr(self.parent, "scroll_to_widget"):
            self.parent.scroll_to_widget(title, top=True, animate=False)
