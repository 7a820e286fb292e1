"""The decisions open to the player this season, each option with a preview of its
consequences computed from the model (expected values, never the season's hidden luck).

Household role: membership, effort, sidelines, grain, animals. Cadre role: recruitment
stance, co-op rules, admission, withdrawals, procurement, reporting, the poor peasants'
fund, water works, animal valuation, upgrading and dissolving. Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.session.actions import (Action, AnimalChoice, HideGrain, SellGrain, SetEffort, SetForm, SetLever,
                                  SetSideline)
from game.session.game import PLAYER_VILLAGE, Session
from game.sim import membership
from game.sim.levers import Levers
from game.sim.params import (ADMISSIONS, CLASSES, DIRECTIVE_SEASON, FORMS, HIGHER, INDEPENDENT, LOWER, STANCES, TEAM,
                             WITHDRAWALS, WORK_POINT_METHODS)
from game.sim.production import plot_output
from game.sim.step import season_calculus


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    action: Action
    available: bool = True
    reason: str | None = None
    preview: str = ""
    current: bool = False


@dataclass(frozen=True)
class Decision:
    id: str
    title: str
    explain: str
    options: tuple[Option, ...]


def decisions(session: Session) -> list[Decision]:
    if session.finished:
        return []
    return _household(session) if session.setup.role == "peasant" else _cadre(session)


def income_breakdown(parts: dict[str, np.ndarray], index: int, form: int) -> str:
    """'land dividend 613 + work points 1,269 + ... = about 1,892 jin a year; 1,500 in a bad year'"""
    get = lambda k: float(parts[k][PLAYER_VILLAGE, index, form])  # noqa: E731
    if form <= TEAM:
        text = (f"own harvest {get('own_harvest'):,.0f} jin after tax {get('tax'):,.0f} and sales to the state "
                f"{get('procurement'):,.0f} (paid {get('procurement_money'):,.0f})")
        if abs(get("ox_hire")) >= 1:
            text += f", {'ox-days and labour-days' if form == TEAM else 'ox-days'} {get('ox_hire'):+,.0f}"
    else:
        bits = []
        for key, label in (("land_dividend", "land dividend"), ("work_points", "work points"), ("per_head", "per-head grain"),
                           ("animal_rent", "animal rent" if form == LOWER else "animal instalments"),
                           ("procurement_money", "money for the co-op's sales"), ("plot", "private plot")):
            if abs(get(key)) >= 1:
                bits.append(f"{label} {get(key):,.0f}")
        text = " + ".join(bits) if bits else "nothing"
    if abs(get("sideline")) >= 1:
        text += f" + sidelines {get('sideline'):,.0f}"
    text += f" = about {get('total'):,.0f} jin a year; {get('bad_year'):,.0f} in a bad year"
    for key, label in (("share_fund", "share fund to pay in on joining"), ("entry_loss", "loss on animals priced in")):
        if get(key) <= -1:
            text += f"; {label} {-get(key):,.0f}"
    return text


def _household(session: Session) -> list[Decision]:
    h = session.household
    s, v, t = session.state, PLAYER_VILLAGE, session.t
    p = session.params
    parts = session.calculus.parts
    current = session.household_form()
    pending = session.pending_form or current
    out = []
    meeting = current == "lower" and session.meeting_called()
    if meeting:
        go_along = session.pending_form is None or session.pending_form == "higher"
        options = (
            Option("form.higher", "Vote to go to the higher stage", SetForm("higher"), preview=income_breakdown(parts, h, HIGHER),
                   current=go_along),
            Option("form.lower", "Vote against; stay in the lower co-op if enough others do", SetForm("lower"),
                   preview=f"{income_breakdown(parts, h, LOWER)}. If the meeting still votes to go higher and fewer than "
                           f"{p.found_min:.0f} members refuse, you are carried in", current=session.pending_form == "lower"),
            Option("form.independent", "Vote against, and withdraw if it passes", SetForm("independent"),
                   available=session.form_reason("independent") is None, reason=session.form_reason("independent"),
                   preview=f"{income_breakdown(parts, h, INDEPENDENT)}; the share fund stays with the co-op; granted as far "
                           f"as the exit is open ({p.schedule.exit_open[t]:.0%} this season)",
                   current=session.pending_form == "independent"))
        out.append(Decision("form", "The co-op's meeting on the higher stage",
                            "The cadres have called the co-op to vote on going higher: land dividends end, and land and animals "
                            "become the collective's. Forecast income for the next year in each case:", options))
    else:
        options = []
        for f, form in enumerate(FORMS):
            # the higher stage is offered only once it is on the agenda
            if not session.calculus.available[f] or (form == "higher" and p.schedule.higher_allowed[t] == 0):
                continue
            reason = session.form_reason(form)
            label = {"independent": "Farm alone" if current == "independent" else "Leave and farm alone",
                     "team": "Stay in the mutual-aid team" if current == "team" else "Join a mutual-aid team",
                     "lower": "Stay in the lower-stage co-op" if current == "lower" else "Apply to the lower-stage co-op",
                     "higher": ("Stay in the higher-stage co-op" if current == "higher" else
                                "Ask your co-op to go higher" if current == "lower" else "Apply to the higher-stage co-op")}[form]
            preview = income_breakdown(parts, h, f)
            if form != current and not session.calculus.open[v, h, f] and reason is None:
                from game.session.views import closed_reason

                preview += f". Not likely now: {closed_reason(session, h, f, t)}"
            elif form == "team" and current != "team":
                preview += f". A team needs at least {p.team_min:.0f} households: your neighbours must take part"
            elif form in ("lower", "higher") and current in ("independent", "team"):
                preview += ". Applications go through the cadres' capacity and the co-op's admission, like everyone's"
            options.append(Option(f"form.{form}", label, SetForm(form), reason is None, reason, preview, form == pending))
        out.append(Decision("form", "How the family farms",
                            "Forecast income over the next year in each arrangement, under the rules that will apply then "
                            "(money counted at the state price).", tuple(options)))
    if current in ("lower", "higher"):
        f = FORMS.index(current)
        points = float(parts["work_points"][v, h, f])
        e_bar = float(session.calculus.expected_effort[v, h, f])
        plot = lambda e: float(plot_output(s.plot[v, h], s.lab[v, h], e, s.skill[v, h], p))  # noqa: E731
        m = 0.6
        levels = ((1.0, "Work as hard as on your own fields", "standing with activists holds"),
                  (0.85, "Do what everyone does", "most members work at about this pace"),
                  (0.6, "Save your strength for the private plot", "neighbours may notice, and standing suffers"))
        options = []
        for level, label, note in levels:
            change = points * m * (level - e_bar) / max(e_bar, 0.05)
            options.append(Option(f"effort.{int(level * 100)}", label, SetEffort(level),
                                  preview=f"work points about {points + change:,.0f} jin; private plot ({s.plot[v, h]:.1f} mu) "
                                          f"about {plot(level):,.0f} jin a year; {note}",
                                  current=(session.pending_effort == level)))
        out.append(Decision("effort", "Effort in collective work",
                            f"Work points are recorded for days present; how hard you work is only partly seen. The co-op's "
                            f"members work at about {e_bar:.0%}; the time you keep goes to your private plot.", tuple(options)))
    if t % 4 in (0, 3):
        side = p.sideline * float(s.lab[v, h]) * (p.higher_sidelines if current == "higher" else 1.0)
        gain = p.slack_work_gain
        where = "the co-op's fields" if current in ("lower", "higher") else "your own fields"
        chosen = session.pending_sideline if session.pending_sideline is not None else 1.0
        out.append(Decision("sideline", "The slack season", "Spinning, carting, firewood and crafts bring in money; field work "
                            f"(manure, ditches) raises the next harvest on {where}.",
                            tuple(Option(f"sideline.{int(share * 100)}", label, SetSideline(share),
                                         preview=f"about {side * share:,.0f} jin-equivalent in money"
                                                 + (f"; next harvest on {where} about {gain * (1 - share):.1%} higher; standing "
                                                    f"+{p.standing_collective * (1 - share):.2f}" if share < 1 else ""),
                                         current=chosen == share)
                                  for share, label in ((1.0, "Put all spare labour into sidelines"),
                                                       (0.5, "Half sidelines, half the village's winter work"),
                                                       (0.0, "Give the slack season to the collective")))))
    grain = float(s.grain[v, h])
    if grain >= 100 and p.schedule.procurement_on[t] > 0:
        amounts = [a for a in (0, 100, 300) if a <= grain]
        out.append(Decision("sell", "Sell grain to the state", f"{grain:,.0f} jin in store; the state pays {p.state_price:.0%} of the market value.",
                            tuple(Option(f"sell.{a}", "Sell nothing extra" if a == 0 else f"Sell {a} jin", SellGrain(float(a)),
                                         preview=f"money worth {a * p.state_price:,.0f} jin; store {grain - a:,.0f} jin"
                                                 + (f"; standing +{p.standing_sale * a / 100:.1f}" if a else ""),
                                         current=session.pending_sell == a) for a in amounts)))
    if p.harvest_share[t % 4] > 0 and p.schedule.procurement_on[t] > 0 and current in ("independent", "team"):
        proc = float(parts["procurement"][v, h, FORMS.index(current)]) * p.harvest_share[t % 4]
        out.append(Decision("hide", "The assessment", f"The state expects to buy about {proc:,.0f} jin of your harvest this season.",
                            tuple(Option(f"hide.{a}", "Declare everything" if a == 0 else f"Hide {a} jin", HideGrain(float(a)),
                                         preview="no risk" if a == 0 else "kept for the family if it is not found; if a search finds it, "
                                                 f"it is taken without payment and standing falls by {p.standing_hidden_found:.0f}",
                                         current=session.pending_hide == a) for a in (0, 100, 200))))
    if s.animals[v, h] >= 0.999:
        value = p.animal_value
        valuation = session.lever("valuation")
        out.append(Decision("animals", "The draught animal", "Before pooling, owners weighed keeping an ox against selling or slaughtering it.",
                            (Option("animals.keep", "Keep it", AnimalChoice("keep"),
                                    preview=f"if it is pooled in a higher co-op, the co-op pays about {valuation * value:,.0f} jin over "
                                            f"{p.instalment_years:.0f} years",
                                    current=session.pending_animals in (None, "keep")),
                             Option("animals.sell", "Sell it at market", AnimalChoice("sell"), preview=f"about {0.8 * value:,.0f} jin now; ploughing will be late without it",
                                    current=session.pending_animals == "sell"),
                             Option("animals.slaughter", "Slaughter it", AnimalChoice("slaughter"),
                                    preview=f"meat and hide worth about {p.slaughter_value * value:,.0f} jin; slaughter is condemned",
                                    current=session.pending_animals == "slaughter"))))
    return out


def _class_gap(session: Session, levers: Levers) -> dict[str, float]:
    """Mean yearly gain (jin) of joining a lower co-op, by class, under these levers."""
    village = session.state.village(PLAYER_VILLAGE)
    single = Levers(**{k: getattr(levers, k)[PLAYER_VILLAGE:PLAYER_VILLAGE + 1].copy() for k in levers.__dataclass_fields__})
    calc = season_calculus(village, session.params, single)
    gap = calc.total[0, :, LOWER] - calc.total[0, :, INDEPENDENT]
    cls = village.cls[0]
    return {name: float(gap[cls == c].mean()) for c, name in enumerate(CLASSES) if (cls == c).any()}


def _likely_applicants(session: Session, stance: int) -> int:
    s, p, t = session.state, session.params, session.t
    village = s.village(PLAYER_VILLAGE)
    pressure = np.array([p.schedule.pressure[t] * p.stance_pressure[stance]])
    total = session.calculus.total[PLAYER_VILLAGE:PLAYER_VILLAGE + 1]
    prefs = membership.preferences(village, p, t, total, pressure)
    # the expected number of applications: each household outside reconsiders with the
    # season's chance, and applies with the logit probability of preferring the co-op
    join = prefs["economic"] + prefs["social"] + prefs["politic"] - p.join_cost
    cur = village.form[0]
    stay = np.take_along_axis(prefs["economic"] + prefs["social"] + prefs["politic"], cur[None, :, None].astype(int), axis=-1)[0, :, 0]
    chance = 1.0 / (1.0 + np.exp(-np.clip(join[0, :, LOWER] - stay, -30, 30)))
    outside = cur < LOWER
    barred = (village.cls[0] >= 3) & ((cur >= LOWER).mean() < 0.7)
    return int(round(float((chance * outside * ~barred).sum() * p.reconsider[t % 4])))


def _cadre(session: Session) -> list[Decision]:
    s, p, t = session.state, session.params, session.t
    sched = p.schedule
    v = PLAYER_VILLAGE
    out = []
    stance = session.lever("stance")
    cap = sched.capacity[t]
    options = []
    for i, name in enumerate(STANCES):
        n = _likely_applicants(session, i)
        trust = {"persuasion": "trust holds", "demonstration": "trust holds", "pressure": "trust slips",
                 "coercion": "trust falls; a report of commandism is possible"}[name]
        options.append(Option(f"stance.{name}", STANCE_LABELS[name], SetLever("stance", name),
                              preview=f"about {n} households would apply (room for {cap * (1.5 if i >= 2 else 1):.0f} this season); {trust}",
                              current=stance == name))
    share = float((s.form[v] >= LOWER).mean())
    out.append(Decision("stance", "Recruitment", f"{share:.0%} of households are in co-ops; the county's target is {sched.quota[t]:.0%}.", tuple(options)))
    if sched.lower_allowed[t] and (s.form[v] == HIGHER).mean() < 0.9:
        current = session.lever("omega")
        options = []
        for omega in (0.5, 0.4, 0.3, 0.2, 0.0):
            levers = _copy(session.levers)
            levers.omega[v] = omega
            gap = _class_gap(session, levers)
            options.append(Option(f"omega.{int(omega * 10)}", f"Land {omega * 10:.0f} : labour {10 - omega * 10:.0f}", SetLever("omega", omega),
                                  preview=f"poor {gap.get('poor', 0):+,.0f} jin, upper-middle {gap.get('upper_middle', 0):+,.0f} jin a year by joining",
                                  current=abs(current - omega) < 1e-9))
        out.append(Decision("omega", "Land dividend in the lower co-op", "How the co-op's income is split between land and labour (regulations: land below labour).", tuple(options)))
    if (s.form[v] >= LOWER).any() or t >= DIRECTIVE_SEASON:
        current = session.lever("work_points")
        out.append(Decision("work_points", "Work-point method", "How work is recorded: accuracy against the cost of recording.",
                            tuple(Option(f"work_points.{m}", WORK_POINT_LABELS[m], SetLever("work_points", m), preview=WORK_POINT_PREVIEW[m],
                                         current=current == m) for m in WORK_POINT_METHODS)))
    current = session.lever("admission")
    out.append(Decision("admission", "Who the co-ops admit", "Mao complained in July 1955 of co-ops barring poor peasants and of well-off peasants forced in (S1).",
                        tuple(Option(f"admission.{a}", ADMISSION_LABELS[a], SetLever("admission", a), current=current == a) for a in ADMISSIONS)))
    if t % 4 == 2 or sched.contraction[t]:
        current = session.lever("withdrawal")
        out.append(Decision("withdrawal", "Requests to leave", f"{int(s.wants_out[v].sum())} member households would leave if they could.",
                            tuple(Option(f"withdrawal.{w}", WITHDRAWAL_LABELS[w], SetLever("withdrawal", w), current=current == w) for w in WITHDRAWALS)))
    if p.harvest_share[t % 4] > 0 and sched.procurement_on[t]:
        current = session.lever("assessment")
        out.append(Decision("assessment", "The grain assessment", "Output is assessed at its normal-year level, not the actual harvest.",
                            (Option("assessment.fair", "Assess fairly", SetLever("assessment", "fair"), preview="the state's share as the rules give it", current=current == "fair"),
                             Option("assessment.high", "Assess high", SetLever("assessment", "high"),
                                    preview=f"assessed output {p.high_assessment - 1:.0%} higher: more grain for the county, less for the village", current=current == "high"))))
    if t % 4 in (2, 3):
        current = session.lever("report")
        bias = dict(zip(("honest", "under", "over"), p.report_bias))
        previews = {"honest": "the county assesses next year's grain on the true figures",
                    "under": f"next year's assessment about {1 - bias['under']:.0%} lower; a rectification check may find it out",
                    "over": f"the county sees more progress, and assesses next year's grain about {bias['over'] - 1:.0%} higher; "
                            "a rectification check may find it out"}
        out.append(Decision("report", "Report to the county", "What the county hears shapes its verdict and next year's grain assessment.",
                            tuple(Option(f"report.{r}", label, SetLever("report", r), preview=previews[r], current=current == r)
                                  for r, label in (("honest", "Report honestly"), ("under", "Under-report output"),
                                                   ("over", "Over-report output and progress")))))
    if t >= DIRECTIVE_SEASON + 1:
        current = session.lever("poor_fund")
        out.append(Decision("poor_fund", "Poor peasants' co-operation fund", "State loans that pay a poor household's share fund (S33).",
                            (Option("poor_fund.yes", "Use the fund", SetLever("poor_fund", True), preview="poor households join without paying the share fund", current=bool(current)),
                             Option("poor_fund.no", "Do not use it", SetLever("poor_fund", False), current=not current))))
    if t % 4 == 3:
        current = session.lever("water_works")
        out.append(Decision("water_works", "Winter labour", "Digging wells and ditches in the slack season.",
                            (Option("water_works.yes", "Organize water works", SetLever("water_works", True), preview="+1% yields from next year; half the winter's sideline income lost", current=bool(current)),
                             Option("water_works.no", "Leave the winter to households", SetLever("water_works", False), current=not current))))
    if t >= DIRECTIVE_SEASON:
        current = session.lever("valuation")
        out.append(Decision("valuation", "Price for pooled animals", "Share of market value paid, in instalments, for animals priced into the co-op.",
                            tuple(Option(f"valuation.{int(x * 100)}", f"{x:.0%} of market value", SetLever("valuation", x),
                                         preview=f"{x * p.animal_value:,.0f} jin per ox over {p.instalment_years:.0f} years", current=abs(current - x) < 1e-9)
                                  for x in (0.4, 0.55, 0.8, 1.0))))
    if sched.higher_allowed[t] and (s.form[v] == LOWER).any():
        out.append(Decision("upgrade", "The higher stage", "Call the lower co-ops' members to vote on going higher: land dividends end, "
                            "land and animals become the collective's. Your stance weighs on every vote; members who refuse may withdraw.",
                            (Option("upgrade.yes", "Call the meetings this season", SetLever("upgrade", True), current=bool(session.lever("upgrade"))),
                             Option("upgrade.no", "Not yet", SetLever("upgrade", False), current=not session.lever("upgrade")))))
    if sched.contraction[t] and (s.form[v] == LOWER).any():
        out.append(Decision("dissolve", "The contraction", "\"Consolidate fully, contract resolutely\": small, weak co-ops may be dissolved.",
                            (Option("dissolve.yes", "Dissolve weak co-ops", SetLever("dissolve_weak", True), current=bool(session.lever("dissolve_weak"))),
                             Option("dissolve.no", "Keep every co-op", SetLever("dissolve_weak", False), current=not session.lever("dissolve_weak")))))
    return out


def _copy(levers: Levers) -> Levers:
    return Levers(**{k: getattr(levers, k).copy() for k in levers.__dataclass_fields__})


STANCE_LABELS = {"persuasion": "Voluntary persuasion", "demonstration": "Build a model co-op and let it show",
                 "pressure": "Pressure: meetings, labels, quotas", "coercion": "Coercion: whatever it takes"}
ADMISSION_LABELS = {"screen": "Let co-ops screen applicants", "recruit_poor": "Recruit the poor first",
                    "bring_in_well_off": "Bring in the well-off and their animals"}
WITHDRAWAL_LABELS = {"allow_with_property": "Allow, with their land and animals", "allow_without": "Allow, but without their property",
                     "refuse": "Refuse"}
WORK_POINT_LABELS = {"regulation": "As the regulations suggest", "fixed_record": "Fixed points, fixed record (死分死记)",
                     "live_appraisal": "Fixed points, live appraisal (死分活评)", "task_rates": "Task rates and small contracts"}
WORK_POINT_PREVIEW = {"regulation": "the scenario's default accuracy", "fixed_record": "cheap to keep; effort barely counts",
                      "live_appraisal": "evening appraisal meetings; effort counts more", "task_rates": "effort counts most; recording costs grow with size"}
