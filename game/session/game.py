"""A game in progress: scenario + role + seed + the ordered list of player actions.

``Session`` owns the county's model state, the story state (flags, scenes seen, standing,
documents met) and the action list. It offers the decisions open to the role this season,
validates and applies actions (an invalid action raises ``ActionError`` and changes nothing),
runs the season through the model, and keeps a hash-chained digest of the state after every
season, which makes a save a receipt. Never imports textual.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from game.content.bundle import ContentBundle, content_hash
from game.content.loader import load_content
from game.content.model import Event
from game.content.runner import Situation, available_choices, choose, season_events, season_scenes
from game.content.scenario import Scenario, load_scenario
from game.paths import assets_dir
from game.session.actions import (CLEAR_LABELS, LEVERS, Action, ActionError, AnimalChoice, Answer, ChooseScene,
                                  ClearChoice, EndSeason,
                                  HideGrain, SellGrain, SetEffort, SetForm, SetLever, SetSideline, check_shape,
                                  now, over_budget)
from game.session import narration
from game.session.narration import FORM_NOW, FORM_VERB
from game.session.names import apply_endowments, assign_characters, household_names
from game.sim import HouseholdOverrides, Levers, initial_state, step
from game.sim.params import (ADMISSIONS, ANIMAL_CHOICES, ASSESSMENTS, CLASSES, DIRECTIVE_SEASON, FORMS, HIGHER,
                             INDEPENDENT, LOWER, N_SEASONS, REPORTS, STANCES, TEAM, WITHDRAWALS, WORK_POINT_METHODS,
                             season_label, season_name, season_year)
from game.sim.step import season_calculus, season_levers, season_weather

ROLES = ("peasant", "cadre")
STANDING_LEVERS = ("stance", "omega", "admission", "withdrawal", "assessment", "work_points", "valuation", "poor_fund")
"""Cadre policies that stand until changed; the rest (report, water works, upgrade, dissolving) are one season's."""
SCENE_BUDGET = 3  # scenes and events in an ordinary season
TURNING_POINTS = {9: 5, 10: 5, 11: 4}  # summer, autumn and winter 1955: the speech, the plenum, the high tide


def scene_budget(t: int) -> int:
    """How many scenes and events a season may show (not counting the ones an answer leads to)."""
    return TURNING_POINTS.get(t, SCENE_BUDGET)
PLAYER_VILLAGE = 0
SCENE_STANDING = 0.5  # what a word at a meeting counts against what a household does
ENUM_LEVERS = {"stance": STANCES, "admission": ADMISSIONS, "withdrawal": WITHDRAWALS,
               "assessment": ASSESSMENTS, "report": REPORTS, "work_points": WORK_POINT_METHODS}


@dataclass(frozen=True)
class GameSetup:
    """Everything that defines a game besides its actions."""

    scenario: str = "north-china"
    role: str = "peasant"
    seed: int = 1
    household: str | None = None  # character id of the player's household (peasant role)
    player: str = "Player"
    assignment: str | None = None
    county: int | None = None  # villages in the county; None = the scenario's own
    # identity (game.session.saves): a game started by a player has a random id and a start time;
    # both and the assignment's content hash seed the hash chain, and every season end is stamped
    # with its time. Games made by scripts and bots have none (and no times). A branch keeps its
    # game's id and chain (its digests agree with the original's up to the branch) and says so in
    # ``origin``, which the save's seal covers.
    game_id: str | None = None
    started: str | None = None  # when the game was started (actions.now())
    origin: str | None = None  # None for an original game; "branch:<game id>:<season>" for a branch
    assignment_hash: str | None = None  # content hash of the assignment file (assignment.content_hash)

    def identity(self) -> str:
        """What the hash chain starts from: '' for a game without an id (as before identities
        existed), else a hash of the id, the start time and the assignment."""
        if not self.game_id:
            return ""
        body = json.dumps({"game_id": self.game_id, "started": self.started,
                           "assignment": self.assignment, "assignment_hash": self.assignment_hash}, sort_keys=True)
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass
class SeasonLog:
    """What one season did in the player's village, kept for views, reports and replays."""

    t: int
    indicators: dict[str, float]
    county: dict[str, float]
    flows: dict[str, np.ndarray]
    village_flows: dict[str, float]
    calculus: dict[str, np.ndarray]  # part -> (households, 4)
    available: tuple[bool, ...]
    calculus_open: np.ndarray  # (households, 4): forms each household could farm in next season
    levers: dict[str, object]
    verdict: dict[str, object]
    weather: float
    forms: np.ndarray  # (households,) after the season
    messages: list[str]
    actions: list[Action]
    # the player's own choices that shaped the season (the debrief replays and varies them):
    # household: form, effort, sideline, animals, sell, hide, vote (None: left to the default);
    # cadre: the levers the player set
    choices: dict = field(default_factory=dict)


@lru_cache(maxsize=4)
def _load(assets: str, scenario_id: str) -> tuple[Scenario, ContentBundle, str]:
    path = Path(assets)
    return load_scenario(path, scenario_id), load_content(path), content_hash(path)


class Session:
    """One game: create it with a ``GameSetup``, then ``apply`` actions."""

    clock = staticmethod(now)  # the time stamped on a season's end (games with an identity only)

    def __init__(self, setup: GameSetup, assets: Path | None = None):
        if setup.role not in ROLES:
            raise ActionError(f"'{setup.role}' is not a role; choose peasant or cadre")
        if not isinstance(setup.seed, int) or isinstance(setup.seed, bool) or not 0 <= setup.seed < 2**63:
            raise ActionError("the seed must be a whole number from 0 upwards")
        self.setup = setup
        self.assets = Path(assets) if assets else assets_dir()
        self.scenario, self.bundle, self.content_hash = _load(str(self.assets), setup.scenario)
        self.params = self.scenario.params
        villages = setup.county or self.params.county_villages
        self.state = initial_state(self.params, setup.seed, villages)
        cls = self.state.cls[PLAYER_VILLAGE]
        self.characters = assign_characters(cls, self.bundle.households(), self.state.animals[PLAYER_VILLAGE],
                                            self.state.persons[PLAYER_VILLAGE], self.params.classes.persons)
        apply_endowments(self.state, PLAYER_VILLAGE, self.bundle.households(), self.characters, self.params.ration,
                         self.params.classes.skill)
        self.names = household_names(cls, list(self.bundle.characters.values()), self.characters)
        self.household: int | None = None
        if setup.role == "peasant":
            choice = setup.household or next(iter(self.characters))
            if choice not in self.characters:
                raise ActionError(f"'{choice}' is not a household you can play; choose one of {', '.join(self.characters)}")
            self.household = self.characters[choice]
        self.actions: list[tuple[int, Action]] = []
        self.digests: list[str] = []
        self.logs: list[SeasonLog] = []
        self.flags: set[str] = set()
        self.seen: set[str] = set()
        self.fired: set[str] = set()
        self.documents: list[str] = []
        self.scene_standing = 0.0  # standing earned or lost by the player's words in the story
        self.answers: dict[str, str] = {}
        self.messages: list[str] = []
        self.removed_at: int | None = None  # the season the county removed the cadre from post
        # measurement branches only (the audit's check of the calculus): the household's own luck at its average
        self.average_luck = False
        self._begin_season()

    # ------------------------------------------------------------------ the season's situation
    @property
    def t(self) -> int:
        return self.state.t

    @property
    def finished(self) -> bool:
        return self.state.t >= N_SEASONS or self.removed_at is not None

    @property
    def standing(self) -> float:
        """The household's standing with neighbours and cadres: what it did (the model) and what it said (the story)."""
        if self.household is None:
            return self.scene_standing
        return float(self.state.standing[PLAYER_VILLAGE, self.household]) + self.scene_standing

    @property
    def label(self) -> str:
        return "Epilogue" if self.finished else season_label(self.t)

    def _begin_season(self) -> None:
        self.pending_form: str | None = None
        self.pending_effort: float | None = None
        self.pending_sideline: float | None = None
        self.pending_animals: str | None = None
        self.pending_sell = 0.0
        self.pending_hide = 0.0
        # the cadre's standing policies carry over from last season until changed (one-season ones do not)
        carried = getattr(self, "pending_levers", {})
        self.pending_levers: dict[str, object] = {}
        self.levers_decided: set[str] = set()  # levers the player set or cleared this season (not carried)
        self.season_actions: list[Action] = []
        if not self.finished:
            for name, value in carried.items():
                if name in STANDING_LEVERS and self.lever_reason(name, value) is None:
                    self.pending_levers[name] = value
        self.queue: list[str] = []
        if self.finished:
            return
        self._refresh()
        situation = self.situation()
        passages = season_scenes(self.bundle, situation) + season_events(self.bundle, situation)
        # pacing: the season's most important passages, as many as its budget allows (stable: scenes first)
        passages = sorted(passages, key=lambda p: -p.priority)[:scene_budget(self.t)]
        self.queue = [p.id for p in passages]

    def _refresh(self) -> None:
        """Recompute the season's levers and calculus after anything the player changed."""
        mask = np.zeros(self.state.villages, bool)
        if self.setup.role == "cadre":
            mask[PLAYER_VILLAGE] = True
        base = season_levers(self.state, self.params)
        player = Levers(**{name: getattr(base, name).copy() for name in base.__dataclass_fields__})
        for name, value in self.pending_levers.items():
            array = getattr(player, name)
            if name in ENUM_LEVERS:
                value = ENUM_LEVERS[name].index(value)
            array[PLAYER_VILLAGE] = value
        self.levers = player
        self.mask = mask
        # the calculus the player sees is the village's own: compute it on a one-village copy
        village = self.state.village(PLAYER_VILLAGE)
        own = Levers(**{name: getattr(player, name)[PLAYER_VILLAGE:PLAYER_VILLAGE + 1] for name in player.__dataclass_fields__})
        self.calculus = season_calculus(village, self.params, own)
        self.weather = float(season_weather(self.state, self.params)[PLAYER_VILLAGE])

    def lever(self, name: str) -> object:
        """The value of a lever in the player's village this season (as the player would name it)."""
        value = getattr(self.levers, name)[PLAYER_VILLAGE]
        if name in ENUM_LEVERS:
            return ENUM_LEVERS[name][int(value)]
        return bool(value) if value.dtype == bool else float(value)

    def household_form(self, index: int | None = None) -> str:
        index = self.household if index is None else index
        return FORMS[int(self.state.form[PLAYER_VILLAGE, index])]

    def situation_values(self) -> dict[str, object]:
        """The README's condition names, from the model state."""
        s, v = self.state, PLAYER_VILLAGE
        t = min(self.t, N_SEASONS - 1)
        sched = self.params.schedule
        h = self.household if self.household is not None else 0
        last = self.logs[-1] if self.logs else None
        proc = 0.0
        if last is not None:
            proc = (float(last.flows["procurement"][h]) if "procurement" in last.flows else 0.0) if self.setup.role == "peasant" \
                else last.village_flows.get("procurement", 0.0)
        member = s.form[v] >= LOWER
        return {
            "role": self.setup.role, "year": season_year(t), "season": season_name(t), "t": t,
            "household_class": CLASSES[int(s.cls[v, h])], "form": FORMS[int(s.form[v, h])],
            "family_grain": float(s.grain[v, h]),
            "grain_per_person": float(last.flows["eaten_per_person"][h]) if last else self.params.ration,
            "animals": int(round(float(s.animals[v, h]))), "hungry": bool(s.hunger[v, h] > 0),
            "standing": int(round(self.standing)), "trust": float(s.trust[v].mean()),
            "coop_share": float(member.mean()), "higher_share": float((s.form[v] == HIGHER).mean()),
            "bad_harvest": self.weather < 0.88, "good_harvest": self.weather > 1.1,
            "procurement": proc, "directive": t >= DIRECTIVE_SEASON,
            "exit_open": float(sched.exit_open[t]), "pressure": float(sched.pressure[t]),
            "career": float(s.career[v]), "wants_out": bool(s.wants_out[v, h]),
            "quota": float(sched.quota[t]),
            # for declared assumptions (game.content.assumes): animals gone into a higher co-op, named households' forms
            "pooled": bool(s.brought[v, h] > 0) if self.household is not None else False,
            "household_forms": {who: FORMS[int(s.form[v, i])] for who, i in self.characters.items()},
        }

    def situation(self) -> Situation:
        return Situation(self.situation_values(), frozenset(self.flags), frozenset(self.seen), frozenset(self.fired))

    def text_variables(self) -> dict[str, object]:
        """The README's text variables for rendering scenes (this season's purchase and what the
        season will end with are worked out only when a text asks for them)."""
        return LazyVariables(self._variables(), {name: (lambda name=name: self._peek()[name]) for name in PEEKED})

    def _peek(self) -> dict[str, object]:
        """What this season will do as things stand (the same luck, the choices made so far): the
        state's purchase from the household (or the village, for the cadre) and the co-op shares at
        the season's end. Run on a copy of the game; cached until the player does something."""
        key = (self.t, len(self.season_actions), len(self.actions))
        if getattr(self, "_peeked", (None, None))[0] != key:
            copy_ = self.fork()
            copy_.setup = GameSetup(**{**self.setup.__dict__, "game_id": None})
            copy_._run_season()
            log, v = copy_.logs[-1], PLAYER_VILLAGE
            h = self.household if self.household is not None else 0
            due = (float(log.flows["procurement"][h]) if "procurement" in log.flows else 0.0) if self.household is not None \
                else log.village_flows.get("procurement", 0.0)
            forms = copy_.state.form[v]
            self._peeked = (key, {"procurement_due": round(due), "end_coop_share_pct": round(100 * float((forms >= LOWER).mean())),
                                  "end_higher_share_pct": round(100 * float((forms == HIGHER).mean()))})
        return self._peeked[1]

    def _variables(self) -> dict[str, object]:
        values = self.situation_values()
        h = self.household if self.household is not None else 0
        calc = self.calculus.parts
        v = PLAYER_VILLAGE
        join_form = LOWER if self.calculus.available[LOWER] else TEAM
        if self.state.form[v, h] >= LOWER and self.calculus.available[HIGHER]:
            join_form = HIGHER
        name = self.names[h]
        return {
            "household_name": name, "family_name": family_name(name),
            "village": self.scenario.village, "season": values["season"], "year": values["year"],
            "family_grain": round(values["family_grain"]), "grain_per_person": round(values["grain_per_person"]),
            "animals": values["animals"], "form_label": FORM_TEXT[values["form"]],
            "class_label": CLASS_TEXT[values["household_class"]],
            "coop_share_pct": round(100 * values["coop_share"]), "higher_share_pct": round(100 * values["higher_share"]),
            "procurement": round(values["procurement"]), "quota_pct": round(100 * values["quota"]),
            "stay_out_income": round(float(calc["total"][v, h, INDEPENDENT])),
            "join_income": round(float(calc["total"][v, h, join_form])),
            "land_dividend": round(float(calc["land_dividend"][v, h, LOWER])),
            "work_points": round(float(calc["work_points"][v, h, join_form])),
            # what staying out costs this season (the surcharge on assessed output, the resale withheld)
            "holdout_surcharge_pct": round(100 * float(self.params.schedule.discrimination[values["t"]]
                                                       * self.params.schedule.pressure[values["t"]]
                                                       * self.params.stance_pressure[int(self.levers.stance[v])])),
            "resale_cut_pct": round(100 * float(self.params.schedule.resale_cut[values["t"]])),
            **self._figures(h),
        }

    def _figures(self, h: int) -> dict[str, object]:
        """The household's and the village's figures the prose quotes (game.content.template)."""
        s, v = self.state, PLAYER_VILLAGE
        forms = s.form[v]
        before = self.logs[-2].forms if len(self.logs) >= 2 else None
        last = self.logs[-1] if self.logs else None
        joined = left = 0
        if last is not None:
            prior = before if before is not None else np.zeros_like(last.forms)
            joined = int(((last.forms >= LOWER) & (prior < LOWER)).sum())
            left = int(((last.forms < LOWER) & (prior >= LOWER)).sum())
        year = self.logs[-4:]
        if self.household is not None:
            sold = sum(float(log.flows["procurement"][h]) for log in year if "procurement" in log.flows)
        else:
            sold = sum(log.village_flows.get("procurement", 0.0) for log in year)
        eaten = [float(log.flows["eaten_per_person"].mean()) for log in self.logs[-2:] if "eaten_per_person" in log.flows]
        trend = "about the same as"
        if len(eaten) == 2 and abs(eaten[1] - eaten[0]) > 0.03 * max(eaten[0], 1.0):
            trend = "more than" if eaten[1] > eaten[0] else "less than"
        out: dict[str, object] = {
            "land": round(float(s.land[v, h]), 1), "persons": int(round(float(s.persons[v, h]))),
            "households_total": int(forms.size), "coop_households": int((forms >= LOWER).sum()),
            "higher_households": int((forms == HIGHER).sum()), "team_households": int((forms == TEAM).sum()),
            "independent_households": int((forms == INDEPENDENT).sum()),
            "joined_last": joined, "left_last": left, "procurement_last_year": round(sold),
            "harvest_word": "poor" if self.weather < 0.88 else ("good" if self.weather > 1.1 else "middling"),
            "village_grain_per_person": round(eaten[-1]) if eaten else round(self.params.ration),
            "grain_per_person_trend": trend,
        }
        for who, i in self.characters.items():
            out[f"{who}_land"] = round(float(s.land[v, i]), 1)
            out[f"{who}_animals"] = int(round(float(s.animals[v, i])))
        return out

    # ------------------------------------------------------------------ actions
    def apply(self, action: Action) -> str:
        """Validate and apply one action; returns a sentence saying what happened.

        Raises ActionError (and changes nothing) if the action is not legal now."""
        if isinstance(action, EndSeason) and action.at is None and self.setup.game_id:
            action = EndSeason(at=self.clock())  # a player's game records when each season ended
        check_shape(action)
        budget = over_budget(self.actions, action)  # every game the rules allow fits in a save
        if budget:
            raise ActionError(budget)
        if self.finished and not isinstance(action, Answer):
            raise ActionError("the game is over; only reflection answers can still be given")
        season = self.t
        if not isinstance(action, EndSeason):
            self.season_actions.append(action)
        try:
            message = getattr(self, f"_do_{action.kind}")(action)
        except ActionError:
            if not isinstance(action, EndSeason):
                self.season_actions.pop()
            raise
        self.actions.append((season, action))
        return message

    def _do_end_season(self, action: EndSeason) -> str:
        self._run_season(action.at)
        return f"The season ended. {self.label} begins." if not self.finished else "Winter 1956 is over."

    def _do_answer(self, action: Answer) -> str:
        self.answers[action.question] = action.text
        return "Answer recorded."

    def _do_choose(self, action: ChooseScene) -> str:
        if action.scene not in self.queue:
            raise ActionError(f"the scene '{action.scene}' is not open now")
        passage = self.bundle.passage(action.scene)
        situation = self.situation()
        if action.choice not in self.open_choices(passage):
            raise ActionError(f"option {action.choice + 1} is not open in '{passage.title}'")
        outcome = choose(self.bundle, passage, action.choice, situation, self.text_variables())
        notes = []
        for effect in outcome.effects:
            note = self._apply_effect(effect)
            if note:
                notes.append(note)
        self.queue.remove(action.scene)
        self.seen.add(passage.id)
        if isinstance(passage, Event):
            self.fired.add(passage.id)
        # what this answer changed (a flag, a scene seen) may make a waiting passage no longer fit
        now = self.situation()
        self.queue = [p for p in self.queue if now.can_show(self.bundle.passage(p))]
        if outcome.next is not None and outcome.next.id not in self.seen:
            self.queue.insert(0, outcome.next.id)
        return " ".join(n for n in [outcome.result or ""] + notes if n).strip()

    def open_choices(self, passage) -> list[int]:
        """The options of a scene the player can take now: their conditions and requirements hold,
        and the model can do what they say (no joining a co-op that cannot be joined, no report
        in spring, no selling an ox the family does not own)."""
        situation = self.situation()
        return [i for i in available_choices(passage, situation)
                if all(self.effect_reason(e) is None for e in passage.choices[i].effects)]

    def effect_reason(self, effect) -> str | None:
        """Why a content effect cannot happen now (None if it can)."""
        name, args = effect.name, effect.args
        peasant = self.household is not None
        if name == "join" and peasant:
            current = self.household_form()
            if FORMS.index(str(args[0])) <= FORMS.index(current):
                return f"the household {FORM_NOW[current]} already"  # joining is a step up, never a way down
            return self.form_reason(str(args[0]))
        if name == "leave" and peasant:
            return self.form_reason("independent")
        if name == "animals" and peasant and args[0] != "keep" and self.state.animals[PLAYER_VILLAGE, self.household] < 0.999:
            return "the household has no draught animal of its own"
        if name == "sell_grain" and peasant and float(args[0]) > self.state.grain[PLAYER_VILLAGE, self.household] + 1e-9:
            return "the family has not that much grain"
        if name == "hide_grain" and peasant and (self.params.harvest_share[self.t % 4] == 0
                                                 or self.params.schedule.procurement_on[self.t] == 0
                                                 or self.household_form() in ("lower", "higher")):
            return "there is no assessment of the family's own grain to hide from"
        if name in LEVERS and not peasant:
            value = args[0] if args else True
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = float(value)
            return self.lever_reason(name, value)
        return None

    def closed_reason(self, passage, index: int) -> str | None:
        """Why an option is not open now, in words (None if it is open)."""
        if index in self.open_choices(passage):
            return None
        reasons = [r for e in passage.choices[index].effects if (r := self.effect_reason(e))]
        return reasons[0] if reasons else "it does not fit the situation now"

    def policy_changes(self, passage, index: int) -> list[str]:
        """What an option would change in the season's policies, in words ("sets the recruitment
        stance to ..."), so that no answer changes a policy the player set without saying so."""
        out = []
        for effect in passage.choices[index].effects:
            if effect.name in LEVERS and self.setup.role == "cadre":
                value = effect.args[0] if effect.args else True
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    value = float(value)
                if self.lever(effect.name) == value and effect.name not in self.pending_levers:
                    continue  # already the village's policy: nothing changes
                words = SetLever(effect.name, value).describe()
                for past, present in (("set aside ", "sets aside "), ("chose ", "chooses "), ("set the ", "sets the "),
                                      ("set ", "sets the ")):
                    if words.startswith(past):
                        words = present + words[len(past):]
                        break
                out.append(words)
        return out

    def choice_label(self, passage, index: int, variables: dict | None = None) -> str:
        """An option's label as the player reads it, with any policy it changes said plainly."""
        from game.content.runner import render

        label = render(passage.choices[index].label, variables if variables is not None else self.text_variables())
        changes = self.policy_changes(passage, index)
        return label + (f" (this {'; '.join(changes)})" if changes else "")

    def _apply_effect(self, effect) -> str | None:
        """A content effect becomes a typed action (validated like any other) or story state."""
        name, args = effect.name, effect.args
        if name == "flag":
            self.flags.add(str(args[0]))
            return None
        if name == "standing":
            self.scene_standing += SCENE_STANDING * int(args[0])
            return None
        if name == "document":
            if args[0] not in self.documents:
                self.documents.append(str(args[0]))
            return None
        mapped: Action | None = {
            "join": lambda: SetForm(str(args[0])),
            "leave": lambda: SetForm("independent"),
            "stay": lambda: SetForm(self.household_form()),
            "animals": lambda: AnimalChoice(str(args[0])),
            "sell_grain": lambda: SellGrain(float(args[0])),
            "hide_grain": lambda: HideGrain(float(args[0])),
            "effort": lambda: SetEffort(float(args[0])),
            "sideline": lambda: SetSideline(float(args[0])),
            "upgrade": lambda: SetLever("upgrade", True),
            "dissolve_weak": lambda: SetLever("dissolve_weak", True),
        }.get(name, lambda: SetLever(name, float(args[0]) if isinstance(args[0], (int, float)) and not isinstance(args[0], bool) else args[0]))()
        try:
            check_shape(mapped)
            return getattr(self, f"_do_{mapped.kind}")(mapped)
        except ActionError as error:
            return f"({error})"

    def _need_role(self, role: str, what: str) -> None:
        if self.setup.role != role:
            raise ActionError(f"{what} is decided by the {'household' if role == 'peasant' else 'cadre'}, not by you in this role")

    def _do_form(self, action: SetForm) -> str:
        self._need_role("peasant", "joining or leaving")
        reason = self.form_reason(action.form)
        if reason:
            raise ActionError(reason)
        self.pending_form = action.form
        if action.form == self.household_form():
            return "You will go on as you are."
        return f"You will {FORM_VERB[action.form]} when the season's decisions are made."

    def form_reason(self, form: str) -> str | None:
        """Why the household cannot choose ``form`` now (None if it can)."""
        current = self.household_form()
        target = FORMS.index(form)
        cur = FORMS.index(current)
        sched = self.params.schedule
        t = self.t
        if form == current:
            return None
        if target == LOWER and cur < LOWER and sched.lower_allowed[t] == 0:
            return ("lower co-ops take no new members now; new members go straight into the higher co-op"
                    if sched.higher_allowed[t] > 0 else "no co-operative can be joined this season")
        in_lower = cur == LOWER
        if target == HIGHER and sched.higher_allowed[t] == 0:
            return "the higher stage is not on the agenda before winter 1955"
        if target == HIGHER and not in_lower and not (self.state.form[PLAYER_VILLAGE] == HIGHER).any():
            return "there is no higher-stage co-op in the village yet"
        if target == LOWER and cur == HIGHER:
            return "a higher co-op cannot go back to the lower stage; you can only ask to leave"
        barred = int(self.state.cls[PLAYER_VILLAGE, self.household]) >= 3
        if target >= LOWER and barred and (self.state.form[PLAYER_VILLAGE] >= LOWER).mean() < 0.7:
            return "former landlords and rich peasants may not join until the village is 70% organized"
        if cur >= LOWER and target < cur:
            # the autumn accounts, or a spring contraction in which the village's cadres dissolve weak co-ops
            window = t % 4 == 2 or (sched.contraction[t] > 0 and bool(self.lever("dissolve_weak")))
            if not window:
                if sched.contraction[t] > 0:
                    return ("members may ask to leave only after the autumn accounts: this spring the village's "
                            "cadres are not dissolving weak co-ops")
                return "members may ask to leave only after the autumn accounts"
            if sched.exit_open[t] * (0.1 if self.lever("withdrawal") == "refuse" else 1.0) < 0.05:
                return "leaving is closed this season"
        return None

    def _do_effort(self, action: SetEffort) -> str:
        self._need_role("peasant", "effort")
        self.pending_effort = float(action.level)
        return f"You will work at {action.level:.0%} of full effort."

    def _do_sideline(self, action: SetSideline) -> str:
        self._need_role("peasant", "sidelines")
        self.pending_sideline = float(action.share)
        return f"{action.share:.0%} of the slack season goes to sidelines."

    def _do_animals(self, action: AnimalChoice) -> str:
        self._need_role("peasant", "the household's animals")
        if action.choice != "keep" and self.state.animals[PLAYER_VILLAGE, self.household] < 0.999:
            raise ActionError("the household has no draught animal of its own to sell or slaughter")
        self.pending_animals = action.choice
        return {"keep": "You keep the animal.", "sell": "You will sell the animal at market.",
                "slaughter": "You will slaughter the animal for meat and hide."}[action.choice]

    def _do_sell_grain(self, action: SellGrain) -> str:
        self._need_role("peasant", "selling grain")
        if action.jin > self.state.grain[PLAYER_VILLAGE, self.household] + 1e-9:
            raise ActionError(f"the family has only {self.state.grain[PLAYER_VILLAGE, self.household]:.0f} jin in store")
        self.pending_sell = float(action.jin)
        return f"You will sell {action.jin:.0f} jin to the state grain station."

    def _do_hide_grain(self, action: HideGrain) -> str:
        self._need_role("peasant", "hiding grain")
        if self.params.harvest_share[self.t % 4] == 0 or self.params.schedule.procurement_on[self.t] == 0:
            raise ActionError("there is no harvest assessment to hide grain from this season")
        if self.household_form() in ("lower", "higher"):
            raise ActionError("a co-op member's grain is assessed with the co-op's; there is nothing of your own to hide")
        self.pending_hide = float(action.jin)
        return f"You will try to keep {action.jin:.0f} jin out of the assessment."

    def _do_clear(self, action: ClearChoice) -> str:
        if action.what in LEVERS:
            self._need_role("cadre", "village policy")
            self.pending_levers.pop(action.what, None)
            self.levers_decided.add(action.what)
            self._refresh()
        else:
            self._need_role("peasant", CLEAR_LABELS[action.what])
            if action.what in ("sell", "hide"):
                setattr(self, f"pending_{action.what}", 0.0)
            else:
                setattr(self, f"pending_{action.what}", None)
        return f"You {action.describe()}."

    def _do_lever(self, action: SetLever) -> str:
        self._need_role("cadre", "village policy")
        reason = self.lever_reason(action.name, action.value)
        if reason:
            raise ActionError(reason)
        self.pending_levers[action.name] = action.value
        self.levers_decided.add(action.name)
        self._refresh()
        return f"You {action.describe()}."

    def lever_reason(self, name: str, value: object) -> str | None:
        sched, t = self.params.schedule, self.t
        if name == "upgrade" and value and sched.higher_allowed[t] == 0:
            return "higher-stage co-ops cannot be formed before winter 1955"
        if name == "upgrade" and value and not (self.state.form[PLAYER_VILLAGE] == LOWER).any():
            return "there is no lower-stage co-op to convert"
        if name == "dissolve_weak" and value and sched.contraction[t] == 0:
            return "dissolving co-ops is not on the agenda this season"
        if name == "report" and t % 4 not in (2, 3):
            return "reports to the county are made in autumn and winter"
        if name == "poor_fund" and value and t < DIRECTIVE_SEASON + 1:
            return "the poor peasants' co-operation fund is not available before autumn 1955"
        if name == "water_works" and value and t % 4 != 3:
            return "water works are a winter task"
        return None

    # ------------------------------------------------------------------ running the season
    def _run_season(self, at: str | None = None) -> None:
        s, v, t = self.state, PLAYER_VILLAGE, self.t
        overrides = HouseholdOverrides.none(s.villages, s.households)
        if self.household is not None:
            h = self.household
            overrides.form[v, h] = FORMS.index(self.pending_form) if self.pending_form else s.form[v, h]
            overrides.animals[v, h] = ANIMAL_CHOICES.index(self.pending_animals) if self.pending_animals else 0
            if self.pending_effort is not None:
                overrides.effort[v, h] = self.pending_effort
            if self.pending_sideline is not None:
                overrides.sideline[v, h] = self.pending_sideline
            if self.average_luck:
                overrides.luck[v, h] = 1.0
            overrides.sell_grain[v, h] = self.pending_sell
            overrides.hide_grain[v, h] = self.pending_hide
            if s.form[v, h] == LOWER:
                # the household's vote if its co-op meets on the higher stage: "go along" unless it said otherwise
                wish = self.pending_form
                overrides.vote[v, h] = 1 if wish == "higher" or (wish is None and self.meeting_called()) else 0
        before_form = s.form[v].copy()
        record = step(s, self.params, self.levers if self.setup.role == "cadre" else None,
                      self.mask if self.setup.role == "cadre" else None, overrides)
        self.logs.append(self._log(record, before_form))
        self.logs[-1].choices = self._choices(overrides)
        chain = self.digests[-1] if self.digests else self.setup.identity()
        actions = json.dumps([a.to_json() for a in self.season_actions], sort_keys=True)
        stamp = f"@{at}" if at else ""  # the season's end time, in games with an identity
        self.digests.append(hashlib.sha256((chain + s.digest() + actions + stamp).encode()).hexdigest())
        if self.setup.role == "cadre" and s.career[PLAYER_VILLAGE] <= self.params.removal_career:
            self.removed_at = t
            self.logs[-1].messages.append(f"The county removes you from your post after {season_label(t)}. "
                                          "Another secretary will take over Liudu.")
        self._begin_season()

    def _log(self, record, before_form: np.ndarray) -> SeasonLog:
        v = PLAYER_VILLAGE
        ind = {k: float(np.asarray(val)[v]) for k, val in record.indicators.items() if np.asarray(val).ndim == 1}
        by_class = record.indicators["coop_share_by_class"][v]
        for i, name in enumerate(CLASSES):
            ind[f"coop_share_{name}"] = float(by_class[i])
        county = {k: float(np.mean(val)) for k, val in record.indicators.items() if np.asarray(val).ndim == 1}
        flows = {k: np.asarray(val)[v].copy() for k, val in record.flows.items() if not k.startswith("v_") and np.ndim(val) == 2}
        village_flows = {k[2:]: float(np.asarray(val)[v]) for k, val in record.flows.items() if k.startswith("v_")}
        # the calculus the player saw this season (the model's own needs only totals)
        calc = {k: val[v].copy() for k, val in self.calculus.parts.items()}
        levers = {name: self._lever_value(record.levers, name) for name in LEVERS}
        verdict = {k: (bool(np.asarray(val)[v]) if np.asarray(val).dtype == bool else float(np.asarray(val)[v]))
                   for k, val in record.verdict.items()}
        messages = self._season_messages(record, before_form)
        return SeasonLog(record.t, ind, county, flows, village_flows, calc,
                         self.calculus.available, self.calculus.open[0].copy(), levers, verdict, float(record.weather[v]),
                         self.state.form[v].copy(), messages, list(self.season_actions))

    def _lever_value(self, levers: Levers, name: str) -> object:
        value = getattr(levers, name)[PLAYER_VILLAGE]
        if name in ENUM_LEVERS:
            return ENUM_LEVERS[name][int(value)]
        return bool(value) if np.asarray(value).dtype == bool else float(value)

    def _season_messages(self, record, before_form: np.ndarray) -> list[str]:
        v = PLAYER_VILLAGE
        after = self.state.form[v]
        out = narration.village_lines(record.flows, before_form, after, v)
        if self.household is not None:
            h = self.household
            out += narration.household_lines(self, record.flows, int(before_form[h]), int(after[h]), h, record.t)
        if self.setup.role == "cadre":
            out += narration.county_lines(record.verdict, record.flows, record.t, float(self.state.chopped[v]), v)
        return out

    def _choices(self, overrides) -> dict:
        """What the player chose this season, as the debrief replays it."""
        if self.household is None:
            # "levers": what the village ran with (carried policies included); "set": what the player decided this season
            return {"levers": dict(self.pending_levers), "set": sorted(self.levers_decided)}
        h = self.household
        vote = int(overrides.vote[PLAYER_VILLAGE, h])
        return {"form": self.pending_form, "effort": self.pending_effort, "sideline": self.pending_sideline,
                "animals": self.pending_animals, "sell": self.pending_sell, "hide": self.pending_hide,
                "vote": None if vote < 0 else vote}

    def meeting_called(self) -> bool:
        """The cadres call the co-ops' meetings on the higher stage this season (as the levers stand now)."""
        return bool(self.params.schedule.higher_allowed[self.t] > 0 and self.levers.upgrade[PLAYER_VILLAGE])

    def fork(self) -> "Session":
        """An independent copy of the game as it stands, for what-if branches under the same luck:
        the model state and the story are copied, the content and the scenario are shared."""
        memo = {id(self.bundle): self.bundle, id(self.scenario): self.scenario, id(self.params): self.params}
        return copy.deepcopy(self, memo)

    # ------------------------------------------------------------------ replay support
    def replay(self, actions: list[tuple[int, Action]], digests: list[str] | None = None) -> int | None:
        """Apply recorded actions; returns the first season whose digest differs (or None)."""
        for season, action in actions:
            if season != self.t and not (self.finished and season == N_SEASONS):
                raise ActionError(f"an action is recorded for {season_label(season) if season < N_SEASONS else 'the epilogue'} but the game is at {self.label}")
            self.apply(action)
            if isinstance(action, EndSeason) and digests is not None:
                k = len(self.digests) - 1
                if k >= len(digests) or digests[k] != self.digests[k]:
                    return k
        if digests is not None and len(digests) != len(self.digests):
            return len(self.digests)
        return None


FORM_TEXT = {"independent": "farming alone", "team": "in a mutual-aid team", "lower": "in the lower-stage co-op",
             "higher": "in the higher-stage co-op"}
CLASS_TEXT = {"poor": "poor peasant", "lower_middle": "lower-middle peasant", "upper_middle": "upper-middle peasant",
              "rich": "rich peasant", "landlord": "former landlord"}


PEEKED = ("procurement_due", "end_coop_share_pct", "end_higher_share_pct")


class LazyVariables(dict):
    """Text variables, some of them worked out only when a text reads them."""

    def __init__(self, values: dict[str, object], lazy: dict) -> None:
        super().__init__(values)
        self.lazy = lazy

    def get(self, key, default=None):  # noqa: ANN001, ANN201 - dict's own signature
        if not super().__contains__(key) and key in self.lazy:
            self[key] = self.lazy[key]()
        return super().get(key, default)

    def __contains__(self, key) -> bool:  # noqa: ANN001
        return super().__contains__(key) or key in self.lazy

    def __getitem__(self, key):  # noqa: ANN001, ANN204
        if not super().__contains__(key) and key in self.lazy:
            self[key] = self.lazy[key]()
        return super().__getitem__(key)


def family_name(household_name: str) -> str:
    """"Li Guiying's household" -> "Li Guiying"; "the Wu household" -> "Wu"."""
    name = household_name.removeprefix("the ")
    return name.removesuffix("'s household").removesuffix(" household")
