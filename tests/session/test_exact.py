"""Exact promises of saves and assignments, written after a mutation run (``mutmut``, README "For
developers") showed which single-line changes no test noticed: season words and their
boundaries, how codes are typed, the names of save files, what a save records, how saves are
listed, how a failed write cleans up, and the exact one-sentence messages (values quoted, cut)."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from game.paths import assets_dir
from game.session import saves
from game.session.actions import EndSeason
from game.session.assignment import (AssignmentError, decode, encode, load_assignment, looks_like_code, normalise,
                                     parse_season)
from game.session.game import GameSetup, Session
from game.typed import quote

TWO = assets_dir() / "assignments" / "two-lessons.toml"


# ------------------------------------------------------------------ seasons written by teachers
@pytest.mark.parametrize("text, t", [("spring 1953", 0), ("winter 1956", 15), ("autumn 1955", 10),
                                     ("1955 autumn", 10), ("Autumn-1955", 10), ("  summer   1954 ", 5)])
def test_season_words(text, t) -> None:
    assert parse_season(text, "where") == t


@pytest.mark.parametrize("text, message", [
    ("winter 1952", "where: 'winter 1952' is outside the game (spring 1953 to winter 1956)."),
    ("spring 1957", "where: 'spring 1957' is outside the game (spring 1953 to winter 1956)."),
    ("autumn", "where: 'autumn' is not a season; write it like 'autumn 1955'."),
    ("autumn 1955 x", "where: 'autumn 1955 x' is not a season; write it like 'autumn 1955'."),
    ("monsoon 1955", "where: 'monsoon 1955' is not a season; write it like 'autumn 1955'."),
    ("autumn ¹⁹⁵⁵", "where: 'autumn ¹⁹⁵⁵' is not a season; write it like 'autumn 1955'."),
    ("autumn 01955", "where: 'autumn 01955' is not a season; write it like 'autumn 1955'."),
    ("autumn 9" + "9" * 5000, "where: 'autumn 9" + "9" * 29 + "...' is not a season; write it like 'autumn 1955'."),
    (1955, "where must be a season such as 'autumn 1955'."),
])
def test_season_mistakes_are_exact_sentences(text, message) -> None:
    with pytest.raises(AssignmentError) as info:
        parse_season(text, "where")
    assert str(info.value) == message


# ------------------------------------------------------------------ codes as people type them
def test_codes_are_typed_loosely_and_read_strictly() -> None:
    code = encode(load_assignment(TWO, assets_dir()))
    clean = code.replace("-", "")
    assert normalise(" " + code.lower() + " ") == clean
    # O is read as 0 and I, L as 1, in either case (they are not in the alphabet)
    assert normalise("o0Oi1Il1L") == "000111111"
    looks = clean.replace("0", "o").replace("1", "l")
    assert decode(looks) == decode(code)
    assert looks_like_code(code) and looks_like_code(clean) and looks_like_code(code.lower())
    for text in ("", clean[:-1], clean + "0", "x" * 21, "003T 6100 EAKM 0", "é" * 12):
        assert not looks_like_code(text), text
    assert looks_like_code("003T - 6100 - EAKM")  # 18 characters with spaces and dashes
    assert looks_like_code("0003-T61-004")  # a code of an older version has the shape, to be told so
    with pytest.raises(AssignmentError) as info:
        decode("0003-T61-004")
    assert str(info.value) == ("'0003-T61-004' is a code of an older version of High Tide (10 characters); ask your "
                               "teacher for the new code (hightide code FILE prints it).")


@pytest.mark.parametrize("code, message", [
    ("ABC", "'ABC' is not an assignment code; it has 12 letters and digits like 003T-6100-EAKM."),
    ("U" * 12, "'UUUUUUUUUUUU' is not an assignment code; it has 12 letters and digits like 003T-6100-EAKM."),
    ("x" * 100, "'" + "X" * 0 + "x" * 27 + "...' is not an assignment code; it has 12 letters and digits like "
                "003T-6100-EAKM."),
])
def test_code_mistakes_are_exact_sentences(code, message) -> None:
    with pytest.raises(AssignmentError) as info:
        decode(code)
    assert str(info.value) == message


def test_a_typo_says_the_check_letter_does_not_match() -> None:
    code = encode(load_assignment(TWO, assets_dir()))
    typo = ("1" if code[0] != "1" else "2") + code[1:]
    with pytest.raises(AssignmentError) as info:
        decode(typo)
    assert str(info.value) == (f"'{typo}' is not a valid assignment code (its check letter does not match); "
                               "check it letter by letter.")


def test_a_code_that_checks_but_names_nothing_is_refused() -> None:
    from game.session.assignment import ALPHABET, check_char

    data = "Z" * 11  # scenario number far beyond the known scenarios
    code = data + check_char(data)
    with pytest.raises(AssignmentError) as info:
        decode(code)
    assert str(info.value) == f"'{code}' is not a valid assignment code; check it letter by letter."
    assert set(code) <= set(ALPHABET)


def test_a_decoded_code_names_itself() -> None:
    assignment = load_assignment(TWO, assets_dir())
    code = encode(assignment)
    back = decode(code)
    assert back.id == "code-" + code.replace("-", "") and back.title == f"Assignment {code}"
    assert back.instructions == "" and back.questions == ()


# ------------------------------------------------------------------ assignment files: exact sentences
ASSIGNMENT = TWO.read_text(encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (("scenario = \"north-china\"", "scenario = \"atlantis\""),
     "[assignment] scenario 'atlantis' is unknown; available: "),
    (("role = ", "role = \"emperor\"\nx_role = "), "[assignment] role must be peasant, cadre or student chooses, not 'emperor'."),
    (("seed = ", "seed = 65536\nx_seed = "), "[assignment] seed must be a whole number from 0 to 65535."),
    (("seed = ", "seed = -1\nx_seed = "), "[assignment] seed must be a whole number from 0 to 65535."),
    (("seed = ", "seed = true\nx_seed = "), "[assignment] seed must be a whole number from 0 to 65535."),
    (("id = ", "id = \"" + "i" * 65 + "\"\nx_id = "), "[assignment] id is 65 characters long; use at most 64."),
    (("id = ", "id = \"code-x\"\nx_id = "), "[assignment] id must not start with 'code-'"),
    (("title = ", "title = 3\nx_title = "), "[assignment] title must be text."),
    (("[assignment]", "[other]"), "the [assignment] table is missing."),
])
def test_assignment_file_mistakes_are_exact(tmp_path, change, message) -> None:
    path = tmp_path / "a.toml"
    path.write_text(ASSIGNMENT.replace(*change, 1), encoding="utf-8")
    with pytest.raises(AssignmentError) as info:
        load_assignment(path, assets_dir())
    assert str(info.value).startswith("a.toml: " + message) or str(info.value) == "a.toml: " + message, str(info.value)


def test_assignment_limits_hold_exactly(tmp_path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(ASSIGNMENT.replace("id = ", "id = \"" + "i" * 64 + "\"\nx_id = ", 1), encoding="utf-8")
    assert load_assignment(path, assets_dir()).id == "i" * 64
    path.write_text(ASSIGNMENT.replace("seed = ", "seed = 65535\nx_seed = ", 1), encoding="utf-8")
    assert load_assignment(path, assets_dir()).seed == 65535


# ------------------------------------------------------------------ save files: names, contents, order
def game(role: str = "peasant", seasons: int = 1, player: str = "Ann Lee") -> Session:
    session = Session(GameSetup(role=role, seed=5, household="wang_fu" if role == "peasant" else None, county=3,
                                player=player))
    for _ in range(seasons):
        session.queue.clear()
        session.apply(EndSeason())
    return session


def test_save_file_names() -> None:
    assert saves.slug("  Ann LEE!! 2nd ") == "ann-lee-2nd"
    assert saves.slug("!!!") == "player" and saves.slug("") == "player"
    assert saves.slug("x" * 50) == "x" * 40
    folder = Path("/f")
    assert saves.autosave_path(game(), folder) == folder / "ann-lee-north-china-wang_fu-5.autosave.hightide.json"
    assert saves.autosave_path(game("cadre"), folder) == folder / "ann-lee-north-china-cadre-5.autosave.hightide.json"
    assert saves.manual_path(folder, "Before the Meeting") == folder / "before-the-meeting.hightide.json"
    assert saves.assignment_autosave(folder, "Ann Lee", "Liudu 2 lessons") == \
        folder / "ann-lee-liudu-2-lessons.autosave.hightide.json"


def test_what_a_save_records(tmp_path) -> None:
    session = game(player="Lǐ Méi")
    before = time.strftime("%Y-%m-%dT%H:%M")
    path = saves.save(session, tmp_path / "deep" / "er" / "x.hightide.json")  # folders are made
    raw = path.read_bytes()
    data = json.loads(raw)
    assert "Lǐ Méi".encode("utf-8") in raw, "names are written as UTF-8 text, readable in the file"
    assert raw.startswith(b'{\n "format": 2,\n'), "a save is indented JSON a teacher can read"
    assert data["name"] == "" and data["season"] == session.t == 1 and data["household"] == "wang_fu"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)", data["saved_at"])
    assert data["game_id"] is None and data["started"] is None and data["origin"] is None  # a script's game
    assert "signature" not in data and len(data["seal"]) == 64
    assert data["saved_at"][:16] >= before
    assert saves.read(path).saved_at == data["saved_at"]
    auto = saves.autosave(session, tmp_path)
    assert json.loads(auto.read_text(encoding="utf-8"))["name"] == "autosave"
    cadre = json.loads(saves.save(game("cadre"), tmp_path / "c.hightide.json").read_text(encoding="utf-8"))
    assert cadre["household"] is None and cadre["role"] == "cadre"


def test_saves_are_listed_newest_first(tmp_path) -> None:
    paths = [saves.save(game(), tmp_path / f"{n}.hightide.json") for n in ("a", "b", "c")]
    (tmp_path / "notes.txt").write_text("not a save")
    (tmp_path / "folder.hightide.json").mkdir()
    for i, path in enumerate(paths):
        os.utime(path, (1_000_000 + i * 100,) * 2)
    assert saves.list_saves(tmp_path) == paths[::-1]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch) -> None:
    path = saves.save(game(), tmp_path / "x.hightide.json", "first")
    original = path.read_bytes()

    def refuse(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(saves.os, "replace", refuse)
    with pytest.raises(saves.SaveError) as info:
        saves.save(game(seasons=2), path, "second")
    assert str(info.value) == f"Could not write {quote(path, 80)}: No space left on device."
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.hightide.json"]


def test_the_temporary_file_is_hidden_beside_the_save(tmp_path, monkeypatch) -> None:
    made = []
    real = saves.tempfile.mkstemp

    def spy(**kwargs):
        fd, name = real(**kwargs)
        made.append(Path(name))
        return fd, name
    monkeypatch.setattr(saves.tempfile, "mkstemp", spy)
    saves.save(game(), tmp_path / "x.hightide.json")
    (temp,) = made
    assert temp.parent == tmp_path and temp.name.startswith(".x.hightide.json.") and temp.name.endswith(".tmp")


def test_a_write_into_a_file_says_so(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "x.hightide.json"
    with pytest.raises(saves.SaveError) as info:
        saves.write_atomic(target, "text")
    assert str(info.value) == f"Could not write {quote(target, 80)}: File exists."  # its folder is a file
    long = tmp_path / ("d" * 120) / "x.hightide.json"
    with pytest.raises(saves.SaveError) as info:
        saves.write_atomic(blocker / ("d" * 100) / "y", "text")
    assert len(str(info.value)) < 140 and "..." in str(info.value)
    assert not long.exists()
