"""The narrative scene in front of the player and its choices.

Each choice is its own focusable widget, so it can be taken with its number key, with the
arrows and Enter, or with a click. Choosing posts ``SceneChoice.Chosen``; the screen turns it
into the session's ``ChooseScene`` action. In a replay the recorded choice is marked. Never
changes the game itself.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from game.session.markup import reflow
from game.session.views import SceneView


class SceneChoice(Static, can_focus=True):
    """One option of a scene: 'N. label', or struck out with a reason when it is not open."""

    BINDINGS = [
        Binding("enter", "choose", "Choose", id="scene.choose", show=False),
        Binding("down", "app.focus_next", "Next", id="scene.next", show=False),
        Binding("up", "app.focus_previous", "Previous", id="scene.previous", show=False),
    ]

    class Chosen(Message):
        """The player picked this option."""

        def __init__(self, scene: str, index: int) -> None:
            super().__init__()
            self.scene = scene
            self.index = index

    def __init__(self, scene: str, index: int, label: str, available: bool, recorded: bool = False,
                 read_only: bool = False, reason: str | None = None) -> None:
        self.reason = reason  # why a closed option is closed (the model's rule, in words)
        self.scene = scene
        self.index = index
        self.available = available
        self.read_only = read_only
        self.label_text = label
        self.recorded = recorded
        super().__init__(self.body(False), id=f"choice-{index + 1}", classes="choice" + ("" if available else " -closed"))

    def body(self, focused: bool) -> Content:
        """The option's line; the focused one starts with › so focus never rests on colour alone."""
        marker = "▶ " if self.recorded else ("› " if focused else "  ")
        if not self.available:
            return Content.assemble((f"{marker}{self.index + 1}. ", "bold"), (self.label_text, "strike dim"),
                                    f"  (not open: {self.reason})" if self.reason else "  (not open to you now)")
        return Content.assemble((f"{marker}{self.index + 1}. ", "bold"), self.label_text,
                                ("  ← recorded choice" if self.recorded else "", "bold"))

    def on_focus(self) -> None:
        self.update(self.body(True))

    def on_blur(self) -> None:
        self.update(self.body(False))

    def action_choose(self) -> None:
        if self.read_only:
            self.notify("This is a replay; press b to take over from this season.", severity="warning")
        elif self.available:
            self.post_message(self.Chosen(self.scene, self.index))
        else:
            self.notify(f"That option is not open: {self.reason}." if self.reason else "That option is not open to you now.",
                        severity="warning", markup=False)

    def on_click(self) -> None:
        self.focus()
        self.action_choose()


class ScenePanel(Vertical):
    """The scene's title, speaker, text and choices; or a note that the season's scenes are done."""

    scene: reactive[SceneView | None] = reactive(None, recompose=True)
    recorded: reactive[int | None] = reactive(None, recompose=True)

    def __init__(self, scene: SceneView | None = None, recorded: int | None = None, read_only: bool = False,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.read_only = read_only
        self.set_reactive(ScenePanel.scene, scene)
        self.set_reactive(ScenePanel.recorded, recorded)

    def compose(self) -> ComposeResult:
        scene = self.scene
        if scene is None:
            with VerticalScroll(classes="scene-body"):
                yield Static("No scene is waiting.", classes="scene-title")
                yield Static("Make this season's decisions, then press [b]e[/b] or type [b]end[/b] "
                             "to end the season.", classes="scene-text")
            return
        kind = "Event" if scene.is_event else "Scene"
        with VerticalScroll(classes="scene-body"):
            yield Static(Content.assemble((f"{kind}: ", "dim"), (scene.title, "bold"),
                                          (f"  with {scene.speaker}" if scene.speaker else "", "italic")),
                         classes="scene-title")
            yield Static(reflow(scene.text), classes="scene-text", markup=False)
            if scene.sources:
                yield Static(f"Sources: {', '.join(scene.sources)}", classes="scene-sources")
        with Vertical(classes="scene-choices"):
            for option in scene.options:
                yield SceneChoice(scene.id, option.index, option.label, option.available,
                                  recorded=self.recorded == option.index, read_only=self.read_only,
                                  reason=option.reason)

    def first_choice(self) -> Widget | None:
        choices = [c for c in self.query(SceneChoice) if c.available] or list(self.query(SceneChoice))
        return choices[0] if choices else None
