"""Scenario files (``game.content.scenario``): the shipped scenarios load, the counterfactual
differs from the default only in its schedule, every parameter is documented with a unit and
sources that exist, and every broken scenario file ends in a ``ScenarioError`` that names the
file and the key.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from game.content.scenario import ScenarioError, available, load_scenario
from game.paths import assets_dir
from game.sim.params import N_SEASONS, ClassTable, Params, Schedule

ASSETS = assets_dir()
SHIPPED = ("north-china", "no-directive")
DEFAULT = ASSETS / "scenarios" / "north-china.toml"


def source_ids() -> set[str]:
    with (ASSETS / "sources.toml").open("rb") as handle:
        return {entry["id"] for entry in tomllib.load(handle)["source"]}


def same_value(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    return a == b


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_shipped_scenarios_load(scenario_id):
    scenario = load_scenario(ASSETS, scenario_id)
    assert scenario.id == scenario_id
    assert scenario.title and scenario.description
    assert scenario.path == ASSETS / "scenarios" / f"{scenario_id}.toml"
    assert scenario.params.households > 0
    assert scenario.params.schedule.pressure.shape == (N_SEASONS,)
    assert set(SHIPPED) <= set(available(ASSETS))


def test_no_directive_differs_only_in_the_schedule():
    base = load_scenario(ASSETS, "north-china")
    counterfactual = load_scenario(ASSETS, "no-directive")
    for f in fields(Params):
        if f.name in ("schedule", "classes"):
            continue
        assert same_value(getattr(base.params, f.name), getattr(counterfactual.params, f.name)), f.name
    for f in fields(ClassTable):
        assert np.array_equal(getattr(base.params.classes, f.name), getattr(counterfactual.params.classes, f.name)), f.name
    changed = [f.name for f in fields(Schedule)
               if not np.array_equal(getattr(base.params.schedule, f.name), getattr(counterfactual.params.schedule, f.name))]
    assert changed, "the counterfactual schedule is the historical one"
    assert "pressure" in changed and "higher_allowed" in changed
    # the documented tables agree too, outside the schedule
    documented = lambda s: {(p.section, p.name): p for p in s.parameters if p.section != "schedule"}  # noqa: E731
    assert documented(base) == documented(counterfactual)


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_parameter_has_a_unit_and_known_sources(scenario_id):
    known = source_ids()
    assert len(known) > 50
    scenario = load_scenario(ASSETS, scenario_id)
    for param in scenario.parameters:
        where = f"{scenario_id}: [{param.section}] {param.name}"
        assert param.unit.strip(), f"{where} has no unit"
        assert param.source.strip(), f"{where} has no source"
        unknown = [i for i in param.source_ids if i not in known]
        assert not unknown, f"{where} cites {unknown}, not in sources.toml"


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_parameter_cites_a_source_id(scenario_id):
    """MODEL.md: parameters carry "a source id from HISTORY.md or ECONOMICS.md" -- an id the
    sources list knows, not only a section reference such as "HISTORY §5f"."""
    scenario = load_scenario(ASSETS, scenario_id)
    without = [f"[{p.section}] {p.name} = {p.source!r}" for p in scenario.parameters if not p.source_ids]
    assert not without, "parameters without a source id:\n" + "\n".join(without)


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_model_parameter_is_documented(scenario_id):
    """The model card lists every parameter: none may fall back silently to a code default."""
    scenario = load_scenario(ASSETS, scenario_id)
    documented = {p.name for p in scenario.parameters}
    missing = [f.name for f in fields(Params) if f.name not in documented | {"classes", "schedule", "county_villages", "extras"}]
    assert not missing
    assert {f.name for f in fields(ClassTable)} <= documented
    assert {f.name for f in fields(Schedule)} <= documented
    assert "villages" in documented  # [county] villages -> Params.county_villages


# --- broken scenario files ---------------------------------------------------------------

@pytest.fixture
def assets(tmp_path) -> Path:
    """An assets folder with a copy of the default scenario."""
    folder = tmp_path / "assets" / "scenarios"
    folder.mkdir(parents=True)
    shutil.copy(DEFAULT, folder / "north-china.toml")
    return tmp_path / "assets"


def rewrite(assets: Path, change, name: str = "north-china") -> Path:
    path = assets / "scenarios" / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    new = change(text)
    assert new != text, "the test's change did not apply"
    path.write_text(new, encoding="utf-8")
    return path


def drop_line(key: str):
    return lambda text: re.sub(rf"^{key} = .*\n", "", text, count=1, flags=re.M)


def replace_line(key: str, line: str):
    return lambda text: re.sub(rf"^{key} = .*$", line, text, count=1, flags=re.M)


def test_the_copied_scenario_loads(assets):
    scenario = load_scenario(assets, "north-china")
    assert np.array_equal(scenario.params.schedule.quota, load_scenario(ASSETS, "north-china").params.schedule.quota)


BROKEN = {
    # case: (change, words the message must contain)
    "missing class row": (drop_line("persons"), ["persons", "classes"]),
    "missing schedule row": (drop_line("pressure"), ["pressure", "schedule"]),
    "missing scalar parameter": (drop_line("tfp"), ["tfp"]),
    "missing county size": (drop_line("villages"), ["villages", "county"]),
    "short class row": (replace_line("households", 'households = { value = [21, 50, 25, 2], unit = "households", source = "S1" }'),
                        ["households", "5"]),
    "long schedule row": (replace_line("quota", "quota = { values = [" + ", ".join(["0.1"] * 17) + '], unit = "share", source = "S1" }'),
                          ["quota", "16"]),
    "wrong tuple length": (replace_line("harvest_share", 'harvest_share = { value = [0.5, 0.5], unit = "share", source = "S1" }'),
                           ["harvest_share", "4"]),
    "string for a number": (replace_line("tfp", 'tfp = { value = "lots", unit = "jin", source = "S1" }'), ["tfp"]),
    "string in a list": (replace_line("skill", 'skill = { value = [1, 1, "x", 1, 1], unit = "x", source = "S1" }'), ["skill"]),
    "boolean for a number": (replace_line("omega", 'omega = { value = true, unit = "share", source = "S39" }'), ["omega"]),
    "bare number without unit and source": (replace_line("rho", "rho = 0.2"), ["rho"]),
    "missing unit": (replace_line("retention", 'retention = { value = 440.0, source = "S30" }'), ["retention", "unit"]),
    "empty source": (replace_line("ration", 'ration = { value = 450.0, unit = "jin", source = " " }'), ["ration", "source"]),
    "unknown parameter": (lambda t: t.replace("[production]\n", '[production]\nturbo = { value = 1.0, unit = "x", source = "S1" }\n', 1),
                          ["turbo"]),
    "not finite": (replace_line("tfp", 'tfp = { value = nan, unit = "jin", source = "S1" }'), ["tfp"]),
    "wrong scenario id": (replace_line("id", 'id = "south-china"'), ["id", "[scenario]"]),
    "base is itself": (lambda t: t.replace('id = "north-china"', 'id = "north-china"\nbase = "north-china"', 1),
                       ["base"]),
    "county too large": (replace_line("villages", 'villages = { value = 100000, unit = "villages", source = "E-economics-brief" }'),
                         ["villages"]),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_scenario_names_the_file_and_the_key(assets, case):
    change, words = BROKEN[case]
    path = rewrite(assets, change)
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(assets, "north-china")
    message = str(excinfo.value)
    assert path.name in message
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert "\n" not in message.strip()


def test_invalid_toml_names_the_file_and_the_line(assets):
    path = rewrite(assets, lambda t: t.replace("[production]", "[production\n", 1))
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(assets, "north-china")
    message = str(excinfo.value)
    assert path.name in message and "TOML" in message
    assert re.search(r"\.toml:\d+: TOML syntax error", message)  # file:line


def test_unknown_scenario_lists_the_available_ones(assets):
    shutil.copy(ASSETS / "scenarios" / "no-directive.toml", assets / "scenarios" / "no-directive.toml")
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(assets, "south-china")
    message = str(excinfo.value)
    assert "south-china" in message
    assert "north-china" in message and "no-directive" in message
    with pytest.raises(ScenarioError, match="north-china"):
        load_scenario(ASSETS, "atlantis")


def test_a_derived_scenario_overrides_only_its_tables(assets):
    (assets / "scenarios" / "dry-year.toml").write_text(
        '[scenario]\nid = "dry-year"\nbase = "north-china"\ntitle = "Dry"\n\n'
        '[shocks]\nweather_sigma = { value = 0.3, unit = "log-sd", source = "E-economics-brief" }\n', encoding="utf-8")
    derived = load_scenario(assets, "dry-year")
    base = load_scenario(assets, "north-china")
    assert derived.params.weather_sigma == 0.3 != base.params.weather_sigma
    assert derived.params.tfp == base.params.tfp
    assert np.array_equal(derived.params.schedule.pressure, base.params.schedule.pressure)
    assert derived.title == "Dry"


def test_a_derived_scenario_with_a_missing_base(assets):
    (assets / "scenarios" / "orphan.toml").write_text(
        '[scenario]\nid = "orphan"\nbase = "nowhere"\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="nowhere"):
        load_scenario(assets, "orphan")


def test_scenarios_that_are_each_others_base(assets):
    """A cycle of bases must end in a ScenarioError, not a RecursionError."""
    for name, other in (("ping", "pong"), ("pong", "ping")):
        (assets / "scenarios" / f"{name}.toml").write_text(
            f'[scenario]\nid = "{name}"\nbase = "{other}"\n', encoding="utf-8")
    with pytest.raises(ScenarioError) as excinfo:
        load_scenario(assets, "ping")
    assert "ping" in str(excinfo.value) or "pong" in str(excinfo.value)
