"""Scenario files: ``assets/scenarios/<id>.toml`` -> ``game.sim.Params``.

Every model parameter in a scenario is a table ``{ value = ..., unit = "...", source = "..." }``
(schedule rows use ``values``); a scenario may name a ``base`` scenario and override only some
tables (the ``no-directive`` variant changes only the schedule). Mistakes raise
``ScenarioError`` naming the file and the key. Never imports textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from game.reader import CONTENT_LIMIT, ReadError, load_toml
from game.sim.params import CLASSES, N_SEASONS, ClassTable, Params, Schedule

SOURCE_ID = re.compile(r"\b(S\d+[a-z]?|S-[a-z]+|[EB]-[a-z0-9-]+)\b")
NOT_SCALARS = ("classes", "schedule", "county_villages")  # Params fields read from their own tables
PARAM_SECTIONS = ("production", "state_take", "distribution", "consumption", "shocks", "effort",
                  "joining", "teams", "coops", "plots", "standing", "animals", "trust", "cadre")


class ScenarioError(Exception):
    """A scenario that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Parameter:
    """One documented parameter: where it sits, its value, its unit and its source."""

    section: str
    name: str
    value: object
    unit: str
    source: str

    @property
    def source_ids(self) -> list[str]:
        return SOURCE_ID.findall(self.source)


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: its identity, the model parameters and the documented table."""

    id: str
    title: str
    village: str
    description: str
    params: Params
    parameters: tuple[Parameter, ...]
    path: Path


def scenarios_dir(assets: Path) -> Path:
    return assets / "scenarios"


def available(assets: Path) -> list[str]:
    """Scenario ids present in the assets folder."""
    return sorted(p.stem for p in scenarios_dir(assets).glob("*.toml"))


def load_scenario(assets: Path, scenario_id: str, _visiting: tuple[str, ...] = ()) -> Scenario:
    """Load and validate a scenario by id."""
    if scenario_id in _visiting:
        chain = " -> ".join(_visiting + (scenario_id,))
        raise ScenarioError(f"{scenario_id}.toml: [scenario] base forms a loop ({chain}).")
    names = available(assets)
    if scenario_id not in names:
        raise ScenarioError(f"Unknown scenario '{scenario_id}'. Available: {', '.join(names) or 'none'}.")
    path = scenarios_dir(assets) / f"{scenario_id}.toml"
    data = _read(path)
    head = data.get("scenario", {})
    base_id = head.get("base")
    if base_id:
        if base_id == scenario_id:
            raise ScenarioError(f"{path.name}: [scenario] base names the scenario itself.")
        base = load_scenario(assets, base_id, _visiting + (scenario_id,))
        merged = _read(base.path)
        for section, table in data.items():
            if section == "scenario":
                continue
            merged.setdefault(section, {}).update(table)
        merged["scenario"] = {**merged.get("scenario", {}), **head}
        data = merged
    return _build(path, data, scenario_id)


def _read(path: Path) -> dict:
    """A scenario file through the one reader (regular file, size and depth caps, UTF-8)."""
    try:
        return load_toml(path, CONTENT_LIMIT, "scenario file")
    except ReadError as exc:
        raise ScenarioError(str(exc)) from None


def _entry(path: Path, section: str, name: str, table: dict, key: str = "value") -> Parameter:
    where = f"{path.name}: [{section}] {name}"
    if not isinstance(table, dict) or key not in table:
        raise ScenarioError(f"{where} must be a table with '{key}', 'unit' and 'source'.")
    for field_name in ("unit", "source"):
        if not isinstance(table.get(field_name), str) or not table[field_name].strip():
            raise ScenarioError(f"{where} needs a non-empty '{field_name}' string.")
    if not table["source"].strip():
        raise ScenarioError(f"{where} has an empty source.")
    return Parameter(section, name, table[key], table["unit"], table["source"])


def _numbers(path: Path, param: Parameter, length: int | None) -> np.ndarray:
    where = f"{path.name}: [{param.section}] {param.name}"
    value = param.value
    if isinstance(value, bool) or not isinstance(value, (int, float, list)):
        raise ScenarioError(f"{where} must be a number or a list of numbers.")
    values = value if isinstance(value, list) else [value]
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in values):
        raise ScenarioError(f"{where} must contain only numbers.")
    array = np.asarray(values, dtype=np.float64)
    if length is not None and array.shape != (length,):
        raise ScenarioError(f"{where} must have {length} values, not {array.size}.")
    if not np.all(np.isfinite(array)):
        raise ScenarioError(f"{where} must be finite.")
    return array


def _build(path: Path, data: dict, scenario_id: str) -> Scenario:
    head = data.get("scenario")
    if not isinstance(head, dict) or head.get("id") != scenario_id:
        raise ScenarioError(f"{path.name}: [scenario] id must be '{scenario_id}'.")
    parameters: list[Parameter] = []

    classes = data.get("classes", {})
    class_values = {}
    for f in fields(ClassTable):
        param = _entry(path, "classes", f.name, classes.get(f.name))
        parameters.append(param)
        class_values[f.name] = _numbers(path, param, len(CLASSES))
    if np.any(class_values["households"] < 0) or class_values["households"].sum() < 5:
        raise ScenarioError(f"{path.name}: [classes] households must be non-negative and add up to at least 5.")

    schedule = data.get("schedule", {})
    sched_values = {}
    for f in fields(Schedule):
        param = _entry(path, "schedule", f.name, schedule.get(f.name), key="values")
        parameters.append(param)
        sched_values[f.name] = _numbers(path, param, N_SEASONS)

    defaults = {f.name: f for f in fields(Params)}
    scalars: dict[str, object] = {}
    for section in PARAM_SECTIONS:
        for name, table in data.get(section, {}).items():
            if name not in defaults or name in NOT_SCALARS:
                raise ScenarioError(f"{path.name}: [{section}] {name} is not a model parameter.")
            param = _entry(path, section, name, table)
            parameters.append(param)
            default = defaults[name].default
            if isinstance(default, tuple):
                scalars[name] = tuple(float(x) for x in _numbers(path, param, len(default)))
            else:
                scalars[name] = float(_numbers(path, param, 1)[0])
    missing = [name for name in defaults if name not in scalars and name not in NOT_SCALARS]
    if missing:
        raise ScenarioError(f"{path.name}: model parameter '{missing[0]}' is missing (every parameter needs a value, unit and source).")
    county = _entry(path, "county", "villages", data.get("county", {}).get("villages"))
    parameters.append(county)
    villages = int(_numbers(path, county, 1)[0])
    if not 1 <= villages <= 5000:
        raise ScenarioError(f"{path.name}: [county] villages must be between 1 and 5000.")
    try:
        params = Params(classes=ClassTable(**class_values), schedule=Schedule(**sched_values),
                        county_villages=villages, **scalars)
    except (TypeError, ValueError) as exc:
        raise ScenarioError(f"{path.name}: {exc}.") from None
    return Scenario(
        id=scenario_id,
        title=str(head.get("title", scenario_id)),
        village=str(head.get("village", "the village")),
        description=str(head.get("description", "")),
        params=params,
        parameters=tuple(parameters),
        path=path,
    )
