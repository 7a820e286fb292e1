"""``hightide content check [DIR]`` with bounds, for any folder a teacher might point it at.

The checker (``game.content.checker``) finds the problems; this wrapper keeps what it prints
readable on a hostile folder: at most ``PER_FILE`` problems per file (then one line saying how
many more), every line at most ``game.typed.MAX_LINE`` characters with control characters made
visible. The reads themselves are bounded by the one reader (``game.reader``: regular files only,
a size cap, a nesting cap), so a FIFO, a 50 MB value or a deep table cannot stall the check.
Never imports textual.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from game.content.errors import Problem
from game.typed import one_line, quote

PER_FILE = 20  # problems shown per file


def cap(problems: list[Problem], per_file: int = PER_FILE) -> list[Problem]:
    """At most ``per_file`` problems of each file, then one problem saying how many more; every
    message made one readable line."""
    shown: Counter[str] = Counter()
    total = Counter(p.file for p in problems)
    out = []
    for problem in problems:
        shown[problem.file] += 1
        if shown[problem.file] <= per_file:
            out.append(replace(problem, file=one_line(problem.file, 120), message=one_line(problem.message, 240)))
        elif shown[problem.file] == per_file + 1:
            more = total[problem.file] - per_file
            out.append(Problem(one_line(problem.file, 120), None,
                               f"... and {more} more problem{'s' if more != 1 else ''} in this file (fix the ones above first)"))
    return out


def check_folder(folder: str | None, out: TextIO | None = None, games: int = 150, seeds: int | None = None) -> int:
    """Check the content in ``folder`` (default: the game's own) and print the bounded summary;
    0 if there is no error, else 1."""
    from game.content.checker import STORY_SEEDS, check, story_line

    out = out or sys.stdout
    if folder is None:
        from game.paths import assets_dir

        root = assets_dir()
    else:
        root = Path(folder)
    if not root.is_dir():
        print(f"{quote(root, 80)}: no such folder; give the path of an assets folder.", file=out)
        return 1
    report = check(root, games=games, seeds=STORY_SEEDS if seeds is None else seeds)
    print(summary(report), file=out)
    return 0 if report.ok else 1


def summary(report) -> str:  # noqa: ANN001 - a game.content.checker.CheckReport
    """The checker's summary with the problems capped per file and the true totals."""
    out: list[str] = []
    if report.counts:
        out.append("Content: " + ", ".join(f"{n} {k}" for k, n in report.counts.items()))
    for title, items in (("Errors", report.errors), ("Warnings", report.warnings)):
        if items:
            out.append(f"{title} ({len(items)}):")
            out += [f"  {p}" for p in cap(items)]
    if report.games:
        out.append(f"Randomtest: {report.games} games; scenes and events reached "
                   f"{report.scene_coverage:.0%}, choices taken {report.choice_coverage:.0%}")
    if report.story_games:
        from game.content.checker import story_line

        out.append(story_line(report))
    out.append(f"{'FAILED' if report.errors else 'OK'}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    return "\n".join(out)
