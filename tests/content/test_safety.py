"""Content can never run code: unsafe conditions and effects are load-time errors."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys

import pytest

from game.content.checker import check
from game.content.errors import ContentError
from game.content.loader import load_content

SUMMER = "scenes/peasant/1953-summer.toml"


@pytest.mark.parametrize(
    ("case", "line", "fragment"),
    [
        ("unsafe_import", 6, "names starting with '_'"),
        ("unsafe_attribute", 11, "attribute access"),
        ("unsafe_call", 11, "unknown function 'open'"),
        ("unsafe_effect_call", 11, "unknown effect 'open'"),
    ],
)
def test_unsafe_content_is_rejected_and_nothing_runs(make_assets, monkeypatch, tmp_path,
                                                     case, line, fragment):
    calls: list[str] = []
    for name in ("eval", "exec", "compile", "open", "__import__"):
        original = getattr(builtins, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            if _name == "__import__" and args and args[0] != "os":
                return _original(*args, **kwargs)
            if _name == "open":
                target = str(args[0]) if args else ""
                if "PWNED" in target:
                    calls.append(target)
                return _original(*args, **kwargs)
            if _name != "__import__":
                calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(builtins, name, spy)
    root = make_assets(case)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as caught:
        load_content(root)
    report = check(root, games=10)
    monkeypatch.undo()
    assert caught.value.line == line and fragment in caught.value.message
    assert any(p.file.endswith(SUMMER) and p.line == line and fragment in p.message
               for p in report.errors)
    assert not (tmp_path / "PWNED_BY_CONTENT").exists()
    assert "eval" not in calls and "exec" not in calls and "compile" not in calls
    assert not any("PWNED" in c for c in calls)


def test_content_package_never_uses_eval_or_exec():
    from pathlib import Path

    import game.content

    for path in Path(game.content.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("eval(", "exec(", "compile(", "import ast", "__import__("):
            body = text.replace("never uses eval, exec, compile", "")
            assert f" {word}" not in body and f"={word}" not in body, (path.name, word)


def test_content_modules_never_import_textual():
    modules = ["errors", "names", "syntax", "expr", "effects", "model", "files", "fields",
               "scenes", "reference", "bundle", "loader", "runner", "structure", "playtest",
               "checker"]
    code = (
        "import sys\n"
        + "".join(f"import game.content.{m}\n" for m in modules)
        + "from game.content.checker import check\n"
        + "from game.paths import assets_dir\n"
        + "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ})
    assert result.returncode == 0, result.stderr
