"""The reference screens of the terminal app: the map, the tide, why, the ledger and calculus,
the county, the directive, the model card, the glossary, the documents, the timeline, the guides
and the help, opened over whatever is on screen and closed with Escape.

``ReferenceViews`` is a mixin of ``HighTideApp``. A view is named as in the typed commands of
``game.session.commands`` (the same names line mode prints), so a key, a palette entry and a
typed command open the same screen. Views only read the session; none changes the game.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.screen import Screen

    from game.session.game import Session

VIEW_NAMES = {"map": "The village map", "tide": "The tide", "why": "Why?", "glossary": "The glossary",
              "documents": "The documents", "timeline": "The timeline", "county": "The county", "help": "Help",
              "directive": "What the directive changed", "model": "The model card", "guide": "The guides",
              "debrief": "Choice or luck?"}


class ReferenceViews:
    """Opening the reference screens (mixed into ``HighTideApp``)."""

    def screen_session(self) -> Session | None:
        """The session the current screen shows (a replayed season, or the game being played)."""
        for screen in reversed(self.screen_stack):
            session = getattr(screen, "session", None)
            if session is not None:
                return session
        return self.session

    def open_view(self, view: str, argument: str | None = None) -> None:
        """Open one of the reference views over the current screen; each closes with Escape."""
        if view == "help":
            self.action_help()
            return
        if view == "guide":
            self.open_guide(argument or "student")
            return
        session = self.screen_session()
        if session is None:
            self.notify("Start or load a game first.", severity="warning")
            return
        if view == "ledger" or (view == "calculus" and argument is None and session.household is not None):
            from game.ui.screens.report import ReportScreen

            if view == "ledger" and not session.logs:
                self.notify("No season has ended yet: the ledger of where the grain went fills after the first "
                            "season. Press k for the calculus of the season ahead.", markup=False)
                return
            # the ledger: the last season's report; the calculus: computed for the season being played
            t = len(session.logs) - 1 if view == "ledger" else None
            if view == "ledger" and getattr(self.screen, "report_t", None) is not None:
                t = self.screen.report_t
            self.show_view(ReportScreen(session, t, focus=view))
            return
        try:
            screen = self._build_view(view, session, argument)
        except ImportError:
            self.notify(f"{VIEW_NAMES.get(view, view)} is not available yet.", severity="warning")
            return
        except KeyError:
            self.notify(f"There is no view called '{argument}'.", severity="warning", markup=False)
            return
        self.show_view(screen)

    def show_view(self, screen: Screen) -> None:
        """Show a reference view: over the season (or replay, or report), or in place of the view
        on screen, so views never stack and one Escape always goes back to the game."""
        screen.opened_as_view = True
        if getattr(self.screen, "opened_as_view", False):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _build_view(self, view: str, session: Session, argument: str | None) -> Screen:
        if view in ("map", "calculus"):  # 'calculus N': the map with household N's calculus beside it
            from game.ui.screens.village import VillageScreen

            return VillageScreen(session, household=int(argument) if argument is not None else None)
        if view == "tide":
            from game.ui.screens.tide import TideScreen

            return TideScreen(session)
        if view == "why":
            from game.ui.screens.why import WhyScreen

            return WhyScreen(session, name=argument or "coop_share")
        if view == "county":
            from game.ui.screens.county import CountyScreen

            return CountyScreen(session)
        if view == "directive":
            from game.sim.params import DIRECTIVE_SEASON
            from game.ui.screens.directive import DirectiveScreen

            if session is self.session and self.playing and session.t == DIRECTIVE_SEASON:
                self._directive_opened = True
            return DirectiveScreen(session)
        if view == "debrief":
            from game.ui.screens.debrief import DebriefScreen

            return DebriefScreen(session)
        if view == "model":
            from game.ui.screens.model import ModelScreen

            return ModelScreen(session)
        from game.ui.screens import reference

        if view == "glossary":
            return reference.GlossaryScreen(session, query=argument)
        if view == "documents":
            return reference.DocumentsScreen(session, document_id=argument)
        if view == "timeline":
            return reference.TimelineScreen(session)
        raise KeyError(view)

    def open_guide(self, which: str = "student") -> None:
        """The student's or the teacher's guide."""
        from game.ui.screens.guides import student_guide, teacher_guide

        self.show_view(teacher_guide() if which.startswith("t") else student_guide())

    def bindings_text(self) -> str:
        """Every key of the app and of the season screen, then the typed commands of the role."""
        from game.session.commands import help_text
        from game.ui.screens.replay import ReplayScreen
        from game.ui.screens.season import SeasonScreen
        from game.ui.screens.title import TitleScreen
        from game.ui.widgets.decisions import DecisionsPanel

        def keys(bindings) -> list[str]:
            return [f"  {b.key_display or b.key:<10} {b.description}" for b in bindings if isinstance(b, Binding)]

        lines = ["Keys everywhere:", *keys(self.BINDINGS),
                 "  ctrl+p     Command palette: every view and action, and the theme picker", "", "The title screen:"]
        lines += keys(TitleScreen.BINDINGS)
        lines += ["", "The season:", *keys(SeasonScreen.BINDINGS)]
        lines += ["  arrows     move between choices; Enter takes one; a click does too", *keys(DecisionsPanel.BINDINGS)]
        lines += ["", "A replay:", *keys(ReplayScreen.BINDINGS)]
        lines += ["", "A question of an assignment:", "  ctrl+o     Submit the answer (or Tab to Submit, then Enter)"]
        session = self.screen_session()
        role = session.setup.role if session is not None else "peasant"
        who = "the township secretary" if role == "cadre" else "a household"
        lines += ["", f"Typed commands at the prompt, playing {who} (abbreviations and Tab completion work):",
                  help_text(role)]
        return "\n".join(lines)

    def action_help(self) -> None:
        try:
            from game.ui.screens.help import HelpScreen
        except ImportError:
            self.notify("Help is not available yet; type 'help' at the prompt for commands.", severity="warning")
            return
        self.show_view(HelpScreen(self.bindings_text()))
