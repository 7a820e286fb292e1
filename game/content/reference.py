"""Loading the village's people and the reference material.

Reads ``characters.toml``, ``documents/*.md`` (Markdown with a TOML header between ``+++``
lines), ``glossary.toml``, ``sources.toml`` and ``timeline.toml`` into frozen values,
recording every mistake with file and line. The glossary, sources and timeline accept the
array-of-tables names given in the README (and a few synonyms, since several writers share
them). Never imports textual.
"""

from __future__ import annotations

import re
from typing import Any

from game.content.errors import ContentError
from game.content.fields import Table
from game.content.files import LineIndex, parse_toml
from game.content.model import Character, Document, GlossaryEntry, Relative, Source, TimelineEntry
from game.content.names import HOUSEHOLD_CLASSES, SEASONS

CHARACTER_CLASSES = HOUSEHOLD_CLASSES + ("cadre",)
CHARACTER_KEYS = ("id", "name", "hanzi", "class", "role_in_village", "household", "bio", "voice",
                  "land", "persons", "labour", "animals", "born", "pronoun", "aliases", "relative")
RELATIVE_KEYS = ("who", "called", "born")
BORN_PATTERN = re.compile(r"^(1[89]\d\d)(-(" + "|".join(SEASONS) + r"))?$")
ENDOWMENT_LIMITS = {"land": (1.0, 60.0), "persons": (1, 12), "labour": (0.3, 6.0), "animals": (0.0, 4.0)}
DOCUMENT_KEYS = ("id", "title", "date", "author", "provenance", "sources", "kind", "url", "note")


def _tables(text: str, name: str, names: tuple[str, ...], errors: list[ContentError]
            ) -> list[Table]:
    """The entries of the first array-of-tables in ``names`` found in a file."""
    try:
        data = parse_toml(text, name)
    except ContentError as error:
        errors.append(error)
        return []
    lines = LineIndex(text)
    key = next((k for k in names if k in data), None)
    if key is None:
        errors.append(ContentError(f"expected [[{names[0]}]] tables", name, 1))
        return []
    for other in data:
        if other != key:
            errors.append(ContentError(f"unknown top-level key '{other}'", name,
                                       lines.key(other, 1) or 1))
    entries = data[key]
    if not isinstance(entries, list):
        errors.append(ContentError(f"write entries as [[{key}]] tables", name, 1))
        return []
    out = []
    for i, entry in enumerate(entries):
        start, end = lines.entry_span(key, i)
        out.append(Table(entry, name, lines, start, end, key, errors))
    return out


def _first(table: Table, keys: tuple[str, ...], required: bool = True) -> str:
    """The first present string among synonymous keys (e.g. 'gloss' or 'meaning')."""
    for key in keys:
        if key in table.data:
            return table.text(key) or ""
    if required:
        table.fail(f"{table.what} is missing '{keys[0]}'")
    return ""


def load_characters(text: str, name: str, errors: list[ContentError]) -> list[Character]:
    out = []
    for table in _tables(text, name, ("character",), errors):
        table.start = table.line("id") if "id" in table.data else table.start
        table.only(CHARACTER_KEYS)
        character = Character(
            id=table.ident() or "",
            name=table.text("name") or "",
            hanzi=table.text("hanzi") or "",
            social_class=table.choice_of("class", CHARACTER_CLASSES) or "",
            role_in_village=table.text("role_in_village") or "",
            household=table.boolean("household"),
            bio=table.text("bio") or "",
            voice=table.text("voice") or "",
            file=name,
            line=table.start,
            born=_born(table, table.data.get("born"), "born"),
            pronoun=table.choice_of("pronoun", ("he", "she"), required=False),
            aliases=table.strings("aliases"),
            relatives=_relatives(table),
            **_endowment(table),
        )
        if table.ok:
            out.append(character)
    return out


def _born(table: Table, value: Any, key: str) -> str | None:
    """A birth date: a year, or a year and the season ('1940-summer')."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not BORN_PATTERN.match(value):
        table.fail(f"'{key}' must be a year or a year and season, like \"1940\" or \"1940-summer\"", key)
        return None
    return value


def _relatives(table: Table) -> tuple[Relative, ...]:
    """``[[character.relative]]`` entries: family members the prose gives an age."""
    entries = table.data.get("relative", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        table.fail("write relatives as [[character.relative]] tables", "relative")
        return ()
    out = []
    for entry in entries:
        unknown = [k for k in entry if k not in RELATIVE_KEYS]
        if unknown:
            table.fail(f"unknown key '{unknown[0]}' in a relative (use {', '.join(RELATIVE_KEYS)})", "relative")
        who, called, born = entry.get("who"), entry.get("called", []), entry.get("born")
        if not isinstance(who, str) or not isinstance(called, list) or not all(isinstance(c, str) for c in called):
            table.fail("a relative needs 'who' (a string) and 'called' (a list of strings)", "relative")
            continue
        date = _born(table, born, "born")
        if date is None:
            if born is None:
                table.fail(f"the relative '{who}' needs 'born'", "relative")
            continue
        out.append(Relative(who, tuple(called), date))
    return tuple(out)


def _endowment(table) -> dict:
    """A playable household's land, persons, labour and animals: required, within plausible limits."""
    out = {}
    playable = table.data.get("household") is True
    partial = any(k in table.data for k in ENDOWMENT_LIMITS)  # the model uses all four or none
    for key, (low, high) in ENDOWMENT_LIMITS.items():
        value = table.data.get(key)
        if value is None:
            if playable:
                table.fail(f"a playable household needs '{key}' (its endowment in the model)")
            elif partial:
                table.fail(f"give '{key}' too: the model gives a household all of land, persons, "
                           "labour and animals from the sheet, or none")
            continue
        whole = key == "persons"
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)) or not low <= value <= high:
            kind = "a whole number" if whole else "a number"
            table.fail(f"'{key}' must be {kind} from {low:g} to {high:g}", key)
            continue
        out[key] = int(value) if whole else float(value)
    return out


def load_document(text: str, name: str, errors: list[ContentError]) -> Document | None:
    """One ``documents/<id>.md`` file: a ``+++`` TOML header, then the Markdown body."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "+++":
        errors.append(ContentError("a document starts with a TOML header between +++ lines",
                                   name, 1))
        return None
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        errors.append(ContentError("the TOML header has no closing +++ line", name, 1))
        return None
    header_text = "\n".join(lines[1:close])
    try:
        header = parse_toml(header_text, name)
    except ContentError as error:
        errors.append(error.located(name, None) if error.line is None else
                      ContentError(error.message, name, error.line + 1))
        return None
    index = LineIndex("\n" + header_text)  # line numbers match the file (header starts at 2)
    table = Table(header, name, index, 1, close + 1, "document header", errors)
    table.only(DOCUMENT_KEYS)
    body = "\n".join(lines[close + 1:]).strip()
    if not body:
        table.fail("the document has no text after its header", line=close + 1)
    document = Document(
        id=table.ident() or "",
        title=table.text("title") or "",
        date=table.text("date") or "",
        author=table.text("author") or "",
        provenance=table.text("provenance") or "",
        sources=table.strings("sources"),
        body=body,
        kind=table.text("kind", required=False, default="") or "",
        url=table.text("url", required=False, default="") or "",
        file=name,
        line=table.line("id"),
    )
    return document if table.ok else None


def load_glossary(text: str, name: str, errors: list[ContentError]) -> list[GlossaryEntry]:
    out = []
    for table in _tables(text, name, ("term", "entry", "glossary"), errors):
        term = _first(table, ("term", "english", "en", "word"))
        ident = table.ident() if "id" in table.data else term.lower().replace(" ", "_")
        table.start = table.line("id") if "id" in table.data else table.line(None)
        entry = GlossaryEntry(
            id=ident or "",
            term=term,
            hanzi=_first(table, ("hanzi", "chinese", "characters"), required=False),
            pinyin=_first(table, ("pinyin",), required=False),
            gloss=_first(table, ("gloss", "meaning", "definition", "text")),
            sources=table.strings("sources") + table.strings("source"),
            file=name,
            line=table.start,
        )
        if table.ok:
            out.append(entry)
    return out


def load_sources(text: str, name: str, errors: list[ContentError]) -> list[Source]:
    out = []
    for table in _tables(text, name, ("source", "sources"), errors):
        ident = table.text("id")
        table.start = table.line("id") if "id" in table.data else table.start
        citation = _first(table, ("citation", "text", "reference", "title"))
        author = table.data.get("author")
        if isinstance(author, str) and "citation" not in table.data and author not in citation:
            citation = f"{author}, {citation}"
        entry = Source(
            id=ident or "",
            citation=citation,
            url=_first(table, ("url", "link"), required=False),
            note=_first(table, ("note", "notes", "gist", "summary"), required=False),
            file=name,
            line=table.start,
        )
        if table.ok:
            out.append(entry)
    return out


def load_timeline(text: str, name: str, errors: list[ContentError]) -> list[TimelineEntry]:
    out = []
    for table in _tables(text, name, ("event", "entry", "timeline"), errors):
        date = _date(table)
        entry = TimelineEntry(
            date=date,
            title=_first(table, ("title", "event", "name", "text")),
            text=_first(table, ("text", "description", "summary", "why", "detail"),
                        required=False),
            sources=table.strings("sources") + table.strings("source"),
            file=name,
            line=table.line("date"),
        )
        if table.ok:
            out.append(entry)
    return out


def _date(table: Table) -> str:
    value: Any = table.data.get("date")
    if value is None:
        table.fail("timeline entry is missing 'date'")
        return ""
    return str(value)  # a quoted string or a TOML date both read naturally
