"""M2 the state's take: agricultural tax on *assessed* normal output and, from autumn 1953,
compulsory sale of the assessed surplus above the retention standard (统购), with a surcharge
on independents when procurement discriminates (ECONOMICS.md §6.4b). Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import Params


def assessed_take(normal_output, persons, animals, p: Params, procurement_rate) -> tuple[np.ndarray, np.ndarray]:
    """(tax, procurement) owed on a yearly assessed normal output, before any cap."""
    tax = p.tax_rate * normal_output
    surplus = normal_output * (1.0 - p.seed_rate) - tax - p.retention * persons - p.feed_per_animal * animals
    return tax, procurement_rate * np.maximum(surplus, 0.0)
