"""Loading: the bundle's look-ups, characters, documents, and the content hash."""

from __future__ import annotations

from game.content.bundle import content_hash
from game.content.loader import load_content
from game.content.reference import load_characters
from game.paths import assets_dir

PLAYABLE = {"li_guiying": "poor", "zhang_dewang": "lower_middle", "wang_fu": "upper_middle",
            "zhao_shouren": "landlord", "qian_baoshan": "rich"}
OTHERS = {"sun_lianfang": "lower_middle", "liu_jianguo": "cadre", "gao_ming": "cadre",
          "chen_wenbin": "lower_middle", "ma_laohan": "poor"}


def test_bundle_lookups(make_assets):
    bundle = load_content(make_assets())
    assert bundle.scene("p_well").title == "At the well"
    assert bundle.scene("p_team").t is None
    assert [s.id for s in bundle.scenes_for("peasant", 1953, "spring")] == ["p_well", "p_hungry"]
    assert bundle.event("e_spring_gap").once
    assert bundle.characters["li_guiying"].hanzi == "李桂英"
    assert [c.id for c in bundle.households()] == ["li_guiying"]
    document = bundle.documents["mao-1955-07-31"]
    assert document.author == "Mao Zedong" and document.body.startswith("Our own summary")
    assert bundle.glossary[0].hanzi == "互助组" and bundle.glossary[0].sources == ("S1",)
    assert bundle.sources["S1"].citation.startswith("Mao Zedong")
    assert bundle.timeline[0].date == "1955-07-31"
    assert bundle.hash == content_hash(bundle.assets_dir)


def test_content_hash_changes_with_any_byte_of_play_content(make_assets):
    root = make_assets()
    before = content_hash(root)
    assert before == content_hash(root)
    path = root / "timeline.toml"
    path.write_bytes(path.read_bytes() + b"\n")
    assert content_hash(root) == before  # reference material does not change a game's course
    scene = next((root / "scenes").rglob("*.toml"))
    scene.write_bytes(scene.read_bytes() + b"\n")
    assert content_hash(root) != before


def test_shipped_characters_are_the_agreed_cast():
    path = assets_dir() / "characters.toml"
    errors: list = []
    cast = {c.id: c for c in load_characters(path.read_text(encoding="utf-8"),
                                             "characters.toml", errors)}
    assert errors == []
    assert {k: c.social_class for k, c in cast.items()} == PLAYABLE | OTHERS
    assert {k for k, c in cast.items() if c.household} == set(PLAYABLE)
    for character in cast.values():
        sentences = character.bio.count(". ") + 1
        assert 2 <= sentences <= 4, character.id
        assert character.voice and character.hanzi and character.role_in_village
