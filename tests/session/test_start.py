"""One way to start a game (``game.session.start``): new games, loads, Continue, assignments by
file and by code, the assignment a save names, and the command line's request, the same for
every front end. The front ends open no game themselves: that is checked in their source."""

from __future__ import annotations

import json

import os
import re
from pathlib import Path

import pytest

from game.cli import build_parser
from game.paths import assets_dir
from game.session import saves
from game.session.actions import EndSeason, is_time
from game.session.assignment import content_hash, encode, load_assignment
from game.session.start import (MAX_PLAYER, Choices, NameTaken, Started, Starter, StartError, StartRequest,
                                check_player)

TWO = assets_dir() / "assignments" / "two-lessons.toml"
CADRE = assets_dir() / "assignments" / "one-lesson-cadre.toml"


def test_a_new_game_asks_only_what_is_missing(tmp_path) -> None:
    starter = Starter(tmp_path)
    assert starter.choices().missing() == ["role", "household"]
    assert starter.choices(role="cadre").missing() == []
    assert starter.choices(role="peasant").missing() == ["household"]
    choices = starter.choices(role="peasant", household="wang_fu", seed=5)
    assert choices.missing() == []
    started = starter.start(choices, player="Ann")
    assert started.how == "new" and started.session.setup.household == "wang_fu" and started.session.setup.seed == 5
    assert started.session.setup.player == "Ann"
    for bad in (dict(role="emperor"), dict(role="peasant", household="nobody")):
        with pytest.raises(StartError):
            starter.choices(**bad)


@pytest.mark.parametrize("name, ok", [("Ann", True), ("  Li Mei  ", True), ("x" * MAX_PLAYER, True),
                                      ("x" * (MAX_PLAYER + 1), False), ("evil\x1b[2J", False), ("", True)])
def test_names_are_checked_at_the_start(name, ok) -> None:
    if ok:
        assert check_player(name) == (name.strip() or "Player")
    else:
        with pytest.raises(StartError) as info:
            check_player(name)
        assert "\x1b" not in str(info.value) and len(str(info.value)) < 200
    with pytest.raises(StartError, match="Type your name"):
        check_player("  ", required=True)


def _play(started: Started, seasons: int) -> Started:
    for _ in range(seasons):
        started.session.queue.clear()
        started.session.apply(EndSeason())
    return started


def test_continue_opens_the_most_recently_saved_game(tmp_path) -> None:
    starter = Starter(tmp_path)
    with pytest.raises(StartError, match="no saved game"):
        starter.continue_latest()
    first = _play(starter.new_game(role="cadre", seed=3, player="First"), 1)
    first_path = saves.autosave(first.session, tmp_path)
    second = _play(starter.new_game(role="cadre", seed=4, player="Second"), 2)
    second_path = saves.save(second.session, saves.manual_path(tmp_path, "named"), "named")
    os.utime(first_path, ns=(second_path.stat().st_mtime_ns - 10**9,) * 2)
    opened = starter.continue_latest()
    assert opened.how == "continue" and opened.path == second_path and opened.session.setup.player == "Second"
    # the time a save records decides, not the file's: a copied or touched older save is not the latest
    data = json.loads(first_path.read_text(encoding="utf-8"))
    data["saved_at"] = "2000-01-01T00:00:00+00:00"
    first_path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.utime(first_path, ns=(second_path.stat().st_mtime_ns + 10**9,) * 2)
    assert starter.continue_latest().session.setup.player == "Second"
    saves.autosave(first.session, tmp_path)  # saved again: now the latest
    assert starter.continue_latest().session.setup.player == "First"


def test_an_assignment_by_file_then_by_code_continues_the_students_game(tmp_path) -> None:
    starter = Starter(tmp_path)
    assignment = starter.assignment(file=TWO)
    choices = starter.assignment_game(assignment, "Li Mei")
    assert isinstance(choices, Choices) and choices.missing() == ["household"]  # the student chooses it
    started = starter.start(choices, household="zhang_dewang")
    assert started.how == "assignment" and started.session.setup.assignment == assignment.id
    assert started.session.setup.seed == assignment.seed and started.session.setup.player == "Li Mei"
    saves.autosave(_play(started, 1).session, tmp_path)
    taken = starter.assignment_game(assignment, "li  mei ".strip())
    assert isinstance(taken, NameTaken) and taken.player == "Li Mei" and taken.label == "Summer 1953"
    day = started.session.setup.started[:10]
    assert taken.started.startswith("on ") and str(int(day[8:])) in taken.started and day[:4] in taken.started
    assert taken.question == (f"There is already a game by Li Mei in this folder, started {taken.started}, now at "
                              "Summer 1953. Continue Li Mei's game?")
    again = starter.resume(taken)
    assert isinstance(again, Started) and again.how == "continue" and again.session.t == 1
    assert "Welcome back, Li Mei" in again.greeting and again.assignment == assignment
    assert again.session.setup.game_id == started.session.setup.game_id
    # another name starts another game, with its own id
    other = starter.assignment_game(assignment, "Li Ming")
    assert isinstance(other, Choices)
    # the cadre's assignment needs no choice at all; its code is the same assignment, questions and all
    cadre = starter.assignment(file=CADRE)
    by_code = starter.assignment(code=encode(cadre))
    assert by_code == cadre and len(by_code.questions) == 4
    code_game = starter.assignment_game(by_code, "Ada")
    assert isinstance(code_game, Started) and code_game.session.setup.role == "cadre"
    assert code_game.session.setup.seed == cadre.seed and code_game.session.setup.assignment == cadre.id
    assert code_game.session.setup.assignment_hash == content_hash(cadre)


def test_every_new_game_has_its_own_id_and_start_time(tmp_path) -> None:
    starter = Starter(tmp_path)
    games = [starter.new_game(role="cadre", seed=3, player="Ann").session for _ in range(3)]
    ids = {g.setup.game_id for g in games}
    assert len(ids) == 3 and all(len(i) == 16 and int(i, 16) >= 0 for i in ids)
    assert all(is_time(g.setup.started) for g in games)
    _play(Started(games[0], "new"), 2)
    ends = [a for _, a in games[0].actions if isinstance(a, EndSeason)]
    assert len(ends) == 2 and all(is_time(a.at) for a in ends)


def test_a_code_whose_file_is_not_found_plays_without_questions_and_says_so(tmp_path) -> None:
    text = TWO.read_text(encoding="utf-8").replace('id = "liudu-two-lessons"', 'id = "my-lesson"')
    mine = tmp_path / "teacher" / "mine.toml"
    mine.parent.mkdir()
    mine.write_text(text, encoding="utf-8")
    code = encode(load_assignment(mine, assets_dir()))
    alone = Starter(tmp_path / "student").assignment(code=code)
    assert alone.from_code and alone.questions == () and alone.id == "code-" + code.replace("-", "")
    opened = Starter(tmp_path / "student").start(Starter(tmp_path / "student").assignment_game(alone, "Bo"),
                                                 household="wang_fu")
    assert "will not ask them" in opened.greeting
    # the file in the saves folder (or the folder above it) makes the code the file's assignment
    for folder in (tmp_path / "teacher", tmp_path / "teacher" / "bo"):
        found = Starter(folder).assignment(code=code)
        assert found.id == "my-lesson" and len(found.questions) == 5


def test_the_assignment_a_save_names_is_found_by_file_and_by_code(tmp_path) -> None:
    starter = Starter(tmp_path)
    two = load_assignment(TWO, assets_dir())
    assert starter.find_assignment(two.id) == two
    assert starter.find_assignment(two.id, content_hash(two)) == two
    code = encode(two).replace("-", "")
    found = starter.find_assignment("code-" + code)
    assert found == two  # the code of a bundled file stands for the file
    broken = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert starter.find_assignment("code-" + broken) is None
    assert starter.find_assignment("no-such-assignment") is None


@pytest.mark.parametrize("source", ["", "nowhere.toml", "ZZZZ-ZZZZ-ZZZZ", "x" * 300, "x" * 5000, "a\0b"],
                         ids=["empty", "missing", "bad code", "long name", "too long", "nul"])
def test_a_bad_assignment_source_is_one_sentence(tmp_path, source) -> None:
    with pytest.raises(StartError) as info:
        Starter(tmp_path).resolve(source)
    assert "\n" not in str(info.value) and len(str(info.value)) <= 300


@pytest.mark.parametrize("argv, mode", [
    ([], "title"), (["play"], "title"), (["play", "--role", "cadre"], "new"), (["play", "--load", "x.json"], "load"),
    (["play", "--assignment", "a.toml"], "assignment"), (["play", "--code", "003T-6100-EAKM"], "assignment"),
    (["replay", "x.json"], "replay"),
])
def test_the_command_line_makes_one_request(argv, mode) -> None:
    assert StartRequest.from_args(build_parser().parse_args(argv)).mode == mode


@pytest.mark.parametrize("argv", [["play", "--plain"], ["replay", "x.json"], ["verify", "x.json"], ["class", "d", "--assignment", "a"],
                                  ["branch", "x.json", "--season", "autumn 1954", "--action", "end"]])
def test_global_options_mean_the_same_before_or_after_the_subcommand(argv) -> None:
    parser = build_parser()
    before = parser.parse_args(["--saves", "/tmp/A", "--plain", *argv])
    after = parser.parse_args([*argv, "--saves", "/tmp/A", "--plain"])
    assert before.saves == after.saves == "/tmp/A"
    assert before.plain is after.plain is True
    plain = parser.parse_args(argv)
    assert plain.saves is None


FRONT_ENDS = [Path("game/plain.py"), *sorted(Path("game/ui").rglob("*.py"))]


@pytest.mark.parametrize("path", FRONT_ENDS, ids=str)
def test_front_ends_open_no_game_themselves(path) -> None:
    """Only ``game.session.start`` makes, loads and continues games; the front ends ask it."""
    root = Path(__file__).resolve().parents[2]
    text = (root / path).read_text(encoding="utf-8")
    for pattern in (r"\bSession\(GameSetup", r"saves\.load\(", r"load_assignment\(", r"\bdecode\(",
                    r"assignment_autosave\("):
        assert not re.search(pattern, text), f"{path} opens a game itself ({pattern}); use game.session.start"
