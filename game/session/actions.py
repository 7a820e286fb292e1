"""Player actions: small typed values with stable ids, the only way a game changes.

Every input, from a key, a click, a typed command, a content choice or a script, becomes
one of these. Each has a stable ``kind`` (the id written in save files) and converts to and
from a plain JSON dict. The session validates an action against the current situation before
applying it. Never imports textual.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, asdict, dataclass, fields
from datetime import datetime
from typing import ClassVar

from game.sim.params import (ADMISSIONS, ANIMAL_CHOICES, ASSESSMENTS, FORMS, REPORTS, STANCES,
                             WITHDRAWALS, WORK_POINT_METHODS)


class ActionError(Exception):
    """An action that is malformed or not legal now; the message says why in one sentence."""


@dataclass(frozen=True)
class Action:
    """Base class: ``kind`` is the stable id used in saves."""

    kind: ClassVar[str] = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, **asdict(self)}

    def describe(self) -> str:
        return self.kind.replace("_", " ")


# --- both roles --------------------------------------------------------------------------

@dataclass(frozen=True)
class ChooseScene(Action):
    """Take choice ``choice`` (0-based) of scene or event ``scene``."""

    kind: ClassVar[str] = "choose"
    scene: str
    choice: int

    def describe(self) -> str:
        return f"chose option {self.choice + 1} in '{self.scene}'"


@dataclass(frozen=True)
class EndSeason(Action):
    """Finish the season: the model runs the harvest, the state's take and everyone's choices.

    ``at`` is when the player ended it (local time, ISO 8601 to the second). A game started with
    an identity (``GameSetup.game_id``) stamps it when the season ends, and the season's digest
    commits to it; a replay re-applies the recorded time. Scripts and bots leave it None."""

    kind: ClassVar[str] = "end_season"
    at: str | None = None

    def to_json(self) -> dict:
        return {"kind": self.kind} if self.at is None else {"kind": self.kind, "at": self.at}

    def describe(self) -> str:
        return "ended the season"


_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[+-][0-9]{2}:[0-9]{2}|Z)?")


def is_time(value: object) -> bool:
    """True for a time as the game records it: '2025-03-04T10:02:33+01:00' (offset optional)."""
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def now() -> str:
    """The local time now, as the game records it."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Answer(Action):
    """A free-text answer to a reflection question of an assignment."""

    kind: ClassVar[str] = "answer"
    question: str
    text: str

    def describe(self) -> str:
        return f"answered '{self.question}'"


# --- the household ---------------------------------------------------------------------

@dataclass(frozen=True)
class SetForm(Action):
    """Apply to join (or ask to leave for) a form: independent, team, lower, higher."""

    kind: ClassVar[str] = "form"
    form: str

    def describe(self) -> str:
        return {"independent": "asked to farm alone", "team": "joined a mutual-aid team",
                "lower": "applied to the lower-stage co-op", "higher": "applied to the higher-stage co-op"}[self.form]


@dataclass(frozen=True)
class SetEffort(Action):
    kind: ClassVar[str] = "effort"
    level: float

    def describe(self) -> str:
        return f"set collective work effort to {self.level:.0%}"


@dataclass(frozen=True)
class SetSideline(Action):
    kind: ClassVar[str] = "sideline"
    share: float

    def describe(self) -> str:
        return f"put {self.share:.0%} of slack labour into sidelines"


@dataclass(frozen=True)
class AnimalChoice(Action):
    kind: ClassVar[str] = "animals"
    choice: str

    def describe(self) -> str:
        return {"keep": "kept the draught animal", "sell": "sold the draught animal",
                "slaughter": "slaughtered the draught animal"}[self.choice]


@dataclass(frozen=True)
class SellGrain(Action):
    kind: ClassVar[str] = "sell_grain"
    jin: float

    def describe(self) -> str:
        return f"sold {self.jin:.0f} jin of grain to the state"


@dataclass(frozen=True)
class HideGrain(Action):
    kind: ClassVar[str] = "hide_grain"
    jin: float

    def describe(self) -> str:
        return f"hid {self.jin:.0f} jin of grain from the assessment"


# --- the cadre -----------------------------------------------------------------------------

@dataclass(frozen=True)
class SetLever(Action):
    """Set one of the cadre's levers for the village (name in LEVERS, value checked there)."""

    kind: ClassVar[str] = "lever"
    name: str
    value: str | float | bool

    def describe(self) -> str:
        label = LEVERS[self.name][0] if self.name in LEVERS else self.name
        value = self.value
        if isinstance(value, bool):
            return f"{'chose' if value else 'set aside'} {label}"
        if self.name == "omega" and isinstance(value, (int, float)):
            return f"set the land dividend to land {value * 10:.0f} : labour {10 - value * 10:.0f}"
        if self.name == "valuation" and isinstance(value, (int, float)):
            return f"set the price for pooled animals to {value:.0%} of market value"
        text = VALUE_LABELS.get(str(value), str(value))
        return f"set {label} to \"{text}\""


@dataclass(frozen=True)
class ClearChoice(Action):
    """Take back this season's choice of one kind (``what``: form, effort, sideline, animals,
    sell, hide or a lever name): the decision goes back to what the family or the village would
    do without the player. ``hightide branch`` uses it to replay a game without one decision."""

    kind: ClassVar[str] = "clear"
    what: str

    def describe(self) -> str:
        label = LEVERS[self.what][0] if self.what in LEVERS else CLEAR_LABELS.get(self.what, self.what)
        return f"left the {label} to its default"


# household decisions a ClearChoice can take back, and how they read
CLEAR_LABELS: dict[str, str] = {"form": "choice of form", "effort": "effort", "sideline": "sideline share",
                                "animals": "choice about the animal", "sell": "extra grain sale",
                                "hide": "hidden grain"}


# lever name -> (label, allowed values or (low, high) for numbers)
LEVERS: dict[str, tuple[str, object]] = {
    "stance": ("recruitment stance", STANCES),
    "omega": ("land dividend share", (0.0, 0.5)),
    "work_points": ("work-point method", WORK_POINT_METHODS),
    "admission": ("admission policy", ADMISSIONS),
    "withdrawal": ("withdrawal policy", WITHDRAWALS),
    "assessment": ("grain assessment", ASSESSMENTS),
    "report": ("report to the county", REPORTS),
    "poor_fund": ("poor peasants' co-operation fund", (False, True)),
    "water_works": ("winter water works", (False, True)),
    "valuation": ("animal valuation price", (0.3, 1.0)),
    "upgrade": ("conversion to a higher-stage co-op", (False, True)),
    "dissolve_weak": ("dissolving weak co-ops", (False, True)),
}

# how lever values read in sentences (the same words the decision menus use)
VALUE_LABELS: dict[str, str] = {
    "persuasion": "voluntary persuasion", "demonstration": "build a model co-op and let it show",
    "pressure": "pressure: meetings, labels, quotas", "coercion": "coercion: whatever it takes",
    "screen": "let co-ops screen applicants", "recruit_poor": "recruit the poor first",
    "bring_in_well_off": "bring in the well-off and their animals",
    "allow_with_property": "allow, with their land and animals", "allow_without": "allow, but without their property",
    "refuse": "refuse", "fair": "assess fairly", "high": "assess high", "honest": "report honestly",
    "under": "under-report output", "over": "over-report progress", "regulation": "as the regulations suggest",
    "fixed_record": "fixed points, fixed record", "live_appraisal": "fixed points, live appraisal",
    "task_rates": "task rates and small contracts",
}

# What one game may record, so that every game the rules allow fits in a save the game can read
# back (saves.MAX_BYTES, saves.MAX_ACTIONS): ~150 bytes an action, answers counted by their text.
MAX_RECORDED = 5_000  # actions besides the 16 season ends
MAX_ANSWER_TEXT = 200_000  # characters of all recorded answers together
MAX_QUESTION_ID = 64


def over_budget(recorded: list[tuple[int, Action]], action: Action) -> str | None:
    """Why ``action`` cannot be recorded in a game that has recorded ``recorded`` (None if it can)."""
    if isinstance(action, EndSeason):
        return None
    # counted only near the limit: replaying a long save stays linear
    if len(recorded) >= MAX_RECORDED and sum(not isinstance(a, EndSeason) for _, a in recorded) >= MAX_RECORDED:
        return f"this game has recorded {MAX_RECORDED:,} changes, as many as a save can hold; end the season"
    if isinstance(action, Answer):
        used = sum(len(a.text) for _, a in recorded if isinstance(a, Answer))
        if used + len(action.text) > MAX_ANSWER_TEXT:
            return f"the answers of one game can have at most {MAX_ANSWER_TEXT:,} characters in all"
    return None


KINDS: dict[str, type[Action]] = {cls.kind: cls for cls in (
    ChooseScene, EndSeason, Answer, SetForm, SetEffort, SetSideline, AnimalChoice, SellGrain, HideGrain, SetLever,
    ClearChoice)}


def from_json(data: object) -> Action:
    """Rebuild an action from its JSON dict; raises ActionError with a plain message."""
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        raise ActionError("an action must be an object with a 'kind'")
    cls = KINDS.get(data["kind"])
    if cls is None:
        raise ActionError(f"unknown action kind '{_brief(data['kind'])}'")
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            if f.default is not MISSING:  # an optional field (EndSeason.at) may be left out
                continue
            raise ActionError(f"action '{cls.kind}' lacks '{f.name}'")
        kwargs[f.name] = data[f.name]
    if set(data) - {f.name for f in fields(cls)} - {"kind"}:
        raise ActionError(f"action '{cls.kind}' has unexpected fields")
    action = cls(**kwargs)
    check_shape(action)
    return action


def check_shape(action: Action) -> None:
    """Types and ranges that do not depend on the situation."""
    def need(ok: bool, message: str) -> None:
        if not ok:
            raise ActionError(message)

    if isinstance(action, EndSeason):
        need(action.at is None or is_time(action.at), "a season's end time must read like 2025-03-04T10:02:33+01:00")
    elif isinstance(action, ChooseScene):
        need(isinstance(action.scene, str) and isinstance(action.choice, int) and not isinstance(action.choice, bool)
             and 0 <= action.choice < 50, "a scene choice needs a scene id and a choice number")
    elif isinstance(action, Answer):
        need(isinstance(action.question, str) and isinstance(action.text, str) and len(action.text) <= 10000
             and len(action.question) <= MAX_QUESTION_ID,
             "an answer needs a question id (at most 64 characters) and at most 10,000 characters of text")
    elif isinstance(action, SetForm):
        need(isinstance(action.form, str) and action.form in FORMS, f"'{_brief(action.form)}' is not a form ({', '.join(FORMS)})")
    elif isinstance(action, (SetEffort, SetSideline)):
        value = action.level if isinstance(action, SetEffort) else action.share
        need(_number(value) and 0.0 <= value <= 1.0, "effort and sideline shares run from 0 to 1")
    elif isinstance(action, AnimalChoice):
        need(isinstance(action.choice, str) and action.choice in ANIMAL_CHOICES,
             f"'{_brief(action.choice)}' is not one of {', '.join(ANIMAL_CHOICES)}")
    elif isinstance(action, (SellGrain, HideGrain)):
        need(_number(action.jin) and 0.0 <= action.jin <= 10000.0, "grain amounts run from 0 to 10,000 jin")
    elif isinstance(action, ClearChoice):
        need(isinstance(action.what, str) and (action.what in CLEAR_LABELS or action.what in LEVERS),
             f"'{_brief(action.what)}' is not a decision that can be cleared "
             f"({', '.join(CLEAR_LABELS)} or a cadre lever)")
    elif isinstance(action, SetLever):
        need(isinstance(action.name, str) and action.name in LEVERS, f"'{_brief(action.name)}' is not a cadre lever")
        allowed = LEVERS[action.name][1]
        if allowed == (False, True):
            need(isinstance(action.value, bool), f"{action.name} is yes or no")
        elif isinstance(allowed, tuple) and len(allowed) == 2 and isinstance(allowed[0], float):
            need(_number(action.value) and allowed[0] <= action.value <= allowed[1],
                 f"{action.name} must lie between {allowed[0]} and {allowed[1]}")
        else:
            need(isinstance(action.value, str) and action.value in allowed,
                 f"'{_brief(action.value)}' is not a choice for {action.name}")


def _brief(value: object) -> str:
    """A value from a file or a command, short enough to quote in a message."""
    text = value if isinstance(value, str) else type(value).__name__ if isinstance(value, (list, dict)) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def parse_action(text: str) -> Action:
    """A typed action from a short command: 'join lower', 'leave', 'effort 0.6', 'animals sell',
    'sell 100', 'hide 100', 'stance coercion', 'omega 0.2', 'upgrade yes', 'choose SCENE 2', 'end'.

    Raises ActionError with a plain message for anything else."""
    words = text.replace("=", " ").replace(":", " ").split()
    if not words:
        raise ActionError("an action is needed, for example 'join lower' or 'stance persuasion'")
    head, rest = words[0].lower(), words[1:]

    def arg(n: int = 0) -> str:
        if len(rest) <= n:
            raise ActionError(f"'{head}' needs a value, for example '{EXAMPLES.get(head, head + ' ...')}'")
        return rest[n]

    def number(n: int = 0) -> float:
        try:
            return float(arg(n))
        except ValueError:
            raise ActionError(f"'{arg(n)}' is not a number") from None

    if head in ("end", "end_season"):
        action: Action = EndSeason()
    elif head in ("join", "form"):
        form = {"co-op": "lower", "coop": "lower", "alone": "independent"}.get(arg().lower(), arg().lower())
        action = SetForm(form)
    elif head == "leave":
        action = SetForm("independent")
    elif head == "effort":
        action = SetEffort(number())
    elif head == "sideline":
        action = SetSideline(number())
    elif head == "animals":
        action = AnimalChoice(arg().lower())
    elif head in ("sell", "sell_grain"):
        action = SellGrain(number())
    elif head in ("hide", "hide_grain"):
        action = HideGrain(number())
    elif head in ("choose", "choice"):
        try:
            index = int(arg(1)) - 1
        except ValueError:
            raise ActionError(f"'{arg(1)}' is not an option number") from None
        action = ChooseScene(arg(0), index)
    elif head == "clear":
        action = ClearChoice(arg().lower())
    elif head in ("answer",):
        action = Answer(arg(0), " ".join(rest[1:]))
    elif head in LEVERS or head == "lever":
        if head == "lever":
            head, rest = arg().lower(), rest[1:]
        allowed = LEVERS.get(head, (None, ()))[1]
        raw = arg()
        if allowed == (False, True):
            value: object = raw.lower() in ("yes", "true", "1", "on")
            if raw.lower() not in ("yes", "true", "1", "on", "no", "false", "0", "off"):
                raise ActionError(f"'{head}' is yes or no")
        elif isinstance(allowed, tuple) and len(allowed) == 2 and isinstance(allowed[0], float):
            value = number()
        else:
            value = raw.lower()
        action = SetLever(head, value)
    else:
        raise ActionError(f"'{head}' is not an action; try join, leave, effort, sideline, animals, sell, hide, "
                          "clear, choose, end, or a cadre lever such as stance or omega")
    check_shape(action)
    return action


EXAMPLES = {"join": "join lower", "form": "form team", "effort": "effort 0.8", "sideline": "sideline 0.5",
            "animals": "animals keep", "sell": "sell 100", "hide": "hide 100", "choose": "choose p1953sp_gap 1",
            "stance": "stance persuasion", "omega": "omega 0.3", "clear": "clear effort"}
