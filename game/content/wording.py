"""Static checks of the prose's figures and grammar, for ``hightide content check``.

- **Bare quantities.** A household or village quantity written into the prose (``150 jin``,
  ``seventeen mu``, ``eleven households``) can contradict the model, which decides those figures.
  Such figures must come from the model through a template slot (``{land|mu}``,
  ``{coop_households|count:household}``, see ``game.content.template``). A historical figure is
  allowed when its sentence carries its source id (``(S35)``); a figure in an option is allowed
  when it is the option's own effect (``sell_grain(100)`` and "sell 100 jin").
- **Articles.** "a" before a vowel sound ("a upper-middle") and "an" before a consonant sound;
  "a {slot}" / "an {slot}" before a variable whose words may start either way (use ``{x|a}``).
- **Agreement.** A bare number slot before a countable noun (``{n} households``) reads "1
  households" when n is 1: use ``{n|count:household}``.

Never imports textual.
"""

from __future__ import annotations

import re

from game.content.bundle import ContentBundle
from game.content.errors import Problem
from game.content.model import Passage
from game.content.template import TEMPLATE, article, parse_slot

_W = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
      "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand")
QUANTITY = re.compile(r"\b((?:\d[\d,.]*|(?:" + _W + r")(?:[- ](?:" + _W + r"))*)\s+(?:more\s+|good\s+|poor\s+)?"
                      r"(?:jin|mu|households?|families))\b", re.I)
SOURCE_TAG = re.compile(r"\bS\d+[a-z]?\b")
SENTENCE = re.compile(r"(?<=[.!?])[\"”]?\s+")
ARTICLE = re.compile(r"\b([Aa]n?)\s+([A-Za-z][\w'-]*)")
SLOT_ARTICLE = re.compile(r"\b([Aa]n?)\s+\{([^{}|]+)\}")
COUNTABLE = re.compile(r"^\s+(households?|families|animals?|oxen|people|persons?|co-ops?|teams?)\b")
OPEN_VARIABLES = {"class_label", "form_label", "household_name", "family_name", "harvest_word"}
"""Text variables whose words may begin with a vowel or a consonant."""
EXCEPTIONS = {"a": {"one", "once", "union", "unit", "united", "uniform", "unique", "usual", "useful", "european",
                    "eu", "ewe", "user", "utopian", "uniformly", "unanimous"},
              "an": {"hour", "honest", "honour", "honor", "heir", "honourable", "8", "11", "18", "80"}}


def _texts(passage: Passage):
    """(field, text, allowed figures) of a passage: its text and title, each option's label and result."""
    yield "text", passage.text, set()
    yield "title", passage.title, set()
    for choice in passage.choices:
        allowed = {float(a) for e in choice.effects for a in e.args
                   if isinstance(a, (int, float)) and not isinstance(a, bool)}
        yield "label", choice.label, allowed
        if choice.result:
            yield "result", choice.result, allowed


def _number(text: str) -> float | None:
    from game.content.prose import number_value

    head = text.split()[0].replace(",", "")
    try:
        return number_value(head)
    except (ValueError, KeyError):
        return None


def bare_quantities(bundle: ContentBundle) -> list[Problem]:
    """Household and village quantities written into the prose rather than taken from the model."""
    out = []
    for passage in (*bundle.scenes, *bundle.events):
        for field, text, allowed in _texts(passage):
            plain = TEMPLATE.sub("", text)
            for sentence in SENTENCE.split(plain):
                if SOURCE_TAG.search(sentence):
                    continue
                for match in QUANTITY.finditer(sentence):
                    if _number(match.group(1)) in allowed:
                        continue
                    out.append(Problem(passage.file, passage.line,
                                       f"'{passage.id}' {field}: \"{match.group(1)}\" is a bare figure; take it from "
                                       "the model with a template slot, or tag its sentence with the source id"))
    return out


def article_problems(bundle: ContentBundle) -> list[Problem]:
    """'a' before a vowel sound, 'an' before a consonant sound, and a fixed article before a slot."""
    out = []
    for passage in (*bundle.scenes, *bundle.events):
        for field, text, _ in _texts(passage):
            for match in SLOT_ARTICLE.finditer(text):
                name = match.group(2).strip()
                if name in OPEN_VARIABLES:
                    out.append(Problem(passage.file, passage.line,
                                       f"'{passage.id}' {field}: \"{match.group(0)}\" may read 'a upper-middle'; "
                                       f"write {{{name}|a}}"))
            plain = TEMPLATE.sub("{}", text)
            for match in ARTICLE.finditer(plain):
                word, following = match.group(1).lower(), match.group(2)
                wanted = article(following)
                if following.lower() in EXCEPTIONS["a"]:
                    wanted = "a"
                elif following.lower() in EXCEPTIONS["an"]:
                    wanted = "an"
                if wanted != word and not following.isupper():
                    out.append(Problem(passage.file, passage.line,
                                       f"'{passage.id}' {field}: \"{match.group(0)}\" should be \"{wanted} {following}\""))
    return out


def agreement_problems(bundle: ContentBundle) -> list[Problem]:
    """A bare number slot before a countable noun ('{n} households' reads '1 households')."""
    out = []
    for passage in (*bundle.scenes, *bundle.events):
        for field, text, _ in _texts(passage):
            for match in TEMPLATE.finditer(text):
                slot = match.group(1)
                if slot is None:
                    continue
                try:
                    _, filters = parse_slot(slot)
                except Exception:  # noqa: BLE001 - the template check reports it
                    continue
                noun = COUNTABLE.match(text[match.end():])
                if noun and not any(f in ("count", "words", "plural") for f, _ in filters):
                    out.append(Problem(passage.file, passage.line,
                                       f"'{passage.id}' {field}: \"{{{slot}}} {noun.group(1)}\" reads '1 {noun.group(1)}' "
                                       f"when the figure is 1; write {{{slot}|count:{_singular(noun.group(1))}}}"))
    return out


def _singular(noun: str) -> str:
    return {"families": "family", "oxen": "ox", "people": "person"}.get(noun, noun.rstrip("s") if noun.endswith("s") else noun)


def check_wording(bundle: ContentBundle) -> list[Problem]:
    """Every wording problem of the content: bare figures, articles, agreement."""
    return bare_quantities(bundle) + article_problems(bundle) + agreement_problems(bundle)
