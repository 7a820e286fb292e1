"""Which unit each household farms in, and unit totals by ``np.bincount``.

Per village there are ``G`` neighbour groups (mutual-aid teams), ``COOP_SLOTS`` lower co-ops
(a household's ``coop`` index says which one it belongs to) and one higher co-op; households
farming alone fall into a final "no unit" slot. Totals are computed for all villages at once
on the flattened (village, unit) index. Never imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.sim.params import HIGHER, LOWER, TEAM
from game.sim.state import COOP_SLOTS


@dataclass(frozen=True)
class UnitLayout:
    groups: int
    sections: int  # lower co-op slots

    @property
    def higher(self) -> int:
        return self.groups + self.sections

    @property
    def none(self) -> int:
        return self.groups + self.sections + 1

    @property
    def size(self) -> int:
        return self.groups + self.sections + 2


def layout_for(group: np.ndarray) -> UnitLayout:
    return UnitLayout(int(group.max()) + 1, COOP_SLOTS)


def unit_key(form: np.ndarray, group: np.ndarray, coop: np.ndarray, layout: UnitLayout) -> np.ndarray:
    """(V, N) unit index of each household's current arrangement."""
    key = np.full(form.shape, layout.none, np.int64)
    key = np.where(form == TEAM, group, key)
    key = np.where(form == LOWER, layout.groups + np.maximum(coop, 0), key)
    return np.where(form == HIGHER, layout.higher, key)


def sums_for(state) -> "UnitSums":
    """Unit sums for the state's current arrangement."""
    lay = layout_for(state.group)
    return UnitSums(unit_key(state.form, state.group, state.coop, lay), lay)


class UnitSums:
    """Sums of household arrays over units, for every village in one call each."""

    def __init__(self, key: np.ndarray, layout: UnitLayout):
        V = key.shape[0]
        self.layout = layout
        self.key = key
        self.offsets = layout.size * np.arange(V)[:, None]
        self.index = key + self.offsets
        self.flat = self.index.ravel()
        self.shape = (V, layout.size)

    def total(self, values: np.ndarray) -> np.ndarray:
        """(V, units) sums of ``values``."""
        return np.bincount(self.flat, weights=values.ravel(), minlength=self.shape[0] * self.shape[1]).reshape(self.shape)

    def totals(self, *values: np.ndarray) -> np.ndarray:
        """(k, V, units) sums of k arrays in a single bincount."""
        k = len(values)
        cells = self.shape[0] * self.shape[1]
        index = (self.flat[None, :] + cells * np.arange(k)[:, None]).ravel()
        weights = np.concatenate([v.ravel() for v in values])
        return np.bincount(index, weights=weights, minlength=k * cells).reshape((k,) + self.shape)

    def gather(self, totals: np.ndarray, key: np.ndarray | None = None) -> np.ndarray:
        """(V, N) value of ``totals`` at each household's unit (or at unit ``key``)."""
        return totals.ravel()[self.index if key is None else key + self.offsets]


def pick(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """values[..., index] element-wise: (V, N, K) and (V, N) ints -> (V, N)."""
    K = values.shape[-1]
    flat = values.reshape(-1, K)
    return flat[np.arange(flat.shape[0]), index.ravel()].reshape(index.shape)
