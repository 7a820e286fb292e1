"""What a scene or event assumes about the household and the village, declared in its data.

A passage's ``[scene.assumes]`` (or ``[event.assumes]``) table says what its prose takes for
granted: the household's form and class, whether it owns a draught animal, whether its animals
went into a higher co-op, earlier choices (flags, scenes seen), the season, the directive, and
what exists in the village (any co-op, a higher co-op) or how named households farm. A choice's
``[scene.choice.requires]`` table has the same keys and gates the option. The session shows a
passage only where its assumptions hold, and ``hightide content check`` (the storyplay check)
plays real games and fails, at the table's file and line, if one is ever shown where they do not.

``Assumes.failures`` answers in words which assumptions fail, so an error is readable.
Never imports textual.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from game.content.names import FORMS, HOUSEHOLD_CLASSES, ROLES, SEASONS

ASSUME_KEYS = ("role", "form", "class", "animals", "pooled", "flags", "not_flags", "seen", "not_seen",
               "season", "directive", "coop", "higher_coop", "households")
HOUSEHOLD_KEYS = ("form", "class", "animals", "pooled", "households")
"""Keys that describe the player's own household (or named ones): peasant passages only."""

ANIMALS = ("some", "none")


@dataclass(frozen=True)
class Assumes:
    """The declared assumptions of one passage (or the requirements of one choice)."""

    role: str | None = None
    form: tuple[str, ...] = ()
    cls: tuple[str, ...] = ()
    animals: str | None = None  # "some": owns a draught animal now; "none": owns none
    pooled: bool | None = None  # its animals went into a higher co-op (and were not led home)
    flags: tuple[str, ...] = ()
    not_flags: tuple[str, ...] = ()
    seen: tuple[str, ...] = ()
    not_seen: tuple[str, ...] = ()
    season: tuple[str, ...] = ()
    directive: bool | None = None
    coop: bool | None = None  # some household of the village is in a co-op
    higher_coop: bool | None = None  # the village has a higher-stage co-op
    households: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (character id, forms)
    file: str = ""
    line: int | None = None

    def failures(self, values: Mapping[str, object], flags: Collection[str] = (),
                 seen: Collection[str] = ()) -> list[str]:
        """Every assumption that does not hold, in words ('form is lower, not independent or team')."""
        out: list[str] = []

        def one_of(name: str, wanted: tuple[str, ...], shown: str) -> None:
            value = values.get(name)
            if wanted and value is not None and value not in wanted:
                out.append(f"{shown} is {value}, not {' or '.join(wanted)}")

        def yes_no(got: bool | None, wanted: bool | None, what: str) -> None:
            if wanted is not None and got is not None and got != wanted:
                out.append(f"{what} is {'true' if got else 'false'}, not {'true' if wanted else 'false'}")

        one_of("role", (self.role,) if self.role else (), "role")
        one_of("form", self.form, "form")
        one_of("household_class", self.cls, "class")
        one_of("season", self.season, "season")
        if self.animals is not None and "animals" in values:
            owns = float(values["animals"]) >= 1  # type: ignore[arg-type]
            if owns != (self.animals == "some"):
                out.append(f"the household owns {'an animal' if owns else 'no animal'}, not {self.animals}")
        yes_no(_bool(values.get("pooled")), self.pooled, "pooled")
        yes_no(_bool(values.get("directive")), self.directive, "directive")
        share = values.get("coop_share")
        yes_no(None if share is None else float(share) > 0, self.coop, "a co-op in the village")  # type: ignore[arg-type]
        higher = values.get("higher_share")
        yes_no(None if higher is None else float(higher) > 0, self.higher_coop,  # type: ignore[arg-type]
               "a higher co-op in the village")
        out += [f"flag '{f}' is not set" for f in self.flags if f not in flags]
        out += [f"flag '{f}' is set" for f in self.not_flags if f in flags]
        out += [f"'{s}' was not seen" for s in self.seen if s not in seen]
        out += [f"'{s}' was already seen" for s in self.not_seen if s in seen]
        forms = values.get("household_forms")
        if isinstance(forms, Mapping):
            for who, wanted in self.households:
                if who in forms and forms[who] not in wanted:
                    out.append(f"{who}'s form is {forms[who]}, not {' or '.join(wanted)}")
        return out

    def holds(self, values: Mapping[str, object], flags: Collection[str] = (),
              seen: Collection[str] = ()) -> bool:
        return not self.failures(values, flags, seen)


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def parse_assumes(table, key: str, role: str | None, characters: Collection[str] | None = None) -> Assumes | None:
    """Read the ``assumes`` (or ``requires``) sub-table of a content ``Table``; errors are
    recorded on the table with the sub-table's line."""
    raw = table.data.get(key)
    if raw is None:
        return None
    line = table.lines.find(f"{key}", table.line(), table.end) or table.line(key)
    if not isinstance(raw, dict):
        table.fail(f"'{key}' must be a table, e.g. {key} = {{ form = [\"independent\"] }}", key)
        return None
    errors_before = len(table.errors)

    def fail(message: str) -> None:
        table.fail(f"{key}: {message}", key, line)

    for name in raw:
        if name not in ASSUME_KEYS:
            fail(f"unknown key '{name}' (use {', '.join(ASSUME_KEYS)})")
    if role == "cadre":
        for name in HOUSEHOLD_KEYS:
            if name in raw and name != "households":
                fail(f"'{name}' describes the player's household; a cadre passage has none")

    def strings(name: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
        value = raw.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(f"'{name}' must be a list of quoted strings")
            return ()
        if allowed is not None:
            for v in value:
                if v not in allowed:
                    fail(f"'{v}' is not a value of {name} ({', '.join(allowed)})")
        return tuple(value)

    def boolean(name: str) -> bool | None:
        value = raw.get(name)
        if value is not None and not isinstance(value, bool):
            fail(f"'{name}' must be true or false")
            return None
        return value

    assumed_role = raw.get("role")
    if assumed_role is not None and assumed_role not in ROLES:
        fail(f"'role' must be one of {', '.join(ROLES)}")
        assumed_role = None
    animals = raw.get("animals")
    if animals is not None and animals not in ANIMALS:
        fail("'animals' must be \"some\" (owns a draught animal) or \"none\"")
        animals = None
    households: list[tuple[str, tuple[str, ...]]] = []
    named = raw.get("households", {})
    if not isinstance(named, dict):
        fail("'households' must be a table of character ids and forms, e.g. { wang_fu = [\"higher\"] }")
        named = {}
    for who, forms in named.items():
        if characters is not None and who not in characters:
            fail(f"'{who}' is not a character id")
        if isinstance(forms, str):
            forms = [forms]
        if not isinstance(forms, list) or any(f not in FORMS for f in forms):
            fail(f"the forms of '{who}' must be a list of {', '.join(FORMS)}")
            continue
        households.append((who, tuple(forms)))
    assumes = Assumes(
        role=assumed_role, form=strings("form", FORMS), cls=strings("class", HOUSEHOLD_CLASSES),
        animals=animals, pooled=boolean("pooled"), flags=strings("flags"), not_flags=strings("not_flags"),
        seen=strings("seen"), not_seen=strings("not_seen"), season=strings("season", SEASONS),
        directive=boolean("directive"), coop=boolean("coop"), higher_coop=boolean("higher_coop"),
        households=tuple(households), file=table.file, line=line,
    )
    return assumes if len(table.errors) == errors_before else None
