"""One way to start a game, for every front end (the terminal UI, line mode, ``hightide serve``).

A front end turns what it was asked (the command line's ``StartRequest``, or its own title
menu) into calls on a ``Starter``; the starter opens the game and hands back a ``Started``
(the session, how it was opened, its assignment, the save it came from and a greeting), or a
``Choices`` saying what the player must still pick (role, household) before a new game can
begin. The front ends only render and ask; the rules live here:

- a new game: scenario, role, household, seed and the player's name, checked at the start
  (a name or an assignment id too long for a save is refused now, not after the game);
- load a save; continue the most recently saved game in the saves folder;
- an assignment by file or by short code, with the student's name: the student's game for
  it continues if it exists, else a new game with the assignment's scenario, seed and role;
- the assignment a save names, looked up among the bundled files and codes.

Every refusal is a ``StartError`` whose message is one sentence. Never imports textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from game.content.errors import ContentError
from game.content.scenario import ScenarioError
from game.paths import assets_dir, latest_save, saves_dir
from game.session import saves
from game.session.actions import ActionError
from game.session.assignment import Assignment, AssignmentError, decode, load_assignment, looks_like_code
from game.session.game import GameSetup, Session
from game.typed import is_control, quote

MAX_PLAYER = 60  # characters of a player's name
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
        setup = GameSetup(scenario=scenario or DEFAULT_SCENARIO, role=role, seed=1 if seed is None else seed,
                          household=household if role == "peasant" else None, player=name,
                          assignment=assignment.id if assignment is not None else None)
        session = self._session(setup)
        return Started(session, "assignment" if assignment is not None else "new", assignment)

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
        """An assignment from a file or a short code."""
        try:
            if code is not None:
                return decode(code)
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

    def assignment_game(self, assignment: Assignment, player: str | None) -> Started | Choices:
        """The student's game for ``assignment``: continued if it exists, else started (or, when
        the student chooses the role or the household, the choices to ask for)."""
        name = check_player(player, required=True)
        path = saves.assignment_autosave(self.folder, name, assignment.id)
        if _exists(path):
            started = self.load(path, how="continue")
            return replace(started, assignment=assignment,
                           greeting=f"Welcome back, {name}. Your game continues at {started.session.label}.")
        role = None if assignment.role == "student chooses" else assignment.role
        choices = self.choices(assignment.scenario, assignment.seed, role, assignment.household, name, assignment)
        if choices.missing():
            return choices
        return self.start(choices)

    def find_assignment(self, assignment_id: str) -> Assignment | None:
        """The assignment a save names: a bundled assignment file with that id, or the short code
        the id was made from; None if neither (the game is then played without its questions)."""
        if assignment_id.startswith("code-"):
            try:
                return decode(assignment_id.removeprefix("code-"))
            except AssignmentError:
                return None
        for path in self.assignment_files():
            try:
                candidate = load_assignment(path, self.assets)
            except AssignmentError:
                continue
            if candidate.id == assignment_id:
                return candidate
        return None

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
