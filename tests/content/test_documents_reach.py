"""Every document in the reader reaches the player: some choice hands it over, in a scene a
game can reach, and the play-tests take that choice. The checker proves it, and fails with the
document's file and line when one is stranded."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.content.checker import check, document_handovers
from game.content.loader import load_content
from game.paths import assets_dir


def test_every_shipped_document_is_handed_over_in_play():
    bundle = load_content(assets_dir())
    handovers = document_handovers(bundle)
    assert all(handovers.values()), [d for d, h in handovers.items() if not h]
    report = check(assets_dir(), games=40)
    assert [str(p) for p in report.errors if "document '" in p.message] == []


def test_a_document_nobody_hands_over_fails(tmp_path: Path):
    root = tmp_path / "assets"
    shutil.copytree(assets_dir(), root)
    path = root / "scenes" / "peasant" / "1953-spring.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count("document('gac-1950-08')") == 1
    path.write_text(text.replace("effects = [\"document('gac-1950-08')\"]", "effects = []"), encoding="utf-8")
    errors = [p for p in check(root, play=False).errors if "gac-1950-08" in p.message]
    assert errors and errors[0].file.endswith("documents/gac-1950-08.md") and errors[0].line == 2
    assert "never handed over" in errors[0].message
