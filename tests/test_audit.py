"""The strategy audit in CI (issue 11): a change that brings back an exploit (a strategy best on
every axis), lets luck swamp choice, or makes the calculus point the wrong way fails here.

The tournament is deterministic (bots, scene rule and seeds are fixed), so four seeds give the
same verdict on every run; ``hightide audit --seeds 20`` is the full measurement.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game import audit
from game.session import views

SEEDS = 4


@pytest.fixture(scope="module")
def result():
    return audit.run(seeds=SEEDS)


def test_no_strategy_is_best_on_every_axis(result):
    check = result.checks["no_dominant"]
    assert check["passed"], f"dominant strategies: {check['dominant']}"


def test_choice_matters_as_much_as_luck(result):
    check = result.checks["choice_matters"]
    assert check["passed"], check["households"]


def test_the_calculus_is_honest(result):
    check = result.checks["calculus_honest"]
    assert check["cases"] >= 30, "too few decision points to judge the calculus"
    assert check["passed"], check


def test_every_household_and_strategy_is_reported_on_every_axis(result):
    peasants = [r for r in result.strategies if r["role"] == "peasant"]
    assert {(r["household"], r["strategy"]) for r in peasants} == {
        (h, s) for h in audit.HOUSEHOLDS for s in audit.HOUSEHOLD_STRATEGIES}
    cadres = {r["strategy"] for r in result.strategies if r["role"] == "cadre"}
    assert cadres == set(audit.CADRE_STRATEGIES)
    for row in result.strategies:
        assert set(row["axes"]) == {name for name, _, _ in views.AXES[row["role"]]}
        assert row["seeds"] == list(range(1, SEEDS + 1))


def test_the_lessons_the_game_must_teach(result):
    """The poor household gains by joining, the well-off loses (HISTORY: who gained, who lost)."""
    mean = {(r["household"], r["strategy"]): r["axes"] for r in result.strategies if r["role"] == "peasant"}
    poor_in, poor_out = mean[("li_guiying", "join_after_directive")], mean[("li_guiying", "never_join")]
    assert poor_in["wealth"]["mean"] >= poor_out["wealth"]["mean"]
    assert poor_in["fed_seasons"]["mean"] >= poor_out["fed_seasons"]["mean"]
    rich_in, rich_out = mean[("wang_fu", "join_after_directive")], mean[("wang_fu", "never_join")]
    assert rich_in["wealth"]["mean"] < rich_out["wealth"]["mean"]
    assert rich_in["standing"]["mean"] > rich_out["standing"]["mean"]  # holding out has a price too


def test_dominance_is_judged_on_every_axis():
    row = lambda name, *values: {"strategy": name, "axes": {k: {"mean": v} for k, v in zip("abc", values)}}  # noqa: E731
    assert audit.dominant([row("x", 1, 1, 1), row("y", 0, 1, 1)]) == ["x"]
    assert audit.dominant([row("x", 1, 0, 1), row("y", 0, 1, 1)]) == []


def test_audit_command_prints_json_and_exits_with_its_verdict():
    done = subprocess.run([sys.executable, "-m", "game", "audit", "--seeds", "1", "--json"], capture_output=True, text=True,
                          timeout=600)
    data = json.loads(done.stdout)
    assert set(data) == {"strategies", "checks"}
    assert set(data["checks"]) == {"no_dominant", "choice_matters", "calculus_honest"}
    passed = all(c["passed"] for c in data["checks"].values())
    assert done.returncode == (0 if passed else 1)
    assert "Traceback" not in done.stderr


def test_report_json_gives_the_ending_in_the_audit_s_names(tmp_path):
    """Anyone can audit games played by other means: ``report --format json`` carries the axes."""
    from game.session import saves

    session = audit.play("peasant", "li_guiying", "join_after_directive", 2)
    path = saves.save(session, saves.manual_path(tmp_path, "li"), "li")
    done = subprocess.run([sys.executable, "-m", "game", "report", str(path), "--format", "json"], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["household"] == "li_guiying" and data["finished"] and data["verified"]
    expected = views.ending_axes(session)
    assert set(data["axes"]) == set(expected) == {name for name, _, _ in views.AXES["peasant"]}
    for name, value in expected.items():
        assert data["axes"][name] == pytest.approx(value, abs=1e-3)
