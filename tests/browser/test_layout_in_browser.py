"""The map and its time bar are on the first screen together, at both briefing sizes, exploring and presenting.

Pictures go to ``test-artifacts/layout-<mode>-<width>x<height>.png`` for a person to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
HANDLES = ("Window start", "Window end", "Territory as of")
SIZES = [(1280, 720), (1920, 1080)]


def inside(box, width, height):
    """True when the whole of ``box`` is on the first screen."""
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height


def open_page(browser, app_url, width, height, query=""):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(app_url + query)
    page.wait_for_function("() => window.__cmMap && window.__cmMap.shown && window.__cmBar", timeout=90_000)
    return context, page


def check_map_and_bar_on_screen(page, width, height):
    frame = page.locator(MAP_FRAME)
    expect(frame).to_be_visible()
    box = frame.bounding_box()
    assert inside(box, width, height), box
    # The map inside the frame fills it (no blank band under a map shorter than its frame).
    inner = page.frame_locator(MAP_FRAME).locator(".leaflet-container").bounding_box()
    assert abs(inner["height"] - box["height"]) <= 2, (inner, box)
    for name in HANDLES:
        handle = page.get_by_role("slider", name=name)
        expect(handle).to_be_visible()
        assert inside(handle.bounding_box(), width, height), name
    return box


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_exploring_the_map_and_the_bar_share_the_first_screen(browser, app_url, width, height):
    context, page = open_page(browser, app_url, width, height)
    try:
        expect(page.get_by_role("heading", name="Conflict Map: northern Mali")).to_be_in_viewport()
        box = check_map_and_bar_on_screen(page, width, height)
        assert box["height"] >= 400  # the map is still the page's largest thing
        page.mouse.move(5, 5)
        page.screenshot(path=str(ARTIFACTS / f"layout-explore-{width}x{height}.png"))
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_presenting_the_map_fills_the_height_with_the_bar_on_it(browser, app_url, width, height):
    context, page = open_page(browser, app_url, width, height, "/?mode=present")
    try:
        expect(page.get_by_role("button", name="Leave presentation (Esc)")).to_be_visible()
        box = check_map_and_bar_on_screen(page, width, height)
        assert box["height"] >= height - 300  # fills the slide: no blank band under it
        page.mouse.move(5, 5)
        page.screenshot(path=str(ARTIFACTS / f"layout-present-{width}x{height}.png"))
    finally:
        context.close()
