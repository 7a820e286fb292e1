"""A student's report on a saved game, as Markdown or as one self-contained HTML file with
inline SVG charts (no network): who played, the assignment, every decision with its season,
the outcome indicators, the answers, the comparison with the historical record, the documents
and sources met, and whether the save verified. Never imports textual.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from game.session import saves, views
from game.session.actions import Answer, ChooseScene, EndSeason
from game.session.game import Session
from game.sim.params import DIRECTIVE_SEASON, N_SEASONS, season_label

CHARTS = (("coop_share", "Households in co-ops", True), ("grain_per_person", "Grain eaten per person (jin a year)", False),
          ("animals", "Draught animals", False), ("trust", "Trust", True))


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
    reached: str
    decisions: tuple[tuple[str, str], ...]  # (season, what was done)
    series: dict[str, tuple[float, ...]]
    answers: tuple[tuple[str, str], ...]
    epilogue: views.EpilogueView | None
    documents: tuple[tuple[str, str], ...]  # (id, citation line)
    sources: tuple[tuple[str, str], ...]  # (id, citation)
    household: str | None = None  # character id of the household played
    finished: bool = False
    ending: dict[str, float] | None = None  # the ending axes (views.AXES), more is better on each


def describe(session: Session, action) -> str:
    """An action in words; a scene choice by its scene title and option label."""
    if isinstance(action, ChooseScene):
        passage = session.bundle.passage(action.scene)
        if passage is not None and 0 <= action.choice < len(passage.choices):
            return f"{passage.title}: \"{passage.choices[action.choice].label}\""
    return action.describe()


def build(path: Path, assets: Path | None = None, questions: dict[str, str] | None = None) -> Report:
    """Replay and verify a save, and gather everything a report shows."""
    verdict = saves.verify(Path(path), assets)
    session = verdict.session
    if session is None:
        raise saves.SaveError(verdict.message)
    return from_session(session, verdict.ok, verdict.message, questions)


def from_session(session: Session, verified: bool, verdict: str, questions: dict[str, str] | None = None) -> Report:
    decisions = []
    for t, action in session.actions:
        if isinstance(action, (EndSeason, Answer)):
            continue
        label = season_label(t) if t < N_SEASONS else "Epilogue"
        decisions.append((label, describe(session, action)))
    series = {key: tuple(log.indicators[key] for log in session.logs) for key, _, _ in CHARTS}
    questions = questions or {}
    answers = tuple((questions.get(q, q), text) for q, text in session.answers.items())
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
    setup = session.setup
    who = session.names[session.household] if session.household is not None else "the township Party secretary"
    return Report(verified, verdict, setup.player, setup.role, who, setup.scenario, setup.seed, setup.assignment,
                  session.label, tuple(decisions), series, answers, views.epilogue(session) if session.finished else None,
                  tuple(documents), sources, setup.household if setup.role == "peasant" else None, session.finished,
                  views.ending_axes(session))


def to_json(report: Report) -> str:
    """The report's facts and the game's ending axes as one JSON object, in the names the strategy
    audit uses (``hightide audit``), so that games played by any means can be audited alike."""
    import json

    return json.dumps({
        "player": report.player, "role": report.role, "household": report.household, "scenario": report.scenario,
        "seed": report.seed, "assignment": report.assignment, "verified": report.verified, "reached": report.reached,
        "finished": report.finished, "axes": {k: round(v, 3) for k, v in (report.ending or {}).items()},
        "answers": [{"question": q, "answer": a} for q, a in report.answers],
    }, ensure_ascii=False)


def markdown(report: Report) -> str:
    out = [f"# High Tide report: {report.player}", ""]
    out.append(f"**Save {'verified' if report.verified else 'NOT verified'}**: {report.verdict}")
    out += ["", f"- Role: {report.role} ({report.who})", f"- Scenario: {report.scenario}, seed {report.seed}",
            f"- Assignment: {report.assignment or 'none'}", f"- Reached: {report.reached}", ""]
    out += ["## Decisions", ""] + [f"- {season}: {text}" for season, text in report.decisions] + [""]
    out += ["## Outcomes", "", "| season | " + " | ".join(label for _, label, _ in CHARTS) + " |",
            "|---|" + "---|" * len(CHARTS)]
    for t in range(len(report.series["coop_share"])):
        cells = [f"{report.series[k][t]:.0%}" if pct else f"{report.series[k][t]:,.0f}" for k, _, pct in CHARTS]
        out.append(f"| {season_label(t)} | " + " | ".join(cells) + " |")
    out.append("")
    if report.answers:
        out += ["## Answers", ""]
        for question, answer in report.answers:
            out += [f"**{question}**", "", answer, ""]
    if report.epilogue is not None:
        out += ["## Epilogue", ""] + [f"- **{a.name}**: {a.verdict}. {a.detail}" for a in report.epilogue.axes] + [""]
        out += ["## Against the historical record", ""] + [f"- {line}" for line in report.epilogue.record] + [""]
    out += ["## Documents met", ""] + ([f"- {line}" for _, line in report.documents] or ["- none"]) + [""]
    out += ["## Sources (bibliography)", ""] + [f"- [{sid}] {citation}" for sid, citation in report.sources] + [""]
    return "\n".join(out)


def _svg(values: tuple[float, ...], label: str, percent: bool) -> str:
    width, height, pad = 320, 110, 24
    if not values:
        return ""
    top = 1.0 if percent else max(max(values) * 1.1, 1.0)
    step = (width - 2 * pad) / (N_SEASONS - 1)
    points = " ".join(f"{pad + i * step:.1f},{height - pad - (v / top) * (height - 2 * pad):.1f}" for i, v in enumerate(values))
    directive = pad + DIRECTIVE_SEASON * step
    last = values[-1]
    shown = f"{last:.0%}" if percent else f"{last:,.0f}"
    return (f'<figure><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="{html.escape(label)}: {shown} at the end">'
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff" stroke="#999"/>'
            f'<line x1="{directive:.1f}" y1="{pad / 2}" x2="{directive:.1f}" y2="{height - pad}" stroke="#b00" stroke-dasharray="4 3"/>'
            f'<text x="{directive + 3:.1f}" y="{pad}" font-size="10" fill="#b00">31 July 1955</text>'
            f'<polyline fill="none" stroke="#036" stroke-width="2" points="{points}"/>'
            f'<text x="{pad}" y="{height - 6}" font-size="10">1953</text><text x="{width - pad - 20}" y="{height - 6}" font-size="10">1956</text>'
            f'</svg><figcaption>{html.escape(label)}: {shown} at the end</figcaption></figure>')


def to_html(report: Report) -> str:
    e = html.escape
    body = [f"<h1>High Tide report: {e(report.player)}</h1>",
            f"<p class=\"{'ok' if report.verified else 'bad'}\"><strong>Save {'verified' if report.verified else 'NOT verified'}</strong>: {e(report.verdict)}</p>",
            "<ul>" + "".join(f"<li>{e(x)}</li>" for x in (
                f"Role: {report.role} ({report.who})", f"Scenario: {report.scenario}, seed {report.seed}",
                f"Assignment: {report.assignment or 'none'}", f"Reached: {report.reached}")) + "</ul>",
            "<h2>Decisions</h2><ol>" + "".join(f"<li><b>{e(s)}</b>: {e(t)}</li>" for s, t in report.decisions) + "</ol>",
            "<h2>Outcomes</h2><div class=\"charts\">" + "".join(_svg(report.series[k], label, pct) for k, label, pct in CHARTS) + "</div>"]
    if report.answers:
        body.append("<h2>Answers</h2>" + "".join(f"<h3>{e(q)}</h3><p>{e(a)}</p>" for q, a in report.answers))
    if report.epilogue is not None:
        body.append("<h2>Epilogue</h2><ul>" + "".join(f"<li><b>{e(a.name)}</b>: {e(a.verdict)}. {e(a.detail)}</li>" for a in report.epilogue.axes) + "</ul>")
        body.append("<h2>Against the historical record</h2><ul>" + "".join(f"<li>{e(x)}</li>" for x in report.epilogue.record) + "</ul>")
    body.append("<h2>Documents met</h2><ul>" + ("".join(f"<li>{e(line)}</li>" for _, line in report.documents) or "<li>none</li>") + "</ul>")
    body.append("<h2>Sources (bibliography)</h2><ul>" + "".join(f"<li>[{e(s)}] {e(c)}</li>" for s, c in report.sources) + "</ul>")
    style = ("body{font-family:Georgia,serif;max-width:48em;margin:2em auto;padding:0 1em;color:#111}"
             ".ok{color:#060}.bad{color:#900}.charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}"
             "figcaption{font-size:.85em}")
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>High Tide report: {e(report.player)}</title>"
            f"<style>{style}</style></head><body>{''.join(body)}</body></html>")


def write_beside(session: Session, autosave: Path, questions: dict[str, str]) -> tuple[Path, Path]:
    """An assignment game played to the end: its report as Markdown and HTML beside its autosave
    (``name.report.md`` and ``name.report.html``); returns both paths. Raises SaveError."""
    from game.paths import AUTOSAVE_SUFFIX

    built = from_session(session, True, f"{autosave.name}: played to the end in this session.", questions)
    stem = autosave.name.removesuffix(AUTOSAVE_SUFFIX)
    md, page = autosave.with_name(f"{stem}.report.md"), autosave.with_name(f"{stem}.report.html")
    saves.write_atomic(md, markdown(built))
    saves.write_atomic(page, to_html(built))
    return md, page
