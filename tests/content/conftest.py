"""Helpers for content tests: build an assets folder from the good fixture plus one broken file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"


@pytest.fixture
def make_assets(tmp_path: Path):
    """make_assets(case, dest) -> an assets folder: the good fixture, with
    fixtures/broken/<case>.toml copied to ``dest`` (default scenes/peasant/1953-summer.toml)."""

    def build(case: str | None = None, dest: str = "scenes/peasant/1953-summer.toml") -> Path:
        root = tmp_path / "assets"
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(GOOD, root)
        if case is not None:
            target = root / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(BROKEN / f"{case}.toml", target)
        return root

    return build
