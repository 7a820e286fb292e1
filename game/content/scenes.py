"""Loading scene and event files (``scenes/<role>/*.toml``, ``events/*.toml``).

Turns each ``[[scene]]`` / ``[[event]]`` table into a frozen ``Scene`` or ``Event`` with its
conditions parsed and effects typed, recording every mistake with file and line. Cross-file
checks (missing targets, unknown ids) live in ``game.content.loader``. Never imports textual.
"""

from __future__ import annotations

from game.content.assumes import parse_assumes
from game.content.effects import Effect, parse_effect
from game.content.errors import ContentError
from game.content.expr import Condition, parse_condition
from game.content.fields import Table
from game.content.files import LineIndex, parse_toml
from game.content.model import Choice, Event, Scene
from game.content.names import SCENE_ROLES, SEASONS, YEARS, parse_season_stamp

COMMON_KEYS = ("id", "role", "when", "priority", "title", "speaker", "sources", "text", "choice", "assumes",
               "repeatable")
SCENE_KEYS = COMMON_KEYS + ("year", "season")
EVENT_KEYS = COMMON_KEYS + ("trigger", "from", "until", "once")
CHOICE_KEYS = ("label", "when", "effects", "next", "result", "requires")


def load_passages(text: str, name: str, kind: str, errors: list[ContentError]) -> list:
    """All scenes (kind 'scene') or events (kind 'event') of one file's text."""
    try:
        data = parse_toml(text, name)
    except ContentError as error:
        errors.append(error)
        return []
    lines = LineIndex(text)
    for key in data:
        if key != kind:
            errors.append(ContentError(f"unknown top-level key '{key}'; expected [[{kind}]]",
                                       name, lines.key(key, 1) or 1))
    entries = data.get(kind, [])
    if not isinstance(entries, list):
        errors.append(ContentError(f"write {kind}s as [[{kind}]] tables", name, 1))
        return []
    out = []
    for i, entry in enumerate(entries):
        start, end = lines.entry_span(kind, i)
        table = Table(entry, name, lines, start, end, kind, errors)
        table.start = table.line("id") if "id" in table.data else start
        item = _passage(table, kind, i)
        if item is not None:
            out.append(item)
    return out


def _passage(table: Table, kind: str, index: int) -> Scene | Event | None:
    table.only(SCENE_KEYS if kind == "scene" else EVENT_KEYS)
    ident = table.ident()
    role = table.choice_of("role", SCENE_ROLES, required=kind == "scene", default="any")
    title = table.text("title")
    text = table.text("text")
    table.template("text", text)
    table.template("title", title)
    when = table.parsed("when", parse_condition)
    priority = table.integer("priority", default=0)
    speaker = table.text("speaker", required=False)
    sources = table.strings("sources")
    choices = _choices(table, kind, index, role)
    assumes = parse_assumes(table, "assumes", role)
    repeatable = table.boolean("repeatable")
    common = dict(
        id=ident or "", role=role, title=title or "", text=text or "", choices=choices,
        priority=priority or 0, speaker=speaker, sources=sources, file=table.file,
        line=table.start, assumes=assumes,
    )
    if kind == "scene":
        year = table.choice_of("year", YEARS, required=False)
        season = table.choice_of("season", SEASONS, required=False)
        if ("year" in table.data) != ("season" in table.data):
            table.fail("give both year and season, or neither (for a scene reached by next)",
                       "year" if "year" in table.data else "season")
        return Scene(year=year, season=season, when=when, repeatable=repeatable, **common) if table.ok else None
    trigger = table.parsed("trigger", parse_condition)
    if "trigger" not in table.data:
        table.fail("event is missing 'trigger'")
    if "when" in table.data:
        table.fail("events use 'trigger', not 'when'", "when")
    start = _stamp(table, "from")
    end = _stamp(table, "until")
    if start is not None and end is not None and end < start:
        table.fail("'until' is before 'from'", "until")
    once = table.boolean("once", default=True)
    if "once" in table.data and "repeatable" in table.data:
        table.fail("give 'repeatable' only; 'once' is the old spelling of its opposite", "once")
    repeatable = repeatable or not once
    if not table.ok or trigger is None:
        return None
    return Event(trigger=trigger, start=start, end=end, once=not repeatable, repeatable=repeatable, **common)


def _stamp(table: Table, key: str) -> int | None:
    value = table.data.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return parse_season_stamp(value)
    except ValueError:
        table.fail(f"'{key}' must look like '1954-autumn' (a year 1953-1956 and a season)", key)
        return None


def _choices(table: Table, kind: str, index: int, role: str | None) -> tuple[Choice, ...]:
    raw = table.data.get("choice")
    if raw is None:
        table.fail(f"dead end: {kind} has no choices (add [[{kind}.choice]] tables)")
        return ()
    if not isinstance(raw, list) or not raw:
        table.fail(f"write choices as [[{kind}.choice]] tables", "choice")
        return ()
    out = []
    for j, entry in enumerate(raw):
        start = table.lines.sub_entry(kind, index, "choice", j)
        nxt = table.lines.sub_entry(kind, index, "choice", j + 1) if j + 1 < len(raw) else None
        end = nxt if nxt and nxt != start else table.end
        sub = Table(entry, table.file, table.lines, start, end, "choice", table.errors)
        sub.only(CHOICE_KEYS)
        label = sub.text("label")
        sub.template("label", label)
        result = sub.text("result", required=False)
        sub.template("result", result)
        when: Condition | None = sub.parsed("when", parse_condition)
        effects = _effects(sub)
        target = sub.text("next", required=False)
        requires = parse_assumes(sub, "requires", role)
        if not sub.ok:
            table.ok = False
            continue
        out.append(Choice(label or "", when, effects, target, result, start, requires))
    return tuple(out)


def _effects(sub: Table) -> tuple[Effect, ...]:
    raw = sub.data.get("effects", [])
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        sub.fail("'effects' must be a list of quoted effects", "effects")
        return ()
    out = []
    for item in raw:
        line = sub.lines.find(str(item), sub.line("effects"), sub.end)
        effect = sub.parsed("effects", parse_effect, value=item, line=line)
        if effect is not None:
            out.append(effect)
    return tuple(out)
