"""App-wide messages: what the game did, posted by the app so screens and tests can follow it.

Widget-specific messages live on their widgets as nested classes; these are the ones that
concern the whole app (an action applied, a season ended, a game started or loaded). They carry
values only and never change the game themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from game.session.actions import Action


class ActionApplied(Message):
    """The session accepted an action; ``result`` is its sentence."""

    def __init__(self, action: Action, result: str) -> None:
        super().__init__()
        self.action = action
        self.result = result


class SeasonEnded(Message):
    """Season ``t`` has run through the model and been autosaved."""

    def __init__(self, t: int) -> None:
        super().__init__()
        self.t = t


class GameStarted(Message):
    """A new, loaded or branched game is now the app's session."""

    def __init__(self, how: str) -> None:
        super().__init__()
        self.how = how
