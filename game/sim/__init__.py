"""The village model: numpy arrays with a leading village axis, one function per seasonal
step, seeded random streams. Pure: no I/O, no content files, never imports textual.

Mechanisms M1-M11 of docs/model.md live in: production (M1), statetake (M2), harvest (M3
distribution), consumption (M4), effort (M5), membership and calculus (M6), animals (M7),
trust (M8), params.Schedule (M9), the village axis itself (M10), cadre (M11).
"""

from game.sim.levers import HouseholdOverrides, Levers
from game.sim.params import CLASSES, FORMS, SEASONS, ClassTable, Params, Schedule
from game.sim.state import VillageState, initial_state
from game.sim.step import SeasonRecord, run, step

__all__ = [
    "CLASSES", "FORMS", "SEASONS", "ClassTable", "HouseholdOverrides", "Levers", "Params", "Schedule",
    "SeasonRecord", "VillageState", "initial_state", "run", "step",
]
