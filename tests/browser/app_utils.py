"""What the browser tests share: finding the map, reading the header, waiting on the page's state.

Modelled on Streamlit's own e2e helpers (``e2e_playwright/shared/app_utils.py``): every wait is a
Playwright ``expect()`` on the state a test needs (a header's words, an attribute the map stamps on
its container, a control's value), which retries until it holds. State that lives only in
JavaScript (the map's centre and zoom, the paint after a redraw, the key listener) is waited on
with ``page.wait_for_function``, Playwright's wait for a JS value, read from the top page so that a
remounted map iframe is found again. No fixed waits, sleeps or polling loops:
``tests/test_browser_helpers.py`` fails on one.

The map's layer (``geo/map/templates/timeline_layer.js.j2``) stamps ``data-events`` (events in the
window), ``data-territories``, ``data-towns`` and ``data-window`` on its container at each redraw,
and hands its state (``shown``, ``applied``, ``painted``) to the page as ``window.__cmMap``.
"""

from __future__ import annotations

import re

from playwright.sync_api import Frame, FrameLocator, Locator, Page, expect

MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
HEADER = re.compile(r"Showing ([\d,]+) of ([\d,]+) events")
AS_OF = re.compile(r"As of (\d{1,2} \w{3} \d{4})")
LOAD_MS = 90_000  # the first view of a cold app on a loaded two-core machine
RERUN_MS = 30_000  # one page rerun there
# Every expect() waits as long as a rerun may take there (Playwright's default is 5 s).
expect.set_options(timeout=RERUN_MS)
# Events drawn in a standalone map (the exports): single symbols plus the numbers in cluster bubbles.
COUNT_EVENTS_JS = """() => document.querySelectorAll('.cm-event').length +
    [...document.querySelectorAll('.marker-cluster span')].reduce((n, s) => n + parseInt(s.textContent, 10), 0)"""
# The live map's redraw has reached the screen: painted after the last one applied.
_PAINTED_JS = "() => { const m = window.__cmMap; return !!(m && m.shown && m.painted >= m.applied); }"
# Read in the top page through the map iframe's window: still right after the iframe is remounted.
_MAP_HOLDS_JS = """([selector, condition]) => {
  const frame = document.querySelector(selector);
  const map = frame && frame.contentWindow && frame.contentWindow.map;
  return !!(map && map.getCenter) && new Function('map', 'return ' + condition)(map);
}"""


# JS condition over Leaflet's ``map``: no zoom or pan under way, and no redraw of the live layer pending
# (one follows each moveend), so what the map shows is where it comes to rest.
MAP_AT_REST = (
    "!map._animatingZoom && !(map._panAnim && map._panAnim._inProgress)"
    " && !(map.getContainer().ownerDocument.defaultView.cmTimeline || {}).frame"
)
# The key towns' labels (their boxes only: the legend's sample has no town).
HOLDER_LABELS = ".cm-holder-text[data-town]"


def expect_app_idle(page: Page, timeout: float = RERUN_MS) -> None:
    """The script is not running (Streamlit stamps its state on the app's root element)."""
    app = page.locator("[data-testid='stApp']")
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)


def map_locator(page: Page, nth: int = 0) -> FrameLocator:
    """The ``nth`` map iframe's content, looked up afresh at each use (it survives a remount)."""
    return page.locator(MAP_FRAME).nth(nth).content_frame


def map_container(page: Page, nth: int = 0) -> Locator:
    """The Leaflet container of the ``nth`` map, where the layer stamps what it shows."""
    return map_locator(page, nth).locator(".leaflet-container")


def expect_map_ready(page: Page, events: int | None = None, timeout: float = LOAD_MS) -> Frame:
    """The live map once its layer has drawn (``events`` events in the window, if given), as a ``Frame``.

    A ``Frame`` (for ``evaluate``) is the iframe's document of now: a test that holds one checks
    that the map was not remounted.
    """
    stamp = re.compile(r"^\d+$") if events is None else str(events)
    expect(map_container(page)).to_have_attribute("data-events", stamp, timeout=timeout)
    return page.locator(MAP_FRAME).first.element_handle().content_frame()


def expect_symbols(frame: Frame | FrameLocator, count: int, timeout: float = RERUN_MS) -> None:
    """The live map draws ``count`` event symbols (rich symbols, one DOM node each)."""
    expect(frame.locator(".cm-event")).to_have_count(int(count), timeout=timeout)


def expect_map_painted(page: Page, timeout: float = RERUN_MS) -> None:
    """The map's last redraw is on screen (its ``painted`` stamp is after its ``applied`` one)."""
    page.wait_for_function(_PAINTED_JS, timeout=timeout)


def expect_map_holds(page: Page, condition: str, timeout: float = RERUN_MS) -> None:
    """The JS expression ``condition`` over Leaflet's ``map`` holds in the (current) map iframe."""
    page.wait_for_function(_MAP_HOLDS_JS, arg=[MAP_FRAME, condition], timeout=timeout)


def view_is(lon: float, lat: float, zoom: int) -> str:
    """JS condition: the map rests centred on (lon, lat) at ``zoom``.

    Leaflet takes the new zoom as the animation starts; until it ends the old drawing is only
    scaled (a picture taken then shows the basemap cut short), so "at rest" is part of the view.
    """
    return (
        f"Math.abs(map.getCenter().lat - {lat}) < 0.05 && Math.abs(map.getCenter().lng - {lon}) < 0.05"
        f" && map.getZoom() === {zoom} && !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress)"
    )


# The drawings of the basemap and the areas (Leaflet's renderers: an SVG or canvas per pane) cover the whole map.
BASEMAP_COVERS_MAP = """(drawings => drawings.length > 0 && drawings.every(d => {
  const a = d.getBoundingClientRect(), m = map.getContainer().getBoundingClientRect();
  return a.left <= m.left + 1 && a.top <= m.top + 1 && a.right >= m.right - 1 && a.bottom >= m.bottom - 1;
}))([...map.getContainer().querySelectorAll('.leaflet-pane > svg.leaflet-zoom-animated, .leaflet-pane > canvas')])"""


def header(page: Page) -> Locator:
    """The "Showing N of M events" sentence."""
    return page.get_by_text(HEADER)


def count_in_header(page: Page) -> tuple[int, int]:
    """``(shown, total)`` as the header says now (after an ``expect`` on what it should say)."""
    shown, total = HEADER.search(header(page).inner_text()).groups()
    return int(shown.replace(",", "")), int(total.replace(",", ""))


def expect_header_count(page: Page, shown: int, total: int | None = None, timeout: float = RERUN_MS) -> None:
    """The header says ``Showing {shown} of {total} events`` (any total if not given)."""
    words = f"Showing {shown:,} of " + (f"{total:,} events" if total is not None else "")
    expect(header(page)).to_contain_text(words, timeout=timeout)


def expect_header_count_changes(page: Page, shown: int, timeout: float = RERUN_MS) -> tuple[int, int]:
    """Wait until the header no longer shows ``shown`` events; the new ``(shown, total)``."""
    expect(header(page)).not_to_contain_text(f"Showing {shown:,} of ", timeout=timeout)
    return count_in_header(page)


def expect_map_agrees_with_header(page: Page, timeout: float = RERUN_MS) -> int:
    """Once the page is idle, the map draws as many events as the header counts; that count."""
    expect_app_idle(page, timeout)
    shown, _total = count_in_header(page)
    expect(map_container(page)).to_have_attribute("data-events", str(shown), timeout=timeout)
    return shown


def stage_as_of(page: Page) -> Locator:
    """The "As of …" line over the map."""
    return page.locator(".st-key-stage p", has_text="As of").first


def as_of_text(page: Page) -> str:
    """The as-of day as the header shows it now (``29 Apr 2026``)."""
    return AS_OF.search(stage_as_of(page).inner_text()).group(1)


def expect_as_of(page: Page, day: str, timeout: float = RERUN_MS) -> None:
    """The header's as-of day is ``day`` (``29 Apr 2026``)."""
    expect(stage_as_of(page)).to_contain_text(f"As of {day}", timeout=timeout)


def switch(page: Page, label: str) -> None:
    """Click a Streamlit toggle by its label."""
    page.locator("label", has_text=label).first.click()


def _overlap(a: dict, b: dict, gap: float = 0) -> bool:
    """Whether boxes ``a`` and ``b`` (Playwright's ``bounding_box()``) come closer than ``gap`` px."""
    return not (a["x"] + a["width"] + gap <= b["x"] or b["x"] + b["width"] + gap <= a["x"] or
                a["y"] + a["height"] + gap <= b["y"] or b["y"] + b["height"] + gap <= a["y"])  # fmt: skip


def label_boxes(scope: Page | FrameLocator, within: dict | None = None) -> dict[str, dict]:
    """Each visible key-town label's box on the page by town, read through its locator; only those in ``within``.

    A town outside the map's view has its label hidden.
    """
    labels = [label for label in scope.locator(HOLDER_LABELS).all() if label.is_visible()]
    boxes = {label.get_attribute("data-town"): label.bounding_box() for label in labels}
    return {town: box for town, box in boxes.items() if box and (within is None or _overlap(box, within))}


def touching_labels(boxes: dict[str, dict], gap: float = 2) -> list[str]:
    """Pairs of labels that overlap or come closer than ``gap`` px (their shadows would run together)."""
    towns = list(boxes)
    return [f"{a}/{b}" for i, a in enumerate(towns) for b in towns[i + 1 :] if _overlap(boxes[a], boxes[b], gap)]
