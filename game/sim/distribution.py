"""M3 distribution: the one home of the rules that split a pooled harvest among its members.

Both the harvest (what members actually receive) and the household calculus (what a member
can expect) call these functions, so the calculus cannot drift from the harvest. A lower
co-op pays animal rent first, then splits the rest between land dividends (share omega, by
land pooled) and work points; a higher co-op pays a per-head grain share (rho) and work points,
and pays for pooled animals in instalments out of the money the state pays for its grain.
A mutual-aid team settles the ox-days and labour-days its members swap, in grain (S40 S23
S25). Never imports textual.
"""

from __future__ import annotations

import numpy as np


def coop_grain(pool, rent_owed_unit, rent_owed, land_share, head_share, point_share, omega, rho):
    """Split a unit's distributable grain ``pool`` (after seed, fodder, the state and the funds).

    Animal rent owed to owners is paid first, scaled down if the pool cannot cover it; the rest
    goes omega to land, rho per head and the remainder to work points. All arguments broadcast
    per household (unit totals gathered to each member). Returns (rent, land dividend, per-head
    grain, work points)."""
    scale = np.minimum(1.0, pool / np.maximum(rent_owed_unit, 1e-9))
    rent = rent_owed * scale
    rest = pool - rent_owed_unit * scale
    land_div = omega * rest * land_share
    per_head = rho * rest * head_share
    work_points = (1.0 - omega - rho) * rest * point_share
    return rent, land_div, per_head, work_points


def coop_money(money_unit, due_unit, due, received, received_unit, paid_share: float):
    """The state's payment for a unit's grain: animal instalments first (at most ``paid_share``
    of what is due), then shared in proportion to the grain each member received.

    Returns (instalment, money)."""
    pay_scale = np.minimum(paid_share, money_unit / np.maximum(due_unit, 1e-9))
    instalment = due * pay_scale
    left = money_unit - due_unit * pay_scale
    money = left * received / np.maximum(received_unit, 1e-9)
    return instalment, money


def work_point_weight(labour, effort, mean_effort, metering):
    """Work points recorded for a member: accurate metering counts its own effort, the rest of
    the record credits the co-op's average (Lin 1987; S40)."""
    return labour * (metering * effort + (1.0 - metering) * mean_effort)


def team_settlement(used, own_animals, ox_rent_season, labour_used, own_labour, wage):
    """Grain a team member pays (+) or receives (-) for the ox-days and labour-days it took from
    or gave to its team-mates: one ox-day is worth about two labour-days (S25, E-chen-lan)."""
    return ox_rent_season * (used - own_animals) + wage * (labour_used - own_labour)
