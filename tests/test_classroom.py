"""Classroom assignments end to end (issue 7): line mode from a script, stop points, reports,
the class table with tampered and off-assignment saves, and bad assignment files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.paths import assets_dir
from game.session import classtable, debrief
from game.session.saves import load
from game.session.assignment import AssignmentError, decode, encode, load_assignment

ASSIGNMENT = """
[assignment]
id = "test-two-lessons"
title = "Two lessons in Liudu"
instructions = "Play Wang Fu's household."
scenario = "north-china"
role = "peasant"
household = "wang_fu"
seed = 1955
stop_after = ["autumn 1955"]
lock_household = true

[[question]]
id = "q1"
season = "summer 1955"
text = "How did the directive change your household's calculus?"

[[question]]
id = "q2"
season = "end"
text = "Compare your family's outcome with the historical record."
"""



pytestmark = pytest.mark.usefixtures("small_class_debriefs")


@pytest.fixture
def assignment_file(tmp_path: Path) -> Path:
    path = tmp_path / "assignment.toml"
    path.write_text(ASSIGNMENT, encoding="utf-8")
    return path


def play(assignment: Path, saves: Path, name: str, extra: str = "") -> subprocess.CompletedProcess:
    """A student plays by script: the name, then '1' to every prompt (answers are '1' too)."""
    script = f"{name}\n" + extra + "1\n" * 700
    return subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--assignment", str(assignment), "--saves", str(saves)],
                          input=script, capture_output=True, text=True, timeout=120)


def test_stop_point_then_continue_then_report_and_class_table(assignment_file: Path, tmp_path: Path, capsys) -> None:
    saves = tmp_path / "class"
    first = play(assignment_file, saves, "Ann Li")
    assert first.returncode == 0, first.stderr
    assert "The assignment stops here, after Autumn 1955" in first.stdout
    assert "Question (after Summer 1955)" in first.stdout
    autosave = saves / "ann-li-test-two-lessons.autosave.hightide.json"
    data = json.loads(autosave.read_text())
    assert data["season"] == 11  # stopped after autumn 1955, winter 1955 next
    assert data["assignment"] == "test-two-lessons" and data["player"] == "Ann Li"

    second = play(assignment_file, saves, "Ann Li", extra="y\n")
    assert "There is already a game by Ann Li in this folder, started on " in second.stdout
    assert "now at Winter 1955. Continue Ann Li's game?" in second.stdout
    assert "Welcome back, Ann Li. Your game continues at Winter 1955." in second.stdout
    assert "=== Epilogue ===" in second.stdout
    assert (saves / "ann-li-test-two-lessons.report.html").exists()
    data = json.loads(autosave.read_text())
    answers = [a for a in data["actions"] if a["kind"] == "answer"]
    assert [a["question"] for a in answers] == ["q1", "q2"]

    for fmt in ("md", "html"):
        out = tmp_path / f"report.{fmt}"
        assert main(["report", str(autosave), "--format", fmt, "--out", str(out), "--assignment", str(assignment_file)]) == 0
        text = out.read_text(encoding="utf-8")
        assert "Ann Li" in text and "verified" in text
        assert "How did the directive change" in text
        assert "Sources" in text and "[S1]" in text
    html_text = (tmp_path / "report.html").read_text()
    assert "<svg" in html_text and "http://" not in html_text.replace("http://www.w3.org/2000/svg", "")

    # a second student, a tampered copy and a save for another assignment
    play(assignment_file, saves, "Bo Wang", extra="")
    play(assignment_file, saves, "Bo Wang", extra="y\n")
    tampered = json.loads(autosave.read_text())
    tampered["digests"][4] = "0" * 64
    (saves / "tampered.hightide.json").write_text(json.dumps(tampered))
    other = ASSIGNMENT.replace('id = "test-two-lessons"', 'id = "another-lesson"')
    other_file = tmp_path / "other.toml"
    other_file.write_text(other)
    play(other_file, saves, "Cy Zhou")
    capsys.readouterr()
    assert main(["class", str(saves), "--assignment", str(assignment_file), "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    csv_text = (tmp_path / "class-table.csv").read_text()
    assert "Ann Li" in csv_text and "Bo Wang" in csv_text
    assert "tampered.hightide.json" in printed and "diverged at Spring 1954" in printed
    assert "made for a different assignment (another-lesson)" in printed
    assert "every choice and answer identical to" in printed  # Bo made every choice Ann made, in his own game
    assert (tmp_path / "class-table.md").read_text().startswith("# Class table: Two lessons in Liudu")
    # issue 14: every counted student's percentile, share of choice and top decision, from the debrief itself
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    ann = next(r for r in rows if r["student"] == "Ann Li" and r["file"] == autosave.name)
    result = debrief.debrief(load(autosave), classtable.CLASS_VILLAGES)
    wealth = result.distributions["wealth"].percentile
    assert ann["percentile"].startswith(f"wealth {round(wealth)}")
    assert ann["choice or luck"] == f"{debrief.choice_share(result):.0%} decisions, {1 - debrief.choice_share(result):.0%} weather"
    top = result.top(1)
    assert ann["top decision"].startswith(top[0].label if top else "none moved the ending")
    assert "Choice or luck (each student's choices replayed in" in printed


def test_a_renamed_copy_is_flagged(assignment_file: Path, tmp_path: Path, capsys) -> None:
    saves = tmp_path / "class"
    play(assignment_file, saves, "Ann Li")
    data = json.loads((saves / "ann-li-test-two-lessons.autosave.hightide.json").read_text())
    data["player"] = "Someone Else"
    (saves / "copy.hightide.json").write_text(json.dumps(data))
    main(["class", str(saves), "--assignment", str(assignment_file)])
    assert "the player's name, a time, the assignment or an answer was edited" in capsys.readouterr().out


@pytest.mark.parametrize("change, message", [
    (('scenario = "north-china"', 'scenario = "atlantis"'), "scenario 'atlantis' is unknown"),
    (('stop_after = ["autumn 1955"]', 'stop_after = ["harvest 1955"]'), "'harvest 1955' is not a season"),
    (('seed = 1955', ''), "seed must be a whole number"),
    (('title = "Two lessons in Liudu"', ''), "[assignment] title is missing"),
    (('role = "peasant"', 'role = "landlord"'), "role must be peasant, cadre or student chooses"),
    (('season = "summer 1955"', 'season = "summer 1960"'), "outside the game"),
    (('[assignment]', '[assignment\n'), "bad.toml:2: TOML syntax error"),
])
def test_bad_assignment_files_name_the_field(tmp_path: Path, change, message, capsys) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(ASSIGNMENT.replace(*change))
    with pytest.raises(AssignmentError) as error:
        load_assignment(path, assets_dir())
    assert message in str(error.value)
    assert main(["play", "--plain", "--assignment", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def test_codes_round_trip_and_reject_typos(assignment_file: Path) -> None:
    assignment = load_assignment(assignment_file, assets_dir())
    code = encode(assignment)
    back = decode(code)
    assert (back.scenario, back.role, back.seed, back.household, back.stop_after) == \
        (assignment.scenario, assignment.role, assignment.seed, assignment.household, assignment.stop_after)
    assert decode(code.lower().replace("-", " ")) == back
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(AssignmentError, match="not a valid assignment code"):
        decode(typo)
    with pytest.raises(AssignmentError, match="not an assignment code"):
        decode("HELLO")


def test_play_by_code(tmp_path: Path, assignment_file: Path) -> None:
    code = encode(load_assignment(assignment_file, assets_dir()))
    result = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--code", code, "--saves", str(tmp_path)],
                            input="Dee\n" + "1\n" * 400, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert "The assignment stops here, after Autumn 1955" in result.stdout
    assert "Wang Fu" in result.stdout


def test_code_says_the_household_and_the_stops(tmp_path, capsys) -> None:
    """The teacher sees what the code fixes: a locked household, the stop points."""
    from game.cli import main

    path = tmp_path / "locked.toml"
    source = (Path(__file__).parent.parent / "assets" / "assignments" / "two-lessons.toml").read_text(encoding="utf-8")
    path.write_text(source.replace("lock_household = false", "lock_household = true\nhousehold = \"wang_fu\"", 1),
                    encoding="utf-8")
    assert main(["code", str(path)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert "household wang_fu (locked)" in line and "stops after Autumn 1955" in line and "5 questions" in line
