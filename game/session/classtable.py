"""The class table: check every hand-in in a folder (saves and HTML reports, and the folders one
level down, where ``hightide serve`` keeps each student's saves) and summarise one row per
student: the status (complete, stopped at a stop point, abandoned), the record (signed,
unsigned, bad signature), the household, the season reached, the decisions that changed
something, the answers with their questions, and a short class summary. As text, CSV, Markdown
or one printable HTML page with charts.

Nothing is silently counted: a save that does not verify, a bad signature, a game made for
another assignment and both saves of a duplicated game (the same game id under two names, with
which was saved first) are flagged; branches, replays and other files that are not a student's
own game are left out and listed. "Students" counts distinct games and names: a copied game is
one game, however many names it carries. Never imports textual.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from game.session import signing, views
from game.session.actions import EndSeason
from game.session.assignment import Assignment, AssignmentError, content_hash, decode, same_assignment
from game.session.handin import Handin, is_report, open_handin
from game.session.report import (CHINA, INK, OTHER, OTHER_VERSION, VILLAGE, Chart, Line, belongs, changes, svg,
                                 time_on_task, when)
from game.sim.params import LOWER, N_SEASONS, STANCES, season_label
from game.typed import csv_cell, visible

OUTPUTS = ("class-table.csv", "class-table.md", "class-table.html")
MAX_FILES = 2_000  # hand-ins looked at in one class folder
COLUMNS = ("student", "file", "status", "check", "record", "role", "household", "reached", "joined a co-op",
           "decisions", "co-op share", "family fed (jin/head)", "standing", "career", "trust", "started", "time on task",
           "percentile", "choice or luck", "top decision")
# the debrief's comparison in the class table: the same 1,000 villages as the student's own report
# (one measurement per game in a process: the report and the table share it)
CLASS_VILLAGES = 1000


@dataclass
class Row:
    values: dict[str, str]
    counted: bool
    joined: str | None  # the season the household first was in a co-op (peasant games)
    flags: list[str] = field(default_factory=list)  # why it is not counted
    notes: list[str] = field(default_factory=list)  # worth knowing, counted anyway
    handin: Handin | None = None
    answers: dict[str, str] = field(default_factory=dict)
    status: str = ""  # complete | stopped | abandoned | unfinished | ""
    group: int = -1  # rows of one student (same game id or the same name) share a group
    extra: str = ""  # another file of a game counted in another row (the same student's): why not counted twice

    @property
    def session(self):
        return self.handin.verdict.session if self.handin is not None else None


@dataclass
class ClassTable:
    folder: Path
    assignment: Assignment | None
    rows: list[Row]
    ignored: list[tuple[str, str]]  # (file, why it is not a student's game)
    key: signing.SigningKey | None
    assignment_note: str = ""

    @property
    def students(self) -> int:
        """Distinct students: groups with at least one verified game for the assignment."""
        return len({r.group for r in self.rows if r.group >= 0 and r.handin is not None and r.handin.verdict.ok
                    and not any(f.startswith("made for a different assignment") for f in r.flags)})


# ------------------------------------------------------------------ finding the hand-ins
def hand_ins(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Saves and reports in ``folder`` and its sub-folders (one level), and the files skipped."""
    found, skipped = [], []
    folder = Path(folder)
    places = [folder] + sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    for place in places:
        try:
            entries = sorted(place.iterdir())
        except OSError:
            continue
        for path in entries:
            name = path.name
            if name.startswith(".") or not path.is_file() or name in OUTPUTS:
                continue
            if name.endswith(".json") or is_report(path):
                found.append(path)
            if len(found) > MAX_FILES:
                skipped.append((str(place), f"more than {MAX_FILES:,} files: the rest were not looked at"))
                return found[:MAX_FILES], skipped
    return found, skipped


def shown(folder: Path, path: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return path.name


# ------------------------------------------------------------------ the rows
def rows_for(folder: Path, assignment: Assignment | None = None, assets: Path | None = None,
             key: signing.SigningKey | None = None, infer: bool = True) -> ClassTable:
    """Check every hand-in in ``folder``. Without ``assignment`` (and with ``infer``), the
    assignment most games name is looked for: in a hand-in report, beside the saves, bundled."""
    folder = Path(folder)
    paths, ignored = hand_ins(folder)
    handins: list[tuple[str, Handin]] = []
    for path in paths:
        handin = open_handin(path, assets, key)
        verdict, save_file = handin.verdict, handin.verdict.save_file
        name = shown(folder, path)
        if save_file is not None and not save_file.original:
            _, _, t = (save_file.setup.origin.split(":") + ["", ""])[:3]
            ignored.append((name, f"a branch of {save_file.setup.player}'s game at "
                                  f"{season_label(int(t)) if t.isdigit() and int(t) < N_SEASONS else 'the end'}"
                                  " (one decision changed): not a student's own game"))
            continue
        if save_file is None and is_report(path) and "not a High Tide report" in verdict.message:
            ignored.append((name, "an HTML file with no save inside (not a hand-in, or a report from an older version)"))
            continue
        handins.append((name, handin))
    note = ""
    if assignment is None and infer:
        assignment, note = find_assignment(folder, [h for _, h in handins], assets)
    rows = [_row(name, handin, assignment) for name, handin in handins]
    _group(rows)
    return ClassTable(folder, assignment, rows, ignored, key, note)


def _status(session, assignment: Assignment | None) -> tuple[str, str]:
    """(status, in words): complete, stopped (at one of the assignment's stop points), or
    abandoned (quit before the next stop point); unfinished when the stop points are unknown."""
    played = len(session.logs)
    if session.finished:
        if session.removed_at is not None:
            return "complete", f"complete (removed from his post after {season_label(session.removed_at)})"
        return "complete", "complete"
    if played and assignment is not None and played - 1 in assignment.stop_after:
        return "stopped", f"stopped after {season_label(played - 1)} (a stop point)"
    where = f"after {season_label(played - 1)}" if played else "before the first season ended"
    if assignment is None:
        return "unfinished", f"unfinished, {where}"
    return "abandoned", f"abandoned {where}"


def _assignment_check(setup, assignment: Assignment | None) -> tuple[list[str], list[str]]:
    """(flags, notes) for a game against the class's assignment."""
    if assignment is None:
        return [], []
    if belongs(assignment, setup):
        if setup.assignment and setup.assignment.startswith("code-"):
            return [], ["started by code without the assignment file: its questions were not asked"]
        return [], []
    settings = (setup.scenario, setup.seed) == (assignment.scenario, assignment.seed) and \
        (assignment.role == "student chooses" or setup.role == assignment.role) and \
        (assignment.household is None or not assignment.lock_household or setup.household == assignment.household)
    if setup.assignment == assignment.id:
        if not settings:
            return ["settings differ from the assignment (another version of the file)"], []
        return [], ["played with another version of this assignment file (its text changed since)"]
    if setup.assignment and setup.assignment.startswith("code-"):
        try:
            coded = decode(setup.assignment.removeprefix("code-"))
        except AssignmentError:
            coded = None
        if coded is not None and same_assignment(coded, assignment):
            return [], []
    return [f"made for a different assignment ({setup.assignment or 'none'})"], []


def _row(name: str, handin: Handin, assignment: Assignment | None) -> Row:
    verdict = handin.verdict
    session = verdict.session
    values = {c: "" for c in COLUMNS}
    values["file"] = name
    flags: list[str] = []
    notes: list[str] = []
    if not verdict.ok:
        flags.append("NOT VERIFIED: " + verdict.message.rstrip("."))
    status, joined, answers = "", None, {}
    save_file = verdict.save_file
    if handin.signature is not None:
        state, sentence = handin.signature
        values["record"] = state
        if state == signing.BAD:
            flags.append(f"BAD SIGNATURE: {sentence}")
    elif save_file is not None:
        values["record"] = "older save (no game id, no times)"
    if handin.page == OTHER_VERSION:
        notes.append("the page of this report was written by another version of High Tide and could not be compared "
                     "word for word: the table uses the save inside it, which verified")
    if session is not None:
        setup = session.setup
        more_flags, more_notes = _assignment_check(setup, assignment)
        flags += more_flags
        notes += more_notes
        if save_file is not None and save_file.format >= 2 and not setup.game_id:
            notes.append("no game id: written by a script, not started in the game")
        status, values["status"] = _status(session, assignment)
        last = session.logs[-1] if session.logs else None
        h = session.household
        values.update({
            "student": setup.player, "role": setup.role,
            "household": session.names[h] if h is not None else "the township secretary",
            "reached": "Epilogue" if session.finished else (season_label(len(session.logs) - 1) if session.logs else "-"),
            "co-op share": f"{last.indicators['coop_share']:.0%}" if last else "-",
            "family fed (jin/head)": f"{last.flows['eaten_per_person'][h]:.0f}" if last and h is not None else "-",
            "standing": f"{int(round(session.standing)):+d}", "career": f"{session.state.career[0]:+.0f}",
            "trust": f"{last.indicators['trust']:.0%}" if last else "-",
            "started": when(setup.started) if setup.started else "-",
        })
        ends = [a.at for _, a in session.actions if isinstance(a, EndSeason) and a.at]
        task = time_on_task(setup.started, ends)
        values["time on task"] = f"about {task[0]} min in {task[1]} sitting(s)" if task else "-"
        if h is not None:
            for log in session.logs:
                if log.forms[h] >= LOWER:
                    joined = season_label(log.t)
                    break
            values["joined a co-op"] = joined or "never"
        values["decisions"] = "; ".join(f"{season_label(t) if t < N_SEASONS else 'Epilogue'}: {text}"
                                        for t, text in key_decisions(session)) or "-"
        answers = dict(session.answers)
        values.update(debrief_cells(session))
    row = Row(values, False, joined, flags, notes, handin, answers, status)
    _recheck(row)
    return row


def debrief_cells(session, villages: int | None = None) -> dict[str, str]:
    """Issue 14 for the teacher: where the student's ending falls among ``villages`` villages that
    played the same choices (default ``CLASS_VILLAGES``, read when called), how much of it was the
    student's own decisions, and the decision that moved it most."""
    from game.session import debrief

    villages = CLASS_VILLAGES if villages is None else villages
    if not session.logs:
        return {"percentile": "-", "choice or luck": "-", "top decision": "-"}
    result = debrief.debrief(session, villages)
    shown = ("wealth", "fed_seasons") if session.setup.role == "peasant" else ("career", "coop_share")
    top = result.top(1)
    share = debrief.choice_share(result)
    return {
        "percentile": ", ".join(f"{debrief.SHORT[k]} {_ordinal(round(result.distributions[k].percentile))}"
                                for k in shown) + " percentile",
        "choice or luck": f"{share:.0%} decisions, {1 - share:.0%} weather",
        "top decision": f"{top[0].label} ({debrief.effect_words(top[0], result.role, 2)})" if top else "none moved the ending",
    }


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def key_decisions(session) -> list[tuple[int, str]]:
    """The decisions that changed something, without the scenes' answers (the report has those)."""
    from game.session.actions import ChooseScene
    from game.session.report import describe

    scenes = {describe(session, a) for _, a in session.actions if isinstance(a, ChooseScene)}
    return [(t, text) for t, text in changes(session) if text not in scenes]


def _recheck(row: Row) -> None:
    row.counted = not row.flags and not row.extra
    parts = ["verified" if row.handin is not None and row.handin.verdict.ok else "NOT VERIFIED"]
    parts += [f for f in row.flags if not f.startswith("NOT VERIFIED")]
    row.values["check"] = "; ".join(parts + ([row.extra] if row.extra else []) + row.notes)


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def _saved(row: Row) -> str:
    save_file = row.handin.verdict.save_file if row.handin is not None else None
    return save_file.saved_at if save_file is not None else ""


def _order(row: Row) -> tuple:
    moment = None
    try:
        moment = datetime.fromisoformat(_saved(row))
        moment = moment.timestamp() if moment.tzinfo else moment.replace(tzinfo=None).timestamp()
    except (ValueError, TypeError):
        moment = float("inf")
    return (moment, row.values["file"])


def _group(rows: list[Row]) -> None:
    """Join rows of one game (same game id, or the same chain for saves without an id) and of one
    name; flag copies (one game, several names) and extra games under one name."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    by_game: dict[object, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        session = row.session
        if session is None or row.handin is None or not row.handin.verdict.ok:
            continue
        game = session.setup.game_id or ("chain", tuple(session.digests))
        by_game.setdefault(game, []).append(i)
        by_name.setdefault(_norm(session.setup.player), []).append(i)
    for members in list(by_game.values()) + list(by_name.values()):
        for i in members[1:]:
            union(members[0], i)
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        if rows[i].session is not None and rows[i].handin is not None and rows[i].handin.verdict.ok:
            groups.setdefault(find(i), []).append(i)
    for number, members in enumerate(groups.values()):
        for i in members:
            rows[i].group = number
    for members in by_game.values():
        names = {_norm(rows[i].session.setup.player) for i in members}
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda i: _order(rows[i]))
        first = rows[ordered[0]]
        if len(names) > 1:
            under: dict[str, list[str]] = {}
            for j in ordered:
                under.setdefault(rows[j].values["student"], []).append(rows[j].values["file"])
            claims = "; ".join(f"{who} ({', '.join(files)})" for who, files in under.items())
            for i in members:
                rows[i].flags.append(f"COPIED GAME: one game (id {rows[i].session.setup.game_id or 'none'}) under "
                                     f"{len(under)} names: {claims}; saved first by {first.values['student']} "
                                     f"({first.values['file']}, {when(_saved(first))})")
        else:
            best = max(members, key=lambda i: (len(rows[i].session.logs), rows[i].session.finished, _order(rows[i])))
            for i in members:
                if i != best:
                    rows[i].extra = (f"another copy of the game in {rows[best].values['file']} (the same student's, "
                                     "as far or further on there): not counted twice")
    for members in by_name.values():
        games = {rows[i].session.setup.game_id or tuple(rows[i].session.digests) for i in members}
        if len(games) < 2:
            continue
        files = ", ".join(rows[i].values["file"] for i in members)
        for i in members:
            rows[i].notes.append(f"{len(games)} different games under this name ({files}): the teacher decides which counts")
    # the same choices in two different games: worth a look, not a verdict
    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        if row.group < 0:
            continue
        choices = tuple((t, repr(a)) for t, a in row.session.actions if not isinstance(a, EndSeason))
        if len(choices) < 10:
            continue
        if choices in seen and rows[seen[choices]].group != row.group:
            other = rows[seen[choices]]
            row.notes.append(f"every choice and answer identical to {other.values['file']} ({other.values['student']})")
            other.notes.append(f"every choice and answer identical to {row.values['file']} ({row.values['student']})")
        seen.setdefault(choices, i)
    for row in rows:
        _recheck(row)


# ------------------------------------------------------------------ the summary
def summary(table: ClassTable) -> list[str]:
    rows = table.rows
    counted = [r for r in rows if r.counted]
    extra = [r for r in rows if r.extra and not r.flags]
    lines = [f"{len(rows)} hand-in(s) from {table.students} student(s): {len(counted)} counted, "
             f"{len(rows) - len(counted) - len(extra)} flagged, {len(extra)} extra copy(ies) of a student's own game; "
             f"{len(table.ignored)} file(s) left out (not a student's own game)."]
    if table.assignment_note:
        lines.append(table.assignment_note)
    records = Counter(r.values["record"] for r in rows if r.values["record"])
    if records:
        lines.append("Records: " + ", ".join(f"{n} {state}" for state, n in sorted(records.items())) + "."
                     + ("" if table.key is not None else " (No signing key in this folder: signatures were not checked.)"))
    statuses = Counter(r.status for r in counted if r.status)
    if statuses:
        lines.append("Status: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) + ".")
    joins = Counter(r.joined or "never" for r in counted if r.values["role"] == "peasant")
    if joins:
        order = {season_label(t): t for t in range(N_SEASONS)}
        lines.append("When households first were in a co-op: " + ", ".join(
            f"{k} {v}" for k, v in sorted(joins.items(), key=lambda kv: order.get(kv[0], 99))) + ".")
    shares = [float(r.values["co-op share"].rstrip("%")) for r in counted if r.values["co-op share"] not in ("", "-")]
    if shares:
        lines.append(f"Village co-op share at the last season played: lowest {min(shares):.0f}%, highest {max(shares):.0f}%.")
    luck = [(float(r.values["choice or luck"].split("%")[0]), r.values["student"]) for r in counted
             if r.values["choice or luck"] not in ("", "-")]
    if len(luck) >= 2:
        most, least = max(luck), min(luck)
        lines.append(f"Choice or luck (each student's choices replayed in {CLASS_VILLAGES} villages): the ending most "
                     f"the student's own doing was {most[1]}'s ({most[0]:.0f}% decisions), the one most the weather's "
                     f"was {least[1]}'s ({100 - least[0]:.0f}% weather).")
    for r in rows:
        if r.flags:
            lines.append(f"Flagged: {r.values['file']}: {'; '.join(r.flags).rstrip('.')}.")
    for r in extra:
        lines.append(f"Extra copy: {r.values['file']}: {r.extra}.")
    for r in rows:
        if r.counted and r.notes:
            lines.append(f"Note: {r.values['file']}: {'; '.join(r.notes).rstrip('.')}.")
    for name, why in table.ignored:
        lines.append(f"Left out: {name}: {why}.")
    return lines


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9,.]*%?|-")


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a value starting with = + - @ (a student's name, an
    answer, a file name) cannot become a formula; the game's own numbers (+3, -2, 45%) stay."""
    return value if _PLAIN_NUMBER.fullmatch(value) else csv_cell(value)


def questions(table: ClassTable) -> list[tuple[str, str]]:
    """(id, heading) of every question: the assignment's, then any other id answered."""
    out = [(q.id, f"{q.id} ({q.when}): {q.text}") for q in table.assignment.questions] if table.assignment else []
    known = {q for q, _ in out}
    for row in table.rows:
        for q in row.answers:
            if q not in known:
                known.add(q)
                out.append((q, f"{q} (its text is in the assignment file, which was not given)"))
    return out


def to_csv(table: ClassTable) -> str:
    out = io.StringIO()
    qs = questions(table)
    writer = csv.writer(out)
    writer.writerow(list(COLUMNS) + [f"answer to {heading}" for _, heading in qs])
    for r in table.rows:
        writer.writerow([_cell(r.values[c]) for c in COLUMNS] + [_cell(r.answers.get(q, "")) for q, _ in qs])
    return out.getvalue()


SHORT = ("student", "status", "check", "household", "reached", "joined a co-op", "decisions", "percentile",
         "choice or luck", "top decision")


def title(table: ClassTable) -> str:
    return table.assignment.title if table.assignment is not None else f"the games in {table.folder.name}"


def to_markdown(table: ClassTable) -> str:
    esc = lambda s: visible(s).replace("|", "/")  # noqa: E731 - one table row, no control characters
    lines = [f"# Class table: {title(table)}", "", "## Summary", ""] + [f"- {visible(x)}" for x in summary(table)]
    lines += ["", "## Students", "", "| " + " | ".join(SHORT) + " |", "|" + "---|" * len(SHORT)]
    lines += ["| " + " | ".join(esc(r.values[c]) or "-" for c in SHORT) + " |" for r in table.rows]
    for q, heading in questions(table):
        lines += ["", f"## {visible(heading)}", ""]
        for r in table.rows:
            if r.session is not None:
                lines.append(f"- **{esc(r.values['student'])}**: {visible(r.answers.get(q, '(not answered)'))}")
    return "\n".join(lines) + "\n"


def to_text(table: ClassTable) -> str:
    lines = []
    for r in table.rows:
        lines.append(" | ".join(f"{c}: {visible(r.values[c]) or '-'}" for c in SHORT))
    return "\n".join(lines + [""] + summary(table))


# ------------------------------------------------------------------ the class page
def _ticks(low: float, high: float) -> list[float]:
    """Round tick values covering ``low``..``high`` (four to six of them)."""
    import math

    span = max(high - low, 1e-9)
    magnitude = 10 ** math.floor(math.log10(span))
    for base in (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0):
        step = base * magnitude
        if span / step <= 5:
            break
    first = math.floor(low / step) * step
    count = int(math.ceil(high / step - 1e-9) - math.floor(low / step)) + 1
    return [first + k * step for k in range(count)]


def _dots(axis: str, label: str, unit: str, points: list[tuple[str, float]], width: int = 420) -> str:
    """One ending axis: a dot per student on a scale with ticks and the unit; more is better."""
    e = html.escape
    row_h, left, right, top = 16, 130, 16, 30
    height = top + row_h * max(len(points), 1) + 34
    values = [v for _, v in points] or [0.0]
    percent = unit == "share"
    ticks = [0.0, 0.25, 0.5, 0.75, 1.0] if percent else _ticks(min(0.0, min(values)), max(values + [1.0]))
    low, high = ticks[0], ticks[-1]
    x = lambda v: left + (width - left - right) * (v - low) / (high - low)  # noqa: E731
    whole = all(float(t).is_integer() for t in ticks)
    fmt = (lambda v: f"{v:.0%}") if percent else (lambda v: f"{v:,.0f}" if whole or abs(v) >= 10 else f"{v:,.1f}")  # noqa: E731
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="{e(label)}: one dot per student">',
           f'<text x="4" y="14" font-size="12" font-weight="bold" fill="{INK}">{e(label[:1].upper() + label[1:])}</text>']
    base = top + row_h * max(len(points), 1)
    for v in ticks:
        out.append(f'<line x1="{x(v):.1f}" y1="{top - 4}" x2="{x(v):.1f}" y2="{base}" stroke="#ddd"/>')
        out.append(f'<text x="{x(v):.1f}" y="{base + 13}" font-size="10" text-anchor="middle" fill="{INK}">{e(fmt(v))}</text>')
    out.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="{INK}"/>')
    out.append(f'<text x="{(left + width - right) / 2:.1f}" y="{base + 27}" font-size="10" text-anchor="middle" fill="{INK}">'
               f'{e(unit or "points")} (more is better &#8594;)</text>')
    for i, (name, v) in enumerate(points):
        yy = top + row_h * i + row_h / 2
        out.append(f'<text x="{left - 6}" y="{yy + 3:.1f}" font-size="10" text-anchor="end" fill="{INK}">{e(name[:22])}</text>')
        out.append(f'<circle cx="{x(v):.1f}" cy="{yy:.1f}" r="4" fill="{VILLAGE}"><title>{e(name)}: {e(fmt(v))}</title></circle>')
    out.append("</svg>")
    return "".join(out)


def _bars(title_text: str, stacks: list[tuple[str, str, list[float]]], unit: str, width: int = 420, height: int = 230) -> str:
    """Stacked bars by season: stacks are (label, colour, a value per season)."""
    e = html.escape
    left, right, top, bottom = 40, 12, 26, 34 + 14 * ((len(stacks) + 1) // 2)
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s[2][t] for s in stacks) for t in range(N_SEASONS)]
    peak = max(totals + [1.0])
    step = max(1, int(-(-peak // 4)))
    peak = step * 4
    bar = plot_w / N_SEASONS
    y = lambda v: top + plot_h * (1 - v / peak)  # noqa: E731
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="{e(title_text)}">',
           f'<text x="{left}" y="14" font-size="12" font-weight="bold" fill="{INK}">{e(title_text)}</text>']
    for k in range(5):
        v = step * k
        out.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + plot_w}" y2="{y(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 4}" y="{y(v) + 3:.1f}" font-size="10" text-anchor="end" fill="{INK}">{v}</text>')
    out.append(f'<text x="11" y="{top + plot_h / 2:.1f}" font-size="10" text-anchor="middle" fill="{INK}" '
               f'transform="rotate(-90 11 {top + plot_h / 2:.1f})">{e(unit)}</text>')
    for t in range(N_SEASONS):
        base = 0.0
        for label, colour, values in stacks:
            v = values[t]
            if v > 0:
                out.append(f'<rect x="{left + bar * t + 2:.1f}" y="{y(base + v):.1f}" width="{bar - 4:.1f}" '
                           f'height="{y(base) - y(base + v):.1f}" fill="{colour}"><title>{season_label(t)}: {e(label)} '
                           f'{v:.0f}</title></rect>')
                base += v
        if t % 4 == 0:
            out.append(f'<text x="{left + bar * t:.1f}" y="{top + plot_h + 15}" font-size="10" fill="{INK}">spring {1953 + t // 4}</text>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{INK}"/>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{INK}"/>')
    d = left + bar * 9.5  # the speech fell within summer 1955
    out.append(f'<line x1="{d:.1f}" y1="{top}" x2="{d:.1f}" y2="{top + plot_h}" stroke="#b00" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{d + 3:.1f}" y="{top + 9}" font-size="9" fill="#b00">31 July 1955</text>')
    for i, (label, colour, _) in enumerate(stacks):
        lx = left + (i % 2) * (plot_w / 2)
        ly = top + plot_h + 30 + 14 * (i // 2)
        out.append(f'<rect x="{lx:.1f}" y="{ly - 8}" width="12" height="9" fill="{colour}"/>')
        out.append(f'<text x="{lx + 16:.1f}" y="{ly}" font-size="10" fill="{INK}">{e(label)}</text>')
    out.append("</svg>")
    return "".join(out)


STANCE_COLOURS = {"persuasion": "#4d9221", "demonstration": "#a1d76a", "pressure": "#f1a340", "coercion": "#b2182b"}


def class_charts(table: ClassTable) -> list[str]:
    """The class's endings on every axis of each role played, and the key decisions by season
    (households: how many first joined a co-op in each season; cadres: the recruitment stances)
    beside the village's and China's co-op share."""
    from game.content.national import national_record

    counted = [r for r in table.rows if r.counted and r.session is not None]
    out = []
    for role in ("peasant", "cadre"):
        games = [r for r in counted if r.session.setup.role == role]
        if not games:
            continue
        finished = [r for r in games if r.session.finished]
        who = "households" if role == "peasant" else "secretaries"
        out.append(f"<h3>Endings of the {who} ({len(finished)} of {len(games)} games finished; the others at their "
                   "last season played)</h3><div class=\"charts\">")
        endings = [(r.values["student"], views.ending_axes(r.session)) for r in games]
        for axis, label, unit in views.AXES[role]:
            points = [(name, ending[axis]) for name, ending in endings]
            out.append(f"<figure>{_dots(axis, label, unit, points)}</figure>")
        out.append("</div>")
        record = national_record(games[0].session.assets)
        shares = [tuple(log.indicators["coop_share"] for log in r.session.logs) for r in games]
        mean = tuple((sum(s[t] for s in shares if len(s) > t) / n) if (n := sum(len(s) > t for s in shares)) else None
                     for t in range(N_SEASONS))
        lines = [Line("their villages (mean)", mean, VILLAGE), Line("China (national record)", tuple(record.coop), CHINA, "2 3")]
        if role == "peasant":
            joined = [0.0] * N_SEASONS
            members = [0.0] * N_SEASONS
            for r in games:
                h = r.session.household
                first = next((log.t for log in r.session.logs if log.forms[h] >= LOWER), None)
                if first is not None:
                    joined[first] += 1
                for log in r.session.logs:
                    members[log.t] += log.forms[h] >= LOWER
            played = [sum(len(r.session.logs) > t for r in games) for t in range(N_SEASONS)]
            share = tuple(members[t] / played[t] if played[t] else None for t in range(N_SEASONS))
            lines.insert(0, Line("the class's households", share, OTHER))
            bars = _bars("When the class's households joined a co-op", [("first season in a co-op", OTHER, joined)],
                         "households")
        else:
            stacks = []
            for stance in STANCES:
                counts = [float(sum(1 for r in games if len(r.session.logs) > t
                                    and r.session.logs[t].levers.get("stance") == stance)) for t in range(N_SEASONS)]
                stacks.append((stance, STANCE_COLOURS[stance], counts))
            bars = _bars("The secretaries' recruitment stance, by season", stacks, "games")
        chart = Chart("Households in co-ops", "%", tuple(lines), True, axis="share of households")
        out.append(f"<h3>Key decisions by season, beside the village and China</h3><div class=\"charts\">"
                   f"<figure>{bars}</figure><figure>{svg(chart, 420)}</figure></div>")
    return out


PAGE_STYLE = ("body{font-family:Georgia,'Noto Serif',serif;margin:1.5em auto;max-width:70em;padding:0 1em;color:#111}"
              "table.class{border-collapse:collapse;font-size:.85em;width:100%}"
              "table.class td,table.class th{border:1px solid #bbb;padding:.2em .35em;vertical-align:top;text-align:left}"
              "table.class th{background:#eee}.flag{color:#900;font-weight:bold}.note{color:#555}"
              ".status-complete{color:#060}.status-stopped{color:#1f5fa8}.status-abandoned{color:#900}"
              ".charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0;break-inside:avoid}"
              "svg{max-width:100%;height:auto}.answer{white-space:pre-wrap}"
              "@media print{body{max-width:none;margin:0;font-size:9.5pt}.students{break-after:page}"
              "table.class tr,figure{break-inside:avoid}h2,h3{break-after:avoid}.report{break-before:page}}")


def to_html(table: ClassTable, reports: bool = True) -> str:
    """One printable page: summary, the table, the charts, the answers by question, what was left
    out, and (with ``reports``) every counted student's report, one per printed page."""
    from game.session.report import STYLE, from_session, html_body, verdict_text

    e = html.escape
    qs = questions(table)
    head = ["student", "status", "record", "household", "reached", "key decisions",
            f"percentile among {CLASS_VILLAGES} villages", "choice or luck", "top decision"] + [f"{q}" for q, _ in qs]
    body = [f"<h1>Class: {e(title(table))}</h1>"]
    body.append("<h2>Summary</h2><ul>" + "".join(f"<li>{e(x)}</li>" for x in summary(table)) + "</ul>")
    rows_html = []
    for r in table.rows:
        v = r.values
        check = "".join(f'<div class="flag">{e(f)}</div>' for f in r.flags) + \
            "".join(f'<div class="note">{e(n)}</div>' for n in r.notes)
        cells = [f"<b>{e(v['student'] or '?')}</b><br><small>{e(v['file'])}</small>{check}",
                 f'<span class="status-{e(r.status)}">{e(v["status"] or "-")}</span>',
                 e(v["record"] or "-"), e(v["household"] or "-"), e(v["reached"] or "-"),
                 "<br>".join(e(x) for x in v["decisions"].split("; ")) or "-",
                 e(v["percentile"] or "-"), e(v["choice or luck"] or "-"), e(v["top decision"] or "-")]
        cells += [f'<span class="answer">{e(_short(r.answers.get(q, "(not answered)" if r.session is not None else "")))}</span>'
                  for q, _ in qs]
        rows_html.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body.append('<section class="students"><h2>Students</h2><table class="class"><tr>'
                + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>" + "".join(rows_html) + "</table>")
    if qs:
        body.append("<p>" + "<br>".join(f"<b>{e(q)}</b>: {e(heading.split(': ', 1)[-1])}" for q, heading in qs) + "</p>")
    body.append("</section>")
    charts = class_charts(table)
    if charts:
        body.append("<h2>The class's games</h2>" + "".join(charts))
    for q, heading in qs:
        answered = [(r.values["student"], r.answers[q]) for r in table.rows if q in r.answers]
        name, _, text = heading.partition(": ")
        body.append(f"<h2>Answers to {e(name)}</h2><p><i>{e(text)}</i></p><dl>"
                    + "".join(f"<dt><b>{e(n)}</b></dt><dd class=\"answer\">{e(a)}</dd>" for n, a in answered) + "</dl>")
    if table.ignored:
        body.append("<h2>Left out</h2><ul>" + "".join(f"<li>{e(n)}: {e(w)}</li>" for n, w in table.ignored) + "</ul>")
    if reports:
        for r in table.rows:
            if r.counted and r.session is not None:
                built = from_session(r.session, True, verdict_text(r.handin.verdict), table.assignment,
                                     r.handin.verdict.save_file)
                body.append(html_body(built))
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class: {e(title(table))}</title>"
            f"<style>{STYLE}{PAGE_STYLE}</style></head><body>{''.join(body)}</body></html>\n")


def _short(text: str, limit: int = 160) -> str:
    """An answer as the table shows it (the whole answer is under its question below)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def find_assignment(folder: Path, handins: list[Handin], assets: Path | None = None) -> tuple[Assignment | None, str]:
    """The assignment of a class folder when the teacher gave none: the one most games name,
    embedded in a hand-in report, or from a file beside the saves (or bundled)."""
    from game.session.start import Starter

    setups = [h.verdict.session.setup for h in handins if h.verdict.session is not None]
    named = Counter((s.assignment, s.assignment_hash) for s in setups if s.assignment)
    if not named:
        return None, "No game names an assignment, so there are no stop points or questions to show."
    (wanted, digest), _ = named.most_common(1)[0]
    for h in handins:
        a = h.assignment
        if a is not None and a.id == wanted and (digest is None or content_hash(a) == digest):
            return a, f"Assignment: {a.title}, as embedded in the report {h.label} (give --assignment FILE to choose)."
    found = Starter(folder, assets).find_assignment(wanted, digest)
    if found is not None and not found.from_code:
        return found, f"Assignment: {found.title}, found by its id {wanted} (give --assignment FILE to choose)."
    if found is not None:
        return found, f"Assignment: the code {wanted.removeprefix('code-')}; its file was not found, so its questions are unknown."
    return None, (f"The games name the assignment {wanted}, whose file was not found: give --assignment FILE "
                  "for its questions and stop points.")
