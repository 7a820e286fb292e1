"""Read-only views the front ends render: the season's situation, the scene in front of the
player, the ledger, a household's calculus, indicators with their history and causes, the
village map, the tide, the county and the epilogue. Built from the session on demand; every
number comes from the model. Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.content.national import national_record
from game.content.runner import render
from game.content.template import article
from game.session.game import CLASS_TEXT, FORM_TEXT, PLAYER_VILLAGE, Session
from game.sim.params import CLASSES, FORMS, HIGHER, INDEPENDENT, LOWER, N_SEASONS, TEAM, season_label


# ------------------------------------------------------------------ the season and its scene
@dataclass(frozen=True)
class StatusView:
    label: str
    role: str
    name: str  # the household's (or the secretary's) name
    class_label: str
    form_label: str
    grain: float
    grain_per_person: float
    ration_line: float
    survival_line: float
    animals: float
    standing: float
    coop_share: float
    quota: float
    career: float
    trust: float

    @property
    def county_standing(self) -> float:
        """The secretary's standing with the county: the county's verdicts on his work (the model's
        record, which decides removal). Not the village's opinion."""
        return self.career

    @property
    def village_standing(self) -> float:
        """The secretary's standing with the village: how far its households trust the cadres
        (0 to 1, the model's trust). Informing on neighbours or over-reporting never raises it."""
        return self.trust

    def sentence(self) -> str:
        if self.role == "cadre":
            return (f"{self.label}. {self.coop_share:.0%} of households are in co-ops (county target {self.quota:.0%}). "
                    f"Your standing with the county: {self.county_standing:+.0f}; with the village: it trusts the "
                    f"cadres {self.village_standing:.0%}.")
        fed = "above" if self.grain_per_person >= self.ration_line else ("below the ration line but above" if self.grain_per_person >= self.survival_line else "below")
        return (f"{self.label}. {self.name}, {self.class_label}, {self.form_label}. {self.grain:,.0f} jin in store; "
                f"the family ate {self.grain_per_person:,.0f} jin a head (a year's rate), {fed} the survival line of {self.survival_line:.0f}. "
                f"Draught animals: {self.animals:.0f}. Standing: {standing_text(self.standing)}.")


def plural(count: float, noun: str) -> str:
    """'1 animal', '0 animals', '2 animals' (whole numbers), '0.5 animal'."""
    shown = f"{count:g}" if count != int(count) else f"{int(count)}"
    return f"{shown} {noun}" + ("" if count == 1 or 0 < count < 1 else "s")


def document_order(session: Session) -> list[str]:
    """Every document's id in the order both front ends list them (and 'read N' counts): those met
    in the game first, then the rest, each by date."""
    met = set(session.documents)
    docs = session.bundle.documents.values()
    return [d.id for d in sorted(docs, key=lambda d: (d.id not in met, d.date, d.id))]


def standing_help(role: str, removal: float) -> str:
    """What 'standing' means for the role being played (help, 'examine standing', the status)."""
    if role == "cadre":
        return ("The secretary has two standings, kept apart. With the county: its verdicts on your work each autumn "
                "and winter (the co-op share against the target, grain delivered, your reports, complaints and "
                f"hunger); at {removal:+.0f} or below at a verdict you are removed. With the village: how far its "
                "households trust the cadres (0-100%); coercion, blocked exits and members' incomes below what they "
                "expected lower it, fair shares raise it.")
    return ("Standing is your household's name with the activists, the cadres and the neighbours. Joining a co-op, "
            "selling grain to the state and giving slack-season labour to the village raise it; "
            "leaving, hidden grain that is found, visible shirking and (in the high tide) staying out lower it. "
            "A bad name makes searches for hidden grain more likely. Every household starts at +0.")


def standing_text(value: float) -> str:
    """Standing as the screens show it: a whole number with its sign."""
    return f"{int(round(value)):+d}"


def status(session: Session) -> StatusView:
    values = session.situation_values()
    h = session.household if session.household is not None else 0
    name = session.names[h] if session.setup.role == "peasant" else "Secretary Liu Jianguo"
    return StatusView(session.label, session.setup.role, name, CLASS_TEXT[values["household_class"]],
                      FORM_TEXT[values["form"]], values["family_grain"], values["grain_per_person"], session.params.ration,
                      session.params.survival, values["animals"], session.standing, values["coop_share"], values["quota"],
                      values["career"], values["trust"])


@dataclass(frozen=True)
class SceneOption:
    index: int
    label: str
    available: bool
    reason: str | None = None  # why a closed option cannot be taken now (the model's rule, in words)


@dataclass(frozen=True)
class SceneView:
    id: str
    title: str
    speaker: str | None
    text: str
    options: tuple[SceneOption, ...]
    sources: tuple[str, ...]
    is_event: bool


def current_scene(session: Session) -> SceneView | None:
    """The first scene or event still waiting this season, rendered."""
    if not session.queue:
        return None
    passage = session.bundle.passage(session.queue[0])
    open_ = set(session.open_choices(passage))
    speaker = None
    if passage.speaker:
        try:
            speaker = session.bundle.character(passage.speaker).name
        except KeyError:
            speaker = passage.speaker
    variables = session.text_variables()
    return SceneView(passage.id, passage.title, speaker, render(passage.text.strip(), variables),
                     tuple(SceneOption(i, session.choice_label(passage, i, variables), i in open_,
                                       None if i in open_ else session.closed_reason(passage, i))
                           for i in range(len(passage.choices))),
                     tuple(passage.sources), hasattr(passage, "trigger"))


def describe_action(session: Session, action) -> str:
    """A recorded action in words, with names and titles instead of ids: a scene choice as
    'Title: you chose "label"' (the label as the player saw it, if the game is still going)."""
    from game.session.actions import ChooseScene

    if isinstance(action, ChooseScene):
        try:
            passage = session.bundle.passage(action.scene)
            label = passage.choices[action.choice].label
            if not session.finished:
                try:
                    label = render(label, session.text_variables())
                except (KeyError, ValueError, TypeError):
                    pass
            return f"{passage.title}: you chose \"{label}\""
        except (KeyError, IndexError):
            pass
    return f"You {action.describe()}"


# ------------------------------------------------------------------ the ledger
@dataclass(frozen=True)
class LedgerRow:
    label: str
    village: float
    household: float | None
    note: str = ""


@dataclass(frozen=True)
class LedgerView:
    label: str
    rows: tuple[LedgerRow, ...]
    household_name: str | None
    harvest: bool

    def sentences(self) -> list[str]:
        rows = [r for r in self.rows if round(r.village) or (r.household is not None and round(r.household))]
        if not self.harvest:  # rows where nothing moved are left out (they are all in the UI's table)
            return [f"{self.label}: no harvest this season."] + [f"{r.label}: {r.village:,.0f} jin in the village" +
                    (f", {r.household:,.0f} for {self.household_name}" if r.household is not None else "") + "."
                    for r in rows]
        return [f"{r.label}: {r.village:,.0f} jin in the village" + (f"; {self.household_name}: {r.household:,.0f} jin" if r.household is not None else "")
                + (f" ({r.note})" if r.note else "") + "." for r in rows]


LEDGER_ROWS = (
    ("output", "Harvest", ""),
    ("tax", "Agricultural tax (公粮)", "on assessed normal output"),
    ("procurement", "Sold to the state (统购)", "at the state price"),
    ("seed", "Seed kept", ""),
    ("feed", "Fodder for animals", ""),
    ("fund_in", "Co-op reserve and welfare funds", ""),
    ("land_dividend", "Land dividends", "lower co-op"),
    ("work_points", "Work points", "co-ops"),
    ("per_head", "Per-head grain", "higher co-op"),
    ("animal_rent", "Animal rent", "lower co-op, net of fodder"),
    ("plot", "Private plots", "co-op members' own plots"),
    ("own_kept", "Kept from own harvests", "households farming alone or in teams"),
)


def ledger(session: Session, t: int | None = None) -> LedgerView | None:
    """Where the grain of season t (default: the last) went, village and household."""
    if not session.logs:
        return None
    log = session.logs[-1] if t is None else session.logs[t]
    h = session.household
    rows = []
    harvest = "output" in log.village_flows
    holdout = holdout_costs(session, log.t)
    if harvest:
        for key, label, note in LEDGER_ROWS:
            village = log.village_flows.get(key, 0.0)
            household = None
            if h is not None:
                if key == "own_kept":
                    household = float(log.flows.get("own_harvest", np.zeros(1))[h])
                elif key in log.flows:
                    household = float(log.flows[key][h])
            if key == "animal_rent":
                village, household = _net_animal_rent(log, h, household)
            if key == "procurement" and holdout["surcharge"] >= 0.005:
                note += f"; households outside the co-ops were assessed {holdout['surcharge']:.0%} above their normal output"
            if key == "feed" and household and session.household_form() in ("lower", "higher"):
                note = "the household's share of the co-op's fodder"
            rows.append(LedgerRow(label, village, household, note))
        hire = float(log.flows["ox_hire"][h]) if h is not None and "ox_hire" in log.flows else 0.0
        if round(hire):  # not from the household's own harvest: the rows above add up to it without this
            rows.append(LedgerRow("Ox-days and labour-days settled with neighbours", 0.0, hire,
                                  "received (+) or paid (-) in the team; nets to zero in the village"))
    for key, label in (("consumption", "Eaten"), ("resale", "Bought back from the state (统销)"), ("loan", "Borrowed as grain loans"),
                       ("loan_repaid", "Grain loans repaid"), ("relief", "Relief from the co-op welfare fund"),
                       ("state_relief", "Relief grain from the state"), ("sold", "Extra grain sold to the state"),
                       ("sideline", "Sidelines (money, counted in jin)")):
        village = log.village_flows.get(key, 0.0)
        household = float(log.flows[key][h]) if h is not None and key in log.flows else None
        note = f"cut by {holdout['resale_cut']:.0%} for households outside the co-ops" if key == "resale" and holdout["resale_cut"] else ""
        if village or household:
            rows.append(LedgerRow(label, village, household, note))
    name = session.names[h] if h is not None else None
    return LedgerView(season_label(log.t), tuple(rows), name, harvest)


def holdout_costs(session: Session, t: int) -> dict[str, float]:
    """What staying outside the co-ops cost in season t: the over-assessment of output and the
    share of resale grain withheld (the schedule, times the campaign's pressure as the stance set it)."""
    sched, p = session.params.schedule, session.params
    stance = session.logs[t].levers.get("stance", "persuasion") if t < len(session.logs) else session.lever("stance")
    from game.sim.params import STANCES

    pressure = sched.pressure[t] * p.stance_pressure[STANCES.index(stance)]
    return {"surcharge": float(sched.discrimination[t] * pressure), "resale_cut": float(sched.resale_cut[t])}


def _net_animal_rent(log, h: int | None, household: float | None) -> tuple[float, float | None]:
    """Animal rent net of the fodder owners still feed their rented animals.

    The owners' fodder is already in the fodder row, so the gross rent would count it twice;
    what a household really received is its share of the distribution minus the other parts."""
    flows = log.village_flows
    village = flows.get("distributed", 0.0) - sum(flows.get(k, 0.0) for k in ("own_kept", "land_dividend", "work_points", "per_head", "plot"))
    village = village if abs(village) >= 0.5 else 0.0
    member = h is not None and any(float(log.flows.get(k, np.zeros(h + 1))[h]) > 0 for k in ("work_points", "per_head", "land_dividend"))
    if household is not None and h is not None and not member:
        return village, 0.0
    if household is not None and h is not None and "income" in log.flows:
        household = float(log.flows["income"][h] - sum(log.flows[k][h] for k in ("procurement_money", "instalment", "land_dividend",
                                                                                  "work_points", "per_head", "plot") if k in log.flows))
    return village, household


# ------------------------------------------------------------------ the calculus
@dataclass(frozen=True)
class CalculusColumn:
    form: str
    label: str
    available: bool  # the household could farm this way next season
    parts: dict[str, float]
    total: float  # income in a normal year
    bad_year: float  # income in a bad year (one in five)
    draught: float  # share of the ox-days its land needs that it would have
    reason: str = ""  # why it is not open, when it is not


@dataclass(frozen=True)
class CalculusView:
    index: int
    name: str
    class_label: str
    form: str
    land: float
    labour: float
    persons: float
    animals: float
    columns: tuple[CalculusColumn, ...]
    label: str
    survival: float  # jin a head a year: the survival line
    horizon: str  # the year the forecast covers, in words

    def best(self) -> str:
        open_ = [c for c in self.columns if c.available]
        return max(open_, key=lambda c: c.total).form if open_ else self.form

    def per_head(self, value: float) -> float:
        return value / max(self.persons, 1.0)

    def sentence(self) -> str:
        out = {c.form: c for c in self.columns}
        alone = out["independent"]
        lines = [f"{self.name} ({self.class_label}, {self.persons:.0f} people, {self.land:.1f} mu, {plural(self.animals, 'animal')}), "
                 f"the year {self.horizon}: farming alone about {alone.total:,.0f} jin in a normal year, "
                 f"{alone.bad_year:,.0f} in a bad one ({self.per_head(alone.bad_year):,.0f} a head against a survival line of "
                 f"{self.survival:.0f}); draught power {alone.draught:.0%} of what the land needs."]
        for c in self.columns[1:]:
            if c.available:
                lines.append(f"{c.label[0].upper()}{c.label[1:]}: about {c.total:,.0f} jin ({c.total - alone.total:+,.0f}), "
                             f"{c.bad_year:,.0f} in a bad year, draught power {c.draught:.0%}.")
            elif c.reason:
                lines.append(f"{c.label[0].upper()}{c.label[1:]}: not open ({c.reason}).")
        return " ".join(lines)


# The parts that add up to the total (what the family keeps, money counted at the state price),
# and those shown for reference only.
INCOME_PARTS = ("own_harvest", "ox_hire", "land_dividend", "work_points", "per_head", "animal_rent",
                "procurement_money", "plot", "sideline")
REFERENCE_PARTS = ("output", "tax", "procurement", "share_fund", "entry_loss")
PART_LABELS = {
    "own_harvest": "own harvest kept", "ox_hire": "ox-days and labour-days settled", "land_dividend": "land dividend",
    "work_points": "work points", "per_head": "per-head grain", "animal_rent": "animal rent or instalments",
    "procurement_money": "paid for grain sold to the state", "plot": "private plot", "sideline": "sidelines",
    "share_fund": "share fund paid in on joining", "entry_loss": "loss on animals priced in",
    "tax": "tax", "procurement": "sold to the state", "sale_loss": "loss on the state price", "output": "output",
}


def calculus(session: Session, index: int | None = None, t: int | None = None) -> CalculusView:
    """A household's forecast income for the next year in each form: this season's, or a past season's."""
    index = session.household if index is None else index
    index = 0 if index is None else index
    s, v = session.state, PLAYER_VILLAGE
    if t is None or t >= len(session.logs):
        parts = {k: val[v] for k, val in session.calculus.parts.items()}
        open_ = session.calculus.open[v]
        label, season = session.label, min(session.t, N_SEASONS - 1)
    else:
        parts, label, season = session.logs[t].calculus, season_label(t), t
        open_ = session.logs[t].calculus_open
    columns = []
    for f, form in enumerate(FORMS):
        reason = "" if open_[index, f] else closed_reason(session, index, f, season)
        columns.append(CalculusColumn(form, FORM_TEXT[form], bool(open_[index, f]),
                                      {k: float(parts[k][index, f]) for k in PART_LABELS if k in parts},
                                      float(parts["total"][index, f]), float(parts["bad_year"][index, f]),
                                      float(parts["draught"][index, f]), reason))
    return CalculusView(index, session.names[index], CLASS_TEXT[CLASSES[int(s.cls[v, index])]], FORMS[int(s.form[v, index])],
                        float(s.land[v, index]), float(s.lab[v, index]), float(s.persons[v, index]),
                        float(s.animals[v, index]), tuple(columns), label, session.params.survival, forecast_horizon(season))


def season_ahead(session: Session, t: int | None) -> int | None:
    """The season whose calculus a report on season t shows: the season ahead, the one the player
    decides next (None: the current season), so a change such as the July 1955 directive shows in
    the report that follows it. A finished game's last report keeps its own season's calculus."""
    if t is None:
        return None
    if t + 1 < len(session.logs):
        return t + 1
    return t if session.finished else None


def forecast_horizon(t: int) -> str:
    """'from summer 1955 to spring 1956': the four seasons after season t."""
    return f"from {season_label(t + 1).lower()} to {season_label(t + 4).lower()}"


def closed_reason(session: Session, index: int, form: int, t: int) -> str:
    """Why a form is not open to a household next season, in a few words."""
    s, v, sched = session.state, PLAYER_VILLAGE, session.params.schedule
    if form == TEAM:
        return f"a team needs at least {session.params.team_min:.0f} households, and too few neighbours are in one"
    if form >= LOWER and int(s.cls[v, index]) >= 3 and (s.form[v] >= LOWER).mean() < 0.7:
        return "former landlords and rich peasants may join only once the village is 70% organized"
    if form == HIGHER and sched.higher_allowed[min(t + 1, N_SEASONS - 1)] == 0:
        return "no higher-stage co-op before winter 1955"
    if form == HIGHER:
        return "there is no higher-stage co-op in the village, and your household is not in a lower one that could vote to go higher"
    if form == LOWER:
        return "no new members are taken into lower co-ops now"
    return ""


# ------------------------------------------------------------------ indicators and "why?"
INDICATORS = {
    "coop_share": ("Households in co-ops", "%"),
    "higher_share": ("Households in the higher co-op", "%"),
    "team_share": ("Households in mutual-aid teams", "%"),
    "grain_output": ("Harvest", "jin"),
    "procurement": ("Sold to the state", "jin"),
    "grain_per_person": ("Grain eaten per person", "jin/yr"),
    "animals": ("Draught animals", "head"),
    "gini": ("Inequality (Gini of income per head)", ""),
    "shirking": ("Shirking in co-ops", "%"),
    "trust": ("Trust in the co-op and cadres", "%"),
    "want_to_leave": ("Members who want to leave", "%"),
    "hungry": ("Households eating below the survival line", "%"),
}


@dataclass(frozen=True)
class IndicatorView:
    name: str
    label: str
    unit: str
    value: float
    history: tuple[float, ...]
    county: tuple[float, ...]

    def formatted(self, value: float | None = None) -> str:
        value = self.value if value is None else value
        if self.unit == "%":
            return f"{value:.0%}"
        if self.unit == "":
            return f"{value:.2f}"
        return f"{value:,.0f} {self.unit}"


def indicators(session: Session) -> list[IndicatorView]:
    out = []
    for name, (label, unit) in INDICATORS.items():
        history = tuple(log.indicators.get(name, 0.0) for log in session.logs)
        county = tuple(log.county.get(name, 0.0) for log in session.logs)
        out.append(IndicatorView(name, label, unit, history[-1] if history else 0.0, history, county))
    return out


@dataclass(frozen=True)
class WhyView:
    name: str
    label: str
    value: str
    causes: tuple[tuple[str, str], ...]  # (cause, the number from this game)


def why(session: Session, name: str) -> WhyView:
    """The causes of an indicator, with this game's numbers."""
    if name not in INDICATORS:
        raise KeyError(name)
    label, unit = INDICATORS[name]
    view = next(i for i in indicators(session) if i.name == name)
    s, v, t = session.state, PLAYER_VILLAGE, min(session.t, N_SEASONS - 1)
    sched = session.params.schedule
    log = session.logs[-1] if session.logs else None
    causes: list[tuple[str, str]] = []
    cls = s.cls[v]
    if name in ("coop_share", "higher_share", "team_share"):
        for c, cname in enumerate(CLASSES):
            mask = cls == c
            causes.append((f"{CLASS_TEXT[cname]} households in co-ops", f"{(s.form[v][mask] >= LOWER).mean():.0%} of {mask.sum()}"))
        calc = session.calculus.total[v]
        for c, cname in ((0, "poor"), (2, "upper_middle")):
            mask = cls == c
            gain = (calc[mask, LOWER] - calc[mask, INDEPENDENT]).mean()
            who = CLASS_TEXT[cname]
            causes.append((f"expected gain of {article(who)} {who} household from joining", f"{gain:+,.0f} jin a year"))
        causes += [("campaign pressure this season", f"{sched.pressure[t]:.0%}"), ("county target", f"{sched.quota[t]:.0%}"),
                   ("procurement surcharge on independents", f"{sched.discrimination[t]:.0%}"),
                   ("households the cadres can organize this season", f"{sched.capacity[t]:.0f}")]
    elif name in ("grain_output", "procurement"):
        if log is not None:
            causes += [("weather this season", f"{log.weather:.0%} of normal"),
                       ("shirking in co-ops", f"{log.indicators.get('shirking', 0):.0%}"),
                       ("draught animals", f"{log.indicators.get('animals', 0):.0f}")]
        causes += [("tax rate on assessed normal output", f"{session.params.tax_rate:.0%}"),
                   ("share of assessed surplus bought", f"{sched.procurement_rate[t]:.0%}"),
                   ("retention standard", f"{session.params.retention:.0f} jin a person")]
    elif name == "animals":
        if session.logs:
            causes.append(("animals at the start", f"{session.logs[0].indicators['animals']:.0f}"))
        causes += [("pooled in the higher co-op", f"{s.collective_animals[v]:.1f}"),
                   ("price paid for pooled animals", f"{session.lever('valuation'):.0%} of market value"),
                   ("village trust (neglect of pooled animals)", f"{s.trust[v].mean():.0%}")]
    elif name == "shirking":
        causes += [("exit openness", f"{sched.exit_open[t]:.0%}"),
                   ("members who want to leave", f"{s.wants_out[v].mean():.0%}"),
                   ("size of the co-op", f"{(s.form[v] == HIGHER).sum() or (s.form[v] == LOWER).sum()} households")]
    elif name in ("trust", "want_to_leave"):
        causes += [("grievance (blocked exits, unfair shares)", f"{s.grievance[v].mean():.2f}"),
                   ("exit openness", f"{sched.exit_open[t]:.0%}"),
                   ("coercion used this season", f"{s.coercion[v]:.0%}")]
        if log is not None and "income" in log.flows:
            causes.append(("income received this harvest (village)", f"{log.village_flows.get('distributed', 0):,.0f} jin"))
    elif name in ("grain_per_person", "hungry"):
        if log is not None:
            causes += [("grain bought back from the state", f"{log.village_flows.get('resale', 0):,.0f} jin"),
                       ("grain loans", f"{log.village_flows.get('loan', 0):,.0f} jin")]
        causes += [("survival line", f"{session.params.survival:.0f} jin a head"),
                   ("households with no grain in store", f"{(s.grain[v] < 1).sum()}")]
    elif name == "gini":
        rich = cls >= 2
        inc = s.last_income[v] / s.persons[v]
        causes += [("income per head, well-off households", f"{inc[rich].mean():,.0f} jin"),
                   ("income per head, poor households", f"{inc[cls == 0].mean():,.0f} jin")]
    return WhyView(name, label, view.formatted() if session.logs else _before_first_season(session, view),
                   tuple(causes))


def _before_first_season(session: Session, view: IndicatorView) -> str:
    """An indicator's value before any season has ended: what the village holds now, or why there
    is none yet (harvests, sales and shares are measured when a season ends)."""
    s, v = session.state, PLAYER_VILLAGE
    form = s.form[v]
    now = {"coop_share": (form >= LOWER).mean(), "higher_share": (form == HIGHER).mean(),
           "team_share": (form == TEAM).mean(), "animals": s.animals[v].sum() + s.collective_animals[v],
           "trust": s.trust[v].mean(), "hungry": (s.hunger[v] > 0).mean()}
    if view.name in now:
        return f"{view.formatted(float(now[view.name]))} at the start of {session.label.lower()}"
    return "not measured yet: it is counted when the first season ends"


# ------------------------------------------------------------------ the village map
@dataclass(frozen=True)
class HouseholdCell:
    index: int
    name: str
    social_class: str
    form: str
    animals: float
    hungry: bool
    player: bool
    character: str | None


@dataclass(frozen=True)
class MapView:
    label: str
    cells: tuple[HouseholdCell, ...]
    members_assets: float
    independents_assets: float

    def paupers_warning(self) -> bool:
        """Co-op members own far less than independents (only when there are both)."""
        return self.members_assets > 0 and self.independents_assets > 0 and self.members_assets < 0.7 * self.independents_assets


def village_map(session: Session, t: int | None = None) -> MapView:
    s, v = session.state, PLAYER_VILLAGE
    forms = s.form[v] if t is None else session.logs[t].forms
    by_index = {i: c for c, i in session.characters.items()}
    cells = tuple(HouseholdCell(i, session.names[i], CLASSES[int(s.cls[v, i])], FORMS[int(forms[i])], float(s.animals[v, i]),
                                bool(s.hunger[v, i] > 0), i == session.household, by_index.get(i)) for i in range(s.households))
    assets = s.land[v] + s.animals[v] * session.params.animal_value / 170.0
    member = forms >= LOWER
    return MapView(session.label if t is None else season_label(t), cells,
                   float(assets[member].mean()) if member.any() else 0.0,
                   float(assets[~member].mean()) if (~member).any() else 0.0)


# ------------------------------------------------------------------ the tide and the county
@dataclass(frozen=True)
class TideView:
    labels: tuple[str, ...]  # 16 seasons
    village: dict[str, tuple[float | None, ...]]  # team/lower/higher/coop and by class
    county: tuple[float | None, ...]
    national: tuple[float | None, ...]
    national_higher: tuple[float | None, ...]
    quota: tuple[float, ...]
    directive_t: int


def tide(session: Session) -> TideView:
    logs = session.logs
    pad = lambda xs: tuple(xs) + (None,) * (N_SEASONS - len(xs))  # noqa: E731
    village = {k: pad([log.indicators[k] for log in logs]) for k in ("team_share", "lower_share", "higher_share", "coop_share")}
    for c in CLASSES:
        village[f"coop_share_{c}"] = pad([log.indicators[f"coop_share_{c}"] for log in logs])
    record = national_record(session.assets)
    return TideView(tuple(season_label(t) for t in range(N_SEASONS)), village, pad([log.county["coop_share"] for log in logs]),
                    record.coop, record.higher, tuple(float(x) for x in session.params.schedule.quota), 9)


@dataclass(frozen=True)
class CountyView:
    label: str
    shares: tuple[float, ...]  # co-op share of every village, player's first
    stages: tuple[int, ...]  # most common form of every village
    rank: int  # the player's village: 1 = highest share
    target: float
    history: tuple[float, ...]  # county mean co-op share by season
    career: float


def county(session: Session) -> CountyView:
    s = session.state
    shares = (s.form >= LOWER).mean(axis=1)
    stage = np.stack([(s.form == f).mean(axis=1) for f in range(4)], axis=1).argmax(axis=1)
    rank = int((shares > shares[PLAYER_VILLAGE]).sum()) + 1
    t = min(session.t, N_SEASONS - 1)
    return CountyView(session.label, tuple(float(x) for x in shares), tuple(int(x) for x in stage), rank,
                      float(session.params.schedule.quota[t]), tuple(log.county["coop_share"] for log in session.logs),
                      float(s.career[PLAYER_VILLAGE]))


# ------------------------------------------------------------------ the epilogue
@dataclass(frozen=True)
class Axis:
    name: str
    verdict: str
    detail: str


@dataclass(frozen=True)
class EpilogueView:
    role: str
    axes: tuple[Axis, ...]
    record: tuple[str, ...]
    other_view: str
    epilogue_text: str


def epilogue(session: Session) -> EpilogueView:
    """Several axes, no single score, and the comparison with the historical record."""
    logs = session.logs
    s, v = session.state, PLAYER_VILLAGE
    record = national_record(session.assets)
    final = logs[-1].indicators if logs else {}
    end = logs[-1].t if logs else 0
    china = (record.coop[end] or 0.0, record.higher[end] or 0.0)
    comparison = [
        f"Your village at the end of {season_label(end)}: {final.get('coop_share', 0):.0%} of households in co-ops, "
        f"{final.get('higher_share', 0):.0%} in the higher co-op. China at the same date: {china[0]:.0%} and "
        f"{china[1]:.0%} (national record: S16, S46, S48, S49).",
        f"In July 1955 China had 14.2% of households in co-ops (S1, S7); your village had "
        f"{logs[9].indicators['coop_share']:.0%} at the end of summer 1955." if len(logs) > 9 else "",
        f"Draught animals: {logs[0].indicators['animals']:.0f} in spring 1953, {final.get('animals', 0):.0f} at the end. "
        "Counties lost 12-15% in their collectivization year (E-chen-lan-2017); China's large livestock were still "
        "more numerous in 1957 than in 1952 (S25, S27)." if logs else "",
        f"Members wanting to leave after the first higher-stage harvest: {logs[14].indicators['want_to_leave']:.0%}; "
        "in 1956 about 1% of member households withdrew, up to 5% and in places 10%; in Ningbo about 20% wanted to (S18)." if len(logs) > 14 else "",
    ]
    ending = ending_axes(session)
    if session.setup.role == "peasant":
        h = session.household
        hungry_seasons = [season_label(log.t) for log in logs if log.flows["eaten_per_person"][h] < session.params.survival]
        kept = s.animals[v, h]
        owns_land = s.form[v, h] != HIGHER
        land = s.land[v, h] if owns_land else s.plot[v, h]
        axes = (
            Axis("Fed in every season", "yes" if not hungry_seasons else "no",
                 "The family ate above the survival line in every season, the spring gap included." if not hungry_seasons else
                 f"The family went hungry in {', '.join(hungry_seasons)}."),
            Axis("Wealth", f"{ending['wealth']:,.0f} jin",
                 wealth_words(float(s.grain[v, h]), float(s.cash[v, h]), float(s.share_paid[v, h]),
                              float(s.debt[v, h] + s.fund_loan[v, h]))),
            Axis("What the family still owns", f"{ending['assets']:,.0f} jin",
                 (f"The family owns {land:.1f} mu of land and {plural(kept, 'animal')}" if owns_land else
                  f"The family owns only a private plot of {land:.1f} mu and {plural(kept, 'animal')}: the land "
                  + ("and animals " if s.owed[v, h] >= 0.5 else "")
                  + "it brought into the higher co-op are the collective's")
                 + (f"; the co-op still owes it {s.owed[v, h]:,.0f} jin for animals." if s.owed[v, h] >= 0.5 else ".")),
            Axis("Standing with neighbours and cadres", standing_text(session.standing),
                 "From what the family did (joining, leaving, selling, hiding, working) and said at meetings."),
            Axis("Where the family ended", FORM_TEXT[FORMS[int(s.form[v, h])]],
                 "Wanting to leave" if s.wants_out[v, h] else "Not asking to leave"),
        )
        other = ("The secretary saw what you could not: the county's targets jumped after July 1955, and every village's "
                 "rank was read out at county meetings. Play the cadre with the same seed to see it.")
    else:
        hungry = [log.indicators["hungry"] for log in logs]
        axes = (
            Axis("Village fed", f"worst season {max(hungry):.0%} hungry" if hungry else "-",
                 f"Grain eaten per person at the end: {final.get('grain_per_person', 0):,.0f} jin a year."),
            Axis("Targets", f"{final.get('coop_share', 0):.0%} in co-ops", f"The county's target: {session.params.schedule.quota[-1]:.0%}."),
            Axis("Standing with the village", f"trusts the cadres {final.get('trust', 0):.0%}",
                 f"Members wanting to leave: {final.get('want_to_leave', 0):.0%}."),
            Axis("Standing with the county", f"{s.career[v]:+.0f}",
                 f"Removed from your post after {season_label(session.removed_at)}." if session.removed_at is not None
                 else ("Praised as a model." if s.career[v] >= 3 else "Still in post.")),
        )
        other = ("A household saw what the county never did: the arithmetic of its own land, labour and ox inside and outside "
                 "the co-op. Play a household with the same seed to see it.")
    return EpilogueView(session.setup.role, axes, tuple(x for x in comparison if x), other,
                        "In 1957 a 'big debate' was aimed at households who wanted to leave (S53); in the autumn of 1958 the "
                        "co-ops were merged into people's communes and the right to leave disappeared (S55, S11).")


# ------------------------------------------------------------------ the ending, as numbers
# Each ending axis with its label and unit; on every axis more is better. The epilogue, the
# report (``hightide report --format json``) and the strategy audit read the same numbers.
AXES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "peasant": (("wealth", "grain, money and share-fund money, less debts", "jin"),
                ("fed_seasons", "seasons the family ate above the survival line (of 16)", "seasons"),
                ("standing", "standing with neighbours and cadres", ""),
                ("assets", "land and animals the family still owns, and what it is owed for animals", "jin")),
    "cadre": (("fed", "households fed in the worst season", "share"),
              ("coop_share", "households in co-ops at the end", "share"),
              ("trust", "village trust at the end", "share"),
              ("career", "standing with the county", "")),
}


def ending_axes(session: Session) -> dict[str, float]:
    """The game's ending on every axis of its role, as plain numbers (more is better on each)."""
    s, v, p = session.state, PLAYER_VILLAGE, session.params
    logs = session.logs
    if session.setup.role == "peasant":
        h = session.household
        fed = sum(1 for log in logs if log.flows["eaten_per_person"][h] >= p.survival)
        land = s.land[v, h] if s.form[v, h] != HIGHER else s.plot[v, h]
        return {
            "wealth": float(s.grain[v, h] + s.cash[v, h] + s.share_paid[v, h] - s.debt[v, h] - s.fund_loan[v, h]),
            "fed_seasons": float(fed),
            "standing": float(session.standing),
            "assets": float(land * p.land_value + s.animals[v, h] * p.animal_value + s.owed[v, h]),
        }
    hungry = [log.indicators["hungry"] for log in logs] or [0.0]
    final = logs[-1].indicators if logs else {}
    return {
        "fed": float(1.0 - max(hungry)),
        "coop_share": float(final.get("coop_share", 0.0)),
        "trust": float(final.get("trust", s.trust[v].mean())),
        "career": float(s.career[v]),
    }


# ------------------------------------------------------------------ what the directive changed
@dataclass(frozen=True)
class DirectiveChange:
    """For each class: the expected yearly gain (jin) of joining a co-op rather than staying
    out, in spring 1955 and now, with the political terms that moved."""

    before_label: str
    after_label: str
    rows: tuple[tuple[str, float, float], ...]  # (class label, gain before, gain now)
    pressure: tuple[float, float]
    surcharge: tuple[float, float]  # what independents in this village were assessed above normal output
    optimism: tuple[float, float]
    coop_share: tuple[float, float] = (0.0, 0.0)  # the village's share in co-ops then and now

    def explanation(self) -> list[str]:
        """Plain sentences about what moved, each chosen from this game's numbers (a gain that fell
        is never called part of a swing toward joining)."""
        rows = self.rows
        lost_then = [label for label, before, _ in rows if before < 0]
        lose_now = [label for label, _, now in rows if now < 0]
        turned = [label for label, before, now in rows if before < 0 <= now]
        better = [label for label, before, now in rows if now > before + 0.5]
        worse = [label for label, before, now in rows if now < before - 0.5]
        then = self.before_label.lower()
        out = []
        if lost_then:
            first = (f"In {then} joining would have cost {_names(lost_then)} households grain" if len(lost_then) < len(rows)
                     else f"In {then} joining would have cost every class grain")
            if turned:
                who = "every class" if len(turned) == len(rows) else f"{_names(turned)} households"
                first += f"; now the sums favour joining for {who}"
            out.append(first + ".")
        elif rows:
            out.append(f"Already in {then} joining paid for every class; the directive did not create the gain.")
        if lose_now:
            out.append(f"Even now {_names(lose_now)} households would lose grain by joining.")
        if worse:
            out.append(f"For {_names(worse)} households the sums moved against joining since {then}: the harvest, "
                       "the weather and who is already in the co-ops move them too, not only the directive.")
        surcharge = (f"independents in this village are assessed {self.surcharge[1]:.0%} above their normal output "
                     f"(it was {self.surcharge[0]:.0%})")
        grew = self.coop_share[1] > self.coop_share[0] + 0.005
        pooled = (f", and the village's co-ops grew from {self.coop_share[0]:.0%} to {self.coop_share[1]:.0%} of households, "
                  "pooling more oxen and land" if grew else "")
        if better and self.surcharge[1] > self.surcharge[0] + 0.005:
            out.append(f"Part of the swing toward joining is the price of staying out: after the speech {surcharge}{pooled}.")
        else:
            out.append(f"After the speech {surcharge}{pooled}.")
        promised = (f"{self.optimism[0]:.0%} to {self.optimism[1]:.0%}" if self.optimism[0] != self.optimism[1]
                    else f"{self.optimism[1]:.0%}")
        out.append(f"Campaign pressure ({self.pressure[0]:.0%} to {self.pressure[1]:.0%}) and the promised gains "
                   f"({promised}) are not in these jin: they weigh on each family's choice on top of them.")
        return out

    def sentences(self) -> list[str]:
        out = [f"Joining a co-op rather than staying out, in jin a year: {self.before_label} against {self.after_label}."]
        out += [f"{label[:1].upper()}{label[1:]}: {before:+,.0f} then, {now:+,.0f} now." for label, before, now in self.rows]
        out.append(f"Campaign pressure {self.pressure[0]:.0%} then, {self.pressure[1]:.0%} now; procurement surcharge on "
                   f"independents {self.surcharge[0]:.0%} then, {self.surcharge[1]:.0%} now; promised gains {self.optimism[0]:.0%} then, "
                   f"{self.optimism[1]:.0%} now.")
        return out


def wealth_words(grain: float, cash: float, share_paid: float, debts: float) -> str:
    """'Grain 259 jin, money worth 1,942 jin and 96 jin paid into the co-op's share fund, less debts
    of 448 jin': the parts of the ending's wealth, without the ones that are nothing."""
    parts = [f"grain {grain:,.0f} jin", f"money worth {cash:,.0f} jin"]
    if round(share_paid):
        parts.append(f"{share_paid:,.0f} jin paid into the co-op's share fund")
    text = ", ".join(parts[:-1]) + " and " + parts[-1]
    text = text[:1].upper() + text[1:]
    return text + (f", less debts of {debts:,.0f} jin." if round(debts) else "; no debts.")


def directive_change(session: Session, before: int = 8) -> DirectiveChange | None:
    """The same village calculus before the 31 July 1955 speech and now (from summer 1955)."""
    if session.t <= before or len(session.logs) <= before:
        return None
    then = session.logs[before].calculus["total"]
    now = session.calculus.total[PLAYER_VILLAGE] if not session.finished else session.logs[-1].calculus["total"]
    cls = session.state.cls[PLAYER_VILLAGE]
    rows = []
    for c, name in enumerate(CLASSES):
        mask = cls == c
        if mask.any():
            best_now = now[mask][:, LOWER:].max(axis=1) if session.calculus.available[HIGHER] else now[mask][:, LOWER]
            rows.append((CLASS_TEXT[name], float((then[mask][:, LOWER] - then[mask][:, INDEPENDENT]).mean()),
                         float((best_now - now[mask][:, INDEPENDENT]).mean())))
    sched = session.params.schedule
    t = min(session.t, N_SEASONS - 1)
    share_now = float((session.state.form[PLAYER_VILLAGE] >= LOWER).mean())
    return DirectiveChange(season_label(before), session.label, tuple(rows), (float(sched.pressure[before]), float(sched.pressure[t])),
                           (holdout_costs(session, before)["surcharge"], holdout_costs(session, t)["surcharge"]),
                           (float(sched.optimism[before]), float(sched.optimism[t])),
                           (float(session.logs[before].indicators["coop_share"]), share_now))


def _names(labels: list[str]) -> str:
    """'lower-middle, upper-middle and rich' from class labels."""
    names = [label.removesuffix(" peasant") for label in labels]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
