"""A tiny app that shows one of the view screens over a game advanced ten seasons, for the
Pilot and snapshot tests of the village map, tide, why, reference, county and help screens."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.screen import Screen

from game.session.actions import EndSeason
from game.session.game import GameSetup, Session
from game.ui.theme import register_themes


def played_session(seasons: int = 10) -> Session:
    """A fixed game (seed 3, Li Guiying's household) advanced ``seasons`` seasons."""
    session = Session(GameSetup(role="peasant", seed=3, household="li_guiying"))
    for _ in range(seasons):
        session.apply(EndSeason())
    return session


class ViewsApp(App[None]):
    """Pushes one screen on mount; records when it is dismissed."""

    def __init__(self, make_screen: Callable[[Session], Screen]) -> None:
        super().__init__()
        self.session = played_session()
        self.make_screen = make_screen
        self.dismissed = False

    def on_mount(self) -> None:
        register_themes(self)
        self.push_screen(self.make_screen(self.session), callback=self._screen_dismissed)

    def _screen_dismissed(self, _result: object) -> None:
        self.dismissed = True
