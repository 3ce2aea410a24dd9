"""What only a browser shows: the map draws, offline, and follows the timeline without remounting."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.app_utils import (
    count_in_header,
    expect_header_count,
    expect_header_count_changes,
    expect_map_painted,
    expect_map_ready,
    expect_symbols,
)
from tests.browser.conftest import ARTIFACTS


def test_map_draws_every_event_offline(app_url, page, dataset):
    page.goto(app_url)
    frame = expect_map_ready(page, len(dataset.events))
    expect_symbols(frame, len(dataset.events))
    expect_header_count(page, len(dataset.events), len(dataset.events))
    assert frame.evaluate("L.version") == "1.9.3"
    expect(frame.locator(".cm-legend").first).to_be_visible()
    for town in ("Kidal", "Bamako"):
        expect(frame.locator(".cm-label", has_text=town)).to_have_count(1)
    assert frame.locator("path.leaflet-interactive").count() > 0  # territory polygons
    expect_map_painted(page)
    page.screenshot(path=str(ARTIFACTS / "map-default.png"), full_page=True)
    assert page.outside_requests == []


def move_range_end(page, presses: int) -> None:
    """Move the time bar's end handle back by ``presses`` pages (a tenth of the record each)."""
    end_thumb = page.get_by_role("slider", name="Window end")
    end_thumb.focus()
    for _ in range(presses):
        end_thumb.press("PageDown")


def test_a_window_move_updates_the_map_without_remounting(app_url, page, dataset):
    page.goto(app_url)
    frame = expect_map_ready(page, len(dataset.events))
    expect_symbols(frame, len(dataset.events))
    frame.evaluate("window.__mountProbe = 'still here'")
    move_range_end(page, 1)  # one move, one rerun
    shown, total = expect_header_count_changes(page, len(dataset.events))
    assert 0 < shown < total
    expect_symbols(frame, shown)
    assert frame.evaluate("window.__mountProbe") == "still here"  # same iframe: no remount
    expect_map_painted(page)
    page.screenshot(path=str(ARTIFACTS / "map-after-slider.png"), full_page=True)
    assert page.outside_requests == []


__all__ = ["count_in_header", "move_range_end"]  # the time bar's test reads the header through here
