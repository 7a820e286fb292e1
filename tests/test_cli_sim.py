"""The headless commands: ``hightide simulate`` (JSON and table), ``hightide model``, and every
mistake a user can make on the command line ending in one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import game
from game.cli import main
from game.content.scenario import available
from game.paths import assets_dir
from game.sim.params import CLASSES, SEASONS

REPO = Path(game.__file__).resolve().parent.parent
SEASON_KEYS = {"year", "season", "team_share", "lower_share", "higher_share", "coop_share", "coop_share_by_class",
               "grain_output", "procurement", "grain_per_person", "animals", "gini", "shirking", "trust",
               "want_to_leave", "left"}
SHARE_KEYS = ("team_share", "lower_share", "higher_share", "coop_share", "gini", "shirking", "trust",
              "want_to_leave", "left")


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def simulated_json():
    """One JSON run, shared by the shape tests (capsys is per test, so capture by hand)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["simulate", "--scenario", "north-china", "--seed", "1", "--villages", "3", "--json"])
    return code, out.getvalue(), err.getvalue()


def test_simulate_json_is_one_object(simulated_json):
    code, out, err = simulated_json
    assert code == 0
    assert err == ""
    result = json.loads(out)  # fails on anything but exactly one JSON document
    assert isinstance(result, dict)
    assert out.strip().count("\n") == 0
    assert result["scenario"] == "north-china"
    assert result["seed"] == 1
    assert result["villages"] == 3
    assert len(result["seasons"]) == 16


def test_simulate_json_seasons(simulated_json):
    seasons = json.loads(simulated_json[1])["seasons"]
    for t, row in enumerate(seasons):
        assert SEASON_KEYS <= set(row), SEASON_KEYS - set(row)
        assert row["year"] == 1953 + t // 4
        assert row["season"] == SEASONS[t % 4]
        for key in SHARE_KEYS:
            assert 0.0 <= row[key] <= 1.0, (t, key, row[key])
        assert row["team_share"] + row["coop_share"] <= 1.0 + 1e-6
        # each share is printed rounded to 6 places, so the sum may be off by one in the last place
        assert abs(row["coop_share"] - (row["lower_share"] + row["higher_share"])) <= 1e-6 + 1e-9
        assert set(row["coop_share_by_class"]) == set(CLASSES)
        assert all(0.0 <= v <= 1.0 for v in row["coop_share_by_class"].values())
        for key in ("grain_output", "procurement", "grain_per_person", "animals"):
            assert row[key] >= 0.0, (t, key)
        if row["season"] in ("summer", "autumn"):
            assert row["grain_output"] > 0
        else:
            assert row["grain_output"] == 0
    # a run where nothing happens would pass the checks above: the tide must rise
    assert seasons[-1]["coop_share"] > seasons[0]["coop_share"]


def test_simulate_table_prints_sixteen_rows(capsys):
    code, out, err = cli(capsys, "simulate", "--seed", "1", "--villages", "2")
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    rows = [line for line in lines if line.split()[:1] and line.split()[0].lower() in SEASONS]
    assert len(rows) == 16
    assert rows[0].startswith("Spring 1953") and rows[-1].startswith("Winter 1956")
    assert len(lines) <= 18  # a heading, the column names and the rows


def test_simulate_is_repeatable(capsys):
    argv = ("simulate", "--seed", "5", "--villages", "2", "--json")
    first = cli(capsys, *argv)
    second = cli(capsys, *argv)
    assert first == second
    other = cli(capsys, "simulate", "--seed", "6", "--villages", "2", "--json")
    assert other[1] != first[1]


def test_unknown_scenario_lists_the_available_ones(capsys):
    code, out, err = cli(capsys, "simulate", "--scenario", "atlantis", "--seed", "1")
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "atlantis" in err
    for name in available(assets_dir()):
        assert name in err


@pytest.mark.parametrize("argv", [
    ["simulate", "--seed", "x"],
    ["simulate", "--seed", "-1"],
    ["simulate", "--seed", "1", "--villages", "0"],
    ["simulate", "--seed", "1", "--villages", "abc"],
    ["simulate", "--seed", "1", "--villages", "-3"],
    ["frobnicate"],
    ["simulate"],
    ["simulate", "--seed", "1", "--colour", "red"],
])
def test_bad_command_lines_end_in_one_line_and_status_2(capsys, argv):
    code, out, err = cli(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.strip()


def test_model_card_lists_every_parameter_with_its_source(capsys, scenario):
    from game.simulate import public_source

    code, out, err = cli(capsys, "model")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(scenario.parameters) > 50
    for param in scenario.parameters:
        line = next((line for line in lines if line.strip().startswith(f"{param.name} = ")
                     and f"source: {public_source(param.source)}" in line), None)
        assert line is not None, f"{param.section}.{param.name} missing from the model card"
        assert param.unit in line


def test_model_card_of_the_counterfactual(capsys):
    code, out, err = cli(capsys, "model", "--scenario", "no-directive")
    assert code == 0 and err == ""
    assert "no-directive" in out.splitlines()[0]
    code, out, err = cli(capsys, "model", "--scenario", "atlantis")
    assert code == 1 and len(err.strip().splitlines()) == 1


def test_python_dash_m_game_runs_the_command(capsys):
    result = subprocess.run([sys.executable, "-m", "game", "simulate", "--seed", "2", "--json"],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # the same numbers as in this process: nothing depends on the interpreter's hash seed
    code, out, _ = cli(capsys, "simulate", "--seed", "2", "--json")
    assert code == 0
    assert json.loads(result.stdout) == json.loads(out)
    assert result.stdout == out


def test_python_dash_m_game_reports_errors_without_traceback():
    result = subprocess.run([sys.executable, "-m", "game", "simulate", "--seed", "nope"],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
