"""Saves are receipts: a save loads back to the same game, any edit to its actions or digests is
caught and the message names the season, a process killed while saving leaves the previous save
intact, and no damaged, hostile or foreign file makes loading fail with anything but one plain
sentence (``SaveError``)."""

from __future__ import annotations

import copy
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.paths import latest_save
from game.session import saves, views
from game.session.actions import ChooseScene, EndSeason, SetEffort, SetForm
from game.session.game import GameSetup, Session
from game.sim.params import season_label

NOISE = re.compile(r"Traceback|object at 0x|<class|\b[A-Z]\w*Error\b|unhashable|NoneType|Errno|\bKeyError|\\x[0-9a-f]{2}")


def assert_sentence(message: str) -> None:
    """One readable sentence: no traceback, no Python repr noise, a sensible length."""
    assert message, "an empty message"
    assert "\n" not in message, message
    assert not NOISE.search(message), message
    assert len(message) < 400, message[:400] + "..."
    assert message.rstrip().endswith((".", ")")), message


def play(setup: GameSetup, seasons: int = 16, form: str | None = "lower", effort: float = 0.85) -> Session:
    """A game with scene choices, a co-op application and an effort level every season."""
    session = Session(setup)
    while session.t < seasons and not session.finished:
        while session.queue:
            view = views.current_scene(session)
            open_ = [o.index for o in view.options if o.available]
            session.apply(ChooseScene(view.id, open_[session.t % len(open_)]))
        if setup.role == "peasant":
            if form and session.form_reason(form) is None:
                session.apply(SetForm(form))
            session.apply(SetEffort(effort))
        session.apply(EndSeason())
    return session


@lru_cache(maxsize=None)
def game_json(seasons: int = 16) -> str:
    session = play(GameSetup(role="peasant", household="wang_fu", seed=5, county=3), seasons)
    return json.dumps(saves.to_dict(session, "receipt"))


def write(folder: Path, data: dict | str | bytes, name: str = "game.hightide.json") -> Path:
    path = Path(folder) / name
    if isinstance(data, dict):
        data = json.dumps(data)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# ------------------------------------------------------------------ a save is a receipt

def test_save_and_load_give_back_the_same_game(tmp_path):
    session = play(GameSetup(role="peasant", household="wang_fu", seed=5, county=3), 7)
    path = saves.save(session, tmp_path / "a.hightide.json", "mine")
    loaded = saves.load(path)
    assert loaded.t == session.t == 7
    assert loaded.digests == session.digests
    assert loaded.actions == session.actions
    assert loaded.state.digest() == session.state.digest()
    assert saves.read(path).name == "mine"
    verdict = saves.verify(path)
    assert verdict.ok and "verified" in verdict.message
    assert_sentence(verdict.message)


def test_autosave_paths_and_listing(tmp_path):
    session = play(GameSetup(role="cadre", seed=3, county=3), 2)
    first = saves.autosave(session, tmp_path)
    assert first.name.endswith(".autosave" + saves.SUFFIX)
    manual = saves.save(session, saves.manual_path(tmp_path, "A Good Game!"), "A Good Game!")
    assert manual.name == "a-good-game" + saves.SUFFIX
    assert set(saves.list_saves(tmp_path)) == {first, manual}
    # Continue opens the most recently saved game, whether autosaved or named
    assert latest_save(tmp_path) == manual
    os.utime(first, ns=(manual.stat().st_mtime_ns + 10**6,) * 2)
    assert latest_save(tmp_path) == first


# ------------------------------------------------------------------ edits are caught, and the season named

def edited(tmp_path: Path, edit, name: str = "edited.hightide.json", seasons: int = 16) -> saves.Verdict:
    data = json.loads(game_json(seasons))
    edit(data)
    path = write(tmp_path, data, name)
    verdict = saves.verify(path)
    assert not verdict.ok, f"an edited save passed verification: {verdict.message}"
    assert_sentence(verdict.message)
    with pytest.raises(saves.SaveError):
        saves.load(path)
    return verdict


def index_of(data: dict, kind: str, season: int) -> int:
    return next(i for i, a in enumerate(data["actions"]) if a["kind"] == kind and a["season"] == season)


def names_season(verdict: saves.Verdict, t: int) -> None:
    assert season_label(t) in verdict.message, f"expected {season_label(t)} in: {verdict.message}"


@pytest.mark.parametrize("t", [0, 5, 15])
def test_a_changed_digest_character_names_its_season(tmp_path, t):
    def edit(data):
        digest = data["digests"][t]
        data["digests"][t] = ("0" if digest[10] != "0" else "1").join([digest[:10], digest[11:]])
    verdict = edited(tmp_path, edit)
    assert verdict.season == t
    assert f"diverged at {season_label(t)}" in verdict.message


@pytest.mark.parametrize("t", [1, 6, 12])
def test_a_changed_scene_choice_names_its_season(tmp_path, t):
    data = json.loads(game_json())
    i = index_of(data, "choose", t)
    for choice in range(4):  # every other index: open (diverges) or closed (cannot be replayed)
        if choice == data["actions"][i]["choice"]:
            continue
        verdict = edited(tmp_path, lambda d: d["actions"][i].__setitem__("choice", choice))
        names_season(verdict, t)


@pytest.mark.parametrize("t", [3, 9])
def test_a_changed_effort_level_names_its_season(tmp_path, t):
    def edit(data):
        data["actions"][index_of(data, "effort", t)]["level"] = 0.6
    verdict = edited(tmp_path, edit)
    assert verdict.season == t
    names_season(verdict, t)


@pytest.mark.parametrize("t", [2, 8])
def test_a_changed_season_number_names_a_season(tmp_path, t):
    def edit(data):
        data["actions"][index_of(data, "effort", t)]["season"] = t + 1
    verdict = edited(tmp_path, edit)
    names_season(verdict, t)


@pytest.mark.parametrize("kind, t", [("effort", 4), ("choose", 10), ("end_season", 7), ("form", 0)])
def test_a_removed_action_names_its_season(tmp_path, kind, t):
    verdict = edited(tmp_path, lambda d: d["actions"].pop(index_of(d, kind, t)))
    names_season(verdict, t)


def test_dropping_the_last_digest_or_season_is_caught(tmp_path):
    names_season(edited(tmp_path, lambda d: d["digests"].pop()), 15)
    verdict = edited(tmp_path, lambda d: d["digests"].append(d["digests"][-1]))
    assert "at most 16" in verdict.message
    names_season(edited(tmp_path, lambda d: d["digests"].append(d["digests"][-1]), seasons=4), 4)
    names_season(edited(tmp_path, lambda d: d["actions"].pop(), seasons=4), 3)


def test_any_number_edited_anywhere_is_caught(tmp_path):
    data = json.loads(game_json())
    spots = [(i, k) for i, a in enumerate(data["actions"]) for k, v in a.items()
             if isinstance(v, (int, float)) and not isinstance(v, bool)]
    rng = random.Random(7)
    for i, key in rng.sample(spots, 25):
        value = data["actions"][i][key]
        new = {"season": value + 1, "choice": value + 1, "level": 1.0 if value != 1.0 else 0.6,
               "share": 0.0 if value else 1.0, "jin": value + 50.0}[key]

        def edit(d, i=i, key=key, new=new):
            d["actions"][i][key] = new
        verdict = edited(tmp_path, edit)
        t = data["actions"][i]["season"]
        assert season_label(min(t, 15)) in verdict.message or (key == "season" and season_label(min(t + 1, 15)) in verdict.message), \
            f"action {i} ({data['actions'][i]}) {key} -> {new}: {verdict.message}"


def test_cli_verify_prints_one_line_per_file_and_fails_on_a_tampered_save(tmp_path):
    good = write(tmp_path, game_json(), "good.hightide.json")
    data = json.loads(game_json())
    data["actions"][index_of(data, "effort", 5)]["level"] = 1.0
    bad = write(tmp_path, data, "bad.hightide.json")
    missing = tmp_path / "missing.hightide.json"
    run = subprocess.run([sys.executable, "-m", "game", "verify", str(good), str(bad), str(missing)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 3, run.stdout
    assert lines[0].startswith("ok") and "good.hightide.json" in lines[0]
    assert lines[1].startswith("FAILED") and f"diverged at {season_label(5)}" in lines[1]
    assert lines[2].startswith("FAILED") and "does not exist" in lines[2]
    assert "Traceback" not in run.stderr
    ok = subprocess.run([sys.executable, "-m", "game", "verify", str(good)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stdout.startswith("ok")


# ------------------------------------------------------------------ files that are not (or no longer) saves

def test_a_newer_format_asks_to_update_the_game(tmp_path):
    data = json.loads(game_json())
    data["format"] = 99
    path = write(tmp_path, data)
    with pytest.raises(saves.SaveError) as caught:
        saves.load(path)
    assert "update the game" in str(caught.value) and "newer" in str(caught.value)
    assert_sentence(str(caught.value))


def test_a_save_for_other_content_says_so(tmp_path):
    data = json.loads(game_json())
    data["content_hash"] = "0" * 64
    path = write(tmp_path, data)
    verdict = saves.verify(path)
    assert not verdict.ok and "different content" in verdict.message
    assert_sentence(verdict.message)


@pytest.mark.parametrize("content, words", [
    (b"", "not readable JSON"),
    (b"\xff\xfe\x00garbage", "not UTF-8 text"),
    (b"[1, 2, 3]", "not a High Tide save"),
    (b'{"game": "othergame", "format": 1}', "not a High Tide save"),
    (b'{"name": "a settings file"}', "not a High Tide save"),
    (b'{"game": "hightide"}', "format version is missing"),
    (b'{"game": "hightide", "format": 0}', "unknown"),
    (b'{"game": "hightide", "format": "1"}', "format version"),
])
def test_files_that_are_not_saves(tmp_path, content, words):
    path = write(tmp_path, content)
    with pytest.raises(saves.SaveError) as caught:
        saves.load(path)
    assert words in str(caught.value)
    assert_sentence(str(caught.value))


def test_a_folder_or_a_missing_file(tmp_path):
    folder = tmp_path / "looks-like.hightide.json"
    folder.mkdir()
    for path, words in ((folder, "is a folder"), (tmp_path / "nothing.hightide.json", "does not exist")):
        with pytest.raises(saves.SaveError) as caught:
            saves.load(path)
        assert words in str(caught.value)
        assert_sentence(str(caught.value))
        assert not saves.verify(path).ok
    assert saves.list_saves(tmp_path) == []


def test_an_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.hightide.json"
    path.write_bytes(b" " * (saves.MAX_BYTES + 1))
    with pytest.raises(saves.SaveError) as caught:
        saves.read(path)
    assert "too large" in str(caught.value)


# ------------------------------------------------------------------ fuzzing: only SaveError, always a sentence

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
TOP_KEYS = ["format", "game", "game_version", "name", "saved_at", "scenario", "content_hash", "role", "seed", "household",
            "player", "assignment", "county", "season", "actions", "digests"]


def leaf_paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaf_paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaf_paths(v, prefix + (i,))


@st.composite
def damaged_saves(draw) -> bytes:
    text = game_json(4)
    data = json.loads(text)
    how = draw(st.sampled_from(["delete", "retype", "deep", "truncate", "bytes", "flip", "bomb", "huge_string",
                                "huge_list", "non_utf8", "big_number", "county", "format"]))
    if how == "delete":
        paths = [p for p in leaf_paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        del parent[path[-1]]
    elif how == "retype":
        data[draw(st.sampled_from(TOP_KEYS))] = draw(json_values)
    elif how == "deep":
        paths = [p for p in leaf_paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = draw(json_values)
    elif how == "truncate":
        raw = text.encode()
        return raw[:draw(st.integers(0, len(raw) - 1))]
    elif how == "bytes":
        return draw(st.binary(max_size=2000))
    elif how == "flip":
        raw = bytearray(text.encode())
        for _ in range(draw(st.integers(1, 5))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        return bytes(raw)
    elif how == "bomb":
        depth = draw(st.sampled_from([50, 500, 5000, 200000]))
        where = draw(st.sampled_from(["name", "actions", "scenario", "player"]))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        return json.dumps({**data, where: "__BOMB__"}).replace('"__BOMB__"', opener * depth + "1" + closer * depth).encode()
    elif how == "huge_string":
        data[draw(st.sampled_from(TOP_KEYS + ["kind"]))] = "x" * draw(st.sampled_from([1000, 100_000, 2_000_000]))
        if "kind" in data:
            data["actions"][0]["kind"] = data.pop("kind")
    elif how == "huge_list":
        n = draw(st.sampled_from([17, 20001, 300_000]))
        key = draw(st.sampled_from(["actions", "digests"]))
        data[key] = [data[key][0]] * n
    elif how == "non_utf8":
        raw = text.encode()
        cut = draw(st.integers(0, len(raw)))
        return raw[:cut] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80\x80"])) + raw[cut:]
    elif how == "big_number":
        key = draw(st.sampled_from(["seed", "format", "county", "season"]))
        return text.replace(f'"{key}": ', f'"{key}": ' + "9" * 5000 + ", \"_was\": ", 1).encode()
    elif how == "county":
        data["county"] = draw(st.sampled_from([0, -1, 5001, 1.5, True, "3"]))
    elif how == "format":
        data["format"] = draw(st.sampled_from([2, 99, 10**30, -1, 1.0]))
    return json.dumps(data, ensure_ascii=draw(st.booleans())).encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged_saves())
def test_damaged_saves_raise_only_save_error_with_a_sentence(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.hightide.json"
        path.write_bytes(raw)
        for call in (saves.read, saves.load):
            try:
                call(path)
            except saves.SaveError as error:
                assert_sentence(str(error))
        verdict = saves.verify(path)
        if verdict.ok:
            assert saves.load(path).digests == verdict.session.digests
        else:
            assert_sentence(verdict.message)
        if b'"format": 99' in raw and not verdict.ok and "newer" in verdict.message:
            assert "update the game" in verdict.message


# ------------------------------------------------------------------ atomic writes

def test_a_failed_write_leaves_the_previous_save_and_no_temporary_file(tmp_path, monkeypatch):
    before = play(GameSetup(role="cadre", seed=3, county=3), 2)
    after = play(GameSetup(role="cadre", seed=3, county=3), 4)
    path = saves.save(before, tmp_path / "g.hightide.json")
    original = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(saves.SaveError) as caught:
        saves.save(after, path)
    assert_sentence(str(caught.value))
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.hightide.json"]


WRITER = textwrap.dedent("""
    import itertools, sys
    from game.session import saves
    from game.session.actions import EndSeason
    from game.session.game import GameSetup, Session

    path = sys.argv[1]
    games = []
    for seasons in (3, 9):
        session = Session(GameSetup(role="peasant", household="wang_fu", seed=5, county=3))
        for _ in range(seasons):
            session.apply(EndSeason())
        games.append(session)
    saves.save(games[0], path)
    print("ready", flush=True)
    for i in itertools.count():
        saves.save(games[i % 2], path)
""")


def test_sigkill_while_saving_leaves_a_loadable_save_that_resumes(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    folder = tmp_path / "saves"
    folder.mkdir()
    path = folder / "game.hightide.json"
    rng = random.Random(2024)
    seen = set()
    for _ in range(6):
        writer = subprocess.Popen([sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.01, 0.3))
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=30)
            writer.stdout.close()
        assert writer.returncode == -signal.SIGKILL
        session = saves.load(path)  # never a torn file
        assert session.t in (3, 9)
        seen.add(session.t)
        assert saves.list_saves(folder) == [path], "a temporary file was taken for a save"
        assert latest_save(folder) == path
        for leftover in folder.iterdir():
            assert leftover == path or (leftover.name.startswith(".game.hightide.json.") and leftover.suffix == ".tmp")
        # resuming continues at the last finished season
        t = session.t
        session.apply(EndSeason())
        assert session.t == t + 1
        fresh = Session(GameSetup(role="peasant", household="wang_fu", seed=5, county=3))
        for _ in range(t + 1):
            fresh.apply(EndSeason())
        assert session.digests == fresh.digests
    assert seen, "the writer never got to save"
