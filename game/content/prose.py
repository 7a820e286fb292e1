"""Reading the prose for what it states about the named people: ages, land, family size, class.

``Reader`` finds, in a scene's text or a guide, the few forms in which the prose states such a
fact (listed in ``game.content.continuity``), and follows names and aliases from the character
sheet, ``he``/``she`` back to the last person of that pronoun in the paragraph (or the scene's
speaker), ``I``/``my`` inside a quotation to whoever speaks it, and ``you``/``your`` to the
households a scene is about. It only reads; comparing with the sheet is the checker's job.
Never imports textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from game.content.model import Character
from game.content.names import SEASONS, season_of

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
NUMBER = (r"(?i:\d{1,3}(?:\.\d+)?|(?:" + "|".join(_TENS) + r")(?:-(?:" + "|".join(_UNITS[1:10]) + r"))?|"
          + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")")
ABOUT = r"(?:(?P<about>about|nearly|almost|around|over|some)\s+)?"

CLASS_PHRASES: dict[str, frozenset[str]] = {
    "landlords": frozenset({"landlord"}), "landlord": frozenset({"landlord"}),
    "rich peasants": frozenset({"rich"}), "rich peasant": frozenset({"rich"}),
    "well-off middle peasant": frozenset({"upper_middle"}),
    "upper-middle peasant": frozenset({"upper_middle"}),
    "well-off peasant": frozenset({"upper_middle"}), "well-off": frozenset({"upper_middle"}),
    "lower-middle peasant": frozenset({"lower_middle"}), "lower-middle": frozenset({"lower_middle"}),
    "middle peasant": frozenset({"upper_middle", "lower_middle"}),
    "middle": frozenset({"upper_middle", "lower_middle"}),
    "poor peasant": frozenset({"poor"}), "poor": frozenset({"poor"}),
    "hired labourer": frozenset({"poor"}),
}
CLASS = "(?P<cls>" + "|".join(re.escape(p) for p in sorted(CLASS_PHRASES, key=len, reverse=True)) + ")"
PEASANT_CLASS = ("(?P<cls>" + "|".join(re.escape(p) for p in sorted(CLASS_PHRASES, key=len, reverse=True)
                                       if " " in p or p.startswith("landlord")) + ")")
PART = re.compile(r"^\s+(?:by|of|near|along|on|at|beside|next|in|under|behind|across|that|which)\b")
CLASS_TEXT = {"poor": "poor", "lower_middle": "lower-middle", "upper_middle": "well-off (upper-middle)",
              "rich": "rich peasant", "landlord": "landlord", "cadre": "cadre"}


def number_value(word: str) -> float:
    """'thirty-four' -> 34, '17' -> 17, 'eleven' -> 11."""
    word = word.lower()
    if word[0].isdigit():
        return float(word)
    if word in _UNITS:
        return float(_UNITS.index(word))
    tens, _, unit = word.partition("-")
    return float(_TENS[tens] + (_UNITS.index(unit) if unit else 0))


def season_index(stamp: str) -> int:
    """'1940-summer' -> a count of seasons; a bare year counts from its summer."""
    year, _, season = stamp.partition("-")
    return int(year) * 4 + SEASONS.index(season or "summer")


def age_at(born: str, t: int) -> int:
    year, season = season_of(t)
    return (season_index(f"{year}-{season}") - season_index(born)) // 4


@dataclass(frozen=True)
class Fact:
    """One statement the prose makes about a person."""

    kind: str  # "age", "land", "persons" or "class"
    who: str  # character id
    relative: str | None  # the relative's 'who' (for an age), else None
    value: object  # a number, or a class phrase
    words: str  # the words that say it
    part: bool = False  # land: a part of the holding, not all of it
    about: bool = False  # age: "about twenty"


@dataclass(frozen=True)
class _Ref:
    start: int
    end: int
    who: tuple[str, ...]  # candidate character ids (several when "you" is ambiguous)
    relative: str | None = None


class Reader:
    """Finds the facts a text states about the people of the character sheet."""

    def __init__(self, characters: Iterable[Character]):
        self.characters = {c.id: c for c in characters}
        names: dict[str, str] = {}
        for c in self.characters.values():
            names[c.name] = c.id
            for alias in c.aliases:
                names.setdefault(alias, c.id)
        self.names = names
        parts = []
        for name in sorted(names, key=len, reverse=True):
            tail = r"(?![ \-][A-Z][a-z])" if " " not in name else ""
            parts.append(re.escape(name) + tail)
        self.name_re = re.compile(r"\b(?:" + "|".join(parts) + r")\b")
        called = sorted({w for c in self.characters.values() for r in c.relatives for w in r.called},
                        key=len, reverse=True)
        self.called = called
        called_alt = "|".join(re.escape(w) for w in called) or "(?!)"
        ref = (r"(?P<ref>(?:" + "|".join(parts) + r")\b(?:'s)?|(?:[Mm]y|[Hh]is|[Hh]er|[Yy]our|[Tt]he) (?:"
               + called_alt + r")\b|\b[Hh]e\b|\b[Ss]he\b|\bI\b|\b[Yy]ou\b)")
        self.patterns = self._patterns(ref)

    # ------------------------------------------------------------------ patterns
    @staticmethod
    def _patterns(ref: str) -> list[tuple[str, re.Pattern[str]]]:
        n, about = f"(?P<n>{NUMBER})", ABOUT
        not_unit = (r"(?![\w-]|\s*(?:mu|jin|per|years?|households?|days?|months?|o'clock|points|head|"
                    r"times|li|hundred|thousand|jars?|carts?|sacks?|pages?|men|women|people|of)\b)")
        raw = [
            ("age", rf"\bYou are {ref}:\s+{about}{n}\b{not_unit}"),
            ("age", rf"{ref},\s+{about}{n}(?=[,.;:])"),
            ("age", rf"{ref}\s+(?:is|was)\s+(?:now\s+|only\s+|already\s+|just\s+)?{about}{n}\b{not_unit}"),
            ("age", rf"{ref}\s+(?:is|was)\s+an?\s+[^.,;\"]{{1,40}},\s+{about}{n}(?=[,.;:])"),
            ("age", rf"\bI(?:'m| am)\s+{about}{n}\b{not_unit}"),
            ("age", rf"\b{n}-year-old\s+{ref}"),
            ("land", rf"{ref}\s+{n}\s+(?:good\s+|poor\s+|sandy\s+|own\s+)?mu\b(?P<tail>[^.;\"]{{0,14}})"),
            ("land", rf"{ref}(?:,\s+who)?\s+(?:has|had|owns|owned|farms|got|received|holds|kept)\s+"
                     rf"(?:only\s+|just\s+)?{n}\s+(?:good\s+|poor\s+)?mu\b"),
            ("land", rf"{ref},\s+{n}\s+mu\b"),
            ("land", rf"\bgave\s+(?P<obj>me|him|her|you|us)\s+{n}\s+mu\b"),
            ("land", rf"\b(?P<subj>I|[Yy]ou)\s+have\s+[^.\"]{{0,40}}?\b{n}\s+mu\b"),
            ("land", rf"\bYou are {ref}[^.\"]{{0,80}}?\b{n}\s+(?:good\s+)?mu\b"),
            ("land", rf"{ref}\s+(?:still\s+)?(?:are|is|am):\s+(?:[^.\"]{{0,40}},\s+)?{n}\s+(?:good\s+)?mu\b"),
            ("persons", rf"\bI\s+have\s+{n}\s+mouths\b"),
            ("persons", rf"(?:^|[.;]\s+){n}\s+mouths\b"),
            ("persons", rf"{ref}\s+(?:has|had)\s+{n}\s+mouths\b"),
            ("class", rf"{ref},\s+(?:an?\s+)?(?:old\s+|young\s+)?{PEASANT_CLASS}\b"),
            ("class", rf"{ref}\s+(?:is|was|were|had been)\s+(?:an?\s+)?(?:old\s+)?{PEASANT_CLASS}\b"),
            ("class", rf"{ref}(?:'s)?\s+family\s+(?:was|were|had been)\s+(?:labelled\s+)?(?:an?\s+)?{PEASANT_CLASS}\b"),
            ("class", rf"{ref},\s+whose\s+family\s+(?:was|were)\s+(?:labelled\s+)?(?:an?\s+)?{PEASANT_CLASS}\b"),
            ("class", rf"{ref}\s+is\s+{NUMBER},\s+{CLASS},"),
            ("class", rf"{ref}\b[^.\"]{{0,40}}?\bfrom\s+an?\s+{CLASS}\s+(?:peasant\s+)?(?:family|household)\b"),
        ]
        # a possessive pronoun before a holding: "my fifteen mu", "his six mu"
        raw.append(("land", rf"(?P<poss>\b[Mm]y|\b[Hh]is|\b[Hh]er|\b[Yy]our)\s+{n}\s+(?:good\s+|poor\s+|own\s+)?mu\b"
                            rf"(?P<tail>[^.;\"]{{0,14}})"))
        raw.append(("class", rf"(?P<poss>\b[Hh]is|\b[Hh]er|\b[Yy]our|\b[Mm]y)\s+family\s+(?:was|were|had been)\s+"
                             rf"(?:labelled\s+)?(?:an?\s+)?{PEASANT_CLASS}\b"))
        return [(kind, re.compile(pattern)) for kind, pattern in raw]

    # ------------------------------------------------------------------ reading
    def facts(self, text: str, speaker: str | None, you: tuple[str, ...]) -> Iterator[Fact]:
        """Every fact ``text`` states; ``speaker`` is the passage's speaker, ``you`` the
        households "you" may be."""
        for paragraph in re.split(r"\n\s*\n", text):
            paragraph = " ".join(paragraph.split())
            you_here = you
            named = re.search(r"\bYou are (" + self.name_re.pattern + r")", paragraph)
            if named:
                you_here = (self.names[named.group(1)],)
            seen: set[tuple] = set()
            for kind, pattern in self.patterns:
                for match in pattern.finditer(paragraph):
                    for fact in self._fact(kind, match, paragraph, speaker, you_here):
                        key = (fact.kind, fact.who, fact.relative, fact.words)
                        if key not in seen:
                            seen.add(key)
                            yield fact

    def _fact(self, kind: str, match: re.Match[str], paragraph: str, speaker: str | None,
              you: tuple[str, ...]) -> Iterator[Fact]:
        groups = match.groupdict()
        ref = self._resolve(match, paragraph, speaker, you)
        if ref is None:
            return
        words = match.group(0).strip()
        for who in ref.who:
            if kind == "class":
                yield Fact("class", who, None, groups["cls"], words)
                continue
            value = number_value(groups["n"])
            if kind == "age":
                yield Fact("age", who, ref.relative, value, words, about=bool(groups.get("about")))
            elif kind == "land" and ref.relative is None:
                tail = groups.get("tail") or ""
                yield Fact("land", who, None, value, words, part=bool(PART.match(tail)))
            elif kind == "persons" and ref.relative is None:
                yield Fact("persons", who, None, value, words)

    def _resolve(self, match: re.Match[str], paragraph: str, speaker: str | None,
                 you: tuple[str, ...]) -> _Ref | None:
        groups = match.groupdict()
        start = match.start()
        quoted = paragraph[:start].count('"') % 2 == 1
        if groups.get("obj"):  # "gave me / him / you ..."
            word = groups["obj"].lower()
            return self._pronoun_ref({"me": "I", "him": "he", "her": "she", "you": "you", "us": "I"}[word],
                                     start, paragraph, speaker, you, quoted)
        if groups.get("subj"):  # "I have ... mu", "You have ... mu"
            word = "I" if groups["subj"] == "I" else "you"
            return self._pronoun_ref(word, start, paragraph, speaker, you, quoted)
        if groups.get("poss"):
            word = groups["poss"].strip().lower()
            return self._pronoun_ref({"my": "I", "his": "he", "her": "she", "your": "you"}[word],
                                     start, paragraph, speaker, you, quoted)
        ref = groups.get("ref")
        if ref is None:  # "I'm seventy", "I have ... mu", "Four mouths"
            if match.group(0).lstrip(" .;").startswith("I"):
                return self._pronoun_ref("I", start, paragraph, speaker, you, quoted)
            return _Ref(start, match.end(), you) if you and not quoted else None
        ref_start = match.start("ref")
        word = ref[:-2] if ref.endswith("'s") else ref
        if word in self.names:
            return _Ref(ref_start, match.end("ref"), (self.names[word],))
        first, _, rest = word.partition(" ")
        if rest in self.called:  # "my eldest", "your boy", "the boy"
            owner_word = first.lower()
            if owner_word == "the":
                owners = self._owners_of(rest, ref_start, paragraph, you)
            else:
                base = self._pronoun_ref({"my": "I", "his": "he", "her": "she", "your": "you"}[owner_word],
                                         ref_start, paragraph, speaker, you, quoted)
                owners = base.who if base else ()
            found = [(o, r.who) for o in owners for r in self.characters[o].relatives if rest in r.called]
            if not found:
                return None
            return _Ref(ref_start, match.end("ref"), tuple(o for o, _ in found), found[0][1])
        return self._pronoun_ref(word.lower() if word != "I" else "I", ref_start, paragraph, speaker, you, quoted)

    def _pronoun_ref(self, word: str, start: int, paragraph: str, speaker: str | None,
                     you: tuple[str, ...], quoted: bool) -> _Ref | None:
        if word == "I":
            if not quoted:
                return None
            opening = paragraph.rfind('"', 0, start)
            who = self._last_named(paragraph[:opening], None) or speaker
            return _Ref(start, start, (who,)) if who else None
        if word == "you":
            return None if quoted or not you else _Ref(start, start, you)
        who = self._last_named(paragraph[:start], word)
        if who is None and speaker and self.characters[speaker].pronoun == word:
            who = speaker
        return _Ref(start, start, (who,)) if who else None

    def _last_named(self, before: str, pronoun: str | None) -> str | None:
        for match in reversed(list(self.name_re.finditer(before))):
            who = self.names[match.group(0)]
            if pronoun is None or self.characters[who].pronoun == pronoun:
                return who
        return None

    def _owners_of(self, called: str, start: int, paragraph: str, you: tuple[str, ...]) -> tuple[str, ...]:
        mentioned = [self.names[m.group(0)] for m in self.name_re.finditer(paragraph[:start])]
        for who in [*reversed(mentioned), *you]:
            if any(called in r.called for r in self.characters[who].relatives):
                return (who,)
        return ()
