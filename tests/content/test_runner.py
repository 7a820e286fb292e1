"""The content runner: scene order, conditions, choices, next, events and text rendering."""

from __future__ import annotations

import pytest

from game.content.errors import ContentError
from game.content.loader import load_content
from game.content.runner import (
    Situation,
    available_choices,
    choose,
    flags_after,
    format_value,
    render,
    season_events,
    season_scenes,
)


def values(**changes):
    base = {
        "role": "peasant", "year": 1953, "season": "spring", "t": 0,
        "household_class": "poor", "form": "independent", "family_grain": 500.0,
        "grain_per_person": 400.0, "animals": 0, "hungry": False, "standing": 0,
        "trust": 0.5, "coop_share": 0.1, "higher_share": 0.0, "bad_harvest": False,
        "good_harvest": False, "procurement": 0.0, "directive": False, "exit_open": 1.0,
        "pressure": 0.2, "career": 0.0, "wants_out": False, "quota": 0.2,
    }
    base.update(changes)
    return base


@pytest.fixture
def bundle(make_assets):
    return load_content(make_assets())


def test_scenes_by_priority_and_condition(bundle):
    ids = [s.id for s in season_scenes(bundle, Situation(values()))]
    assert ids == ["p_well"]  # p_hungry's when is false; p_team is reached only by next
    ids = [s.id for s in season_scenes(bundle, Situation(values(hungry=True)))]
    assert ids == ["p_well", "p_hungry"]  # priority 10 before 0
    cadre = [s.id for s in season_scenes(bundle, Situation(values(role="cadre", hungry=True)))]
    assert cadre == ["c_meeting", "p_hungry"]  # role 'any' runs for both roles
    assert season_scenes(bundle, Situation(values(year=1954))) == []


def test_choose_gives_effects_next_and_result(bundle):
    situation = Situation(values())
    well = bundle.scene("p_well")
    assert available_choices(well, situation) == [0, 1]
    outcome = choose(bundle, well, 0, situation, {"household_name": "The Li family"})
    assert [str(e) for e in outcome.effects] == ["flag('asked')", "standing(1)"]
    assert outcome.next is bundle.scene("p_team")
    assert outcome.result == "Zhang laughs."
    flags = flags_after(situation.flags, outcome.effects)
    assert flags == {"asked"}
    assert available_choices(well, Situation(values(), flags)) == [1]
    end = choose(bundle, well, 1, situation)
    assert end.effects == () and end.next is None and end.result is None


def test_unavailable_or_missing_choice_is_an_error(bundle):
    well = bundle.scene("p_well")
    with pytest.raises(ContentError, match="not available"):
        choose(bundle, well, 0, Situation(values(), frozenset({"asked"})))
    with pytest.raises(ContentError, match="no choice number 3"):
        choose(bundle, well, 2, Situation(values()))


def test_seen_condition(bundle):
    hungry = bundle.scene("p_hungry")
    assert available_choices(hungry, Situation(values(standing=1))) == [2]
    situation = Situation(values(standing=1), seen=frozenset({"p_well"}))
    assert available_choices(hungry, situation) == [0, 2]


def test_events_window_trigger_and_once(bundle):
    spring_1954 = values(year=1954, t=4, hungry=True)
    assert [e.id for e in season_events(bundle, Situation(spring_1954))] == ["e_spring_gap"]
    assert season_events(bundle, Situation(values(hungry=True))) == []  # before 'from'
    late = values(year=1956, season="summer", t=13, hungry=True)
    assert season_events(bundle, Situation(late)) == []  # after 'until', not spring
    fired = Situation(spring_1954, fired=frozenset({"e_spring_gap"}))
    assert season_events(bundle, fired) == []  # once = true


def test_runtime_error_names_the_file(bundle):
    bad = values()
    del bad["hungry"]
    with pytest.raises(ContentError) as caught:
        season_scenes(bundle, Situation(bad))
    assert caught.value.file.endswith("scenes/peasant/1953-spring.toml")
    assert "hungry" in caught.value.message


def test_render_fills_variables_and_never_crashes():
    text = "{household_name} has {family_grain} jin; {{braces}} {missing} {year}"
    out = render(text, {"household_name": "The Li family", "family_grain": 1234.4,
                        "year": 1953})
    assert out == "The Li family has 1234 jin; {braces} [missing] 1953"
    assert render("{a} {", {}) == "[a] {"
    assert format_value(0.35) == "0.35" and format_value(12.0) == "12"
    assert format_value(True) == "yes"
