"""The class page in a real browser: ``hightide class DIR --format html`` opens in Chromium with its
charts drawn, no script or console error, and its print styles (one student's report a page).

Needs Playwright (pip) and the system Chromium; without them the test is skipped with one line
saying how to install them (``apt-get install -y chromium fonts-noto-cjk``, ``pip install
playwright``). ``HIGHTIDE_REQUIRE_BROWSER=1`` turns the skip into a failure. The browser is the
module's one Chromium (``chromium`` in conftest.py)."""

from __future__ import annotations

from game.cli import main


def test_the_class_page_opens_in_chromium_with_its_charts(tmp_path, capsys, chromium) -> None:
    from test_handin import play_student

    folder = tmp_path / "class"
    play_student(folder, "Amy Chen", seasons=6)
    play_student(folder, "Bo Wang", seasons=3, household="li_guiying")
    assert main(["class", str(folder), "--format", "html"]) == 0
    capsys.readouterr()
    page_path = folder / "class-table.html"
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    try:
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(page_path.as_uri())
        assert page.title().startswith("Class: Liudu")
        assert page.locator("table.class tr").count() == 3  # the heading and two students
        endings = page.locator("svg[aria-label$='one dot per student']")
        assert endings.count() == 4 and page.locator("svg circle").count() == 8  # 4 axes x 2 students
        box = endings.first.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 60
        assert page.locator("svg[aria-label*='joined a co-op']").count() == 1
        assert page.locator("section.report").count() == 2
        page.screenshot(path=str(tmp_path / "class.png"), full_page=True)
        assert (tmp_path / "class.png").stat().st_size > 10_000
        page.emulate_media(media="print")
        breaks = page.evaluate("getComputedStyle(document.querySelector('section.report')).breakBefore")
        assert breaks == "page"
        assert problems == []
    finally:
        page.close()
