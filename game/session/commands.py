"""The typed commands of both front ends, defined once: names, abbreviations, arguments, help
text for each role, and what each line means.

``interpret(text, session)`` turns what the player types (``look``, ``talk wang``, ``join team``,
``choose 2``, ``why coop_share``, ``calculus 17``, ``policy stance persuasion``, ``end``...) into a
``Command``: a session ``Action`` to apply (the same action a key, a click or a menu number
makes), a view to open with its argument, an app command (save, quit) or a sentence to show.
The terminal UI opens the view as a screen; line mode prints it. ``complete`` offers completions
for the UI's prompt, and ``help_text(role)`` is the one help both front ends show.

Numbers are read with ``game.typed`` (ASCII digits, a length cap, one sentence otherwise).
Help and hints speak to the role being played: the township secretary's help never speaks of
"your family's grain". Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.typed import NumberError, parse_amount, parse_whole, quote

if TYPE_CHECKING:
    from game.session.actions import Action
    from game.session.game import Session

ROLES = ("peasant", "cadre")


class CommandError(Exception):
    """A typed command that cannot be understood; the message is one sentence."""


@dataclass(frozen=True)
class Command:
    """What a typed line means: exactly one of ``action``, ``view``, ``app`` or ``say`` is set."""

    action: Action | None = None
    view: str | None = None  # one of VIEWS
    argument: str | None = None
    app: str | None = None  # save, quit, download, open
    say: str | None = None


@dataclass(frozen=True)
class Spec:
    """One typed command: its name, the words it also answers to, its argument's shape, its
    help for each role (a role without help cannot use it)."""

    name: str
    args: str
    help: dict[str, str]
    aliases: tuple[str, ...] = ()

    def for_role(self, role: str) -> bool:
        return role in self.help


def _both(text: str) -> dict[str, str]:
    return {"peasant": text, "cadre": text}


COMMANDS: tuple[Spec, ...] = (
    Spec("look", "", {"peasant": "where you are and what is waiting for your household",
                      "cadre": "where the village stands and what is waiting on your desk"}),
    Spec("status", "", {"peasant": "your household's situation in one sentence",
                        "cadre": "the village and your standing in one sentence"}),
    Spec("choose", "N", _both("take option N of the scene in front of you (a number alone does too)")),
    Spec("end", "", _both("end the season: the harvest, the state's take and everyone's choices"), ("e", "z")),
    Spec("talk", "NAME", _both("what you know about a villager, e.g. 'talk wang'"), ("t", "ask")),
    Spec("examine", "THING", {"peasant": "examine ox, grain, land, standing, or a glossary term",
                              "cadre": "examine standing, a glossary term or a document"}, ("x",)),
    Spec("join", "FORM", {"peasant": "join team | join co-op | join higher"}, ("co-op", "coop")),
    Spec("leave", "", {"peasant": "ask to leave and farm alone"}),
    Spec("sell", "N|ox", {"peasant": "sell N jin of grain to the state, or sell ox"}),
    Spec("hide", "N", {"peasant": "keep N jin out of the harvest assessment"}),
    Spec("keep", "ox", {"peasant": "keep the draught animal"}),
    Spec("slaughter", "ox", {"peasant": "slaughter the draught animal for meat and hide"}),
    Spec("effort", "N", {"peasant": "effort 100 | 85 | 60: percent of full effort in collective work"}),
    Spec("sideline", "N", {"peasant": "sideline 100 | 50 | 0: percent of slack labour in sidelines"}),
    Spec("policy", "NAME VALUE", {"cadre": "set a village policy, e.g. 'policy stance persuasion', "
                                           "'policy omega 0.3', 'policy upgrade yes'"}, ("set",)),
    Spec("do", "ACTION", _both("any action by its name, e.g. 'do join lower' or 'do stance persuasion'")),
    Spec("ledger", "", {"peasant": "where last season's grain went: the village's and your household's",
                        "cadre": "where the village's grain went last season"}, ("l",)),
    Spec("calculus", "[N]", {"peasant": "your household's income alone and in each form; 'calculus N' for household N",
                             "cadre": "a household's income alone and in each form: 'calculus N' for household N"},
         ("k",)),
    Spec("why", "NAME", _both("the causes of an indicator, e.g. 'why coop_share'"), ("w",)),
    Spec("map", "", _both("every household of the village, by class and form"), ("m",)),
    Spec("tide", "", _both("the tide: co-op shares over time, village, county and China")),
    Spec("county", "", _both("every village of the county"), ("c",)),
    Spec("directive", "", _both("what the July 1955 directive changed for each class"), ("j",)),
    Spec("documents", "", _both("every document, numbered, those you have met first"), ("d", "docs")),
    Spec("read", "N|ID", _both("read a document by its number in 'documents', e.g. 'read 1', or its id")),
    Spec("glossary", "[WORD]", _both("the glossary of Chinese terms; 'glossary WORD' looks one up"), ("g",)),
    Spec("timeline", "", _both("the timeline of events, 1950-1958"), ("y",)),
    Spec("model", "", _both("the model card: mechanisms and every parameter with its source"), ("o",)),
    Spec("compare", "", _both("choice or luck? your choices played in 1,000 other villages, and what each of "
                              "your decisions changed"), ("debrief", "luck")),
    Spec("guide", "[teacher]", _both("the student's guide, or 'guide teacher'")),
    Spec("save", "NAME", _both("save the game under a name")),
    Spec("download", "save|report", _both("your save, or your report (HTML), to your computer: in a browser it "
                                          "downloads, in a terminal the file is written and its place shown")),
    Spec("open", "report|SOURCE", _both("open your report, or a source by its id (e.g. 'open S1') at its web address")),
    Spec("help", "", _both("this list"), ("h", "?")),
    Spec("quit", "", _both("stop playing (the game is saved)"), ("q", "exit")),
)
BY_NAME = {spec.name: spec for spec in COMMANDS}
VIEWS = ("map", "tide", "why", "ledger", "calculus", "glossary", "documents", "timeline", "county", "directive", "debrief",
         "model", "guide", "help")
FORM_WORDS = {"team": "team", "mutual-aid": "team", "mutual": "team", "co-op": "lower", "coop": "lower",
              "cooperative": "lower", "co-operative": "lower", "lower": "lower", "higher": "higher",
              "collective": "higher"}
ANIMAL_WORDS = ("ox", "animal", "animals", "donkey", "mule", "cow")
MAX_LINE = 2_000  # characters of a typed line; longer is refused before any work


def commands_for(role: str) -> list[Spec]:
    """The commands the role can use, in the order of the help."""
    return [spec for spec in COMMANDS if spec.for_role(role)]


def resolve(word: str, role: str) -> Spec:
    """The command a word or an unambiguous abbreviation names, for this role."""
    word = word.lower()
    specs = commands_for(role)
    for spec in specs:
        if word == spec.name or word in spec.aliases:
            return spec
    matches = [spec for spec in specs if spec.name.startswith(word)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CommandError(f"{quote(word, 20)} could mean {', '.join(s.name for s in matches)}; type a few more letters.")
    other = next((s for s in COMMANDS if word in (s.name, *s.aliases)), None)
    if other is not None:
        who = "the household" if "peasant" in other.help else "the township secretary"
        raise CommandError(f"'{other.name}' is for {who}, not for the role you play; type 'help' for yours.")
    raise CommandError(f"{quote(word, 20)} is not a command; type 'help' for the list.")


def help_text(role: str) -> str:
    """The typed commands of a role, one a line, for both front ends' help."""
    lines = []
    for spec in commands_for(role):
        usage = f"{spec.name} {spec.args}".strip()
        short = f" ({', '.join(spec.aliases)})" if spec.aliases else ""
        lines.append(f"  {usage:<18} {spec.help[role]}{short}")
    return "\n".join(lines)


def prompt_hint(role: str) -> str:
    """A short placeholder for the UI's prompt, in the role's own commands; it fits 80 columns
    (at most ``HINT_WIDTH`` characters) so it is never cut."""
    if role == "cadre":
        return "type a command: look, policy stance persuasion, calculus 3, help, end"
    return "type a command: look, talk wang, join team, why coop_share, help, end"


HINT_WIDTH = 76


def _number(word: str, what: str, low: float, high: float, percent: bool = False) -> float:
    try:
        return parse_amount(word, low, high, what, percent=percent)
    except NumberError as error:
        raise CommandError(str(error)) from None


def _share(word: str) -> float:
    value = _number(word, "the percentage", 0, 100, percent=True)
    return value / 100.0 if value > 1 else value


def interpret(text: str, session: Session) -> Command:
    """What the typed line means now; raises CommandError with one sentence."""
    from game.session.actions import (ActionError, AnimalChoice, EndSeason, HideGrain, SellGrain, SetEffort, SetForm,
                                      SetSideline, parse_action)

    if len(text) > MAX_LINE:
        raise CommandError(f"That line is {len(text):,} characters long; a command is at most {MAX_LINE:,}.")
    role = session.setup.role
    words = text.strip().split()
    if not words:
        raise CommandError("Type a command, for example 'look', 'choose 1' or 'help'.")
    if words[0][:1].isdigit() or (words[0][:1].isnumeric()):
        words = ["choose", *words]
    verb = resolve(words[0], role).name
    rest = [w.lower() for w in words[1:]]
    arg = " ".join(rest)
    if verb == "look":
        return Command(say=_look(session))
    if verb == "talk":
        return Command(say=_talk(session, arg))
    if verb == "examine":
        return _examine(session, arg)
    if verb == "choose":
        return Command(action=_choose(session, rest))
    if verb == "end":
        return Command(action=EndSeason())
    if verb == "join":
        word = rest[-1] if rest else ""
        if word not in FORM_WORDS:
            raise CommandError("Join what? Type 'join team', 'join co-op' or 'join higher'.")
        form = FORM_WORDS[word]
        if form == "lower" and session.household is not None and session.household_form() == "lower":
            form = "higher"
        return Command(action=SetForm(form))
    if verb == "leave":
        return Command(action=SetForm("independent"))
    if verb in ("keep", "slaughter") or (verb == "sell" and rest and rest[0] in ANIMAL_WORDS):
        return Command(action=AnimalChoice("keep" if verb == "keep" else verb))
    if verb in ("sell", "hide"):
        if not rest:
            raise CommandError(f"How much? For example '{verb} 100' (jin of grain).")
        jin = _number(rest[0], "the grain (in jin)", 0, 10_000)
        return Command(action=SellGrain(jin) if verb == "sell" else HideGrain(jin))
    if verb in ("effort", "sideline"):
        if not rest:
            raise CommandError(f"How much? {BY_NAME[verb].help['peasant']}.")
        share = _share(rest[0])
        return Command(action=SetEffort(share) if verb == "effort" else SetSideline(share))
    if verb in ("policy", "do"):
        if not rest:
            raise CommandError("Which policy? For example 'policy stance persuasion'." if verb == "policy"
                               else "Do what? For example 'do join lower'.")
        try:
            return Command(action=parse_action(("lever " if verb == "policy" else "") + " ".join(words[1:])))
        except ActionError as error:
            raise CommandError(_sentence(error)) from None
    if verb == "why":
        return Command(view="why", argument=_indicator(arg))
    if verb == "calculus":
        return Command(view="calculus", argument=str(_household(session, rest[0])) if rest else None)
    if verb == "read":
        if not arg:
            raise CommandError("Read which document? Type 'documents' for the list.")
        return Command(view="documents", argument=_document(session, arg))
    if verb == "documents" and arg:
        return Command(view="documents", argument=_document(session, arg))
    if verb == "glossary":
        return Command(view="glossary", argument=arg or None)
    if verb == "guide":
        if arg and not ("teacher".startswith(arg) or "student".startswith(arg)):
            raise CommandError("Which guide? Type 'guide' for the student's guide or 'guide teacher'.")
        return Command(view="guide", argument="teacher" if arg and "teacher".startswith(arg) else "student")
    if verb == "status":
        from game.session import views

        return Command(say=views.status(session).sentence())
    if verb == "compare":
        if not session.logs:
            return Command(say="Play a season first: 'compare' plays the seasons you have played again in other "
                               "villages.")
        return Command(view="debrief")
    if verb in VIEWS:
        return Command(view=verb)
    if verb == "save":
        if not arg:
            raise CommandError("Save under what name? For example 'save before the meeting'.")
        return Command(app="save", argument=" ".join(words[1:]))
    if verb == "quit":
        return Command(app="quit")
    if verb == "download":
        if arg not in ("save", "report"):
            raise CommandError("Download what? Type 'download save' or 'download report'.")
        return Command(app="download", argument=arg)
    if verb == "open":
        if not arg:
            raise CommandError("Open what? Type 'open report', or a source's id such as 'open S1'.")
        if arg == "report":
            return Command(app="open", argument="report")
        from game.session.downloads import DownloadError, source_url

        try:
            return Command(app="open", argument=source_url(session, arg)[0])
        except DownloadError as error:
            raise CommandError(str(error)) from None
    raise CommandError(f"'{verb}' is not a command; type 'help' for the list.")  # pragma: no cover


def _sentence(error: Exception) -> str:
    text = str(error).strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _look(session: Session) -> str:
    from game.session import views

    status = views.status(session).sentence()
    scene = views.current_scene(session)
    if scene is not None:
        who = f" {scene.speaker} is here." if scene.speaker else ""
        return f"{status} Waiting for you: {scene.title}.{who}"
    return f"{status} No scene is waiting; make the season's decisions and type 'end'."


def _talk(session: Session, arg: str) -> str:
    if not arg:
        raise CommandError("Talk to whom? For example 'talk wang'.")
    people = list(session.bundle.characters.values())
    found = [c for c in people if arg in c.name.lower().split() or arg == c.id.lower() or arg == getattr(c, "hanzi", "")]
    found = found or [c for c in people if arg in c.name.lower() or arg in c.id.lower()]
    if not found:
        raise CommandError(f"No one called {quote(arg, 30)} lives in the village; try 'talk' and Tab to see names.")
    c = found[0]
    hanzi = f" ({c.hanzi})" if getattr(c, "hanzi", "") else ""
    return f"{c.name}{hanzi}, {c.role_in_village}. {c.bio}"


def _examine(session: Session, arg: str) -> Command:
    from game.session import views

    peasant = session.setup.role == "peasant"
    if not arg:
        raise CommandError("Examine what? For example " + ("'examine ox' or " if peasant else "")
                           + "'examine work points'.")
    if peasant and arg in ANIMAL_WORDS:
        n = views.status(session).animals
        return Command(say=f"The household has {n:.0f} draught animal{'s' if n != 1 else ''}." if n else
                       "The household has no draught animal; ploughing means borrowing or hiring one.")
    if peasant and arg in ("grain", "store", "jars"):
        status = views.status(session)
        return Command(say=f"{status.grain:,.0f} jin in store; the household ate {status.grain_per_person:,.0f} jin "
                           f"a head (a year's rate); the ration line is {status.ration_line:,.0f}, the survival line "
                           f"{status.survival_line:,.0f}.")
    if peasant and arg in ("land", "fields", "family", "household"):
        return Command(say=views.calculus(session).sentence())
    if arg in ("standing", "my standing", "name", "reputation"):
        return Command(say=views.standing_help(session.setup.role, session.params.removal_career))
    for entry in session.bundle.glossary:
        if arg in (entry.term.lower(), entry.id.lower(), entry.hanzi) or arg in entry.term.lower():
            return Command(say=f"{entry.term} ({entry.hanzi}, {entry.pinyin}): {entry.gloss} [{', '.join(entry.sources)}]")
    for doc_id, doc in session.bundle.documents.items():
        if arg == doc_id.lower() or arg in doc.title.lower():
            return Command(view="documents", argument=doc_id)
    things = "'examine ox', 'examine grain' or a glossary term" if peasant else "a glossary term or a document title"
    raise CommandError(f"There is nothing called {quote(arg, 30)} to examine; try {things}.")


def _choose(session: Session, rest: list[str]) -> Action:
    from game.session import views
    from game.session.actions import ChooseScene

    scene = views.current_scene(session)
    if scene is None:
        raise CommandError("No scene is waiting this season; type 'end' to end the season.")
    if not rest:
        raise CommandError(f"Choose which option? Type a number from 1 to {len(scene.options)}.")
    try:
        n = parse_whole(rest[0])
    except NumberError:
        raise CommandError(f"Choose which option? Type a number from 1 to {len(scene.options)}.") from None
    if not 1 <= n <= len(scene.options):
        raise CommandError(f"'{scene.title}' has options 1 to {len(scene.options)}.")
    return ChooseScene(scene.id, n - 1)


def _household(session: Session, word: str) -> int:
    """A household number as typed (1-based), returned 0-based."""
    try:
        return parse_whole(word, 1, session.state.households, "the household number") - 1
    except NumberError as error:
        raise CommandError(f"{error} Households are numbered 1 to {session.state.households} on the map.") from None


def indicator_names() -> list[str]:
    from game.session.views import INDICATORS

    return list(INDICATORS)


def _indicator(arg: str) -> str:
    names = indicator_names()
    key = arg.replace(" ", "_").replace("-", "_") or "coop_share"
    if key in names:
        return key
    matches = [n for n in names if n.startswith(key)] or [n for n in names if key in n]
    if len(matches) == 1:
        return matches[0]
    raise CommandError(f"Why what? One of: {', '.join(names)}.")


def _document(session: Session, arg: str) -> str:
    """A document id from its number in the list ('read 3'), its id, the start of its id, or words
    of its title."""
    from game.session.views import document_order

    documents = session.bundle.documents
    if arg.isdigit():
        order = document_order(session)
        try:
            return order[parse_whole(arg, 1, len(order), "the document number") - 1]
        except NumberError as error:
            raise CommandError(f"{error} Type 'documents' for the numbered list.") from None
    found = [d for d in sorted(documents) if arg == d.lower()] or \
        [d for d in sorted(documents) if d.lower().startswith(arg)] or \
        [d for d in sorted(documents) if arg in documents[d].title.lower()]
    if found:
        return found[0]
    raise CommandError(f"No document matches {quote(arg, 30)}; type 'documents' for the list.")


# ------------------------------------------------------------------ completion (the UI's prompt)
def arguments(verb: str, session: Session) -> list[str]:
    """The words that can follow a verb, for completion."""
    if verb == "talk":
        return sorted({c.name.split()[0].lower() for c in session.bundle.characters.values()})
    if verb == "join":
        return ["team", "co-op", "higher"]
    if verb == "why":
        return indicator_names()
    if verb == "examine":
        things = (["ox", "grain", "land"] if session.setup.role == "peasant" else []) + ["standing"]
        return things + sorted(e.id.lower() for e in session.bundle.glossary)
    if verb == "choose":
        from game.session import views

        scene = views.current_scene(session)
        return [str(o.index + 1) for o in scene.options] if scene else []
    if verb in ("effort", "sideline"):
        return ["100", "85", "60"] if verb == "effort" else ["100", "50", "0"]
    if verb in ("keep", "slaughter"):
        return ["ox"]
    if verb == "sell":
        return ["ox", "100", "300"]
    if verb in ("documents", "read"):
        return sorted(d.lower() for d in session.bundle.documents)
    if verb == "guide":
        return ["student", "teacher"]
    if verb == "download":
        return ["save", "report"]
    if verb == "open":
        from game.session.downloads import source_ids_with_url

        return ["report", *(s.lower() for s in source_ids_with_url(session))]
    if verb == "policy":
        from game.session.actions import LEVERS

        return sorted(LEVERS)
    return []


def complete(text: str, session: Session) -> list[str]:
    """Whole-line completions of what has been typed so far."""
    if len(text) > MAX_LINE:
        return []
    role = session.setup.role
    stripped = text.lstrip()
    words = stripped.split()
    if not words or (len(words) == 1 and not stripped.endswith(" ")):
        prefix = words[0].lower() if words else ""
        return [spec.name for spec in commands_for(role) if spec.name.startswith(prefix)]
    try:
        verb = resolve(words[0], role).name
    except CommandError:
        return []
    partial_arg = "" if stripped.endswith(" ") else words[-1].lower()
    head = " ".join([verb, *words[1:-1]] if partial_arg else [verb, *words[1:]])
    return [f"{head} {a}" for a in arguments(verb, session) if a.startswith(partial_arg)]


def common_prefix(options: list[str]) -> str:
    if not options:
        return ""
    first, last = min(options), max(options)
    n = 0
    while n < len(first) and n < len(last) and first[n] == last[n]:
        n += 1
    return first[:n]
