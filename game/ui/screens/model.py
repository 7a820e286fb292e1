"""The model card in the game: the mechanisms M1-M11 in a few lines each, then every parameter of
the scenario grouped by section, with its value, unit and source (the same list as
``hightide model``).

Values that run over the 16 seasons are written one year a line, values by class with the
class letters of the village map, so a long list never needs a wide screen. Each section is one
Rich table in one Static; ``n`` and ``p`` jump between sections.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.content.scenario import Parameter, Scenario
from game.simulate import MODEL_DOC, public_source
from game.session.game import Session
from game.sim.mechanisms import MECHANISMS
from game.sim.params import CLASSES, N_SEASONS, SEASONS
from game.ui.widgets.village_grid import CLASS_LETTER
from game.ui.widgets.cached import AppFooter

SECTION_TITLE = {
    "classes": ("households by class", "the villages' households (P L U R F: poor, lower-middle, upper-middle, rich, former landlord)"),
    "schedule": ("the political schedule", "M9: one value a season, spring 1953 to winter 1956"),
    "production": ("production", "M1"),
    "state_take": ("state take", "M2"),
    "distribution": ("distribution", "M3"),
    "consumption": ("consumption and hunger", "M4"),
    "shocks": ("weather and luck", "the harvest's random draws, keyed by seed and season"),
    "effort": ("effort and shirking", "M5"),
    "joining": ("joining, leaving, admission", "M6"),
    "teams": ("mutual-aid teams", "M1, M6: teams need partners"),
    "coops": ("co-op founding and size", "M6"),
    "plots": ("private plots and slack seasons", "M5"),
    "standing": ("standing", "M10"),
    "animals": ("animals", "M7"),
    "trust": ("trust and expectations", "M8"),
    "cadre": ("the cadre and the county", "M11"),
    "county": ("the county", "M11"),
}


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def format_value(value: object) -> Text:
    """A parameter's value; lists by season one year a line, lists by class with class letters."""
    if not isinstance(value, list):
        return Text(_number(value), style="bold")
    numbers = [_number(v) for v in value]
    if len(numbers) in (N_SEASONS, len(CLASSES)):  # aligned in columns, one year (or class) under another
        width = max(len(n) for n in numbers)
        numbers = [n.rjust(width) for n in numbers]
    text = Text()
    if len(numbers) == N_SEASONS:
        for year in range(N_SEASONS // len(SEASONS)):
            if year:
                text.append("\n")
            text.append(f"{1953 + year} ", style="dim")
            text.append(" ".join(numbers[year * 4:(year + 1) * 4]), style="bold")
    elif len(numbers) == len(CLASSES):
        for i, (cls, number) in enumerate(zip(CLASSES, numbers)):
            text.append(("\n" if i in (3,) else " " if i else "") + CLASS_LETTER[cls], style="dim")
            text.append(f" {number}", style="bold")
    else:
        text.append(" ".join(numbers), style="bold")
    return text


def mechanisms_table() -> Table:
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False, expand=True)
    table.add_column("id", no_wrap=True, style="bold yellow")
    table.add_column("mechanism", ratio=1)
    for m in MECHANISMS:
        text = Text(m.name, style="bold")
        text.append(f": {m.summary} ")
        text.append(f"[{public_source(m.sources)}]", style="dim")
        table.add_row(m.id, text)
    return table


def sections(scenario: Scenario) -> list[tuple[str, list[Parameter]]]:
    """The parameters grouped by section, in the scenario's order."""
    grouped: dict[str, list[Parameter]] = {}
    for param in scenario.parameters:
        grouped.setdefault(param.section, []).append(param)
    return list(grouped.items())


def section_table(section: str, params: list[Parameter]) -> Group:
    """A heading, then one row per parameter: name, value, unit with its source under it."""
    title, about = SECTION_TITLE.get(section, (section, ""))
    head = Text()
    head.append(f"[{section}] ", style="bold yellow")
    head.append(title, style="bold")
    if about:
        head.append(f"  {about}", style="dim")
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold", expand=True, show_edge=False)
    table.add_column("parameter", no_wrap=True, min_width=12)
    table.add_column("value", no_wrap=True)
    table.add_column("unit · source", ratio=1)
    for param in params:
        unit = Text(param.unit)
        unit.append(f"\n{public_source(param.source)}", style="dim italic")
        table.add_row(param.name, format_value(param.value), unit)
    return Group(head, table)


class ModelScreen(Screen[None]):
    """The model card: the mechanisms, then every parameter of the scenario with unit and source."""

    DEFAULT_CSS = """
    ModelScreen #model-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ModelScreen #model-body { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    ModelScreen .model-section { height: auto; margin-top: 1; }
    ModelScreen #model-mechanisms { height: auto; }
    """

    BINDINGS = [
        Binding("n", "section(1)", "Next section", id="model.next"),
        Binding("p", "section(-1)", "Previous section", id="model.previous"),
        Binding("escape", "close", "Back", id="model.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.scenario = session.scenario
        self.sections = sections(self.scenario)
        self.current = -1  # -1: the mechanisms at the top

    def compose(self) -> ComposeResult:
        count = len(self.scenario.parameters)
        yield Static(f"Model card: {self.scenario.title}, {count} parameters", id="model-title")
        with VerticalScroll(id="model-body"):
            intro = Text("How the village works: eleven mechanisms, each a named part of the model. "
                         "Below, every number they use, with its unit and its source; [A] marks a modelling "
                         f"assumption. The model's full description, its equations and limits: {MODEL_DOC} in the "
                         "game's source.\n", style="italic")
            yield Static(Group(intro, mechanisms_table()), id="model-mechanisms")
            for section, params in self.sections:
                yield Static(section_table(section, params), id=f"model-{section}", classes="model-section")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#model-body").focus()

    def action_section(self, step: int) -> None:
        """Scroll to the next (step 1) or previous (step -1) section."""
        self.current = max(-1, min(len(self.sections) - 1, self.current + step))
        body = self.query_one("#model-body", VerticalScroll)
        if self.current < 0:
            body.scroll_home(animate=False)
        else:
            body.scroll_to_widget(self.query_one(f"#model-{self.sections[self.current][0]}"), animate=False, top=True)

    def action_close(self) -> None:
        self.dismiss(None)
