"""Line mode's renderings of the views the typed commands open (``game.session.commands``):
the same views the terminal UI shows as screens, here as plain sentences and short lists with
names instead of ids, for screen readers and scripts.

``render(command, session)`` returns the lines to print for a ``Command`` whose ``view`` is
set. Every string that came from a save (the player's name) is made visible by the printer
(``game.plain.Console``). Reads views only; never changes the game. Never imports textual.
"""

from __future__ import annotations

from game.session import views
from game.session.commands import Command, help_text
from game.session.game import Session
from game.sim.params import N_SEASONS


def render(command: Command, session: Session) -> list[str]:
    """The lines that show ``command.view`` (with its argument) for this session."""
    view, argument = command.view, command.argument
    return {
        "ledger": _ledger, "calculus": _calculus, "why": _why, "map": _map, "tide": _tide, "county": _county,
        "directive": _directive, "documents": _documents, "glossary": _glossary, "timeline": _timeline,
        "model": _model, "guide": _guide, "help": _help, "debrief": debrief_lines,
    }[view](session, argument)


def debrief_lines(session: Session, argument: str | None, width: int = 78) -> list[str]:
    """Choice or luck? (the ``compare`` command); ``argument`` is the save the branch commands name."""
    from game.session import debrief

    return debrief.lines(debrief.debrief(session), width, save=argument or "SAVE")


def _help(session: Session, _argument: str | None) -> list[str]:
    return ["At a list of choices, type the number of a choice; or type a command:", help_text(session.setup.role),
            "Numbers are typed with the digits 0-9."]


def _ledger(session: Session, _argument: str | None) -> list[str]:
    ledger = views.ledger(session)
    return ledger.sentences() if ledger else ["No season has ended yet."]


def _calculus(session: Session, argument: str | None) -> list[str]:
    index = int(argument) if argument is not None else None
    if index is None and session.household is None:
        return ["The secretary has no household of his own: type 'calculus N' for household N (see 'map')."]
    return [views.calculus(session, index).sentence()]


def _why(session: Session, argument: str | None) -> list[str]:
    w = views.why(session, argument or "coop_share")
    return [f"{w.label}: {w.value}."] + [f"  {cause}: {number}" for cause, number in w.causes]


def _map(session: Session, _argument: str | None) -> list[str]:
    m = views.village_map(session)
    lines = [f"The village, {m.label}: {len(m.cells)} households (number, name, class, form)."]
    for cell in m.cells:
        mark = " (you)" if cell.player else ""
        lines.append(f"  {cell.index + 1}. {cell.name}: {cell.social_class.replace('_', '-')}, {cell.form}{mark}")
    if m.paupers_warning():
        lines.append("Co-op members own far less land and fewer animals than independents: a paupers' co-op.")
    return lines


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _tide(session: Session, _argument: str | None) -> list[str]:
    tide = views.tide(session)
    lines = ["Households in co-ops, season by season: this village, the county, China (the historical record)."]
    for t in range(N_SEASONS):
        village = tide.village["coop_share"][t]
        if village is None and t >= len(session.logs) + 1:
            continue
        mark = " <- the directive of 31 July 1955" if t == tide.directive_t else ""
        lines.append(f"  {tide.labels[t]}: village {_share(village)}, county {_share(tide.county[t])}, "
                     f"China {_share(tide.national[t])}{mark}")
    return lines


def _county(session: Session, _argument: str | None) -> list[str]:
    county = views.county(session)
    shares = sorted(county.shares, reverse=True)
    lines = [f"The county, {county.label}: {len(county.shares)} villages; yours ranks {county.rank} of "
             f"{len(county.shares)} with {county.shares[0]:.0%} of households in co-ops (the county's target this "
             f"season: {county.target:.0%})."]
    if shares:
        lines.append(f"Highest village {shares[0]:.0%}, lowest {shares[-1]:.0%}, "
                     f"median {shares[len(shares) // 2]:.0%}.")
    if session.setup.role == "cadre":
        lines.append(f"Your standing with the county: {county.career:+.0f}.")
    return lines


def _directive(session: Session, _argument: str | None) -> list[str]:
    change = views.directive_change(session)
    return change.sentences() + change.explanation() if change else ["The July 1955 directive has not reached the village yet."]


def _documents(session: Session, argument: str | None) -> list[str]:
    from game.session.markup import to_text

    if argument:
        doc = session.bundle.documents.get(argument)
        if doc is None:
            return ["No such document; type 'documents' for the list."]
        sources = f" Sources: {', '.join(doc.sources)}." if doc.sources else ""
        return [f"{doc.title} ({doc.date}), {doc.author}.", f"{doc.provenance}{sources}", to_text(doc.body.strip())]
    order = views.document_order(session)
    met = set(session.documents)
    lines = [f"Documents: {len(met & set(order))} met in your game (marked *) of {len(order)}. "
             "Type 'read N' to read number N."]
    for n, doc_id in enumerate(order, 1):
        doc = session.bundle.documents[doc_id]
        lines.append(f"  {n:>2}. {'*' if doc_id in met else ' '} {doc.date[:7]} {doc.title}")
    return lines


def _glossary(session: Session, argument: str | None) -> list[str]:
    word = (argument or "").lower()
    hits = [g for g in session.bundle.glossary
            if not word or word in g.term.lower() or word in g.pinyin.lower() or word in g.hanzi]
    if not hits:
        return ["No glossary entry matches; type 'glossary' for every term."]
    shown = hits if word else hits[:60]
    return [f"{g.term} ({g.hanzi}, {g.pinyin}): {g.gloss}" for g in shown]


def _timeline(session: Session, _argument: str | None) -> list[str]:
    lines = ["Real events, 1950-1958:"]
    for entry in session.bundle.timeline:
        lines.append(f"  {entry.date}: {entry.title}." + (f" {entry.text.strip()}" if entry.text else ""))
    return lines


def _model(session: Session, _argument: str | None) -> list[str]:
    from game.simulate import model_card

    return [model_card(session.scenario)]


def _guide(session: Session, argument: str | None) -> list[str]:
    which = "teacher" if argument and argument.startswith("t") else "student"
    path = session.assets / "docs" / f"{which}-guide.md"
    from game.reader import CONTENT_LIMIT, ReadError, read_text

    try:
        return [read_text(path, CONTENT_LIMIT, "guide")]
    except ReadError as error:
        return [str(error)]

