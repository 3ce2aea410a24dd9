"""What only a browser shows: the map draws, offline, and follows the timeline without remounting."""

from __future__ import annotations

import re
import time

from tests.browser.conftest import ARTIFACTS

MARKER = ".cm-event"
# Events drawn: single symbols plus the events counted inside cluster bubbles.
COUNT_EVENTS_JS = """() => document.querySelectorAll('.cm-event').length +
    [...document.querySelectorAll('.marker-cluster span')].reduce((n, s) => n + parseInt(s.textContent, 10), 0)"""


def map_frame(page, timeout: float = 60):
    """The streamlit-folium iframe once it has drawn at least one event marker."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.locator(MARKER).count() > 0:
                    return frame
            except Exception:  # frame detached while navigating
                continue
        time.sleep(0.1)
    raise AssertionError("no map with event markers appeared")


def count_in_header(page) -> tuple[int, int]:
    text = page.get_by_text(re.compile(r"Showing [\d,]+ of [\d,]+ events")).inner_text()
    shown, total = re.search(r"Showing ([\d,]+) of ([\d,]+) events", text).groups()
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def wait_for_count(frame, expected: int, timeout: float = 20) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if frame.evaluate(COUNT_EVENTS_JS) == expected:
            return time.monotonic() - start
        time.sleep(0.02)
    raise AssertionError(f"expected {expected} events on the map, it shows {frame.evaluate(COUNT_EVENTS_JS)}")


def test_map_draws_every_event_offline(app_url, page, dataset):
    page.goto(app_url)
    frame = map_frame(page)
    wait_for_count(frame, len(dataset.events))
    assert count_in_header(page) == (len(dataset.events), len(dataset.events))
    assert frame.evaluate("L.version") == "1.9.3"
    assert frame.locator(".cm-legend").is_visible()
    for town in ("Kidal", "Bamako"):
        assert frame.locator(".cm-label", has_text=town).count() == 1
    assert frame.locator("path.leaflet-interactive").count() > 0  # territory polygons
    page.wait_for_timeout(500)
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
    frame = map_frame(page)
    wait_for_count(frame, len(dataset.events))
    frame.evaluate("window.__mountProbe = 'still here'")
    move_range_end(page, 1)  # one move, one rerun
    deadline = time.monotonic() + 20
    while count_in_header(page)[0] == len(dataset.events) and time.monotonic() < deadline:
        time.sleep(0.05)
    shown, total = count_in_header(page)
    assert 0 < shown < total
    wait_for_count(frame, shown)
    assert frame.evaluate("window.__mountProbe") == "still here"  # same iframe: no remount
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "map-after-slider.png"), full_page=True)
    assert page.outside_requests == []
