"""``hightide audit``: a strategy tournament that keeps the game honest.

Named bot strategies play every playable household and the cadre over many seeds, as a
student would (scene choices by a fixed rule: the first option open), through the same
``Session`` as every front end. For each household and strategy the audit reports the mean
and spread of every ending axis, and three checks:

- **no dominant strategy**: no strategy is at least as good as every other on every axis;
- **choice matters**: the range of the strategies' mean wealth is at least the typical spread
  of wealth across seeds within a strategy (luck must not swamp choice);
- **the calculus is honest**: at decision points the game forks the household's game under the
  same luck, joins in one branch and stays in the other for a year, and compares the realised
  difference in income with what the calculus forecast: the sign must be right in at least 85%
  of cases and the median error at most 20% of the household's income.

Bots play in a county of one village for a peasant household (its village's history does not
depend on the county's size) and in a county of ``CADRE_COUNTY`` villages for the cadre.
Never imports textual.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

import numpy as np


from game.session import views
from game.session.actions import (Action, ActionError, ChooseScene, EndSeason, HideGrain, SellGrain, SetEffort, SetForm,
                                  SetLever, SetSideline)
from game.session.game import PLAYER_VILLAGE, GameSetup, Session
from game.sim.params import DIRECTIVE_SEASON, FORMS, HIGHER, INDEPENDENT, LOWER, N_SEASONS, TEAM

HOUSEHOLDS = ("li_guiying", "zhang_dewang", "wang_fu", "zhao_shouren", "qian_baoshan")
CADRE_COUNTY = 10
CHECK_SEASONS = (2, 3, 6, 7, 9, 10, 11)  # the seasons co-ops took members, 1953-55
SIGN_SHARE = 0.85
ERROR_SHARE = 0.20
# a forecast "points one way" when the gain or loss it shows is at least this share of the
# household's income; the sign is checked on those cases (a forecast of +10 jin on 2,000 is a
# shrug, and its sign against one year's realised difference is a coin toss); the error on all
DECISIVE = 0.05


# ------------------------------------------------------------------ household strategies
def _join(session: Session) -> str:
    """The form that means 'be in the co-op' this season: stay or go higher with it, or apply."""
    current = session.household_form()
    if current == "higher":
        return "higher"
    if current == "lower":
        return "higher" if session.meeting_called() else "lower"
    for form in ("lower", "higher"):
        if session.form_reason(form) is None and session.calculus.available[FORMS.index(form)]:
            return form
    return current


def _outside(session: Session, team: bool) -> str:
    """Stay out of the co-ops: farm alone, or in a team when asked to (leaving only when the rules allow)."""
    current = session.household_form()
    want = "team" if team else "independent"
    if current in ("lower", "higher"):
        return want if session.form_reason(want) is None else ("lower" if current == "lower" else "higher")
    return want


def _class_mode(session: Session) -> str:
    """What most households of the player's class do now."""
    s, v, h = session.state, PLAYER_VILLAGE, session.household
    forms = s.form[v][s.cls[v] == s.cls[v, h]]
    mode = int(np.bincount(forms, minlength=4).argmax())
    return _join(session) if mode >= LOWER else FORMS[mode]


HouseholdRule = Callable[[Session], str]
HOUSEHOLD_STRATEGIES: dict[str, tuple[str, HouseholdRule, bool]] = {
    # name: (description, the form wished this season, hide grain at harvests)
    "never_join": ("farm alone, never join", lambda s: _outside(s, team=False), False),
    "team_only": ("a mutual-aid team, never a co-op", lambda s: _outside(s, team=True), False),
    "join_early": ("apply to a co-op from autumn 1953, go higher with it", lambda s: _join(s) if s.t >= 2 else _outside(s, team=True), False),
    "join_after_directive": ("stay out until July 1955, then join", lambda s: _join(s) if s.t >= DIRECTIVE_SEASON else _outside(s, team=True), False),
    "follow_class": ("do what most of the household's class does", _class_mode, False),
    "hold_out_and_hide": ("never join, and hide grain from every assessment", lambda s: _outside(s, team=False), True),
    "join_last_season": ("stay out, apply only in the last season", lambda s: _join(s) if s.t >= N_SEASONS - 1 else _outside(s, team=False), False),
    "join_and_toil": ("join after July 1955; full effort, slack seasons to the collective, extra grain sold", lambda s: _join(s) if s.t >= DIRECTIVE_SEASON else _outside(s, team=True), False),
    "join_and_shirk": ("join after July 1955; save strength for the private plot, all slack labour in sidelines", lambda s: _join(s) if s.t >= DIRECTIVE_SEASON else _outside(s, team=True), False),
}
# the effort, slack-season and selling choices of the strategies that make them
EXTRA: dict[str, dict[str, float]] = {"join_and_toil": {"effort": 1.0, "sideline": 0.0, "sell": 100.0},
                                      "join_and_shirk": {"effort": 0.6, "sideline": 1.0, "sell": 0.0}}

# ------------------------------------------------------------------ cadre strategies
CadreRule = Callable[[int], dict[str, object]]
CADRE_STRATEGIES: dict[str, tuple[str, CadreRule]] = {
    "persuasion_only": ("voluntary persuasion, honest reports, never calls the higher stage",
                        lambda t: {"stance": "persuasion", "report": "honest", "upgrade": False}),
    "historical_line": ("a model co-op until July 1955, then press; go higher when the county asks; the poor peasants' fund",
                        lambda t: {"stance": "demonstration" if t < DIRECTIVE_SEASON else "pressure", "report": "honest",
                                   "upgrade": True, "poor_fund": True}),
    "push_hard": ("pressure throughout, assess high, task rates, go higher at once",
                  lambda t: {"stance": "pressure", "assessment": "high", "work_points": "task_rates", "report": "honest",
                             "upgrade": True}),
    "over_report": ("pressure and over-reported output and progress",
                    lambda t: {"stance": "pressure", "report": "over", "upgrade": True}),
    "coerce": ("coercion after July 1955, refuse withdrawals, go higher at once",
               lambda t: {"stance": "coercion" if t >= DIRECTIVE_SEASON else "pressure", "withdrawal": "refuse",
                          "upgrade": True, "report": "honest"}),
    "cautious_and_honest": ("a model co-op and persuasion, fair prices for animals, the poor fund, water works; higher only in summer 1956",
                            lambda t: {"stance": "demonstration", "report": "honest", "poor_fund": True, "water_works": True,
                                       "valuation": 0.8, "upgrade": t >= 13}),
}


# ------------------------------------------------------------------ playing
STORY_EFFECTS = ("flag", "standing", "document")


def clear_scenes(session: Session) -> None:
    """Answer every scene of the season by the audit's fixed rule: the first open option whose
    effects are story only (flags, words at meetings, documents), else the first open option; so
    that the bots' economic choices are their strategies', not the scenes'."""
    while session.queue:
        passage = session.bundle.passage(session.queue[0])
        open_ = session.open_choices(passage)
        story = [i for i in open_ if all(e.name in STORY_EFFECTS for e in passage.choices[i].effects)]
        session.apply(ChooseScene(passage.id, (story or open_ or [0])[0]))


def _try(session: Session, action: Action) -> None:
    try:
        session.apply(action)
    except ActionError:
        pass


def household_turn(session: Session, strategy: str) -> None:
    """One season of a household bot: scenes, then its strategy's choices."""
    _, rule, hide = HOUSEHOLD_STRATEGIES[strategy]
    clear_scenes(session)
    _try(session, SetForm(rule(session)))
    extra = EXTRA.get(strategy, {})
    if "effort" in extra and session.household_form() in ("lower", "higher"):
        _try(session, SetEffort(extra["effort"]))
    if "sideline" in extra and session.t % 4 in (0, 3):
        _try(session, SetSideline(extra["sideline"]))
    if extra.get("sell") and session.t % 4 == 2 and session.state.grain[PLAYER_VILLAGE, session.household] > 600:
        _try(session, SellGrain(extra["sell"]))
    p = session.params
    if p.harvest_share[session.t % 4] > 0 and p.schedule.procurement_on[session.t] > 0 and session.household_form() in ("independent", "team"):
        _try(session, HideGrain(200.0 if hide else 0.0))


def cadre_turn(session: Session, strategy: str) -> None:
    _, rule = CADRE_STRATEGIES[strategy]
    clear_scenes(session)
    for name, value in rule(session.t).items():
        if session.lever_reason(name, value) is None:
            _try(session, SetLever(name, value))


def play(role: str, household: str | None, strategy: str, seed: int) -> Session:
    """A whole game of one bot."""
    county = 1 if role == "peasant" else CADRE_COUNTY
    session = Session(GameSetup(role=role, household=household, seed=seed, county=county, player=f"bot:{strategy}"))
    while not session.finished:
        household_turn(session, strategy) if role == "peasant" else cadre_turn(session, strategy)
        session.apply(EndSeason())
    return session


# ------------------------------------------------------------------ the calculus against what happens
def season_income(session: Session, t: int) -> float:
    """The household's income in season t, as the calculus counts it (grain kept or received, money
    for grain sold at the state price, instalments, private plot, sidelines)."""
    flows = session.logs[t].flows
    h = session.household
    return float(flows.get("income", np.zeros(h + 1))[h] + flows.get("sideline", np.zeros(h + 1))[h])


def calculus_case(session: Session, strategy: str) -> dict | None:
    """Fork the game now: one branch joins the co-op, the other stays as it is, both for a year under
    the same luck. Returns the forecast and the realised gain of joining, or None if there is no
    such choice now (or the co-op did not take the household in)."""
    h, t = session.household, session.t
    current = session.household_form()
    if current not in ("independent", "team") or t + 5 > N_SEASONS:
        return None
    calc = session.calculus
    join = next((f for f in (LOWER, HIGHER) if calc.open[PLAYER_VILLAGE, h, f] and session.form_reason(FORMS[f]) is None), None)
    if join is None:
        return None
    stay = FORMS.index(current)
    forecast = float(calc.total[PLAYER_VILLAGE, h, join] - calc.total[PLAYER_VILLAGE, h, stay])
    incomes = []
    for wish in (FORMS[join], current):
        branch = session.fork()
        branch.average_luck = True  # the one thing no forecast can know: this household's own luck
        _try(branch, SetForm(wish))
        branch.apply(EndSeason())
        if wish == FORMS[join] and branch.household_form() not in ("lower", "higher"):
            return None
        for _ in range(4):
            clear_scenes(branch)
            _try(branch, SetForm(_join(branch) if wish == FORMS[join] else current))
            branch.apply(EndSeason())
        incomes.append(sum(season_income(branch, k) for k in range(t + 1, t + 5)))
    realised = incomes[0] - incomes[1]
    return {"household": session.setup.household, "strategy": strategy, "seed": session.setup.seed, "season": t,
            "forecast": forecast, "realised": realised, "income": float(np.mean(incomes))}


# the strategies whose games meet the decision points of staying out (the others meet the same
# ones before they join, or none): the calculus is checked on their games
CHECKED_STRATEGIES = ("never_join", "team_only")


def play_with_checks(household: str, strategy: str, seed: int) -> tuple[Session, list[dict]]:
    """A household bot's game, with the calculus checked at the audit's decision points."""
    session = Session(GameSetup(role="peasant", household=household, seed=seed, county=1, player=f"bot:{strategy}"))
    cases = []
    while not session.finished:
        if session.t in CHECK_SEASONS and strategy in CHECKED_STRATEGIES:
            clear_scenes(session)
            case = calculus_case(session, strategy)
            if case is not None:
                cases.append(case)
        household_turn(session, strategy)
        session.apply(EndSeason())
    return session, cases


# ------------------------------------------------------------------ the tournament
@dataclass
class AuditResult:
    strategies: list[dict]
    checks: dict
    cases: list[dict]

    @property
    def passed(self) -> bool:
        return all(c["passed"] for c in self.checks.values())

    def to_json(self) -> str:
        return json.dumps({"strategies": self.strategies, "checks": self.checks}, ensure_ascii=False)


def _summary(role: str, household: str | None, strategy: str, endings: list[dict[str, float]], seeds: list[int]) -> dict:
    axes = {}
    for name, _, _ in views.AXES[role]:
        values = np.array([e[name] for e in endings])
        axes[name] = {"mean": round(float(values.mean()), 3), "sd": round(float(values.std(ddof=1)) if len(values) > 1 else 0.0, 3)}
    return {"role": role, "household": household, "strategy": strategy, "seeds": seeds, "axes": axes}


def dominant(rows: list[dict]) -> list[str]:
    """Strategies at least as good as every other one on every axis (by the mean over seeds)."""
    out = []
    for a in rows:
        if all(all(a["axes"][k]["mean"] >= b["axes"][k]["mean"] for k in a["axes"]) for b in rows if b is not a):
            out.append(a["strategy"])
    return out


def run(seeds: int = 20, first_seed: int = 1, households: tuple[str, ...] = HOUSEHOLDS, cadre: bool = True,
        progress: Callable[[str], None] | None = None) -> AuditResult:
    """Play the tournament and judge it."""
    seed_list = list(range(first_seed, first_seed + seeds))
    rows: list[dict] = []
    cases: list[dict] = []
    seen: set[tuple] = set()
    for household in households:
        for strategy in HOUSEHOLD_STRATEGIES:
            endings = []
            for seed in seed_list:
                session, found = play_with_checks(household, strategy, seed)
                endings.append(views.ending_axes(session))
                for case in found:  # strategies that played alike so far meet the same decision point once
                    key = (case["household"], case["seed"], case["season"], round(case["forecast"], 6))
                    if key not in seen:
                        seen.add(key)
                        cases.append(case)
            rows.append(_summary("peasant", household, strategy, endings, seed_list))
            if progress:
                progress(f"{household} / {strategy}")
    if cadre:
        for strategy in CADRE_STRATEGIES:
            endings = [views.ending_axes(play("cadre", None, strategy, seed)) for seed in seed_list]
            rows.append(_summary("cadre", None, strategy, endings, seed_list))
            if progress:
                progress(f"cadre / {strategy}")
    return AuditResult(rows, judge(rows, cases), cases)


def judge(rows: list[dict], cases: list[dict]) -> dict:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["household"] or "cadre", []).append(row)
    dominated = {name: dominant(group) for name, group in groups.items()}
    no_dominant = {"passed": not any(dominated.values()), "dominant": {k: v for k, v in dominated.items() if v}}
    matters = {}
    for name, group in groups.items():
        if name == "cadre":
            continue
        means = [r["axes"]["wealth"]["mean"] for r in group]
        spread = float(np.median([r["axes"]["wealth"]["sd"] for r in group]))
        matters[name] = {"range": round(max(means) - min(means), 1), "median_sd": round(spread, 1),
                         "passed": max(means) - min(means) >= spread}
    choice = {"passed": all(m["passed"] for m in matters.values()), "households": matters}
    if cases:
        forecast = np.array([c["forecast"] for c in cases])
        realised = np.array([c["realised"] for c in cases])
        income = np.array([max(c["income"], 1.0) for c in cases])
        decisive = np.abs(forecast) >= DECISIVE * income
        right = float(np.mean(np.sign(forecast[decisive]) == np.sign(realised[decisive]))) if decisive.any() else 0.0
        right_all = float(np.mean(np.sign(forecast) == np.sign(realised)))
        error = float(np.median(np.abs(forecast - realised) / income))
        honest = {"passed": right >= SIGN_SHARE and error <= ERROR_SHARE, "cases": len(cases), "decisive_cases": int(decisive.sum()),
                  "right_sign": round(right, 3), "right_sign_all_cases": round(right_all, 3), "median_error": round(error, 3),
                  "needs": {"right_sign": SIGN_SHARE, "median_error": ERROR_SHARE, "decisive": DECISIVE}}
    else:
        honest = {"passed": False, "cases": 0, "right_sign": None, "median_error": None,
                  "needs": {"right_sign": SIGN_SHARE, "median_error": ERROR_SHARE}}
    return {"no_dominant": no_dominant, "choice_matters": choice, "calculus_honest": honest}


def format_table(result: AuditResult) -> str:
    """The tournament as text: one row per household and strategy, then the checks."""
    lines = []
    for role in ("peasant", "cadre"):
        rows = [r for r in result.strategies if r["role"] == role]
        if not rows:
            continue
        axes = [name for name, _, _ in views.AXES[role]]
        lines.append(f"{'household' if role == 'peasant' else 'cadre':<14}{'strategy':<22}" + "".join(f"{a:>18}" for a in axes))
        for r in rows:
            cells = "".join(f"{r['axes'][a]['mean']:>10.2f} ±{r['axes'][a]['sd']:<6.2f}" for a in axes)
            lines.append(f"{(r['household'] or 'secretary'):<14}{r['strategy']:<22}{cells}")
        lines.append("")
    c = result.checks
    lines.append(f"no dominant strategy: {'pass' if c['no_dominant']['passed'] else 'FAIL'}"
                 + (f" (dominant: {c['no_dominant']['dominant']})" if c["no_dominant"]["dominant"] else ""))
    lines.append(f"choice matters: {'pass' if c['choice_matters']['passed'] else 'FAIL'} "
                 + "; ".join(f"{k} range {v['range']:,.0f} vs spread {v['median_sd']:,.0f}" for k, v in c["choice_matters"]["households"].items()))
    h = c["calculus_honest"]
    lines.append(f"calculus honest: {'pass' if h['passed'] else 'FAIL'} ({h['cases']} decision points: right sign in "
                 f"{h['right_sign']} of the {h.get('decisive_cases', 0)} where the forecast points one way "
                 f"({h.get('right_sign_all_cases')} of all), median error {h['median_error']} of income)")
    return "\n".join(lines)
