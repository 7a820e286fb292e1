"""Line mode: the whole game on stdin/stdout, in sentences and numbered choices, with no
box drawing and no colour. It is the accessible front end for screen-reader users and the
end-to-end harness for scripts and tests: it works when piped, and when input ends the game
is saved and the program exits cleanly. Never imports textual.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, TextIO

from game.content.errors import ContentError
from game.content.scenario import ScenarioError
from game.paths import saves_dir
from game.session import saves, views
from game.session.actions import ActionError, Answer, ChooseScene, EndSeason, parse_action
from game.session.assignment import Assignment, AssignmentError, decode, load_assignment
from game.session.decisions import decisions
from game.session.game import GameSetup, Session

HELP = """Type the number of a choice, or a command:
  ledger            where the village's and your family's grain went last season
  calculus [N]      income outside versus inside for your household (or household N)
  why NAME          the causes of an indicator (coop_share, animals, trust, grain_output, ...)
  status            your situation in one sentence
  directive         what the July 1955 directive changed in every household's calculus
  map               every household of the village, by class and form
  documents         the documents you have met; 'read ID' to read one
  glossary WORD     look up a term
  save NAME         save the game under a name
  do ACTION         any action by name, e.g. 'do join lower' or 'do stance persuasion'
  end               end the season
  quit              save and stop"""


class Console:
    """Reads answers and prints sentences; EOF is reported as None."""

    def __init__(self, stdin: TextIO, stdout: TextIO):
        self.stdin, self.stdout = stdin, stdout

    def say(self, text: str = "") -> None:
        print(text, file=self.stdout, flush=True)

    def ask(self, prompt: str) -> str | None:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            return None
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
            self.io.say(f"Input ended. The game is saved in {path}; continue it with: hightide play --plain --load {path}")
            return 0

    def season(self) -> None:
        s = self.session
        self.io.say(f"\n=== {s.label} ===")
        self.io.say(views.status(s).sentence())
        while s.queue:
            self.scene()
        while True:
            menu = decisions(s)
            self.io.say("\nWhat now?")
            self.io.say("  1. End the season and see what happens")
            for i, d in enumerate(menu, 2):
                now = next((o.label for o in d.options if o.current), "not decided")
                self.io.say(f"  {i}. Decide: {d.title} (now: {now})")
            answer = self.read("Choose a number or type a command (help for the list): ")
            if answer.isdigit() and 2 <= int(answer) <= len(menu) + 1:
                self.decide(menu[int(answer) - 2])
            elif answer == "1" or answer.lower() in ("end", "e"):
                self.end_season()
                return
            elif not self.command(answer):
                self.io.say("That is not a choice or a command. Type help to see the commands.")

    def scene(self) -> None:
        view = views.current_scene(self.session)
        self.io.say(f"\n{view.title}" + (f" (with {view.speaker})" if view.speaker else ""))
        self.io.say(view.text)
        if view.sources:
            self.io.say(f"Sources: {', '.join(view.sources)}")
        open_ = [o for o in view.options if o.available]
        for n, option in enumerate(open_, 1):
            self.io.say(f"  {n}. {option.label}")
        while True:
            answer = self.read("Your choice: ")
            if answer.isdigit() and 1 <= int(answer) <= len(open_):
                message = self.session.apply(ChooseScene(view.id, open_[int(answer) - 1].index))
                if message:
                    self.io.say(message)
                return
            if not self.command(answer):
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
        if answer.isdigit() and 1 <= int(answer) <= len(decision.options):
            option = decision.options[int(answer) - 1]
            try:
                self.io.say(self.session.apply(option.action))
            except ActionError as error:
                self.io.say(f"Not possible: {error}.")
        else:
            self.io.say("No change.")

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
        if s.setup.role == "peasant":
            self.io.say(views.calculus(s, t=len(s.logs) - 1).sentence())
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
        answer = self.read("Your answer (one paragraph, then Enter): ")
        self.session.apply(Answer(question.id, answer))

    def command(self, answer: str) -> bool:
        words = answer.split()
        if not words:
            return False
        head, rest = words[0].lower(), words[1:]
        s = self.session
        if head in ("help", "h", "?"):
            self.io.say(HELP)
        elif head in ("ledger", "l"):
            ledger = views.ledger(s)
            self.io.say("\n".join(ledger.sentences()) if ledger else "No season has ended yet.")
        elif head in ("calculus", "c"):
            index = int(rest[0]) - 1 if rest and rest[0].isdigit() else None
            if index is not None and not 0 <= index < s.state.households:
                self.io.say(f"Households are numbered 1 to {s.state.households}.")
            else:
                self.io.say(views.calculus(s, index).sentence())
        elif head == "why":
            try:
                w = views.why(s, rest[0] if rest else "coop_share")
                self.io.say(f"{w.label}: {w.value}. " + "; ".join(f"{c}: {n}" for c, n in w.causes) + ".")
            except KeyError:
                self.io.say("Known indicators: " + ", ".join(views.INDICATORS) + ".")
        elif head == "directive":
            change = views.directive_change(s)
            self.io.say("\n".join(change.sentences()) if change else "The July 1955 directive has not reached the village yet.")
        elif head == "status":
            self.io.say(views.status(s).sentence())
        elif head == "map":
            m = views.village_map(s)
            for cell in m.cells:
                mark = " (you)" if cell.player else ""
                self.io.say(f"  {cell.index + 1}. {cell.name}: {cell.social_class.replace('_', '-')}, {cell.form}{mark}")
            if m.paupers_warning():
                self.io.say("Co-op members own far less land and fewer animals than independents: a paupers' co-op.")
        elif head == "documents":
            met = s.documents or []
            self.io.say("Documents you have met: " + (", ".join(met) if met else "none yet") + ".")
        elif head == "read" and rest:
            doc = s.bundle.documents.get(rest[0])
            self.io.say(f"{doc.title} ({doc.date}), {doc.author}.\n{doc.provenance}\n{doc.body}" if doc else "No such document.")
        elif head == "glossary":
            word = " ".join(rest).lower()
            hits = [g for g in s.bundle.glossary if word in g.term.lower() or word in g.pinyin.lower() or word in g.hanzi]
            for g in hits[:8]:
                self.io.say(f"{g.term} ({g.hanzi}, {g.pinyin}): {g.gloss}")
            if not hits:
                self.io.say("No glossary entry matches.")
        elif head == "save" and rest:
            path = saves.save(s, saves.manual_path(self.folder, " ".join(rest)), " ".join(rest))
            self.io.say(f"Saved to {path}.")
        elif head == "do" and rest:
            try:
                self.io.say(s.apply(parse_action(" ".join(rest))))
            except ActionError as error:
                self.io.say(f"Not possible: {error}.")
        elif head in ("quit", "q"):
            raise InputEnded
        else:
            return False
        return True

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
        if self.assignment is not None:
            for question in self.assignment.final_questions():
                self.ask_question(question)
        path = saves.autosave(self.session, self.folder)
        self.io.say(f"The game is saved in {path}. Check it with: hightide verify {path}")
        if self.assignment is not None:
            from game.session import report

            built = report.from_session(self.session, True, f"{path.name}: played to the end in this session.",
                                        {q.id: q.text for q in self.assignment.questions})
            for suffix, text in (("md", report.markdown(built)), ("html", report.to_html(built))):
                target = path.with_name(path.name.replace(".autosave" + saves.SUFFIX, f".report.{suffix}"))
                saves.write_atomic(target, text)
            self.io.say(f"Your report is in {target.with_suffix('.md').name} and {target.name}; hand in the .html file.")


def choose_setup(console: Console, args) -> GameSetup:
    """Ask for what the command line did not give."""
    role = getattr(args, "role", None)
    while role not in ("peasant", "cadre"):
        answer = console.ask("Play as 1. a peasant household or 2. the township Party secretary? ")
        if answer is None:
            raise InputEnded
        role = {"1": "peasant", "2": "cadre", "peasant": "peasant", "cadre": "cadre"}.get(answer.lower())
    household = getattr(args, "household", None)
    if role == "peasant" and household is None:
        from game.content.loader import load_content
        from game.paths import assets_dir

        people = load_content(assets_dir()).households()
        console.say("Which household?")
        for n, c in enumerate(people, 1):
            console.say(f"  {n}. {c.name} ({c.hanzi}), {c.social_class.replace('_', '-')}: {c.role_in_village}")
        while household is None:
            answer = console.ask("Choose a number: ")
            if answer is None:
                raise InputEnded
            if answer.isdigit() and 1 <= int(answer) <= len(people):
                household = people[int(answer) - 1].id
    seed = getattr(args, "seed", None)
    return GameSetup(scenario=getattr(args, "scenario", None) or "north-china", role=role, seed=1 if seed is None else seed,
                     household=household, player=getattr(args, "name", None) or "Player")


def start_assignment(console: Console, assignment: Assignment, folder: Path) -> Session:
    """Ask the student's name, show the instructions, continue their game or start it."""
    console.say(f"ASSIGNMENT: {assignment.title}")
    if assignment.instructions:
        console.say(assignment.instructions.strip())
    name = ""
    while not name:
        answer = console.ask("Your name (as your teacher will see it): ")
        if answer is None:
            raise InputEnded
        name = answer.strip()[:60]
    path = saves.assignment_autosave(folder, name, assignment.id)
    if path.exists():
        session = saves.load(path)
        console.say(f"Welcome back, {name}. Your game continues at {session.label}.")
        return session
    role = assignment.role
    household = assignment.household
    if role == "student chooses":
        role = None
    args = type("Args", (), {"role": role, "household": household, "seed": assignment.seed, "scenario": assignment.scenario, "name": name})
    setup = choose_setup(console, args)
    from dataclasses import replace

    return Session(replace(setup, assignment=assignment.id, player=name))


def main(args, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    console = Console(stdin or sys.stdin, stdout or sys.stdout)
    folder = saves_dir(getattr(args, "saves", None))
    assignment = None
    try:
        if getattr(args, "assignment", None) or getattr(args, "code", None):
            from game.paths import assets_dir

            assignment = load_assignment(Path(args.assignment), assets_dir()) if args.assignment else decode(args.code)
            session = start_assignment(console, assignment, folder)
        elif getattr(args, "load", None):
            session = saves.load(Path(args.load))
            console.say(f"Continuing {session.setup.player}'s game at {session.label}.")
        else:
            console.say("HIGH TIDE. A village on the North China plain, 1953 to 1956.")
            session = Session(choose_setup(console, args))
    except InputEnded:
        console.say("No game started.")
        return 0
    except (saves.SaveError, ActionError, ScenarioError, ContentError, AssignmentError) as error:
        print(str(error), file=sys.stderr)
        return 1
    return PlainGame(session, console, folder, assignment=assignment).run()
