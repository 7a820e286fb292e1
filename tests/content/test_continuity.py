"""The prose agrees with the character sheet, and the checker fails, at the right file and
line, when a scene contradicts the sheet's ages, land, family sizes or class labels."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content.checker import check
from game.content.continuity import age_at, character_facts, check_continuity, number_value
from game.content.errors import ContentError
from game.content.loader import load_content
from game.content.names import season_index
from game.paths import assets_dir


@pytest.fixture(scope="module")
def bundle():
    return load_content(assets_dir())


@pytest.fixture
def planted(tmp_path: Path):
    """planted(file, old, new) -> a copy of the shipped assets with one phrase replaced."""

    def plant(relative: str, old: str, new: str) -> Path:
        root = tmp_path / "assets"
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(assets_dir(), root)
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} should occur once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return root

    return plant


def _line_of(root: Path, relative: str, phrase: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, line in enumerate(lines) if phrase in line)


def _continuity_errors(root: Path) -> list:
    return [p for p in check(root, play=False).errors if "continuity" in p.message]


def test_shipped_prose_agrees_with_the_character_sheet(bundle):
    assert [str(p) for p in check_continuity(bundle)] == []


def test_numbers_and_ages():
    assert number_value("thirty-four") == 34
    assert number_value("eleven") == 11
    assert number_value("17") == 17
    spring_1953, spring_1956 = season_index(1953, "spring"), season_index(1956, "spring")
    assert age_at("1940-summer", spring_1953) == 12
    assert age_at("1940-summer", spring_1956) == 15  # three springs later, three years older
    assert age_at("1918-autumn", spring_1953) == 34


def test_reader_follows_names_pronouns_speakers_and_you(bundle):
    facts = character_facts(bundle, "Sun Lianfang, nineteen, cuts faster than half the men.")
    assert [(f.kind, f.who, f.value) for f in facts] == [("age", "sun_lianfang", 19.0)]
    facts = character_facts(bundle, 'Zhang Dewang finds you. He is a Party member, forty, and talks.')
    assert [(f.who, f.value) for f in facts] == [("zhang_dewang", 40.0)]
    facts = character_facts(bundle, 'Ma Laohan laughs. "Mount, dismount. I\'m seventy."')
    assert [(f.who, f.value) for f in facts] == [("ma_laohan", 70.0)]
    facts = character_facts(bundle, "Your eldest is fifteen now.", you=("li_guiying",))
    assert [(f.who, f.relative, f.value) for f in facts] == [("li_guiying", "eldest son", 15.0)]
    facts = character_facts(bundle, "Qian Baoshan has offered to rent Li Guiying's two mu by the well.")
    assert [(f.who, f.value, f.part) for f in facts] == [("li_guiying", 2.0, True)]
    facts = character_facts(bundle, '"I have an ox, a cart and fifteen mu."', speaker="wang_fu")
    assert [(f.kind, f.who, f.value, f.part) for f in facts] == [("land", "wang_fu", 15.0, False)]
    facts = character_facts(bundle, "Wang Fu, a well-off middle peasant with a strong ox.")
    assert [(f.kind, f.value) for f in facts] == [("class", "well-off middle peasant")]
    facts = character_facts(bundle, "Four mouths, two workers.", you=("li_guiying",))
    assert [(f.kind, f.value) for f in facts] == [("persons", 4.0)]


@pytest.mark.parametrize(
    ("relative", "old", "new", "fragment"),
    [
        # an age: Zhang Dewang is 34 in spring 1953 on the sheet
        ("scenes/cadre/1953-spring.toml", "He is a Party member, thirty-four,", "He is a Party member, forty,",
         "makes Zhang Dewang 40 in spring 1953"),
        # a relative's age three years on
        ("scenes/peasant/1956-spring.toml", "Your eldest is fifteen now", "Your eldest is fourteen now",
         "makes Li Guiying's eldest son 14 in spring 1956"),
        # land: Wang Fu farms 17 mu in the model
        ("scenes/peasant/1953-spring.toml", "{land|mu},\na cart", "fifteen mu,\na cart",
         "gives Wang Fu 15 mu, but characters.toml says 17"),
        ("scenes/cadre/1955-summer.toml", "a cart and {wang_fu_land|mu}", "a cart and twenty mu",
         "gives Wang Fu 20 mu"),
        # a holding for someone the sheet gives none
        ("scenes/cadre/1953-winter.toml", "who has a few mu and a strong nephew", "who has two mu and a strong nephew",
         "gives no 'land' for Ma Laohan"),
        # family size and class
        ("scenes/cadre/1953-autumn.toml", "I have five mouths", "I have six mouths", "gives Wang Fu 6 people"),
        ("scenes/cadre/1955-winter.toml", "from a lower-middle family, unmarried", "from a poor family, unmarried",
         "makes Sun Lianfang poor"),
    ],
)
def test_a_planted_contradiction_fails_at_its_line(planted, relative, old, new, fragment):
    root = planted(relative, old, new)
    errors = _continuity_errors(root)
    line = _line_of(root, relative, new.splitlines()[0])
    hits = [p for p in errors if p.file.endswith(relative) and p.line == line and fragment in p.message]
    assert hits, f"expected {relative}:{line} '{fragment}', got {[str(p) for p in errors]}"


def test_a_partial_endowment_is_refused(tmp_path: Path):
    root = tmp_path / "assets"
    shutil.copytree(assets_dir(), root)
    path = root / "characters.toml"
    text = path.read_text(encoding="utf-8").replace('aliases = ["Old Ma", "Ma"]', 'aliases = ["Old Ma", "Ma"]\nland = 6.0')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="give 'persons' too"):
        load_content(root)


def test_a_malformed_birth_date_is_refused(tmp_path: Path):
    root = tmp_path / "assets"
    shutil.copytree(assets_dir(), root)
    path = root / "characters.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('born = "1918-autumn"', 'born = "autumn 1918"'),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="'born' must be a year"):
        load_content(root)
