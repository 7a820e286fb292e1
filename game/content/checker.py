"""``hightide content check [DIR]``: validate and play-test all content.

Loads every file with errors collected (TOML syntax, unknown names in conditions, effects and
templates, missing references, duplicate ids), checks the story's shape and screen budget
(``game.content.structure``), the prose against the character sheet (ages, land, family size
and class: ``game.content.continuity``), loads every scenario with ``game.content.scenario``, then
runs the quicktest and randomtest (``game.content.playtest``). Prints a summary; the exit
status is 1 if there is any error. Warnings, such as low coverage, never fail the check.
Never imports textual.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.content.continuity import check_continuity
from game.content.errors import ContentError, Problem
from game.content.loader import load_collecting
from game.content.playtest import quicktest, randomtest
from game.content.structure import check_structure, reachable
from game.content.wording import check_wording

LOW_COVERAGE = 0.6
STORY_SEEDS = 4  # real games per playable household and for the cadre (bounded for CI)


@dataclass
class CheckReport:
    """Everything the check found: errors fail it, warnings do not; plus coverage figures."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    scene_coverage: float = 0.0
    choice_coverage: float = 0.0
    games: int = 0
    story_games: int = 0
    story_seasons: dict[int, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """A readable multi-line summary, errors first."""
        out: list[str] = []
        if self.counts:
            out.append("Content: " + ", ".join(f"{n} {k}" for k, n in self.counts.items()))
        for title, items in (("Errors", self.errors), ("Warnings", self.warnings)):
            if items:
                out.append(f"{title} ({len(items)}):")
                out += [f"  {p}" for p in items]
        if self.games:
            out.append(f"Randomtest: {self.games} games; scenes and events reached "
                       f"{self.scene_coverage:.0%}, choices taken {self.choice_coverage:.0%}")
        if self.story_games:
            out.append(story_line(self))
        verdict = "FAILED" if self.errors else "OK"
        out.append(f"{verdict}: {len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return "\n".join(out)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            out.append(problem)
    return out


def story_line(report: CheckReport) -> str:
    """One line on the storyplay: how many real games, and the most passages a season showed."""
    most = max(report.story_seasons.values(), default=0)
    return (f"Storyplay: {report.story_games} real games (every household and the cadre, random choices); "
            f"at most {most} scenes and events in a season")


def check(assets_dir: Path, games: int = 150, play: bool = True, seeds: int = STORY_SEEDS) -> CheckReport:
    """Check the content under ``assets_dir``; ``games`` random games per role, and ``seeds``
    real games (game.session.storyplay) per playable household and for the cadre."""
    report = CheckReport()
    try:
        bundle, load_errors = load_collecting(Path(assets_dir))
    except ContentError as error:
        report.errors.append(Problem.from_error(error))
        return report
    report.errors += [Problem.from_error(e) for e in load_errors]
    report.counts = {
        "scenes": len(bundle.scenes), "events": len(bundle.events),
        "characters": len(bundle.characters), "documents": len(bundle.documents),
        "glossary terms": len(bundle.glossary), "sources": len(bundle.sources),
        "timeline entries": len(bundle.timeline),
    }
    report.errors += _check_scenarios(Path(assets_dir))
    errors, warnings = check_structure(bundle)
    report.errors += errors
    report.warnings += warnings
    report.errors += check_continuity(bundle)
    report.errors += check_wording(bundle)
    report.errors += unhanded_documents(bundle)
    if play:
        known = {(p.file, p.message) for p in report.errors}
        quick = quicktest(bundle, known=known)
        report.errors += quick.errors
        report.warnings += quick.warnings
        rand = randomtest(bundle, games=games, known=known)
        report.errors += rand.errors
        report.warnings += rand.warnings
        report.games = rand.games
        report.errors += unhanded_documents(bundle, quick.choices_reached | rand.choices_reached)
        if seeds > 0 and not load_errors:
            # real games through the session: only on content that loads cleanly
            from game.session.storyplay import problems

            try:
                story_errors, story = problems(Path(assets_dir), seeds=seeds)
            except (ContentError, ValueError, KeyError) as error:
                story_errors, story = [Problem(str(assets_dir), None, f"storyplay could not run: {error}")], None
            report.errors += story_errors
            if story is not None:
                report.story_games = story.games
                report.story_seasons = story.per_season
        passages = [*bundle.scenes, *bundle.events]
        total_choices = sum(len(p.choices) for p in passages)
        report.scene_coverage = len(rand.passages_reached) / len(passages) if passages else 1.0
        report.choice_coverage = (len(rand.choices_reached) / total_choices
                                  if total_choices else 1.0)
        for passage in passages:
            if passage.id not in rand.passages_reached:
                report.warnings.append(Problem(passage.file, passage.line,
                                               f"randomtest: '{passage.id}' was never reached"))
        if passages and report.scene_coverage < LOW_COVERAGE:
            report.warnings.append(Problem(str(assets_dir), None,
                                           f"low coverage: random games reached only "
                                           f"{report.scene_coverage:.0%} of scenes and events"))
    report.errors = _dedupe(sorted(report.errors, key=_order))
    report.warnings = _dedupe(sorted(report.warnings, key=_order))
    return report


def document_handovers(bundle) -> dict[str, list[tuple[str, int]]]:
    """For each document id, the (passage id, choice index) of every choice that hands it over."""
    out: dict[str, list[tuple[str, int]]] = {doc_id: [] for doc_id in bundle.documents}
    for passage in (*bundle.scenes, *bundle.events):
        for index, choice in enumerate(passage.choices):
            for effect in choice.effects:
                if effect.name == "document" and effect.args[0] in out:
                    out[str(effect.args[0])].append((passage.id, index))
    return out


def unhanded_documents(bundle, opened: set[tuple[str, int]] | None = None) -> list[Problem]:
    """Every document must reach the player: some choice hands it over, in a scene some game
    can reach, and (when ``opened`` comes from the play-tests) that choice was actually taken
    or opened in the quicktest or the random games."""
    problems = []
    live = reachable(bundle)
    for doc_id, handovers in document_handovers(bundle).items():
        doc = bundle.documents[doc_id]
        if not handovers:
            problems.append(Problem(doc.file, doc.line, f"document '{doc_id}' is never handed over: "
                                                        f"no choice has the effect document('{doc_id}')"))
        elif not any(p in live for p, _ in handovers):
            problems.append(Problem(doc.file, doc.line, f"document '{doc_id}' is handed over only in scenes "
                                                        "no game can reach: " + ", ".join(p for p, _ in handovers)))
        elif opened is not None and not any(h in opened for h in handovers):
            problems.append(Problem(doc.file, doc.line, f"document '{doc_id}' was never handed over in the "
                                                        "play-tests: its choices never opened"))
    return problems


def _check_scenarios(root: Path) -> list[Problem]:
    """Load every scenario with the scenario loader; its errors become check errors."""
    from game.content.files import display_name
    from game.content.scenario import ScenarioError, available, load_scenario

    problems = []
    for scenario_id in available(root):
        try:
            load_scenario(root, scenario_id)
        except ScenarioError as error:
            path = root / "scenarios" / f"{scenario_id}.toml"
            problems.append(Problem(display_name(path, root), None, str(error)))
    return problems


def _order(problem: Problem) -> tuple[str, int]:
    return problem.file, problem.line or 0


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Entry point for ``hightide content check [DIR]``; ``argv`` are the words after
    ``check``. Returns 0 if there are no errors, else 1."""
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="hightide content check",
                                     description="Validate and play-test game content.")
    parser.add_argument("dir", nargs="?", help="the assets folder (default: the game's own)")
    parser.add_argument("--games", type=int, default=150,
                        help="random games per role (default 150)")
    parser.add_argument("--seeds", type=int, default=STORY_SEEDS,
                        help=f"real games per household and for the cadre (default {STORY_SEEDS})")
    parser.add_argument("--no-play", action="store_true",
                        help="skip the quicktest and randomtest")
    args = parser.parse_args(argv)
    if args.dir is None:
        from game.paths import assets_dir

        folder = assets_dir()
    else:
        folder = Path(args.dir)
    if not folder.is_dir():
        print(f"{folder}: no such folder; give the path of an assets folder.", file=out)
        return 1
    report = check(folder, games=max(1, args.games), play=not args.no_play, seeds=max(0, args.seeds))
    print(report.summary(), file=out)
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
