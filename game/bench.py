"""``hightide bench``: performance figures, measured in this process. Timings belong here,
never in tests. Never imports textual (the UI figures start the app in a subprocess).
"""

from __future__ import annotations

import statistics
import time

from game.content.scenario import Scenario
from game.sim import initial_state, step

SIM_TARGETS = {"step_ms": 1.0, "county_s": 2.0, "speedup": 4.0, "debrief_total_s": 3.0}


def bench_sim(scenario: Scenario, villages: int = 1000, repeats: int = 40) -> dict[str, float]:
    """Median one-village season step; a 16-season run of ``villages`` villages; and the
    per-village speed-up of that batched run over the same villages run one at a time."""
    p = scenario.params
    steps = []
    for seed in range(repeats):
        state = initial_state(p, seed, 1)
        for _ in range(16):
            start = time.perf_counter()
            step(state, p)
            steps.append(time.perf_counter() - start)
    state = initial_state(p, 7, villages)
    start = time.perf_counter()
    for _ in range(16):
        step(state, p)
    county = time.perf_counter() - start
    # the same villages, one at a time (each village is drawn from its own stream); time a
    # sample of them and scale up to the whole county
    sample = min(villages, 100)
    start = time.perf_counter()
    for v in range(sample):
        single = initial_state(p, 7, 1, first=v)
        for _ in range(16):
            step(single, p)
    one_at_a_time = (time.perf_counter() - start) / sample * villages
    debrief_s = _debrief_figures()
    return {
        **debrief_s,
        "step_ms": statistics.median(steps) * 1000.0,
        "county_s": county,
        "one_at_a_time_s": one_at_a_time,
        "speedup": one_at_a_time / county,
        "villages": villages,
    }


def _debrief_figures() -> dict[str, float]:
    """The end-of-game debrief (issue 14) on a whole household game and a whole cadre game:
    1,000 villages with the same choices, and the effect of every choice; the slower of the two."""
    from game import audit
    from game.session import debrief

    worst = {"debrief_comparison_s": 0.0, "debrief_attribution_s": 0.0, "debrief_total_s": 0.0}
    for role, household, strategy in (("peasant", "wang_fu", "join_and_shirk"), ("cadre", None, "historical_line")):
        seconds = debrief.debrief(audit.play(role, household, strategy, 3)).seconds
        if seconds["total"] > worst["debrief_total_s"]:
            worst = {"debrief_comparison_s": seconds["comparison"], "debrief_attribution_s": seconds["attribution"],
                     "debrief_total_s": seconds["total"]}
    return worst


def format_sim(figures: dict[str, float]) -> str:
    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    return "\n".join([
        "Simulation benchmark (this machine, this process)",
        f"  one season step, one village, median: {figures['step_ms']:.3f} ms   (target <= 1 ms: {ok(figures['step_ms'] <= SIM_TARGETS['step_ms'])})",
        f"  {figures['villages']:.0f} villages x 16 seasons, batched:     {figures['county_s']:.3f} s    (target <= 2 s: {ok(figures['county_s'] <= SIM_TARGETS['county_s'])})",
        f"  the same villages one at a time:          {figures['one_at_a_time_s']:.3f} s    (sampled, scaled)",
        f"  per-village speed-up of the batched run:  {figures['speedup']:.1f}x     (target >= 4x: {ok(figures['speedup'] >= SIM_TARGETS['speedup'])})",
        f"  debrief, your game against 1,000 villages: {figures['debrief_comparison_s']:.3f} s",
        f"  debrief, what each choice changed:        {figures['debrief_attribution_s']:.3f} s",
        f"  debrief, both together (end of a game):   {figures['debrief_total_s']:.3f} s    (target <= 3 s: "
        f"{ok(figures['debrief_total_s'] <= SIM_TARGETS['debrief_total_s'])})",
    ])


# ------------------------------------------------------------------ the terminal UI
UI_TARGETS = {"first_frame_ratio": 1.5}


def _ui_run(kind: str) -> float:
    """One fresh ``python -m game.ui.bench_ui KIND`` process; its milliseconds."""
    import json
    import subprocess
    import sys

    try:
        out = subprocess.run([sys.executable, "-m", "game.ui.bench_ui", kind], capture_output=True, text=True,
                             timeout=300, check=True)
        return float(json.loads(out.stdout.strip().splitlines()[-1])["ms"])
    except subprocess.TimeoutExpired:
        raise BenchError(f"the '{kind}' measurement took over 5 minutes; the machine is too busy to measure now") from None
    except (subprocess.CalledProcessError, ValueError, IndexError, KeyError):
        raise BenchError(f"the '{kind}' measurement failed; run 'python -m game.ui.bench_ui {kind}' to see why") from None


class BenchError(Exception):
    """A benchmark that could not be measured; the message is one sentence."""


def bench_ui(runs: int = 5) -> dict[str, float]:
    """Time to the title screen's first frame beside a bare Textual app with Header and Footer
    (median of ``runs`` fresh processes each, interleaved), and from ending a season to the
    report being drawn (median, measured in one process with App.run_test)."""
    title, bare = [], []
    for _ in range(runs):
        title.append(_ui_run("first-frame"))
        bare.append(_ui_run("bare"))
    first, base = statistics.median(title), statistics.median(bare)
    return {"first_frame_ms": first, "bare_ms": base, "ratio": first / base, "report_ms": _ui_run("report"), "runs": runs}


def format_ui(figures: dict[str, float]) -> str:
    ok = "ok" if figures["ratio"] <= UI_TARGETS["first_frame_ratio"] else "MISSED"
    return "\n".join([
        f"User-interface benchmark (this machine, fresh processes, median of {figures['runs']:.0f})",
        f"  title screen, time to first frame:   {figures['first_frame_ms']:.0f} ms",
        f"  bare Textual app (Header + Footer):  {figures['bare_ms']:.0f} ms",
        f"  ratio:                               {figures['ratio']:.2f}x   (target <= 1.5x: {ok})",
        f"  end of season to report drawn:       {figures['report_ms']:.0f} ms",
    ])
