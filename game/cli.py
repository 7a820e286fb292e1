"""The ``hightide`` command and its subcommands.

Every mistake a user can make (an unknown scenario, a bad number, a broken file) ends in one
clear sentence on stderr and a non-zero exit status, never a traceback. The Textual UI is
imported only when the player asks to play in a terminal.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from game import __version__
from game.typed import NumberError, one_line, parse_whole, quote

USAGE = {
    "play": "hightide play [--plain] [--scenario S] [--role peasant|cadre] [--household ID] [--seed N] [--name NAME] [--load SAVE]",
    "verify": "hightide verify SAVE...",
    "replay": "hightide replay SAVE [--plain]",
    "branch": "hightide branch SAVE --season 'autumn 1954' --action 'join lower' [--out FILE]",
    "compare": "hightide compare SAVE_A SAVE_B",
    "report": "hightide report SAVE --format md|html|json [--assignment FILE] [--out FILE]",
    "class": "hightide class SAVES_DIR [--assignment FILE] [--format text|html] [--key FILE] [--out DIR]",
    "code": "hightide code ASSIGNMENT_FILE",
    "simulate": "hightide simulate --scenario NAME --seed N [--villages K] [--json]",
    "serve": "hightide serve [--host 127.0.0.1] [--port 8000] [--saves DIR] [--assignment FILE | --code CODE] [--max-players N] [--idle-minutes M]",
    "bench": "hightide bench [--sim] [--ui] [--serve] [--villages K]",
    "model": "hightide model [--scenario NAME]",
    "audit": "hightide audit [--seeds N] [--json]",
    "content": "hightide content check [DIR] [--games N] [--seeds N]",
}


class UsageError(Exception):
    """A command line that cannot be run; the message is one sentence."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line instead of argparse's two
        usage = USAGE.get(self.prog.split()[-1], "hightide --help")
        raise UsageError(f"{self.prog}: {_short(message)} (usage: {usage})")


def _short(message: str) -> str:
    """argparse's message with any quoted value it repeats cut to a readable length."""
    if len(message) <= 160:
        return message
    head, _, rest = message.partition(": ")
    return f"{head}: {quote(rest, 80)}" if rest else quote(message, 160)


def _positive(text: str) -> int:
    try:
        return parse_whole(text, 1, None, "the number")
    except NumberError as error:
        raise argparse.ArgumentTypeError(str(error).rstrip(".")) from None


def _port(text: str) -> int:
    try:
        return parse_whole(text, 1, 65535, "the port")
    except NumberError as error:
        raise argparse.ArgumentTypeError(str(error).rstrip(".")) from None


def _minutes(text: str) -> int:
    try:
        return parse_whole(text, 1, 24 * 60, "the minutes")
    except NumberError as error:
        raise argparse.ArgumentTypeError(str(error).rstrip(".")) from None


def _seed(text: str) -> int:
    try:
        return parse_whole(text, 0, 2**63 - 1, "the seed")
    except NumberError as error:
        raise argparse.ArgumentTypeError(str(error).rstrip(".")) from None


GLOBAL_OPTIONS = ("--saves", "--plain")
"""Options that mean the same before or after the subcommand (``hightide --saves DIR play`` and
``hightide play --saves DIR``): every subcommand accepts them, with no default of its own, so a
subcommand never overwrites the value given before it."""


def _global_options(parser: argparse.ArgumentParser, top: bool = False) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--saves", metavar="DIR", default=default, help="folder for saved games")
    parser.add_argument("--plain", action="store_true", default=False if top else argparse.SUPPRESS,
                        help="line mode on stdin/stdout (play, replay)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hightide", description="High Tide: a village in China, 1953-1956.")
    parser.add_argument("--version", action="version", version=f"hightide {__version__}")
    _global_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    play = sub.add_parser("play", help="play a game (title screen, or line mode with --plain)")
    play.add_argument("--scenario", default=None)
    play.add_argument("--role", choices=["peasant", "cadre"], default=None)
    play.add_argument("--household", default=None, help="character id of the household (peasant role)")
    play.add_argument("--seed", type=_seed, default=None)
    play.add_argument("--name", default=None, help="the player's name")
    play.add_argument("--load", default=None, metavar="SAVE", help="continue a saved game")
    play.add_argument("--assignment", default=None, metavar="FILE", help="play a classroom assignment")
    play.add_argument("--code", default=None, help="play the assignment with this short code")
    play.add_argument("--served", default=None, metavar="CLASS_DIR", help=argparse.SUPPRESS)  # hightide serve's players

    serve = sub.add_parser("serve", help="serve the game to the browsers of a computer lab")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=_port, default=8000)
    where = serve.add_mutually_exclusive_group()
    where.add_argument("--assignment", default=None, metavar="FILE", help="every student plays this assignment")
    where.add_argument("--code", default=None, help="every student plays the assignment with this short code")
    serve.add_argument("--max-players", type=_positive, default=None, metavar="N",
                       help="players at once (default: from this computer's free memory)")
    serve.add_argument("--idle-minutes", type=_minutes, default=30, metavar="M",
                       help="close a tab left alone this long, its game saved (default 30)")

    report = sub.add_parser("report", help="a student's report on a saved game")
    report.add_argument("save", metavar="SAVE")
    report.add_argument("--format", choices=["md", "html", "json"], default="md")
    report.add_argument("--out", default=None, help="write the report to this file")
    report.add_argument("--assignment", default=None, metavar="FILE", help="show the assignment's question texts")

    klass = sub.add_parser("class", help="one table for a class's saves")
    klass.add_argument("folder", metavar="SAVES_DIR")
    klass.add_argument("--assignment", default=None, metavar="FILE",
                       help="the assignment file (default: the one the games name, if it can be found)")
    klass.add_argument("--format", choices=["text", "html"], default="text",
                       help="html: also write class-table.html, one printable page with charts")
    klass.add_argument("--key", default=None, metavar="FILE",
                       help="the signing key (default: SAVES_DIR/.hightide-signing-key, if there)")
    klass.add_argument("--out", default=None, metavar="DIR", help="where to write class-table.csv, .md, .html (default: SAVES_DIR)")

    code = sub.add_parser("code", help="the short code of an assignment file")
    code.add_argument("assignment", metavar="FILE")

    verify = sub.add_parser("verify", help="replay saves (or the saves inside HTML reports) and check every digest")
    verify.add_argument("saves_to_check", nargs="+", metavar="SAVE")

    replay = sub.add_parser("replay", help="step through a saved game")
    replay.add_argument("save", metavar="SAVE")

    branch = sub.add_parser("branch", help="re-run a saved game with one decision changed")
    branch.add_argument("save", metavar="SAVE")
    branch.add_argument("--season", required=True, help="e.g. 'autumn 1954'")
    branch.add_argument("--action", required=True, help="e.g. 'join lower', 'stance persuasion', 'animals keep'")
    branch.add_argument("--out", default=None, help="where to save the branch (default: next to the save, NAME.SEASON.branch.hightide.json)")

    compare = sub.add_parser("compare", help="two saved games side by side")
    compare.add_argument("a", metavar="SAVE_A")
    compare.add_argument("b", metavar="SAVE_B")

    sim = sub.add_parser("simulate", help="run the county headless and print indicators per season")
    sim.add_argument("--scenario", default="north-china")
    sim.add_argument("--seed", type=_seed, required=True)
    sim.add_argument("--villages", type=_positive, default=1)
    sim.add_argument("--json", action="store_true", help="print one JSON object")

    bench = sub.add_parser("bench", help="performance figures")
    bench.add_argument("--sim", action="store_true", help="simulation figures")
    bench.add_argument("--ui", action="store_true", help="user-interface figures")
    bench.add_argument("--serve", action="store_true",
                       help="browser figures: page load to first frame in Chromium, one player's memory")
    bench.add_argument("--villages", type=_positive, default=1000)

    audit = sub.add_parser("audit", help="strategy tournament: bots play every household and the cadre; exit 1 if a check fails")
    audit.add_argument("--seeds", type=_positive, default=20, help="seeds per strategy (default 20)")
    audit.add_argument("--json", action="store_true", help="print one JSON object")

    model = sub.add_parser("model", help="the model card: every parameter with its unit and source")
    model.add_argument("--scenario", default="north-china")

    content = sub.add_parser("content", help="content tools")
    content.add_argument("action", choices=["check"])
    content.add_argument("dir", nargs="?", default=None)
    content.add_argument("--games", type=_positive, default=150, help="random games per role (default 150)")
    content.add_argument("--seeds", type=_positive, default=None,
                         help="real games per playable household and for the cadre (default 4)")
    for subparser in sub.choices.values():
        _global_options(subparser)
    return parser


def _scenario(name: str):
    from game.content.scenario import load_scenario
    from game.paths import assets_dir

    return load_scenario(assets_dir(), name)


def run(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    if args.command == "simulate":
        from game.simulate import format_json, format_table, simulate

        if args.villages > 5000:
            raise UsageError(f"hightide simulate: --villages {args.villages} is too many; use at most 5000 (usage: {USAGE['simulate']})")
        result = simulate(_scenario(args.scenario), args.seed, args.villages)
        print(format_json(result) if args.json else format_table(result))
        return 0
    if args.command == "serve":
        from game.serve import run as run_serve

        return run_serve(args)
    if args.command == "bench":
        from game.bench import BenchError

        runs = []  # (flag, what prints its figures), in the order asked for
        if args.serve:
            from game.bench_serve import bench_serve, format_serve

            runs.append(("--serve", lambda: format_serve(bench_serve())))
        if args.ui:
            from game.bench import bench_ui, format_ui

            runs.append(("--ui", lambda: format_ui(bench_ui())))
        if args.sim or not runs:
            from game.bench import bench_sim, format_sim

            runs.append(("--sim", lambda: format_sim(bench_sim(_scenario("north-china"), villages=args.villages))))
        for flag, figures in runs:
            try:
                print(figures())
            except BenchError as error:
                print(f"hightide bench {flag}: {error}.", file=sys.stderr)
                return 1
        return 0
    if args.command == "audit":
        from game.audit import format_table
        from game.audit import run as run_audit

        if args.seeds > 500:
            raise UsageError(f"hightide audit: --seeds {args.seeds} is too many; use at most 500 (usage: {USAGE['audit']})")
        result = run_audit(args.seeds, progress=None if args.json else lambda what: print(f"  played {what}", file=sys.stderr))
        print(result.to_json() if args.json else format_table(result))
        return 0 if result.passed else 1
    if args.command == "model":
        from game.simulate import model_card

        print(model_card(_scenario(args.scenario)))
        return 0
    if args.command == "content":
        from game.content.bounded import check_folder

        return check_folder(args.dir, games=min(args.games, 10_000), seeds=None if args.seeds is None else min(args.seeds, 200))
    if args.command in ("verify", "replay", "branch", "compare", "report", "class", "code"):
        from game.session_commands import run_command

        return run_command(args)
    return _play(args)


def _play(args) -> int:
    from game.session.signing import use_from_environment

    use_from_environment()  # under hightide serve: every save this game writes is signed
    if args.plain:
        from game.plain import main as plain_main

        return plain_main(args)
    from game.ui.app import main as ui_main

    return ui_main(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hightide`` console script."""
    from game.content.errors import ContentError
    from game.content.scenario import ScenarioError
    from game.session.actions import ActionError
    from game.session.saves import SaveError
    from game.session.assignment import AssignmentError
    from game.session.signing import SigningError
    from game.session.start import StartError
    from game.serve import ServeError

    try:
        return run(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        print(one_line(exc), file=sys.stderr)
        return 2
    except (ScenarioError, ContentError, SaveError, ActionError, AssignmentError, StartError, SigningError,
            ServeError) as exc:
        print(one_line(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
