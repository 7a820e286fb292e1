"""What people type and what the game prints back: one parser for typed numbers and the rules
for showing a user-supplied string safely.

Every prompt and command of both front ends (and the command line) reads numbers through
``parse_whole`` or ``parse_amount``: ASCII digits only, at most ``MAX_DIGITS`` of them, so a
superscript "²", a circled "⑦" or a 5,000-digit line is refused with one sentence instead of a
traceback. Every string that came from a user or a file (a name, an answer, an id, a file name)
goes through ``visible`` before it reaches a terminal, ``quote`` before it goes into an error
message, and ``csv_cell`` before it goes into a spreadsheet.

This module must never import textual, numpy or anything of the game: it sits below every layer.
"""

from __future__ import annotations

import re
import unicodedata

MAX_DIGITS = 18  # below 2**63; far above any count, amount or seed the game accepts
MAX_QUOTE = 80  # characters of a bad value quoted in a message
MAX_LINE = 300  # characters of an error line

_WHOLE = re.compile(r"[0-9]+")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
# bidirectional overrides and isolates reorder what follows them on a terminal: made visible too
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}


class NumberError(ValueError):
    """A typed value that is not a number the game accepts; the message is one sentence."""


def _check_shape(text: str, pattern: re.Pattern[str], example: str) -> str:
    clean = text.strip()
    if not clean:
        raise NumberError(f"Type a number with the digits 0-9, for example {example}.")
    if len(clean) > MAX_DIGITS + 2:
        raise NumberError(f"{quote(clean, 20)} is too long for a number here; type at most {MAX_DIGITS} digits.")
    if not pattern.fullmatch(clean):
        raise NumberError(f"{quote(clean)} is not a number; type it with the digits 0-9, for example {example}.")
    return clean


def parse_whole(text: str, low: int | None = None, high: int | None = None, what: str = "a number") -> int:
    """A whole number typed by a person: ASCII digits only, at most ``MAX_DIGITS`` of them, and
    within ``low``..``high`` when given. Raises ``NumberError`` with one sentence otherwise."""
    clean = _check_shape(text, _WHOLE, str(low if low is not None else 1))
    value = int(clean)
    _check_range(value, low, high, what)
    return value


def parse_amount(text: str, low: float | None = None, high: float | None = None, what: str = "a number",
                 percent: bool = False) -> float:
    """A decimal amount typed by a person ("100", "0.6", with ``percent`` also "85%"); ASCII
    digits and one decimal point only. Raises ``NumberError`` with one sentence otherwise."""
    raw = text.strip()
    if percent and raw.endswith("%"):
        raw = raw[:-1].rstrip()
    clean = _check_shape(raw, _AMOUNT, "100")
    value = float(clean)
    _check_range(value, low, high, what)
    return value


def _check_range(value: float, low: float | None, high: float | None, what: str) -> None:
    if low is not None and high is not None and not low <= value <= high:
        raise NumberError(f"{what[:1].upper() + what[1:]} must be from {_num(low)} to {_num(high)}, not {_num(value)}.")
    if low is not None and value < low:
        raise NumberError(f"{what[:1].upper() + what[1:]} must be at least {_num(low)}.")
    if high is not None and value > high:
        raise NumberError(f"{what[:1].upper() + what[1:]} must be at most {_num(high)}, not {_num(value)}.")


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"


# ------------------------------------------------------------------ safe output
def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def is_control(char: str) -> bool:
    """True for a character a terminal would act on instead of print (C0, DEL, C1, bidi controls)."""
    return unicodedata.category(char) == "Cc" or char in _BIDI


def visible(text: object, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), so a name from a save
    cannot move the cursor, recolour the terminal or reorder a line. With ``keep_newlines``, line
    breaks and tabs of multi-line text are kept."""
    text = str(text)
    if not any(is_control(c) for c in text):
        return text
    keep = "\n\t" if keep_newlines else ""
    return "".join(c if c in keep or not is_control(c) else _escape(c) for c in text)


def quote(value: object, limit: int = MAX_QUOTE) -> str:
    """A bad value as an error message quotes it: visible, on one line, at most ``limit``
    characters (cut with '...'), in single quotes."""
    text = visible(value)
    if len(text) > limit:
        text = text[: max(limit - 3, 1)] + "..."
    return f"'{text}'"


def one_line(message: object, limit: int = MAX_LINE) -> str:
    """An error message as printed: control characters visible, one line, at most ``limit``."""
    text = " ".join(visible(message, keep_newlines=True).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def csv_cell(text: object) -> str:
    """A spreadsheet cell that cannot be a formula: a leading = + - @ (or tab, carriage return)
    gets a leading apostrophe, as OWASP recommends; control characters are made visible."""
    value = visible(text)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


_CONSONANT_SOUND = re.compile(r"^(?:uni|use|usu|uto|eu|one|once|ewe)", re.I)  # a vowel letter, a consonant sound
_VOWEL_SOUND = re.compile(r"^(?:hour|honest|honou?r|heir|\d*8|11\b|18\b)", re.I)  # the other way round


def article(phrase: str) -> str:
    """'a' or 'an' for a phrase, by the sound of its first word ('an upper-middle', 'a union',
    'an hour', 'an 8-mu plot'): the one rule for every sentence the game and its content build."""
    word = phrase.strip()
    if not word:
        return "a"
    if _VOWEL_SOUND.match(word):
        return "an"
    if _CONSONANT_SOUND.match(word):
        return "a"
    return "an" if word[0].lower() in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """'an upper-middle peasant', 'a poor peasant', 'an assignment file', 'a unit', 'an hour'."""
    return f"{article(phrase)} {phrase}"
