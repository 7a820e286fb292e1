"""Saves verify on any x86-64 computer: the game runs numpy's baseline kernels, so a season's
digest does not depend on which vector instructions the processor has (game/__init__.py). The
golden digests in tests/session/test_receipts.py pin the result; this checks the mechanism, in
the test process (numpy must not have been imported before the game set it up) and in a fresh
process started the way a player starts the game."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

import pytest

import game

pytestmark = pytest.mark.skipif(platform.machine().lower() not in ("x86_64", "amd64"),
                                reason="the portable kernels are chosen on x86-64")

# the float64 kernels of the model's functions, and where each one runs ("baseline(X86_V2)" or a faster target)
KERNELS = """
import game.sim
from numpy.lib.introspect import opt_func_info
kernels = {name: target["current"] for name, by_sig in opt_func_info(func_name="^(exp|log|power|tanh|sqrt|expm1|log1p)$").items()
           for sig, target in by_sig.items() if sig.startswith("d")}
"""


def kernels_here() -> dict[str, str]:
    scope: dict = {}
    exec(KERNELS, scope)
    return scope["kernels"]


def test_the_model_runs_numpy_s_baseline_kernels_in_this_process():
    kernels = kernels_here()
    assert kernels and all(target.startswith("baseline") for target in kernels.values()), kernels
    assert set(game.PORTABLE_CPU_FEATURES.split()) <= set(os.environ["NPY_DISABLE_CPU_FEATURES"].split())


def test_a_fresh_game_process_runs_the_baseline_kernels_whatever_the_player_set():
    env = {"PATH": "/usr/bin:/bin", "NPY_DISABLE_CPU_FEATURES": "AVX512F"}  # a player's own setting is kept, ours added
    out = subprocess.run([sys.executable, "-c", KERNELS + "import json; print(json.dumps(kernels))"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    kernels = json.loads(out.stdout)
    assert kernels and all(target.startswith("baseline") for target in kernels.values()), kernels
