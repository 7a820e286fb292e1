"""A student's report on a saved game, as Markdown or as one self-contained HTML file with
inline SVG charts (no network): who played and when, the answers to the assignment's questions
(with their texts), the decisions that changed something, the outcome charts (the household
beside the village, the village beside the county and China), the epilogue, the comparison with
the historical record, the documents and sources met, and whether the save verified.

The HTML report is a hand-in: it embeds the save (with its seal and any signature) and the
assignment it was played for, and its whole text is made from them. ``check_html`` re-makes the
page from what it embeds and compares: a report whose words, numbers or verdict were edited no
longer matches, and the save inside it is replayed like any save. Never imports textual.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from game.session import debrief, saves, views
from game.session.actions import (Action, AnimalChoice, Answer, ChooseScene, ClearChoice, EndSeason, HideGrain,
                                  SellGrain, SetEffort, SetForm, SetLever, SetSideline)
from game.session.assignment import (Assignment, AssignmentError, canonical, content_hash, decode, parse_assignment,
                                     same_assignment)
from game.session.game import FORM_TEXT, PLAYER_VILLAGE, GameSetup, Session
from game.sim.params import DIRECTIVE_SEASON, FORMS, HIGHER, LOWER, N_SEASONS, season_label

REPORT_FORMAT = 1  # the layout of the embedded block
EMBED_ID = "hightide-save"
BREAK_MINUTES = 30  # a longer gap between two season ends is a break, not time on task


# the modules whose code shapes a report's words and numbers (the content and the model are covered
# by the save's content hash and digests): a page made by other code cannot be compared word for word
_RENDERERS = ("session/report.py", "session/views.py", "session/actions.py", "session/game.py", "session/debrief.py",
              "session/narration.py", "session/assignment.py", "content/national.py")


@lru_cache(maxsize=1)
def renderer() -> str:
    """A fingerprint of the code that writes reports: the game's version and those modules."""
    from game import __version__

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{__version__}:{REPORT_FORMAT}".encode())
    for name in _RENDERERS:
        try:
            digest.update((root / name).read_bytes())
        except OSError:
            digest.update(b"missing " + name.encode())
    return digest.hexdigest()[:16]


# ------------------------------------------------------------------ decisions as changes
def describe(session: Session, action: Action) -> str:
    """An action in words; a scene choice by its scene title and option label."""
    if isinstance(action, ChooseScene):
        passage = session.bundle.passage(action.scene)
        if passage is not None and 0 <= action.choice < len(passage.choices):
            return f"{passage.title}: \"{passage.choices[action.choice].label}\""
    return action.describe()


def _key(action: Action) -> object:
    """Decisions of one kind replace each other within a season (the last one counts)."""
    if isinstance(action, SetLever):
        return ("lever", action.name)
    return type(action).__name__


def changes(session: Session, start_forms: list[int] | None = None) -> list[tuple[int, str]]:
    """The game's decisions as changes, season by season: (season, words). A choice that keeps
    things as they are (staying in the co-op, keeping the ox, the same effort or lever as
    before) is left out; a scene's answer is always in; what became of a request to join or
    leave (the model decides) follows it. ``start_forms``: the household's form at the start of
    every season (``Trace.forms``), else taken from the season logs."""
    out: list[tuple[int, str]] = []
    h = session.household
    if start_forms is None and h is not None:
        first = int(Session(session.setup, session.assets).state.form[PLAYER_VILLAGE, h])
        start_forms = [first] + [int(log.forms[h]) for log in session.logs]
    said: dict[object, object] = {}
    asked_before: str | None = None
    for t in range(N_SEASONS + 1):
        acts = [a for s, a in session.actions if s == t and not isinstance(a, (EndSeason, Answer))]
        last: dict[object, Action] = {}
        for action in acts:
            if isinstance(action, ChooseScene):
                out.append((t, describe(session, action)))
            elif isinstance(action, ClearChoice):  # the season's decision of that kind taken back
                from game.session.replay import CLEARS

                cleared = ("lever", action.what) if action.what not in CLEARS else CLEARS[action.what].__name__
                last.pop(cleared, None)
            else:
                last.pop(_key(action), None)
                last[_key(action)] = action
        asked = None
        for key, action in last.items():
            if isinstance(action, SetForm) and h is not None and t < len(session.logs):
                start = FORMS[start_forms[t]]
                meeting = start == "lower" and session.params.schedule.higher_allowed[t] > 0 and \
                    bool(session.logs[t].levers.get("upgrade"))
                default = "higher" if meeting else start
                if action.form == default:
                    continue
                asked = action.form
                if asked == asked_before:
                    continue  # the same request as last season: said once
                if meeting and action.form == "lower":
                    out.append((t, "voted against the higher stage, to stay in the lower-stage co-op"))
                elif meeting:
                    out.append((t, "voted against the higher stage, and asked to leave if it passed"))
                else:
                    out.append((t, action.describe()))
            elif isinstance(action, (SetEffort, SetSideline)) or isinstance(action, SetLever):
                value = action.level if isinstance(action, SetEffort) else \
                    action.share if isinstance(action, SetSideline) else action.value
                if said.get(key) == value:
                    continue
                said[key] = value
                out.append((t, action.describe()))
            elif isinstance(action, AnimalChoice):
                if action.choice != "keep":
                    out.append((t, action.describe()))
            elif isinstance(action, (SellGrain, HideGrain)):
                if action.jin > 0:
                    out.append((t, action.describe()))
            else:
                out.append((t, describe(session, action)))
        asked_before = asked
        if h is not None and t < len(session.logs):
            before = start_forms[t]
            after = int(session.logs[t].forms[h])
            if after != before:
                out.append((t, f"from now on the family is {FORM_TEXT[FORMS[after]]}"))
                asked_before = None
        if session.removed_at == t:
            out.append((t, "the county removed the secretary from his post"))
    return out


# ------------------------------------------------------------------ the season-by-season trace
@dataclass(frozen=True)
class Trace:
    """What the season logs do not keep: the household's form at the start of every season
    and its trust after every season (one more replay of the game)."""

    forms: list[int]  # form at the start of each season played, and after the last one
    trust: list[float]  # the household's trust after each season


def trace(session: Session) -> Trace:
    h = session.household
    fresh = Session(session.setup, session.assets)
    forms = [int(fresh.state.form[PLAYER_VILLAGE, h])] if h is not None else []
    trust: list[float] = []
    for _, action in session.actions:
        if fresh.finished and not isinstance(action, Answer):
            break
        fresh.apply(action)
        if isinstance(action, EndSeason) and h is not None:
            forms.append(int(fresh.state.form[PLAYER_VILLAGE, h]))
            trust.append(float(fresh.state.trust[PLAYER_VILLAGE, h]))
    return Trace(forms, trust)


# ------------------------------------------------------------------ times
def _time(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def when(text: str | None) -> str:
    """'4 March 2025, 10:02' for a recorded time."""
    moment = _time(text)
    return f"{moment.day} {moment.strftime('%B %Y')}, {moment.strftime('%H:%M')}" if moment else "not recorded"


def time_on_task(started: str | None, ends: list[str]) -> tuple[int, int] | None:
    """(minutes, sittings) from the start time and the season end times: the gaps of at most
    ``BREAK_MINUTES`` between one and the next are added; a longer gap starts a new sitting (and
    the season played after it is not counted). None without times."""
    points = [p for p in (_time(x) for x in [started, *ends]) if p is not None]
    if len(points) < 2:
        return None
    seconds, sittings = 0.0, 1
    for a, b in zip(points, points[1:]):
        gap = (b - a).total_seconds()
        if 0 <= gap <= BREAK_MINUTES * 60:
            seconds += gap
        else:
            sittings += 1
    return round(seconds / 60), sittings


# ------------------------------------------------------------------ the report
@dataclass(frozen=True)
class Report:
    verified: bool
    verdict: str
    player: str
    role: str
    who: str
    scenario: str
    seed: int
    assignment: str | None
    reached: str  # the last season played ("Autumn 1955"), or "Epilogue"
    decisions: tuple[tuple[str, str], ...]  # (season, what changed)
    series: dict[str, tuple[float | None, ...]]
    answers: tuple[tuple[str, str], ...]  # (question with its text, answer), the assignment's order
    epilogue: views.EpilogueView | None
    documents: tuple[tuple[str, str], ...]  # (id, citation line)
    sources: tuple[tuple[str, str], ...]  # (id, citation)
    household: str | None = None  # character id of the household played
    finished: bool = False
    ending: dict[str, float] | None = None  # the ending axes (views.AXES), more is better on each
    assignment_title: str | None = None
    game_id: str | None = None
    origin: str | None = None
    started: str | None = None
    season_times: tuple[str, ...] = ()
    signature: str | None = None  # the key id a signed save names
    charts: tuple = field(default_factory=tuple)  # Chart, for the HTML report
    seasons: int = 0  # seasons played
    debrief: object | None = None  # debrief.Debrief: choice or luck (issue 14), once a season is played


def reached(session: Session) -> str:
    """The last season played: 'Autumn 1955', 'Epilogue', or 'not started'."""
    if session.finished:
        return "Epilogue"
    return season_label(len(session.logs) - 1) if session.logs else "not started"


def build(path: Path, assets: Path | None = None, assignment: Assignment | None = None) -> Report:
    """Replay and verify a save (or the save inside a report), and gather what a report shows."""
    from game.session.handin import open_handin

    handin = open_handin(Path(path), assets)
    verdict = handin.verdict
    if verdict.session is None:
        raise saves.SaveError(verdict.message)
    if assignment is None:
        assignment = handin.assignment or find_assignment(verdict.session.setup, Path(path).parent, assets)
    return from_session(verdict.session, verdict.ok, verdict_text(verdict, handin.label), assignment, verdict.save_file)


def find_assignment(setup: GameSetup, folder: Path, assets: Path | None = None) -> Assignment | None:
    """The assignment a game names, if the game can find its file (bundled, or beside the save)."""
    if not setup.assignment:
        return None
    from game.session.start import Starter

    found = Starter(folder, assets).find_assignment(setup.assignment, setup.assignment_hash)
    return found if found is not None and belongs(found, setup) else None


def belongs(assignment: Assignment, setup: GameSetup) -> bool:
    """True if ``assignment`` is the one the game was played for: by content hash when the save
    has one, by code for a game started by code, by id for older saves."""
    if setup.assignment_hash is not None:
        return not assignment.from_code and content_hash(assignment) == setup.assignment_hash
    if setup.assignment and setup.assignment.startswith("code-"):
        if assignment.id == setup.assignment:
            return True
        try:
            return same_assignment(decode(setup.assignment.removeprefix("code-")), assignment)
        except AssignmentError:
            return False
    return assignment.id == setup.assignment


def verdict_text(verdict: saves.Verdict, label: str = "the save") -> str:
    """The verdict in words that do not depend on the file's name (``label`` is the name the
    verdict was made with)."""
    if verdict.ok and verdict.session is not None:
        s = verdict.session
        return (f"every season replayed to its recorded digest and the seal matches "
                f"({s.label}, {len(s.actions)} actions, {len(s.digests)} seasons).")
    return verdict.message.removeprefix(f"{label}: ")


def from_session(session: Session, verified: bool, verdict: str, assignment: Assignment | None = None,
                 save_file: saves.SaveFile | None = None) -> Report:
    setup = session.setup
    traced = trace(session)
    decisions = tuple((season_label(t) if t < N_SEASONS else "Epilogue", text)
                      for t, text in changes(session, traced.forms if setup.role == "peasant" else None))
    answers = []
    if assignment is not None and assignment.questions:
        for q in assignment.questions:
            answers.append((f"{q.when[:1].upper()}{q.when[1:]}: {q.text}", session.answers.get(q.id, "(not answered)")))
        known = {q.id for q in assignment.questions}
        answers += [(f"Question {q!r} (not in the assignment)", text) for q, text in session.answers.items() if q not in known]
    else:
        answers = [(f"Question {q!r} (its text is in the assignment file, which was not found)", text)
                   for q, text in session.answers.items()]
    cited: set[str] = set()
    for passage_id in session.seen:
        passage = session.bundle.passage(passage_id)
        if passage is not None:
            cited.update(passage.sources)
    documents = []
    for doc_id in session.documents:
        doc = session.bundle.documents.get(doc_id)
        if doc is not None:
            documents.append((doc_id, f"{doc.author}, \"{doc.title}\" ({doc.date}). {doc.provenance}"))
            cited.update(doc.sources)
    sources = tuple((sid, session.bundle.sources[sid].citation) for sid in sorted(cited) if sid in session.bundle.sources)
    who = session.names[session.household] if session.household is not None else "the township Party secretary"
    series = {key: tuple(log.indicators[key] for log in session.logs) for key in ("coop_share", "grain_per_person", "animals", "trust")}
    times = tuple(a.at for _, a in session.actions if isinstance(a, EndSeason) and a.at)
    signature = save_file.signature.get("key") if save_file is not None and save_file.signature else None
    return Report(verified, verdict, setup.player, setup.role, who, setup.scenario, setup.seed, setup.assignment,
                  reached(session), decisions, series, tuple(answers),
                  views.epilogue(session) if session.finished else None, tuple(documents), sources,
                  setup.household if setup.role == "peasant" else None, session.finished, views.ending_axes(session),
                  assignment.title if assignment is not None else None, setup.game_id, setup.origin, setup.started,
                  times, signature, tuple(charts(session, traced)), len(session.logs),
                  debrief.debrief(session) if session.logs else None)


def to_json(report: Report) -> str:
    """The report's facts and the game's ending axes as one JSON object, in the names the strategy
    audit uses (``hightide audit``), so that games played by any means can be audited alike."""
    return json.dumps({
        "player": report.player, "role": report.role, "household": report.household, "scenario": report.scenario,
        "seed": report.seed, "assignment": report.assignment, "verified": report.verified, "reached": report.reached,
        "finished": report.finished, "axes": {k: round(v, 3) for k, v in (report.ending or {}).items()},
        "answers": [{"question": q, "answer": a} for q, a in report.answers],
        "game_id": report.game_id, "origin": report.origin, "started": report.started,
        "season_times": list(report.season_times),
        "debrief": debrief.to_json(report.debrief) if report.debrief is not None else None,
    }, ensure_ascii=False)


def facts(report: Report) -> list[str]:
    """The report's header lines, the same in Markdown and HTML."""
    out = [f"Role: {report.role} ({report.who})", f"Scenario: {report.scenario}, seed {report.seed}",
           "Assignment: " + (f"{report.assignment_title} ({report.assignment})" if report.assignment_title
                             else report.assignment or "none"),
           f"Season reached: {report.reached}" + ("" if report.finished else f" ({report.seasons} of {N_SEASONS} seasons played)")]
    if report.origin:
        out.append("This is a BRANCH of a game (one decision changed), not a student's own game.")
    if report.game_id:
        out.append(f"Game {report.game_id}, started {when(report.started)}")
        task = time_on_task(report.started, list(report.season_times))
        if task is not None and report.season_times:
            minutes, sittings = task
            out.append(f"{len(report.season_times)} season(s) ended between {when(report.season_times[0])} and "
                       f"{when(report.season_times[-1])}, in {sittings} sitting(s); about {minutes} minutes between "
                       f"season ends (a gap of more than {BREAK_MINUTES} minutes counts as a break)")
    else:
        out.append("No game id or times: the save was written by an older version of High Tide or by a script")
    if report.signature:
        out.append(f"Signed with key {report.signature}: hightide verify checks the signature where the key is")
    return out


def markdown(report: Report) -> str:
    out = [f"# High Tide report: {report.player}", ""]
    out.append(f"**Save {'verified' if report.verified else 'NOT verified'}**: {report.verdict}")
    out += [""] + [f"- {line}" for line in facts(report)] + [""]
    if report.answers:
        out += ["## Answers", ""]
        for question, answer in report.answers:
            out += [f"**{question}**", "", answer, ""]
    out += ["## Decisions (what changed)", ""] + ([f"- {season}: {text}" for season, text in report.decisions]
                                                 or ["- no decision changed anything"]) + [""]
    out += ["## Outcomes", "", "| season | " + " | ".join(label for _, label, _ in TABLE) + " |",
            "|---|" + "---|" * len(TABLE)]
    for t in range(len(report.series["coop_share"])):
        cells = [f"{report.series[k][t]:.0%}" if pct else f"{report.series[k][t]:,.0f}" for k, _, pct in TABLE]
        out.append(f"| {season_label(t)} | " + " | ".join(cells) + " |")
    out.append("")
    if report.epilogue is not None:
        out += ["## Epilogue", ""] + [f"- **{a.name}**: {a.verdict}. {a.detail}" for a in report.epilogue.axes] + [""]
        out += ["## Against the historical record", ""] + [f"- {line}" for line in report.epilogue.record] + [""]
    if report.debrief is not None:
        out += ["## Choice or luck?", "", "```"] + debrief.lines(report.debrief, 78, "SAVE") + ["```", ""]
    out += ["## Documents met", ""] + ([f"- {line}" for _, line in report.documents] or ["- none"]) + [""]
    out += ["## Sources (bibliography)", ""] + [f"- [{sid}] {citation}" for sid, citation in report.sources] + [""]
    return "\n".join(out)


TABLE = (("coop_share", "Households in co-ops", True), ("grain_per_person", "Grain eaten per person (jin a year)", False),
         ("animals", "Draught animals", False), ("trust", "Trust in the co-op and cadres", True))


# ------------------------------------------------------------------ charts
@dataclass(frozen=True)
class Line:
    label: str
    values: tuple[float | None, ...]
    colour: str
    dash: str = ""  # an SVG dash pattern: lines differ in print without colour too


@dataclass(frozen=True)
class Chart:
    title: str
    unit: str  # for the axis: "%" or "jin a year" or "head"
    lines: tuple[Line, ...]
    percent: bool = False
    band: tuple[bool, ...] = ()  # seasons shaded (the household in a co-op)
    band_label: str = ""
    axis: str = ""  # the y axis's label (default: the unit)


INK, VILLAGE, OTHER, CHINA, GREY = "#111", "#1f5fa8", "#b35900", "#6a3d9a", "#888"


def charts(session: Session, traced: Trace | None = None) -> list[Chart]:
    """The report's four charts: for a household, the household beside the village; for the
    cadre, the village beside the county; the village's co-op share beside China's."""
    logs = session.logs
    h = session.household
    from game.content.national import national_record

    record = national_record(session.assets)
    county = lambda key: tuple(log.county[key] for log in logs)  # noqa: E731
    village = lambda key: tuple(log.indicators[key] for log in logs)  # noqa: E731
    china = Line("China (national record)", tuple(record.coop[: len(logs)]), CHINA, "2 3")
    out = []
    if h is not None:
        band = tuple(int(log.forms[h]) >= LOWER for log in logs)
        out.append(Chart("Households in co-ops", "%", (Line("Liudu (your village)", village("coop_share"), VILLAGE), china),
                         True, band, "your family in a co-op", "share of households"))
        out.append(Chart("Grain eaten per person", "jin a year", (
            Line("your family", tuple(float(log.flows["eaten_per_person"][h]) for log in logs), OTHER),
            Line("village average", village("grain_per_person"), VILLAGE, "6 3"),
            Line("survival line", (float(session.params.survival),) * len(logs), GREY, "2 2"))))
        out.append(Chart("Draught animals in the village", "head", (
            Line("Liudu", village("animals"), VILLAGE), Line("county average village", county("animals"), OTHER, "6 3"))))
        trust = traced.trust if traced is not None else []
        lines = (Line("your family", tuple(trust), OTHER),) if len(trust) == len(logs) else ()
        out.append(Chart("Trust in the co-op and cadres", "%", lines + (Line("village average", village("trust"), VILLAGE, "6 3"),),
                         True, axis="trust (0 to 100%)"))
    else:
        out.append(Chart("Households in co-ops", "%", (
            Line("Liudu", village("coop_share"), VILLAGE), Line("county average", county("coop_share"), OTHER, "6 3"), china),
            True, axis="share of households"))
        out.append(Chart("Grain eaten per person", "jin a year", (
            Line("Liudu", village("grain_per_person"), VILLAGE), Line("county average", county("grain_per_person"), OTHER, "6 3"),
            Line("survival line", (float(session.params.survival),) * len(logs), GREY, "2 2"))))
        out.append(Chart("Draught animals in the village", "head", (
            Line("Liudu", village("animals"), VILLAGE), Line("county average village", county("animals"), OTHER, "6 3"))))
        out.append(Chart("Trust in the co-op and cadres", "%", (
            Line("Liudu", village("trust"), VILLAGE), Line("county average", county("trust"), OTHER, "6 3")), True,
            axis="trust (0 to 100%)"))
    return out


def _nice(top: float) -> tuple[float, float]:
    """A round axis maximum at or above ``top`` and its tick step."""
    if top <= 0:
        return 1.0, 0.25
    magnitude = 10 ** len(str(int(top))) / 10
    for step in (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0):
        s = step * magnitude
        if top / s <= 5:
            return s * -(-top // s), s
    return top, top / 4


def _fmt(value: float, percent: bool) -> str:
    return f"{value:.0%}" if percent else f"{value:,.0f}"


def svg(chart: Chart, width: int = 400, height: int = 230) -> str:
    """A line chart with both axes, ticks and units, the 31 July 1955 line and a legend."""
    e = html.escape
    left, right, top_pad, bottom = 52, 12, 26, 34 + 14 * ((len(chart.lines) + (1 if chart.band else 0) + 1) // 2)
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    values = [v for line in chart.lines for v in line.values if v is not None]
    if chart.percent:
        top, step = 1.0, 0.25
    else:
        top, step = _nice(max(values + [1.0]) * 1.05)
    x = lambda t: left + plot_w * t / (N_SEASONS - 1)  # noqa: E731
    y = lambda v: top_pad + plot_h * (1 - min(max(v / top, 0.0), 1.0))  # noqa: E731
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="{e(chart.title)} ({e(chart.unit)}), spring 1953 to winter 1956">',
           f"<title>{e(chart.title)} ({e(chart.unit)})</title>",
           f'<text x="{left}" y="14" font-size="12" font-weight="bold" fill="{INK}">{e(chart.title)}</text>']
    for t, shaded in enumerate(chart.band):
        if shaded:
            x0, x1 = max(left, x(t - 0.5)), min(left + plot_w, x(t + 0.5))
            out.append(f'<rect x="{x0:.1f}" y="{top_pad}" width="{x1 - x0:.1f}" height="{plot_h}" fill="#e3ecd8"/>')
    tick = 0.0
    while tick <= top + 1e-9:
        yy = y(tick)
        out.append(f'<line x1="{left}" y1="{yy:.1f}" x2="{left + plot_w}" y2="{yy:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 4}" y="{yy + 3:.1f}" font-size="10" text-anchor="end" fill="{INK}">{_fmt(tick, chart.percent)}</text>')
        tick += step
    unit = chart.axis or chart.unit
    out.append(f'<text x="11" y="{top_pad + plot_h / 2:.1f}" font-size="10" text-anchor="middle" fill="{INK}" '
               f'transform="rotate(-90 11 {top_pad + plot_h / 2:.1f})">{e(unit)}</text>')
    out.append(f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + plot_h}" stroke="{INK}"/>')
    out.append(f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" stroke="{INK}"/>')
    for t in range(N_SEASONS):
        long = t % 4 == 0
        out.append(f'<line x1="{x(t):.1f}" y1="{top_pad + plot_h}" x2="{x(t):.1f}" y2="{top_pad + plot_h + (5 if long else 3)}" '
                   f'stroke="{INK}"/>')
        if long:
            out.append(f'<text x="{x(t):.1f}" y="{top_pad + plot_h + 15}" font-size="10" fill="{INK}">'
                       f'spring {1953 + t // 4}</text>')
    d = x(DIRECTIVE_SEASON - 0.5)  # the speech fell in summer 1955
    out.append(f'<line x1="{d:.1f}" y1="{top_pad}" x2="{d:.1f}" y2="{top_pad + plot_h}" stroke="#b00" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{d + 3:.1f}" y="{top_pad + 9}" font-size="9" fill="#b00">31 July 1955</text>')
    for line in chart.lines:
        points = [(x(t), y(v)) for t, v in enumerate(line.values) if v is not None]
        if not points:
            continue
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(f'<polyline fill="none" stroke="{line.colour}" stroke-width="2"{dash} points="{path}"/>')
    legend = [(line.label, line.colour, line.dash, False) for line in chart.lines]
    if chart.band:
        legend.append((chart.band_label, "#e3ecd8", "", True))
    for i, (label, colour, dash, box) in enumerate(legend):
        lx = left + (i % 2) * (plot_w / 2)
        ly = top_pad + plot_h + 30 + 14 * (i // 2)
        if box:
            out.append(f'<rect x="{lx:.1f}" y="{ly - 8}" width="18" height="9" fill="{colour}"/>')
        else:
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<line x1="{lx:.1f}" y1="{ly - 4}" x2="{lx + 18:.1f}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"{dashed}/>')
        out.append(f'<text x="{lx + 22:.1f}" y="{ly}" font-size="10" fill="{INK}">{e(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def figure(chart: Chart) -> str:
    ends = []
    for line in chart.lines:
        last = next((v for v in reversed(line.values) if v is not None), None)
        if last is not None and line.label != "survival line":
            ends.append(f"{line.label} {_fmt(last, chart.percent)}")
    caption = f"{chart.title} ({chart.unit}), at the last season played: " + ", ".join(ends) + "."
    return f"<figure>{svg(chart)}<figcaption>{html.escape(caption)}</figcaption></figure>"


STYLE = ("body{font-family:Georgia,'Noto Serif',serif;max-width:52em;margin:2em auto;padding:0 1em;color:#111;line-height:1.4}"
         ".ok{color:#060}.bad{color:#900}.charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0;break-inside:avoid}"
         "figcaption{font-size:.85em;max-width:400px}svg{max-width:100%;height:auto}"
         ".report table{border-collapse:collapse;font-size:.9em}.report td,.report th{border:1px solid #bbb;padding:.15em .4em;"
         "text-align:right}.report th:first-child,.report td:first-child{text-align:left}"
         ".report .answer{white-space:pre-wrap;margin-left:1em}.report h3{font-size:1em}"
         "@media print{body{max-width:none;margin:0;font-size:10.5pt}.report{break-after:page}"
         "h2{break-after:avoid}figure,li,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}")


def html_body(report: Report) -> str:
    """The report as an HTML fragment (one ``<section class="report">``; the class page reuses it)."""
    e = html.escape
    body = [f'<section class="report"><h1>High Tide report: {e(report.player)}</h1>',
            f"<p class=\"{'ok' if report.verified else 'bad'}\"><strong>Save {'verified' if report.verified else 'NOT verified'}"
            f"</strong>: {e(report.verdict)}</p>",
            "<ul>" + "".join(f"<li>{e(x)}</li>" for x in facts(report)) + "</ul>"]
    if report.answers:
        body.append("<h2>Answers</h2>" + "".join(f"<h3>{e(q)}</h3><p class=\"answer\">{e(a)}</p>" for q, a in report.answers))
    body.append("<h2>Decisions (what changed)</h2><ol>" + ("".join(f"<li><b>{e(s)}</b>: {e(t)}</li>" for s, t in report.decisions)
                                                           or "<li>no decision changed anything</li>") + "</ol>")
    body.append("<h2>Outcomes</h2><div class=\"charts\">" + "".join(figure(c) for c in report.charts) + "</div>")
    rows = "".join(f"<tr><td>{season_label(t)}</td>" + "".join(
        f"<td>{report.series[k][t]:.0%}</td>" if pct else f"<td>{report.series[k][t]:,.0f}</td>" for k, _, pct in TABLE) + "</tr>"
        for t in range(len(report.series["coop_share"])))
    body.append("<details><summary>The numbers, season by season</summary><table><tr><th>season</th>"
                + "".join(f"<th>{e(label)}</th>" for _, label, _ in TABLE) + f"</tr>{rows}</table></details>")
    if report.epilogue is not None:
        body.append("<h2>Epilogue</h2><ul>" + "".join(f"<li><b>{e(a.name)}</b>: {e(a.verdict)}. {e(a.detail)}</li>"
                                                      for a in report.epilogue.axes) + "</ul>")
        body.append("<h2>Against the historical record</h2><ul>" + "".join(f"<li>{e(x)}</li>" for x in report.epilogue.record) + "</ul>")
    if report.debrief is not None:
        body.append(debrief_html(report.debrief))
    body.append("<h2>Documents met</h2><ul>" + ("".join(f"<li>{e(line)}</li>" for _, line in report.documents) or "<li>none</li>") + "</ul>")
    body.append("<h2>Sources (bibliography)</h2><ul>" + "".join(f"<li>[{e(s)}] {e(c)}</li>" for s, c in report.sources) + "</ul>")
    body.append("</section>")
    return "".join(body)


def debrief_html(result) -> str:
    """Choice or luck (issue 14): the comparison's histograms and the ranked decisions and luck."""
    e = html.escape
    out = [f"<h2>Choice or luck?</h2><p>Your choices, played again in {result.villages:,} other villages (other weather, "
           f"other neighbours). {e(result.sentence())}</p><div class=\"charts\">"]
    for dist in result.distributions.values():
        out.append(f"<figure>{debrief.svg(dist)}<figcaption>{e(dist.label)}: yours {e(debrief.amount(dist.unit, dist.actual))}, "
                   f"as good as or better than {dist.percentile:.0f}% of the villages</figcaption></figure>")
    out.append("</div><h3>What each of your decisions changed</h3><p><small>The same game with that one decision left "
               "to its default, under the same weather and luck: your ending minus that game's. "
               "<code>hightide branch</code> with the action shown plays that game.</small></p><ol>")
    top = result.top()
    out += [f"<li><b>{e(x.label)}</b>: {e(debrief.effect_words(x, result.role))}"
            + (f" <small>(branch action: <code>{e(x.branch_action)}</code>)</small>" if x.branch_action else "") + "</li>"
            for x in top] or ["<li>None of your decisions changed the ending.</li>"]
    out.append("</ol><h3>The largest pieces of luck</h3><ul>")
    out += [f"<li><b>{e(x.label)}</b>: {e(debrief.effect_words(x, result.role))} (against a normal harvest)</li>"
            for x in result.top_luck()]
    share = debrief.choice_share(result)
    out.append(f"</ul><p>Measured one at a time, {share:.0%} of what moved your ending was your own decisions and "
               f"{1 - share:.0%} the weather of the harvests.</p>")
    return "".join(out)


def to_html(report: Report, embed: dict | None = None) -> str:
    """The whole page; with ``embed`` (``embedded``), the save and assignment it was made from."""
    e = html.escape
    block = ""
    if embed is not None:
        # inside <script> only "</" could end the element early: JSON may write it as "<\/"
        text = json.dumps(embed, ensure_ascii=True, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
        block = f'<script type="application/json" id="{EMBED_ID}">{text}</script>'
    note = ("<p class=\"note\"><small>This page holds the save it was made from; <code>hightide verify</code> on this file "
            "replays the game and checks that not a word of the page was changed.</small></p>") if embed is not None else ""
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>High Tide report: {e(report.player)}</title>"
            f"<style>{STYLE}</style></head><body>{html_body(report)}{note}{block}</body></html>\n")


# ------------------------------------------------------------------ the hand-in
def embedded(save_file: saves.SaveFile, assignment: Assignment | None) -> dict:
    return {"report": REPORT_FORMAT, "renderer": renderer(), "save": save_file.raw,
            "assignment": canonical(assignment) if assignment is not None else None}


def for_handin(save_file: saves.SaveFile, assignment: Assignment | None,
               assets: Path | None = None) -> tuple[Report, dict]:
    """The report a parsed save makes (the assignment only if it is the save's own), and what its
    HTML page embeds. SaveError if the save cannot even be opened."""
    if assignment is not None and not belongs(assignment, save_file.setup):
        assignment = None
    verdict = saves.check(save_file, "the save", assets)
    if verdict.session is None:
        raise saves.SaveError(verdict.message)
    built = from_session(verdict.session, verdict.ok, verdict_text(verdict), assignment, save_file)
    return built, embedded(save_file, assignment)


def handin_html(save_file: saves.SaveFile, assignment: Assignment | None, assets: Path | None = None) -> str:
    """The HTML hand-in for a parsed save: the report made from it, with it embedded."""
    return to_html(*for_handin(save_file, assignment, assets))


_BLOCK = re.compile(r'<script type="application/json" id="' + EMBED_ID + r'">(.*?)</script>', re.S)


def extract(text: str, label: str) -> dict:
    """The embedded block of a report's text; SaveError if there is none or it is not readable."""
    from game.reader import MAX_DEPTH, ReadError, depth

    found = _BLOCK.findall(text)
    if len(found) != 1:
        raise saves.SaveError(f"{label} is not a High Tide report with a save inside it "
                              "(reports from before the save was embedded cannot be checked); hand in the save.")
    try:
        data = json.loads(found[0])
    except (ValueError, RecursionError):
        raise saves.SaveError(f"{label}: the save inside the report is damaged.") from None
    try:
        if depth(data) > MAX_DEPTH:
            raise ReadError("too deep")
    except ReadError:
        raise saves.SaveError(f"{label}: the save inside the report is damaged.") from None
    if not isinstance(data, dict) or not isinstance(data.get("save"), dict):
        raise saves.SaveError(f"{label}: the save inside the report is damaged.")
    return data


def read_embedded(data: dict, label: str, assets: Path | None) -> tuple[saves.SaveFile, Assignment | None]:
    """The save and the assignment a report embeds, type-checked (SaveError with one sentence)."""
    from game.paths import assets_dir

    save_file = saves.parse(data["save"], f"the save inside {label}")
    assignment = None
    if data.get("assignment") is not None:
        try:
            assignment = parse_assignment(data["assignment"], f"the assignment inside {label}", assets or assets_dir())
        except AssignmentError as error:
            raise saves.SaveError(str(error)) from None
        if not belongs(assignment, save_file.setup):
            raise saves.SaveError(f"{label}: the questions inside the report are not those of the save's assignment "
                                  "(the report was edited).")
    return save_file, assignment


MATCHES, EDITED, OTHER_VERSION = "matches", "edited", "other version"


def check_html(text: str, label: str, assets: Path | None = None) -> tuple[saves.Verdict, Assignment | None, str | None]:
    """Check a report: its save replays and verifies, and the page is exactly the one its save
    and assignment make. Returns the verdict (not ok if the page was edited), the assignment it
    embeds and what became of the page: MATCHES, EDITED, OTHER_VERSION (written by other code:
    the save inside verified, the words could not be compared) or None (the save failed)."""
    data = extract(text, label)
    save_file, assignment = read_embedded(data, label, assets)
    verdict = saves.check(save_file, label, assets)
    if not verdict.ok:
        return verdict, assignment, None
    if data.get("report") != REPORT_FORMAT or data.get("renderer") != renderer():
        return saves.Verdict(True, f"{label}: the save inside verified ({verdict.session.label}), but the page was written "
                             "by another version of High Tide, so its words could not be compared with the save; "
                             "read the save's own report (hightide report FILE --format html).",
                             None, verdict.session, save_file), assignment, OTHER_VERSION
    if handin_html(save_file, assignment, assets).rstrip() != text.rstrip():  # a final newline is not an edit
        return saves.Verdict(False, f"{label}: the report was edited after it was written (its page does not match "
                             "the save inside it).", None, verdict.session, save_file), assignment, EDITED
    return saves.Verdict(True, f"{label}: verified report ({verdict.session.label}, {len(save_file.actions)} actions, "
                         f"{len(verdict.session.digests)} seasons; the page matches the save inside it).",
                         None, verdict.session, save_file), assignment, MATCHES


def write_beside(session: Session, autosave: Path, questions: dict[str, str] | None = None,
                 assignment: Assignment | None = None) -> tuple[Path, Path]:
    """An assignment game played to the end: its report as Markdown and HTML beside its autosave
    (``name.report.md`` and ``name.report.html``, the hand-in: it embeds the save as written in
    ``autosave``); returns both paths. Raises SaveError."""
    from game.paths import AUTOSAVE_SUFFIX

    save_file = saves.read(autosave)
    if assignment is None and questions:
        assignment = find_assignment(session.setup, autosave.parent, session.assets)
    stem = autosave.name.removesuffix(AUTOSAVE_SUFFIX)
    md, page = autosave.with_name(f"{stem}.report.md"), autosave.with_name(f"{stem}.report.html")
    built, embed = for_handin(save_file, assignment, session.assets)
    saves.write_atomic(md, markdown(built))
    saves.write_atomic(page, to_html(built, embed))
    return md, page
