"""M11 the AI cadre and the county's judgement.

Each village the AI runs picks a recruitment stance by a softmax over a few actions against
a score: how close the stance brings the village to the county's quota (weighted by how hard
the county presses the line that season) against the unrest it causes. Other levers follow
the county line of the day. Each autumn and winter the county judges every cadre: praise,
criticism, "right opportunist" for slowness after July 1955, reports of "commandism" for
coercion. Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.levers import Levers
from game.sim.params import LOWER, HIGHER, Params

PERSUASION, DEMONSTRATION, PRESSURE, COERCION = range(4)
DIRECTIVE_SEASON = 9  # summer 1955: the 31 July speech reaches the county


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
    score = 2.0 * weight * attainment - (1.0 - 0.8 * weight) * unrest
    z = (score - score.max(axis=1, keepdims=True)) / p.cadre_temperature
    prob = np.exp(z)
    cum = np.cumsum(prob / prob.sum(axis=1, keepdims=True), axis=1)
    lv.stance = np.minimum((draws[:, :1] > cum).sum(axis=1), 3).astype(np.int8)
    # before the directive some co-ops screened out the poorest; after it, the line was to recruit the poor
    lv.admission[:] = np.where((t >= DIRECTIVE_SEASON) | (draws[:, 3] > 0.3), 1, 0)
    lv.valuation[:] = sched.valuation[t]
    lv.poor_fund[:] = t >= DIRECTIVE_SEASON + 1
    lv.water_works[:] = (t % 4 == 3) & (t >= DIRECTIVE_SEASON)
    higher_share = (state.form == HIGHER).sum(axis=1) / state.households
    lv.upgrade[:] = (sched.higher_allowed[t] > 0) & (draws[:, 1] < sched.pressure[t] * 0.8) & (higher_share < sched.higher_quota[t] + 0.05)
    lv.dissolve_weak[:] = (sched.contraction[t] > 0) & (draws[:, 2] < 0.3)
    return lv


def judge(state, p: Params, t: int, levers: Levers, draws: np.ndarray) -> dict[str, np.ndarray]:
    """The county's verdict on every cadre in autumn and winter (-2 .. +1 per verdict)."""
    sched = p.schedule
    V = state.villages
    verdict = np.zeros(V)
    if t % 4 not in (2, 3):
        return {"verdict": verdict, "right_opportunist": np.zeros(V, bool), "commandism": np.zeros(V, bool)}
    share = (state.form >= LOWER).sum(axis=1) / state.households
    reported = share * np.where(levers.report == 2, 1.15, np.where(levers.report == 1, 0.9, 1.0))
    attainment = reported / max(float(sched.quota[t]), 0.01)
    weight = sched.line_weight[t]
    praise = attainment >= 1.0
    # after July 1955 a village is also judged against the county's pace: lagging is slowness
    lagging = (t >= DIRECTIVE_SEASON) & (reported < share.mean() - 0.05)
    criticism = ((attainment < 0.8) & (weight >= 0.5)) | lagging
    right_opportunist = (attainment < 0.6) & (t >= DIRECTIVE_SEASON) & (weight >= 0.5)
    # after July 1955 the spring's dissolutions are judged by the new line ("very improper", S1)
    if t == DIRECTIVE_SEASON + 1:
        right_opportunist |= state.chopped > 0
    coerced = levers.stance == COERCION
    # commandism is reported more when the line is cautious
    commandism = coerced & (draws[:, 3] < np.where(weight >= 0.7, 0.15, 0.5))
    verdict = praise * 1.0 - criticism * 1.0 - right_opportunist * 1.0 - commandism * 1.0
    verdict = np.where(right_opportunist & praise, verdict - 1.0, verdict)
    state.career += verdict
    return {"verdict": verdict, "right_opportunist": right_opportunist, "commandism": commandism}
