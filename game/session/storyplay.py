"""The storyplay check: real games, every playable household and the cadre, random choices.

``storyplay`` plays whole games through the real ``Session`` (the model, the content and the
session's own rules together) for each household a player may choose and for the cadre, over a
bounded number of seeds, answering every scene at random and making random decisions between
them. At every passage shown it checks, against the live state of that moment:

- the passage's declared ``assumes`` and its ``when``/``trigger`` hold (file:line of the table);
- its prose does not take for granted what the household is not (``your co-op`` for a household
  farming alone, ``your ox`` for one that owns none, ``your team`` outside a team), nor a co-op
  the village does not have (``Zhang's co-op``, ``the newest co-op``, ``stayed in co-ops`` while
  no household of the village is in one), in its text, its options or their results;
- it was not shown before in the same game (unless ``repeatable``);
- it offers at least one option the player can take (no dead end);
- the season shows no more passages than its budget (``game.session.game.scene_budget``);
- the figures its text quotes are the session's (``figure_problems``).

It returns ``Problem`` values for ``hightide content check``. Never imports textual.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.content.errors import ContentError, Problem
from game.content.model import Passage, Scene
from game.content.runner import render
from game.session.actions import ActionError, ChooseScene, EndSeason, SetForm, SetLever
from game.session.game import GameSetup, Session, scene_budget

FORMS_TRIED = ("team", "lower", "higher", "independent")
CADRE_TRIES = (("stance", ("persuasion", "demonstration", "pressure", "coercion")),
               ("omega", (0.2, 0.3, 0.4)), ("report", ("honest", "over", "under")),
               ("upgrade", (True,)), ("withdrawal", ("allow_with_property", "refuse")))

# what a phrase of the prose takes for granted about the player's household: (pattern, test, meaning)
MEMBER = ("lower", "higher")
IMPLIED: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\byour (?:own )?(?:co-op|co-operative|collective)\b(?! (?:of|you)\b)", re.I), "member",
     "a co-op member"),
    (re.compile(r"\byour (?:mutual-aid )?team(?:'s)?\b(?! (?:of|you)\b)", re.I), "team", "in a mutual-aid team"),
    (re.compile(r"\byour (?:ox|oxen|donkey|mule|animal)\b", re.I), "animal", "an owner of a draught animal"),
)


# what a phrase takes for granted about the village: some household of it is in a co-op (any role)
PRESUPPOSES_COOP = re.compile(
    r"\bthe co-op's\b|\bZhang(?: Dewang)?'s co-op\b|\bnewest (?:of Liudu's (?:\w+ )?)?co-ops?\b"
    r"|\bthe (?:west|east|north|south)-side co-op\b|\bstayed in (?:the )?co-ops?\b"
    r"|\beveryone in your lane has joined\b|\bof Liudu's (?:\w+ )?co-ops\b|\bLiudu's co-ops? (?:is|are|has|have)\b"
    r"|\bco-op members\b|\bmembers of the co-op\b|\bthe co-op ploughed\b|\bthe co-op has\b",
    re.I)


@dataclass
class StoryReport:
    """What the storyplay check found, and how much it played."""

    errors: list[Problem] = field(default_factory=list)
    games: int = 0
    shown: set[str] = field(default_factory=set)
    per_season: dict[int, int] = field(default_factory=dict)  # most passages any game showed in a season
    without_coop: int = 0  # passages shown while no household of the village was in a co-op

    def add(self, file: str, line: int | None, message: str) -> None:
        problem = Problem(file, line, message)
        if problem not in self.errors:
            self.errors.append(problem)


def implied_problems(text: str, values: dict) -> list[str]:
    """What the prose takes for granted that the household's state contradicts."""
    out = []
    if values.get("role") != "peasant":
        return out
    form = values.get("form")
    owns = float(values.get("animals", 0)) >= 1 or bool(values.get("pooled"))
    for pattern, need, meaning in IMPLIED:
        match = pattern.search(text)
        if not match:
            continue
        wrong = ((need == "member" and form not in MEMBER) or (need == "team" and form != "team")
                 or (need == "animal" and not owns))
        if wrong:
            out.append(f"the text says \"{match.group(0)}\" to a household that is not {meaning} "
                       f"(form {form}, animals {values.get('animals')}); declare it in 'assumes'")
    return out


def village_problems(text: str, values: dict) -> list[str]:
    """What the prose takes for granted about the village's co-ops that its state contradicts:
    a co-op named, counted or described while no household of the village is in one."""
    share = values.get("coop_share")
    if share is None or float(share) > 0:
        return []
    match = PRESUPPOSES_COOP.search(text)
    if not match:
        return []
    return [f"the text says \"{match.group(0)}\" while no household of the village is in a co-op; "
            "declare 'coop = true' in 'assumes' (or 'requires'), or take the words from the model"]


# ------------------------------------------------------------------ figures quoted in the text
FIGURE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s*%|\s+(?:jin|mu|households?|families|animals?)\b)")


def figure_problems(text: str, session: Session, variables: dict) -> list[str]:
    """Figures in rendered text (jin, mu, %, households, animals) that are neither one of the
    session's own values for this moment nor written in the scene's source (a sourced figure)."""
    allowed = set()
    for value in variables.values():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            allowed.add(round(float(value), 1))
    return [f"{m.group(0).strip()}" for m in FIGURE.finditer(text)
            if round(float(m.group(1).replace(",", "")), 1) not in allowed]


def _raw_figures(raw: str) -> set[float]:
    """Figures written in the scene file itself (not from a template): sourced or narrative."""
    stripped = re.sub(r"\{[^{}]*\}", "", raw)
    return {round(float(m.group(1).replace(",", "")), 1) for m in FIGURE.finditer(stripped)}


# ------------------------------------------------------------------ playing
def households(assets: Path) -> list[str]:
    """The characters whose household a player may choose (from a fresh session)."""
    return list(Session(GameSetup(role="peasant", seed=1, county=2), assets).characters)


def storyplay(assets: Path, seeds: int = 4, county: int = 2, base_seed: int = 1953,
              game_seeds: Iterable[int] | None = None, who: Iterable[str | None] | None = None) -> StoryReport:
    """Play ``seeds`` games for each playable household and for the cadre (a small county, so
    the check stays quick); every check above, at every passage shown. ``game_seeds`` plays
    these seeds instead; ``who`` only these households (None: the cadre)."""
    report = StoryReport()
    roles: list[tuple[str, str | None]] = [("peasant", h) for h in households(assets)] + [("cadre", None)]
    if who is not None:
        wanted = set(who)
        roles = [(role, h) for role, h in roles if h in wanted]
    for role, household in roles:
        chosen = list(game_seeds) if game_seeds is not None else [
            base_seed + 7919 * k + 31 * len(household or "") for k in range(seeds)]
        for seed in chosen:
            rng = random.Random(seed)
            session = Session(GameSetup(role=role, seed=seed, household=household, county=county), assets)
            _play(session, rng, report)
            report.games += 1
    return report


def _play(session: Session, rng: random.Random, report: StoryReport) -> None:
    seen: set[str] = set()
    who = session.setup.household or "the cadre"
    while not session.finished:
        t = session.t
        queued = len(session.queue)
        report.per_season[t] = max(report.per_season.get(t, 0), queued)
        if queued > scene_budget(t):
            report.add("game.session.game", None, f"{session.label}: {queued} passages queued, more than the "
                                                  f"season's budget of {scene_budget(t)}")
        _decide(session, rng)
        steps = 0
        while session.queue and steps < 40:
            steps += 1
            passage = session.bundle.passage(session.queue[0])
            _check_shown(session, passage, seen, report, who)
            seen.add(passage.id)
            report.shown.add(passage.id)
            open_now = session.open_choices(passage)
            if not open_now:
                reasons = "; ".join(sorted({r for c in passage.choices for e in c.effects
                                            if (r := session.effect_reason(e))})) or "every option's condition is false"
                report.add(passage.file, passage.line, f"dead end: '{passage.id}' offers {who} no option it can take "
                                                       f"in {session.label} ({reasons})")
                session.queue.remove(passage.id)
                session.seen.add(passage.id)
                continue
            try:
                session.apply(ChooseScene(passage.id, rng.choice(open_now)))
            except ActionError as error:
                report.add(passage.file, passage.line, f"'{passage.id}': an open option was refused: {error}")
                session.queue.remove(passage.id)
        session.apply(EndSeason())


def _decide(session: Session, rng: random.Random) -> None:
    """A random decision or two, so that games go down different roads."""
    try:
        if session.household is not None:
            if rng.random() < 0.5:
                session.apply(SetForm(rng.choice(FORMS_TRIED)))
        else:
            name, values = rng.choice(CADRE_TRIES)
            session.apply(SetLever(name, rng.choice(values)))
    except ActionError:
        pass  # not open this season: the model's own choice stands


def _check_shown(session: Session, passage: Passage, seen: set[str], report: StoryReport, who: str) -> None:
    situation = session.situation()
    values = dict(situation.values)
    where = f"shown to {who} in {session.label}"
    if passage.id in seen and not passage.repeatable:
        report.add(passage.file, passage.line, f"'{passage.id}' was {where} a second time (mark it repeatable "
                                               "or gate it)")
    if passage.assumes is not None:
        failed = passage.assumes.failures(values, situation.flags, situation.seen)
        if failed:
            report.add(passage.assumes.file or passage.file, passage.assumes.line or passage.line,
                       f"'{passage.id}' was {where} against its assumptions: {'; '.join(failed)}")
    head = passage.when if isinstance(passage, Scene) else passage.trigger
    try:
        if head is not None and not situation.holds(head, passage):
            report.add(passage.file, passage.line, f"'{passage.id}' was {where} though '{head.source}' is false")
    except ContentError as error:
        report.add(error.file or passage.file, error.line or passage.line, error.message)
    if values.get("coop_share") is not None and float(values["coop_share"]) <= 0:
        report.without_coop += 1
    variables = session.text_variables()
    text = render(passage.text, variables)
    for problem in implied_problems(text, values) + village_problems(text, values):
        report.add(passage.file, passage.line, f"'{passage.id}' ({where}): {problem}")
    for index in session.open_choices(passage):  # an option offered must fit the household too
        choice = passage.choices[index]
        label = render(choice.label, variables)
        for problem in implied_problems(label, values) + village_problems(label, values):
            report.add(passage.file, choice.line or passage.line,
                       f"'{passage.id}' option {index + 1} ({where}): {problem}")
        if choice.result:  # and what it answers must fit the village
            for problem in village_problems(render(choice.result, variables), values):
                report.add(passage.file, choice.line or passage.line,
                           f"'{passage.id}' option {index + 1}'s result ({where}): {problem}")
    raw = _raw_figures(passage.text)
    for figure in figure_problems(text, session, variables):
        number = round(float(re.sub(r"[^\d.]", "", figure.split()[0].rstrip("%")) or 0), 1)
        if number not in raw:
            report.add(passage.file, passage.line, f"'{passage.id}' ({where}) quotes {figure}, which is not the "
                                                   "session's figure")


def problems(assets: Path, seeds: int = 4) -> tuple[list[Problem], StoryReport]:
    """For the checker: the storyplay's errors (none if the folder has no scenario to play)."""
    if not (Path(assets) / "scenarios").is_dir():
        return [], StoryReport()
    report = storyplay(Path(assets), seeds=seeds)
    return report.errors, report


def describe(report: StoryReport) -> Iterable[str]:
    yield (f"Storyplay: {report.games} games (every household and the cadre); most passages in one season: "
           + ", ".join(f"{v}" for _, v in sorted(report.per_season.items())))
