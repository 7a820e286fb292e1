"""The command palette: every view, the guides and, during a season, the season's actions.

The typed commands themselves (names, abbreviations, help for each role, what a line means)
live in ``game.session.commands``, shared with line mode; this module only offers Textual's
palette entries, and it never changes the game except through the app's ``apply``.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# ------------------------------------------------------------------ the command palette
PALETTE_VIEWS = (
    ("Village map", "map", "Households by membership and class"),
    ("The tide", "tide", "Co-op shares over time: village, county, China"),
    ("Why? households in co-ops", "why", "The causes of the co-op share, with this game's numbers"),
    ("Ledger", "ledger", "Where the last season's grain went"),
    ("Calculus", "calculus", "A household's income alone and inside the team or co-op"),
    ("Glossary", "glossary", "Chinese terms with characters, pinyin and plain English"),
    ("Documents", "documents", "Summaries of the primary sources"),
    ("Timeline", "timeline", "Events 1953-1958"),
    ("County", "county", "Every village of the county"),
    ("What the directive changed", "directive", "Each class's gain from joining, before and after July 1955"),
    ("Model card", "model", "The mechanisms and every parameter, with its source"),
    ("Choice or luck?", "debrief", "Your choices in 1,000 other villages, and what each decision changed"),
    ("Help", "help", "Keys and typed commands"),
)
GUIDES = (
    ("Student's guide", "student", "How to start, the keys and commands, what to watch"),
    ("Teacher's guide", "teacher", "Assignments, codes and lesson plans"),
)


class GameCommands(Provider):
    """Palette entries for the views and, during a season, the season's actions."""

    def _entries(self) -> list[tuple[str, object, str]]:
        app = self.app
        entries: list[tuple[str, object, str]] = [
            (title, partial(app.open_view, view), help_) for title, view, help_ in PALETTE_VIEWS]
        entries += [(title, partial(app.open_view, "guide", which), help_) for title, which, help_ in GUIDES]
        screen = app.screen
        if hasattr(screen, "action_assignment"):  # the title screen
            entries.append(("Start or continue an assignment", screen.action_assignment,
                            "A classroom assignment file or code, and your name"))
        if hasattr(screen, "action_compare"):  # a replay
            entries.append(("Compare with a branch", screen.action_compare,
                            "This game beside a game branched from it, season by season"))
        session = getattr(app, "session", None)
        if session is not None and getattr(app, "playing", False):  # 'download save|report', 'open report'
            entries += [("Download my save", partial(app.deliver, "download", "save"),
                         "The game saved now, to your computer (in a terminal: written in the saves folder)"),
                        ("Download my report (HTML)", partial(app.deliver, "download", "report"),
                         "Your report, the hand-in page with your save inside"),
                        ("Open my report", partial(app.deliver, "open", "report"), "Your report in the browser")]
        if session is not None and not session.finished and getattr(app, "playing", False):
            from game.session import views
            from game.session.actions import ChooseScene, EndSeason
            from game.session.decisions import decisions

            entries.append(("End the season", partial(app.apply, EndSeason()), "Run the harvest and see the report"))
            entries.append(("Save the game", app.action_save_game, "Save under a name"))
            scene = views.current_scene(session)
            if scene is not None:
                for option in scene.options:
                    if option.available:
                        entries.append((f"{scene.title}: {option.index + 1}. {option.label}",
                                        partial(app.apply, ChooseScene(scene.id, option.index)), "Scene choice"))
            for decision in decisions(session):
                for option in decision.options:
                    if option.available:
                        entries.append((f"{decision.title}: {option.label}", partial(app.apply, option.action), option.preview))
        return entries

    async def discover(self) -> Hits:
        for title, callback, help_ in self._entries():
            yield DiscoveryHit(title, callback, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_ in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_)
