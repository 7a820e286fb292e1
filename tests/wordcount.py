"""How much a player reads: the word count of the story up to each stop point, measured by
playing real games.

Every lesson plan in ``assets/docs/teacher-guide.md`` and every assignment's timing is set from
these numbers, and ``tests/content/test_word_counts.py`` fails when the guide and the measurement
drift apart. Run it to print the table the guide quotes::

    .venv/bin/python -m tests.wordcount            # all roles, the default seeds
    .venv/bin/python -m tests.wordcount --games 12

What is counted: every scene and event the game puts in front of the player, as the front ends
show it (title, text with its variables filled in, the labels of the options that are open, and
the result of the option taken). Choices are made at random among the open ones, over several
seeds and, for the household role, every playable household; each season's figure is the mean
over the games that reached that season (random play can get the cadre removed from his post
early), and the stop-point figures add the seasons up. What is
not counted: the documents (optional reading, counted separately), the ledger, the calculus,
the decisions panel and the report, which a student reads as much or as little as the teacher
asks. Reading speed for the guide: 200 words a minute.
"""

from __future__ import annotations

import argparse
import random
import re
import zlib
from dataclasses import dataclass, field
from statistics import mean

from game.session import views
from game.session.actions import ChooseScene, EndSeason
from game.session.game import GameSetup, Session
from game.sim.params import N_SEASONS, season_label

WORDS_PER_MINUTE = 200
SEEDS = (1955, 1956, 7, 42, 3, 11, 100, 2024)
WORD = re.compile(r"[A-Za-z0-9\u4e00-\u9fff]+(?:['\-][A-Za-z0-9]+)*")


def words(text: str) -> int:
    """Words in a text as a reader counts them (a Chinese character counts as one word)."""
    return sum(len(w) if "\u4e00" <= w[0] <= "\u9fff" else 1 for w in WORD.findall(text or ""))


@dataclass
class Game:
    """One played game: words read in each season, and the words of the documents handed over."""

    role: str
    household: str | None
    seed: int
    per_season: list[int] = field(default_factory=list)
    documents: int = 0

    def through(self, t: int) -> int:
        """Words read from spring 1953 to the end of season ``t``."""
        return sum(self.per_season[: t + 1])


def play(role: str, seed: int, household: str | None = None) -> Game:
    """Play a whole game, choosing at random among the open options."""
    session = Session(GameSetup(role=role, seed=seed, household=household))
    rng = random.Random(seed * 7919 + zlib.crc32((household or role).encode()))
    game = Game(role, household, seed)
    while not session.finished:
        count = 0
        while session.queue:
            view = views.current_scene(session)
            open_ = [o for o in view.options if o.available]
            count += words(view.title) + words(view.text) + sum(words(o.label) for o in open_)
            pick = rng.choice(open_)
            count += words(session.apply(ChooseScene(view.id, pick.index)))
        game.per_season.append(count)
        session.apply(EndSeason())
    game.documents = sum(words(session.bundle.documents[d].body) for d in session.documents)
    return game


def households() -> list[str]:
    """The playable households, as the character sheet lists them."""
    from game.content.loader import load_content
    from game.paths import assets_dir

    return [c.id for c in load_content(assets_dir()).households()]


@dataclass(frozen=True)
class Measure:
    """Mean words read to the end of each season, over the games played."""

    role: str
    cumulative: tuple[float, ...]  # index t: spring 1953 .. end of season t
    documents: float
    games: int

    def minutes(self, t: int) -> float:
        return self.cumulative[t] / WORDS_PER_MINUTE

    def between(self, first: int, last: int) -> float:
        """Words read from the start of season ``first`` to the end of season ``last``."""
        return self.cumulative[last] - (self.cumulative[first - 1] if first > 0 else 0.0)


def measure(role: str, seeds: tuple[int, ...] = SEEDS) -> Measure:
    """Mean cumulative words for a role (the household role averages every household)."""
    who = households() if role == "peasant" else [None]
    games = [play(role, seed, h) for seed in seeds for h in who]
    # a season's words are averaged over the games that reached it (random play can get the
    # cadre removed from his post early), then summed: the reading of a player who gets there
    per_season = [mean(g.per_season[t] for g in games if len(g.per_season) > t) for t in range(N_SEASONS)]
    cumulative = tuple(sum(per_season[: t + 1]) for t in range(N_SEASONS))
    return Measure(role, cumulative, mean(g.documents for g in games), len(games))


def table(seeds: tuple[int, ...] = SEEDS) -> str:
    """The table the teacher's guide quotes."""
    out = ["season            household words  min | cadre words  min"]
    peasant, cadre = measure("peasant", seeds), measure("cadre", seeds)
    for t in range(N_SEASONS):
        out.append(f"{season_label(t):<17} {peasant.cumulative[t]:>15,.0f} {peasant.minutes(t):>4.0f} |"
                   f" {cadre.cumulative[t]:>11,.0f} {cadre.minutes(t):>4.0f}")
    out.append(f"documents (all handed over, optional): household {peasant.documents:,.0f}, cadre {cadre.documents:,.0f}")
    out.append(f"games: household {peasant.games}, cadre {cadre.games}; {WORDS_PER_MINUTE} words a minute")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.wordcount", description=__doc__.split("\n")[0])
    parser.add_argument("--games", type=int, default=len(SEEDS), help="seeds per role (default %(default)s)")
    args = parser.parse_args(argv)
    seeds = tuple(SEEDS[i] if i < len(SEEDS) else 1000 + i for i in range(max(1, args.games)))
    print(table(seeds))


if __name__ == "__main__":
    main()
