"""The layers stay apart (like Harlequin): the model, the content and the session never import
Textual, and neither do the headless commands (``hightide simulate``, ``bench``, ``model``).
Each module is imported in a fresh interpreter, so an import made by another test cannot hide
one. The core layers also never call ``eval`` or ``exec``.
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import game

GAME_DIR = Path(game.__file__).resolve().parent
CORE_PACKAGES = ("game.sim", "game.content", "game.session")
HEADLESS_MODULES = ("game", "game.cli", "game.simulate", "game.bench", "game.paths")
PROBE = "import importlib, sys; importlib.import_module(sys.argv[1]); print('textual' in sys.modules)"


def package_exists(name: str) -> bool:
    return (GAME_DIR / name.split(".", 1)[1]).is_dir() and importlib.util.find_spec(name) is not None


def core_modules() -> list[str]:
    """Every module of the core packages that exist (``game.session`` may not exist yet)."""
    names = []
    for package in CORE_PACKAGES:
        if not package_exists(package):
            continue
        names.append(package)
        path = [str(GAME_DIR / package.split(".", 1)[1])]
        names.extend(info.name for info in pkgutil.walk_packages(path, prefix=package + "."))
    return names


MODULES = core_modules() + list(HEADLESS_MODULES)


def probe(name: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE, name], capture_output=True, text=True,
                          cwd=GAME_DIR.parent, timeout=60)


@pytest.fixture(scope="module")
def imports() -> dict[str, subprocess.CompletedProcess]:
    """Import every module in its own fresh interpreter, a few at a time."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(MODULES, pool.map(probe, MODULES)))


def test_the_walk_finds_the_model_and_content_modules():
    for expected in ("game.sim.step", "game.sim.harvest", "game.content.scenario", "game.content.loader"):
        assert expected in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_module_does_not_import_textual(imports, name):
    result = imports[name]
    assert result.returncode == 0, f"import {name} failed:\n{result.stderr}"
    assert result.stdout.strip() == "False", f"importing {name} imports textual"


def test_the_probe_sees_textual_when_it_is_imported():
    """Guard against a probe that can never fail."""
    assert probe("textual").stdout.strip() == "True"


def test_game_session_is_covered_when_it_exists():
    if not package_exists("game.session"):
        pytest.skip("game.session does not exist yet")
    assert "game.session" in MODULES
    session_files = [p for p in (GAME_DIR / "session").rglob("*.py") if p.name != "__init__.py"]
    assert len([m for m in MODULES if m.startswith("game.session.")]) >= len(session_files)


def dynamic_code_calls(source: str, filename: str) -> list[str]:
    """Calls of eval/exec (bare, or as builtins.eval), found with the ast: words inside strings
    and comments do not count, nor methods that happen to be called ``eval``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("eval", "exec"):
            found.append(f"{filename}:{node.lineno}: {func.id}(")
        elif (isinstance(func, ast.Attribute) and func.attr in ("eval", "exec")
              and isinstance(func.value, ast.Name) and func.value.id in ("builtins", "__builtins__")):
            found.append(f"{filename}:{node.lineno}: {func.value.id}.{func.attr}(")
    return found


def test_dynamic_code_finder_finds_calls_and_ignores_strings():
    source = 'x = "eval(1)"  # exec(2)\nparser.eval(3)\ny = eval("1")\nimport builtins\nbuiltins.exec("z=1")\n'
    assert dynamic_code_calls(source, "f.py") == ["f.py:3: eval(", "f.py:5: builtins.exec("]


def test_core_layers_never_eval_or_exec():
    found = []
    files = 0
    for package in CORE_PACKAGES:
        folder = GAME_DIR / package.split(".", 1)[1]
        for path in sorted(folder.rglob("*.py")) if folder.is_dir() else []:
            files += 1
            found += dynamic_code_calls(path.read_text(encoding="utf-8"), str(path.relative_to(GAME_DIR.parent)))
    assert files > 20
    assert not found, "\n".join(found)
