"""The lesson plans' timings come from measurement: the teacher's guide quotes the words a
player reads between stop points, and the assignments quote the same minutes. This test plays
the games again (``tests/wordcount.py``) and fails when the guide and the game drift apart, for
example after scenes are added or cut. To refresh the guide, run
``.venv/bin/python -m tests.wordcount`` and copy the new figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.paths import assets_dir
from game.sim.params import season_index
from tests.wordcount import WORDS_PER_MINUTE, measure

GUIDE = assets_dir() / "docs" / "teacher-guide.md"
ROW = re.compile(r"^\|\s*(?P<role>household|cadre)\s*\|\s*(?P<first>[A-Za-z]+ \d{4})\s*\|\s*(?P<last>[A-Za-z]+ \d{4})\s*\|"
                 r"\s*(?P<words>[\d,]+)\s*\|\s*(?P<minutes>\d+)\s*\|", re.I)


def _season(text: str) -> int:
    season, year = text.lower().split()
    return season_index(season, int(year))


@pytest.fixture(scope="module")
def measured():
    return {"household": measure("peasant"), "cadre": measure("cadre")}


def _rows() -> list[dict]:
    rows = [m.groupdict() for m in map(ROW.match, GUIDE.read_text(encoding="utf-8").splitlines()) if m]
    assert rows, "the teacher's guide has no timing table ('| role | from | to | words | minutes |')"
    return rows


def test_the_guide_quotes_the_measured_reading(measured):
    for row in _rows():
        m = measured[row["role"].lower()]
        words = m.between(_season(row["first"]), _season(row["last"]))
        stated = int(row["words"].replace(",", ""))
        assert abs(stated - words) <= max(0.1 * words, 150), (
            f"{row['role']} {row['first']}-{row['last']}: the guide says {stated:,} words, the game has {words:,.0f}; "
            "run python -m tests.wordcount and update the guide")
        assert abs(int(row["minutes"]) - stated / WORDS_PER_MINUTE) <= 1, row


def test_a_whole_game_is_in_the_table(measured):
    rows = _rows()
    for role in ("household", "cadre"):
        spans = sorted((_season(r["first"]), _season(r["last"])) for r in rows if r["role"].lower() == role)
        assert (0, 15) in spans, f"the guide gives no whole-game figure for the {role}"


def test_assignments_quote_minutes_from_the_table():
    rows = _rows()
    for path in sorted((assets_dir() / "assignments").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        role = "cadre" if re.search(r'^role = "cadre"', text, re.M) else "household"
        allowed = {int(r["minutes"]) for r in rows if r["role"].lower() == role}
        quoted = [int(n) for n in re.findall(r"about (\d+) minutes of reading", text)]
        assert quoted, f"{path.name} does not say how long the reading takes"
        for n in quoted:
            assert any(abs(n - a) <= 1 for a in allowed), f"{path.name}: {n} minutes is not in the guide's table"


def test_timings_are_not_left_as_estimates():
    text = Path(GUIDE).read_text(encoding="utf-8")
    assert "not a measurement" not in text
