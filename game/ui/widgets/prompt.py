"""The command prompt: an Input that completes typed commands with Tab and shows the best
completion as a suggestion. Submitting posts ``CommandPrompt.Command``; the screen interprets
the text with ``game.session.commands.interpret`` (the table line mode uses too) so a typed
command makes the same session action as a key or a click. Never changes the game itself.
"""

from __future__ import annotations

from typing import Callable

from textual.binding import Binding
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from game.session.commands import common_prefix, complete, prompt_hint


class CommandSuggester(Suggester):
    """Suggests the first completion of the line (accepted with the right arrow)."""

    def __init__(self, session_getter: Callable[[], object]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.session_getter = session_getter

    async def get_suggestion(self, value: str) -> str | None:
        session = self.session_getter()
        if session is None or not value.strip():
            return None
        options = complete(value, session)
        return options[0] if options and options[0].startswith(value) else None


class CommandPrompt(Input):
    """'> look', 'talk wang', 'join team', 'choose 2', 'why coop_share', 'end'..."""

    BINDINGS = [
        Binding("tab", "complete", "Complete", id="prompt.complete", show=False),
        Binding("escape", "leave", "Back to choices", id="prompt.leave", show=False),
    ]

    class Command(Message):
        """A line the player typed."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, session_getter: Callable[[], object], **kwargs) -> None:
        session = session_getter()
        role = getattr(getattr(session, "setup", None), "role", "peasant")
        super().__init__(placeholder=prompt_hint(role), suggester=CommandSuggester(session_getter), **kwargs)
        self.session_getter = session_getter
        self.history: list[str] = []

    def action_complete(self) -> None:
        session = self.session_getter()
        if session is None:
            return
        options = complete(self.value, session) if self.value.strip() else []
        if not options:  # nothing typed, or nothing to complete: Tab leaves the prompt as anywhere else
            self.action_leave()
            return
        if len(options) == 1:
            self.value = options[0] + " "
        else:
            prefix = common_prefix(options)
            if len(prefix) > len(self.value):
                self.value = prefix
            else:
                shown = ", ".join(o.split()[-1] for o in options[:12])
                self.notify(f"Could be: {shown}{' ...' if len(options) > 12 else ''}", timeout=4)
        self.cursor_position = len(self.value)

    def action_leave(self) -> None:
        self.app.clear_notifications()  # the list of completions goes with the prompt
        focus_choices = getattr(self.screen, "focus_choices", None)
        if focus_choices is not None:
            focus_choices()
        else:
            self.screen.focus_next()

    async def action_submit(self) -> None:
        text = self.value.strip()
        if text:
            self.history.append(text)
            self.value = ""
            self.post_message(self.Command(text))
