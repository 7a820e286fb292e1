"""One way to start a game, for every front end (the terminal UI, line mode, ``hightide serve``).

A front end turns what it was asked (the command line's ``StartRequest``, or its own title
menu) into calls on a ``Starter``; the starter opens the game and hands back a ``Started``
(the session, how it was opened, its assignment, the save it came from and a greeting), or a
``Choices`` saying what the player must still pick (role, household) before a new game can
begin. The front ends only render and ask; the rules live here:

- a new game: scenario, role, household, seed and the player's name, checked at the start
  (a name or an assignment id too long for a save is refused now, not after the game);
- load a save; continue the most recently saved game in the saves folder;
- an assignment by file or by short code, with the student's name: if a game for that name and
  assignment is in the folder, the front end is handed a ``NameTaken`` to ask "continue Amy
  Chen's game?" (with its start date) before it is opened; else a new game with the
  assignment's scenario, seed and role. A code stands for its file when the file can be found
  (bundled, or in the saves folder or the folder above), so the student gets its questions;
- every new game gets a random game id and its start time (``GameSetup.game_id``, ``started``);
- the assignment a save names, looked up among the files the game can find and codes.

Every refusal is a ``StartError`` whose message is one sentence. Never imports textual.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from game.content.errors import ContentError
from game.content.scenario import ScenarioError
from game.paths import assets_dir, latest_save, saves_dir
from game.session import saves
from game.session.actions import ActionError, now
from game.session.assignment import (Assignment, AssignmentError, content_hash, decode, load_assignment,
                                     looks_like_code, same_assignment)
from game.session.game import GameSetup, Session
from game.typed import is_control, quote

MAX_PLAYER = 60  # characters of a player's name
MAX_LOOKED_AT = 200  # assignment files looked at in one folder when a code or a save names an assignment
DEFAULT_SCENARIO = "north-china"
MODES = ("title", "new", "load", "continue", "assignment", "replay")


class StartError(Exception):
    """A game that cannot be started or opened; the message is one sentence."""


@dataclass(frozen=True)
class StartRequest:
    """What the command line asked to start; ``mode`` is one of ``MODES``."""

    mode: str = "title"
    scenario: str | None = None
    role: str | None = None
    household: str | None = None
    seed: int | None = None
    player: str | None = None
    save: Path | None = None  # for load and replay
    assignment_file: Path | None = None
    code: str | None = None

    @classmethod
    def from_args(cls, args: object) -> StartRequest:
        """The request an ``argparse`` namespace of ``hightide`` (or ``hightide play``) makes."""
        get = lambda name: getattr(args, name, None)  # noqa: E731
        common = dict(scenario=get("scenario"), role=get("role"), household=get("household"), seed=get("seed"),
                      player=get("name"))
        command = get("command")
        if command == "replay":
            return cls("replay", save=Path(get("save")), **common)
        if get("assignment") or get("code"):
            file = get("assignment")
            return cls("assignment", assignment_file=Path(file) if file else None, code=get("code"), **common)
        if get("load"):
            return cls("load", save=Path(get("load")), **common)
        if command == "play" and any(v is not None for v in common.values()):
            return cls("new", **common)
        return cls("title", **common)


@dataclass(frozen=True)
class Started:
    """A game opened and ready to play."""

    session: Session
    how: str  # new | load | continue | assignment
    assignment: Assignment | None = None
    path: Path | None = None  # the save it was opened from
    greeting: str = ""


@dataclass(frozen=True)
class Choices:
    """A new game that needs the player's picks first: ``role`` and ``household`` are fixed
    when not None; ``households`` are the ones this game can offer."""

    scenario: str
    seed: int
    role: str | None
    household: str | None
    player: str | None
    assignment: Assignment | None
    households: tuple  # game.content.model.Character, in the order to offer them

    def missing(self) -> list[str]:
        """What the front end still has to ask: 'role' and/or 'household'."""
        out = [] if self.role in ("peasant", "cadre") else ["role"]
        if self.role != "cadre" and self.household is None:
            out.append("household")
        return out


@dataclass(frozen=True)
class NameTaken:
    """A student's name that already has a game for this assignment in the folder: the front end
    asks ``question`` and then calls ``Starter.resume(taken)``, or ``assignment_game`` again with
    another name. A classmate's name never opens the classmate's game without this question."""

    player: str
    path: Path
    assignment: Assignment
    started: str  # 'on 4 March 2025 at 10:02', or '' for a game saved before start times were kept
    label: str  # where the game is: 'Winter 1955' or 'the epilogue'

    @property
    def question(self) -> str:
        when = f", started {self.started}" if self.started else ""
        return (f"There is already a game by {self.player} in this folder{when}, now at {self.label}. "
                f"Continue {self.player}'s game?")

    @property
    def hint(self) -> str:
        return f"If you are not {self.player}, type your own name instead."


def started_text(started: str | None) -> str:
    """'on 4 March 2025 at 10:02' for a recorded start time ('' if there is none)."""
    from datetime import datetime

    if not started:
        return ""
    try:
        when = datetime.fromisoformat(started)
    except ValueError:
        return ""
    return f"on {when.day} {when.strftime('%B %Y')} at {when.strftime('%H:%M')}"


def check_player(name: str | None, required: bool = False) -> str:
    """The player's name as it will be saved: trimmed, at most ``MAX_PLAYER`` characters, no
    control characters. Without ``required`` an empty name becomes "Player"."""
    text = (name or "").strip()
    if not text:
        if required:
            raise StartError("Type your name, so your teacher knows whose game it is.")
        return "Player"
    if len(text) > MAX_PLAYER:
        raise StartError(f"That name is {len(text)} characters long; use at most {MAX_PLAYER}.")
    if any(is_control(c) for c in text):
        raise StartError(f"The name {quote(text)} contains control characters; type letters, digits and spaces.")
    return text


class Starter:
    """Opens games for one saves folder (and one assets folder)."""

    def __init__(self, folder: str | os.PathLike[str] | None = None, assets: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else saves_dir()
        self.assets = Path(assets) if assets else assets_dir()

    # ------------------------------------------------------------------ new games
    def choices(self, scenario: str | None = None, seed: int | None = None, role: str | None = None,
                household: str | None = None, player: str | None = None,
                assignment: Assignment | None = None) -> Choices:
        """What a new game with these givens would offer and still needs."""
        scenario = scenario or DEFAULT_SCENARIO
        seed = 1 if seed is None else seed
        if role is not None and role not in ("peasant", "cadre"):
            raise StartError(f"{quote(role)} is not a role; choose peasant or cadre.")
        probe = self._session(GameSetup(scenario=scenario, seed=seed, player="probe"))
        people = tuple(c for c in probe.bundle.households() if c.id in probe.characters)
        if household is not None and household not in {c.id for c in people}:
            raise StartError(f"{quote(household)} is not a household you can play; choose one of "
                             f"{', '.join(c.id for c in people)}.")
        return Choices(scenario, seed, role, household if role != "cadre" else None, player, assignment, people)

    def new_game(self, scenario: str | None = None, role: str = "peasant", household: str | None = None,
                 seed: int | None = None, player: str | None = None, assignment: Assignment | None = None) -> Started:
        """A new game; for an assignment, the student's name is required."""
        name = check_player(player, required=assignment is not None)
        known = assignment is not None and not assignment.from_code
        setup = GameSetup(scenario=scenario or DEFAULT_SCENARIO, role=role, seed=1 if seed is None else seed,
                          household=household if role == "peasant" else None, player=name,
                          assignment=assignment.id if assignment is not None else None,
                          game_id=secrets.token_hex(8), started=now(),
                          assignment_hash=content_hash(assignment) if known else None)
        session = self._session(setup)
        greeting = ""
        if assignment is not None and assignment.from_code:
            greeting = ("This code's questions are in its assignment file, which is not in the game or the saves "
                        "folder, so the game will not ask them. If your teacher gave you the file, start with the "
                        "file instead.")
        return Started(session, "assignment" if assignment is not None else "new", assignment, greeting=greeting)

    def start(self, choices: Choices, role: str | None = None, household: str | None = None,
              player: str | None = None) -> Started:
        """A new game from ``choices`` and the player's picks (fixed values win)."""
        role = choices.role or role
        if role not in ("peasant", "cadre"):
            raise StartError("Choose a role first: a peasant household or the township Party secretary.")
        household = choices.household or household
        if role == "peasant" and household is None:
            household = choices.households[0].id if choices.households else None
        return self.new_game(choices.scenario, role, household, choices.seed, choices.player or player,
                             choices.assignment)

    def _session(self, setup: GameSetup) -> Session:
        try:
            return Session(setup, self.assets)
        except (ActionError, ScenarioError, ContentError) as error:
            raise StartError(_sentence(error)) from None

    # ------------------------------------------------------------------ saves
    def load(self, path: str | os.PathLike[str], how: str = "load") -> Started:
        """Open a save (it must verify), with the assignment it names if that can be found."""
        path = Path(path).expanduser()
        try:
            session = saves.load(path, self.assets)
        except saves.SaveError as error:
            raise StartError(_sentence(error)) from None
        assignment = self.find_assignment(session.setup.assignment) if session.setup.assignment else None
        greeting = f"Continuing {session.setup.player}'s game at {session.label}."
        return Started(session, how, assignment, path, greeting)

    def latest(self) -> Path | None:
        """The most recently saved game in the folder (an autosave or a named save), if any."""
        return latest_save(self.folder)

    def continue_latest(self) -> Started:
        """Open the most recently saved game."""
        path = self.latest()
        if path is None:
            raise StartError(f"There is no saved game in {quote(self.folder, 60)} yet; start a new game.")
        return self.load(path, how="continue")

    # ------------------------------------------------------------------ assignments
    def assignment(self, file: str | os.PathLike[str] | None = None, code: str | None = None) -> Assignment:
        """An assignment from a file or a short code. A code stands for its file when the file is
        found (``by_code``): then the student gets the same assignment, questions and all."""
        try:
            if code is not None:
                coded = decode(code)
                return self.by_code(coded) or coded
            if file is None:
                raise StartError("Give an assignment file or a code.")
            return load_assignment(Path(file).expanduser(), self.assets)
        except AssignmentError as error:
            raise StartError(_sentence(error)) from None

    def resolve(self, source: str) -> Assignment:
        """What a student typed: the path of a file, the name of a bundled file, or a code."""
        source = source.strip().strip('"').strip("'")
        if not source:
            raise StartError("Type the path of an assignment file, pick one from the list, or type a code.")
        if len(source) > 4096:
            raise StartError("That is too long to be the path of an assignment file or a code.")
        path = Path(source).expanduser()
        bundled = self.assets / "assignments" / source
        if not _exists(path) and _exists(bundled):
            path = bundled
        if not _exists(path) and looks_like_code(source):
            return self.assignment(code=source)
        return self.assignment(file=path)

    def assignment_files(self) -> list[Path]:
        """The assignment files that come with the game, by name."""
        folder = self.assets / "assignments"
        return sorted(folder.glob("*.toml")) if folder.is_dir() else []

    def known_assignments(self) -> list[Assignment]:
        """Every assignment file the game can find: those that come with the game, then those in
        the saves folder and the folder above it (a teacher puts the file beside the class's saves;
        ``hightide serve`` keeps each student's saves one folder below)."""
        paths = list(self.assignment_files())
        for folder in (self.folder, self.folder.parent):
            try:
                paths += sorted(p for p in folder.glob("*.toml") if p.is_file())[:MAX_LOOKED_AT]
            except OSError:
                continue
        found = []
        for path in paths:
            try:
                found.append(load_assignment(path, self.assets))
            except AssignmentError:
                continue
        return found

    def by_code(self, coded: Assignment) -> Assignment | None:
        """The assignment file a short code stands for (same settings and content hash), if found."""
        return next((a for a in self.known_assignments() if same_assignment(coded, a)), None)

    def assignment_game(self, assignment: Assignment, player: str | None, resume: bool = False) -> Started | Choices | NameTaken:
        """The student's game for ``assignment``. If a game for this name and assignment is in the
        folder, a ``NameTaken`` comes back (the front end asks "continue Amy Chen's game?"), and
        with ``resume`` the game is continued; else a new game is started (or, when the student
        chooses the role or the household, the choices to ask for)."""
        name = check_player(player, required=True)
        path = saves.assignment_autosave(self.folder, name, assignment.id)
        if _exists(path):
            if not resume:
                try:
                    found = saves.read(path)
                except saves.SaveError as error:
                    raise StartError(f"{_sentence(error)[:-1]}; type another name, or ask your teacher.") from None
                label = _season_text(found.raw.get("season"))
                return NameTaken(found.setup.player or name, path, assignment, started_text(found.setup.started), label)
            started = self.load(path, how="continue")
            return replace(started, assignment=assignment,
                           greeting=f"Welcome back, {started.session.setup.player}. Your game continues at "
                                    f"{started.session.label}.")
        role = None if assignment.role == "student chooses" else assignment.role
        choices = self.choices(assignment.scenario, assignment.seed, role, assignment.household, name, assignment)
        if choices.missing():
            return choices
        return self.start(choices)

    def resume(self, taken: NameTaken) -> Started:
        """Continue the game a ``NameTaken`` names (the student said it is theirs)."""
        opened = self.assignment_game(taken.assignment, taken.player, resume=True)
        assert isinstance(opened, Started)
        return opened

    def find_assignment(self, assignment_id: str, assignment_hash: str | None = None) -> Assignment | None:
        """The assignment a save names: an assignment file the game can find with that id (the one
        with the save's content hash first), or the file or short code the id was made from; None
        if none (the game is then played without its questions)."""
        if assignment_id.startswith("code-"):
            try:
                coded = decode(assignment_id.removeprefix("code-"))
            except AssignmentError:
                return None
            return self.by_code(coded) or coded
        matches = [a for a in self.known_assignments() if a.id == assignment_id]
        exact = [a for a in matches if assignment_hash is not None and content_hash(a) == assignment_hash]
        return (exact or matches or [None])[0]

    def open(self, request: StartRequest) -> Started | Choices | None:
        """Carry out a request that needs no question: a new game (or its choices), a load, a
        continue, or an assignment started by a name given on the command line. None for
        'title' and 'replay', which a front end shows its own way."""
        if request.mode == "new":
            return self.choices(request.scenario, request.seed, request.role, request.household, request.player)
        if request.mode == "load":
            return self.load(request.save)
        if request.mode == "continue":
            return self.continue_latest()
        if request.mode == "assignment":
            assignment = self.assignment(request.assignment_file, request.code)
            if request.player:
                return self.assignment_game(assignment, request.player)
            role = None if assignment.role == "student chooses" else assignment.role
            return self.choices(assignment.scenario, assignment.seed, role, assignment.household, None, assignment)
        return None


def _season_text(season: object) -> str:
    from game.sim.params import N_SEASONS, season_label

    if isinstance(season, int) and not isinstance(season, bool) and 0 <= season < N_SEASONS:
        return season_label(season)
    return "the epilogue"


def _exists(path: Path) -> bool:
    """True if something (even a broken link) is at ``path``; a name the system refuses is not."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return False


def _sentence(error: Exception) -> str:
    """The error's message ending as a sentence (its first word may be a file name: left as is)."""
    text = str(error).strip()
    return text if text.endswith((".", "?", "!")) else text + "."
