"""Screenshots of the first view at the two screen sizes briefers use, for a person to look at.

They go to ``test-artifacts/explore-<width>x<height>.png``; the README's picture is the 1280×720 one.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_first_view_shows_the_map_its_header_and_kidal(browser, app_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(app_url)
        expect(page.get_by_text(re.compile(r"Showing [\d,]+ of [\d,]+ events"))).to_be_visible(timeout=60_000)
        frame = page.frame_locator(MAP_FRAME)
        kidal = frame.locator(".cm-holder-text[data-town='Kidal']")  # its label says who holds it
        expect(kidal).to_be_visible(timeout=60_000)
        expect(frame.locator(".cm-legend").first).to_be_visible()
        # The map is short at both sizes: the legend starts folded to its title, off the towns,
        # and one click on the title opens it.
        fold = frame.locator(".cm-legend details")
        expect(fold).not_to_have_attribute("open", "")
        frame.locator(".cm-legend-title").click()
        expect(fold).to_have_attribute("open", "")
        expect(frame.locator(".cm-legend", has_text="Battles")).to_be_visible()
        frame.locator(".cm-legend-title").click()
        expect(fold).not_to_have_attribute("open", "")
        page.mouse.move(5, 5)  # off the map: no tooltip in the picture
        # The map starts above the fold: its top edge is on the first screen.
        box = page.locator(MAP_FRAME).bounding_box()
        assert box is not None
        assert box["y"] < height
        page.screenshot(path=str(ARTIFACTS / f"explore-{width}x{height}.png"))
    finally:
        context.close()
