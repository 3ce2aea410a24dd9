"""Briefing in a real browser at 1280×720: presentation, the default story, the keys (playback: the time bar)."""

from __future__ import annotations

import pytest

from data.view.stories import load_stories
from tests.browser.briefing_page import (
    as_of_text,
    map_frame,
    switch,
    view_is,
    wait_for,
)
from tests.browser.conftest import ARTIFACTS

SCREEN = {"width": 1280, "height": 720}


@pytest.fixture
def screen(browser):
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def visible(page, selector: str) -> bool:
    locator = page.locator(selector)
    return locator.count() > 0 and locator.first.is_visible()


def open_app(page, url: str):
    page.goto(url)
    frame = map_frame(page)
    wait_for(lambda: frame.locator(".cm-event, .marker-cluster").count() > 0)
    # The key listener is a frame of its own: keys work once it has loaded and learnt its keys.
    wait_for(lambda: page.evaluate("() => !!(window.__cmKeys && window.__cmKeys.bound.length)"))
    return frame


def test_presentation_shows_map_legend_title_and_date_without_controls(app_url, screen):
    open_app(screen, app_url)
    assert visible(screen, "[data-testid='stSidebar']")
    switch(screen, "Presentation mode")
    wait_for(lambda: visible(screen, ".st-key-presentation-leave"))
    # The high-contrast theme's legend type (16 px instead of 12 px).
    frame = map_frame(screen, "getComputedStyle(document.querySelector('.cm-legend')).fontSize === '16px'")
    for control in ("[data-testid='stSidebar']", "[data-testid='stExpander']"):
        assert not visible(screen, control), control
    # The stage keeps the time bar and the story's row: a story starts, steps and ends from here.
    assert screen.get_by_role("slider", name="Window end").is_visible()
    assert visible(screen, ".st-key-story-next")
    assert screen.get_by_role("heading", name="Conflict Map: northern Mali").is_visible()
    assert as_of_text(screen) == "29 Apr 2026"
    assert screen.get_by_text("Showing 176 of 176 events").is_visible()
    box = screen.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box["width"] > 1200
    assert box["y"] + box["height"] <= SCREEN["height"] + 2  # the whole map on one screen
    assert frame.locator(".cm-legend").is_visible()
    assert frame.locator(".cm-holder-text[data-town='Kidal']").is_visible()  # Kidal's label, with its holder
    screen.wait_for_timeout(800)
    screen.screenshot(path=str(ARTIFACTS / "presentation-1280x720.png"))
    screen.keyboard.press("Escape")
    wait_for(lambda: visible(screen, "[data-testid='stSidebar']"))
    assert visible(screen, "[data-testid='stSidebar']")
    assert screen.errors == []


def test_default_story_steps_through_moving_the_map_and_the_date(app_url, screen, dataset):
    steps = load_stories(dataset.events)[0].steps
    open_app(screen, app_url)
    switch(screen, "Tell the story")  # a briefer picks the story, then presents
    wait_for(lambda: visible(screen, ".st-key-story-card"))
    switch(screen, "Presentation mode")
    wait_for(lambda: visible(screen, ".st-key-presentation-leave"))
    for index, step in enumerate(steps):
        if index:
            screen.keyboard.press("ArrowRight")  # the keyboard steps the story in presentation mode
        expected = f"{step.as_of.day} {step.as_of:%b %Y}"
        wait_for(lambda expected=expected: as_of_text(screen) == expected, timeout=30)
        view = view_is(*step.center, step.zoom)
        # Asked afresh each time: entering presentation mode remounts the map once (its theme).
        wait_for(lambda view=view: map_frame(screen, view, timeout=30).locator("path.cm-highlight").count() >= 1)
        assert screen.get_by_text(step.title).first.is_visible()
        screen.wait_for_timeout(400)
        screen.screenshot(path=str(ARTIFACTS / f"story-step-{index + 1}.png"))
    screen.keyboard.press("ArrowLeft")
    previous = steps[-2].as_of
    wait_for(lambda: as_of_text(screen) == f"{previous.day} {previous:%b %Y}", timeout=30)
    assert screen.errors == []
