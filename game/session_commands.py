"""``hightide verify``, ``replay --plain``, ``branch``, ``compare``, ``report``, ``class`` and
``code``: the replayer's and the teacher's tools on the command line. Every failure is one
sentence and a non-zero exit. Everything printed goes through ``say``, which shows control
characters from names, answers and file names as escapes. Never imports textual.
"""

from __future__ import annotations

from pathlib import Path

from game.session import saves, views
from game.session.actions import ActionError, EndSeason, parse_action
from game.session.replay import Replay, compare
from game.sim.params import SEASONS, season_index, season_label
from game.typed import NumberError, parse_whole, quote, visible


def say(text: object = "") -> None:
    """Print to the terminal with control characters made visible (line breaks kept)."""
    print(visible(text, keep_newlines=True))


def run_command(args) -> int:
    return {"verify": _verify, "replay": _replay, "branch": _branch, "compare": _compare, "report": _report,
            "class": _class, "code": _code}[args.command](args)


def _report(args) -> int:
    from game.paths import assets_dir
    from game.session import report
    from game.session.assignment import load_assignment

    questions = {}
    if args.assignment:
        questions = {q.id: q.text for q in load_assignment(Path(args.assignment), assets_dir()).questions}
    built = report.build(Path(args.save), questions=questions)
    text = {"md": report.markdown, "html": report.to_html, "json": report.to_json}[args.format](built)
    if args.out:
        saves.write_atomic(Path(args.out), text)
        say(f"Report written to {args.out} ({'verified' if built.verified else 'NOT verified'}).")
    else:
        say(text)
    return 0 if built.verified else 1


def _class(args) -> int:
    from game.paths import assets_dir
    from game.session import classtable
    from game.session.assignment import load_assignment

    folder = Path(args.folder)
    if not folder.is_dir():
        raise ActionError(f"{folder} is not a folder of saves")
    assignment = load_assignment(Path(args.assignment), assets_dir())
    rows = classtable.rows_for(folder, assignment)
    out = Path(args.out) if args.out else folder
    saves.write_atomic(out / "class-table.csv", classtable.to_csv(rows))
    saves.write_atomic(out / "class-table.md", classtable.to_markdown(rows, assignment))
    say(classtable.to_text(rows))
    say(f"Written: {out / 'class-table.csv'} and {out / 'class-table.md'}")
    return 0


def _code(args) -> int:
    from game.paths import assets_dir
    from game.session.assignment import encode, load_assignment

    assignment = load_assignment(Path(args.assignment), assets_dir())
    say(f"{encode(assignment)}  (scenario {assignment.scenario}, role {assignment.role}, seed {assignment.seed}; "
          "questions and instructions are only in the file)")
    return 0


def _verify(args) -> int:
    failed = 0
    for name in args.saves_to_check:
        verdict = saves.verify(Path(name))
        say(("ok     " if verdict.ok else "FAILED ") + verdict.message)
        failed += not verdict.ok
    return 1 if failed else 0


def _replay(args) -> int:
    replay = Replay(Path(args.save))
    if not args.plain:
        from game.ui.app import main as ui_main

        return ui_main(args)
    session = replay.session_at(0)
    setup = session.setup
    who = session.names[session.household] if session.household is not None else "the township Party secretary"
    say(f"{setup.player} played {who} in {session.scenario.village} (scenario {setup.scenario}, seed {setup.seed}).")
    for t in range(replay.seasons):
        say(f"\n=== {season_label(t)} ===")
        say(views.status(session).sentence())
        for action in replay.actions_in(t):
            session.apply(action)
            say(f"- {action.describe()}")
        session.apply(EndSeason())
        for message in session.logs[-1].messages:
            say(message)
        ledger = views.ledger(session)
        if ledger is not None and ledger.harvest:
            say(" ".join(ledger.sentences()[:3]))
    if session.finished:
        e = views.epilogue(session)
        say("\n=== Epilogue ===")
        for axis in e.axes:
            say(f"{axis.name}: {axis.verdict}. {axis.detail}")
    return 0


def _season(text: str) -> int:
    """'autumn 1954', '1954 autumn' or a season number 0-15, as a season index."""
    words = text.replace("-", " ").split()
    try:
        if len(words) == 1:
            t = parse_whole(words[0], 0, 10**6)
        else:
            name, year = (words if words[0].isalpha() else words[::-1])
            if name.lower() not in SEASONS:
                raise ValueError(name)
            t = season_index(name.lower(), parse_whole(year, 0, 10**6))
    except (ValueError, IndexError, NumberError):
        raise ActionError(f"{quote(text, 40)} is not a season; write it like 'autumn 1954'") from None
    if not 0 <= t < 16:
        raise ActionError(f"{quote(text, 40)} is outside the game (spring 1953 to winter 1956)")
    return t


def _branch(args) -> int:
    replay = Replay(Path(args.save))
    t = _season(args.season)
    if t >= replay.seasons:
        raise ActionError(f"the save ends before {season_label(t)}")
    change = parse_action(args.action)
    session, skipped = replay.branch_with(t, change)
    out = Path(args.out) if args.out else Path(args.save).with_name(
        f"{Path(args.save).name.split('.')[0]}-branch-{SEASONS[t % 4]}-{1953 + t // 4}{saves.SUFFIX}")
    if out.resolve() == Path(args.save).resolve():
        raise ActionError("the branch must be saved under a new name, not over the original")
    saves.save(session, out, name=f"branch of {Path(args.save).name} at {season_label(t)}")
    say(f"Branched at {season_label(t)} with '{change.describe()}'; saved to {out}.")
    for line in skipped:
        say(f"  skipped: {line}")
    say(compare(replay.final, session, "original", "branch"))
    return 0


def _compare(args) -> int:
    a = saves.load(Path(args.a))
    b = saves.load(Path(args.b))
    say(compare(a, b, "A", "B"))
    return 0
