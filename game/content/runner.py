"""The content-level scene runner: which scenes and events run, and what a choice does.

Independent of the simulation. The session hands in a ``Situation`` (the README's condition
values, the flags set so far, the scenes already seen, the once-events already fired); the
runner answers which scenes and events run this season, which choices are open, and what a
chosen option yields: its typed effects, the next scene and the result text. It never changes
anything itself; applying effects is the session's job. Never imports textual.

Typical use by the session::

    situation = Situation(values, flags, seen, fired)
    for scene in season_scenes(bundle, situation) + season_events(bundle, situation):
        text = render(scene.text, variables)
        open_choices = available_choices(scene, situation)
        outcome = choose(bundle, scene, open_choices[0], situation, variables)
        # apply outcome.effects, mark scene.id seen (and fired, for an event),
        # then show outcome.result and continue with outcome.next if it is not None
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from game.content.assumes import Assumes
from game.content.bundle import ContentBundle
from game.content.effects import Effect
from game.content.errors import ContentError
from game.content.expr import Condition, is_true
from game.content.template import format_value, render  # noqa: F401  (the one template language)
from game.content.model import Event, Passage, Scene


@dataclass(frozen=True)
class Situation:
    """What conditions are evaluated against.

    ``values`` must hold every README condition name the content may read (``role``,
    ``year``, ``season``, ``t``, ``form`` ...). ``flags`` are the names set by ``flag()``
    effects; ``seen`` the scene and event ids already shown; ``fired`` the ids of events
    that already fired (for ``once = true``).
    """

    values: Mapping[str, object]
    flags: frozenset[str] = field(default_factory=frozenset)
    seen: frozenset[str] = field(default_factory=frozenset)
    fired: frozenset[str] = field(default_factory=frozenset)

    def holds(self, condition: Condition | None, passage: Passage) -> bool:
        """True if the condition is absent or true; errors are located at the passage."""
        try:
            return is_true(condition, self.values, self.flags, self.seen)
        except ContentError as error:
            where = f"in '{condition.source}': " if condition is not None else ""
            raise ContentError(where + error.message, passage.file, passage.line) from None

    def assumed(self, assumes: Assumes | None) -> bool:
        """True if there are no declared assumptions or they all hold."""
        return assumes is None or assumes.holds(self.values, self.flags, self.seen)

    def can_show(self, passage: Passage) -> bool:
        """The passage's condition (``when`` or ``trigger``) and its assumptions hold, and it was
        not shown already (unless it is repeatable)."""
        if not passage.repeatable and (passage.id in self.seen or passage.id in self.fired):
            return False
        head = passage.when if isinstance(passage, Scene) else passage.trigger
        return self.assumed(passage.assumes) and self.holds(head, passage)


@dataclass(frozen=True)
class Outcome:
    """What a chosen option yields: effects to apply, the next scene, the result text."""

    effects: tuple[Effect, ...]
    next: Scene | None
    result: str | None


def season_scenes(bundle: ContentBundle, situation: Situation) -> list[Scene]:
    """The dated scenes that run this season for the situation's role, in running order.

    Highest ``priority`` first (file order breaks ties); scenes whose ``when`` is false
    are left out. Scenes reached only through ``next`` are never listed here.
    """
    role, year, season = (situation.values.get(k) for k in ("role", "year", "season"))
    if not isinstance(role, str) or not isinstance(year, int) or not isinstance(season, str):
        raise ContentError("the situation needs role, year and season values")
    return [s for s in bundle.scenes_for(role, year, season) if situation.can_show(s)]


def season_events(bundle: ContentBundle, situation: Situation) -> list[Event]:
    """The events that fire this season: right role, inside from/until, trigger true,
    its assumptions hold, and not already shown unless ``repeatable``. Highest priority first."""
    role, t = situation.values.get("role"), situation.values.get("t")
    if not isinstance(role, str) or not isinstance(t, int):
        raise ContentError("the situation needs role and t values")
    return [
        e for e in bundle.events_for(role)
        if e.in_window(t) and situation.can_show(e)
    ]


def available_choices(passage: Passage, situation: Situation) -> list[int]:
    """Indexes of the passage's choices whose ``when`` is true (or absent) and whose
    ``requires`` hold."""
    return [i for i, c in enumerate(passage.choices)
            if situation.assumed(c.requires) and situation.holds(c.when, passage)]


def choose(
    bundle: ContentBundle,
    passage: Passage,
    index: int,
    situation: Situation,
    variables: Mapping[str, object] | None = None,
) -> Outcome:
    """Take choice ``index`` of a scene or event.

    Raises ContentError if the index is out of range or the choice's condition is false.
    ``Outcome.next`` is the ``next`` scene, or None if there is none or its ``when`` is false.
    The result text is rendered with ``variables`` when they are given, else left raw.
    """
    if not 0 <= index < len(passage.choices):
        raise ContentError(f"'{passage.id}' has no choice number {index + 1}")
    choice = passage.choices[index]
    if not (situation.assumed(choice.requires) and situation.holds(choice.when, passage)):
        raise ContentError(f"the choice '{choice.label}' is not available now")
    target = None
    if choice.next is not None:
        try:
            target = bundle.scene(choice.next)
        except KeyError:
            raise ContentError(f"next '{choice.next}' is not a scene id", passage.file,
                               choice.line or passage.line) from None
    if target is not None and not situation.can_show(target):
        target = None  # a next scene runs only if its own condition and assumptions hold, once
    result = choice.result
    if result is not None and variables is not None:
        result = render(result, variables)
    return Outcome(choice.effects, target, result)


def flags_after(flags: Iterable[str], effects: Iterable[Effect]) -> frozenset[str]:
    """The flags once the ``flag()`` effects among ``effects`` are applied."""
    new = {str(e.args[0]) for e in effects if e.name == "flag"}
    return frozenset(flags) | new
