"""Model parameters and the political schedule, as plain values the model reads.

The sim never reads files: ``game.content.scenario`` turns a scenario TOML into these
dataclasses. Every field here corresponds to a keyed entry in ``assets/scenarios/*.toml``,
where its unit and source id live. Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

SEASONS: tuple[str, ...] = ("spring", "summer", "autumn", "winter")
FIRST_YEAR = 1953
N_SEASONS = 16

CLASSES: tuple[str, ...] = ("poor", "lower_middle", "upper_middle", "rich", "landlord")
CLASS_LABELS: tuple[str, ...] = (
    "poor peasant",
    "lower-middle peasant",
    "upper-middle peasant",
    "rich peasant",
    "former landlord",
)
POOR, LOWER_MIDDLE, UPPER_MIDDLE, RICH, LANDLORD = range(5)

FORMS: tuple[str, ...] = ("independent", "team", "lower", "higher")
FORM_LABELS: tuple[str, ...] = (
    "farming alone",
    "mutual-aid team",
    "lower-stage co-op",
    "higher-stage co-op",
)
INDEPENDENT, TEAM, LOWER, HIGHER = range(4)

STANCES: tuple[str, ...] = ("persuasion", "demonstration", "pressure", "coercion")
ADMISSIONS: tuple[str, ...] = ("screen", "recruit_poor", "bring_in_well_off")
WITHDRAWALS: tuple[str, ...] = ("allow_with_property", "allow_without", "refuse")
ASSESSMENTS: tuple[str, ...] = ("fair", "high")
REPORTS: tuple[str, ...] = ("honest", "under", "over")
ANIMAL_CHOICES: tuple[str, ...] = ("keep", "sell", "slaughter")
WORK_POINT_METHODS: tuple[str, ...] = ("regulation", "fixed_record", "live_appraisal", "task_rates")
WORK_POINT_METERING: tuple[float, ...] = (float("nan"), 0.25, 0.5, 0.75)  # accuracy m by method (S40) [A]


def season_index(name: str, year: int) -> int:
    """Inverse of season_label: ('autumn', 1955) -> 10."""
    return (year - FIRST_YEAR) * 4 + SEASONS.index(name)


# Summer 1955: Mao's speech of 31 July 1955 reaches the counties. The one home of this date:
# the model, the story, the screens and the checks all import it from here.
DIRECTIVE_SEASON = season_index("summer", 1955)


def season_name(t: int) -> str:
    """'spring' .. 'winter' for season index t (0 = spring 1953)."""
    return SEASONS[t % 4]


def season_year(t: int) -> int:
    """Calendar year of season index t."""
    return FIRST_YEAR + t // 4


def season_label(t: int) -> str:
    """'Spring 1953' for t = 0."""
    return f"{season_name(t).capitalize()} {season_year(t)}"


@dataclass(frozen=True)
class Schedule:
    """The political calendar, one value per season (M9). Scenario data, never a code path."""

    pressure: np.ndarray  # campaign pressure P_t, 0..1
    quota: np.ndarray  # county target: share of households in co-ops
    higher_quota: np.ndarray  # county target: share in higher co-ops
    exit_open: np.ndarray  # effective exit openness x_t, 0..1
    discrimination: np.ndarray  # procurement surcharge on independents d_t
    optimism: np.ndarray  # expected co-op income bonus (Forty Articles)
    capacity: np.ndarray  # households a village can take into co-ops per season
    founding: np.ndarray  # share of villages where the county approves a new co-op this season
    procurement_on: np.ndarray  # unified purchase in force (0/1)
    procurement_rate: np.ndarray  # share of assessed surplus bought
    assessment_level: np.ndarray  # assessed "normal" output as a multiple of the true normal output
    lower_allowed: np.ndarray  # lower co-ops may form (0/1)
    higher_allowed: np.ndarray  # higher co-ops may form / upgrade (0/1)
    contraction: np.ndarray  # weak co-ops may be dissolved (0/1)
    line_weight: np.ndarray  # how hard the county judges cadres on the quota
    valuation: np.ndarray  # price paid for pooled animals, share of market value
    resale_rate: np.ndarray  # share of a deficit household's shortfall the state resells
    state_relief: np.ndarray  # share of a household's shortfall below the survival ration the state gives as relief
    resale_cut: np.ndarray  # share of resale grain withheld from households outside the co-ops
    holdout: np.ndarray  # how hard households still outside are singled out (listed apart, meetings), 0..1
    rectification: np.ndarray  # the county checks villages' figures this season (0/1)
    commandism_check: np.ndarray  # chance that coercion is reported and criticized this season

    def __post_init__(self) -> None:
        for f in fields(self):
            value = np.asarray(getattr(self, f.name), dtype=np.float64)
            if value.shape != (N_SEASONS,):
                raise ValueError(f"schedule.{f.name} must have {N_SEASONS} values")
            object.__setattr__(self, f.name, value)


@dataclass(frozen=True)
class ClassTable:
    """Endowments and dispositions by land-reform class (index order of CLASSES)."""

    households: np.ndarray  # households per village in each class
    persons: np.ndarray
    labour: np.ndarray  # labour units (able man = 1)
    land_per_person: np.ndarray  # mu
    animals: np.ndarray  # draught animals per household
    skill: np.ndarray
    vulnerability: np.ndarray  # exposure to political pressure
    threshold: np.ndarray  # Granovetter conformity threshold mean

    def __post_init__(self) -> None:
        for f in fields(self):
            value = np.asarray(getattr(self, f.name), dtype=np.float64)
            if value.shape != (len(CLASSES),):
                raise ValueError(f"classes.{f.name} must have {len(CLASSES)} values")
            object.__setattr__(self, f.name, value)


@dataclass(frozen=True)
class Params:
    """All numeric parameters of the village model (docs/model.md)."""

    classes: ClassTable
    schedule: Schedule
    county_villages: int = 100
    # M1 production
    tfp: float = 520.0  # A, jin per year
    beta_land: float = 0.45
    beta_labour: float = 0.55
    draught_penalty: float = 0.25  # gamma_D
    draught_need: float = 0.05  # k*, animals per mu
    harvest_share: tuple[float, float, float, float] = (0.0, 0.35, 0.65, 0.0)
    scale_gain: float = 0.08  # sigma_s
    scale_n0: float = 10.0
    scale_nstar: float = 60.0
    scale_loss: float = 0.06  # kappa_s
    supervision_cost: float = 0.02  # c_m
    supervision_exp: float = 0.5  # zeta
    metering_lower: float = 0.6
    metering_higher: float = 0.45
    ox_market: float = 0.3  # share of an independent's draught shortfall it can rent
    ox_rent: float = 350.0  # jin per animal-year
    land_noise: float = 0.2
    # M2 state take
    tax_rate: float = 0.10
    retention: float = 440.0  # jin per person per year
    state_price: float = 0.8  # value of a jin sold to the state, in jin at market value
    high_assessment: float = 1.15
    # M3 distribution
    omega: float = 0.3  # land dividend share in lower co-ops
    rho: float = 0.2  # per-head share in higher co-ops
    accumulation: float = 0.05
    welfare: float = 0.01
    share_fund: float = 60.0  # jin per labour unit on joining a co-op
    # M4 consumption
    ration: float = 450.0  # jin per person per year a household aims to eat
    survival: float = 250.0  # C0
    seed_rate: float = 0.06
    feed_per_animal: float = 300.0  # jin per year
    present_bias: float = 0.25  # extra share eaten per season still to go after a harvest
    credit_limit: float = 300.0
    loan_share: float = 0.5  # share of a shortfall below the survival ration that grain loans cover  # jin of grain loans a household can carry
    sideline: float = 60.0  # jin-equivalent per labour unit per slack season
    higher_sidelines: float = 0.75  # share of sideline time a higher co-op leaves its members
    hunger_effort: float = 0.3  # kappa_h
    # shocks
    weather_sigma: float = 0.12
    disaster_p: float = 0.08
    disaster_low: float = 0.6
    disaster_high: float = 0.8
    luck_sigma: float = 0.15
    # M5 effort
    patience_mean: float = 0.85
    patience_sd: float = 0.05
    detect_n: float = 15.0
    internal_sanction: float = 0.02
    comply_scale: float = 0.02
    peer_norm: float = 0.2
    # M6 joining and leaving
    insurance_weight: float = 0.6
    join_cost: float = 1.0
    exit_cost: float = 1.5
    conformity: float = 4.0
    threshold_sd: float = 0.1
    pressure_weight: float = 7.0
    logit_scale: float = 2.0
    reconsider: tuple[float, float, float, float] = (0.5, 0.15, 0.3, 0.6)
    grievance_weight: float = 1.0
    # M7 animals
    animal_value: float = 1200.0
    slaughter_value: float = 0.55  # mu_s
    instalment_years: float = 4.0
    instalment_paid: float = 0.8
    slaughter_ban: float = 0.3
    disposal_scale: float = 0.08
    disposal_realised: float = 0.5
    collective_mortality: float = 0.005
    neglect_mortality: float = 0.03
    # M8 trust
    trust_income: float = 0.3
    trust_coercion: float = 0.08
    trust_blocked: float = 0.1
    trust_fair: float = 0.02
    trust_hunger: float = 0.06  # trust lost by a season of full hunger
    grievance_coercion: float = 0.15  # grievance from a season of coercion, times exposure
    grievance_hunger: float = 0.15  # grievance from a season of full hunger
    expectation_rate: float = 0.5
    # M1/M3 mutual-aid teams
    team_min: float = 3.0  # households; a smaller team breaks up
    labour_pooling: float = 0.5  # share of the labour re-matching a team achieves
    initial_team_groups: float = 0.6  # share of neighbour groups with a team in spring 1953
    initial_team_join: tuple[float, float, float, float, float] = (0.85, 0.8, 0.55, 0.3, 0.1)
    # M6 co-op founding and size
    found_min: float = 5.0  # households needed to found a co-op
    coop_max: float = 40.0  # households in one lower co-op before a second is founded
    coop_min: float = 3.0  # a co-op that shrinks below this dissolves
    # private plots and slack seasons
    plot_share: float = 0.05  # private plot per person, share of the village's land per person
    plot_yield: float = 300.0  # jin-equivalent per mu per year from a well-tended private plot
    plot_labour: float = 0.3  # labour units per mu a private plot needs for its full yield
    evening_labour: float = 0.03  # share of a household's labour always free for the plot
    slack_work_gain: float = 0.03  # next harvest's output gain from a slack season of field work
    # standing with neighbours and cadres
    standing_join: float = 1.0
    standing_leave: float = 2.0
    standing_holdout: float = 1.5
    standing_hidden_found: float = 2.0
    standing_sale: float = 0.5  # per 100 jin sold to the state beyond the quota
    standing_collective: float = 0.5  # a slack season given to the village's work
    standing_shirk: float = 0.3  # effort in collective work visibly below the others'
    # M11 cadre
    cadre_temperature: float = 0.25
    stance_pressure: tuple[float, float, float, float] = (0.5, 0.8, 1.2, 1.6)
    stance_unrest: tuple[float, float, float, float] = (0.0, 0.05, 0.25, 0.8)
    report_bias: tuple[float, float, float] = (1.0, 0.92, 1.1)  # assessed output after an honest, under- or over-report
    rectify_detect: float = 0.6  # chance a false report is found at a rectification check
    removal_career: float = -4.0  # standing with the county at which a secretary is removed
    hunger_complaints: float = 0.15  # share of households hungry at which complaints reach the county
    procurement_shortfall: float = 0.9  # share of the assessed grain a village must deliver
    land_value: float = 170.0  # jin per mu: a year's normal output, to count land among assets

    @property
    def households(self) -> int:
        return int(self.classes.households.sum())
