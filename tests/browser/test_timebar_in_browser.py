"""The time bar moves the map in the page (no server round trip), then tells Python once it rests."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from benchmarks.timebar_scripts import WATCH_SENDS_JS  # one copy: the benchmark counts the same
from data.view.filters import EventFilter, valid_at, window_mask
from data.view.stories import load_stories
from tests.browser.app_utils import BASEMAP_COVERS_MAP, MAP_AT_REST, expect_map_holds, view_is
from tests.browser.conftest import ARTIFACTS
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
    # Drag the start handle to 30% of the track.
    start_handle = page.get_by_role("slider", name="Window start")
    box, track = start_handle.bounding_box(), page.locator(".cm-track").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.3, box["y"] + box["height"] / 2, steps=8)
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


def day_numbers(*days):
    return [(day - EPOCH).days for day in days]


HANDLE_VALUES = "() => ['start', 'end', 'asOf'].map(name => window.__cmBar[name].getAttribute('aria-valuenow'))"


def bar_and_map_show(page, dataset, days):
    """The bar holds ``days`` (start, end, as-of), and the map draws what the server's filters give for them.

    ``dataset`` may be narrowed to the events of the page's attribute filters (``of_type``).
    """
    page.wait_for_function("w => window.__cmBar && window.__cmBar.window.join() === w.join()", arg=days)
    page.wait_for_function("w => window.__cmMap.shown && window.__cmMap.shown.window.join() === w.join()", arg=days)
    assert shown(page) == expected(dataset, days)
    # Read on the live bar: while a rerun replaces the bar, the old one lingers for a moment.
    values = page.evaluate(HANDLE_VALUES)
    assert values == [str(day) for day in days]


def at_rest(page, step) -> None:
    """The map has come to rest on the story step's view, its labels placed there, its basemap drawn to every edge."""
    expect_map_holds(page, f"{view_is(*step.center, step.zoom)} && {MAP_AT_REST}")
    expect_map_holds(page, BASEMAP_COVERS_MAP)


def bar_locked(page, locked: bool) -> None:
    """Wait until the live bar is (un)locked: a story step holds the window."""
    page.wait_for_function("v => window.__cmBar && window.__cmBar.root.dataset.locked === v", arg=str(locked).lower())


def test_one_track_with_a_histogram_of_the_filtered_events_and_keyboard_handles(page, app_url, dataset):
    page.app_url = f"{app_url}/?type=Battles"
    ready(page)
    battles = int((dataset.events["event_type"] == "Battles").sum())
    events = dataset.events[dataset.events["event_type"] == "Battles"]
    only_battles = SimpleNamespace(events=events, territories=dataset.territories, towns=dataset.towns)
    bar = page.locator("[data-part='bar']")
    expect(bar).to_have_attribute("data-histogram", str(battles))  # counted from the layer's file
    assert 0 < battles < len(dataset.events)
    # One track holds all three handles; each reads as a date.
    track = page.locator(".cm-track").bounding_box()
    for name in ("Window start", "Window end", "Territory as of"):
        box = page.get_by_role("slider", name=name).bounding_box()
        assert track["y"] <= box["y"] + box["height"] / 2 <= track["y"] + track["height"], name
    end_handle = page.get_by_role("slider", name="Window end")
    first, last = (int(end_handle.get_attribute(name)) for name in ("aria-valuemin", "aria-valuemax"))
    # Keyboard alone: Tab reaches the handles; Home/End, PageUp/PageDown and arrows move them.
    start_handle = page.get_by_role("slider", name="Window start")
    page.get_by_role("button", name="Play").focus()
    for _ in range(8):  # forward, speed, step, window, loop, then the first handle
        page.keyboard.press("Tab")
        if start_handle.evaluate("element => element.getRootNode().activeElement === element"):
            break
    expect(start_handle).to_be_focused()
    page.keyboard.press("PageUp")
    page.keyboard.press("Tab")  # the end handle
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    page.keyboard.press("ArrowLeft")
    step = round((last - first) / 10)
    end = last - 2 * step - 1
    bar_and_map_show(page, only_battles, [first + step, end, end])
    page.keyboard.press("Tab")  # the as-of handle, set apart from the window's end
    for _ in range(30):
        page.keyboard.press("ArrowLeft")
    bar_and_map_show(page, only_battles, [first + step, end, end - 30])
    assert page.get_by_role("slider", name="Territory as of").get_attribute("aria-valuetext").count(" ") == 2
    expect(page.get_by_text(f"territory as of {(EPOCH + timedelta(days=end - 30)).day} ")).to_be_visible(timeout=30_000)
    page.keyboard.press("End")
    page.get_by_role("slider", name="Window start").press("Home")
    page.get_by_role("slider", name="Window end").press("End")
    bar_and_map_show(page, only_battles, [first, last, last])
    page.locator("[data-part='bar']").screenshot(path=str(ARTIFACTS / "timebar-battles.png"))
    assert page.outside_requests == []


def test_every_space_press_toggles_playback_and_the_end_of_the_record_says_so(page, app_url, dataset):
    page.app_url = app_url
    ready(page)
    page.get_by_role("slider", name="Window end").press("Home")  # the window is the first day only
    handle = page.get_by_role("slider", name="Window end")
    for count in range(20):  # in the page, no rerun between: each press lands, once
        handle.press(" ")
        playing = count % 2 == 0
        assert page.evaluate("window.__cmBar.playing") is playing
        expect(page.locator("[data-part='play']")).to_have_text("Pause" if playing else "Play")
    page.locator("[data-part='speed']").select_option("30")
    page.locator("[data-part='step']").select_option("year")
    handle.press(" ")
    expect(page.locator("[data-part='status']")).to_have_text("End of the record", timeout=30_000)
    assert page.evaluate("window.__cmBar.playing") is False
    last = int(handle.get_attribute("aria-valuemax"))
    bar_and_map_show(page, dataset, [int(handle.get_attribute("aria-valuemin")), last, last])


def test_stepping_a_story_moves_the_bar_and_the_map(page, app_url, dataset):
    page.app_url = app_url
    ready(page)
    steps = load_stories(dataset.events)[0].steps
    page.get_by_text("Tell the story").click()
    for index, step in enumerate(steps):
        if index:
            page.locator(".st-key-story-next button").click()
        bar_and_map_show(page, dataset, day_numbers(*step.window, step.as_of))
        bar_locked(page, True)
        expect(page.get_by_text(step.title).first).to_be_visible()
    page.get_by_text("Tell the story").click()  # the story ends: the bar is the user's again
    bar_locked(page, False)
    page.get_by_role("slider", name="Window end").press("ArrowLeft")
    last = steps[-1]
    bar_and_map_show(page, dataset, [day_numbers(last.window[0])[0], *[day_numbers(last.window[1])[0] - 1] * 2])


def test_a_shared_link_opens_with_its_window_on_the_bar_and_the_map(page, app_url, dataset):
    page.app_url = f"{app_url}/?from=2013-01-01&to=2014-06-30&asof=2013-05-01"
    ready(page)
    bar_and_map_show(page, dataset, day_numbers(date(2013, 1, 1), date(2014, 6, 30), date(2013, 5, 1)))
    expect(page.get_by_text("As of 1 May 2013", exact=True)).to_be_visible()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_presenting_the_whole_story_steps_with_the_keyboard_only(browser, app_url, dataset, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.app_url = f"{app_url}/?mode=present"
    try:
        ready(page)
        steps = load_stories(dataset.events)[0].steps
        switch = page.get_by_role("switch", name="Tell the story")
        for _ in range(10):  # back from the slide's end to the story's switch (the map's symbols take Tab too)
            page.keyboard.press("Shift+Tab")
            if switch.evaluate("element => element === document.activeElement"):
                break
        expect(switch).to_be_focused()
        page.keyboard.press(" ")  # the switch's own key: the story starts
        bar_and_map_show(page, dataset, day_numbers(*steps[0].window, steps[0].as_of))
        expect(page.get_by_text(f"1/{len(steps)} · {steps[0].title}")).to_be_visible()
        at_rest(page, steps[0])  # the picture of the step, not of the map still on its way there
        page.screenshot(path=str(ARTIFACTS / f"present-story-step-1-{width}x{height}.png"))
        page.keyboard.press("Shift+Tab")  # onto the bar, locked: its keys go to the story
        for index, step in enumerate(steps[1:], start=1):
            page.keyboard.press("ArrowRight")
            bar_and_map_show(page, dataset, day_numbers(*step.window, step.as_of))
            expect(page.get_by_text(f"{index + 1}/{len(steps)} · {step.title}")).to_be_visible()
            # The whole slide on one screen: the story's card, the map, the bar and the story's row.
            for part in (page.locator(MAP_FRAME), page.locator(".st-key-story-next"), page.locator(".cm-axis")):
                box = part.bounding_box()
                assert box["y"] >= 0, part
                assert box["y"] + box["height"] <= height, part
            at_rest(page, step)
            page.screenshot(path=str(ARTIFACTS / f"present-story-step-{index + 1}-{width}x{height}.png"))
        # The clock is locked during a story: space plays nothing and the step stays.
        page.keyboard.press(" ")
        assert page.evaluate("window.__cmBar.playing") is False
        page.keyboard.press("ArrowLeft")
        bar_and_map_show(page, dataset, day_numbers(*steps[-2].window, steps[-2].as_of))
        assert page.evaluate("window.__cmBar.playing") is False
        page.keyboard.press("Tab")  # back to the switch: the story ends, the bar is the user's again
        page.keyboard.press(" ")
        bar_locked(page, False)
    finally:
        context.close()
