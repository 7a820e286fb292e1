"""High Tide: an educational text adventure and village simulation of Chinese agricultural
collectivization, 1953-1956.

Layers (one-way): ``game.sim`` (the numpy village model), ``game.content`` (assets as data),
``game.session`` (a game in progress, saves), and the front ends ``game.ui`` (Textual) and
``game.plain`` (line mode). Only ``game.ui`` may import Textual.
"""

import os as _os
import platform as _platform

# Saves are receipts that are checked on other computers: the digest of every season hashes the
# model's arrays bit for bit. numpy picks faster exp/log/power kernels on newer processors
# (AVX2, AVX-512), and those can differ from the baseline in the last bit of a result, which
# changes every digest after it (a save made on a lab computer would then fail to verify on the
# teacher's). So the game always runs numpy's baseline kernels on x86-64; this must be set before
# numpy is first imported (game.sim imports it), and tests/test_portable.py checks that it was.
PORTABLE_CPU_FEATURES = "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"
if _platform.machine().lower() in ("x86_64", "amd64"):
    _disabled = _os.environ.get("NPY_DISABLE_CPU_FEATURES", "").split()
    _os.environ["NPY_DISABLE_CPU_FEATURES"] = " ".join(
        dict.fromkeys(_disabled + PORTABLE_CPU_FEATURES.split()))

__version__ = "0.1.0"

TAGLINE = ("Liudu, a fictional village on the North China plain, spring 1953 to winter 1956: mutual-aid teams, "
           "the co-operatives, Mao's speech of 31 July 1955 and the 'high tide' that followed.")
"""The game in one sentence, for the title screen and line mode: the village is invented, the
policies, dates and documents are not."""
