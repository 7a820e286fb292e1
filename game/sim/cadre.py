"""M11 the AI cadre and the county's judgement.

Each village the AI runs picks a recruitment stance by a softmax over a few actions against
a score: how close the stance brings the village to the county's quota (weighted by how hard
the county presses the line that season) against the unrest it causes. Other levers follow
the county line of the day; after July 1955 the AI calls co-op meetings on the higher stage
as the county's target for it rises.

Each autumn and winter the county judges every secretary on what it hears and sees: progress
against the quota (as reported), any lag behind the county's line after July 1955
(slowness is "right opportunism", and a work team is sent in), the grain delivered against
the assessment, hunger and the complaints it brings, and reports of coercion ("commandism":
condemned in 1953-54, tolerated in the high tide, criticized again after the June 1956
editorial against rash advance and the Hebei report of November 1956, S81, S76, S16).
Reports matter: over-reported output raises the next year's assessment, under-reported output
lowers it, and the rectification checks of spring 1955 and spring 1956 can catch either. A
secretary whose standing falls to ``removal_career`` at any verdict is removed.
Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.levers import Levers
from game.sim.params import DIRECTIVE_SEASON, HIGHER, LOWER, Params

PERSUASION, DEMONSTRATION, PRESSURE, COERCION = range(4)
# how much a stance helps the county approve a new co-op in the village: a model co-op is what
# "demonstration" means; pressure and coercion push applications through [A]
FOUNDING_BY_STANCE = np.array([1.0, 2.5, 1.8, 2.0])
CAPACITY_BY_STANCE = np.array([1.0, 1.2, 1.5, 1.5])
HONEST, UNDER, OVER = range(3)

__all__ = ["DIRECTIVE_SEASON", "ai_levers", "judge", "rectify", "effective_stance"]


def ai_levers(state, p: Params, t: int, draws: np.ndarray) -> Levers:
    """What an AI cadre does in every village this season (``draws``: (V, 4) uniforms)."""
    sched = p.schedule
    V = state.villages
    lv = Levers.default(V)
    share = (state.form >= LOWER).sum(axis=1) / state.households
    quota = max(float(sched.quota[t]), 0.01)
    stance_push = np.asarray(p.stance_pressure)
    stance_cost = np.asarray(p.stance_unrest)
    momentum = stance_push[None, :] * sched.pressure[t] * (1.0 - share[:, None]) * 0.5
    attainment = np.minimum(1.0, (share[:, None] + momentum) / quota)
    unrest = stance_cost[None, :] * (1.0 + state.grievance.mean(axis=1, keepdims=True) + state.hunger.mean(axis=1, keepdims=True))
    weight = sched.line_weight[t]
    # a cadre who expects criticism for coercion weighs its unrest more
    caution = 1.0 + 2.0 * sched.commandism_check[t] * (np.arange(4) == COERCION)
    score = 2.0 * weight * attainment - (1.0 - 0.8 * weight) * unrest * caution[None, :]
    z = (score - score.max(axis=1, keepdims=True)) / p.cadre_temperature
    prob = np.exp(z)
    cum = np.cumsum(prob / prob.sum(axis=1, keepdims=True), axis=1)
    lv.stance = np.minimum((draws[:, :1] > cum).sum(axis=1), 3).astype(np.int8)
    # before the directive some co-ops screened out the poorest; after it, the line was to recruit the poor
    lv.admission[:] = np.where((t >= DIRECTIVE_SEASON) | (draws[:, 3] > 0.15), 1, 0)
    lv.valuation[:] = sched.valuation[t]
    lv.poor_fund[:] = t >= DIRECTIVE_SEASON + 1
    lv.water_works[:] = (t % 4 == 3) & (t >= DIRECTIVE_SEASON)
    higher_share = (state.form == HIGHER).sum(axis=1) / state.households
    # the cadre calls the co-ops' meetings on the higher stage as the county's target rises
    lv.upgrade[:] = (sched.higher_allowed[t] > 0) & (draws[:, 1] < 0.6 + 0.4 * sched.pressure[t]) & (higher_share < sched.higher_quota[t] + 0.05)
    lv.dissolve_weak[:] = (sched.contraction[t] > 0) & (draws[:, 2] < 0.3)
    return lv


def effective_stance(state, levers: Levers) -> np.ndarray:
    """The stance the campaign is actually run with: a county work team runs it at 'pressure'."""
    return np.where(state.work_team > 0, np.maximum(levers.stance, PRESSURE), levers.stance).astype(np.int8)


def reported_share(share: np.ndarray, report: np.ndarray) -> np.ndarray:
    """The share of households in co-ops as the county hears it."""
    return share * np.where(report == OVER, 1.15, np.where(report == UNDER, 0.95, 1.0))


def rectify(state, p: Params, t: int, draws: np.ndarray) -> dict[str, np.ndarray]:
    """A rectification check (spring 1955, spring 1956): false figures are found with a chance;
    the secretary is criticized and the assessment is set back to the true figures."""
    V = state.villages
    if p.schedule.rectification[t] <= 0:
        return {"false_report_found": np.zeros(V, bool)}
    false = np.abs(state.report_bias - 1.0) > 1e-9
    found = false & (draws[:, 0] < p.rectify_detect)
    state.career -= 2.0 * found
    state.report_bias = np.where(found, 1.0, state.report_bias)
    return {"false_report_found": found}


def judge(state, p: Params, t: int, levers: Levers, draws: np.ndarray, flows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The county's verdict on every secretary in autumn and winter (about -4 .. +1 per verdict)."""
    sched = p.schedule
    V = state.villages
    empty = {k: np.zeros(V, bool) for k in ("right_opportunist", "commandism", "grain_shortfall", "hunger_complaints",
                                            "work_team_sent", "removed", "praise", "criticism")}
    if t % 4 not in (2, 3):
        return {"verdict": np.zeros(V), **empty}
    share = (state.form >= LOWER).sum(axis=1) / state.households
    reported = reported_share(share, levers.report)
    attainment = reported / max(float(sched.quota[t]), 0.01)
    weight = sched.line_weight[t]
    praise = attainment >= 1.0
    # after July 1955 any village behind the county's line is slow (judged against the line, not
    # against the other villages simulated, so a village's history never depends on the county's size)
    lagging = (t >= DIRECTIVE_SEASON) & (weight >= 0.8) & (reported < sched.quota[t] - 0.05)
    criticism = ((attainment < 0.8) & (weight >= 0.7)) | lagging
    right_opportunist = (attainment < 0.6) & (t >= DIRECTIVE_SEASON) & (weight >= 0.5)
    # after July 1955 the spring's dissolutions are judged by the new line ("very improper", S1)
    if t == DIRECTIVE_SEASON + 1:
        right_opportunist |= state.chopped > 0
    # the grain task: a village that delivers much less than it was assessed for is criticized
    due = flows.get("v_procurement_due", np.zeros(V))
    delivered = flows.get("v_procurement", np.zeros(V))
    shortfall = (due > 1.0) & (delivered < p.procurement_shortfall * due)
    # hunger brings complaints; the county listens more when the line is cautious
    hungry = (state.hunger > 0).mean(axis=1)
    complaints = (hungry > p.hunger_complaints) & (draws[:, 2] < 1.0 - 0.6 * weight)
    coerced = levers.stance == COERCION
    commandism = coerced & (draws[:, 3] < sched.commandism_check[t])
    # a right opportunist is sent a county work team (once: it stays two seasons)
    work_team = right_opportunist & (state.work_team <= 0)
    verdict = (praise * 1.0 - criticism * 1.0 - work_team * 1.0 - commandism * 1.0
               - shortfall * 1.0 - complaints * 1.0)
    state.career += verdict
    state.work_team = np.where(work_team, 2.0, state.work_team)
    removed = state.career <= p.removal_career
    return {"verdict": verdict, "right_opportunist": right_opportunist, "commandism": commandism,
            "grain_shortfall": shortfall, "hunger_complaints": complaints, "work_team_sent": work_team,
            "removed": removed, "praise": praise, "criticism": criticism | lagging}


def record_report(state, p: Params, t: int, levers: Levers) -> None:
    """What the secretary reports in autumn sets the output the county assesses next year."""
    if t % 4 in (2, 3):
        state.report_bias = np.asarray(p.report_bias)[levers.report].astype(np.float64)
