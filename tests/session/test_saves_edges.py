"""Edges of saves: a game made with another assets folder, the sentences ``verify`` gives,
and the canonical JSON a format-2 seal hashes (spelt out by hand, so a teacher's own tool
can recompute it)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from game.content.bundle import content_hash
from game.paths import assets_dir
from game.session import saves, views
from game.session.actions import ChooseScene, EndSeason
from game.session.game import GameSetup, Session

SETUP = GameSetup(role="peasant", household="wang_fu", seed=5, county=3, player="Li")
CHANGED = "March in Liudu, in a copy of the assets."


def play(session: Session, seasons: int) -> Session:
    """End ``seasons`` seasons, taking the first open choice of every scene."""
    while session.t < seasons and not session.finished:
        while session.queue:
            view = views.current_scene(session)
            session.apply(ChooseScene(view.id, next(o.index for o in view.options if o.available)))
        session.apply(EndSeason())
    return session


@pytest.fixture
def own_assets(tmp_path) -> Path:
    """A copy of assets/ whose first peasant scene says something else: other content."""
    folder = tmp_path / "assets"
    shutil.copytree(assets_dir(), folder)
    scene = folder / "scenes" / "peasant" / "1953-spring.toml"
    text = scene.read_text(encoding="utf-8")
    assert "March in Liudu." in text
    scene.write_text(text.replace("March in Liudu.", CHANGED, 1), encoding="utf-8")
    return folder


# ------------------------------------------------------------------ a game made with its own assets

def test_a_game_made_with_other_assets_opens_and_verifies_with_those_assets(tmp_path, own_assets):
    """verify, check, start and load take the assets folder the game was made with, and use
    THAT content: the changed scene is what the game shows, and the save verifies against it."""
    session = Session(SETUP, own_assets)
    assert CHANGED in views.current_scene(session).text  # the copy really is other content
    assert session.content_hash == content_hash(own_assets) != content_hash(assets_dir())
    path = saves.save(play(session, 1), tmp_path / "own.hightide.json", "own")

    verdict = saves.verify(path, own_assets)
    assert verdict.ok, verdict.message
    assert verdict.message == "own.hightide.json: verified (played to Spring 1953, %d actions, 1 seasons)." % (
        len(session.actions))
    assert saves.check(saves.read(path), "own", own_assets).ok
    assert saves.start(saves.read(path), "own", own_assets).content_hash == content_hash(own_assets)
    loaded = saves.load(path, own_assets)
    assert loaded.content_hash == content_hash(own_assets)
    assert loaded.digests == session.digests and loaded.t == 1

    # a fresh game from the same copy shows the changed scene: the loaded game's content is the copy's
    fresh = saves.start(saves.read(saves.save(Session(SETUP, own_assets), tmp_path / "new.hightide.json")),
                        "new", own_assets)
    assert CHANGED in views.current_scene(fresh).text


def test_a_game_made_with_other_assets_is_refused_by_the_game_own_assets(tmp_path, own_assets):
    """Opened with the game's own assets, the save names itself and says to use the assets it was made with."""
    path = saves.save(Session(SETUP, own_assets), tmp_path / "own.hightide.json", "own")
    verdict = saves.verify(path)
    assert not verdict.ok
    assert verdict.message == ("own.hightide.json was made for different content (scenes or scenario files "
                               "have changed); open it with the game version and assets it was made with.")
    with pytest.raises(saves.SaveError) as caught:
        saves.load(path)
    assert str(caught.value) == verdict.message
    with pytest.raises(saves.SaveError):
        saves.start(saves.read(path), "own")


def test_a_save_for_a_scenario_the_assets_lack_cannot_be_opened_in_one_sentence(tmp_path):
    """The scenario error ends in its own full stop; the save's sentence keeps exactly one."""
    data = saves.to_dict(Session(SETUP), "lost")
    data["scenario"] = "atlantis"
    path = tmp_path / "lost.hightide.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    expected = ("lost.hightide.json cannot be opened: Unknown scenario 'atlantis'. "
                "Available: no-directive, north-china.")
    verdict = saves.verify(path)
    assert not verdict.ok and verdict.message == expected
    with pytest.raises(saves.SaveError) as caught:
        saves.start(saves.read(path), "lost.hightide.json")
    assert str(caught.value) == expected


# ------------------------------------------------------------------ how far a game was played

def test_verify_says_how_far_a_game_was_played(tmp_path):
    """No season, some seasons, the whole game: the last season played, as the class table says it."""
    new = saves.save(Session(SETUP), tmp_path / "new.hightide.json")
    assert saves.verify(new).message == "new.hightide.json: verified (no season played yet, 0 actions, 0 seasons)."

    session = play(Session(SETUP), 2)
    assert saves.reached(session) == "played to Summer 1953"  # seasons 0 and 1 played: spring, summer 1953

    finished = play(session, 16)
    assert finished.finished and len(finished.digests) == 16
    path = saves.save(finished, tmp_path / "done.hightide.json")
    assert saves.verify(path).message == (
        f"done.hightide.json: verified (the whole game, to the epilogue, {len(finished.actions)} actions, 16 seasons).")


# ------------------------------------------------------------------ the seal's canonical JSON

def test_the_seal_body_is_canonical_json_spelt_out_by_hand():
    """Every field but the seal and the signature; keys sorted at every level, no spaces, UTF-8
    characters as themselves (not \\u escapes)."""
    data = {"name": "Lǐ Wěi", "format": 2, "seal": "f" * 64, "signature": {"key": "k", "hmac": "h"},
            "actions": [{"season": 0, "kind": "end_season", "at": None}], "county": 3}
    expected = '{"actions":[{"at":null,"kind":"end_season","season":0}],"county":3,"format":2,"name":"Lǐ Wěi"}'
    assert saves.seal_body(data) == expected.encode("utf-8")
    assert hashlib.sha256(saves.seal_body(data)).hexdigest() == hashlib.sha256(expected.encode("utf-8")).hexdigest()


def test_a_saved_seal_is_the_sha256_of_the_file_fields_as_canonical_json(tmp_path):
    """A teacher's tool can recheck a seal from the file alone: sha256 over the other fields as
    canonical JSON (json.dumps with sorted keys, ',' and ':' separators, non-ASCII kept)."""
    session = Session(GameSetup(role="cadre", seed=3, county=3, player="Zhāng Wěi"))
    path = saves.save(session, tmp_path / "seal.hightide.json", "Mǎ")
    data = json.loads(path.read_text(encoding="utf-8"))
    fields = {k: v for k, v in data.items() if k not in ("seal", "signature")}
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert '"player":"Zhāng Wěi"' in canonical and ", " not in canonical
    assert data["seal"] == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
