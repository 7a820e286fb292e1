"""Shared test set-up: an isolated environment and the default scenario."""

from __future__ import annotations

import pytest
from hypothesis import settings

# `pytest --hypothesis-profile=long`: many more examples for the property tests that take their
# count from the profile (tests/test_hostile.py); the default run stays bounded
settings.register_profile("long", max_examples=1000, deadline=None)

from game.content.scenario import load_scenario
from game.paths import assets_dir


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    for name in ("TEXTUAL_THEME", "NO_COLOR", "HIGHTIDE_SAVES", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HIGHTIDE_SAVES", str(tmp_path / "saves"))


@pytest.fixture(scope="session")
def scenario():
    return load_scenario(assets_dir(), "north-china")


@pytest.fixture(scope="session")
def params(scenario):
    return scenario.params
