"""Typed commands and the command palette.

``interpret(text, session)`` turns what the player types at the prompt (``look``, ``talk wang``,
``join team``, ``choose 2``, ``why coop_share``, ``end``...) into a ``Command``: a session
``Action`` to apply (the very same action a key or a click produces), a view to open, an app
command (save, quit) or a sentence to show. ``complete`` offers tab completions. Both are plain
Python over the session and are unit-tested without Textual; only ``GameCommands`` (the palette
provider at the bottom) touches Textual, and it never changes the game except through the
app's ``apply``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from game.session.actions import Action
    from game.session.game import Session


class CommandError(Exception):
    """A typed command that cannot be understood; the message is one sentence."""


@dataclass(frozen=True)
class Command:
    """What a typed line means: exactly one of ``action``, ``view``, ``app`` or ``say`` is set."""

    action: Action | None = None
    view: str | None = None  # map, tide, why, ledger, calculus, glossary, documents, timeline, county, help
    argument: str | None = None
    app: str | None = None  # save, quit
    say: str | None = None


VIEWS = ("map", "tide", "why", "ledger", "calculus", "glossary", "documents", "timeline", "county", "directive",
         "model", "guide", "help")
VERBS: dict[str, str] = {
    "look": "describe where you are and what is waiting",
    "talk": "talk NAME: what you know about a villager",
    "examine": "examine THING: ox, grain, land, or a glossary term",
    "join": "join team | join co-op | join higher",
    "leave": "ask to leave and farm alone",
    "choose": "choose N: take option N of the scene in front of you",
    "end": "end the season",
    "sell": "sell N (jin of grain) | sell ox",
    "hide": "hide N: keep N jin out of the assessment",
    "keep": "keep ox: keep the draught animal",
    "slaughter": "slaughter ox",
    "effort": "effort 100 | 85 | 60 (percent of full effort in collective work)",
    "sideline": "sideline 100 | 50 | 0 (percent of slack labour into sidelines)",
    "map": "the village map",
    "tide": "the tide: co-op shares over time",
    "why": "why NAME: the causes of an indicator (why coop_share)",
    "ledger": "where the last season's grain went",
    "calculus": "your family's income in each form",
    "glossary": "the glossary of Chinese terms",
    "documents": "the document reader",
    "timeline": "the timeline of events",
    "county": "the county's villages",
    "directive": "what the July 1955 directive changed for each class",
    "model": "the model card: mechanisms and every parameter with its source",
    "guide": "guide | guide teacher: the student's or the teacher's guide",
    "help": "keys and commands",
    "save": "save NAME: save the game under a name",
    "quit": "leave the game (it is autosaved every season)",
}
ALIASES = {"l": "look", "x": "examine", "?": "help", "h": "help", "q": "quit", "c": "choose", "t": "talk",
           "m": "map", "g": "glossary", "z": "end", "co-op": "join", "coop": "join", "exit": "quit", "docs": "documents",
           "look around": "look", "ask": "talk", "read": "documents"}
FORM_WORDS = {"team": "team", "mutual-aid": "team", "mutual": "team", "co-op": "lower", "coop": "lower",
              "cooperative": "lower", "co-operative": "lower", "lower": "lower", "higher": "higher",
              "collective": "higher"}
ANIMAL_WORDS = ("ox", "animal", "animals", "donkey", "mule", "cow")


def resolve_verb(word: str) -> str:
    """The full verb for a word or an unambiguous abbreviation of one."""
    word = word.lower()
    if word in VERBS:
        return word
    if word in ALIASES:
        return ALIASES[word]
    matches = [v for v in VERBS if v.startswith(word)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CommandError(f"'{word}' could mean {', '.join(matches)}; type a few more letters.")
    raise CommandError(f"'{word}' is not a command; type 'help' for the list.")


def _number(word: str, what: str) -> float:
    try:
        return float(word.rstrip("%"))
    except ValueError:
        raise CommandError(f"'{word}' is not a number; {what}.") from None


def _share(word: str, what: str) -> float:
    value = _number(word, what)
    return value / 100.0 if value > 1 else value


def interpret(text: str, session: Session) -> Command:
    """What the typed line means now; raises CommandError with one sentence."""
    from game.session.actions import (AnimalChoice, EndSeason, HideGrain, SellGrain, SetEffort, SetForm,
                                      SetSideline)

    words = text.strip().split()
    if not words:
        raise CommandError("Type a command, for example 'look', 'choose 1' or 'help'.")
    if words[0].isdigit():
        words = ["choose", *words]
    verb = resolve_verb(words[0])
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
        jin = _number(rest[0], "give the grain in jin")
        return Command(action=SellGrain(jin) if verb == "sell" else HideGrain(jin))
    if verb in ("effort", "sideline"):
        if not rest:
            raise CommandError(f"How much? {VERBS[verb]}.")
        share = _share(rest[0], "give a percentage")
        return Command(action=SetEffort(share) if verb == "effort" else SetSideline(share))
    if verb == "why":
        return Command(view="why", argument=_indicator(arg))
    if verb in ("documents",) and arg:
        return Command(view="documents", argument=_document(session, arg))
    if verb == "guide":
        if arg and not ("teacher".startswith(arg) or "student".startswith(arg)):
            raise CommandError("Which guide? Type 'guide' for the student's guide or 'guide teacher'.")
        return Command(view="guide", argument="teacher" if arg and "teacher".startswith(arg) else "student")
    if verb in VIEWS:
        return Command(view=verb)
    if verb == "save":
        if not arg:
            raise CommandError("Save under what name? For example 'save before the meeting'.")
        return Command(app="save", argument=" ".join(words[1:]))
    if verb == "quit":
        return Command(app="quit")
    raise CommandError(f"'{verb}' is not a command; type 'help' for the list.")  # pragma: no cover


def _look(session: Session) -> str:
    from game.session import views

    status = views.status(session).sentence()
    scene = views.current_scene(session)
    if scene is not None:
        who = f" {scene.speaker} is here." if scene.speaker else ""
        return f"{status} Waiting for you: {scene.title}.{who}"
    return f"{status} No scene is waiting; make the season's decisions and type 'end'."


def _characters(session: Session) -> list:
    return list(session.bundle.characters.values())


def _talk(session: Session, arg: str) -> str:
    if not arg:
        raise CommandError("Talk to whom? For example 'talk wang'.")
    people = _characters(session)
    found = [c for c in people if arg in c.name.lower().split() or arg == c.id.lower() or arg == getattr(c, "hanzi", "")]
    found = found or [c for c in people if arg in c.name.lower() or arg in c.id.lower()]
    if not found:
        raise CommandError(f"No one called '{arg}' lives in the village; try 'talk' and Tab to see names.")
    c = found[0]
    hanzi = f" ({c.hanzi})" if getattr(c, "hanzi", "") else ""
    return f"{c.name}{hanzi}, {c.role_in_village}. {c.bio}"


def _examine(session: Session, arg: str) -> Command:
    from game.session import views

    if not arg:
        raise CommandError("Examine what? For example 'examine ox' or 'examine work points'.")
    status = views.status(session)
    if arg in ANIMAL_WORDS:
        n = status.animals
        return Command(say=f"The family has {n:.0f} draught animal(s)." if n else "The family has no draught animal; ploughing means borrowing or hiring one.")
    if arg in ("grain", "store", "jars"):
        return Command(say=f"{status.grain:,.0f} jin in store; the family ate {status.grain_per_person:,.0f} jin a head "
                           f"(a year's rate); the ration line is {status.ration_line:,.0f}, the survival line {status.survival_line:,.0f}.")
    if arg in ("land", "fields", "family", "household"):
        return Command(say=views.calculus(session).sentence())
    for entry in session.bundle.glossary:
        if arg in (entry.term.lower(), entry.id.lower(), entry.hanzi) or arg in entry.term.lower():
            return Command(say=f"{entry.term} ({entry.hanzi}, {entry.pinyin}): {entry.gloss} [{', '.join(entry.sources)}]")
    for doc_id, doc in session.bundle.documents.items():
        if arg == doc_id.lower() or arg in doc.title.lower():
            return Command(view="documents", argument=doc_id)
    raise CommandError(f"There is nothing called '{arg}' to examine; try 'examine ox', 'examine grain' or a glossary term.")


def _choose(session: Session, rest: list[str]) -> Action:
    from game.session import views
    from game.session.actions import ChooseScene

    scene = views.current_scene(session)
    if scene is None:
        raise CommandError("No scene is waiting this season; type 'end' to end the season.")
    if not rest or not rest[0].isdigit():
        raise CommandError(f"Choose which option? Type a number from 1 to {len(scene.options)}.")
    n = int(rest[0])
    if not 1 <= n <= len(scene.options):
        raise CommandError(f"'{scene.title}' has options 1 to {len(scene.options)}.")
    return ChooseScene(scene.id, n - 1)


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
    for doc_id, doc in session.bundle.documents.items():
        if arg == doc_id.lower() or arg in doc.title.lower():
            return doc_id
    raise CommandError(f"No document matches '{arg}'; type 'documents' to open the reader.")


def arguments(verb: str, session: Session) -> list[str]:
    """The words that can follow a verb, for completion."""
    if verb == "talk":
        return sorted({c.name.split()[0].lower() for c in _characters(session)})
    if verb == "join":
        return ["team", "co-op", "higher"]
    if verb == "why":
        return indicator_names()
    if verb == "examine":
        return ["ox", "grain", "land"] + sorted(e.id.lower() for e in session.bundle.glossary)
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
    if verb == "documents":
        return sorted(d.lower() for d in session.bundle.documents)
    if verb == "guide":
        return ["student", "teacher"]
    return []


def complete(text: str, session: Session) -> list[str]:
    """Whole-line completions of what has been typed so far."""
    stripped = text.lstrip()
    words = stripped.split()
    if not words or (len(words) == 1 and not stripped.endswith(" ")):
        prefix = words[0].lower() if words else ""
        return [v for v in VERBS if v.startswith(prefix)]
    try:
        verb = resolve_verb(words[0])
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


def help_text() -> str:
    """The typed commands, one a line, for the help screen."""
    return "\n".join(f"  {verb:<10} {text}" for verb, text in VERBS.items())


# ------------------------------------------------------------------ the command palette
PALETTE_VIEWS = (
    ("Village map", "map", "Households by membership and class"),
    ("The tide", "tide", "Co-op shares over time: village, county, China"),
    ("Why? households in co-ops", "why", "The causes of the co-op share, with this game's numbers"),
    ("Ledger", "ledger", "Where the last season's grain went"),
    ("Calculus", "calculus", "Your family's income alone and inside the team or co-op"),
    ("Glossary", "glossary", "Chinese terms with characters, pinyin and plain English"),
    ("Documents", "documents", "Summaries of the primary sources"),
    ("Timeline", "timeline", "Events 1953-1958"),
    ("County", "county", "Every village of the county"),
    ("What the directive changed", "directive", "Each class's gain from joining, before and after July 1955"),
    ("Model card", "model", "The mechanisms and every parameter, with its source"),
    ("Help", "help", "Keys and typed commands"),
)
GUIDES = (
    ("Student's guide", "student", "How to start, the keys and commands, what to watch"),
    ("Teacher's guide", "teacher", "Assignments, codes and lesson plans"),
)


class GameCommands(Provider):
    """Palette entries for the views and, during a season, the season's actions."""

    def _entries(self) -> list[tuple[str, object, str]]:
        app = self.app
        entries: list[tuple[str, object, str]] = [
            (title, partial(app.open_view, view), help_) for title, view, help_ in PALETTE_VIEWS]
        entries += [(title, partial(app.open_view, "guide", which), help_) for title, which, help_ in GUIDES]
        screen = app.screen
        if hasattr(screen, "action_assignment"):  # the title screen
            entries.append(("Start or continue an assignment", screen.action_assignment,
                            "A classroom assignment file or code, and your name"))
        if hasattr(screen, "action_compare"):  # a replay
            entries.append(("Compare with a branch", screen.action_compare,
                            "This game beside a game branched from it, season by season"))
        session = getattr(app, "session", None)
        if session is not None and not session.finished and getattr(app, "playing", False):
            from game.session import views
            from game.session.actions import ChooseScene, EndSeason
            from game.session.decisions import decisions

            entries.append(("End the season", partial(app.apply, EndSeason()), "Run the harvest and see the report"))
            entries.append(("Save the game", app.action_save_game, "Save under a name"))
            scene = views.current_scene(session)
            if scene is not None:
                for option in scene.options:
                    if option.available:
                        entries.append((f"{scene.title}: {option.index + 1}. {option.label}",
                                        partial(app.apply, ChooseScene(scene.id, option.index)), "Scene choice"))
            for decision in decisions(session):
                for option in decision.options:
                    if option.available:
                        entries.append((f"{decision.title}: {option.label}", partial(app.apply, option.action), option.preview))
        return entries

    async def discover(self) -> Hits:
        for title, callback, help_ in self._entries():
            yield DiscoveryHit(title, callback, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_ in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_)
