"""The time bar moves the map in the page (no server round trip), then tells Python once it rests."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import expect

from data.view.filters import EventFilter, valid_at, window_mask
from tests.browser.test_map_in_browser import count_in_header

EPOCH = date(1970, 1, 1)
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
# What the map shows, read in the top page through the object the map's iframe hands its parent.
SHOWN = "() => window.__cmMap && window.__cmMap.shown"


def expected(dataset, day_window):
    """Events, territories and towns the server's own filters give for (start, end, as_of) day numbers."""
    start, end, as_of = (EPOCH + timedelta(days=d) for d in day_window)
    events = int(window_mask(dataset.events, EventFilter(start=start, end=end)).sum())
    return events, len(valid_at(dataset.territories, as_of)), len(valid_at(dataset.towns, as_of))


def shown(page):
    value = page.evaluate(SHOWN)
    return value["events"], value["territories"], value["towns"]


def ready(page):
    page.goto(page.app_url)
    page.wait_for_function("() => window.__cmMap && window.__cmMap.shown && window.__cmBar", timeout=90_000)
    return page.locator("[data-testid='stBidiComponent'], .st-key-timebar").first


# Counts the page's WebSocket sends at each setWindow (the same task as the input that made it) and
# again once that window is painted: any difference is a message sent between an input and its paint.
WATCH_SENDS_JS = """() => {
  window.__wsSent = 0; window.__sendsBeforePaint = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) { window.__wsSent++; return send.apply(this, args); };
  const map = window.__cmMap, setWindow = map.setWindow;
  map.setWindow = function (...args) {
    const at = window.__wsSent;
    setWindow.apply(this, args);
    requestAnimationFrame(() => setTimeout(() => window.__sendsBeforePaint.push(window.__wsSent - at), 0));
  };
}"""


def count_sent_frames(page):
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    return sent


def test_keys_drag_and_playback_move_the_map_without_the_server(page, app_url, dataset):
    page.app_url = app_url
    sent = count_sent_frames(page)
    ready(page)
    page.evaluate(WATCH_SENDS_JS)
    end_handle = page.get_by_role("slider", name="Window end")
    # Keys: each press repaints the map before anything is sent.
    end_handle.focus()
    for _ in range(40):
        page.keyboard.press("ArrowLeft")
    window = page.evaluate("window.__cmMap.window")
    assert page.evaluate("window.__cmBar.window") == window
    page.wait_for_function("w => window.__cmMap.shown.window.join() === w.join()", arg=window)
    assert set(page.evaluate("window.__sendsBeforePaint")) == {0}  # nothing sent between an input and its paint
    assert shown(page) == expected(dataset, window)
    assert end_handle.get_attribute("aria-valuetext").count(" ") == 2  # "14 Nov 2023"
    # The server learns the window once the bar rests: the header follows, with one rerun.
    expect(page.get_by_text(f"Showing {expected(dataset, window)[0]} of")).to_be_visible(timeout=30_000)
    assert count_in_header(page)[0] == expected(dataset, window)[0]
    # Drag the start handle half way.
    start_handle = page.get_by_role("slider", name="Window start")
    box = start_handle.bounding_box()
    page.mouse.move(box["x"] + 4, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] / 2, steps=8)
    window = page.evaluate("window.__cmMap.window")
    page.mouse.up()
    page.wait_for_function("w => window.__cmMap.shown.window.join() === w.join()", arg=window)
    assert shown(page) == expected(dataset, window)
    expect(page.get_by_text(f"Showing {expected(dataset, window)[0]} of")).to_be_visible(timeout=30_000)
    # Play: the map follows each frame; pause stops at once and the server gets the frame on screen.
    page.get_by_test_id("stBidiComponentIsolated").get_by_role("button", name="Play").click()
    page.wait_for_function("() => window.__cmMap.frames > 3")
    page.get_by_role("slider", name="Window end").press("Escape")
    window = page.evaluate("window.__cmMap.window")
    frames = page.evaluate("window.__cmMap.frames")
    page.wait_for_function("w => window.__cmMap.shown.window.join() === w.join()", arg=window)
    assert page.evaluate("window.__cmBar.playing") is False
    assert shown(page) == expected(dataset, window)
    expect(page.get_by_text(f"Showing {expected(dataset, window)[0]} of")).to_be_visible(timeout=30_000)
    assert page.evaluate("window.__cmMap.window") == window  # the echo did not pull the bar back
    assert page.evaluate("window.__cmMap.frames") <= frames + 1
    assert set(page.evaluate("window.__sendsBeforePaint")) == {0}
    assert sent  # the server did hear the window, after the paints
    assert page.outside_requests == []
