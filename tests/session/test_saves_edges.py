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


# ------------------------------------------------------------------ every refusal, as a whole sentence

from game.session import handin as handins  # noqa: E402  (kept beside the tests that use it)
from game.session import report as reports  # noqa: E402

LONG = "x" * 201  # one character over saves.MAX_FIELD


def saved(tmp_path: Path, seasons: int = 2) -> dict:
    """A real format-2 save of a short game, as the JSON object the file holds."""
    path = saves.save(play(Session(SETUP), seasons), tmp_path / "real.hightide.json", "mine")
    return json.loads(path.read_text(encoding="utf-8"))


def put(tmp_path: Path, data: dict | str, name: str = "s.hightide.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def without(key):
    return lambda d: d.pop(key)


def setting(key, value):
    return lambda d: d.__setitem__(key, value)


DAMAGED = "s.hightide.json is damaged: "
NEWER = "s.hightide.json was made by a newer version of High Tide"

BROKEN = [
    ("no format", without("format"), DAMAGED + "its format version is missing."),
    ("format 3", setting("format", 3), NEWER + " (save format 3); update the game to open it."),
    ("format 1000", setting("format", 1000), NEWER + " (save format 1000); update the game to open it."),
    # from a million on, the number is not quoted back (a hostile file must not make the sentence huge)
    ("format 999999", setting("format", 999_999), NEWER + " (save format 999999); update the game to open it."),
    ("format 10**6", setting("format", 10**6), NEWER + "; update the game to open it."),
    ("format 0", setting("format", 0), DAMAGED + "its format version 0 is unknown."),
    ("format -100", setting("format", -100), DAMAGED + "its format version -100 is unknown."),
    ("format -999999", setting("format", -999_999), DAMAGED + "its format version -999999 is unknown."),
    ("format -10**6", setting("format", -10**6), DAMAGED + "its format version  is unknown."),
    ("no scenario", without("scenario"), DAMAGED + "'scenario' is missing or not text."),
    ("numeric player", setting("player", 7), DAMAGED + "'player' is missing or not text."),
] + [
    (f"long {key}", setting(key, LONG), DAMAGED + f"'{key}' is too long.")
    for key in ("scenario", "content_hash", "role", "game_version", "household", "assignment", "player", "name",
                "saved_at", "game_id", "started", "origin", "assignment_hash")
]


@pytest.mark.parametrize("edit, expected", [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_each_damaged_save_is_refused_in_its_own_whole_sentence(tmp_path, edit, expected):
    """read refuses the file with the sentence; verify gives the same sentence as its verdict, and
    the report of the file refuses with it too."""
    data = saved(tmp_path)
    edit(data)
    path = put(tmp_path, data)
    with pytest.raises(saves.SaveError) as caught:
        saves.read(path)
    assert str(caught.value) == expected
    verdict = saves.verify(path)
    assert not verdict.ok and verdict.message == expected
    with pytest.raises(saves.SaveError) as caught:  # nothing to replay: the teacher's report refuses alike
        reports.build(path)
    assert str(caught.value) == expected


def test_a_file_that_is_not_json_is_refused_as_not_a_high_tide_save(tmp_path):
    path = put(tmp_path, "{not json")
    expected = "s.hightide.json is not a High Tide save (it is not readable JSON); choose another file."
    with pytest.raises(saves.SaveError) as caught:
        saves.read(path)
    assert str(caught.value) == expected
    assert saves.verify(path).message == expected


# a name of 61 characters: messages cut a file name to 60 (57 characters and '...')
NAME61 = "a" * 47 + ".hightide.json"
SHOWN61 = "a" * 47 + ".hightide." + "..."  # 47 + 10 kept characters, then the cut


@pytest.mark.parametrize("name, shown", [("s.hightide.json", "s.hightide.json"),
                                         ("Xmas'.hightide.json", "Xmas'.hightide.json"),
                                         (NAME61, SHOWN61)])
def test_refusals_name_the_file_as_it_is_called_cut_at_60_characters(tmp_path, name, shown):
    """The file's own name, without quotes, opens the sentence; only the quotes around it are
    taken off (a name may begin with X or end in an apostrophe); past 60 characters it is cut."""
    assert len(NAME61) == 61 and len(SHOWN61) == 60
    data = saved(tmp_path)
    broken = dict(data)
    del broken["format"]
    with pytest.raises(saves.SaveError) as caught:
        saves.read(put(tmp_path, broken, name))
    assert str(caught.value) == f"{shown} is damaged: its format version is missing."

    # a replay refusal names the file the same way
    data["name"] = "Wang"  # edited after saving: the seal no longer matches
    verdict = saves.verify(put(tmp_path, data, name))
    assert verdict.message == (f"{shown}: the player's name, a time, the assignment or an answer "
                               "was edited after saving.")


def test_a_diverged_replay_is_refused_in_a_whole_sentence_naming_the_season(tmp_path):
    data = saved(tmp_path)
    data["digests"][1] = "0" * 64  # the state after season 1 (Summer 1953) no longer matches
    verdict = saves.verify(put(tmp_path, data))
    assert verdict.message == ("s.hightide.json: diverged at Summer 1953: the recorded state does not match the "
                               "replay (the save was edited or damaged).")
    assert not verdict.ok and verdict.season == 1


# ------------------------------------------------------------------ a failing verdict still feeds the screens

def diverged(data):
    data["digests"][1] = "0" * 64


def unreplayable(data):
    data["actions"][4]["season"] = 0  # the first summer choice, recorded for spring after spring ended


def renamed(data):
    data["name"] = "Wang"


FAILURES = [
    ("diverged", diverged, "diverged at Summer 1953: the recorded state does not match the replay "
                           "(the save was edited or damaged)."),
    ("unreplayable", unreplayable, "diverged at Summer 1953: a recorded action cannot be replayed (an action is "
                                   "recorded for Spring 1953 but the game is at Summer 1953)."),
    ("edited", renamed, "the player's name, a time, the assignment or an answer was edited after saving."),
]


@pytest.mark.parametrize("edit, why", [f[1:] for f in FAILURES], ids=[f[0] for f in FAILURES])
def test_a_save_that_fails_verification_still_gives_a_report_and_a_signature_line(tmp_path, edit, why):
    """The teacher's report of a damaged save replays it as far as it goes and says NOT verified
    (JSON 'verified': false, not null), with the reason; the class table still reads its signature."""
    data = saved(tmp_path)
    edit(data)
    path = put(tmp_path, data)
    built = reports.build(path)
    assert built.verified is False and built.verdict == why
    assert json.loads(reports.to_json(built))["verified"] is False
    assert built.player == "Li"
    opened = handins.open_handin(path)
    assert opened.verdict.message == "s.hightide.json: " + why
    assert opened.signature_status == "unsigned"


def test_a_good_save_and_one_for_other_content_still_have_their_signature_read(tmp_path, own_assets):
    """The class table's record column: a verified save, and one that cannot even be opened with
    these assets, are both read for their signature (an unsigned save says so)."""
    good = saves.save(play(Session(SETUP), 1), tmp_path / "good.hightide.json", "good")
    assert handins.open_handin(good).signature_status == "unsigned"
    other = saves.save(Session(SETUP, own_assets), tmp_path / "own.hightide.json", "own")
    opened = handins.open_handin(other)
    assert not opened.verdict.ok and "different content" in opened.verdict.message
    assert opened.signature_status == "unsigned"
    assert opened.verdict.save_file is not None and opened.verdict.save_file.setup.player == "Li"
