"""The vocabulary content may use: condition names, text variables and effects.

This is the single table behind the README's lists. The expression parser checks names
against it, the checker draws synthetic values from the ranges given here, and the effect
parser checks argument types. Pure data; never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES: tuple[str, ...] = ("peasant", "cadre")
SCENE_ROLES: tuple[str, ...] = ("peasant", "cadre", "any")
SEASONS: tuple[str, ...] = ("spring", "summer", "autumn", "winter")
YEARS: tuple[int, ...] = (1953, 1954, 1955, 1956)
HOUSEHOLD_CLASSES: tuple[str, ...] = ("poor", "lower_middle", "upper_middle", "rich", "landlord")
FORMS: tuple[str, ...] = ("independent", "team", "lower", "higher")
LAST_T = len(YEARS) * len(SEASONS) - 1  # 15: winter 1956


@dataclass(frozen=True)
class NameSpec:
    """A condition name: its type ('num', 'str' or 'bool'), its range or values, its meaning."""

    type: str
    meaning: str
    low: float = 0.0
    high: float = 1.0
    integer: bool = False
    values: tuple[str, ...] = ()


NAMES: dict[str, NameSpec] = {
    "role": NameSpec("str", "'peasant' or 'cadre'", values=ROLES),
    "year": NameSpec("num", "the year", 1953, 1956, integer=True),
    "season": NameSpec("str", "the season", values=SEASONS),
    "t": NameSpec("num", "season index, 0 (spring 1953) .. 15 (winter 1956)", 0, LAST_T, True),
    "household_class": NameSpec("str", "the household's class label", values=HOUSEHOLD_CLASSES),
    "form": NameSpec("str", "the household's form", values=FORMS),
    "family_grain": NameSpec("num", "jin of grain in store", 0, 6000),
    "grain_per_person": NameSpec("num", "jin eaten per person per year last season", 150, 700),
    "animals": NameSpec("num", "the household's draught animals", 0, 3, integer=True),
    "hungry": NameSpec("bool", "the family ate below the survival line last season"),
    "standing": NameSpec("num", "standing with neighbours and cadres", -10, 10, integer=True),
    "trust": NameSpec("num", "village trust in the co-op and cadres, 0..1"),
    "coop_share": NameSpec("num", "share of village households in co-ops, 0..1"),
    "higher_share": NameSpec("num", "share of village households in higher co-ops, 0..1"),
    "bad_harvest": NameSpec("bool", "this season's weather is bad"),
    "good_harvest": NameSpec("bool", "this season's weather is good"),
    "procurement": NameSpec("num", "jin the state bought this season", 0, 40000),
    "directive": NameSpec("bool", "true from summer 1955 (the 31 July 1955 speech)"),
    "exit_open": NameSpec("num", "how open exit from co-ops is this season, 0..1"),
    "pressure": NameSpec("num", "campaign pressure this season, 0..1"),
    "career": NameSpec("num", "the cadre's standing with the county", -10, 10),
    "wants_out": NameSpec("bool", "the household would leave its co-op if it could"),
    "quota": NameSpec("num", "the county's target share of households in co-ops, 0..1"),
}

MODEL_FLAGS: tuple[str, ...] = ("caught_hiding",)
"""Flags the session sets from what the model did (not from a choice): 'caught_hiding' when the
household's hidden grain was found."""

FUNCTIONS: dict[str, int] = {"flag": 1, "seen": 1, "min": 2, "max": 2}
"""Functions callable in conditions, with their number of arguments."""

TEXT_VARIABLES: tuple[str, ...] = (
    "household_name", "family_name", "village", "season", "year", "family_grain",
    "grain_per_person", "animals", "form_label", "class_label", "coop_share_pct",
    "higher_share_pct", "procurement", "quota_pct", "stay_out_income", "join_income",
    "land_dividend", "work_points", "holdout_surcharge_pct", "resale_cut_pct",
    # the household's endowment now (game.content.template fills counts and units)
    "land", "persons",
    # the village now: households in all, in co-ops, in the higher co-op, in teams, farming alone
    "households_total", "coop_households", "higher_households", "team_households", "independent_households",
    # what last season did: households that entered or left a co-op
    "joined_last", "left_last",
    # grain sold to the state: over the last four seasons (the household's, or the village's for the cadre)
    "procurement_last_year",
    # this season's weather in a word chosen from the model's draw: "poor", "middling" or "good"
    "harvest_word",
    # the village's grain eaten per person last season and the season before, and a word for the change
    "village_grain_per_person", "grain_per_person_trend",
    # named households' land and animals (the character sheet's endowment, as the model holds it now)
    "li_guiying_land", "zhang_dewang_land", "wang_fu_land", "zhao_shouren_land", "qian_baoshan_land",
    "wang_fu_animals", "qian_baoshan_animals",
    # what this season will do, as things stand (the session works it out on a copy of the game):
    # the state's purchase from the household (the village's, for the cadre), the co-op shares at its end
    "procurement_due", "end_coop_share_pct", "end_higher_share_pct",
)


@dataclass(frozen=True)
class ArgSpec:
    """One effect argument: kind is 'name' (a string id), 'enum', 'int', 'num' or 'bool'."""

    kind: str
    values: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None


def _enum(*values: str) -> ArgSpec:
    return ArgSpec("enum", values)


@dataclass(frozen=True)
class EffectSpec:
    """An effect: its arguments and which role may use it ('any', 'peasant' or 'cadre')."""

    args: tuple[ArgSpec, ...]
    role: str = "any"


EFFECTS: dict[str, EffectSpec] = {
    "flag": EffectSpec((ArgSpec("name"),)),
    "standing": EffectSpec((ArgSpec("int", low=-10, high=10),)),
    "join": EffectSpec((_enum("team", "lower", "higher"),), "peasant"),
    "leave": EffectSpec((), "peasant"),
    "stay": EffectSpec((), "peasant"),  # go on as you are: in a co-op's meeting on the higher stage, vote against
    "animals": EffectSpec((_enum("keep", "sell", "slaughter"),), "peasant"),
    "sell_grain": EffectSpec((ArgSpec("int", low=0, high=10000),), "peasant"),
    "hide_grain": EffectSpec((ArgSpec("int", low=0, high=10000),), "peasant"),
    "effort": EffectSpec((ArgSpec("num", low=0.0, high=1.0),), "peasant"),
    "sideline": EffectSpec((ArgSpec("num", low=0.0, high=1.0),), "peasant"),
    "stance": EffectSpec((_enum("persuasion", "demonstration", "pressure", "coercion"),), "cadre"),
    "omega": EffectSpec((ArgSpec("num", low=0.0, high=0.5),), "cadre"),
    "admission": EffectSpec((_enum("screen", "recruit_poor", "bring_in_well_off"),), "cadre"),
    "withdrawal": EffectSpec((_enum("allow_with_property", "allow_without", "refuse"),), "cadre"),
    "assessment": EffectSpec((_enum("fair", "high"),), "cadre"),
    "report": EffectSpec((_enum("honest", "under", "over"),), "cadre"),
    "poor_fund": EffectSpec((ArgSpec("bool"),), "cadre"),
    "water_works": EffectSpec((ArgSpec("bool"),), "cadre"),
    "valuation": EffectSpec((ArgSpec("num", low=0.3, high=1.0),), "cadre"),
    "upgrade": EffectSpec((), "cadre"),
    "dissolve_weak": EffectSpec((), "cadre"),
    "document": EffectSpec((ArgSpec("name"),)),
}


def season_index(year: int, season: str) -> int:
    """t for a year and season: 0 is spring 1953, 15 is winter 1956."""
    return (year - YEARS[0]) * len(SEASONS) + SEASONS.index(season)


def season_of(t: int) -> tuple[int, str]:
    """(year, season) for a season index t."""
    return YEARS[0] + t // len(SEASONS), SEASONS[t % len(SEASONS)]


def parse_season_stamp(stamp: str) -> int:
    """t for a stamp like '1954-autumn'; raises ValueError if it is not one."""
    year_text, _, season = stamp.partition("-")
    if not year_text.isdigit() or season not in SEASONS:
        raise ValueError(stamp)
    return season_index(int(year_text), season)
