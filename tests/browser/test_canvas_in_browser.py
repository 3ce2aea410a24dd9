"""A large record in a real browser: drawn on the canvas, filtered in the page, no remount."""

from __future__ import annotations

import time

from data.config import DATA_DIR
from data.synthetic import synthetic_events
from tests.browser.conftest import ARTIFACTS, running_app
from tests.browser.test_map_in_browser import count_in_header, move_range_end

DRAWN = "canvas.cm-canvas"


def canvas_frame(page, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if int(frame.locator(DRAWN).get_attribute("data-drawn", timeout=200) or 0) > 0:
                    return frame
            except Exception:  # not this frame, or not drawn yet
                continue
        time.sleep(0.1)
    raise AssertionError("the canvas never drew")


def drawn(frame) -> int:
    return int(frame.locator(DRAWN).get_attribute("data-drawn"))


def test_large_record_draws_on_the_canvas_and_follows_the_timeline(page, tmp_path):
    for name in ("territories.csv", "town_status.csv"):
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    synthetic_events(20_000).to_csv(tmp_path / "events.csv", index=False)
    env = {
        "CONFLICT_MAP_BASEMAP": "vector",
        "CONFLICT_MAP_DATA_DIR": str(tmp_path),
        "CONFLICT_MAP_STORE": str(tmp_path / "store.sqlite"),
    }
    with running_app(env, "streamlit-canvas.log") as url:
        page.goto(url)
        frame = canvas_frame(page)
        assert drawn(frame) == count_in_header(page)[0] == 20_000
        assert frame.locator(".cm-event").count() == 0  # no DOM node per event
        frame.evaluate("window.__mountProbe = 'still here'")
        move_range_end(page, 1)
        deadline = time.monotonic() + 30
        while count_in_header(page)[0] == 20_000 and time.monotonic() < deadline:
            time.sleep(0.05)
        shown = count_in_header(page)[0]
        assert 0 < shown < 20_000
        while drawn(frame) != shown and time.monotonic() < deadline:
            time.sleep(0.05)
        assert drawn(frame) == shown
        assert frame.evaluate("window.__mountProbe") == "still here"
        # A real click on the empty desert of north-west Mali, where synthetic events lie but no label does.
        point = frame.evaluate("(() => { const p = map_div.latLngToContainerPoint([22, -9]); return [p.x, p.y]; })()")
        frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
        page.get_by_text("Selected event").wait_for(timeout=30_000)
        assert frame.evaluate("window.__mountProbe") == "still here"  # a click does not remount either
        page.screenshot(path=str(ARTIFACTS / "canvas-20k.png"), full_page=True)
    assert page.outside_requests == []
