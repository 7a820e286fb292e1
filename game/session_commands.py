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


def _assignment_file(name: str | None):
    from game.paths import assets_dir
    from game.session.assignment import load_assignment

    return load_assignment(Path(name), assets_dir()) if name else None


def _report(args) -> int:
    from game.session import report
    from game.session.handin import open_handin

    assignment = _assignment_file(args.assignment)
    handin = open_handin(Path(args.save))
    verdict = handin.verdict
    if verdict.session is None or verdict.save_file is None:
        raise saves.SaveError(verdict.message)
    if assignment is None:
        assignment = handin.assignment or report.find_assignment(verdict.session.setup, Path(args.save).parent)
    elif not report.belongs(assignment, verdict.session.setup):
        say(f"Note: {Path(args.assignment).name} is not the assignment this game was played for "
            f"({verdict.session.setup.assignment or 'none'}); its questions are not shown.")
    built, embed = report.for_handin(verdict.save_file, assignment)
    if not verdict.ok:  # a report from a report that does not check says why
        built = report.from_session(verdict.session, False, report.verdict_text(verdict, handin.label),
                                    assignment if assignment is not None and report.belongs(assignment, verdict.session.setup)
                                    else None, verdict.save_file)
    text = {"md": report.markdown, "html": lambda b: report.to_html(b, embed if verdict.ok else None),
            "json": report.to_json}[args.format](built)
    if args.out:
        saves.write_atomic(Path(args.out), text)
        say(f"Report written to {args.out} ({'verified' if built.verified else 'NOT verified'}).")
    else:
        say(text)
    return 0 if built.verified else 1


def _class(args) -> int:
    from game.session import classtable, signing

    folder = Path(args.folder)
    if not folder.is_dir():
        raise ActionError(f"{quote(folder, 80)} is not a folder of saves")
    assignment = _assignment_file(args.assignment)
    try:
        key = signing.read_key(Path(args.key)) if args.key else signing.find(folder, levels=0)
    except signing.SigningError as error:
        raise ActionError(str(error).rstrip(".")) from None
    table = classtable.rows_for(folder, assignment, key=key)
    out = Path(args.out) if args.out else folder
    written = [out / "class-table.csv", out / "class-table.md"]
    saves.write_atomic(written[0], classtable.to_csv(table))
    saves.write_atomic(written[1], classtable.to_markdown(table))
    if args.format == "html":
        written.append(out / "class-table.html")
        saves.write_atomic(written[2], classtable.to_html(table))
    say(classtable.to_text(table))
    if key is not None and key.exposed():
        say(f"Warning: {key.exposed()}")
    say("Written: " + ", ".join(str(p) for p in written))
    return 0


def _code(args) -> int:
    from game.paths import assets_dir
    from game.session.assignment import encode, load_assignment

    assignment = load_assignment(Path(args.assignment), assets_dir())
    parts = [f"scenario {assignment.scenario}", f"role {assignment.role}", f"seed {assignment.seed}"]
    if assignment.household:
        parts.append(f"household {assignment.household}{' (locked)' if assignment.lock_household else ' (suggested)'}")
    if assignment.stop_after:
        parts.append("stops after " + ", ".join(season_label(t) for t in assignment.stop_after))
    parts.append(f"{len(assignment.questions)} question{'' if len(assignment.questions) == 1 else 's'}")
    say(f"{encode(assignment)}  ({', '.join(parts)})")
    say("A student who types the code gets the questions only where the game can find this file: it comes with the "
        "game, or it is in the saves folder (or the folder above it). Otherwise give students the file.")
    return 0


def _verify(args) -> int:
    from game.session import report, signing
    from game.session.handin import open_handin

    failed = 0
    for name in args.saves_to_check:
        path = Path(name)
        try:
            key = signing.find(path.parent, levels=1)
        except signing.SigningError as error:
            say(f"FAILED {error}")
            failed += 1
            continue
        handin = open_handin(path, key=key)
        ok = handin.verdict.ok and handin.signature_status != signing.BAD and handin.page != report.OTHER_VERSION
        line = ("ok     " if ok else "FAILED ") + handin.verdict.message
        if handin.signature is not None and (handin.signature_status != signing.UNSIGNED or key is not None):
            line += f" Signature: {handin.signature[1]}."
        say(line)
        failed += not ok
    return 1 if failed else 0


def _replay(args) -> int:
    replay = Replay(Path(args.save))
    if not args.plain:
        from game.ui.app import main as ui_main

        return ui_main(args)
    from game.session import report
    from game.session.actions import Answer

    session = replay.session_at(0)
    setup = session.setup
    who = session.names[session.household] if session.household is not None else "the township Party secretary"
    say(f"{setup.player} played {who} in {session.scenario.village} (scenario {setup.scenario}, seed {setup.seed}).")
    assignment = report.find_assignment(setup, Path(args.save).parent)
    texts = {q.id: q.text for q in assignment.questions} if assignment is not None else {}

    def said(action) -> str:
        if isinstance(action, Answer):
            return f"- answered \"{texts.get(action.question, action.question)}\": {action.text}"
        return f"- {views.describe_action(session, action)}"

    for t in range(replay.seasons):
        say(f"\n=== {season_label(t)} ===")
        say(views.status(session).sentence())
        for action in replay.actions_in(t):
            session.apply(action)
            say(said(action))
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
    later = [a for s, a in replay.save_file.actions if s >= replay.seasons]
    if later:  # answers given after the last season played
        say(f"\n=== {'At the epilogue' if session.finished else 'After ' + season_label(replay.seasons - 1)} ===")
        for action in later:
            say(said(action))
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


def branch_path(save: Path, t: int) -> Path:
    """Where ``hightide branch`` writes: next to the save, 'NAME.autumn-1954.branch.hightide.json'."""
    stem = save.name.removesuffix(saves.SUFFIX).removesuffix(".json")
    if stem.endswith(".autosave"):
        stem = stem.removesuffix(".autosave")
    return save.with_name(f"{stem}.{SEASONS[t % 4]}-{1953 + t // 4}{saves.BRANCH_SUFFIX}")


def _branch(args) -> int:
    replay = Replay(Path(args.save))
    t = _season(args.season)
    if t >= replay.seasons:
        raise ActionError(f"the save ends before {season_label(t)}")
    change = parse_action(args.action)
    session, skipped = replay.branch_with(t, change)
    out = Path(args.out) if args.out else branch_path(Path(args.save), t)
    if out.resolve() == Path(args.save).resolve():
        raise ActionError("the branch must be saved under a new name, not over the original")
    saves.save(session, out, name=f"branch of {Path(args.save).name} at {season_label(t)}")
    say(f"Branched at {season_label(t)} with '{change.describe()}'; saved to {out} (marked as a branch: a class "
        "table lists it apart and never counts it).")
    for line in skipped:
        say(f"  skipped: {line}")
    say(compare(replay.final, session, "original", "branch"))
    return 0


def _compare(args) -> int:
    a = saves.load(Path(args.a))
    b = saves.load(Path(args.b))
    say(compare(a, b))
    return 0
