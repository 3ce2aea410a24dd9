"""Who holds what, read off the map as a viewer reads it: the key towns' labels and their history."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from data.view.changes import key_town_holders
from data.view.filters import valid_at
from data.view.stories import load_stories
from tests.browser.app_utils import (
    HOLDER_LABELS,
    MAP_AT_REST,
    expect_map_holds,
    expect_map_painted,
    label_boxes,
    map_locator,
    switch,
    touching_labels,
    view_is,
)
from tests.browser.conftest import ARTIFACTS

MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
EPOCH = date(1970, 1, 1)
# Under MNLA control after France's return; the army's return in November 2023; the FLA's since April 2026.
DAYS = (date(2013, 6, 1), date(2023, 11, 20), date(2026, 4, 29))
# What is at the label's centre, in the map's document: the label itself (or its text), or what covers it.
# Labels not wholly inside the map (Tessalit's ran past the right edge at 1280x720 on 29 Apr 2026).
OUTSIDE_JS = """() => {
  const edge = map.getContainer().getBoundingClientRect();
  return [...document.querySelectorAll(".cm-holder-text")].filter((label) => {
    const r = label.getBoundingClientRect();
    return r.width && (r.left < edge.left || r.right > edge.right);
  }).map((label) => label.getAttribute("data-town"));
}"""
ON_TOP_JS = """town => {
  const label = document.querySelector(`.cm-holder-text[data-town="${town}"]`);
  const box = label.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return label.contains(top);
}"""
# Pairs of key-town labels whose boxes overlap (none should: a later label moves clear of an earlier one).
OVERLAPS_JS = """() => {
  const boxes = [...document.querySelectorAll('.cm-holder-text')].map(l => [l.dataset.town, l.getBoundingClientRect()]);
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return boxes.flatMap(([t, a], i) => boxes.slice(i + 1).filter(([, b]) => hit(a, b)).map(([u]) => t + '/' + u));
}"""


def day_number(day: date) -> int:
    return (day - EPOCH).days


def open_map(browser, app_url, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(app_url)
    page.wait_for_function("() => window.__cmMap && window.__cmMap.shown", timeout=90_000)
    # The header above the map comes with the first full run: until then the map moves down the page.
    expect(page.get_by_text(re.compile(r"Showing [\d,]+ of [\d,]+ events"))).to_be_visible(timeout=60_000)
    return context, page


def show_day(page, first: date, day: date) -> None:
    """The window from the record's first day to ``day``, as of ``day``, set on the time bar.

    Through the bar (which moves the map and reports at once), not the map's ``setWindow`` alone: a
    rerun from another report would give the map the bar's own window back.
    """
    asked = [day_number(first), day_number(day), day_number(day)]
    window = page.evaluate("w => { window.__cmBar.set(w[0], w[1], w[2], 'now'); return window.__cmBar.window; }", asked)
    page.wait_for_function("w => window.__cmMap.shown.window.join() === w.join()", arg=window)
    as_of = EPOCH + timedelta(days=window[2])  # the bar keeps the window inside the record
    header = page.get_by_text(f"As of {as_of.day} {as_of:%b %Y}", exact=True)  # the server agrees
    expect(header).to_be_visible(timeout=30_000)


def expected_label(dataset, town: str, day: date) -> str:
    """The server's answer: the key-town holder whose status record holds on ``day``."""
    holders = {holder.town: holder for holder in key_town_holders(valid_at(dataset.towns, day))}
    return holders[town].label


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_label_on_kidal_says_who_holds_it_on_each_day(browser, app_url, dataset, width, height):
    context, page = open_map(browser, app_url, width, height)
    try:
        frame = page.frame_locator(MAP_FRAME)
        kidal = frame.locator(".cm-holder-text[data-town='Kidal']")
        first = dataset.events["event_date"].min().date()
        for day in DAYS:
            show_day(page, first, day)
            expect(kidal).to_have_text(expected_label(dataset, "Kidal", day))
            expect(kidal).to_be_visible()
            # Nothing covers it: at its centre the page finds the label, not an event symbol.
            assert frame.locator("body").evaluate(f"() => ({ON_TOP_JS})('Kidal')")
            # The base map's own "Kidal" is set aside: the town is named once.
            expect(frame.locator(".cm-label[data-place='Kidal']")).to_be_hidden()
            assert frame.locator("body").evaluate(OVERLAPS_JS) == []  # no label hides another
            assert frame.locator("body").evaluate(OUTSIDE_JS) == []  # none runs past the map's edge
            page.mouse.move(5, 5)  # off the map: no tooltip in the picture
            page.screenshot(path=str(ARTIFACTS / f"towns-{day.isoformat()}-{width}x{height}.png"))
        assert "FLA since 28 Apr 2026" in kidal.inner_text()
    finally:
        context.close()


def test_a_click_on_a_town_shows_who_held_it_with_sources(browser, app_url, dataset):
    context, page = open_map(browser, app_url, 1280, 720)
    try:
        frame = page.frame_locator(MAP_FRAME)
        show_day(page, dataset.events["event_date"].min().date(), date(2023, 11, 20))
        frame.locator(".cm-holder-text[data-town='Kidal']").click()
        popup = frame.locator(".cm-history")
        expect(popup).to_be_visible()
        records = dataset.towns[dataset.towns["town"] == "Kidal"].sort_values("valid_from")
        rows = popup.locator("tr")
        expect(rows).to_have_count(len(records) + 1)  # a header, then one row per change
        expect(rows.nth(1)).to_contain_text("30 Mar 2012")
        expect(rows.nth(1)).to_contain_text("Ansar Dine")
        # Sources by name, no raw link; the hold on the as-of day is the one marked.
        expect(popup).not_to_contain_text("http")
        current = popup.locator(".cm-current td")
        source = 'Wikipedia, "Kidal offensive"; Walf (BBC), 14 November 2023'
        expect(current).to_have_text(["14 Nov 2023", "FAMa and Wagner", source])
        page.screenshot(path=str(ARTIFACTS / "towns-history-1280x720.png"))
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_no_two_key_town_labels_touch_at_any_story_step(browser, app_url, dataset, width, height):
    """Presenting (the large type): in 2012 Timbuktu's label lay on Gao's at 1280x720."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?mode=present")
        page.wait_for_function("() => window.__cmMap && window.__cmMap.shown && window.__cmBar", timeout=90_000)
        steps = load_stories(dataset.events)[0].steps
        switch(page, "Tell the story")
        for index, step in enumerate(steps):
            if index:
                page.locator(".st-key-story-next").get_by_role("button").click()
            expect(page.get_by_text(f"{index + 1}/{len(steps)} · {step.title}")).to_be_visible()
            expect_map_holds(page, f"{view_is(*step.center, step.zoom)} && {MAP_AT_REST}")
            expect_map_painted(page)
            frame = map_locator(page)
            for holder in key_town_holders(valid_at(dataset.towns, step.as_of)):  # the step's day on each
                expect(frame.locator(f"{HOLDER_LABELS}[data-town='{holder.town}']")).to_have_text(holder.label)
            page.mouse.move(5, 5)  # off the map: no tooltip in the picture
            page.screenshot(path=str(ARTIFACTS / f"towns-story-step-{index + 1}-{width}x{height}.png"))
            labels = label_boxes(frame, within=page.locator(MAP_FRAME).bounding_box())
            assert len(labels) >= 2, index + 1  # step 3 frames Kidal and Tessalit alone
            assert index or {"Timbuktu", "Gao"} <= set(labels)  # the pair that touched
            assert touching_labels(labels) == [], (index + 1, labels)
    finally:
        context.close()
