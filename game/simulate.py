"""Headless runs of a whole county: the ``hightide simulate`` table and JSON, and the
``hightide model`` card. Never imports textual.
"""

from __future__ import annotations

import json

import numpy as np

from game.content.scenario import Scenario
from game.sim import initial_state, run
from game.sim.params import CLASSES, season_name, season_year

SHARE_KEYS = ("team_share", "lower_share", "higher_share", "coop_share")
VALUE_KEYS = ("grain_output", "procurement", "grain_per_person", "animals", "gini", "shirking", "trust",
              "want_to_leave", "left", "hungry")


def simulate(scenario: Scenario, seed: int, villages: int) -> dict:
    """Run 16 seasons with AI decisions; indicators averaged over the villages."""
    state = initial_state(scenario.params, seed, villages)
    seasons = []
    for record in run(state, scenario.params):
        ind = record.indicators
        row: dict[str, object] = {"year": season_year(record.t), "season": season_name(record.t)}
        for key in SHARE_KEYS + VALUE_KEYS:
            row[key] = round(float(np.mean(ind[key])), 6)
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


def model_card(scenario: Scenario) -> str:
    """Every parameter of a scenario with its value, unit and source."""
    lines = [f"Model card: {scenario.title} ({scenario.id})", ""]
    section = None
    for param in scenario.parameters:
        if param.section != section:
            section = param.section
            lines.append(f"[{section}]")
        value = param.value
        if isinstance(value, list):
            value = ", ".join(f"{v:g}" for v in value)
        lines.append(f"  {param.name} = {value}  ({param.unit}; source: {param.source})")
    return "\n".join(lines)
