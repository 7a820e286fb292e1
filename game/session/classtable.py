"""The class table: verify every save in a folder and summarise one row per student, with the
choices at the turning points, the answers and a short class summary. Duplicate, tampered and
off-assignment saves are flagged, never silently counted. Never imports textual.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from game.session import saves
from game.session.actions import Answer, EndSeason
from game.session.assignment import Assignment
from game.session.report import describe
from game.sim.params import LOWER, season_label
from game.typed import csv_cell, visible

TURNING_POINTS = (("spring 1955", (8,)), ("after the directive", (9, 10)), ("autumn 1956", (14,)))
COLUMNS = ("file", "student", "status", "role", "household", "reached", "co-op share", "family fed (jin/head)",
           "standing", "career", "trust", "joined a co-op", "spring 1955", "after the directive", "autumn 1956", "answers")


@dataclass
class Row:
    values: dict[str, str]
    counted: bool
    joined: str | None


def rows_for(folder: Path, assignment: Assignment, assets: Path | None = None) -> list[Row]:
    files = sorted(p for p in Path(folder).iterdir() if p.is_file() and p.name.endswith(".json"))
    rows, chains = [], {}
    for path in files:
        verdict = saves.verify(path, assets)
        session = verdict.session
        flags = []
        if not verdict.ok:
            flags.append("NOT VERIFIED: " + verdict.message)
        values = {c: "" for c in COLUMNS}
        values["file"] = path.name
        joined = None
        if session is not None:
            setup = session.setup
            if setup.assignment != assignment.id:
                flags.append(f"made for a different assignment ({setup.assignment or 'none'})")
            elif (setup.scenario, setup.seed) != (assignment.scenario, assignment.seed) or \
                    (assignment.role != "student chooses" and setup.role != assignment.role):
                flags.append("settings differ from the assignment")
            chain = tuple(session.digests)
            if verdict.ok and chain and chain in chains:
                flags.append(f"same game as {chains[chain]}: copied, or every choice identical")
            elif verdict.ok and chain:
                chains[chain] = path.name
            last = session.logs[-1] if session.logs else None
            h = session.household
            values.update({
                "student": setup.player, "role": setup.role,
                "household": session.names[h] if h is not None else "-",
                "reached": session.label,
                "co-op share": f"{last.indicators['coop_share']:.0%}" if last else "-",
                "family fed (jin/head)": f"{last.flows['eaten_per_person'][h]:.0f}" if last and h is not None else "-",
                "standing": f"{int(round(session.standing)):+d}", "career": f"{session.state.career[0]:+.0f}",
                "trust": f"{last.indicators['trust']:.0%}" if last else "-",
            })
            if h is not None:
                for log in session.logs:
                    if log.forms[h] >= LOWER:
                        joined = season_label(log.t)
                        break
                values["joined a co-op"] = joined or "never"
            for name, seasons in TURNING_POINTS:
                done = [describe(session, a) for t, a in session.actions if t in seasons and not isinstance(a, (EndSeason, Answer))]
                values[name] = "; ".join(done) or "-"
            values["answers"] = " | ".join(f"{q}: {a}" for q, a in session.answers.items())
        values["status"] = "; ".join(flags) if flags else "verified"
        rows.append(Row(values, not flags, joined))
    return rows


def summary(rows: list[Row]) -> list[str]:
    counted = [r for r in rows if r.counted]
    lines = [f"{len(rows)} save(s): {len(counted)} verified and counted, {len(rows) - len(counted)} flagged."]
    if counted:
        joins = Counter(r.joined or "never" for r in counted if r.values["role"] == "peasant")
        if joins:
            lines.append("When households joined a co-op: " + ", ".join(f"{k} {v}" for k, v in joins.items()) + ".")
        reached = Counter(r.values["reached"] for r in counted)
        lines.append("Where students are: " + ", ".join(f"{k} {v}" for k, v in reached.items()) + ".")
        shares = [float(r.values["co-op share"].rstrip("%")) for r in counted if r.values["co-op share"] not in ("", "-")]
        if shares:
            lines.append(f"Village co-op share at the last season played: lowest {min(shares):.0f}%, highest {max(shares):.0f}%.")
    for r in rows:
        if not r.counted:
            lines.append(f"Flagged: {r.values['file']}: {r.values['status'].rstrip('.')}.")
    return lines


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9,.]*%?|-")


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a value starting with = + - @ (a student's name, an
    answer, a file name) cannot become a formula; the game's own numbers (+3, -2, 45%) stay."""
    return value if _PLAIN_NUMBER.fullmatch(value) else csv_cell(value)


def to_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _cell(v) for k, v in r.values.items()})
    return out.getvalue()


def to_markdown(rows: list[Row], assignment: Assignment) -> str:
    esc = lambda s: visible(s).replace("|", "/")  # noqa: E731 - one table row, no control characters
    lines = [f"# Class table: {assignment.title}", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(esc(r.values[c]) for c in COLUMNS) + " |" for r in rows]
    return "\n".join(lines + ["", "## Summary", ""] + [f"- {x}" for x in summary(rows)]) + "\n"


def to_text(rows: list[Row]) -> str:
    short = ("student", "status", "household", "reached", "co-op share", "joined a co-op", "spring 1955", "after the directive", "autumn 1956")
    lines = []
    for r in rows:
        lines.append(" | ".join(f"{c}: {visible(r.values[c]) or '-'}" for c in short))
    return "\n".join(lines + [""] + summary(rows))
