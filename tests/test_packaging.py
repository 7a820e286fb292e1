"""The wheel carries the game and all its assets, and an unpacked wheel finds its assets by
itself (``game/_assets``), wherever it is run from. The repository's ``saves/`` folder holds
nothing but its ``.gitkeep`` in git.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import game

REPO = Path(game.__file__).resolve().parent.parent
ASSETS = REPO / "assets"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel once. Without network access the isolated build cannot fetch hatchling,
    so build in this environment when hatchling is installed here."""
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out)]
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-isolation")
    result = subprocess.run(command + [str(REPO)], capture_output=True, text=True, cwd=out, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    wheels = list(out.glob("hightide-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_contains_the_scenarios_scenes_documents_and_glossary(names):
    for required in ("game/_assets/scenarios/north-china.toml", "game/_assets/scenarios/no-directive.toml",
                     "game/_assets/glossary.toml", "game/_assets/sources.toml"):
        assert required in names
    for folder in ("scenes/cadre", "scenes/peasant", "documents"):
        assert any(n.startswith(f"game/_assets/{folder}/") for n in names), folder


def test_wheel_contains_every_asset_file(names):
    assets = [p.relative_to(ASSETS).as_posix() for p in ASSETS.rglob("*") if p.is_file()]
    assert len(assets) > 30
    missing = [a for a in assets if f"game/_assets/{a}" not in names]
    assert not missing


def test_wheel_contains_the_code_and_the_console_script(wheel, names):
    for module in ("game/__init__.py", "game/__main__.py", "game/cli.py", "game/paths.py", "game/sim/step.py",
                   "game/content/scenario.py"):
        assert module in names
    assert not any(n.startswith(("tests/", "saves/", "assets/")) for n in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry_points).decode()
    assert "hightide = game.cli:main" in text


def test_saves_holds_only_gitkeep_in_git():
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(["git", "ls-files", "saves"], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.split() == ["saves/.gitkeep"]


def test_unpacked_wheel_finds_its_own_assets(wheel, tmp_path):
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import game\n"
        "from game.paths import assets_dir\n"
        "from game.content.scenario import load_scenario\n"
        "scenario = load_scenario(assets_dir(), 'north-china')\n"
        "print(game.__file__)\n"
        "print(assets_dir())\n"
        "print(scenario.path)\n"
        "print(scenario.params.households)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(unpacked)], capture_output=True, text=True,
                            cwd=run_dir, timeout=60)
    assert result.returncode == 0, result.stderr
    package_file, assets, scenario_path, households = result.stdout.split("\n")[:4]
    assert Path(package_file).resolve().is_relative_to(unpacked.resolve())
    assert Path(assets).parts[-2:] == ("game", "_assets")
    assert Path(assets).resolve() == (unpacked / "game" / "_assets").resolve()
    assert Path(scenario_path).resolve() == (unpacked / "game" / "_assets" / "scenarios" / "north-china.toml").resolve()
    assert int(households) > 0
