"""Saves as promised: a fixed seed and fixed actions give a fixed final digest (the golden
digest), the digests form a chain (the last one commits to every season), a removed or
reordered season is caught, and short codes round-trip and catch every typo.

THE GOLDEN DIGESTS BELOW CHANGE WHENEVER THE MODEL OR THE PLAY CONTENT CHANGES ON PURPOSE. When
they do, check that the change was meant, then replace the values in ``GOLDEN`` (the test
prints the new ones); nothing else in this file needs to change.
"""

from __future__ import annotations

import json
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.session import saves, views
from game.session.actions import Answer, ChooseScene, EndSeason, SetEffort, SetForm, SetLever
from game.session.assignment import (ALPHABET, CODE_HOUSEHOLDS, CODE_SCENARIOS, ROLES, Assignment, AssignmentError,
                                     _damm, _times2, decode, encode, hash_bits)
from game.session.game import GameSetup, Session
from game.sim.params import season_label

# ------------------------------------------------------------------ the golden digests: one place
GOLDEN = {
    "peasant": "cd8168aed3f0a8e3adf4b30ed704b4f8bf4efb55cc34b76c0e8c3391105ae0c9",
    "cadre": "2ad74c457d7825bad4dab6ad63952c20bd89080195f648a59b347cea63291073",
}


def first_choices(session: Session) -> None:
    """Answer the season's scenes with the first open option (the same every run)."""
    while session.queue:
        scene = views.current_scene(session)
        session.apply(ChooseScene(scene.id, next(o.index for o in scene.options if o.available)))


def scripted(role: str, seasons: int = 16) -> Session:
    """A fixed game: seed 1953, three villages, the same actions every time."""
    setup = GameSetup(role=role, seed=1953, household="wang_fu" if role == "peasant" else None, county=3,
                      player="Golden")
    session = Session(setup)
    for t in range(seasons):
        first_choices(session)
        if role == "peasant":
            session.apply(SetEffort(0.85 if t % 2 else 1.0))
            if session.form_reason("lower") is None and t >= 4:
                session.apply(SetForm("lower"))
        else:
            session.apply(SetLever("stance", "pressure" if t >= 8 else "persuasion"))
        session.apply(EndSeason())
    return session


@pytest.fixture(scope="module", params=["peasant", "cadre"])
def golden_game(request) -> tuple[str, Session]:
    return request.param, scripted(request.param)


def test_a_fixed_game_ends_in_the_golden_digest(golden_game) -> None:
    role, session = golden_game
    assert session.finished and len(session.digests) == 16
    assert session.digests[-1] == GOLDEN[role], (
        f"the {role}'s golden digest changed: {session.digests[-1]} (was {GOLDEN[role]}). If the model or the play "
        "content changed on purpose, put the new value in GOLDEN at the top of tests/session/test_receipts.py.")


def test_the_same_game_twice_gives_the_same_digests(golden_game) -> None:
    role, session = golden_game
    assert scripted(role, 4).digests == session.digests[:4]


def test_the_last_digest_commits_to_every_season() -> None:
    """Two games whose states are the same at every season (an answer changes no state) but
    whose first season's actions differ: every digest differs, the last one included."""
    games = []
    for text in ("first answer", "another answer"):
        session = Session(GameSetup(role="cadre", seed=3, county=3))
        session.apply(Answer("q1", text))
        for _ in range(3):
            first_choices(session)
            session.apply(EndSeason())
        games.append(session)
    a, b = games
    assert a.state.digest() == b.state.digest(), "the answer was meant to change no state"
    assert all(x != y for x, y in zip(a.digests, b.digests)), "a digest does not chain the seasons before it"


# ------------------------------------------------------------------ identity: game id and season times in the chain
GAME_ID, STARTED = "00c0ffee00c0ffee", "2025-03-04T10:02:00+01:00"


def timed(game_id: str | None = GAME_ID, started: str | None = STARTED, times: dict[int, str] | None = None,
          seasons: int = 4) -> Session:
    """A fixed game with an identity; season t ends at 10:1t unless ``times`` says otherwise."""
    setup = GameSetup(role="cadre", seed=1953, county=3, player="Golden", game_id=game_id,
                      started=started if game_id else None)
    session = Session(setup)
    for t in range(seasons):
        first_choices(session)
        at = (times or {}).get(t, f"2025-03-04T10:{10 + t}:00+01:00")
        session.clock = lambda at=at: at
        session.apply(EndSeason())
    return session


def test_the_chain_starts_from_the_game_id_and_commits_to_every_season_end_time() -> None:
    import hashlib

    session = timed()
    ends = [a for _, a in session.actions if isinstance(a, EndSeason)]
    assert [a.at for a in ends] == [f"2025-03-04T10:{10 + t}:00+01:00" for t in range(4)]
    # the formula, spelled out: a change to the chain has to change this test on purpose
    identity = hashlib.sha256(json.dumps({"game_id": GAME_ID, "started": STARTED, "assignment": None,
                                          "assignment_hash": None}, sort_keys=True).encode()).hexdigest()
    assert session.setup.identity() == identity
    fresh = Session(session.setup)
    first_choices(fresh)
    actions = json.dumps([a.to_json() for a in fresh.season_actions], sort_keys=True)
    fresh.clock = lambda: "2025-03-04T10:10:00+01:00"
    fresh.apply(EndSeason())
    state = fresh.state.digest()
    expected = hashlib.sha256((identity + state + actions + "@2025-03-04T10:10:00+01:00").encode()).hexdigest()
    assert fresh.digests[0] == session.digests[0] == expected
    assert timed().digests == session.digests  # the same id, times and actions: the same chain
    other_id = timed(game_id="00c0ffee00c0ffef")
    assert all(a != b for a, b in zip(other_id.digests, session.digests)), "the game id is not in every digest"
    later = timed(times={2: "2025-03-04T10:45:00+01:00"})
    assert later.digests[:2] == session.digests[:2]
    assert all(a != b for a, b in zip(later.digests[2:], session.digests[2:])), "a season's time is not in the chain"
    assert later.state.digest() == session.state.digest(), "the time was meant to change no state"


def test_a_game_without_an_id_keeps_the_chain_of_older_saves() -> None:
    plain = timed(game_id=None)
    assert all(a.at is None for _, a in plain.actions if isinstance(a, EndSeason)), "a script's game records no times"
    assert plain.digests == scripted_cadre_without_levers(4).digests


def scripted_cadre_without_levers(seasons: int) -> Session:
    session = Session(GameSetup(role="cadre", seed=1953, county=3, player="Golden"))
    for _ in range(seasons):
        first_choices(session)
        session.apply(EndSeason())
    return session


@pytest.mark.parametrize("field, value", [("at", "2025-03-04T11:59:00+01:00"), ("game_id", "00c0ffee00c0ffef"),
                                          ("started", "2025-03-04T09:00:00+01:00"), ("saved_at", "2020-01-01T00:00:00"),
                                          ("origin", None), ("player", "Someone Else")])
def test_an_edited_time_or_id_is_caught(tmp_path, field, value) -> None:
    session = timed()
    path = saves.save(session, tmp_path / "game.hightide.json")
    assert saves.verify(path).ok
    data = json.loads(path.read_text(encoding="utf-8"))
    if field == "at":
        data["actions"][[i for i, a in enumerate(data["actions"]) if a["kind"] == "end_season"][1]]["at"] = value
    elif field == "origin":
        data["origin"] = "branch:00c0ffee00c0ffee:2"  # a save claiming to be a branch, or a branch stripped of it
    else:
        data[field] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    verdict = saves.verify(path)
    assert not verdict.ok
    expected = {"at": "diverged at Summer 1953", "game_id": "diverged at Spring 1953", "started": "diverged at Spring 1953"}
    assert expected.get(field, "was edited after saving") in verdict.message


def _save(tmp_path, session: Session):
    return saves.save(session, tmp_path / "game.hightide.json")


def _blocks(actions: list[dict]) -> list[list[dict]]:
    """The recorded actions cut into seasons, each ending with its end_season."""
    out, block = [], []
    for action in actions:
        block.append(action)
        if action["kind"] == "end_season":
            out.append(block)
            block = []
    return out + ([block] if block else [])


@pytest.mark.parametrize("how", ["remove digest", "swap digests", "remove season", "swap seasons"])
@pytest.mark.parametrize("k", [2, 5])
def test_a_removed_or_reordered_season_is_caught(tmp_path, how, k) -> None:
    session = scripted("peasant", 8)
    data = json.loads(_save(tmp_path, session).read_text(encoding="utf-8"))
    blocks = _blocks(data["actions"])
    if how == "remove digest":
        del data["digests"][k]
    elif how == "swap digests":
        data["digests"][k], data["digests"][k + 1] = data["digests"][k + 1], data["digests"][k]
    elif how == "remove season":  # season k's actions and digest gone, later seasons renumbered
        del blocks[k]
        for later in blocks[k:]:
            for action in later:
                action["season"] -= 1
        del data["digests"][k]
    else:  # seasons k and k+1 swapped with their digests
        blocks[k], blocks[k + 1] = blocks[k + 1], blocks[k]
        for action in blocks[k]:
            action["season"] = k
        for action in blocks[k + 1]:
            action["season"] = k + 1
        data["digests"][k], data["digests"][k + 1] = data["digests"][k + 1], data["digests"][k]
    data["actions"] = [a for block in blocks for a in block]
    path = tmp_path / "edited.hightide.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    verdict = saves.verify(path)
    assert not verdict.ok, f"{how} at season {k} passed verification"
    assert verdict.season is not None and verdict.season <= k + 1
    assert season_label(verdict.season) in verdict.message or "end of the game" in verdict.message


# ------------------------------------------------------------------ short codes
def test_the_check_is_a_totally_anti_symmetric_quasigroup() -> None:
    """Exhaustive over GF(32): x*y = 2x + y has every row and column a permutation (so any single
    changed character changes the check) and (c*x)*y != (c*y)*x for x != y (so any swap of two
    neighbouring characters does): together, every such typo in every code is caught."""
    op = lambda x, y: _times2(x) ^ y  # noqa: E731
    for x in range(32):
        assert sorted(op(x, y) for y in range(32)) == list(range(32))
        assert sorted(op(y, x) for y in range(32)) == list(range(32))
    for c, x, y in product(range(32), repeat=3):
        if x != y:
            assert op(op(c, x), y) != op(op(c, y), x), (c, x, y)


assignments = st.builds(
    lambda scenario, role, household, seed, stops: Assignment(
        "x", "X", "", scenario, role, seed, household, tuple(sorted(stops)), household is not None),
    st.sampled_from(CODE_SCENARIOS), st.sampled_from(ROLES), st.sampled_from(CODE_HOUSEHOLDS),
    st.one_of(st.sampled_from([0, 1, 2, 255, 256, 32767, 32768, 65534, 65535]), st.integers(0, 65535)),
    st.sets(st.integers(0, 15)))


@given(assignments)
@settings(max_examples=300, deadline=None)
def test_codes_round_trip_for_every_scenario_role_household_and_seed(assignment) -> None:
    code = encode(assignment)
    assert len(code) == 14 and code[4] == code[9] == "-"
    back = decode(code)
    assert (back.scenario, back.role, back.household, back.seed, back.stop_after, back.lock_household) == \
        (assignment.scenario, assignment.role, assignment.household, assignment.seed, assignment.stop_after,
         assignment.lock_household)
    assert back.code_hash == hash_bits(assignment) and encode(back) == code
    assert decode(code.lower().replace("-", " ")) == back  # typed in lower case with spaces


def test_every_combination_of_the_small_fields_round_trips() -> None:
    for scenario, role, household, seed in product(CODE_SCENARIOS, ROLES, CODE_HOUSEHOLDS, (0, 65535)):
        a = Assignment("x", "X", "", scenario, role, seed, household, (0, 15), household is not None)
        b = decode(encode(a))
        assert (b.scenario, b.role, b.household, b.seed, b.stop_after) == (scenario, role, household, seed, (0, 15))


@given(assignments)
@settings(max_examples=60, deadline=None)
def test_every_single_substitution_and_adjacent_swap_is_refused(assignment) -> None:
    clean = encode(assignment).replace("-", "")
    for i, c in product(range(12), ALPHABET):
        if c != clean[i]:
            with pytest.raises(AssignmentError):
                decode(clean[:i] + c + clean[i + 1:])
    for i in range(11):
        if clean[i] != clean[i + 1]:
            with pytest.raises(AssignmentError):
                decode(clean[:i] + clean[i + 1] + clean[i] + clean[i + 2:])
    assert _damm([ALPHABET.index(ch) for ch in clean]) == 0


# ------------------------------------------------------------------ saves written before format 2
def old_save(tmp_path, player: str = "Old Timer", name: str = "old.hightide.json"):
    """A format-1 save as the game wrote it before game ids: its seal is ``saves.seal``."""
    session = Session(GameSetup(role="peasant", seed=3, household="wang_fu", county=3, player=player,
                                assignment="lesson-1"))
    for t in range(2):
        session.queue.clear()
        session.apply(SetEffort(0.9 if t else 1.0))
        session.apply(EndSeason())
    data = saves.to_dict(session)
    for key in ("game_id", "started", "origin", "assignment_hash"):
        del data[key]
    data.update(format=1, saved_at="2024-01-01T10:00:00", seal=saves.seal(session))
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return session, data, path


def test_the_format_1_seal_is_the_hash_of_who_played_what_and_the_last_digest(tmp_path) -> None:
    import hashlib

    session, _, _ = old_save(tmp_path, player="王富")
    # the format, spelled out: saves written before format 2 must keep verifying
    body = json.dumps({"player": "王富", "assignment": "lesson-1", "household": "wang_fu",
                       "actions": [{"season": t, **a.to_json()} for t, a in session.actions],
                       "last": session.digests[-1]}, sort_keys=True, ensure_ascii=False)
    assert saves.seal(session) == hashlib.sha256(body.encode("utf-8")).hexdigest()
    fresh = Session(GameSetup(role="cadre", seed=3, county=3, player="P"))
    empty = json.dumps({"player": "P", "assignment": None, "household": None, "actions": [], "last": ""},
                       sort_keys=True, ensure_ascii=False)
    assert saves.seal(fresh) == hashlib.sha256(empty.encode("utf-8")).hexdigest()


def test_a_format_1_save_verifies_and_an_edit_to_what_its_seal_covers_is_named(tmp_path) -> None:
    _, data, path = old_save(tmp_path)
    verdict = saves.verify(path)
    assert verdict.ok and verdict.message == "old.hightide.json: verified (played to Summer 1953, 4 actions, 2 seasons)."
    for field, value in (("player", "New Name"), ("assignment", "lesson-2")):
        edited = dict(data, **{field: value})
        (tmp_path / "edited.json").write_text(json.dumps(edited), encoding="utf-8")
        assert saves.verify(tmp_path / "edited.json").message == (
            "edited.json: the player's name, the assignment or an answer was edited after saving.")
    later = dict(data, saved_at="2025-01-01T10:00:00", name="renamed")  # format 1 did not seal these
    (tmp_path / "later.json").write_text(json.dumps(later), encoding="utf-8")
    assert saves.verify(tmp_path / "later.json").ok
