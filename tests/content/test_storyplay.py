"""The storyplay check: real games of every household and the cadre, failing with file:line on a
scene shown against its assumptions, a repeat, a dead end, or a season over its budget."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content.assumes import Assumes
from game.content.checker import check
from game.content.loader import load_content
from game.paths import assets_dir
from game.session.game import SCENE_BUDGET, TURNING_POINTS, scene_budget
from game.session.storyplay import implied_problems, storyplay

PLANTED = Path(__file__).parent / "fixtures" / "planted"


def _planted(tmp_path: Path, case: str, dest: str) -> tuple[Path, int]:
    """The shipped assets with a planted passage appended to ``dest``; returns the folder and the
    line of the planted passage's id."""
    root = tmp_path / "assets"
    shutil.copytree(assets_dir(), root)
    target = root / dest
    before = target.read_text(encoding="utf-8")
    planted = (PLANTED / f"{case}.toml").read_text(encoding="utf-8")
    target.write_text(before + planted, encoding="utf-8")
    offset = next(i for i, line in enumerate(planted.splitlines()) if line.startswith("id = "))
    return root, len(before.splitlines()) + offset + 1


@pytest.mark.parametrize(("case", "dest", "fragment"), [
    ("wrong_assumes", "scenes/peasant/1953-spring.toml", "to a household that is not a co-op member"),
    ("dead_end", "scenes/peasant/1953-spring.toml", "dead end: 'planted_dead_end'"),
    ("ox_event", "events/household.toml", "not an owner of a draught animal"),
])
def test_a_planted_passage_fails_the_check_at_its_line(tmp_path, case, dest, fragment):
    root, line = _planted(tmp_path, case, dest)
    report = check(root, games=5, seeds=1)
    assert not report.ok
    found = [p for p in report.errors if p.file.endswith(dest) and p.line == line and fragment in p.message]
    assert found, [str(p) for p in report.errors]


def test_the_shipped_story_passes_storyplay():
    report = storyplay(assets_dir(), seeds=2)
    assert report.games == 2 * 6
    assert [str(p) for p in report.errors] == []


def test_no_season_shows_more_than_its_budget():
    report = storyplay(assets_dir(), seeds=2)
    assert report.per_season, "storyplay played no season"
    for t, most in report.per_season.items():
        assert most <= scene_budget(t), (t, most)
    ordinary = [most for t, most in report.per_season.items() if t not in TURNING_POINTS]
    assert max(ordinary) <= SCENE_BUDGET


def test_assumptions_say_which_fails():
    assumes = Assumes(form=("lower", "higher"), animals="some", flags=("joined",))
    failed = assumes.failures({"form": "independent", "animals": 0}, flags=())
    assert any("form is independent" in f for f in failed)
    assert any("no animal" in f for f in failed)
    assert any("'joined'" in f for f in failed)
    assert assumes.holds({"form": "lower", "animals": 1}, flags={"joined"})


def test_the_prose_check_reads_the_household():
    alone = {"role": "peasant", "form": "independent", "animals": 0, "pooled": False}
    assert implied_problems("Your co-op meets tonight.", alone)
    assert implied_problems("Your ox is lame.", alone)
    assert not implied_problems("Your ox is lame.", {**alone, "animals": 1})
    assert not implied_problems("The co-op meets tonight.", alone)
    assert not implied_problems("Your co-op meets.", {**alone, "form": "lower"})


def test_assumes_table_errors_are_located(tmp_path):
    root = tmp_path / "assets"
    shutil.copytree(assets_dir(), root)
    target = root / "scenes/peasant/1953-spring.toml"
    text = (PLANTED / "wrong_assumes.toml").read_text(encoding="utf-8").replace('"team"]', '"tema"]')
    target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")
    report = check(root, games=2, play=False)
    assert any("'tema' is not a value of form" in p.message and p.file.endswith("1953-spring.toml")
               for p in report.errors), [str(p) for p in report.errors]


def test_every_playable_household_is_played():
    bundle = load_content(assets_dir())
    households = {c.id for c in bundle.households()}
    assert len(households) == 5
