"""Save files as files: where they go and what they are called, how they are written (atomically,
readable, with the permissions any new file gets), and the sentence when they cannot be written.
(Issue 18: each of these was a surviving mutant of ``game/session/saves.py``.)
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from game.session import saves, signing
from game.session.actions import EndSeason, SetEffort
from game.session.game import GameSetup, Session


def short_game(role: str = "peasant", household: str | None = "li_guiying", seasons: int = 1,
               player: str = "Li Ming") -> Session:
    session = Session(GameSetup(role=role, household=household, seed=4, county=3, player=player))
    for _ in range(seasons):
        session.queue.clear()
        session.apply(SetEffort(0.9))
        session.apply(EndSeason())
    return session


@pytest.fixture
def umask():
    """Set the process umask for a test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


# ------------------------------------------------------------------ names
@pytest.mark.parametrize("text, slug", [
    ("Wang Fu", "wang-fu"), ("--Wang  Fu!--", "wang-fu"), ("王富", "player"), ("", "player"), ("---", "player"),
    ("a" * 50, "a" * 40), ("Li Ming 2", "li-ming-2"),
])
def test_a_name_becomes_a_file_name_of_at_most_forty_plain_characters(text, slug):
    assert saves.slug(text) == slug


def test_an_autosave_is_named_by_player_scenario_who_and_seed(tmp_path):
    peasant = short_game(seasons=0)
    assert saves.autosave_path(peasant, tmp_path) == tmp_path / f"li-ming-north-china-li_guiying-4{saves.AUTOSAVE_SUFFIX}"
    cadre = short_game(role="cadre", household=None, seasons=0)
    assert saves.autosave_path(cadre, tmp_path) == tmp_path / f"li-ming-north-china-cadre-4{saves.AUTOSAVE_SUFFIX}"
    written = saves.autosave(peasant, tmp_path)
    assert written == saves.autosave_path(peasant, tmp_path)
    assert json.loads(written.read_text(encoding="utf-8"))["name"] == "autosave"


def test_saves_are_listed_newest_first(tmp_path):
    session = short_game(seasons=0)
    paths = [saves.save(session, tmp_path / f"{name}{saves.SUFFIX}", name) for name in ("b", "a", "c")]
    base = paths[0].stat().st_mtime_ns
    for i, path in enumerate(paths):  # b oldest, then a, then c: neither name order nor its reverse
        os.utime(path, ns=(base + i * 10**9,) * 2)
    (tmp_path / "notes.txt").write_text("not a save", encoding="utf-8")
    assert saves.list_saves(tmp_path) == [paths[2], paths[1], paths[0]]


# ------------------------------------------------------------------ how a save is written
def test_a_save_is_readable_text_with_names_as_written(tmp_path):
    path = saves.save(short_game(player="李明"), tmp_path / "mine.hightide.json", "我的")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n "format": ')  # one field a line, indented by one space: a teacher can read it
    assert '"player": "李明"' in text and '"name": "我的"' in text  # not \u674e\u660e


def test_a_save_is_signed_with_the_key_it_is_given(tmp_path):
    key = signing.SigningKey(b"k" * 32)
    assert signing.active() is None
    path = saves.save(short_game(), tmp_path / "signed.hightide.json", "signed", key=key)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["signature"] == key.sign(saves.seal_body(data))
    unsigned = json.loads(saves.save(short_game(), tmp_path / "plain.hightide.json").read_text(encoding="utf-8"))
    assert "signature" not in unsigned


def test_a_save_goes_into_new_folders_through_a_hidden_temporary_file_beside_it(tmp_path, monkeypatch):
    renames = []
    real_replace = os.replace

    def replace(src, dst):
        renames.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "class" / "week 3" / "game.hightide.json"
    saves.write_atomic(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"
    [(src, dst)] = renames
    assert dst == target and src.parent == target.parent  # the same folder: the rename is atomic
    assert src.name.startswith(".game.hightide.json.") and src.name.endswith(".tmp")
    assert sorted(p.name for p in target.parent.iterdir()) == ["game.hightide.json"]


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664), (0o027, 0o640)])
def test_a_save_gets_the_permissions_of_any_new_file(tmp_path, umask, mask, mode):
    umask(mask)
    saves.write_atomic(tmp_path / "g.hightide.json", "{}")
    assert stat.S_IMODE((tmp_path / "g.hightide.json").stat().st_mode) == mode


def test_the_umask_is_read_without_changing_it(umask, monkeypatch):
    umask(0o027)
    assert saves._umask() == 0o027
    assert os.umask(0o027) == 0o027  # still what the test set

    def no_proc(*args, **kwargs):
        raise OSError("no /proc here")

    monkeypatch.setattr(saves, "open", no_proc, raising=False)  # a system without /proc/self/status
    assert saves._umask() == 0o027
    assert os.umask(0o027) == 0o027


def test_a_save_that_cannot_be_written_says_where_and_why(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("file").write_text("x", encoding="utf-8")
    with pytest.raises(saves.SaveError) as error:  # its folder is a file
        saves.write_atomic(Path("file/g.hightide.json"), "{}")
    assert str(error.value) == "Could not write 'file/g.hightide.json': File exists."
    deep = Path("file") / ("d" * 90) / "g.hightide.json"
    with pytest.raises(saves.SaveError) as error:
        saves.write_atomic(deep, "{}")
    assert str(error.value) == f"Could not write '{str(deep)[:77]}...': Not a directory."
    fine = Path("d" * 60) / ("e" * 14 + ".json")  # 80 characters: shown whole
    fine.parent.mkdir()
    fine.parent.chmod(0o500)
    if os.access(fine.parent, os.W_OK):  # root writes anyway: make the folder a file instead
        fine.parent.chmod(0o700)
        fine.parent.rmdir()
        fine.parent.write_text("x", encoding="utf-8")
    with pytest.raises(saves.SaveError) as error:
        saves.write_atomic(fine, "{}")
    assert str(error.value).startswith(f"Could not write '{fine}': ")


def test_the_format_1_seal_covers_the_last_digest_of_a_longer_game():
    session = short_game(seasons=3, player="P")
    assert len(session.digests) >= 3
    body = json.dumps({"player": "P", "assignment": None, "household": "li_guiying",
                       "actions": [{"season": t, **a.to_json()} for t, a in session.actions],
                       "last": session.digests[-1]}, sort_keys=True, ensure_ascii=False)
    assert saves.seal(session) == hashlib.sha256(body.encode("utf-8")).hexdigest()


def test_the_umask_is_read_from_the_system_without_setting_it(umask, monkeypatch):
    umask(0o027)
    calls = []
    real = os.umask

    def spy(mask):
        calls.append(mask)
        return real(mask)

    monkeypatch.setattr(os, "umask", spy)
    assert saves._umask() == 0o027
    assert calls == []  # read from /proc/self/status: another thread never sees a changed umask


def test_a_save_the_game_could_not_read_back_is_not_written(tmp_path, monkeypatch):
    session = short_game()
    path = tmp_path / ("n" * 70 + ".hightide.json")
    with pytest.raises(saves.SaveError) as error:
        saves.save(session, path, name="n" * (saves.MAX_FIELD + 1))
    assert str(error.value) == f"The game was not saved to '{path.name[:57]}...': the save is damaged: 'name' is too long."
    monkeypatch.setattr(saves, "MAX_BYTES", 100)
    short = tmp_path / "g.hightide.json"
    with pytest.raises(saves.SaveError) as error:
        saves.save(session, short)
    assert str(error.value).startswith("The game was not saved to 'g.hightide.json': the save would be ")
    assert str(error.value).endswith(" bytes, more than the 100 the game can read back.")
    assert list(tmp_path.iterdir()) == []


def test_the_seal_hashes_canonical_json_whatever_order_the_fields_come_in():
    assert saves.seal_body({"b": 1, "a": "高", "seal": "x", "signature": {}}) == '{"a":"高","b":1}'.encode("utf-8")
