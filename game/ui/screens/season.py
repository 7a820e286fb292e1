"""The season screen: the status line, the scene and its choices, this season's decisions with
their previews, and the command prompt.

Keys, clicks and typed commands all end in ``HighTideApp.apply`` with the same session action.
The screen holds no game state of its own: ``refresh_view`` rebuilds what it shows from the
session's read-only views after every action.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from game.session import views
from game.session.actions import ChooseScene, EndSeason
from game.session.decisions import decisions
from game.session.game import Session
from game.session.commands import CommandError, interpret
from game.ui.widgets.decisions import DecisionOption, DecisionsPanel
from game.ui.widgets.prompt import CommandPrompt
from game.ui.widgets.scene import SceneChoice, ScenePanel
from game.ui.widgets.status import StatusLine
from game.ui.widgets.cached import AppFooter

VIEW_BINDINGS = [
    Binding("m", "view('map')", "Map", id="view.map"),
    Binding("t", "view('tide')", "Tide", id="view.tide"),
    Binding("w", "view('why')", "Why?", id="view.why"),
    Binding("l", "view('ledger')", "Ledger", id="view.ledger"),
    Binding("k", "view('calculus')", "Calculus", id="view.calculus", show=False),
    Binding("g", "view('glossary')", "Glossary", id="view.glossary", show=False),
    Binding("d", "view('documents')", "Documents", id="view.documents", show=False),
    Binding("y", "view('timeline')", "Timeline", id="view.timeline", show=False),
    Binding("c", "view('county')", "County", id="view.county", show=False),
    Binding("j", "view('directive')", "Directive", id="view.directive", show=False),
    Binding("o", "view('model')", "Model card", id="view.model", show=False),
]


class SeasonScreen(Screen):
    """One season of play."""

    BINDINGS = [
        *[Binding(str(n), f"choose({n})", "Choose" if n == 1 else f"Choose {n}", id=f"season.choose{n}",
                  show=n == 1, key_display="1-9" if n == 1 else None) for n in range(1, 10)],
        Binding("e", "end_season", "End season", id="season.end"),
        *VIEW_BINDINGS,
        Binding("slash", "focus_prompt", "Type", id="season.prompt", key_display="/"),
        Binding("question_mark", "app.help", "Help", id="season.help", key_display="?", show=False),
        Binding("escape", "title", "Title", id="season.title", show=False),
    ]

    AUTO_FOCUS = ""  # refresh_view focuses the first open choice itself

    revision: reactive[int] = reactive(0)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        with Horizontal(id="panes"):
            with Vertical(id="scene-pane"):
                yield ScenePanel(id="scene")
            with VerticalScroll(id="decisions-pane"):
                yield DecisionsPanel(id="decisions")
        yield Static("", id="said", markup=False, classes="-empty")
        yield CommandPrompt(lambda: self.session, id="prompt")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#prompt", CommandPrompt).cursor_blink = getattr(self.app, "cursor_blink", True)
        self.refresh_view()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The number keys (and the footer's '1-9 Choose') only while a scene is waiting."""
        if action == "choose":
            return bool(self.session.queue)
        return True

    # ------------------------------------------------------------------ showing the session
    def refresh_view(self) -> None:
        """Rebuild everything from the session's views."""
        self.revision += 1

    async def watch_revision(self) -> None:
        session = self.session
        self.query_one(StatusLine).view = views.status(session)
        self.sub_title = session.label
        focused = self.focused
        keep = focused.option.id if isinstance(focused, DecisionOption) else None
        scene = views.current_scene(session)
        panel = self.query_one(ScenePanel)
        changed = panel.scene is None or scene is None or panel.scene.id != scene.id
        panel.set_reactive(ScenePanel.scene, scene)
        self.set_class(scene is None, "-no-scene")
        if changed:
            await panel.recompose()
        self.refresh_bindings()
        board = self.query_one(DecisionsPanel)
        board.set_reactive(DecisionsPanel.decisions, tuple(decisions(session)))
        await board.recompose()
        if keep is not None and not changed:
            for option in self.query(DecisionOption):
                if option.option.id == keep:
                    option.focus(scroll_visible=False)
                    return
        if not isinstance(focused, CommandPrompt) or not focused.is_attached:
            self.focus_choices()

    def focus_choices(self) -> None:
        """Focus the first open scene choice, else the first decision, else the prompt."""
        choice = self.query_one(ScenePanel).first_choice()
        if choice is not None:
            choice.focus()
        else:
            options = list(self.query(DecisionOption))
            if options:
                options[0].focus()
            else:
                self.query_one("#prompt").focus()

    def show_result(self, text: str) -> None:
        said = self.query_one("#said", Static)
        said.update(text)
        said.set_class(not text, "-empty")

    # ------------------------------------------------------------------ input
    def on_scene_choice_chosen(self, event: SceneChoice.Chosen) -> None:
        self.app.apply(ChooseScene(event.scene, event.index))

    def on_decision_option_picked(self, event: DecisionOption.Picked) -> None:
        self.app.apply(event.option.action)

    def on_command_prompt_command(self, event: CommandPrompt.Command) -> None:
        try:
            command = interpret(event.text, self.session)
        except CommandError as error:
            self.show_result(str(error))
            return
        if command.say is not None:
            self.show_result(command.say)
        elif isinstance(command.action, EndSeason):
            self.action_end_season()
        elif command.action is not None:
            self.app.apply(command.action)
        elif command.view is not None:
            self.app.open_view(command.view, command.argument)
        elif command.app == "save" and command.argument:
            self.app.save_as(command.argument)
        elif command.app in ("download", "open"):
            self.app.deliver(command.app, command.argument)
        elif command.app == "quit":
            self.app.action_quit()

    def action_choose(self, n: int) -> None:
        scene = views.current_scene(self.session)
        if scene is None:
            self.notify("No scene is waiting; make the season's decisions and press e to end the season.")
            return
        if n > len(scene.options):
            self.notify(f"This scene has options 1 to {len(scene.options)}.", severity="warning")
            return
        self.app.apply(ChooseScene(scene.id, n - 1))

    def action_end_season(self) -> None:
        if self.session.queue:
            waiting = views.current_scene(self.session)
            self.notify(f"First answer the scene in front of you: {waiting.title}." if waiting else
                        "A scene is still waiting.", severity="warning", markup=False)
            return
        self.app.apply(EndSeason())

    def action_view(self, name: str) -> None:
        self.app.open_view(name)

    def action_focus_prompt(self) -> None:
        self.query_one("#prompt").focus()

    def action_title(self) -> None:
        self.app.keep_choices()
        self.app.back_to_title()
