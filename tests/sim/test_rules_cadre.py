"""Rule-level tests of the cadre and the county (M11) on one hand-built village, numbers worked
out by hand (issue 18): how an AI secretary picks a stance, the directive's switches (screening,
the poor peasants' fund, winter water works), when co-op meetings on the higher stage are
called, the work team, the reported share, the rectification checks, what a report sets for
next year, and every count of the county's verdict.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.sim import cadre
from game.sim.levers import Levers
from game.sim.params import DIRECTIVE_SEASON, HIGHER, INDEPENDENT, LOWER
from test_rules import constant_schedule, village, villages

AUTUMN_AFTER = DIRECTIVE_SEASON + 1  # autumn 1955: the first verdict under the new line
assert AUTUMN_AFTER % 4 == 2


def _p(params, **rows):
    """Parameters fixed to the values the hand computations below use."""
    p = constant_schedule(params, **{"pressure": 0.5, "quota": 0.5, "line_weight": 0.0, "commandism_check": 0.0,
                                     "higher_allowed": 0.0, "higher_quota": 0.0, "contraction": 0.0,
                                     "valuation": 0.55, "rectification": 0.0, **rows})
    return replace(p, cadre_temperature=0.25, stance_pressure=(0.5, 0.8, 1.2, 1.6), stance_unrest=(0.0, 0.05, 0.25, 0.8),
                   report_bias=(1.0, 0.92, 1.1), rectify_detect=0.6, removal_career=-4.0, hunger_complaints=0.15,
                   procurement_shortfall=0.9)


def _levers(p, t, state=None, stance=0.5, upgrade=0.5, dissolve=0.5, screen=0.5):
    state = village(p, 10) if state is None else state
    return cadre.ai_levers(state, p, t, np.array([[stance, upgrade, dissolve, screen]]))


# ------------------------------------------------------------------ the AI secretary's stance
def test_a_secretary_the_county_does_not_press_mostly_persuades(params):
    # line weight 0: score = -unrest; softmax at temperature 0.25 over (0, 0.05, 0.25, 0.8):
    # exp(0, -0.2, -1.0, -3.2) = 1, 0.8187, 0.3679, 0.0408 -> cumulative 0.449, 0.817, 0.982, 1
    p = _p(params)
    picks = {draw: int(_levers(p, 4, stance=draw).stance[0]) for draw in (0.44, 0.46, 0.81, 0.83, 0.98, 0.99)}
    assert picks == {0.44: 0, 0.46: 1, 0.81: 1, 0.83: 2, 0.98: 2, 0.99: 3}


def test_a_secretary_who_expects_criticism_for_coercion_almost_never_coerces(params):
    # commandism check 1: coercion's unrest counts three times, exp(-9.6) ~ 0.00007
    p = _p(params, commandism_check=1.0)
    assert int(_levers(p, 4, stance=0.99).stance[0]) == 2
    assert int(_levers(p, 4, stance=0.99999).stance[0]) == 3


def test_a_secretary_pressed_on_the_quota_mostly_coerces(params):
    # line weight 1, nobody in: attainment = stance push x pressure 0.5 x 0.5 / quota 0.5 = 0.25, 0.4,
    # 0.6, 0.8; score = 2 x attainment - 0.2 x unrest = 0.5, 0.79, 1.15, 1.44; softmax cumulative
    # 0.017, 0.069, 0.291, 1
    p = _p(params, line_weight=1.0)
    picks = [int(_levers(p, 4, stance=draw).stance[0]) for draw in (0.01, 0.03, 0.2, 0.3, 0.9)]
    assert picks == [0, 1, 2, 3, 3]


def test_grievance_and_hunger_make_every_stance_costlier(params):
    # with grievance 1 everywhere unrest doubles: exp(0, -0.4, -2, -6.4) = 1, 0.670, 0.135, 0.002
    # -> cumulative 0.553, 0.924, 0.999 (against 0.449, 0.817, 0.982 without grievance)
    p = _p(params)
    angry = village(p, 10, grievance=1.0)
    picks = [int(_levers(p, 4, angry, stance=draw).stance[0]) for draw in (0.55, 0.56, 0.92, 0.93)]
    assert picks == [0, 1, 1, 2]
    hungry = village(p, 10, hunger=1.0)
    assert [int(_levers(p, 4, hungry, stance=draw).stance[0]) for draw in (0.55, 0.56)] == [0, 1]  # hunger 1: the same


# ------------------------------------------------------------------ the directive's switches
def test_before_the_directive_some_co_ops_screen_after_it_all_recruit_the_poor(params):
    p = _p(params)
    before = DIRECTIVE_SEASON - 1
    assert int(_levers(p, before, screen=0.10).admission[0]) == 0  # screen
    assert int(_levers(p, before, screen=0.20).admission[0]) == 1  # recruit the poor
    assert int(_levers(p, DIRECTIVE_SEASON, screen=0.10).admission[0]) == 1


def test_the_poor_peasants_fund_opens_the_season_after_the_directive(params):
    p = _p(params)
    assert not _levers(p, DIRECTIVE_SEASON).poor_fund[0]
    assert _levers(p, DIRECTIVE_SEASON + 1).poor_fund[0]
    assert _levers(p, DIRECTIVE_SEASON + 5).poor_fund[0]


def test_water_works_in_the_winters_from_the_directive_on(params):
    p = _p(params)
    winter_before, winter_after = DIRECTIVE_SEASON - 2, DIRECTIVE_SEASON + 2
    assert winter_before % 4 == 3 and winter_after % 4 == 3
    assert not _levers(p, winter_before).water_works[0]
    assert _levers(p, winter_after).water_works[0]
    assert not _levers(p, winter_after - 1).water_works[0]  # autumn
    assert not _levers(p, winter_after + 1).water_works[0]  # spring


def test_the_valuation_of_pooled_animals_follows_the_county_line(params):
    p = _p(params, valuation=0.7)
    assert _levers(p, 12).valuation[0] == pytest.approx(0.7)


def test_meetings_on_the_higher_stage_are_called_while_the_target_is_not_met(params):
    # called when the higher stage is allowed, the draw < 0.6 + 0.4 x pressure 0.5 = 0.8 and the
    # village's higher share is below the target + 0.05
    p = _p(params, higher_allowed=1.0, higher_quota=0.5)
    assert _levers(p, 12, upgrade=0.79).upgrade[0]
    assert not _levers(p, 12, upgrade=0.81).upgrade[0]
    assert not _levers(_p(params, higher_allowed=0.0, higher_quota=0.5), 12, upgrade=0.1).upgrade[0]
    # 5 of 10 in the higher co-op: 0.5 < 0.55 still calls; 6 of 10 does not
    five = village(p, 10, form=[HIGHER] * 5 + [LOWER] * 5)
    six = village(p, 10, form=[HIGHER] * 6 + [LOWER] * 4)
    assert _levers(p, 12, five, upgrade=0.1).upgrade[0]
    assert not _levers(p, 12, six, upgrade=0.1).upgrade[0]


def test_weak_co_ops_are_dissolved_only_in_a_contraction_and_not_everywhere(params):
    p = _p(params, contraction=1.0)
    assert _levers(p, 8, dissolve=0.29).dissolve_weak[0]
    assert not _levers(p, 8, dissolve=0.31).dissolve_weak[0]
    assert not _levers(_p(params), 8, dissolve=0.0).dissolve_weak[0]


# ------------------------------------------------------------------ work team, reports, rectification
def test_a_work_team_runs_the_campaign_at_pressure_at_least(params):
    levers = Levers.default(1)
    state = village(params, 5)
    for stance, expected in ((cadre.PERSUASION, cadre.PRESSURE), (cadre.DEMONSTRATION, cadre.PRESSURE),
                             (cadre.COERCION, cadre.COERCION)):
        levers.stance[:] = stance
        state.work_team[:] = 2.0
        assert int(cadre.effective_stance(state, levers)[0]) == expected
        state.work_team[:] = 0.0
        assert int(cadre.effective_stance(state, levers)[0]) == stance


def test_the_county_hears_an_over_report_as_more_and_an_under_report_as_less(params):
    share = np.array([0.4, 0.4, 0.4])
    heard = cadre.reported_share(share, np.array([cadre.HONEST, cadre.UNDER, cadre.OVER]))
    assert heard.tolist() == pytest.approx([0.4, 0.38, 0.46])


def test_the_autumn_and_winter_reports_set_next_year_s_assessment(params):
    p = _p(params)
    levers = Levers.default(1)
    levers.report[:] = cadre.OVER
    state = village(p, 5)
    cadre.record_report(state, p, 4, levers)  # spring: no report
    assert state.report_bias[0] == 1.0
    cadre.record_report(state, p, 6, levers)  # autumn
    assert state.report_bias[0] == pytest.approx(1.1)
    levers.report[:] = cadre.UNDER
    cadre.record_report(state, p, 7, levers)  # winter
    assert state.report_bias[0] == pytest.approx(0.92)


def test_a_rectification_check_finds_a_false_report_with_its_chance(params):
    p = _p(params, rectification=1.0)
    state = village(p, 5)
    state.report_bias[:] = 1.1
    missed = cadre.rectify(state, p, 8, np.array([[0.61, 0, 0, 0]]))
    assert not missed["false_report_found"][0] and state.report_bias[0] == 1.1 and state.career[0] == 0.0
    found = cadre.rectify(state, p, 8, np.array([[0.59, 0, 0, 0]]))
    assert found["false_report_found"][0]
    assert state.report_bias[0] == 1.0 and state.career[0] == -2.0
    honest = village(p, 5)
    assert not cadre.rectify(honest, p, 8, np.array([[0.0, 0, 0, 0]]))["false_report_found"][0]
    no_check = village(p, 5)
    no_check.report_bias[:] = 0.92
    assert not cadre.rectify(no_check, _p(params), 8, np.array([[0.0, 0, 0, 0]]))["false_report_found"][0]
    assert no_check.report_bias[0] == 0.92


# ------------------------------------------------------------------ the county's verdict
def _judge(params, members, t=AUTUMN_AFTER, report=cadre.HONEST, stance=0, draws=(0.5, 0.5, 0.5, 0.5), flows=None,
           career=0.0, work_team=0.0, chopped=0.0, hungry=0, **rows):
    p = _p(params, **{"line_weight": 1.0, **rows})
    state = village(p, 10, form=[LOWER] * members + [INDEPENDENT] * (10 - members),
                    hunger=[0.5] * hungry + [0.0] * (10 - hungry))
    state.career[:] = career
    state.work_team[:] = work_team
    state.chopped[:] = chopped
    levers = Levers.default(1)
    levers.report[:] = report
    levers.stance[:] = stance
    result = cadre.judge(state, p, t, levers, np.array([draws]), flows or {})
    return result, state


def test_a_village_above_its_quota_is_praised(params):
    result, state = _judge(params, 6)  # 0.6 of a quota of 0.5
    assert result["praise"][0] and not result["criticism"][0]
    assert result["verdict"][0] == 1.0 and state.career[0] == 1.0


def test_after_the_directive_a_village_behind_the_line_is_criticized(params):
    result, _ = _judge(params, 4)  # attainment 0.8 is not below 0.8, but 0.4 < 0.5 - 0.05: lagging
    assert result["criticism"][0] and not result["right_opportunist"][0] and not result["praise"][0]
    assert result["verdict"][0] == -1.0
    level, _ = _judge(params, 5)  # exactly at the quota: praised
    assert level["verdict"][0] == 1.0


def test_an_over_report_hides_the_lag_from_the_county(params):
    # 0.4 reported as 0.46: not lagging, attainment 0.92: neither praised nor criticized
    result, _ = _judge(params, 4, report=cadre.OVER)
    assert not result["criticism"][0] and result["verdict"][0] == 0.0


def test_a_right_opportunist_gets_a_work_team_once(params):
    result, state = _judge(params, 2)  # attainment 0.4 < 0.6 after the directive
    assert result["right_opportunist"][0] and result["work_team_sent"][0]
    assert result["verdict"][0] == -2.0 and state.work_team[0] == 2.0
    again, state = _judge(params, 2, work_team=1.0)
    assert again["right_opportunist"][0] and not again["work_team_sent"][0]
    assert again["verdict"][0] == -1.0 and state.work_team[0] == 1.0


def test_before_the_directive_slowness_is_only_criticism(params):
    t = DIRECTIVE_SEASON - 3  # autumn 1954
    assert t % 4 == 2
    result, _ = _judge(params, 2, t=t)
    assert result["criticism"][0] and not result["right_opportunist"][0] and result["verdict"][0] == -1.0
    weak_line, _ = _judge(params, 2, t=t, line_weight=0.69)
    assert not weak_line["criticism"][0] and weak_line["verdict"][0] == 0.0


def test_a_lax_county_line_judges_nobody_a_right_opportunist(params):
    result, _ = _judge(params, 2, line_weight=0.49)
    assert not result["right_opportunist"][0]
    half, _ = _judge(params, 2, line_weight=0.5)
    assert half["right_opportunist"][0]


def test_the_spring_dissolutions_are_judged_by_the_new_line_that_autumn(params):
    result, _ = _judge(params, 6, chopped=3.0)
    assert result["praise"][0] and result["right_opportunist"][0] and result["work_team_sent"][0]
    assert result["verdict"][0] == 0.0  # +1 praise, -1 work team
    later, _ = _judge(params, 6, t=AUTUMN_AFTER + 4, chopped=3.0)
    assert not later["right_opportunist"][0]


def test_no_verdict_in_spring_or_summer(params):
    for t in (AUTUMN_AFTER - 2, AUTUMN_AFTER - 1, AUTUMN_AFTER + 2):
        result, state = _judge(params, 0, t=t, stance=cadre.COERCION, draws=(0, 0, 0, 0), career=-3.9)
        assert result["verdict"][0] == 0.0 and state.career[0] == pytest.approx(-3.9)
        assert not any(result[k][0] for k in ("praise", "criticism", "removed", "commandism"))
    winter, _ = _judge(params, 6, t=AUTUMN_AFTER + 1)
    assert winter["praise"][0]


def test_a_village_that_delivers_less_than_nine_tenths_of_its_assessment_is_criticized(params):
    short, _ = _judge(params, 6, flows={"v_procurement_due": np.array([1000.0]), "v_procurement": np.array([899.0])})
    assert short["grain_shortfall"][0] and short["verdict"][0] == 0.0
    enough, _ = _judge(params, 6, flows={"v_procurement_due": np.array([1000.0]), "v_procurement": np.array([900.0])})
    assert not enough["grain_shortfall"][0] and enough["verdict"][0] == 1.0
    nothing_due, _ = _judge(params, 6, flows={"v_procurement_due": np.array([1.0]), "v_procurement": np.array([0.0])})
    assert not nothing_due["grain_shortfall"][0]


def test_hunger_complaints_reach_a_county_that_listens(params):
    # 2 of 10 hungry > 0.15; the county listens with chance 1 - 0.6 x line weight 1 = 0.4
    heard, _ = _judge(params, 6, hungry=2, draws=(0.5, 0.5, 0.39, 0.5))
    assert heard["hunger_complaints"][0] and heard["verdict"][0] == 0.0
    unheard, _ = _judge(params, 6, hungry=2, draws=(0.5, 0.5, 0.41, 0.5))
    assert not unheard["hunger_complaints"][0]
    few, _ = _judge(params, 6, hungry=1, draws=(0.5, 0.5, 0.0, 0.5))
    assert not few["hunger_complaints"][0]


def test_coercion_is_condemned_as_commandism_with_the_season_s_chance(params):
    caught, _ = _judge(params, 6, stance=cadre.COERCION, draws=(0.5, 0.5, 0.5, 0.29), commandism_check=0.3)
    assert caught["commandism"][0] and caught["verdict"][0] == 0.0
    missed, _ = _judge(params, 6, stance=cadre.COERCION, draws=(0.5, 0.5, 0.5, 0.31), commandism_check=0.3)
    assert not missed["commandism"][0]
    pressure, _ = _judge(params, 6, stance=cadre.PRESSURE, draws=(0.5, 0.5, 0.5, 0.0), commandism_check=1.0)
    assert not pressure["commandism"][0]


def test_a_secretary_whose_standing_falls_to_minus_four_is_removed(params):
    removed, state = _judge(params, 4, career=-3.0)
    assert removed["removed"][0] and state.career[0] == -4.0
    kept, _ = _judge(params, 6, career=-4.5)
    assert not kept["removed"][0]  # praised back to -3.5


# ------------------------------------------------------------------ edges found by the mutation run (issue 18)
def test_with_some_households_in_co_ops_the_secretary_weighs_the_rest(params):
    # line weight 1, 2 of 10 in co-ops (one lower, one higher: both count): momentum = push x
    # pressure 0.5 x (1 - 0.2) x 0.5 = 0.2 push; attainment = (0.2 + 0.2 push) / 0.5 = 0.6, 0.72,
    # 0.88, 1.04 -> 1; score = 2 x attainment - 0.2 x unrest = 1.2, 1.43, 1.71, 1.84; softmax at
    # 0.25: exp(-2.56, -1.64, -0.52, 0) = 0.0773, 0.1940, 0.5945, 1 -> cumulative 0.041, 0.145, 0.464, 1
    p = _p(params, line_weight=1.0)
    some = village(p, 10, form=[LOWER, HIGHER] + [INDEPENDENT] * 8)
    picks = [int(_levers(p, 4, some, stance=draw).stance[0]) for draw in (0.04, 0.043, 0.14, 0.15, 0.46, 0.47)]
    assert picks == [0, 1, 1, 2, 2, 3]


def test_each_village_s_secretary_weighs_its_own_village(params):
    p = _p(params)
    calm, angry = village(p, 10), village(p, 10, grievance=1.0)
    county = villages(calm, angry)
    draws = np.array([[0.55, 0.5, 0.5, 0.5]] * 2)
    assert cadre.ai_levers(county, p, 4, draws).stance.tolist() == [1, 0]  # as each alone (see above)
    hungry = villages(calm, village(p, 10, hunger=1.0))
    assert cadre.ai_levers(hungry, p, 4, draws).stance.tolist() == [1, 0]
    pressed = _p(params, line_weight=1.0)
    mixed = villages(village(p, 10, form=[LOWER, HIGHER] + [INDEPENDENT] * 8), village(p, 10))
    # the first as in the test above (0.15 -> 2); the second as nobody in (0.2 -> 2, 0.03 -> 1)
    assert cadre.ai_levers(mixed, pressed, 4, np.array([[0.15, .5, .5, .5], [0.03, .5, .5, .5]])).stance.tolist() == [2, 1]
    allowed = _p(params, higher_allowed=1.0, higher_quota=0.5)
    upgrade = villages(village(p, 10, form=[HIGHER] * 6 + [LOWER] * 4), village(p, 10, form=[LOWER] * 10))
    assert cadre.ai_levers(upgrade, allowed, 12, np.array([[.5, .1, .5, .5]] * 2)).upgrade.tolist() == [False, True]


def test_no_meeting_is_called_where_everyone_is_already_in_the_higher_stage(params):
    p = _p(params, higher_allowed=1.0, higher_quota=0.95)  # 1.0 is not below 0.95 + 0.05
    assert not _levers(p, 12, village(p, 10, form=[HIGHER] * 10), upgrade=0.0).upgrade[0]


def test_a_work_team_stays_at_pressure_in_its_second_season(params):
    levers = Levers.default(1)
    state = village(params, 5)
    state.work_team[:] = 1.0
    assert int(cadre.effective_stance(state, levers)[0]) == cadre.PRESSURE


def test_spring_and_summer_give_the_same_verdict_fields_all_false(params):
    autumn, _ = _judge(params, 6)
    spring, _ = _judge(params, 6, t=AUTUMN_AFTER + 2)
    assert set(spring) == set(autumn)
    for key, value in spring.items():
        assert value.dtype == autumn[key].dtype and not value.any(), key
    p = _p(params)
    unchecked = cadre.rectify(village(p, 5), p, 8, np.array([[0.0, 0, 0, 0]]))["false_report_found"]
    assert unchecked.dtype == bool and not unchecked.any()


def test_the_line_s_weights_are_thresholds_reached_at_their_value(params):
    t = DIRECTIVE_SEASON - 3  # autumn 1954: no lagging rule before the directive
    at_07, _ = _judge(params, 2, t=t, line_weight=0.7)
    assert at_07["criticism"][0]
    # after it: 4 of 10 reported against a quota of 0.5 is behind the line by more than 0.05, but
    # attainment 0.8 is not below 0.8: criticized only because the line's weight reaches 0.8
    at_08, _ = _judge(params, 4, line_weight=0.8)
    assert at_08["criticism"][0]
    below, _ = _judge(params, 4, line_weight=0.79)
    assert not below["criticism"][0]
    at_quota_08, _ = _judge(params, 4, t=t)  # before the directive attainment exactly 0.8: not criticized
    assert not at_quota_08["criticism"][0]
    three, _ = _judge(params, 3)  # attainment 0.3 / 0.5 = 0.6 is not below 0.6: no right opportunist
    assert not three["right_opportunist"][0] and three["criticism"][0]


def test_one_chopped_co_op_or_a_small_task_counts(params):
    one, _ = _judge(params, 6, chopped=1.0)
    assert one["right_opportunist"][0]
    small, _ = _judge(params, 6, flows={"v_procurement_due": np.array([1.5]), "v_procurement": np.array([0.0])})
    assert small["grain_shortfall"][0]


def test_a_cautious_county_listens_to_more_complaints(params):
    # line weight 0.5: heard with chance 1 - 0.6 x 0.5 = 0.7
    heard, _ = _judge(params, 6, hungry=2, draws=(0.5, 0.5, 0.69, 0.5), line_weight=0.5)
    assert heard["hunger_complaints"][0]
    unheard, _ = _judge(params, 6, hungry=2, draws=(0.5, 0.5, 0.71, 0.5), line_weight=0.5)
    assert not unheard["hunger_complaints"][0]


def test_each_village_is_judged_on_its_own_share_and_hunger(params):
    p = _p(params, line_weight=1.0)
    ahead = village(p, 10, form=[LOWER] * 6 + [INDEPENDENT] * 4, hunger=[0.5] * 2 + [0.0] * 8)
    behind = village(p, 10, form=[LOWER] * 2 + [INDEPENDENT] * 8)
    county = villages(ahead, behind)
    levers = Levers.default(2)
    result = cadre.judge(county, p, AUTUMN_AFTER, levers, np.array([[0.5, 0.5, 0.0, 0.5]] * 2), {})
    assert result["praise"].tolist() == [True, False]
    assert result["right_opportunist"].tolist() == [False, True]
    assert result["hunger_complaints"].tolist() == [True, False]
