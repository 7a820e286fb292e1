"""New game: choose the role, the household (each introduced in a few lines), the seed and the
player's name, then start. The screen shows the ``Choices`` of the session layer's ``Starter``
and hands the player's picks back to it; the starter opens the game.

For a classroom assignment the screen is restricted: the seed and the name are fixed, and so are
the role and the household when the assignment gives them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from game.session.game import CLASS_TEXT
from game.session.start import MAX_PLAYER, Choices, StartError
from game.typed import MAX_DIGITS, NumberError, parse_whole
from game.ui.widgets.cached import AppFooter


class RoleButton(RadioButton):
    """A radio button whose dot is only drawn when it is on (not told apart by colour alone)."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual's name
        return "●" if self.value else " "


def household_intro(character) -> Content:
    """Name, characters, class and a few lines of biography."""
    bio = character.bio.strip().split(". ")
    short = bio[0].rstrip(".") + "."
    return Content.assemble((character.name, "bold"), f"  {character.hanzi}  ",
                            (f"{CLASS_TEXT.get(character.social_class, character.social_class)}", "italic"),
                            f"\n{character.role_in_village}.\n", (short, "dim"))


class NewGameScreen(Screen):
    """Who you play, with which seed."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="new.back"),
        Binding("ctrl+g", "start", "Start the game", id="new.start"),
    ]

    role: reactive[str] = reactive("peasant")

    def __init__(self, choices: Choices) -> None:
        super().__init__()
        self.choices = choices
        self.seed = choices.seed
        self.assignment = choices.assignment  # a game.session.assignment.Assignment, or None
        self.fixed_role = choices.role
        self.fixed_household = choices.household
        self.fixed_player = choices.player if choices.assignment is not None else None
        self.households = [c for c in choices.households if choices.household is None or c.id == choices.household]
        self.set_reactive(NewGameScreen.role, choices.role or "peasant")

    def compose(self) -> ComposeResult:
        assignment = self.assignment
        with VerticalScroll(id="new-game"):
            yield Static("A new game" if assignment is None else f"Assignment: {assignment.title}", classes="screen-title")
            if assignment is not None:
                yield Static("Your teacher fixed the seed" + (" and the role" if self.fixed_role else "")
                             + (" and the household" if self.fixed_household else "") + "; choose the rest, then start.",
                             classes="note", markup=False)
            yield Label("Who do you play?" if self.fixed_role is None else f"You play ({self._fixed_by}):")
            with RadioSet(id="role", disabled=self.fixed_role is not None):
                yield RoleButton("A peasant household", value=self.role == "peasant", id="role-peasant")
                yield RoleButton("The township Party secretary, Liu Jianguo (cadre)", value=self.role == "cadre", id="role-cadre")
            yield Label(self._household_label(self.role), id="household-label")
            yield OptionList(*[Option(household_intro(c), id=c.id) for c in self.households], id="households")
            with Horizontal(classes="field-row"):
                yield Label("Seed (same seed, same weather and luck):", classes="field-label")
                yield Input(str(self.seed), id="seed", type="integer", max_length=MAX_DIGITS,
                            disabled=assignment is not None)
            with Horizontal(classes="field-row"):
                yield Label("Your name:", classes="field-label")
                yield Input(self.fixed_player or self.choices.player or "", id="player",
                            placeholder="a name for your saves (Enter starts)", max_length=MAX_PLAYER,
                            disabled=self.fixed_player is not None)
            yield Button("Start the game", id="start", variant="primary")
        yield AppFooter()

    @property
    def _fixed_by(self) -> str:
        return "fixed by the assignment" if self.assignment is not None else "chosen on the command line"

    def _household_label(self, role: str) -> str:
        if role == "cadre":
            return "The secretary plays the whole village."
        if self.fixed_household is not None:
            return f"Your household ({self._fixed_by}; Enter starts):"
        return "Which household? (arrows, then Enter)"

    def on_mount(self) -> None:
        households = self.query_one("#households", OptionList)
        households.highlighted = 0
        households.disabled = self.role == "cadre"
        if self.role == "cadre":
            self.query_one("#start", Button).focus()
        else:
            households.focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.role = "cadre" if event.pressed.id == "role-cadre" else "peasant"

    def watch_role(self, role: str) -> None:
        households = self.query_one("#households", OptionList)
        households.disabled = role == "cadre"
        self.query_one("#household-label", Label).update(self._household_label(role))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        player = self.query_one("#player", Input)
        if player.disabled:
            self.action_start()
        else:
            player.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "player":
            self.action_start()
        else:
            self.query_one("#player", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def action_start(self) -> None:
        try:
            seed = parse_whole(self.query_one("#seed", Input).value, 0, 2**63 - 1, "the seed")
        except NumberError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        household = None
        if self.role == "peasant":
            highlighted = self.query_one("#households", OptionList).highlighted
            household = self.households[highlighted or 0].id
        name = self.fixed_player or self.query_one("#player", Input).value
        from dataclasses import replace

        try:
            started = self.app.starter.start(replace(self.choices, seed=seed), self.role, household, name)
        except StartError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.app.show_opened(started)
