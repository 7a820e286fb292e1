"""Replay is exact: 60 games of random legal (and some illegal) actions, saved and replayed to the
same digest chain, in this process (all of them) and in a fresh one (every third). Refused actions
change nothing."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from game.session import saves, views
from game.session.actions import ActionError, ChooseScene, EndSeason, HideGrain, SellGrain, SetForm, SetLever
from game.session.decisions import decisions
from game.session.game import GameSetup, Session

GAMES = 60
FRESH = slice(0, None, 3)  # the games also verified by `hightide verify` in a fresh process


def snapshot(session: Session) -> tuple:
    """The state a digest is made from, plus everything pending for the season."""
    return (session.t, session.state.digest(), session.pending_form, session.pending_effort, session.pending_sideline,
            session.pending_animals, session.pending_sell, session.pending_hide, dict(session.pending_levers),
            list(session.season_actions), len(session.actions), list(session.queue), sorted(session.flags),
            sorted(session.seen), session.standing, list(session.documents), list(session.digests))


def random_game(seed: int) -> tuple[Session, int]:
    """Play a whole game at random; returns the session and how many actions were refused."""
    rng = random.Random(seed)
    role = rng.choice(["peasant", "cadre"])
    setup = GameSetup(county=3, seed=rng.randrange(2**31), role=role,
                      household=rng.choice(["wang_fu", "li_guiying", "zhang_dewang", "zhao_shouren", "qian_baoshan"])
                      if role == "peasant" else None)
    session = Session(setup)
    refused = 0
    while not session.finished:
        while session.queue:
            view = views.current_scene(session)
            open_ = [o.index for o in view.options if o.available]
            assert open_, f"{view.id} has no open option in {session.label}"
            closed = [o.index for o in view.options if not o.available]
            if closed and rng.random() < 0.2:
                refused += refuse(session, ChooseScene(view.id, rng.choice(closed)))
            session.apply(ChooseScene(view.id, rng.choice(open_)))
        for decision in decisions(session):
            if rng.random() < 0.3:
                continue
            option = rng.choice(decision.options)
            if option.available:
                session.apply(option.action)
            else:
                refused += refuse(session, option.action)
        if rng.random() < 0.3:  # something the menus would not offer
            wrong = rng.choice([SetForm("higher"), SellGrain(9999.0), HideGrain(100.0), SetLever("upgrade", True),
                                SetLever("report", "over"), SetLever("stance", "coercion"), SetForm("independent")])
            before = snapshot(session)
            try:
                session.apply(wrong)
            except ActionError:
                refused += 1
                assert snapshot(session) == before, f"refused {wrong} but the session changed"
        session.apply(EndSeason())
    return session, refused


def refuse(session: Session, action) -> int:
    before = snapshot(session)
    with pytest.raises(ActionError):
        session.apply(action)
    assert snapshot(session) == before, f"refused {action} in {session.label} but the session changed"
    return 1


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> list[tuple[Path, Session]]:
    folder = tmp_path_factory.mktemp("random-games")
    out = []
    refused = 0
    for n in range(GAMES):
        session, r = random_game(n)
        refused += r
        out.append((saves.save(session, folder / f"game-{n:03d}{saves.SUFFIX}"), session))
    assert refused > GAMES, "too few illegal actions were tried"
    return out


@pytest.fixture(scope="module")
def fresh_verify(played):
    """``hightide verify`` over every third save, in a fresh process started now (it runs while
    this process verifies the same files)."""
    paths = [str(path) for path, _ in played[FRESH]]
    runs = [subprocess.Popen([sys.executable, "-m", "game", "verify", *paths], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)]
    yield runs
    for run in runs:
        if run.poll() is None:
            run.kill()
        run.communicate()


def test_random_games_replay_to_identical_digests(played, fresh_verify):
    roles = set()
    for path, session in played:
        # a game ends after winter 1956, or earlier when the county removes the secretary
        assert session.finished and (len(session.digests) == 16 or session.removed_at == len(session.digests) - 1)
        verdict = saves.verify(path)
        assert verdict.ok, verdict.message
        assert verdict.session.digests == session.digests
        assert verdict.session.state.digest() == session.state.digest()
        assert [log.weather for log in verdict.session.logs] == [log.weather for log in session.logs]
        roles.add(session.setup.role)
    assert roles == {"peasant", "cadre"}


def test_random_games_replay_in_a_fresh_process(played, fresh_verify):
    lines = []
    for run in fresh_verify:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stdout[-2000:] + stderr[-2000:]
        lines += stdout.strip().splitlines()
    assert len(lines) == len(played[FRESH])
    assert all(line.startswith("ok") and "the whole game, to the epilogue" in line for line in lines), [l for l in lines if not l.startswith("ok")]
    assert sorted(line.split()[1].rstrip(":") for line in lines) == sorted(path.name for path, _ in played[FRESH])


def test_the_same_setup_and_actions_give_the_same_game_twice():
    a, _ = random_game(12345)
    b = Session(a.setup)
    b.replay(list(a.actions))
    assert b.digests == a.digests
    assert b.standing == a.standing and b.flags == a.flags and b.documents == a.documents
