"""Briefing in a real browser at 1280×720: presentation, the default story, playback, the keys."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from data.view.stories import load_stories
from tests.browser.briefing_page import (
    RECORD_FRAMES_JS,
    as_of_text,
    choose,
    map_frame,
    set_playback_speed,
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


def day(text: str):
    return datetime.strptime(text, "%d %b %Y").date()


def visible(page, selector: str) -> bool:
    locator = page.locator(selector)
    return locator.count() > 0 and locator.first.is_visible()


def play_button(page) -> str:
    """The play button's label: "Play", "Pause", or "" while a rerun redraws it (a stale one lingers)."""
    labels = page.locator(".st-key-playback-toggle:not([data-stale='true']) button").all_inner_texts()
    words = {word for label in labels for word in ("Play", "Pause") if word in label}
    return words.pop() if len(words) == 1 else ""


def press(page, key: str, done, timeout: float = 30) -> None:
    """Press ``key`` once; ``done()`` must then hold within ``timeout`` (a key is never pressed again)."""
    page.keyboard.press(key)
    wait_for(done, timeout=timeout)


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
    for control in ("[data-testid='stSidebar']", ".st-key-timeline-range", ".st-key-playback-toggle",
                    ".st-key-story-next", "[data-testid='stExpander']"):  # fmt: skip
        assert not visible(screen, control), control
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
    assert visible(screen, ".st-key-timeline-range")
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


def test_playback_runs_from_2012_to_the_offensive(app_url, screen):
    open_app(screen, app_url)
    # The test's speed-up: a year a step at 8 steps a second (monthly steps are unit-tested; on
    # a loaded 2-core machine each step is a full page rerun of 0.3–2 s).
    choose(screen, "playback.step", "year")
    set_playback_speed(screen)
    screen.evaluate(RECORD_FRAMES_JS)
    press(screen, " ", lambda: play_button(screen) == "Pause")  # space plays
    wait_for(lambda: play_button(screen) == "Play", timeout=300)
    frames = screen.evaluate("() => window.__frames")
    days = [day(frame["text"].split("As of ")[1].split(" ·")[0]) for frame in frames]
    assert days[0].year == 2026  # before play
    played = days[1:]
    assert played[0] == day("17 Jan 2013")  # play starts one year after the first event
    assert played[-1] == day("29 Apr 2026")
    assert played == sorted(played), [str(d) for d in played]
    assert len(played) >= 12, [str(d) for d in played]  # 2012 … 2026, one frame per yearly step (a fast pair may merge)
    assert screen.locator("[data-testid='stException']").count() == 0
    assert screen.errors == []
    screen.screenshot(path=str(ARTIFACTS / "playback-end.png"))


def test_space_pauses_playback(app_url, screen):
    open_app(screen, app_url)
    press(screen, " ", lambda: play_button(screen) == "Pause")
    wait_for(lambda: as_of_text(screen) != "17 Feb 2012", timeout=20)  # it ticks on its own
    press(screen, " ", lambda: play_button(screen) == "Play")
    stopped = as_of_text(screen)
    screen.wait_for_timeout(2500)
    assert as_of_text(screen) == stopped


def test_every_space_press_during_playback_takes_effect(app_url, screen):
    # The clock reruns the page every frame; each press must land, once, whenever it comes.
    open_app(screen, app_url)
    set_playback_speed(screen)  # 8 monthly steps a second: the page reruns as often as it can
    wait_for(lambda: play_button(screen) == "Play")
    spacing, frames = random.Random(6), set()
    for count in range(20):
        expected = "Pause" if count % 2 == 0 else "Play"  # even presses play, odd ones pause
        press(screen, " ", lambda expected=expected: play_button(screen) == expected)
        if expected == "Pause":  # playing: the next press comes while frames advance
            before = as_of_text(screen)
            wait_for(lambda before=before: as_of_text(screen) != before, timeout=30)
            frames.add(as_of_text(screen))
        screen.wait_for_timeout(spacing.uniform(300, 1000))
    stopped = as_of_text(screen)
    screen.wait_for_timeout(2500)
    assert as_of_text(screen) == stopped  # the last press paused it for good
    assert len(frames) == 10  # every playing stretch moved the window to a new frame
    assert screen.locator("[data-testid='stException']").count() == 0
    assert screen.errors == []
