"""Branching and comparing: a branch with the same decision is the same game; a branch with one
decision changed keeps every earlier season and all the weather; ``hightide branch`` writes a new
file and never touches the original; ``compare`` prints both games; bad input gets one sentence."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.session import saves, views
from game.session.actions import ActionError, ChooseScene, EndSeason, SetEffort, SetForm, SetLever
from game.session.game import GameSetup, Session
from game.session.replay import Replay, compare
from game.sim.params import season_label


def play(setup: GameSetup) -> Session:
    session = Session(setup)
    while not session.finished:
        while session.queue:
            view = views.current_scene(session)
            open_ = [o.index for o in view.options if o.available]
            session.apply(ChooseScene(view.id, open_[-1]))
        if setup.role == "peasant":
            if session.form_reason("lower") is None and session.household_form() != "higher":
                session.apply(SetForm("lower"))
            session.apply(SetEffort(0.85))
        else:
            session.apply(SetLever("stance", "persuasion"))
            session.apply(SetLever("omega", 0.3))
        session.apply(EndSeason())
    return session


@pytest.fixture(scope="module")
def games(tmp_path_factory) -> dict[str, tuple[Path, Session]]:
    folder = tmp_path_factory.mktemp("branch")
    out = {}
    for role, setup in (("peasant", GameSetup(role="peasant", household="wang_fu", seed=5, county=3)),
                        ("cadre", GameSetup(role="cadre", seed=3, county=3))):
        session = play(setup)
        out[role] = (saves.save(session, folder / f"{role}{saves.SUFFIX}"), session)
    return out


@pytest.fixture
def copies(games, tmp_path) -> dict[str, Path]:
    """Fresh copies of the saves for tests that run commands next to them."""
    return {role: Path(shutil.copy(path, tmp_path / path.name)) for role, (path, _) in games.items()}


def test_branch_with_the_same_decision_is_the_same_game(games):
    for role, (path, original) in games.items():
        replay = Replay(path)
        for t in (0, 5, 11, 15):
            same = next(a for a in replay.actions_in(t) if not isinstance(a, ChooseScene))
            branch, skipped = replay.branch_with(t, same)
            assert skipped == []
            assert branch.digests == original.digests, f"{role}: branching at {season_label(t)} with {same} changed the game"
            assert [log.weather for log in branch.logs] == [log.weather for log in original.logs]


def test_branch_with_the_same_scene_choice_is_the_same_game(games):
    path, original = games["peasant"]
    replay = Replay(path)
    same = next(a for a in replay.actions_in(6) if isinstance(a, ChooseScene))
    branch, skipped = replay.branch_with(6, same)
    assert skipped == [] and branch.digests == original.digests


@pytest.mark.parametrize("role, t, change", [
    ("peasant", 6, SetEffort(0.6)),
    ("peasant", 9, SetEffort(1.0)),
    ("cadre", 4, SetLever("stance", "coercion")),
    ("cadre", 10, SetLever("omega", 0.0)),
])
def test_a_changed_decision_differs_only_from_its_season_on(games, role, t, change):
    path, original = games[role]
    branch, skipped = Replay(path).branch_with(t, change)
    assert branch.finished and len(branch.digests) == 16
    assert branch.digests[:t] == original.digests[:t]
    assert all(b != o for b, o in zip(branch.digests[t:], original.digests[t:])), "the digest chain must differ from the change on"
    for k in range(16):
        assert branch.logs[k].weather == original.logs[k].weather, f"the weather of {season_label(k)} changed"
    for k in range(t):
        assert branch.logs[k].indicators == original.logs[k].indicators
    assert change in [a for s, a in branch.actions if s == t]
    for line in skipped:
        assert line.split(":")[0] in [season_label(k) for k in range(t, 16)] + ["Epilogue"]


def test_branch_and_session_at_seasons(games):
    path, original = games["peasant"]
    replay = Replay(path)
    assert replay.seasons == 16
    at = replay.session_at(7)
    assert at.t == 7 and at.digests == original.digests[:7]
    branch = replay.branch(7)
    assert "branch from Winter 1954" in branch.setup.player
    with pytest.raises(ActionError):
        replay.session_at(17)


def test_compare_shows_both_games(games):
    path, original = games["peasant"]
    branch, _ = Replay(path).branch_with(6, SetEffort(0.6))
    text = compare(original, branch, "original", "branch")
    lines = text.splitlines()
    assert lines[0].startswith("A = original: Wang Fu's household, seed 5") and lines[1].startswith("B = branch:")
    assert "orig. bran." in text.split("season", 1)[1].splitlines()[0]
    assert sum(season_label(k) in text for k in range(16)) == 16
    assert "The household's grain at the end" in text and "differ" not in text
    assert max(len(line) for line in lines) <= 100
    assert branch.setup.origin == f"branch:unknown:6" and branch.setup.game_id == original.setup.game_id


# ------------------------------------------------------------------ the command line

def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_cli_branch_writes_a_new_file_and_prints_a_comparison(copies, capsys):
    original = copies["peasant"]
    folder = original.parent
    before = original.read_bytes()
    code, out, err = run_cli(capsys, "branch", original, "--season", "autumn 1954", "--action", "effort 0.6")
    assert code == 0, err
    assert original.read_bytes() == before
    new = set(folder_bytes(folder)) - {original.name, copies["cadre"].name}
    assert new == {"peasant.autumn-1954.branch.hightide.json"}
    assert "Branched at Autumn 1954" in out and "A = original" in out and "B = branch" in out
    branch = folder / new.pop()
    assert saves.verify(branch).ok
    assert saves.read(branch).setup.origin == "branch:unknown:6" and not saves.read(branch).original
    loaded = saves.load(branch)
    assert loaded.digests[:6] == saves.load(original).digests[:6]
    assert loaded.digests[6] != saves.load(original).digests[6]


def test_cli_branch_out_and_compare_in_a_fresh_process(copies, tmp_path):
    original = copies["cadre"]
    before = original.read_bytes()
    out = tmp_path / "other.hightide.json"
    run = subprocess.run([sys.executable, "-m", "game", "branch", str(original), "--season", "spring 1954",
                          "--action", "stance coercion", "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert out.exists() and original.read_bytes() == before
    assert "stance" in run.stdout.splitlines()[0]
    run = subprocess.run([sys.executable, "-m", "game", "compare", str(original), str(out)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "A = Player (1)" in run.stdout and "B = Player (2)" in run.stdout
    assert "Winter 1956" in run.stdout and "Spring 1953" in run.stdout
    assert "standing" in run.stdout  # two cadres: the cadre's standing is a column


def test_cli_compare_prints_both_games(copies, capsys):
    code, out, err = run_cli(capsys, "compare", copies["peasant"], copies["cadre"])
    assert code == 0, err
    rows = [line for line in out.splitlines() if line.startswith(("Spring", "Summer", "Autumn", "Winter"))]
    assert len(rows) == 16
    assert "The seeds differ (5 and 3)" in out and "only the village's columns" in out
    assert "family" not in out.split("season")[1] and "standing" not in out  # no household's or cadre's own column
    assert max(len(line) for line in out.splitlines()) <= 100
    assert all(len(row.split()) == 2 + 2 * 6 for row in rows)  # six columns, a value of each game in each


def test_cli_replay_plain_prints_every_season(copies, capsys):
    code, out, err = run_cli(capsys, "replay", copies["peasant"], "--plain")
    assert code == 0, err
    assert all(f"=== {season_label(k)} ===" in out for k in range(16))
    assert "=== Epilogue ===" in out and "- You set collective work effort to 85%" in out


def one_sentence(code: int, out: str, err: str) -> str:
    assert code != 0, out
    text = (err or out).strip()
    assert text and len(text.splitlines()) == 1, text
    assert "Traceback" not in err and "Error" not in text, text
    return text


@pytest.mark.parametrize("case, words", [
    ("newer", "update the game"),
    ("unknown_format", "format version"),
    ("missing", "does not exist"),
    ("not_a_save", "not a High Tide save"),
    ("folder", "is a folder"),
    ("tampered", "diverged at"),
])
@pytest.mark.parametrize("command", ["branch", "compare", "verify", "replay", "load"])
def test_cli_bad_saves_get_one_sentence_and_change_nothing(copies, capsys, tmp_path, case, words, command):
    folder = copies["peasant"].parent
    data = json.loads(copies["peasant"].read_text())
    bad = folder / f"bad{saves.SUFFIX}"
    if case == "newer":
        bad.write_text(json.dumps({**data, "format": 99}))
    elif case == "unknown_format":
        bad.write_text(json.dumps({**data, "format": 0}))
    elif case == "not_a_save":
        bad.write_text(json.dumps({"theme": "dark", "volume": 3}))
    elif case == "folder":
        bad.mkdir()
    elif case == "tampered":
        data["digests"][2] = "0" * 64
        bad.write_text(json.dumps(data))
    before = folder_bytes(folder)
    argv = {"branch": ["branch", bad, "--season", "autumn 1954", "--action", "effort 0.6"],
            "compare": ["compare", copies["peasant"], bad],
            "verify": ["verify", bad],
            "replay": ["replay", bad, "--plain"],
            "load": ["play", "--plain", "--load", bad, "--saves", tmp_path / "s"]}[command]
    code, out, err = run_cli(capsys, *argv)
    text = one_sentence(code, out, err)
    assert words in text
    assert folder_bytes(folder) == before, "a file was written or changed"


@pytest.mark.parametrize("argv, words", [
    (["--season", "autumn 1960", "--action", "effort 0.6"], "outside the game"),
    (["--season", "harvest time", "--action", "effort 0.6"], "is not a season"),
    (["--season", "autumn 1954", "--action", "fly to the moon"], "is not an action"),
    (["--season", "autumn 1954", "--action", "effort 7"], "from 0 to 1"),
])
def test_cli_branch_bad_arguments_get_one_sentence(copies, capsys, argv, words):
    original = copies["peasant"]
    before = folder_bytes(original.parent)
    text = one_sentence(*run_cli(capsys, "branch", original, *argv))
    assert words in text
    assert folder_bytes(original.parent) == before


def test_cli_branch_never_overwrites_the_original(copies, capsys):
    original = copies["peasant"]
    before = folder_bytes(original.parent)
    text = one_sentence(*run_cli(capsys, "branch", original, "--season", "autumn 1954", "--action", "effort 0.6", "--out", original))
    assert "new name" in text
    assert folder_bytes(original.parent) == before


@pytest.mark.parametrize("action, words", [
    ("join higher", "higher stage is not on the agenda"),
    ("stance coercion", "decided by the cadre"),
])
def test_cli_branch_with_an_action_not_legal_then(copies, capsys, action, words):
    """Either the branch is refused with a sentence, or the change is reported as skipped."""
    original = copies["peasant"]
    before = original.read_bytes()
    code, out, err = run_cli(capsys, "branch", original, "--season", "spring 1953", "--action", action)
    assert original.read_bytes() == before
    if code == 0:
        skipped = [line for line in out.splitlines() if "skipped" in line]
        assert skipped and words in skipped[0] and "Spring 1953" in skipped[0], out
    else:
        assert words in one_sentence(code, out, err)
