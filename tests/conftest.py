"""Shared test set-up: an isolated environment and the default scenario."""

from __future__ import annotations

import pytest
from hypothesis import settings

# `pytest --hypothesis-profile=long`: many more examples for the property tests that take their
# count from the profile (tests/test_hostile.py); the default run stays bounded
settings.register_profile("long", max_examples=1000, deadline=None)

from game.content.scenario import load_scenario
from game.paths import assets_dir


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    for name in ("TEXTUAL_THEME", "NO_COLOR", "HIGHTIDE_SAVES", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HIGHTIDE_SAVES", str(tmp_path / "saves"))


@pytest.fixture(scope="session")
def scenario():
    return load_scenario(assets_dir(), "north-china")


@pytest.fixture(scope="session")
def params(scenario):
    return scenario.params


@pytest.fixture(scope="module")
def small_class_debriefs():
    """The class table replays each student's choices in CLASS_VILLAGES (1,000) villages; tests of
    what the table says (not of the sampling) use 150 to stay quick: ``pytestmark =
    pytest.mark.usefixtures("small_class_debriefs")``."""
    from game.session import classtable

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(classtable, "CLASS_VILLAGES", 150)
        yield


# ------------------------------------------------------------------ a real browser (Chromium)
def browser_or_skip() -> None:
    """Skip with one line saying how to install Playwright and Chromium, or fail when
    HIGHTIDE_REQUIRE_BROWSER=1 (CI: a browser test must run, never skip)."""
    import os

    from game.lab import browser_missing

    why = browser_missing()
    if why is not None:
        if os.environ.get("HIGHTIDE_REQUIRE_BROWSER") == "1":
            pytest.fail(why)
        pytest.skip(why)


@pytest.fixture(scope="module")
def chromium():
    """One headless system Chromium for the browser tests of a module (Playwright). Module, not
    session: Playwright's sync API holds an event loop while it runs, and the async UI tests of
    the same worker need theirs, so the browser is closed when its module's tests are done."""
    browser_or_skip()
    from playwright.sync_api import sync_playwright

    from game.lab import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


# ------------------------------------------------------------------ mutation runs (docs/mutation.md)
# mutmut names the mutant a test run is for in MUTANT_UNDER_TEST. A changed rule of the model
# cannot be noticed by the save, code and content tests: they replay games through the same
# changed model, so both sides agree (only the golden digests would notice, and those are left
# out of mutation runs on purpose). Running them for a model mutant only costs time; they are
# left out for those, and the quickest tests run first so a killed mutant stops early (-x).
_MODEL_ONLY = ("tests/sim/",)
_SLOW_LAST = ("tests/session/test_saves.py", "tests/session/test_receipts.py", "tests/session/test_start.py")


def pytest_collection_modifyitems(config, items):
    import os

    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if not mutant.startswith("game."):
        return
    if mutant.startswith("game.sim."):
        kept = [item for item in items if item.nodeid.startswith(_MODEL_ONLY)]
        if kept:
            config.hook.pytest_deselected(items=[item for item in items if item not in kept])
            items[:] = kept
    items.sort(key=lambda item: item.nodeid.startswith(_SLOW_LAST))
