"""In a real browser: the two-date comparison draws its own map beside the main one (which stays
mounted), and an upload imports with its report on the page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from data.synthetic import synthetic_acled_export
from tests.browser.app_utils import MAP_FRAME, count_in_header, expect_app_idle, expect_map_ready, map_locator
from tests.browser.conftest import ARTIFACTS, running_app


@pytest.fixture(scope="module")
def own_app(tmp_path_factory):
    """An app over an empty store of its own: the upload must not leak into other browser tests."""
    store = tmp_path_factory.mktemp("io") / "events.sqlite"
    with running_app({"CONFLICT_MAP_BASEMAP": "vector", "CONFLICT_MAP_STORE": str(store)}, "streamlit-io.log") as url:
        yield url


def test_comparison_draws_both_dates_without_remounting_the_main_map(own_app, page):
    page.goto(own_app)
    main = expect_map_ready(page)
    main.evaluate("() => { window.__stillHere = true; }")
    page.get_by_text("Compare territory on two dates").click()
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Area").click()
    page.get_by_role("option", name="Kidal", exact=True).click()
    expect(page.get_by_text(re.compile(r"^Kidal, .* → 29 Apr 2026: CMA lost"))).to_be_visible(timeout=30_000)
    # A new area is a new view for the small map: it is redrawn (the main map is not). Once the
    # run that wrote the sentence is over, the second frame is the Kidal one (looked up at each use).
    expect_app_idle(page)
    expect(page.locator(MAP_FRAME)).to_have_count(2)
    small = map_locator(page, 1)
    page.locator(MAP_FRAME).nth(1).scroll_into_view_if_needed()
    expect(small.locator("path.leaflet-interactive").nth(1)).to_be_attached()  # both dates' territory
    expect(small.locator(".cm-legend", has_text="Territory on two dates")).to_be_visible(timeout=10_000)
    expect(small.locator("path[stroke-dasharray]").first).to_be_attached()  # date A: dashed outline
    assert main.evaluate("() => window.__stillHere === true")  # same document: never remounted
    page.screenshot(path=str(ARTIFACTS / "compare-kidal-map.png"))
    page.get_by_text("Compare territory on two dates").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "compare-kidal.png"))
    assert page.outside_requests == []


def test_upload_imports_and_lists_bad_rows(own_app, page, tmp_path):
    frame, faults = synthetic_acled_export(2_000, fault_every=100)
    path = tmp_path / "acled_sample.csv"
    frame.to_csv(path, index=False)
    page.goto(own_app)
    expect_map_ready(page)
    shown_before = count_in_header(page)[1]
    page.get_by_text("Import events", exact=True).click()
    page.locator('input[type="file"][accept*=".gpkg"]').set_input_files(str(path))
    page.get_by_role("button", name=re.compile("^.*Import$")).click()
    report = page.get_by_text(re.compile(r"acled_sample\.csv \(ACLED\): 1,980 of 2,000 rows stored"))
    expect(report).to_be_visible(timeout=60_000)
    assert count_in_header(page)[1] == shown_before + 2_000 - len(faults)
    rejected = page.get_by_text(re.compile(r"Download the 20 rejected row"))
    rejected.scroll_into_view_if_needed()
    expect(rejected).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS / "import-report.png"))
    assert page.outside_requests == []
