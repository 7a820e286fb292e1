"""The one table of typed commands (``game.session.commands``), shared by the terminal UI and
line mode: every command makes the same session action a key or a click would, help speaks to
the role being played, and typed numbers are ASCII digits only."""

from __future__ import annotations

import pytest

from game.session.actions import AnimalChoice, ChooseScene, EndSeason, HideGrain, SellGrain, SetEffort, SetForm
from game.session.game import GameSetup, Session
from game.session.commands import (COMMANDS, CommandError, commands_for, common_prefix, complete, help_text,
                                   interpret, prompt_hint, resolve)


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(GameSetup(seed=7))


@pytest.mark.parametrize("text, action", [
    ("join team", SetForm("team")), ("jo co-op", SetForm("lower")), ("join higher", SetForm("higher")),
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
    assert interpret("choose 1", session).action == ChooseScene(scene, 0)
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


def test_compare_needs_a_season_played(session) -> None:
    assert interpret("compare", session).say.startswith("Play a season first")
    assert interpret("luck", session).say.startswith("Play a season first")


def test_sayings(session) -> None:
    assert "Spring 1953" in interpret("look", session).say
    assert interpret("talk wang", session).say.startswith("Wang Fu")
    assert "工分" in interpret("examine work points", session).say
    assert "draught animal" in interpret("x ox", session).say


def test_errors_are_one_sentence(session) -> None:
    for text, fragment in [("", "Type a command"), ("zzz", "not a command"), ("s", "could mean"),
                           ("join", "Join what"), ("sell lots", "not a number"), ("talk nobody", "No one"),
                           ("why everything", "Why what")]:
        with pytest.raises(CommandError, match=fragment) as info:
            interpret(text, session)
        assert "\n" not in str(info.value)


def test_abbreviations() -> None:
    assert resolve("x", "peasant").name == "examine"
    assert resolve("tal", "peasant").name == "talk"
    assert resolve("gl", "cadre").name == "glossary"
    # the single letters are the season screen's keys
    for letter, name in (("m", "map"), ("l", "ledger"), ("k", "calculus"), ("w", "why"), ("g", "glossary"),
                         ("d", "documents"), ("y", "timeline"), ("c", "county"), ("j", "directive"), ("o", "model"),
                         ("e", "end")):
        assert resolve(letter, "peasant").name == name, letter


def test_completion(session) -> None:
    assert complete("ta", session) == ["talk"]
    assert "talk wang" in complete("talk w", session)
    assert complete("why coop", session) == ["why coop_share"]
    assert complete("join ", session) == ["join team", "join co-op", "join higher"]
    assert common_prefix(["talk wang", "talk wei"]) == "talk w"


# ------------------------------------------------------------------ one table, two roles, two front ends
@pytest.fixture(scope="module")
def cadre() -> Session:
    return Session(GameSetup(role="cadre", seed=7))


SAMPLES = {"choose": "choose 1", "talk": "talk wang", "examine": "examine work points", "join": "join team",
           "sell": "sell 100", "hide": "hide 10", "keep": "keep ox", "slaughter": "slaughter ox", "effort": "effort 85",
           "sideline": "sideline 50", "policy": "policy stance persuasion", "do": "do end", "why": "why trust",
           "calculus": "calculus 17", "read": "read mao", "glossary": "glossary work", "guide": "guide teacher",
           "save": "save a name", "download": "download save", "open": "open s1"}


@pytest.mark.parametrize("role", ["peasant", "cadre"])
def test_every_command_of_the_role_means_something(role, session, cadre) -> None:
    game = session if role == "peasant" else cadre
    for spec in commands_for(role):
        line = SAMPLES.get(spec.name, spec.name)
        command = interpret(line, game)
        assert sum(x is not None for x in (command.action, command.view, command.app, command.say)) == 1, line


def test_help_speaks_to_the_role_played() -> None:
    cadre_help, peasant_help = help_text("cadre"), help_text("peasant")
    for words in ("your household", "your family", "join team"):
        assert words not in cadre_help, words
    assert "your household" in peasant_help and "policy" in cadre_help and "policy" not in peasant_help
    assert "join team" not in prompt_hint("cadre") and "join team" in prompt_hint("peasant")
    assert {s.name for s in commands_for("cadre")} < {s.name for s in COMMANDS}


def test_a_household_command_typed_by_the_secretary_says_whose_it_is(cadre) -> None:
    with pytest.raises(CommandError, match="for the household, not for the role you play"):
        interpret("join team", cadre)
    assert interpret("policy stance persuasion", cadre).action.name == "stance"
    with pytest.raises(CommandError, match="not a choice for stance|is not a"):
        interpret("policy stance kindness", cadre)


@pytest.mark.parametrize("line", ["calculus ²", "calculus ⑦", "calculus " + "9" * 5000, "calculus 0", "calculus 101",
                                  "sell ²", "sell " + "1" * 5000, "effort ½", "choose ⑦", "⑦", "²", "9" * 5000,
                                  "hide -5", "sell 1e9", "x" * 5000, "\x1b[31mred"])
def test_numbers_typed_by_people_are_refused_in_one_sentence(session, line) -> None:
    with pytest.raises(CommandError) as info:
        interpret(line, session)
    message = str(info.value)
    assert "\n" not in message and len(message) <= 300 and "\x1b" not in message
