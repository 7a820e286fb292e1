"""Saves verify on any x86-64 computer: the game runs numpy's baseline kernels, so a season's
digest does not depend on which vector instructions the processor has (game/__init__.py). The
golden digests in tests/session/test_receipts.py pin the result; this checks the mechanism, in
the test process (numpy must not have been imported before the game set it up) and in a fresh
process started the way a player starts the game."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

import game

X86 = platform.machine().lower() in ("x86_64", "amd64")
KERNELS = "^(exp|log|power|tanh|sqrt|expm1|log1p)$"


def current_kernels() -> dict[str, str]:
    from numpy.lib.introspect import opt_func_info

    return {name: target["current"] for name, by_sig in opt_func_info(func_name=KERNELS).items()
            for sig, target in by_sig.items() if sig.startswith("d")}


@pytest.mark.skipif(not X86, reason="the portable kernels are chosen on x86-64")
def test_the_model_runs_numpy_s_baseline_kernels_in_this_process():
    import game.sim  # noqa: F401  (the model imports numpy)

    kernels = current_kernels()
    assert kernels and all(target.startswith("baseline") for target in kernels.values()), kernels
    assert set(game.PORTABLE_CPU_FEATURES.split()) <= set(__import__("os").environ["NPY_DISABLE_CPU_FEATURES"].split())


@pytest.mark.skipif(not X86, reason="the portable kernels are chosen on x86-64")
def test_a_fresh_game_process_runs_the_baseline_kernels_whatever_the_player_set():
    code = ("import game.sim, json, sys; sys.path.insert(0, %r); from test_portable import current_kernels; "
            "print(json.dumps(current_kernels()))" % str(__import__("pathlib").Path(__file__).parent))
    env = {"PATH": "/usr/bin:/bin", "NPY_DISABLE_CPU_FEATURES": "AVX512F"}  # a player's own setting is kept, ours added
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    kernels = __import__("json").loads(out.stdout)
    assert kernels and all(target.startswith("baseline") for target in kernels.values()), kernels
