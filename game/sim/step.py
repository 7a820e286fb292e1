"""The season step: advances every village of a county by one season in one call.

Order within a season (docs/model.md, adapted): cadre levers (AI or player) -> upgrades
and dissolutions -> the household calculus -> effort -> harvest, state take and distribution
(summer, autumn) -> sidelines and water works (slack seasons) -> consumption -> animals ->
year-end trust (autumn) -> joining and leaving, which shape next season's farming -> the
county's verdict -> indicators. No Python loop over households or villages. All randomness
comes from ``rng.stream(seed, t, name)``, each stream drawing a fixed shape.
Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from game.sim import animals as animals_mod
from game.sim import calculus as calculus_mod
from game.sim import cadre as cadre_mod
from game.sim import membership
from game.sim.consumption import consume
from game.sim.effort import choose_effort
from game.sim.harvest import harvest
from game.sim.indicators import measure
from game.sim.levers import HouseholdOverrides, Levers
from game.sim.params import HIGHER, INDEPENDENT, LOWER, N_SEASONS, Params
from game.sim.rng import stream
from game.sim.trust import year_end
from game.sim import standing as standing_mod
from game.sim.units import pick, sums_for

WITHDRAWAL_EXIT = np.array([1.0, 0.6, 0.1])  # allow with property, allow without, refuse
COERCION_BY_STANCE = np.array([0.0, 0.0, 0.3, 1.0])


@dataclass
class SeasonRecord:
    """What one season did: indicators, flows, the calculus households faced, the levers used."""

    t: int
    indicators: dict[str, np.ndarray]
    flows: dict[str, np.ndarray]
    calculus: calculus_mod.Calculus
    levers: Levers
    verdict: dict[str, np.ndarray]
    weather: np.ndarray


@dataclass
class Draws:
    """Every random draw of one season, fixed shapes, one stream each."""

    weather: np.ndarray
    disaster: np.ndarray
    luck: np.ndarray
    gumbel: np.ndarray
    membership: np.ndarray
    animals: np.ndarray
    inspection: np.ndarray
    cadre: np.ndarray
    county: np.ndarray


def season_draws(seed: int, t: int, villages: int | np.ndarray, households: int) -> Draws:
    """Two streams, each one fixed-shape block of uniforms: "village" (weather, disasters, the
    AI cadre) and "household" (luck, choices, membership, animals). Row v belongs to village
    v, so a village's draws do not depend on how many villages the county has. ``villages`` is
    the number of villages, or each village's draw row (copies of a village share its row)."""
    rows = np.arange(villages) if np.isscalar(villages) else np.asarray(villages)
    V, N = int(rows.max()) + 1, households
    village = stream(seed, t, "village").random((V, 12))
    house = stream(seed, t, "household").random((V, N, 16))
    if len(rows) != V or np.any(rows != np.arange(V)):
        village, house = village[rows], house[rows]
    return Draws(
        weather=_normal(village[:, 0], village[:, 1]),
        disaster=village[:, 2:4],
        luck=_normal(house[..., 0], house[..., 1]),
        gumbel=-np.log(-np.log(np.clip(house[..., 2:6], 1e-12, 1.0 - 1e-12))),
        membership=np.concatenate([house[..., 6:9], house[..., 13:16]], axis=-1),
        animals=house[..., 9:12],
        inspection=house[..., 12],
        cadre=village[:, 4:8],
        county=village[:, 8:12],
    )


def _normal(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """Standard normal deviates from two uniforms (Box-Muller)."""
    return np.sqrt(-2.0 * np.log(1.0 - u1)) * np.cos(2.0 * np.pi * u2)


def weather_multiplier(p: Params, draws: Draws) -> np.ndarray:
    """Village-wide weather z: lognormal, with a rare disaster year."""
    z = np.exp(p.weather_sigma * draws.weather - p.weather_sigma**2 / 2.0)
    disaster = draws.disaster[:, 0] < p.disaster_p / 2.0  # two harvests a year
    size = p.disaster_low + (p.disaster_high - p.disaster_low) * draws.disaster[:, 1]
    return np.where(disaster, z * size, z)


def merge_levers(ai: Levers, player: Levers | None, mask: np.ndarray | None) -> Levers:
    """Player levers where ``mask`` is set (the cadre player's village), AI levers elsewhere."""
    if player is None or mask is None:
        return ai
    return Levers(**{f.name: np.where(mask, getattr(player, f.name), getattr(ai, f.name)) for f in fields(Levers)})


def step(state, p: Params, player_levers: Levers | None = None, player_mask: np.ndarray | None = None,
         overrides: HouseholdOverrides | None = None, policy=None, weather: np.ndarray | None = None) -> SeasonRecord:
    """Advance ``state`` (in place) by one season and return what happened.

    ``player_levers`` replace the AI cadre's levers where ``player_mask`` is set; ``policy``
    (``policy(levers, t)``, mutating) lets scripted cadres adjust the merged levers; ``weather``
    replaces the season's weather where it is not NaN (what-if variants of the debrief).
    """
    t = state.t
    if t >= N_SEASONS:
        raise ValueError("the game has already reached winter 1956")
    sched = p.schedule
    V, N = state.cls.shape
    draws = season_draws(state.seed, t, state.draw_row, N)
    if overrides is None:
        overrides = HouseholdOverrides.none(V, N)
    levers = merge_levers(cadre_mod.ai_levers(state, p, t, draws.cadre), player_levers, player_mask)
    if policy is not None:
        policy(levers, t)
    stance = cadre_mod.effective_stance(state, levers)
    pressure = sched.pressure[t] * np.asarray(p.stance_pressure)[stance]
    exit_open = sched.exit_open[t] * WITHDRAWAL_EXIT[levers.withdrawal]
    coercion = COERCION_BY_STANCE[stance]
    state.coercion = coercion
    bias = np.where(levers.assessment == 1, p.high_assessment, 1.0) * state.report_bias

    flows: dict[str, np.ndarray] = {}
    flows.update({k: v.astype(float) for k, v in cadre_mod.rectify(state, p, t, draws.cadre).items()})
    if sched.contraction[t] > 0:
        flows["dissolved"] = membership.dissolve_weak(state, p, levers.dissolve_weak).astype(float)
        state.chopped += flows["dissolved"].sum(axis=1)
    sums = sums_for(state)

    metering = levers.metering(p.metering_lower, p.metering_higher)
    calc = calculus_mod.compute(state, p, t, sums, levers, pressure, bias, metering, detail=False)
    inside = pick(calc.total, state.form)
    gain = inside - calc.total[..., INDEPENDENT]
    state.effort, compliance = choose_effort(state, p, sums, levers.omega, exit_open, gain, inside, metering)
    state.effort = np.where(np.isnan(overrides.effort), state.effort, np.clip(overrides.effort, 0.0, 1.0))
    flows["compliance"] = compliance

    drawn = weather_multiplier(p, draws)
    weather = drawn if weather is None else np.where(np.isnan(weather), drawn, weather)
    luck = np.exp(p.luck_sigma * draws.luck - p.luck_sigma**2 / 2.0)
    luck = np.where(np.isnan(overrides.luck), luck, overrides.luck)
    sideline_share = np.where(np.isnan(overrides.sideline), 1.0, np.clip(overrides.sideline, 0.0, 1.0))
    if p.harvest_share[t % 4] > 0:
        flows.update(harvest(state, p, t, sums, weather, luck, levers, pressure, bias, overrides.hide_grain, metering,
                             draws.inspection))
    else:
        flows.update(slack_season(state, p, t, levers, sideline_share))
    flows.update(consume(state, p, t, overrides.sell_grain))
    flows.update(animals_mod.decide(state, p, t, pressure, levers.valuation, draws.animals, overrides.animals))
    # coercion builds grievance among those exposed to it, every season it lasts (M8)
    state.grievance += p.grievance_coercion * coercion[:, None] * state.vuln
    state.trust = np.clip(state.trust - 0.02 * coercion[:, None] * state.vuln, 0.0, 1.0)

    before = state.form.copy()
    members_before = (state.form >= LOWER).sum(axis=1)
    blocked_prev = state.grievance > 0.25
    if t % 4 == 2:
        coop_option = np.where(state.form >= LOWER, inside, calc.total[..., LOWER:].max(axis=-1))
        flows.update(year_end(state, p, coercion, blocked_prev, coop_option, calc.total[..., INDEPENDENT]))
    prefs = membership.preferences(state, p, t, calc.total, pressure)
    flows.update(membership.choose(state, p, t, prefs, levers, pressure, exit_open, draws.gumbel,
                                   draws.membership, overrides.form, overrides.vote, draws.county))
    flows["standing"] = standing_mod.update(state, p, t, before, flows, sideline_share)
    state.unrest = state.grievance.sum(axis=1) / state.households + (state.hunger > 0).sum(axis=1) / state.households + 0.5 * coercion
    state.work_team = np.maximum(state.work_team - 1.0, 0.0)
    cadre_mod.record_report(state, p, t, levers)
    verdict = cadre_mod.judge(state, p, t, levers, draws.cadre, flows)

    state.flows = {k: v for k, v in flows.items() if not k.startswith("v_")}
    state.t = t + 1
    indicators = measure(state, flows, members_before)
    return SeasonRecord(t, indicators, flows, calc, levers, verdict, weather)


def slack_season(state, p: Params, t: int, levers: Levers, share: np.ndarray) -> dict[str, np.ndarray]:
    """Spring and winter: spare labour goes to sidelines (money) or to field work that raises the
    next harvest (manure, ditches: the co-op's fields for members, the household's own
    otherwise). Water works take half the winter; a higher co-op squeezed sidelines (S51)."""
    winter_works = levers.water_works & (t % 4 == 3)
    slack = 1.0 - np.where(winter_works, 0.5, 0.0)[:, None]
    squeezed = np.where(state.form == HIGHER, p.higher_sidelines, 1.0)
    side = p.sideline * state.lab * slack * share * squeezed
    state.cash += side
    state.year_income += side
    # labour not in sidelines (the higher co-op draws half of it into collective work) goes into the fields
    state.prep *= 1.0 + p.slack_work_gain * (1.0 - share * squeezed)
    state.irrigation *= np.where(winter_works, 1.01, 1.0)
    return {"sideline": side, "v_sideline": side.sum(axis=1)}


def season_levers(state, p: Params, player_levers: Levers | None = None, player_mask: np.ndarray | None = None,
                  policy=None) -> Levers:
    """The levers every village will use this season (AI, player, policy), without running it."""
    draws = season_draws(state.seed, state.t, state.draw_row, state.households)
    levers = merge_levers(cadre_mod.ai_levers(state, p, state.t, draws.cadre), player_levers, player_mask)
    if policy is not None:
        policy(levers, state.t)
    return levers


def season_calculus(state, p: Params, levers: Levers) -> calculus_mod.Calculus:
    """What every household can expect this season in each form, before anything happens."""
    t = state.t
    pressure = p.schedule.pressure[t] * np.asarray(p.stance_pressure)[cadre_mod.effective_stance(state, levers)]
    bias = np.where(levers.assessment == 1, p.high_assessment, 1.0) * state.report_bias
    metering = levers.metering(p.metering_lower, p.metering_higher)
    return calculus_mod.compute(state, p, t, sums_for(state), levers, pressure, bias, metering)


def season_weather(state, p: Params) -> np.ndarray:
    """This season's weather in every village (known to the story before the harvest)."""
    return weather_multiplier(p, season_draws(state.seed, state.t, state.draw_row, state.households))


def run(state, p: Params, seasons: int | None = None, policy=None) -> list[SeasonRecord]:
    """Run the AI county from the state's season to the end (or for ``seasons`` seasons)."""
    end = N_SEASONS if seasons is None else min(N_SEASONS, state.t + seasons)
    return [step(state, p, policy=policy) for _ in range(state.t, end)]
