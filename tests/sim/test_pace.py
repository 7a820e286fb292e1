"""History's pace (docs/model.md; issue 11): the average of 100 villages over 20 seeds
must fall inside every window that ``game.simulate.WINDOWS`` lists, and ``hightide simulate
--json`` must report the state's take and the mean co-op size per season.

One batched run per seed (100 villages on the village axis), shared by every test here.
"""

from __future__ import annotations

import pytest

from game.simulate import WINDOWS, mean_rows, pace, simulate

SEEDS = range(11, 31)  # 20 seeds


@pytest.fixture(scope="module")
def rows(scenario):
    return mean_rows([simulate(scenario, seed, 100) for seed in SEEDS])


@pytest.mark.parametrize("window", [w[0] for w in WINDOWS])
def test_history_window(rows, window):
    result = next(w for w in pace(rows) if w["window"] == window)
    assert result["holds"], f"{window}: {result['value']} is outside [{result['low']}, {result['high']}]"


def test_simulate_json_reports_state_take_and_coop_size(scenario):
    result = simulate(scenario, 11, 5)
    for row in result["seasons"]:
        assert {"state_take", "coop_size"} <= set(row)
    harvests = [r for r in result["seasons"] if r["grain_output"] > 0]
    assert harvests and all(0 < r["state_take"] < r["grain_output"] for r in harvests)
    assert max(r["coop_size"] for r in result["seasons"]) > 0
