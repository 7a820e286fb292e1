"""The checker: passes on good content, and names the right file and line on broken content."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.content.checker import check, main
from game.content.errors import ContentError
from game.content.loader import load_content
from game.paths import assets_dir

SUMMER = "scenes/peasant/1953-summer.toml"


def _errors(root: Path) -> list[str]:
    return [str(p) for p in check(root, games=20).errors]


def _one_error_at(root: Path, line: int, fragment: str) -> None:
    errors = check(root, games=20).errors
    matching = [p for p in errors if p.file.endswith(SUMMER) and p.line == line
                and fragment in p.message]
    assert matching, f"expected {SUMMER}:{line} '{fragment}', got {[str(p) for p in errors]}"


def test_good_fixture_passes(make_assets):
    report = check(make_assets(), games=30)
    assert report.errors == []
    assert report.scene_coverage == 1.0
    assert report.counts["scenes"] == 4


def test_shipped_assets_pass():
    """Fails until every writer's content is complete and consistent."""
    report = check(assets_dir(), games=30)
    assert [str(p) for p in report.errors] == []


@pytest.mark.parametrize(
    ("case", "line", "fragment"),
    [
        ("missing_next", 11, "next 'p_nowhere' is not a scene id"),
        ("unreachable", 13, "unreachable scene 'p_orphan'"),
        ("syntax", 3, "TOML syntax error"),
        ("unknown_name", 6, "unknown name 'foo'"),
        ("missing_source", 7, "unknown source id 'S99'"),
        ("cycle", 14, "next cycle never ends"),
        ("long_text", 9, "keep lines under 200"),
        ("long_text", 13, "choice label is"),
        ("unknown_variable", 9, "unknown text variable '{grain}'"),
        ("duplicate_id", 2, "duplicate id 'p_well'"),
        ("bad_effect", 11, "omega() takes a number from 0 to 0.5"),
        ("wrong_role_effect", 11, "stance() is a cadre effect"),
        ("no_choices", 2, "dead end"),
        ("never_open", 2, "dead end: no choice"),
        ("missing_document", 11, "document('no-such-doc')"),
        ("enum_typo", 11, "'indepedent' is not a value of form"),
    ],
)
def test_broken_fixture_reports_file_and_line(make_assets, case, line, fragment):
    _one_error_at(make_assets(case), line, fragment)


def test_load_content_raises_located_error(make_assets):
    with pytest.raises(ContentError) as caught:
        load_content(make_assets("missing_next"))
    assert caught.value.file.endswith(SUMMER)
    assert caught.value.line == 11
    assert str(caught.value).startswith(f"assets/{SUMMER}:11: ")


def test_missing_reference_file_is_an_error(make_assets):
    root = make_assets()
    (root / "sources.toml").unlink()
    errors = _errors(root)
    assert any("sources.toml: file is missing" in e for e in errors)
    assert any("unknown source id 'S1'" in e for e in errors)


def test_document_header_errors(make_assets):
    root = make_assets()
    (root / "documents" / "bad.md").write_text("+++\nid = \"bad\"\ntitle = 3\n+++\nBody\n",
                                               encoding="utf-8")
    errors = _errors(root)
    assert any("documents/bad.md:3: 'title' must be a quoted string" in e for e in errors)


def test_main_exit_codes(make_assets):
    out = io.StringIO()
    assert main([str(make_assets()), "--games", "5"], out=out) == 0
    assert "OK: 0 error(s)" in out.getvalue()
    out = io.StringIO()
    assert main([str(make_assets("missing_next")), "--games", "5"], out=out) == 1
    text = out.getvalue()
    assert f"{SUMMER}:11: next 'p_nowhere' is not a scene id" in text
    assert "FAILED" in text


def test_main_missing_folder(tmp_path):
    out = io.StringIO()
    assert main([str(tmp_path / "nope")], out=out) == 1
    assert "no such folder" in out.getvalue()


def test_never_open_choice_is_a_warning_not_error(make_assets):
    root = make_assets()
    path = root / SUMMER
    path.write_text(
        '[[scene]]\nid = "p_summer"\nrole = "peasant"\nyear = 1953\nseason = "summer"\n'
        'title = "S"\ntext = "T"\n\n[[scene.choice]]\nlabel = "Go"\n\n'
        '[[scene.choice]]\nlabel = "Never"\nwhen = "animals > 3"\n', encoding="utf-8")
    report = check(root, games=10)
    assert report.errors == []
    assert any("'Never'" in w.message and w.line == 12 for w in report.warnings)
