"""The template language of the prose: figures from the model, words chosen from the numbers.

A slot is ``{name}`` or ``{name|filter|filter:argument}``. ``name`` is a text variable (the
session fills it from the model, see ``game.content.names.TEXT_VARIABLES``); filters turn its
value into words:

==================  =====================================================  ======================
filter              what it gives                                           example
==================  =====================================================  ======================
``jin``             the whole figure, thousands separated, and "jin"        ``1,216 jin``
``mu``              the figure (one decimal if it has one) and "mu"         ``13.7 mu``
``num``             the whole figure with thousands separated               ``41,782``
``pct``             a percentage (the value is already 0-100)               ``45%``
``count:noun``      the figure and the noun agreeing with it; 0 is "no"     ``1 animal``, ``no animals``
``words:noun``      the same, in words up to twenty                         ``one household``
``plural:noun``     only the noun, agreeing with the figure                 ``households``
``of:other``        how large a part the value is of ``other``              ``most``, ``about half``
``than:other``      how the value compares with ``other``                   ``more than``
``a``               the value with "a" or "an" before it, by its sound      ``an upper-middle peasant``
``cap``             the first letter in capitals                            ``Farming alone``
==================  =====================================================  ======================

So a dividend is never called "small" when it is most of what a member receives: the prose says
``{land_dividend|of:join_income}`` and the numbers choose the word. Never imports textual.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from game.content.errors import ContentError
from game.typed import article  # noqa: F401 - the one a/an rule (game.typed), used by the filters below

TEMPLATE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")

IRREGULAR = {"family": "families", "ox": "oxen", "person": "people", "mu": "mu", "jin": "jin", "sheep": "sheep",
             "child": "children", "man": "men", "woman": "women", "donkey": "donkeys", "co-op": "co-ops"}
NUMBER_WORDS = ("no one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty").split()
FILTERS = {"jin": 0, "mu": 0, "num": 0, "pct": 0, "count": 1, "words": 1, "plural": 1, "of": 1, "than": 1,
           "a": 0, "cap": 0}
"""Each filter and how many arguments it takes."""

def plural(noun: str, n: float) -> str:
    """The noun agreeing with ``n``: household / households, family / families, ox / oxen."""
    if abs(n - 1) < 1e-9:
        return noun
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    return noun + "s"




def number_text(value: float) -> str:
    """1234.4 -> '1,234'; 13.7 -> '13.7'; 0.35 -> '0.35'."""
    if abs(value) >= 100 or float(value).is_integer():
        return f"{round(value):,}"
    text = f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}".rstrip("0")
    return text.rstrip(".")


def share_words(part: float, whole: float) -> str:
    """How large a part ``part`` is of ``whole``, in words chosen from the numbers."""
    if whole <= 0:
        return "none" if part <= 0 else "all"
    r = part / whole
    if r <= 0.02:
        return "almost none"
    if r < 0.2:
        return "a small part"
    if r < 0.4:
        return "about a third" if r >= 0.28 else "about a quarter"
    if r <= 0.6:
        return "about half"
    if r < 0.9:
        return "most"
    return "nearly all" if r < 0.99 else "all"


def compare_words(value: float, other: float) -> str:
    """'more than', 'less than' or 'about as much as' (within 5%)."""
    if abs(value - other) <= 0.05 * max(abs(other), 1e-9):
        return "about as much as"
    return "more than" if value > other else "less than"


def parse_slot(slot: str) -> tuple[str, list[tuple[str, str | None]]]:
    """'land|mu' -> ('land', [('mu', None)]); raises ContentError on an unknown filter."""
    name, *parts = [p.strip() for p in slot.split("|")]
    filters = []
    for part in parts:
        head, _, arg = part.partition(":")
        head, arg = head.strip(), arg.strip()
        if head not in FILTERS:
            raise ContentError(f"unknown filter '{head}' in {{{slot}}} (use {', '.join(FILTERS)})")
        if FILTERS[head] and not arg:
            raise ContentError(f"the filter '{head}' needs an argument, e.g. {{{name}|{head}:household}}")
        if not FILTERS[head] and arg:
            raise ContentError(f"the filter '{head}' takes no argument")
        filters.append((head, arg or None))
    return name, filters


def slot_variables(slot: str) -> list[str]:
    """The variables a slot reads: its name, and the ``other`` of ``of:`` and ``than:``."""
    name, filters = parse_slot(slot)
    return [name] + [arg for f, arg in filters if f in ("of", "than") and arg]


def fill_slot(slot: str, variables: Mapping[str, object]) -> str:
    """The words for one slot; a missing variable shows as ``[name]``, never an error."""
    try:
        name, filters = parse_slot(slot)
    except ContentError:
        return "{" + slot + "}"
    value = variables.get(name)
    if value is None:
        return f"[{name}]"
    text: str | None = None
    for head, arg in filters:
        number = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if head in ("of", "than"):
            other = variables.get(arg or "")
            if number is None or not isinstance(other, (int, float)):
                return f"[{name}|{head}:{arg}]"
            text = share_words(number, float(other)) if head == "of" else compare_words(number, float(other))
        elif head in ("jin", "num", "pct") and number is not None:
            text = f"{round(number):,}" + {"jin": " jin", "num": "", "pct": "%"}[head]  # whole jin and whole per cent
        elif head == "mu" and number is not None:
            text = number_text(number) + " mu"
        elif head in ("count", "words", "plural") and number is not None:
            noun = plural(arg or "", number)
            if head == "plural":
                text = noun
            elif head == "words" and float(number).is_integer() and 0 <= number <= 20:
                text = f"{NUMBER_WORDS[int(number)]} {noun}"
            else:
                text = f"no {noun}" if number == 0 else f"{number_text(number)} {noun}"
        elif head == "a":
            current = text if text is not None else format_value(value)
            text = f"{article(current)} {current}"
        elif head == "cap":
            current = text if text is not None else format_value(value)
            text = current[:1].upper() + current[1:]
        value = text if text is not None else value
    return text if text is not None else format_value(value)


def render(text: str, variables: Mapping[str, object]) -> str:
    """Fill ``{variable}`` and ``{variable|filter}`` slots; ``{{`` and ``}}`` are literal braces."""

    def fill(match) -> str:
        whole, slot = match.group(0), match.group(1)
        if slot is None:
            return whole[0]
        return fill_slot(slot, variables)

    return TEMPLATE.sub(fill, text)


def format_value(value: object) -> str:
    """How a variable's value reads in text: 1234, 0.35, 12.5, 'team'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer() or abs(value) >= 100:
            return str(int(round(value)))
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)
