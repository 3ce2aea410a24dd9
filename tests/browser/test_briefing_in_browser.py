"""Briefing in a real browser at 1280×720: presentation, the default story, playback, the keys."""

from __future__ import annotations

import random
from datetime import datetime

import pytest
from playwright.sync_api import expect

from data.view.stories import load_stories
from tests.browser.app_utils import (
    RECORD_FRAMES_JS,
    as_of_text,
    choose,
    expect_app_idle,
    expect_as_of,
    expect_map_holds,
    expect_map_painted,
    expect_map_ready,
    map_locator,
    play_toggle,
    set_playback_speed,
    stage_as_of,
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


def day(text: str):
    return datetime.strptime(text, "%d %b %Y").date()


def open_app(page, url: str):
    page.goto(url)
    frame = expect_map_ready(page)
    expect(frame.locator(".cm-event").first).to_be_attached()
    page.wait_for_function(KEYS_BOUND_JS)
    return frame


def press(page, key: str, label: str, delay: float = 0) -> None:
    """Press ``key`` once (held ``delay`` ms); the play button must then read ``label`` (never pressed again)."""
    page.keyboard.press(key, delay=delay)
    expect(play_toggle(page)).to_contain_text(label, timeout=30_000)


def expect_stays_paused(page) -> None:
    """Paused, the as-of day holds through page reruns: two speed changes, each a full rerun.

    Each rerun takes longer than a playback step at the fastest speed, so a clock still running
    would have moved the day by then; the reruns are what is waited on, not a length of time.
    """
    stopped = as_of_text(page)
    for to_end in (False, True):
        speed = page.locator(".st-key-playback-speed [data-testid='stSliderThumbValue']")
        before = speed.inner_text()
        set_playback_speed(page, to_end=to_end)
        expect(speed).not_to_have_text(before)
        expect_app_idle(page)
        expect_as_of(page, stopped)
        expect(play_toggle(page)).to_contain_text("Play")


def test_presentation_shows_map_legend_title_and_date_without_controls(app_url, screen):
    open_app(screen, app_url)
    expect(screen.locator(SIDEBAR)).to_be_visible()
    switch(screen, "Presentation mode")
    expect(screen.locator(".st-key-presentation-leave")).to_be_visible()
    frame = map_locator(screen)
    # The high-contrast theme's legend type (16 px instead of 12 px).
    expect(frame.locator(".cm-legend").first).to_have_css("font-size", "16px", timeout=30_000)
    for control in (SIDEBAR, ".st-key-timeline-range", ".st-key-playback-toggle", ".st-key-story-next",
                    "[data-testid='stExpander']"):  # fmt: skip
        expect(screen.locator(control).first).to_be_hidden()
    expect(screen.get_by_role("heading", name="Conflict Map: northern Mali")).to_be_visible()
    expect_as_of(screen, "29 Apr 2026")
    expect(screen.get_by_text("Showing 176 of 176 events")).to_be_visible()
    box = screen.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box["width"] > 1200
    assert box["y"] + box["height"] <= SCREEN["height"] + 2  # the whole map on one screen
    expect(frame.locator(".cm-legend").first).to_be_visible()
    expect(frame.locator(".cm-label", has_text="Kidal")).to_be_visible()
    expect_map_painted(screen)
    screen.screenshot(path=str(ARTIFACTS / "presentation-1280x720.png"))
    screen.keyboard.press("Escape")
    expect(screen.locator(SIDEBAR)).to_be_visible()
    expect(screen.locator(".st-key-timeline-range")).to_be_visible()
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


def test_playback_runs_from_2012_to_the_offensive(app_url, screen):
    open_app(screen, app_url)
    # The test's speed-up: a year a step at 8 steps a second (monthly steps are unit-tested; on
    # a loaded 2-core machine each step is a full page rerun of 0.3–2 s).
    choose(screen, "playback.step", "year")
    set_playback_speed(screen)
    screen.evaluate(RECORD_FRAMES_JS)
    press(screen, " ", "Pause")  # space plays
    expect(play_toggle(screen)).to_contain_text("Play", timeout=300_000)
    frames = screen.evaluate("() => window.__frames")
    days = [day(frame["text"].split("As of ")[1].split(" ·")[0]) for frame in frames]
    assert days[0].year == 2026  # before play
    played = days[1:]
    assert played[0] == day("17 Jan 2013")  # play starts one year after the first event
    assert played[-1] == day("29 Apr 2026")
    assert played == sorted(played), [str(d) for d in played]
    assert len(played) >= 12, [str(d) for d in played]  # 2012 … 2026, one frame per yearly step (a fast pair may merge)
    expect(screen.locator("[data-testid='stException']")).to_have_count(0)
    assert screen.errors == []
    screen.screenshot(path=str(ARTIFACTS / "playback-end.png"))


def test_space_pauses_playback(app_url, screen):
    open_app(screen, app_url)
    press(screen, " ", "Pause")
    playing_from = as_of_text(screen)
    expect(stage_as_of(screen)).not_to_contain_text(f"As of {playing_from}", timeout=20_000)  # it ticks on its own
    press(screen, " ", "Play")
    expect_stays_paused(screen)


def test_every_space_press_during_playback_takes_effect(app_url, screen):
    # The clock reruns the page every frame; each press must land, once, whenever it comes.
    open_app(screen, app_url)
    set_playback_speed(screen)  # 8 monthly steps a second: the page reruns as often as it can
    expect(play_toggle(screen)).to_contain_text("Play")
    spacing, frames = random.Random(6), set()
    for count in range(20):
        expected = "Pause" if count % 2 == 0 else "Play"  # even presses play, odd ones pause
        # Each press comes at a random moment of the page's reruns: the key is held 300–1000 ms.
        press(screen, " ", expected, delay=spacing.uniform(300, 1000))
        if expected == "Pause":  # playing: the next press comes while frames advance
            before = as_of_text(screen)
            expect(stage_as_of(screen)).not_to_contain_text(f"As of {before}", timeout=30_000)
            frames.add(as_of_text(screen))
    expect_stays_paused(screen)  # the last press paused it for good
    assert len(frames) == 10  # every playing stretch moved the window to a new frame
    expect(screen.locator("[data-testid='stException']")).to_have_count(0)
    assert screen.errors == []
