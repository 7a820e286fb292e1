"""What a cadre decides for a village and what a player decides for one household.

Levers are arrays over villages; the AI cadre (``cadre.py``) fills them for every village it
runs, and a cadre player's choices overwrite their village's entries. Household overrides
let a peasant player replace the model's decision for one household. Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

KEEP_MODEL = -1


@dataclass
class Levers:
    """Per-village cadre levers for one season (index conventions in params.py)."""

    stance: np.ndarray  # int, STANCES
    omega: np.ndarray  # land-dividend share in lower co-ops
    admission: np.ndarray  # int, ADMISSIONS
    withdrawal: np.ndarray  # int, WITHDRAWALS
    assessment: np.ndarray  # int, ASSESSMENTS
    report: np.ndarray  # int, REPORTS
    poor_fund: np.ndarray  # bool: poor peasants' co-operation fund loans
    water_works: np.ndarray  # bool: winter labour on water works
    valuation: np.ndarray  # price for pooled animals, share of market value
    upgrade: np.ndarray  # bool: convert lower co-ops to a higher co-op this season
    dissolve_weak: np.ndarray  # bool: dissolve weak co-ops (spring 1955 contraction)
    work_points: np.ndarray  # int, WORK_POINT_METHODS (0: the scenario's default metering)

    @classmethod
    def default(cls, villages: int) -> "Levers":
        return cls(
            stance=np.zeros(villages, np.int8),
            omega=np.full(villages, 0.3),
            admission=np.zeros(villages, np.int8),
            withdrawal=np.zeros(villages, np.int8),
            assessment=np.zeros(villages, np.int8),
            report=np.zeros(villages, np.int8),
            poor_fund=np.zeros(villages, bool),
            water_works=np.zeros(villages, bool),
            valuation=np.full(villages, 0.55),
            upgrade=np.zeros(villages, bool),
            dissolve_weak=np.zeros(villages, bool),
            work_points=np.zeros(villages, np.int8),
        )

    def metering(self, default_lower: float, default_higher: float) -> tuple[np.ndarray, np.ndarray]:
        """Accuracy of work-point metering in lower and higher co-ops, by village."""
        from game.sim.params import WORK_POINT_METERING

        chosen = np.asarray(WORK_POINT_METERING)[self.work_points]
        return np.where(self.work_points > 0, chosen, default_lower), np.where(self.work_points > 0, chosen, default_higher)


@dataclass
class HouseholdOverrides:
    """Choices a player makes for single households; KEEP_MODEL (-1 / nan) lets the model decide."""

    form: np.ndarray  # int8 (V, N): wanted form, or -1
    effort: np.ndarray  # float (V, N): effort, or nan
    animals: np.ndarray  # int8 (V, N): ANIMAL_CHOICES index, or -1
    sell_grain: np.ndarray  # float (V, N): extra jin sold to the state this season
    hide_grain: np.ndarray  # float (V, N): jin hidden from the assessment this season
    sideline: np.ndarray  # float (V, N): share of slack labour put into sidelines, or nan
    vote: np.ndarray  # int8 (V, N): vote at a co-op meeting on the higher stage (1 for, 0 against), or -1
    luck: np.ndarray  # float (V, N): the household's own luck this season, or nan (measurement branches only)

    @classmethod
    def none(cls, villages: int, households: int) -> "HouseholdOverrides":
        shape = (villages, households)
        return cls(
            form=np.full(shape, KEEP_MODEL, np.int8),
            effort=np.full(shape, np.nan),
            animals=np.full(shape, KEEP_MODEL, np.int8),
            sell_grain=np.zeros(shape),
            hide_grain=np.zeros(shape),
            sideline=np.full(shape, np.nan),
            vote=np.full(shape, KEEP_MODEL, np.int8),
            luck=np.full(shape, np.nan),
        )
