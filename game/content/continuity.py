"""Continuity of the prose with the character sheet: ages, land, family size and class.

``characters.toml`` is the single source for who the named people of Liudu are. This module
reads every scene, event, choice and result (and the character sheet's own biographies, and
the guides) for the few ways the prose states a fact about a named person:

* an age: ``Sun Lianfang, nineteen, cuts``, ``Zhang is thirty-four``, ``He is a Party member,
  forty,``, ``I'm seventy`` (said by whoever speaks), ``You are Zhang Dewang: thirty-four``,
  and the same for a relative on the sheet (``Your eldest is fifteen now``);
* land: ``Wang Fu's seventeen mu`` (a part when followed by ``by``/``of``/``near`` ...: ``Li
  Guiying's two mu by the well``), ``Ma Laohan, who has six mu``, ``gave me six mu``, ``my
  fifteen mu``, ``I have an ox, a cart and fifteen mu``;
* family size: ``I have six mouths``, ``Four mouths, two workers`` (said of "you");
* class: ``Wang Fu, a well-off middle peasant``, ``Qian Baoshan was a rich peasant``, ``whose
  family was labelled landlord``, ``from a lower-middle family``.

It follows names and the aliases the sheet gives, ``he``/``she`` back to the last person of that
pronoun in the paragraph (or the scene's speaker), ``I``/``my`` inside a quotation to the person
who speaks it, and ``you``/``your`` to the household the scene is about (``You are Wang Fu``, or
the single household its condition allows; the cadre role is Secretary Liu). Ages are whole
years at the scene's season (a scene reached by ``next`` takes its parent's dates). A figure that
disagrees with the sheet, or a figure for someone the sheet gives none, is an error. Phrasings
outside these forms are not read: write ages, land and class in these forms so the check sees
them. The reading itself lives in ``game.content.prose``; this module compares what it finds
with the sheet. Never imports textual.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.content.bundle import ContentBundle
from game.content.errors import Problem
from game.content.expr import Binary, Const, Name, walk
from game.content.files import LineIndex
from game.content.model import Character, Passage, Scene
from game.content.names import HOUSEHOLD_CLASSES, LAST_T, season_of
from game.content.prose import CLASS_PHRASES, CLASS_TEXT, Fact, Reader, age_at, number_value
from game.content.structure import next_graph

__all__ = ["Fact", "Reader", "age_at", "character_facts", "check_continuity", "number_value", "passage_dates"]

def _classes_allowed(condition) -> set[str] | None:
    """The household classes a condition lets through (None: it does not say)."""
    if condition is None:
        return None
    equal: set[str] = set()
    unequal: set[str] = set()
    for node in walk(condition.tree):
        if isinstance(node, Binary) and node.op in ("==", "!="):
            for a, b in ((node.left, node.right), (node.right, node.left)):
                if isinstance(a, Name) and a.name == "household_class" and isinstance(b, Const):
                    (equal if node.op == "==" else unequal).add(str(b.value))
    if equal:
        return equal - unequal
    if unequal:
        return set(HOUSEHOLD_CLASSES) - unequal
    return None


def passage_dates(bundle: ContentBundle) -> dict[str, set[int]]:
    """Season indexes at which each scene or event can run (a ``next`` scene takes its parent's)."""
    dates: dict[str, set[int]] = {}
    for scene in bundle.scenes:
        dates[scene.id] = {scene.t} if scene.t is not None else set()
    for event in bundle.events:
        low = event.start if event.start is not None else 0
        high = event.end if event.end is not None else LAST_T
        dates[event.id] = set(range(low, high + 1))
    graph = next_graph(bundle)
    changed = True
    while changed:
        changed = False
        for source, targets in graph.items():
            for target in targets:
                if not dates[source] <= dates[target]:
                    dates[target] |= dates[source]
                    changed = True
    return dates


def _you(bundle: ContentBundle, passage: Passage, parents: dict[str, list[Passage]]) -> tuple[str, ...]:
    """The households "you" may be in a passage (the cadre role is Secretary Liu)."""
    if passage.role == "cadre":
        return ("liu_jianguo",) if "liu_jianguo" in bundle.characters else ()
    head = passage.when if isinstance(passage, Scene) else passage.trigger
    allowed = _classes_allowed(head)
    if allowed is None and isinstance(passage, Scene) and passage.t is None:
        inherited = [_classes_allowed(p.when if isinstance(p, Scene) else p.trigger) for p in parents.get(passage.id, [])]
        if inherited and all(a is not None for a in inherited):
            allowed = set().union(*inherited)  # type: ignore[arg-type]
    if allowed is None:
        return ()
    return tuple(c.id for c in bundle.households() if c.social_class in allowed)


def _check_fact(fact: Fact, characters: dict[str, Character], dates: Iterable[int]) -> str | None:
    """Why a fact disagrees with the sheet (None if it agrees)."""
    c = characters[fact.who]
    if fact.kind == "class":
        if c.social_class not in HOUSEHOLD_CLASSES:
            return None  # a cadre has no land-reform label on the sheet; his family's origin is free
        allowed = CLASS_PHRASES[str(fact.value)]
        if c.social_class not in allowed:
            return (f"'{fact.words}' makes {c.name} {fact.value}, but characters.toml gives the class "
                    f"{CLASS_TEXT.get(c.social_class, c.social_class)}")
        return None
    if fact.kind == "age":
        relative = next((r for r in c.relatives if r.who == fact.relative), None) if fact.relative else None
        born = relative.born if relative else c.born
        whose = f"{c.name}'s {relative.who}" if relative else c.name
        if born is None:
            return f"'{fact.words}' gives {whose} an age, but characters.toml gives no 'born' for {c.name}"
        for t in sorted(dates):
            expected = age_at(born, t)
            slack = 2 if fact.about else 0
            if abs(expected - float(fact.value)) > slack:  # type: ignore[arg-type]
                year, season = season_of(t)
                pronoun = "him" if _male(c, relative) else "her"
                return (f"'{fact.words}' makes {whose} {fact.value:g} in {season} {year}, but characters.toml "
                        f"(born {born}) makes {pronoun} {expected}")
        return None
    sheet = c.land if fact.kind == "land" else c.persons
    what = "land" if fact.kind == "land" else "persons"
    if sheet is None:
        return (f"'{fact.words}' gives {c.name} {'a holding of land' if what == 'land' else 'a family size'}, "
                f"but characters.toml gives no '{what}' for {c.name}: write no figure, or add it to the sheet")
    value = float(fact.value)  # type: ignore[arg-type]
    if fact.part:
        if value >= sheet:
            return f"'{fact.words}' is a part of {c.name}'s land, but it is not less than the {sheet:g} mu of characters.toml"
        return None
    if abs(value - sheet) > 1e-6:
        unit = "mu" if what == "land" else "people"
        return f"'{fact.words}' gives {c.name} {value:g} {unit}, but characters.toml says {sheet:g}"
    return None


def _male(c: Character, relative) -> bool:
    if relative is not None:
        return any(w in relative.who for w in ("son", "brother", "father", "nephew", "boy"))
    return c.pronoun != "she"


def check_continuity(bundle: ContentBundle) -> list[Problem]:
    """Every disagreement between the prose and the character sheet, with file and line."""
    reader = Reader(bundle.characters.values())
    characters = bundle.characters
    dates = passage_dates(bundle)
    parents: dict[str, list[Passage]] = {}
    by_id = {p.id: p for p in (*bundle.scenes, *bundle.events)}
    for source, targets in next_graph(bundle).items():
        for target in targets:
            parents.setdefault(target, []).append(by_id[source])
    problems: list[Problem] = []
    lines: dict[str, LineIndex] = {}

    def locate(file: str, words: str, start: int | None) -> int | None:
        """The first line at or after ``start`` holding the words (or their first three)."""
        if file not in lines:
            try:
                lines[file] = LineIndex((bundle.assets_dir.parent / file).read_text(encoding="utf-8"))
            except OSError:
                return start
        rows = lines[file].lines
        for needle in (words, " ".join(words.split()[:3])):
            for n in range((start or 1) - 1, len(rows)):
                if needle in rows[n]:
                    return n + 1
        return start

    for passage in (*bundle.scenes, *bundle.events):
        you = _you(bundle, passage, parents)
        when = dates.get(passage.id) or set(range(LAST_T + 1))
        texts = [(passage.text, passage.line)] + [(t, c.line) for c in passage.choices
                                                  for t in (c.label, c.result) if t]
        for text, line in texts:
            for fact in reader.facts(text, passage.speaker, you):
                why = _check_fact(fact, characters, when)
                if why:
                    problems.append(Problem(passage.file, locate(passage.file, fact.words, line),
                                            f"continuity ('{passage.id}'): {why}"))
    for c in characters.values():
        you = (c.id,) if c.household else ()
        for text in (c.bio, c.role_in_village):
            for fact in reader.facts(text, c.id, you):
                why = _check_fact(fact, characters, {0})
                if why:
                    problems.append(Problem(c.file, locate(c.file, fact.words, c.line), f"continuity (bio of {c.name}): {why}"))
    docs = bundle.assets_dir / "docs"
    for path in sorted(docs.glob("*.md")) if docs.is_dir() else ():
        name = path.relative_to(bundle.assets_dir.parent).as_posix()
        text = path.read_text(encoding="utf-8")
        for fact in reader.facts(text, None, ()):
            if fact.kind == "age":
                continue  # the guides are not dated
            why = _check_fact(fact, characters, {0})
            if why:
                problems.append(Problem(name, locate(name, fact.words, 1), f"continuity: {why}"))
    return problems


def character_facts(bundle: ContentBundle, text: str, speaker: str | None = None,
                    you: tuple[str, ...] = ()) -> list[Fact]:
    """The facts a piece of text states (for tests and for writers' tools)."""
    return list(Reader(bundle.characters.values()).facts(text, speaker, you))

