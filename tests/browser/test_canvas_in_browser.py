"""A large record in a real browser: drawn on the canvas, filtered in the page, no remount."""

from __future__ import annotations

from playwright.sync_api import expect

from data.config import DATA_DIR
from data.synthetic import synthetic_events
from tests.browser.app_utils import (
    expect_header_count,
    expect_header_count_changes,
    expect_map_painted,
    expect_map_ready,
)
from tests.browser.conftest import ARTIFACTS, running_app
from tests.browser.test_map_in_browser import move_range_end

DRAWN = "canvas.cm-canvas"
EVENTS = 20_000


def test_large_record_draws_on_the_canvas_and_follows_the_timeline(page, tmp_path):
    for name in ("territories.csv", "town_status.csv"):
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    synthetic_events(EVENTS).to_csv(tmp_path / "events.csv", index=False)
    env = {
        "CONFLICT_MAP_BASEMAP": "vector",
        "CONFLICT_MAP_DATA_DIR": str(tmp_path),
        "CONFLICT_MAP_STORE": str(tmp_path / "store.sqlite"),
    }
    with running_app(env, "streamlit-canvas.log") as url:
        page.goto(url)
        frame = expect_map_ready(page, EVENTS, timeout=120_000)
        canvas = frame.locator(DRAWN)
        expect(canvas).to_have_attribute("data-drawn", str(EVENTS))  # the canvas stamps the dots it drew
        expect_header_count(page, EVENTS, EVENTS)
        assert frame.locator(".cm-event").count() == 0  # no DOM node per event
        frame.evaluate("window.__mountProbe = 'still here'")
        move_range_end(page, 1)
        shown, _total = expect_header_count_changes(page, EVENTS)
        assert 0 < shown < EVENTS
        expect(canvas).to_have_attribute("data-drawn", str(shown))
        assert frame.evaluate("window.__mountProbe") == "still here"
        # A real click on the empty desert of north-west Mali, where synthetic events lie but no label does.
        point = frame.evaluate("(() => { const p = map_div.latLngToContainerPoint([22, -9]); return [p.x, p.y]; })()")
        frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
        expect(page.get_by_text("Selected event")).to_be_visible(timeout=30_000)
        assert frame.evaluate("window.__mountProbe") == "still here"  # a click does not remount either
        expect_map_painted(page)
        page.screenshot(path=str(ARTIFACTS / "canvas-20k.png"), full_page=True)
    assert page.outside_requests == []
