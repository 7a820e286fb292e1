"""Line mode: the whole game on stdin/stdout, in sentences and numbered choices, with no
box drawing and no colour. It is the accessible front end for screen-reader users and the
end-to-end harness for scripts and tests: it works when piped, and when input ends the game
is saved and the program exits cleanly.

Games are opened by the session layer's ``Starter`` (the same one the terminal UI uses); typed
commands are the shared table of ``game.session.commands``, rendered by ``game.plain_views``;
numbers are read with ``game.typed``. Line mode only prints and asks. Everything printed goes
through ``Console.say``, which wraps prose to the terminal and shows control characters from
names and answers as escapes. Never imports textual.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Callable, TextIO

from game import TAGLINE
from game.paths import saves_dir
from game.session import saves, views
from game.session.actions import ActionError, Answer, ChooseScene, EndSeason
from game.session.assignment import Assignment
from game.session.commands import CommandError, interpret
from game.session.decisions import decisions
from game.session.game import Session
from game.session.markup import reflow
from game.session.start import Choices, NameTaken, Started, Starter, StartError, StartRequest
from game.typed import NumberError, one_line, parse_whole, visible

MAX_INPUT = 20_000  # characters of one typed line that are read; a longer line is cut and refused


class Console:
    """Reads answers and prints sentences; EOF is reported as None."""

    def __init__(self, stdin: TextIO, stdout: TextIO, width: int | None = None):
        self.stdin, self.stdout = stdin, stdout
        self.width = width or max(40, min(shutil.get_terminal_size((80, 24)).columns, 120))

    def say(self, text: str = "") -> None:
        """Print ``text`` wrapped to the terminal, control characters made visible. Indented lines
        and list items wrap under their own text; a command to copy ('  hightide ...') is never cut."""
        out = []
        for line in visible(text, keep_newlines=True).split("\n"):
            if len(line) <= self.width or line.lstrip().startswith("hightide "):
                out.append(line)
                continue
            indent = line[:len(line) - len(line.lstrip())]
            item = re.match(r"\s*(?:[-*•]|\d{1,3}[.)])\s+", line) or re.match(r"\s+\S(?:.*?\S)?\s{2,}(?=\S)", line)
            hanging = " " * len(item.group(0)) if item and len(item.group(0)) < self.width // 2 else indent
            out += textwrap.wrap(line, self.width, subsequent_indent=hanging, break_long_words=False,
                                 break_on_hyphens=False) or [""]
        print("\n".join(out), file=self.stdout, flush=True)

    def ask(self, prompt: str) -> str | None:
        self.stdout.write(prompt)
        self.stdout.flush()
        try:
            line = self.stdin.readline(MAX_INPUT + 1)
        except UnicodeDecodeError:  # a strict UTF-8 locale and bytes that are not UTF-8
            self.say()
            return "\ufffd"
        if not line:
            self.say()
            return None
        if len(line) > MAX_INPUT and not line.endswith("\n"):
            while (rest := self.stdin.readline(MAX_INPUT)) and not rest.endswith("\n"):
                pass  # drop the rest of an overlong line
        return line.strip()


class InputEnded(Exception):
    pass


class PlainGame:
    """The line-mode loop over one session."""

    def __init__(self, session: Session, console: Console, folder: Path, on_season: Callable[[Session], None] | None = None,
                 assignment: Assignment | None = None):
        self.session, self.io, self.folder = session, console, folder
        self.on_season = on_season
        self.assignment = assignment
        self.stopped = False

    def read(self, prompt: str) -> str:
        answer = self.io.ask(prompt)
        if answer is None:
            raise InputEnded
        return answer

    def run(self) -> int:
        try:
            while not self.session.finished:
                self.season()
                if self.stopped:
                    return 0
            self.epilogue()
            return 0
        except InputEnded:
            path = saves.autosave(self.session, self.folder)
            self.io.say(f"Input ended. The game is saved in {path}; continue it with:")
            self.io.say(f"  hightide play --plain --load {path}")  # indented: never wrapped, so it can be copied
            return 0

    def season(self) -> None:
        s = self.session
        self.io.say(f"\n=== {s.label} ===")
        self.io.say(views.status(s).sentence())
        self.directive_notice()
        while s.queue:
            self.scene()
        self.directive_change()
        while True:
            menu = decisions(s)
            self.io.say("\nWhat now?")
            self.io.say("  1. End the season and see what happens")
            for i, d in enumerate(menu, 2):
                now = next((o.label for o in d.options if o.current), "not decided")
                self.io.say(f"  {i}. Decide: {d.title} (now: {now})")
            answer = self.read("Choose a number or type a command (help for the list): ")
            number = _choice(answer, len(menu) + 1)
            if number == 1 or answer.lower() in ("end", "e"):
                self.end_season()
                return
            if number is not None:
                self.decide(menu[number - 2])
            elif not self.command(answer):
                self.io.say(f"Type a number from 1 to {len(menu) + 1}, or a command (help for the list).")

    def directive_notice(self) -> None:
        from game.sim.params import DIRECTIVE_SEASON

        if self.session.t == DIRECTIVE_SEASON:
            self.io.say("31 July 1955: the directive has reached the county. Type 'directive' to see what it "
                        "changed in every household's calculus.")

    def directive_change(self) -> None:
        """Summer 1955, once the season's scenes (the speech among them) are answered: what the
        directive changed, as the terminal UI opens it by itself."""
        from game.sim.params import DIRECTIVE_SEASON

        change = views.directive_change(self.session)
        if self.session.t == DIRECTIVE_SEASON and change is not None:
            self.io.say("\nWhat the directive changed:")
            for sentence in change.sentences():
                self.io.say(sentence)

    def scene(self) -> None:
        view = views.current_scene(self.session)
        self.io.say(f"\n{view.title}" + (f" (with {view.speaker})" if view.speaker else ""))
        self.io.say(reflow(view.text))
        if view.sources:
            self.io.say(f"Sources: {', '.join(view.sources)}")
        open_ = [o for o in view.options if o.available]
        for n, option in enumerate(open_, 1):
            self.io.say(f"  {n}. {option.label}")
        while True:
            answer = self.read("Your choice: ")
            number = _choice(answer, len(open_))
            if number is not None:
                message = self.session.apply(ChooseScene(view.id, open_[number - 1].index))
                if message:
                    self.io.say(message)
                return
            if not answer[:1].isnumeric() and self.command(answer):
                continue
            self.io.say(f"Type a number from 1 to {len(open_)}, or help.")

    def decide(self, decision) -> None:
        self.io.say(f"\n{decision.title}. {decision.explain}")
        for n, option in enumerate(decision.options, 1):
            mark = " (current)" if option.current else ""
            why = f" - not possible: {option.reason}" if not option.available else ""
            self.io.say(f"  {n}. {option.label}{mark}. {option.preview}{why}")
        answer = self.read("Choose a number (or press Enter to keep things as they are): ")
        if not answer:
            return
        number = _choice(answer, len(decision.options))
        if number is None:
            self.io.say(f"No change: type a number from 1 to {len(decision.options)} next time.")
            return
        try:
            self.io.say(self.session.apply(decision.options[number - 1].action))
        except ActionError as error:
            self.io.say(f"Not possible: {error}.")

    def end_season(self) -> None:
        s = self.session
        label = s.label
        s.apply(EndSeason())
        log = s.logs[-1]
        self.io.say(f"\n--- What happened in {label} ---")
        for message in log.messages:
            self.io.say(message)
        ledger = views.ledger(s)
        if ledger is not None and ledger.harvest:
            for sentence in ledger.sentences():
                self.io.say(sentence)
        if s.setup.role == "peasant":  # the calculus for the season ahead, the one the player decides next
            self.io.say(views.calculus(s, t=views.season_ahead(s, len(s.logs) - 1)).sentence())
        if self.assignment is not None:
            for question in self.assignment.questions_after(s.t - 1):
                self.ask_question(question)
        path = saves.autosave(s, self.folder)
        self.io.say(f"(Autosaved to {path.name}.)")
        if self.on_season is not None:
            self.on_season(s)
        if self.assignment is not None and s.t - 1 in self.assignment.stop_after and not s.finished:
            self.io.say(f"\nThe assignment stops here, after {label}. Your game is saved in {path}.")
            self.io.say("Next lesson, run the same command with the same name to continue.")
            self.stopped = True

    def ask_question(self, question) -> None:
        if question.id in self.session.answers:
            return
        self.io.say(f"\nQuestion ({question.when}): {question.text}")
        while True:
            answer = self.read("Your answer (one paragraph, then Enter): ")
            try:
                self.session.apply(Answer(question.id, answer))
                return
            except ActionError as error:
                self.io.say(f"Not recorded: {error}. Try a shorter answer.")

    def command(self, answer: str) -> bool:
        """Carry out a typed command; False if the line is not one (the caller says so)."""
        from game.plain_views import render

        s = self.session
        try:
            command = interpret(answer, s)
        except CommandError as error:
            self.io.say(str(error))
            return True
        if command.say is not None:
            self.io.say(command.say)
        elif command.action is not None:
            if isinstance(command.action, (EndSeason, ChooseScene)):
                return False  # numbers and 'end' are answered by the menu in front of the player
            try:
                self.io.say(s.apply(command.action))
            except ActionError as error:
                self.io.say(f"Not possible: {error}.")
        elif command.view == "debrief":
            from game.plain_views import debrief_lines

            self.io.say("Measuring: your choices in 1,000 other villages, and each decision taken back ...")
            path = saves.autosave(s, self.folder)
            for text in debrief_lines(s, str(path), self.io.width):
                self.io.say(text)
        elif command.view is not None:
            for text in render(command, s):
                self.io.say(text)
        elif command.app == "save":
            try:
                path = saves.save(s, saves.manual_path(self.folder, command.argument), command.argument)
                self.io.say(f"Saved to {path}.")
            except saves.SaveError as error:
                self.io.say(str(error))
        elif command.app in ("download", "open"):
            self.deliver(command.app, command.argument)
        elif command.app == "quit":
            raise InputEnded
        return True

    def deliver(self, what: str, argument: str | None) -> None:
        """'download save|report', 'open report|SOURCE' in line mode: write the file, say where."""
        from game.session import downloads

        if what == "open" and argument != "report":
            try:
                source, url = downloads.source_url(self.session, argument or "")
            except downloads.DownloadError as error:
                self.io.say(str(error))
                return
            self.io.say(f"Source {source}: {url}")
            return
        try:
            if argument == "save":
                delivery = downloads.save_file(self.session, self.folder)
            else:
                delivery = downloads.report_file(self.session, self.folder, self.assignment)
        except saves.SaveError as error:
            self.io.say(str(error))
            return
        what_file = "save" if argument == "save" else "report"
        self.io.say(f"Your {what_file} is written to {delivery.path}"
                    + (f"; open {delivery.path.resolve().as_uri()} in a browser." if what == "open" else "."))

    def epilogue(self) -> None:
        e = views.epilogue(self.session)
        self.io.say("\n=== Epilogue ===")
        self.io.say(e.epilogue_text)
        for axis in e.axes:
            self.io.say(f"{axis.name}: {axis.verdict}. {axis.detail}")
        self.io.say("Against the historical record:")
        for line in e.record:
            self.io.say(f"  {line}")
        self.io.say(e.other_view)
        from game.plain_views import debrief_lines

        self.io.say("\n=== Choice or luck? ===")
        self.io.say("Measuring: your choices in 1,000 other villages, and each decision taken back ...")
        # the branch commands name the save written just below (once, after any final question)
        for text in debrief_lines(self.session, str(saves.autosave_path(self.session, self.folder)), self.io.width):
            self.io.say(text)
        if self.assignment is not None:
            for question in self.assignment.final_questions():
                self.ask_question(question)
        path = saves.autosave(self.session, self.folder)
        self.io.say(f"The game is saved in {path}. Check it with:")
        self.io.say(f"  hightide verify {path}")
        if self.assignment is not None:
            from game.session import report

            md, page = report.write_beside(self.session, path, assignment=self.assignment)
            self.io.say(f"Your report is in {md.name} and {page.name}; hand in the .html file.")


def _choice(answer: str, count: int) -> int | None:
    """The number of a listed choice typed by the player, or None if the line is not one."""
    try:
        return parse_whole(answer, 1, count) if answer[:1].isnumeric() else None
    except NumberError:
        return None


# ------------------------------------------------------------------ asking what the starter needs
def ask_choices(console: Console, starter: Starter, choices: Choices) -> Started:
    """Ask for what the command line (or the assignment) did not give, then start the game."""
    role = choices.role
    while role not in ("peasant", "cadre"):
        answer = console.ask("Play as 1. a peasant household or 2. the township Party secretary? ")
        if answer is None:
            raise InputEnded
        role = {"1": "peasant", "2": "cadre", "peasant": "peasant", "cadre": "cadre"}.get(answer.lower())
    household = choices.household
    if role == "peasant" and household is None:
        people = choices.households
        console.say("Which household?")
        for n, c in enumerate(people, 1):
            console.say(f"  {n}. {c.name} ({c.hanzi}), {c.social_class.replace('_', '-')}: {c.role_in_village}")
        while household is None:
            answer = console.ask("Choose a number: ")
            if answer is None:
                raise InputEnded
            number = _choice(answer, len(people))
            if number is None:
                console.say(f"Type a number from 1 to {len(people)}.")
            else:
                household = people[number - 1].id
    return starter.start(choices, role, household)


def ask_name(console: Console) -> str:
    """The student's name for an assignment (asked until it is one the game accepts)."""
    from game.session.start import check_player

    while True:
        answer = console.ask("Your name (as your teacher will see it): ")
        if answer is None:
            raise InputEnded
        try:
            return check_player(answer, required=True)
        except StartError as error:
            console.say(str(error))


def ask_taken(console: Console, starter: Starter, taken: NameTaken) -> Started | Choices | NameTaken:
    """'Continue Amy Chen's game?': yes continues it; anything else is taken as the student's name."""
    console.say(taken.question)
    answer = console.ask(f"Type y to continue {taken.player}'s game, or type your own name: ")
    if answer is None:
        raise InputEnded
    if answer.lower() in ("y", "yes"):
        return starter.resume(taken)
    if answer.lower() in ("n", "no", ""):
        return starter.assignment_game(taken.assignment, ask_name(console))
    try:
        return starter.assignment_game(taken.assignment, answer)
    except StartError as error:
        console.say(str(error))
        return taken


def open_game(console: Console, starter: Starter, request: StartRequest) -> Started:
    """The game the request asks for, asking only what is missing (line mode has no title
    screen: without a request it starts a new game)."""
    if request.mode == "assignment":
        assignment = starter.assignment(request.assignment_file, request.code)
        console.say(f"ASSIGNMENT: {assignment.title}")
        if assignment.instructions:
            console.say(assignment.instructions.strip())
        opened = starter.assignment_game(assignment, request.player or ask_name(console))
        while isinstance(opened, NameTaken):  # a name already taken: continue that game, or another name
            opened = ask_taken(console, starter, opened)
    elif request.mode in ("load", "continue"):
        opened = starter.open(request)
    else:
        console.say(f"HIGH TIDE. {TAGLINE}")
        opened = starter.choices(request.scenario, request.seed, request.role, request.household, request.player)
    return ask_choices(console, starter, opened) if isinstance(opened, Choices) else opened


def main(args, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    console = Console(stdin or sys.stdin, stdout or sys.stdout)
    folder = saves_dir(getattr(args, "saves", None))
    request = StartRequest.from_args(args)
    try:
        opened = open_game(console, Starter(folder), request)
    except InputEnded:
        console.say("No game started.")
        return 0
    except StartError as error:
        print(one_line(error), file=sys.stderr)
        return 1
    if opened.greeting:
        console.say(opened.greeting)
    return PlainGame(opened.session, console, folder, assignment=opened.assignment).run()
