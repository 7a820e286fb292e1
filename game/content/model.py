"""The content as frozen values: scenes, choices, events, characters and reference material.

These dataclasses are what the loader produces and what the session and front ends read.
Conditions are already parsed (``Condition``) and effects already typed (``Effect``), so
nothing downstream ever looks at raw strings from a file. Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.assumes import Assumes
from game.content.effects import Effect
from game.content.expr import Condition
from game.content.names import season_index


@dataclass(frozen=True)
class Choice:
    """One option of a scene: a label, an optional condition, effects, a next scene, a result."""

    label: str
    when: Condition | None = None
    effects: tuple[Effect, ...] = ()
    next: str | None = None
    result: str | None = None
    line: int | None = None
    requires: Assumes | None = None  # the option is offered only where these hold


@dataclass(frozen=True)
class Scene:
    """A narrative scene for one role in one season (or reached only through ``next``)."""

    id: str
    role: str
    title: str
    text: str
    choices: tuple[Choice, ...]
    year: int | None = None
    season: str | None = None
    when: Condition | None = None
    priority: int = 0
    speaker: str | None = None
    sources: tuple[str, ...] = ()
    file: str = ""
    line: int | None = None
    assumes: Assumes | None = None  # what the prose takes for granted (shown only where it holds)
    repeatable: bool = False  # may be shown more than once in a game

    @property
    def t(self) -> int | None:
        """The season index (0 = spring 1953) or None for a scene reached only by ``next``."""
        if self.year is None or self.season is None:
            return None
        return season_index(self.year, self.season)


@dataclass(frozen=True)
class Event:
    """A scene fired by the model's state (``trigger``) within an optional window of seasons."""

    id: str
    role: str
    title: str
    text: str
    choices: tuple[Choice, ...]
    trigger: Condition
    start: int | None = None  # first season index ("from"), inclusive
    end: int | None = None  # last season index ("until"), inclusive
    once: bool = True  # kept for old files: an event runs once unless ``repeatable``
    priority: int = 0
    speaker: str | None = None
    sources: tuple[str, ...] = ()
    file: str = ""
    line: int | None = None
    assumes: Assumes | None = None
    repeatable: bool = False

    def in_window(self, t: int) -> bool:
        """True if season t lies within ``from``..``until``."""
        return (self.start is None or t >= self.start) and (self.end is None or t <= self.end)


Passage = Scene | Event
"""Anything the runner can show: a scene or an event (they share the fields it reads)."""


@dataclass(frozen=True)
class Relative:
    """A family member the story mentions but who is not a character of their own (a child,
    say): what the prose calls them and when they were born, so their age can be checked."""

    who: str  # e.g. "eldest son"
    called: tuple[str, ...]  # words the prose uses after "my", "her", "your": "eldest", "boy"
    born: str  # "1940" or "1940-summer"


@dataclass(frozen=True)
class Character:
    """A named villager (or cadre) of Liudu village."""

    id: str
    name: str
    hanzi: str
    social_class: str  # poor, lower_middle, upper_middle, rich, landlord or cadre
    role_in_village: str
    household: bool  # the player may choose this household
    bio: str
    voice: str
    file: str = ""
    line: int | None = None
    # the household's endowment (playable households only): the model uses exactly these
    land: float | None = None  # mu
    persons: int | None = None
    labour: float | None = None  # labour units (an able adult = 1)
    animals: float | None = None  # draught animals owned (0.5 = half a share in one)
    # what the continuity check compares prose with (never read by the model)
    born: str | None = None  # "1918" or "1918-autumn": ages in prose must agree with it
    pronoun: str | None = None  # "he" or "she", to follow pronouns in prose
    aliases: tuple[str, ...] = ()  # other names the prose uses: "Old Ma", "Zhang"
    relatives: tuple[Relative, ...] = ()


@dataclass(frozen=True)
class Document:
    """A primary-source summary for the in-game reader (Markdown body, TOML header)."""

    id: str
    title: str
    date: str
    author: str
    provenance: str
    sources: tuple[str, ...]
    body: str
    kind: str = ""  # optional: speech, resolution, report, regulation ...
    url: str = ""  # optional: where to read the original
    file: str = ""
    line: int | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    """A term with its Chinese characters, pinyin and a plain-English gloss."""

    id: str
    term: str
    hanzi: str
    pinyin: str
    gloss: str
    sources: tuple[str, ...] = ()
    file: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Source:
    """A bibliography entry; ``id`` is what content cites (e.g. "S1")."""

    id: str
    citation: str
    url: str = ""
    note: str = ""
    file: str = ""
    line: int | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """A real event, 1950-1958, with its date as written ('1955-07-31', '1955-07' or '1955')."""

    date: str
    title: str
    text: str = ""
    sources: tuple[str, ...] = ()
    file: str = ""
    line: int | None = None
