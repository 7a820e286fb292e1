"""M2 the state's take: agricultural tax on *assessed* normal output and, from autumn 1953,
compulsory sale of the assessed surplus above the retention standard (统购), with a surcharge
on households outside the co-ops when procurement discriminates (docs/model.md; the
Zhejiang cadres who over-estimated independents' harvests and imposed heavier sales, S73).

A co-op is assessed as a unit on its output (S29): its normal output per mu is rated, each
member's pooled land is rated at it, and the surpluses above each member's retention are
added up. A member's deficit does not cancel another's surplus, so the state does not take
less from a co-op village than from the same households farming alone (historically the co-op
made procurement easier for the state, not harder). Never imports textual.
"""

from __future__ import annotations

import numpy as np

from game.sim.params import Params


def assessed_take(normal_output, persons, animals, p: Params, procurement_rate) -> tuple[np.ndarray, np.ndarray]:
    """(tax, procurement) owed on a yearly assessed normal output, before any cap."""
    tax = p.tax_rate * normal_output
    surplus = normal_output * (1.0 - p.seed_rate) - tax - p.retention * persons - p.feed_per_animal * animals
    return tax, procurement_rate * np.maximum(surplus, 0.0)


def coop_take(normal_per_mu, pooled_land, persons, animals, p: Params, procurement_rate) -> tuple[np.ndarray, np.ndarray]:
    """(tax, procurement) each member's pooled land owes when the co-op is assessed as a unit:
    the unit's normal output per mu times the member's land, less the member's own retention.
    Summed over members, deficits never net against surpluses."""
    return assessed_take(normal_per_mu * pooled_land, persons, animals, p, procurement_rate)


def surcharge(p: Params, t: int, pressure: np.ndarray) -> np.ndarray:
    """(V,) extra share of assessed output charged to households outside the co-ops this season."""
    return p.schedule.discrimination[t] * pressure
