"""Scripted cadres in the player's village (issue 6): the historical cadre follows the county
line, the cautious one uses no pressure after July 1955, the coercive one coerces."""

from __future__ import annotations

import numpy as np
import pytest

from game.session.actions import EndSeason, SetLever
from game.session.game import GameSetup, Session

SEEDS = range(101, 121)  # 20 seeds
DIRECTIVE = 9


def play(seed: int, script: str) -> Session:
    session = Session(GameSetup(role="cadre", seed=seed, county=4, player="script"))
    while not session.finished:
        if script == "cautious" and session.t >= DIRECTIVE:
            session.apply(SetLever("stance", "persuasion"))
        elif script == "coercive" and session.t >= DIRECTIVE:
            session.apply(SetLever("stance", "coercion"))
        session.apply(EndSeason())
    return session


@pytest.fixture(scope="module")
def games():
    return {script: [play(seed, script) for seed in SEEDS] for script in ("historical", "cautious", "coercive")}


def _mean(sessions, key, t):
    return float(np.mean([s.logs[t].indicators[key] for s in sessions]))


def test_the_historical_cadre_reproduces_the_rush(games):
    historical = games["historical"]
    assert _mean(historical, "coop_share", 11) >= 0.60
    assert _mean(historical, "coop_share", 15) >= 0.90
    assert _mean(historical, "higher_share", 15) >= 0.75


def test_the_cautious_cadre_is_criticized_by_the_end_of_1955(games):
    criticized = [any(s.logs[t].verdict["verdict"] < 0 or s.logs[t].verdict["right_opportunist"] for t in (10, 11))
                  for s in games["cautious"]]
    assert np.mean(criticized) > 0.5
    messages = " ".join(m for s in games["cautious"] for t in (10, 11) for m in s.logs[t].messages)
    assert "criticizes" in messages


def test_the_coercive_cadre_is_fastest_and_least_trusted(games):
    for t in (10, 11):
        coercive = _mean(games["coercive"], "coop_share", t)
        assert coercive > _mean(games["historical"], "coop_share", t)
        assert coercive > _mean(games["cautious"], "coop_share", t)
    trust = {k: float(np.mean([s.logs[-1].indicators["trust"] for s in v])) for k, v in games.items()}
    assert trust["coercive"] == min(trust.values())
    assert trust["cautious"] > trust["historical"]


def test_removal_from_post_ends_the_game_early():
    from game.session import views

    session = Session(GameSetup(role="cadre", seed=5, county=3))
    while session.t < DIRECTIVE:
        session.apply(EndSeason())
    session.state.career[0] = -10.0  # the county has had enough
    session.apply(EndSeason())
    assert session.finished and session.removed_at == DIRECTIVE
    assert session.label == "Epilogue"
    assert any("removes you from your post" in m for m in session.logs[-1].messages)
    career = next(a for a in views.epilogue(session).axes if a.name == "Standing with the county")
    assert "Removed from your post after Summer 1955" in career.detail
    with pytest.raises(Exception, match="game is over"):
        session.apply(EndSeason())
