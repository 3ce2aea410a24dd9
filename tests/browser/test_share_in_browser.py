"""A link copied from one browser reproduces the same view in another (a fresh context: no shared state)."""

from __future__ import annotations

import re
import time
from datetime import date
from urllib.parse import parse_qs, urlparse

from data.view.filters import valid_at
from geo.map.build import MapOptions
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_map_in_browser import COUNT_EVENTS_JS, count_in_header, map_frame, move_range_end

VIEW_JS = "() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]"
# Events of the window on the map (the layer draws symbols only for those in view, so count its report).
IN_WINDOW_JS = "() => window.cmTimeline && window.cmTimeline.shown ? window.cmTimeline.shown.events : -1"


def header_sentence(page) -> str:
    return page.get_by_text("Showing ", exact=False).first.inner_text()


def wait_for_url(page, *names: str, timeout: float = 30) -> dict[str, list[str]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        params = parse_qs(urlparse(page.url).query)
        if all(name in params for name in names):
            return params
        page.wait_for_timeout(100)  # lets Playwright take in the page's events (page.url)
    raise AssertionError(f"{names} never reached the address bar: {page.url}")


def leaflet_frame(page, timeout: float = 60):
    """The map's iframe once Leaflet has drawn it (with or without events in view)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.locator(".leaflet-control-zoom-in").count() > 0:
                    return frame
            except Exception:  # frame detached while navigating
                continue
        page.wait_for_timeout(100)
    raise AssertionError("no map appeared")


def settle(page, frame, timeout: float = 45) -> None:
    """Wait until the header and the map agree and nothing has changed for a second and a half."""
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        try:
            seen.append((count_in_header(page)[0], frame.evaluate(IN_WINDOW_JS), page.url))
        except Exception:  # an element replaced by a rerun while being read: look again
            seen.append(None)
        if len(seen) >= 4 and seen[-1] is not None and seen[-4:] == [seen[-1]] * 4 and seen[-1][0] == seen[-1][1]:
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"the page never settled: {seen[-4:]}")


def change_the_view(page, frame) -> None:
    move_range_end(page, 2)  # the timeline's end, back two tenths of the record
    page.get_by_text("Filter events").click()
    page.get_by_text("Exact day and place only", exact=True).click()
    box = page.locator("iframe").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 120, y + 80, steps=8)  # drag the map: pan east and north
    page.mouse.up()
    frame.locator(".leaflet-control-zoom-in").click()


def test_a_copied_link_reproduces_the_view_in_a_new_browser(app_url, browser, dataset):
    sender = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = sender.new_page()
    page.goto(app_url)
    frame = map_frame(page)
    frame.evaluate("window.__mountProbe = 'still here'")
    change_the_view(page, frame)
    params = wait_for_url(page, "to", "precise", "lat", "lon", "zoom")
    assert params["precise"] == ["1"]
    assert params["zoom"] == [str(MapOptions.zoom + 1)]  # one zoom-in from the base view
    settle(page, frame)
    # A filter changes the map's overlays only: the same iframe, never remounted (the base map is constant).
    assert frame.evaluate("window.__mountProbe") == "still here"
    link, sentence, view = page.url, header_sentence(page), frame.evaluate(VIEW_JS)
    shown = count_in_header(page)[0]
    assert 0 < shown < len(dataset.events)
    page.screenshot(path=str(ARTIFACTS / "share-sender.png"), full_page=True)

    receiver = browser.new_context(viewport={"width": 1400, "height": 1000})
    other = receiver.new_page()
    other.outside_requests = []
    other.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
            else other.outside_requests.append(r.url)
        ),
    )
    # Every address the page gives itself: the link is already in its short form, so none.
    other.add_init_script(
        "window.__urls = []; for (const n of ['pushState', 'replaceState']) { const f = history[n].bind(history);"
        " history[n] = (s, t, u) => { window.__urls.push(String(u)); return f(s, t, u); }; }"
    )
    other.goto(link)
    other_frame = map_frame(other)
    settle(other, other_frame)
    assert header_sentence(other) == sentence
    assert other_frame.evaluate(IN_WINDOW_JS) == shown
    # The window the link names is the one on the map: its events, territory and town status.
    end = date.fromisoformat(parse_qs(urlparse(link).query)["to"][0])
    drawn = other_frame.evaluate("window.cmTimeline.shown")
    assert drawn["window"][1:] == [(end - date(1970, 1, 1)).days] * 2
    assert drawn["territories"] == len(valid_at(dataset.territories, end))
    assert drawn["towns"] == len(valid_at(dataset.towns, end))
    assert other_frame.evaluate("document.querySelectorAll('.cm-town').length") == drawn["towns"]
    lat, lon, zoom = other_frame.evaluate(VIEW_JS)
    assert zoom == view[2]
    assert abs(lat - view[0]) < 1e-3
    assert abs(lon - view[1]) < 1e-3
    assert other.get_by_text("From the link").count() == 0  # nothing fell back
    assert parse_qs(urlparse(other.url).query) == parse_qs(urlparse(link).query)  # the link stays as sent
    assert other.evaluate("window.__urls") == []  # not even for a moment (the map's first report)
    other.screenshot(path=str(ARTIFACTS / "share-receiver.png"), full_page=True)
    assert other.outside_requests == []
    sender.close()
    receiver.close()


def test_a_bad_link_shows_notices_and_the_default_view(app_url, page, dataset):
    page.goto(f"{app_url}/?zoom=40&type=Riot&from=2024-13-01&q=%21%5Bx%5D%28http%3A%2F%2Fevil.example%2Fa.png%29")
    frame = leaflet_frame(page)
    settle(page, frame)
    for text in ("zoom=40: not a zoom level from 3 to 12", "type=Riot: not an ACLED event type"):
        assert page.get_by_text(text).is_visible()
    assert frame.evaluate(VIEW_JS)[2] == MapOptions.zoom
    # Shown as typed, as plain text (an invisible word joiner keeps the URL from becoming a link).
    mention = page.get_by_text(re.compile("mentioning “!")).inner_text().replace("\u2060", "")
    assert "mentioning “![x](http://evil.example/a.png)”" in mention
    page.screenshot(path=str(ARTIFACTS / "share-bad-link.png"), full_page=True)
    assert page.outside_requests == []


def test_a_link_with_sub_types_and_a_toll_range_fills_the_sidebar(app_url, page, dataset):
    page.goto(f"{app_url}/?subtype=Non-state+actor+overtakes+territory&killed=1&killedmax=50")
    frame = leaflet_frame(page)
    settle(page, frame)
    events = dataset.events
    expected = (
        (events["sub_event_type"] == "Non-state actor overtakes territory") & events["fatalities"].between(1, 50)
    ).sum()
    assert 0 < expected < len(events)
    sentence = f"Showing {expected} of {len(events)} events: Non-state actor overtakes territory, 1–50 killed, "
    assert sentence in header_sentence(page)
    assert frame.evaluate(COUNT_EVENTS_JS) == expected
    page.get_by_text("Filter events").click()
    assert page.get_by_label("At least this many killed").input_value() == "1"
    assert page.get_by_label("At most this many killed").input_value() == "50"
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_text("Non-state actor overtakes territory").first.is_visible()
    assert sidebar.get_by_text("Civilians targeted only").is_visible()
    page.screenshot(path=str(ARTIFACTS / "share-new-filters.png"), full_page=True)
    assert page.get_by_text("From the link").count() == 0
    assert page.outside_requests == []
