"""Seeded random streams: every draw of season k comes from a generator seeded by
(seed, season index, stream name), so a changed decision never shifts later weather or luck.

Streams always draw fixed-shape arrays whatever the state, for the same reason.
Never imports textual.
"""

from __future__ import annotations

import zlib

import numpy as np

INIT_SEASON = -1


def stream(seed: int, season: int, name: str) -> np.random.Generator:
    """A generator for one named stream of one season of one game."""
    key = zlib.crc32(name.encode("utf-8"))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed & 0xFFFFFFFF, seed >> 32, season + 1, key])))
