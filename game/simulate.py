"""Headless runs of a whole county: the ``hightide simulate`` table and JSON, and the
``hightide model`` card. Never imports textual.
"""

from __future__ import annotations

import json
import re

import numpy as np

from game.content.scenario import Scenario
from game.sim import initial_state, run
from game.sim.params import CLASSES, season_name, season_year

SHARE_KEYS = ("team_share", "lower_share", "higher_share", "coop_share")
VALUE_KEYS = ("grain_output", "procurement", "state_take", "coop_size", "grain_per_person", "animals", "gini",
              "shirking", "trust", "want_to_leave", "left", "hungry")


def simulate(scenario: Scenario, seed: int, villages: int) -> dict:
    """Run 16 seasons with AI decisions; indicators averaged over the villages."""
    state = initial_state(scenario.params, seed, villages)
    seasons = []
    for record in run(state, scenario.params):
        ind = record.indicators
        row: dict[str, object] = {"year": season_year(record.t), "season": season_name(record.t)}
        for key in SHARE_KEYS + VALUE_KEYS:
            row[key] = round(float(np.mean(ind[key])), 6)
        # the mean size of the co-ops that exist (villages without one do not count)
        coops = ind["coops"]
        row["coop_size"] = round(float((ind["coop_size"] * coops).sum() / max(coops.sum(), 1.0)), 6)
        by_class = ind["coop_share_by_class"].mean(axis=0)
        row["coop_share_by_class"] = {name: round(float(by_class[i]), 6) for i, name in enumerate(CLASSES)}
        seasons.append(row)
    return {"scenario": scenario.id, "seed": seed, "villages": villages, "seasons": seasons}


def format_json(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False)


def format_table(result: dict) -> str:
    """One row per season, shares in per cent."""
    head = (f"{'season':<12}{'team':>6}{'lower':>6}{'higher':>7}{'co-op':>6}{'poor':>6}{'u-mid':>6}"
            f"{'output':>9}{'procured':>9}{'eaten':>6}{'oxen':>6}{'gini':>6}{'shirk':>6}{'trust':>6}{'want':>6}{'left':>6}")
    lines = [f"{result['scenario']}, seed {result['seed']}, {result['villages']} village(s); shares in % of households, "
             "grain in jin per village, eaten in jin per person per year", head]
    for row in result["seasons"]:
        by = row["coop_share_by_class"]
        lines.append(
            f"{row['season'].capitalize() + ' ' + str(row['year']):<12}"
            f"{100 * row['team_share']:6.1f}{100 * row['lower_share']:6.1f}{100 * row['higher_share']:7.1f}"
            f"{100 * row['coop_share']:6.1f}{100 * by['poor']:6.1f}{100 * by['upper_middle']:6.1f}"
            f"{row['grain_output']:9.0f}{row['procurement']:9.0f}{row['grain_per_person']:6.0f}{row['animals']:6.1f}"
            f"{row['gini']:6.2f}{row['shirking']:6.2f}{row['trust']:6.2f}{100 * row['want_to_leave']:6.1f}{100 * row['left']:6.1f}")
    return "\n".join(lines)


MODEL_DOC = "docs/model.md"
"""Where the model is described, in the project itself (equations, assumptions, what it reproduces)."""
_DESIGN = re.compile(r"E-economics-brief(?:\s*§\s*[0-9][0-9.]*[a-z]?)?")


def public_source(text: str) -> str:
    """A parameter's or mechanism's sources as a reader of the project can follow them: the team's
    own design ('E-economics-brief §4.8') is cited as the project's model description, docs/model.md;
    the historical (S...) and scholarly (E-author-year) ids stay as they are."""
    return _DESIGN.sub(MODEL_DOC, text)


def model_card(scenario: Scenario) -> str:
    """The mechanisms, then every parameter of a scenario with its value, unit and source."""
    from game.sim.mechanisms import MECHANISMS

    lines = [f"Model card: {scenario.title} ({scenario.id})",
             f"The model's description, equations and assumptions: {MODEL_DOC} in the game's source.", "", "Mechanisms:"]
    for m in MECHANISMS:
        lines.append(f"  {m.id} {m.name}: {m.summary}")
        lines.append(f"      parameters: {', '.join(m.parameters)}; sources: {public_source(m.sources)}")
    lines += ["", f"Parameters ([A] marks a modelling assumption, explained in {MODEL_DOC}; S-ids are historical sources "
                  "and E-ids scholarly works, see the bibliography):"]
    section = None
    for param in scenario.parameters:
        if param.section != section:
            section = param.section
            lines.append(f"[{section}]")
        value = param.value
        if isinstance(value, list):
            value = ", ".join(f"{v:g}" for v in value)
        lines.append(f"  {param.name} = {value}  ({param.unit}; source: {public_source(param.source)})")
    return "\n".join(lines)


# History's pace (the national record of docs/model.md): each window is (label, how the figure is read from the
# per-season rows, low, high). The tests check them over 20 seeds of 100 villages.
def _season(rows: list[dict], year: int, season: str) -> dict:
    return next(r for r in rows if r["year"] == year and r["season"] == season)


def _yearly_take(rows: list[dict], year: int) -> float:
    out = sum(r["grain_output"] for r in rows if r["year"] == year)
    take = sum(r["state_take"] for r in rows if r["year"] == year)
    return take / out if out else 0.0


WINDOWS = (
    ("teams in spring 1953", lambda r: _season(r, 1953, "spring")["team_share"], 0.35, 1.0),
    ("co-op share, end of 1953", lambda r: _season(r, 1953, "winter")["coop_share"], 0.0, 0.03),
    ("co-op share, end of 1954", lambda r: _season(r, 1954, "winter")["coop_share"], 0.06, 0.20),
    ("co-op share, summer 1955", lambda r: _season(r, 1955, "summer")["coop_share"], 0.14, 0.40),
    ("co-op share, winter 1955", lambda r: _season(r, 1955, "winter")["coop_share"], 0.60, 1.0),
    ("co-op share, end of 1956", lambda r: _season(r, 1956, "winter")["coop_share"], 0.90, 1.0),
    ("higher-stage share, end of 1956", lambda r: _season(r, 1956, "winter")["higher_share"], 0.80, 1.0),
    ("state take 1953", lambda r: _yearly_take(r, 1953), 0.20, 0.35),
    ("state take 1954", lambda r: _yearly_take(r, 1954), 0.20, 0.35),
    ("state take 1955", lambda r: _yearly_take(r, 1955), 0.20, 0.35),
    ("state take 1956", lambda r: _yearly_take(r, 1956), 0.20, 0.35),
    ("1954 the heaviest take of 1953-56 (1954 minus the next heaviest)",
     lambda r: _yearly_take(r, 1954) - max(_yearly_take(r, y) for y in (1953, 1955, 1956)), 0.0, 1.0),
    ("mean co-op size, summer 1955", lambda r: _season(r, 1955, "summer")["coop_size"], 15.0, 1000.0),
    ("worst hunger of 1953-55 in spring 1955 (spring 1955 minus the worst other season)",
     lambda r: _season(r, 1955, "spring")["hungry"] - max(x["hungry"] for x in r if x["year"] <= 1955
                                                         and not (x["year"] == 1955 and x["season"] == "spring")), 0.0, 1.0),
)


def pace(rows: list[dict]) -> list[dict]:
    """Every window of history's pace with its figure and whether it holds."""
    out = []
    for label, read, low, high in WINDOWS:
        value = float(read(rows))
        out.append({"window": label, "value": round(value, 4), "low": low, "high": high, "holds": low <= value <= high})
    return out


def mean_rows(results: list[dict]) -> list[dict]:
    """Per-season rows averaged over several simulate() results (several seeds)."""
    rows = []
    for k, first in enumerate(results[0]["seasons"]):
        row = {"year": first["year"], "season": first["season"]}
        for key, value in first.items():
            if isinstance(value, float):
                row[key] = float(np.mean([r["seasons"][k][key] for r in results]))
        rows.append(row)
    return rows
