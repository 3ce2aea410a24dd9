"""In a real browser: the two-date comparison draws its own map beside the main one (which stays
mounted), and an upload imports with its report on the page."""

from __future__ import annotations

import re
import time

import pytest

from data.synthetic import synthetic_acled_export
from tests.browser.conftest import ARTIFACTS, running_app
from tests.browser.test_map_in_browser import count_in_header, map_frame

FOLIUM_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def own_app(tmp_path_factory):
    """An app over an empty store of its own: the upload must not leak into other browser tests."""
    store = tmp_path_factory.mktemp("io") / "events.sqlite"
    with running_app({"CONFLICT_MAP_BASEMAP": "vector", "CONFLICT_MAP_STORE": str(store)}, "streamlit-io.log") as url:
        yield url


def second_map(page, timeout: float = 60):
    """The comparison's own map frame, once it has drawn its territory."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frames = page.locator(FOLIUM_FRAME)
        if frames.count() == 2:
            frame = frames.nth(1).content_frame
            if frame.locator("path.leaflet-interactive").count() >= 2:
                return frame
        time.sleep(0.2)
    raise AssertionError("the comparison map did not draw two dates' territory")


def test_comparison_draws_both_dates_without_remounting_the_main_map(own_app, page):
    page.goto(own_app)
    main = map_frame(page)
    main.evaluate("() => { window.__stillHere = true; }")
    page.get_by_text("Compare territory on two dates").click()
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Area").click()
    page.get_by_role("option", name="Kidal", exact=True).click()
    page.get_by_text(re.compile(r"^Kidal, .* → 29 Apr 2026: CMA lost")).wait_for(timeout=30_000)
    # A new area is a new view for the small map: it is redrawn (the main map is not).
    page.wait_for_timeout(1_500)
    small = second_map(page)
    page.locator(FOLIUM_FRAME).nth(1).scroll_into_view_if_needed()
    small.locator(".cm-legend", has_text="Territory on two dates").wait_for(state="visible", timeout=10_000)
    assert small.locator("path[stroke-dasharray]").count() >= 1  # date A: dashed outline
    assert main.evaluate("() => window.__stillHere === true")  # same document: never remounted
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "compare-kidal-map.png"))
    page.get_by_text("Compare territory on two dates").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "compare-kidal.png"))
    assert page.outside_requests == []


def test_upload_imports_and_lists_bad_rows(own_app, page, tmp_path):
    frame, faults = synthetic_acled_export(2_000, fault_every=100)
    path = tmp_path / "acled_sample.csv"
    frame.to_csv(path, index=False)
    page.goto(own_app)
    map_frame(page)
    shown_before = count_in_header(page)[1]
    page.get_by_text("Import events", exact=True).click()
    page.locator('input[type="file"][accept*=".gpkg"]').set_input_files(str(path))
    page.get_by_role("button", name=re.compile("^.*Import$")).click()
    page.get_by_text(re.compile(r"acled_sample\.csv \(ACLED\): 1,980 of 2,000 rows stored")).wait_for(timeout=60_000)
    assert count_in_header(page)[1] == shown_before + 2_000 - len(faults)
    page.get_by_text(re.compile(r"Download the 20 rejected row")).scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "import-report.png"))
    assert page.outside_requests == []
