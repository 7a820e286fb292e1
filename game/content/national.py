"""The national record of collectivization (assets/history/national.toml), interpolated to
the game's seasons so the tide chart can set the player's village beside it.
Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from game.content.errors import ContentError
from game.reader import CONTENT_LIMIT, ReadError, load_toml

# the month a season's end stands for: spring = May, summer = August, autumn = November,
# winter = January of the next year
SEASON_END_MONTH = (5, 8, 11, 13)


@dataclass(frozen=True)
class NationalRecord:
    """Share of households by season (None before the first and after the last figure)."""

    coop: tuple[float | None, ...]
    higher: tuple[float | None, ...]
    team: tuple[float | None, ...]
    points: tuple[tuple[str, float, float, str], ...]  # (date, coop, higher, source)


def _month(date: str) -> int:
    year, month = date.split("-")
    return int(year) * 12 + int(month) - 1


@lru_cache(maxsize=4)
def national_record(assets: Path) -> NationalRecord:
    path = Path(assets) / "history" / "national.toml"
    try:
        data = load_toml(path, CONTENT_LIMIT, "national record")
    except ReadError as exc:
        raise ContentError(f"cannot read the national record ({str(exc).rstrip('.')})", str(path), None) from None
    points = data.get("point", [])
    series = {}
    for key in ("coop", "higher", "team"):
        dated = sorted((_month(p["date"]), float(p[key])) for p in points if key in p)
        values = []
        for t in range(16):
            m = (1953 + t // 4) * 12 + SEASON_END_MONTH[t % 4] - 1
            values.append(_interpolate(dated, m))
        series[key] = tuple(values)
    table = tuple((p["date"], float(p.get("coop", 0.0)), float(p.get("higher", 0.0)), str(p.get("source", ""))) for p in points)
    return NationalRecord(series["coop"], series["higher"], series["team"], table)


def _interpolate(dated: list[tuple[int, float]], month: int) -> float | None:
    if not dated or month < dated[0][0] or month > dated[-1][0] + 1:
        return None
    for (m0, v0), (m1, v1) in zip(dated, dated[1:]):
        if m0 <= month <= m1:
            return v0 + (v1 - v0) * (month - m0) / (m1 - m0)
    return dated[-1][1]
