"""Whole games through line mode: piped from a script in a subprocess (both roles) and in-process
with a scripted player who reads the prompts and makes real decisions. Every game ends in the
epilogue with a save that ``hightide verify`` accepts; ending the input mid-game saves a game
that continues where it stopped."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.plain import Console, PlainGame
from game.session import saves
from game.session.actions import AnimalChoice, SetEffort, SetForm, SellGrain
from game.session.game import GameSetup, Session


def hightide(*argv, stdin: str = "", timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *map(str, argv)], input=stdin, capture_output=True,
                          text=True, timeout=timeout)


def saved_path(stdout: str) -> Path:
    found = re.findall(r"hightide verify (\S+)", stdout)
    assert found, "the epilogue does not say where the game was saved"
    return Path(found[-1])


@pytest.mark.parametrize("argv", [
    ["play", "--plain", "--role", "peasant", "--household", "wang_fu", "--seed", "5"],
    ["play", "--plain", "--role", "cadre", "--seed", "3"],
])
def test_a_piped_game_reaches_the_epilogue_and_verifies(tmp_path, argv):
    run = hightide(*argv, "--saves", tmp_path, stdin="1\n" * 3000)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert "=== Epilogue ===" in run.stdout
    assert "=== Choice or luck? ===" in run.stdout and "as good as or better than" in run.stdout
    for season in ("Spring 1953", "Autumn 1955", "Winter 1956"):
        assert f"=== {season} ===" in run.stdout
    path = saved_path(run.stdout)
    assert path.parent == tmp_path and path.exists()
    check = hightide("verify", path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("ok") and "Epilogue" in check.stdout


def test_input_ending_mid_game_saves_and_the_game_continues(tmp_path):
    run = hightide("play", "--plain", "--role", "cadre", "--seed", "3", "--saves", tmp_path, stdin="1\n" * 40)
    assert run.returncode == 0, run.stderr
    assert "Input ended" in run.stdout and "=== Epilogue ===" not in run.stdout
    path = Path(re.search(r"--load (\S+)", run.stdout).group(1))
    stopped = saves.load(path)
    assert 0 < stopped.t < 16
    rest = hightide("play", "--plain", "--load", path, "--saves", tmp_path, stdin="1\n" * 3000)
    assert rest.returncode == 0, rest.stderr
    assert f"at {stopped.label}" in rest.stdout.splitlines()[0]
    assert "=== Epilogue ===" in rest.stdout
    assert hightide("verify", saved_path(rest.stdout)).returncode == 0


def test_the_title_questions_can_be_answered_by_number(tmp_path):
    run = hightide("--plain", "--saves", tmp_path, stdin="1\n" * 3000)
    assert run.returncode == 0, run.stderr
    assert "Which household?" in run.stdout and "=== Epilogue ===" in run.stdout


def test_a_bad_load_is_one_sentence(tmp_path):
    run = hightide("play", "--plain", "--load", tmp_path / "nope.hightide.json", stdin="")
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0 and "does not exist" in run.stderr


# ------------------------------------------------------------------ a scripted player, in-process

class ScriptedPlayer(Console):
    """Answers line mode by reading what it printed: joins a co-op as soon as it can, works at the
    common pace, keeps the ox, sells a little grain, reads the ledger and other screens, and
    sometimes types nonsense."""

    WANT = {
        "How the family farms": ("Apply to the higher-stage co-op", "Apply to the lower-stage co-op"),
        "The co-op's meeting on the higher stage": ("Vote to go to the higher stage",),
        "Effort in collective work": ("Do what everyone does",),
        "The draught animal": ("Keep it",),
        "Sell grain to the state": ("Sell 100 jin",),
        "The slack season": ("Half sidelines",),
    }
    COMMANDS = ("ledger", "calculus", "calculus 12", "calculus 999", "why coop_share", "why nonsense", "status", "map",
                "documents", "glossary co-op", "help", "do effort 0.85", "do fly away", "what is this", "tide",
                "county", "calculus ²", "9" * 5000, "compare")

    def __init__(self):
        super().__init__(io.StringIO(), io.StringIO())
        self.transcript: list[str] = []
        self.fresh: list[str] = []
        self.season = ""
        self.done: set[tuple[str, str]] = set()
        self.commands_left = list(self.COMMANDS)
        self.asked = 0

    def say(self, text: str = "") -> None:
        for line in text.split("\n"):
            self.transcript.append(line)
            self.fresh.append(line)
            if line.startswith("=== ") and line.endswith(" ==="):
                self.season = line.strip("= ")

    def ask(self, prompt: str) -> str | None:
        self.asked += 1
        assert self.asked < 5000, "the scripted player is going round in circles"
        lines, self.fresh = self.fresh, []
        self.transcript.append(prompt)
        if prompt.startswith("Your choice"):
            return "1"
        if prompt.startswith("Choose a number or type a command"):
            if self.season == "Summer 1953" and self.commands_left:
                return self.commands_left.pop(0)
            menu = {m.group(2): m.group(1) for m in (re.match(r"  (\d+)\. Decide: (.+?) \(now: ", line) for line in lines) if m}
            for title in self.WANT:
                if title in menu and (self.season, title) not in self.done:
                    self.done.add((self.season, title))
                    return menu[title]
            return "1"
        if prompt.startswith("Choose a number (or press Enter"):
            title = next(line for line in reversed(lines) if line and not line.startswith("  ")).split(".")[0]
            options = [(m.group(1), m.group(2)) for m in (re.match(r"  (\d+)\. (.+)", line) for line in lines) if m]
            for wanted in self.WANT.get(title, ()):
                for number, text in options:
                    if text.startswith(wanted) and "not possible" not in text:
                        return number
            return ""
        raise AssertionError(f"unexpected prompt {prompt!r}")


@pytest.fixture(scope="module")
def scripted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plain")
    session = Session(GameSetup(role="peasant", household="wang_fu", seed=5, player="Scripted"))
    player = ScriptedPlayer()
    seasons = []
    code = PlainGame(session, player, folder, on_season=lambda s: seasons.append(s.t)).run()
    return code, session, player, folder, seasons


def test_scripted_player_finishes_with_an_epilogue(scripted):
    code, session, player, folder, seasons = scripted
    assert code == 0
    assert session.finished and seasons == list(range(1, 17))
    text = "\n".join(player.transcript)
    assert "=== Epilogue ===" in text
    assert "Fed in every season" in text and "Against the historical record:" in text


def test_scripted_player_made_real_decisions(scripted):
    _, session, player, _, _ = scripted
    actions = [a for _, a in session.actions]
    assert SetForm("lower") in actions
    assert SetEffort(0.85) in actions
    assert AnimalChoice("keep") in actions
    assert SellGrain(100.0) in actions
    assert session.household_form() in ("lower", "higher"), "the household did not end in a co-op"
    assert any(int(log.forms[session.household]) >= 2 for log in session.logs[:12])
    text = "\n".join(player.transcript)
    assert "Your household now belongs to the lower-stage co-op." in text
    assert "You will work at 85% of full effort." in text


def test_scripted_player_commands_answer_in_sentences(scripted):
    _, _, player, _, _ = scripted
    text = "\n".join(player.transcript)
    flat = " ".join(text.split())
    for expected in ("Choice or luck? Your choices played again in 1,000 other villages", "in the one season played",
                     "What each of your decisions changed"):
        assert expected in flat, expected
    assert not any(line.strip() == "you" for line in player.transcript)  # a bar's mark is never broken off
    for expected in ("Harvest:", "farming alone about", "Why what? One of: coop_share", "Households are numbered 1 to 100",
                     "(you)", "ledger ", "'fly' is not an action", "'what' is not a command; type 'help'",
                     "calculus [N]", "Households in co-ops, season by season", "The county, Summer 1953",
                     "'²' is not a number"):
        assert expected in text, expected
    assert re.search(r"Documents: \d+ met in your game \(marked \*\) of \d+", text)
    assert "Traceback" not in text


def test_scripted_game_save_verifies_and_matches(scripted):
    _, session, _, folder, _ = scripted
    path = saves.autosave_path(session, folder)
    assert path.exists()
    verdict = saves.verify(path)
    assert verdict.ok, verdict.message
    assert verdict.session.digests == session.digests
    run = hightide("verify", path)
    assert run.returncode == 0, run.stdout + run.stderr
