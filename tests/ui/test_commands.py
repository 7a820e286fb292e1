"""The typed-command parser and completion, without Textual's event loop: every command makes
the same session action a key or a click would."""

from __future__ import annotations

import pytest

from game.session.actions import AnimalChoice, ChooseScene, EndSeason, HideGrain, SellGrain, SetEffort, SetForm
from game.session.game import GameSetup, Session
from game.ui.commands import CommandError, common_prefix, complete, interpret, resolve_verb


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(GameSetup(seed=7))


@pytest.mark.parametrize("text, action", [
    ("join team", SetForm("team")), ("j co-op", SetForm("lower")), ("join higher", SetForm("higher")),
    ("leave", SetForm("independent")), ("end", EndSeason()), ("sell 100", SellGrain(100.0)),
    ("hide 50", HideGrain(50.0)), ("effort 85", SetEffort(0.85)), ("effort 0.6", SetEffort(0.6)),
    ("sell ox", AnimalChoice("sell")), ("slaughter ox", AnimalChoice("slaughter")), ("keep ox", AnimalChoice("keep")),
])
def test_actions(session, text, action) -> None:
    assert interpret(text, session).action == action


def test_choose_uses_the_scene_in_front(session) -> None:
    scene = session.queue[0]
    assert interpret("choose 2", session).action == ChooseScene(scene, 1)
    assert interpret("2", session).action == ChooseScene(scene, 1)
    assert interpret("c 1", session).action == ChooseScene(scene, 0)
    with pytest.raises(CommandError, match="options 1 to"):
        interpret("choose 9", session)


def test_views_and_app_commands(session) -> None:
    assert interpret("map", session).view == "map"
    assert interpret("why coop", session).argument == "coop_share"
    assert interpret("why coop_share", session).view == "why"
    assert interpret("led", session).view == "ledger"
    assert interpret("tide", session).view == "tide"
    assert interpret("save before the meeting", session).argument == "before the meeting"
    assert interpret("quit", session).app == "quit"


def test_sayings(session) -> None:
    assert "Spring 1953" in interpret("look", session).say
    assert interpret("talk wang", session).say.startswith("Wang Fu")
    assert "工分" in interpret("examine work points", session).say
    assert "draught animal" in interpret("x ox", session).say


def test_errors_are_one_sentence(session) -> None:
    for text, fragment in [("", "Type a command"), ("zzz", "not a command"), ("e", "could mean"),
                           ("join", "Join what"), ("sell lots", "not a number"), ("talk nobody", "No one"),
                           ("why everything", "Why what")]:
        with pytest.raises(CommandError, match=fragment) as info:
            interpret(text, session)
        assert "\n" not in str(info.value)


def test_abbreviations() -> None:
    assert resolve_verb("x") == "examine"
    assert resolve_verb("tal") == "talk"
    assert resolve_verb("gl") == "glossary"


def test_completion(session) -> None:
    assert complete("ta", session) == ["talk"]
    assert "talk wang" in complete("talk w", session)
    assert complete("why coop", session) == ["why coop_share"]
    assert complete("join ", session) == ["join team", "join co-op", "join higher"]
    assert common_prefix(["talk wang", "talk wei"]) == "talk w"
