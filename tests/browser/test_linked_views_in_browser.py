"""Map and table linked in a real browser: a marker click selects its row, a row click centres the map."""

from __future__ import annotations

import time

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_map_in_browser import map_frame, wait_for_count

ROW_PX = 35  # st.dataframe's default row height (the header row too)


def wait_for_text(page, text: str, timeout: float = 30) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=timeout * 1000)


def map_center(frame) -> tuple[float, float]:
    lat, lon = frame.evaluate("[window.map.getCenter().lat, window.map.getCenter().lng]")
    return lon, lat


def in_view(frame, lon: float, lat: float) -> bool:
    return frame.evaluate("([lat, lon]) => window.map.getBounds().contains([lat, lon])", [lat, lon])


def click_table_row(page, row: int) -> None:
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The first column holds the row-selection boxes.
    page.mouse.click(box["x"] + 12, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)


def test_marker_click_selects_the_row_and_row_click_centres_the_map(app_url, page, dataset):
    page.goto(app_url)
    frame = map_frame(page)
    wait_for_count(frame, len(dataset.events))
    frame.evaluate("window.__mountProbe = 'still here'")

    # Click a symbol that stands alone at the default zoom (not in a cluster) and that nothing
    # covers (the legend, the page's header): its event is selected.
    page.locator("iframe").first.scroll_into_view_if_needed()
    markers = frame.locator(".leaflet-marker-icon.cm-event")
    ids = list(dataset.events["event_id_cnty"])  # all of one length: none is part of another
    popups = ((i, _popup_id(frame, i)) for i in range(markers.count()) if _uncovered(page, frame, markers.nth(i)))
    target, alone = next((i, e) for i, text in popups for e in ids if e in text)
    markers.nth(target).click()
    wait_for_text(page, f"Selected: {alone}")
    assert frame.locator(".cm-selected-symbol").count() == 1

    # The newest event (first row) is the Azawad statement, placed at country level: the map
    # centres on it (then pans a little so that its popup fits) at the region zoom.
    newest = dataset.events.sort_values("event_date", kind="stable").iloc[-1]
    before = map_center(frame)
    click_table_row(page, 0)
    wait_for_text(page, f"Selected: {newest['event_id_cnty']}")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and frame.evaluate("window.map.getZoom()") != 6:
        time.sleep(0.1)
    assert frame.evaluate("window.map.getZoom()") == 6
    assert in_view(frame, newest["longitude"], newest["latitude"])
    assert map_center(frame) != before
    assert frame.evaluate("window.__mountProbe") == "still here"  # panned, never remounted

    # A range-dated event near Kidal (place within 25 km): its halo, highlight and open popup.
    near = dataset.events[(dataset.events["geo_precision"] == 2) & (dataset.events["time_precision"] == 2)].iloc[-1]
    position = list(dataset.events.sort_values("event_date", ascending=False, kind="stable")["event_id_cnty"])
    click_table_row(page, position.index(near["event_id_cnty"]))
    wait_for_text(page, f"Selected: {near['event_id_cnty']}")
    frame.locator(".leaflet-popup-content", has_text=near["event_id_cnty"]).wait_for(timeout=20_000)
    assert frame.locator("path.cm-halo").count() >= 1
    page.locator("iframe").first.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "linked-map-selected.png"))
    page.locator('[data-testid="stDataFrame"]').first.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "linked-table.png"))
    # Over Kidal region: rings (within 25 km) and approximate-date badges.
    frame.evaluate("window.map.closePopup(); window.map.setView([19.0, 0.9], 7)")
    page.locator("iframe").first.scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "linked-halos.png"))
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    assert charts.count() == 1  # the strip alone: a hidden tab's charts are built only once it opens
    page.get_by_role("tab", name="Charts").click()
    deadline = time.monotonic() + 20
    while charts.count() < 4 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert charts.count() == 4  # the strip and three charts
    charts.nth(1).scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "linked-charts.png"))
    assert page.outside_requests == []


def _uncovered(page, frame, marker) -> bool:
    """Whether a click at the middle of ``marker`` reaches it: inside the window, below the page's
    fixed header, and not under a map control such as the legend."""
    box = marker.bounding_box()
    header = page.locator('[data-testid="stHeader"]').bounding_box()
    if box is None or box["y"] < (header["y"] + header["height"] if header else 0):
        return False
    if box["y"] + box["height"] > page.viewport_size["height"]:
        return False
    return marker.evaluate(
        """(icon) => { const r = icon.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return hit !== null && (hit === icon || icon.contains(hit)); }"""
    )


def _popup_id(frame, index: int) -> str:
    """The popup text bound to the ``index``-th event symbol (read without opening it)."""
    return frame.evaluate(
        """(i) => { const icons = [...document.querySelectorAll('.leaflet-marker-icon.cm-event')];
        const layer = Object.values(window.map._layers).find(l => l._icon === icons[i]);
        const content = layer && layer.getPopup() && layer.getPopup().getContent();
        return content ? (content.innerText || content.textContent || String(content)) : ''; }""",
        index,
    )
