"""The model's mechanisms in words, with the parameters each reads and the sources behind it.

The model card (``hightide model`` and the in-game card) prints this list before the parameter
table, and ``docs/model.md`` explains each at length. Pure data; never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mechanism:
    id: str
    name: str
    summary: str
    parameters: tuple[str, ...]
    sources: str


MECHANISMS: tuple[Mechanism, ...] = (
    Mechanism("M1", "Production",
              "Land, labour times effort and draught power (a household short of oxen farms late and by hand); pooling "
              "in a team re-matches labour and animals, pooling in a co-op adds scale gains and supervision costs.",
              ("tfp", "beta_land", "beta_labour", "draught_penalty", "draught_need", "ox_market", "scale_gain",
               "supervision_cost", "labour_pooling"), "E-economics-brief §1.8; E-kung-putterman-1997; S37"),
    Mechanism("M2", "The state's take",
              "Tax on assessed normal output; from autumn 1953 compulsory sale of the assessed surplus above the "
              "retention standard. A co-op is assessed as a unit at its yield per mu, and a member's deficit does not "
              "cancel another's surplus. After July 1955 the output of households outside the co-ops is over-estimated "
              "(a surcharge), and their resale grain is cut. 1954 was over-assessed; 1955 purchases were cut.",
              ("tax_rate", "retention", "procurement_rate", "assessment_level", "discrimination", "resale_rate",
               "resale_cut", "state_relief"), "S28 S29 S30 S3 S73"),
    Mechanism("M3", "Distribution",
              "A team settles ox-days and labour-days in grain; a lower co-op pays animal rent, then land dividends "
              "(omega) and work points; a higher co-op pays per-head grain (rho) and work points, and pays for pooled "
              "animals in instalments. One function serves the harvest and the calculus.",
              ("omega", "rho", "ox_rent", "accumulation", "welfare", "instalment_years", "instalment_paid"),
              "S23 S39 S40b S13 S25"),
    Mechanism("M4", "Consumption and hunger",
              "Households ration their store to the next harvest but eat more freely after it (the spring gap), buy "
              "back resale grain with money, borrow grain, get relief from the co-op's welfare fund and the state. "
              "Eating below the survival line is hunger: it cuts effort, trust and builds grievance. Nobody starves.",
              ("ration", "survival", "present_bias", "credit_limit", "resale_rate", "state_relief"), "S5 S30 S3"),
    Mechanism("M5", "Effort and shirking",
              "Members choose effort from their marginal return; diligence holds while leaving is possible and the co-op "
              "is worth more than farming alone (Lin); time kept from collective work goes to the private plot.",
              ("metering_lower", "metering_higher", "peer_norm", "plot_share", "plot_yield", "plot_labour"),
              "E-lin-1990-jpe; S23 S66"),
    Mechanism("M6", "Joining, leaving and admission",
              "Each household weighs income (with insurance near subsistence), neighbours and political pressure. Teams "
              "need three households; co-ops are founded by groups of five, with the county's approval, and fill the "
              "largest co-op with room; the cadres' capacity limits applications, the player's included; leaving only in "
              "the autumn window as far as exit is open; joining costs a share-fund contribution.",
              ("team_min", "found_min", "coop_max", "coop_min", "capacity", "founding", "share_fund", "exit_open",
               "insurance_weight", "conformity", "pressure_weight"), "S1 S13b S33 S44 S64"),
    Mechanism("M6b", "The higher stage",
              "The cadres call each lower co-op to vote on going higher; the stance and the county's target weigh on every "
              "vote. A refuser may withdraw as far as exit is open; five refusers can keep a lower co-op; one alone is "
              "carried in, and the report says so.",
              ("higher_quota", "higher_allowed", "found_min", "exit_open"), "S16 S46 S48 S49 S60b S77"),
    Mechanism("M7", "Animals",
              "Before pooling, owners weigh keeping an ox (paid a valuation in instalments) against selling or slaughtering "
              "it; pooled animals die more where trust is low.", ("animal_value", "valuation", "slaughter_value",
                                                                   "neglect_mortality"), "S3 S25 E-chen-lan-2017"),
    Mechanism("M8", "Trust, grievance and the wish to leave",
              "Trust moves every season with hunger and coercion, at year-end with what was paid against what was "
              "promised; blocked exits and coercion build grievance, which feeds the wish to leave.",
              ("trust_income", "trust_coercion", "trust_hunger", "grievance_coercion", "grievance_hunger"), "S16 S18 S78"),
    Mechanism("M9", "The political schedule",
              "Campaign pressure, targets, exit, procurement, holdout treatment, rectification checks and the county's "
              "tolerance of coercion, season by season, as scenario data (so 'no directive' is a scenario file).",
              ("pressure", "quota", "holdout", "rectification", "commandism_check", "line_weight"), "S1 S3 S4 S19 S76 S81"),
    Mechanism("M10", "Standing",
              "What a household's actions earn it with activists and cadres: joining raises it (early joiners most), "
              "leaving lowers it, staying out after July 1955 lowers it every season (non-joiners listed apart), hidden "
              "grain found lowers it, extra sales and collective work raise it, shirking lowers it. It makes searches "
              "likelier. No cap.", ("standing_join", "standing_leave", "standing_holdout", "standing_hidden_found",
                                   "standing_sale", "standing_collective", "standing_shirk"), "S5 S72 S73"),
    Mechanism("M11", "The cadre and the county",
              "An AI secretary in every other village; the county judges every secretary on progress (as reported), the "
              "grain delivered, hunger complaints and coercion. Over-reported output raises next year's assessment; "
              "rectification checks (spring 1955, 1956) can catch false figures; after July 1955 slowness brings a work "
              "team; from mid-1956 coercion is criticized; a secretary can be removed at any verdict.",
              ("report_bias", "rectify_detect", "removal_career", "hunger_complaints", "procurement_shortfall",
               "stance_pressure"), "S1 S3 S16 S49 S76 S81"),
)
