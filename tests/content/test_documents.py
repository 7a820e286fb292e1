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


SUMMARY = "**Summary, not the original.**"
EXCERPT = "**Excerpt and summary.**"


def test_every_document_says_whether_it_quotes_or_summarizes():
    """A banner opens every document: an excerpt from a published translation, or our summary."""
    bundle = load_content(assets_dir())
    excerpts = []
    for doc in bundle.documents.values():
        first = doc.body.lstrip().splitlines()[0]
        assert SUMMARY in first or EXCERPT in first, f"{doc.id}: no banner"
        if EXCERPT in first:
            excerpts.append(doc.id)
            assert "## Excerpt" in doc.body and "## Summary" in doc.body, doc.id
            section = doc.body.split("## Excerpt", 1)[1].split("## Summary", 1)[0]
            quoted = [line for line in section.splitlines() if line.startswith("> ")]
            assert quoted, f"{doc.id}: the excerpt quotes nothing"
            assert any("\u4e00" <= ch <= "\u9fff" for line in quoted for ch in line), f"{doc.id}: no Chinese original"
            cited = [s for s in doc.sources if f"({s})" in section]
            assert cited, f"{doc.id}: the excerpt cites none of its sources"
            for quote in (line[2:] for line in quoted if line[2:].isascii()):
                assert len(quote.split()) <= 80, f"{doc.id}: keep excerpts short"
    assert len(excerpts) >= 6, excerpts
