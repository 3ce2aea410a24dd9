"""Briefing in a real browser at 1280×720: presentation, the default story, the keys (playback: the time bar)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from data.view.stories import load_stories
from tests.browser.app_utils import (
    expect_as_of,
    expect_map_holds,
    expect_map_painted,
    expect_map_ready,
    map_locator,
    switch,
    view_is,
)
from tests.browser.conftest import ARTIFACTS

SCREEN = {"width": 1280, "height": 720}
SIDEBAR = "[data-testid='stSidebar']"
# The key listener is a frame of its own: keys work once it has loaded and learnt its keys.
KEYS_BOUND_JS = "() => !!(window.__cmKeys && window.__cmKeys.bound.length)"


@pytest.fixture
def screen(browser):
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def open_app(page, url: str):
    page.goto(url)
    frame = expect_map_ready(page)
    expect(frame.locator(".cm-event, .marker-cluster").first).to_be_attached()
    page.wait_for_function(KEYS_BOUND_JS)
    return frame


def test_presentation_shows_map_legend_title_and_date_without_controls(app_url, screen):
    open_app(screen, app_url)
    expect(screen.locator(SIDEBAR)).to_be_visible()
    switch(screen, "Presentation mode")
    expect(screen.locator(".st-key-presentation-leave")).to_be_visible()
    frame = map_locator(screen)
    # The high-contrast theme's legend type (16 px instead of 12 px).
    expect(frame.locator(".cm-legend").first).to_have_css("font-size", "16px")
    for control in (SIDEBAR, "[data-testid='stExpander']"):
        expect(screen.locator(control).first).to_be_hidden()
    # The stage keeps the time bar and the story's row: a story starts, steps and ends from here.
    expect(screen.get_by_role("slider", name="Window end")).to_be_visible()
    expect(screen.locator(".st-key-story-next")).to_be_visible()
    expect(screen.get_by_role("heading", name="Conflict Map: northern Mali")).to_be_visible()
    expect_as_of(screen, "29 Apr 2026")
    expect(screen.get_by_text("Showing 176 of 176 events")).to_be_visible()
    box = screen.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box["width"] > 1200
    assert box["y"] + box["height"] <= SCREEN["height"] + 2  # the whole map on one screen
    expect(frame.locator(".cm-legend").first).to_be_visible()
    expect(frame.locator(".cm-holder-text[data-town='Kidal']")).to_be_visible()  # Kidal's label, with its holder
    expect_map_painted(screen)
    screen.screenshot(path=str(ARTIFACTS / "presentation-1280x720.png"))
    screen.keyboard.press("Escape")
    expect(screen.locator(SIDEBAR)).to_be_visible()
    assert screen.errors == []


def test_default_story_steps_through_moving_the_map_and_the_date(app_url, screen, dataset):
    steps = load_stories(dataset.events)[0].steps
    open_app(screen, app_url)
    switch(screen, "Tell the story")  # a briefer picks the story, then presents
    expect(screen.locator(".st-key-story-card")).to_be_visible()
    switch(screen, "Presentation mode")
    expect(screen.locator(".st-key-presentation-leave")).to_be_visible()
    for index, step in enumerate(steps):
        if index:
            screen.keyboard.press("ArrowRight")  # the keyboard steps the story in presentation mode
        expect_as_of(screen, f"{step.as_of.day} {step.as_of:%b %Y}")
        # Entering presentation mode remounts the map once (its theme): the map is found afresh.
        expect_map_holds(screen, view_is(*step.center, step.zoom))
        expect(map_locator(screen).locator("path.cm-highlight").first).to_be_attached()
        expect(screen.get_by_text(step.title).first).to_be_visible()
        expect_map_painted(screen)
        screen.screenshot(path=str(ARTIFACTS / f"story-step-{index + 1}.png"))
    screen.keyboard.press("ArrowLeft")
    previous = steps[-2].as_of
    expect_as_of(screen, f"{previous.day} {previous:%b %Y}")
    assert screen.errors == []
