"""Replay is exact: the same seed and the same decisions give bit-identical state; village 0
(the player's) does not depend on how many villages the county has; and a changed decision
never shifts later weather or random draws (each season's draws come from streams seeded by
(seed, season, name) with fixed shapes), although it does change the state.
"""

from __future__ import annotations

import importlib
from dataclasses import fields

import numpy as np
import pytest

from game.sim import HouseholdOverrides, initial_state, run, step
from game.sim.params import INDEPENDENT, TEAM, season_index

step_module = importlib.import_module("game.sim.step")  # ``game.sim.step`` the attribute is the function
season_draws = step_module.season_draws
Draws = step_module.Draws

SPRING_1954 = season_index("spring", 1954)
SUMMER_1954 = season_index("summer", 1954)
SPRING_1955 = season_index("spring", 1955)
WINTER_1955 = season_index("winter", 1955)


def assert_same_arrays(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert a.keys() == b.keys()
    for name in a:
        assert a[name].dtype == b[name].dtype, name
        assert a[name].shape == b[name].shape, name
        # bit-identical: compare raw bytes, so -0.0 vs 0.0 or differing NaN payloads also count
        assert a[name].tobytes() == b[name].tobytes(), f"{name} differs"


def differing(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> list[str]:
    return [k for k in a if a[k].shape != b[k].shape or a[k].tobytes() != b[k].tobytes()]


def full_run(params, seed: int, villages: int):
    state = initial_state(params, seed, villages)
    records = run(state, params)
    return state, records


def test_same_seed_gives_bit_identical_state(params):
    first, records_a = full_run(params, 4242, 3)
    second, records_b = full_run(params, 4242, 3)
    assert first.t == second.t == 16
    assert_same_arrays(first.arrays(), second.arrays())
    assert first.digest() == second.digest()
    for ra, rb in zip(records_a, records_b, strict=True):
        assert_same_arrays(ra.indicators, rb.indicators)
        assert_same_arrays(ra.flows, rb.flows)
        assert ra.weather.tobytes() == rb.weather.tobytes()


def test_a_different_seed_gives_a_different_county(params):
    a = initial_state(params, 1, 2)
    b = initial_state(params, 2, 2)
    assert {"cls", "land", "persons", "grain"} <= set(differing(a.arrays(), b.arrays()))
    run(a, params)
    run(b, params)
    assert a.digest() != b.digest()
    assert differing(a.arrays(), b.arrays())


def village_slice(state, village: int) -> dict[str, np.ndarray]:
    """Every array of one village: household arrays [v], village arrays [v]; (N,) layout
    arrays such as ``group`` are shared by all villages and kept whole."""
    out = {}
    for name, value in state.arrays().items():
        if name in ("group", "section"):
            out[name] = value
        else:
            assert value.shape[0] == state.villages, f"{name} has no village axis: {value.shape}"
            out[name] = value[village]
    return out


@pytest.mark.parametrize("seasons", [0, 6, 16])
def test_village_zero_does_not_depend_on_county_size(params, seasons):
    alone = initial_state(params, 77, 1)
    county = initial_state(params, 77, 5)
    run(alone, params, seasons=seasons)
    run(county, params, seasons=seasons)
    assert alone.t == county.t == seasons
    assert_same_arrays(village_slice(alone, 0), village_slice(county, 0))
    assert alone.digest(village=0) == county.digest(village=0)
    # the other villages really are other villages
    assert differing(village_slice(county, 0), village_slice(county, 1))


def test_village_v_is_the_same_when_run_on_its_own(params):
    """``initial_state(first=v)`` draws village v of the county on its own."""
    county = initial_state(params, 9, 4)
    third = initial_state(params, 9, 1, first=2)
    assert_same_arrays(village_slice(county, 2), village_slice(third, 0))


@pytest.mark.parametrize("t", [0, 5, 15])
def test_season_draws_depend_only_on_seed_season_and_shape(t):
    a = season_draws(123, t, 4, 100)
    b = season_draws(123, t, 4, 100)
    one = season_draws(123, t, 1, 100)
    other_seed = season_draws(124, t, 4, 100)
    other_season = season_draws(123, t + 1 if t < 15 else t - 1, 4, 100)
    for f in fields(Draws):
        name = f.name
        assert getattr(a, name).tobytes() == getattr(b, name).tobytes(), name
        # row v belongs to village v, whatever the county size
        assert getattr(one, name)[0].tobytes() == getattr(a, name)[0].tobytes(), name
        assert not np.array_equal(getattr(a, name), getattr(other_seed, name)), name
        assert not np.array_equal(getattr(a, name), getattr(other_season, name)), name


def play(params, seed: int, villages: int, monkeypatch, overrides_at=None, policy=None):
    """Run the whole game; ``overrides_at(state, t)`` may return overrides for season t.
    Returns the final state, the records, a snapshot of every array after each season and
    the draws ``step`` actually used in each season."""
    seen: dict[int, object] = {}
    original = step_module.season_draws

    def spy(seed, t, villages, households):
        seen[t] = original(seed, t, villages, households)
        return seen[t]

    state = initial_state(params, seed, villages)
    records, snapshots = [], []
    with monkeypatch.context() as patch:
        patch.setattr(step_module, "season_draws", spy)
        for t in range(16):
            overrides = overrides_at(state, t) if overrides_at else None
            records.append(step(state, params, overrides=overrides, policy=policy))
            snapshots.append({k: v.copy() for k, v in state.arrays().items()})
    assert sorted(seen) == list(range(16))
    return state, records, snapshots, seen


def assert_later_randomness_unchanged(base, changed, from_season: int) -> None:
    _, records_a, _, draws_a = base
    _, records_b, _, draws_b = changed
    for t in range(from_season, 16):
        assert records_a[t].weather.tobytes() == records_b[t].weather.tobytes(), f"weather of season {t} moved"
        for f in fields(Draws):
            assert getattr(draws_a[t], f.name).tobytes() == getattr(draws_b[t], f.name).tobytes(), (t, f.name)


def test_a_household_decision_in_1954_leaves_later_randomness_alone(params, monkeypatch):
    seed = 31
    base = play(params, seed, 2, monkeypatch)
    # a household of a mutual-aid team leaves it in spring 1954 (leaving a team is always possible)
    household = int(np.flatnonzero(base[2][SPRING_1954 - 1]["form"][0] == TEAM)[0])

    def overrides_at(state, t):
        if t != SPRING_1954:
            return None
        ov = HouseholdOverrides.none(state.villages, state.households)
        ov.form[0, household] = INDEPENDENT
        return ov

    changed = play(params, seed, 2, monkeypatch, overrides_at=overrides_at)
    snaps_a, snaps_b = base[2], changed[2]
    # before the decision nothing differs; right after it the household farms differently
    assert not differing(snaps_a[SPRING_1954 - 1], snaps_b[SPRING_1954 - 1])
    assert snaps_a[SPRING_1954]["form"][0, household] != snaps_b[SPRING_1954]["form"][0, household]
    assert differing(snaps_a[-1], snaps_b[-1]), "the decision changed nothing by the end of 1956"
    # the weather of 1955 and every later draw are the same
    for t in range(season_index("spring", 1955), season_index("winter", 1955) + 1):
        assert base[1][t].weather.tobytes() == changed[1][t].weather.tobytes()
    assert_later_randomness_unchanged(base, changed, SPRING_1954)
    # the other village never sees the decision
    assert base[0].digest(village=1) == changed[0].digest(village=1)


def test_a_cadre_decision_in_1954_leaves_later_randomness_alone(params, monkeypatch):
    seed = 58

    def coerce_in_summer_1954(levers, t):
        if t == SUMMER_1954:
            levers.stance[0] = 3
            levers.assessment[0] = 1
            levers.omega[0] = 0.0

    base = play(params, seed, 2, monkeypatch)
    changed = play(params, seed, 2, monkeypatch, policy=coerce_in_summer_1954)
    assert base[1][SUMMER_1954].levers.stance[0] != 3 or base[1][SUMMER_1954].levers.assessment[0] != 1
    assert not differing(base[2][SUMMER_1954 - 1], changed[2][SUMMER_1954 - 1])
    assert differing(base[2][SUMMER_1954], changed[2][SUMMER_1954])
    assert differing(base[2][-1], changed[2][-1])
    for t in range(SPRING_1955, WINTER_1955 + 1):
        assert base[1][t].weather.tobytes() == changed[1][t].weather.tobytes()
    assert_later_randomness_unchanged(base, changed, SUMMER_1954)
