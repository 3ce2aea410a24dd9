"""The live legend lists only what the map shows now, and follows the time bar without a rerun."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from data.schema import EVENT_TYPES
from data.view.filters import EventFilter, window_mask
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_towns_in_browser import MAP_FRAME, open_map, show_day

# (as-of day, territory statuses then, legend colours shown, legend colours not shown)
ORANGE, BLACK, GREEN, BROWN = "#e65100", "#212121", "#2e7d32", "#5d4037"
DAYS = [
    (date(2013, 6, 1), {"claimed"}, {ORANGE, GREEN}, {BLACK, BROWN}),
    (date(2026, 4, 29), {"claimed", "contested"}, {ORANGE, BLACK, GREEN}, {BROWN}),
]


def row(frame, key: str, mode: str | None = None):
    selector = f".cm-legend-row[data-key='{key}']" + (f"[data-mode='{mode}']" if mode else "")
    return frame.locator(selector)


def event_types_in(dataset, start: date, end: date) -> set[int]:
    chosen = dataset.events[window_mask(dataset.events, EventFilter(start=start, end=end))]
    return {list(EVENT_TYPES).index(name) for name in chosen["event_type"]}


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_legend_lists_what_the_window_shows(browser, app_url, dataset, width, height):
    context, page = open_map(browser, app_url, width, height)
    try:
        frame = page.frame_locator(MAP_FRAME)
        frame.locator(".cm-legend-title").click()  # open the fold (it starts closed on a short map)
        for day, statuses, colours, absent in DAYS:
            start = date(day.year, 1, 1)
            show_day(page, start, day)
            for status in ("claimed", "controlled", "contested"):
                territory = row(frame, f"territory:{status}")
                (expect(territory).to_be_visible if status in statuses else expect(territory).to_be_hidden)()
            for colour in colours:
                expect(row(frame, f"colour:{colour}")).to_be_visible()
            for colour in absent:
                expect(row(frame, f"colour:{colour}")).to_be_hidden()
            # Event types: none the window lacks; the symbols' rows, not the dots' (a small record).
            in_window = event_types_in(dataset, start, day)
            for index in range(len(EVENT_TYPES)):
                expect(row(frame, f"type:{index}", "dots")).to_be_hidden()
                if index not in in_window:
                    expect(row(frame, f"type:{index}", "rich")).to_be_hidden()
            assert frame.locator(".cm-legend-row[data-mode='rich']:not([hidden])").count() >= 1
            expect(row(frame, "labels")).to_be_visible()
            page.mouse.move(5, 5)
            page.screenshot(path=str(ARTIFACTS / f"legend-{day.isoformat()}-{width}x{height}.png"))
        # A window with no event: the legend says so rather than listing symbols that are not there.
        quiet = next(d for d in (date(2012, 2, 1) + timedelta(days=n) for n in range(3000))
                     if not window_mask(dataset.events, EventFilter(start=d, end=d)).any())  # fmt: skip
        show_day(page, quiet, quiet)
        expect(frame.locator(".cm-legend-row[data-mode='rich']:not([hidden])")).to_have_count(0)
    finally:
        context.close()


def test_the_legend_folds_away_from_a_popup_it_would_cover_and_opens_again(browser, app_url):
    context, page = open_map(browser, app_url, 1920, 1080)
    try:
        frame = page.frame_locator(MAP_FRAME)
        fold = frame.locator(".cm-legend details")
        frame.locator(".cm-legend-title").click()  # open the fold (it starts closed on a map under 700 px)
        expect(fold).to_have_attribute("open", "")
        # A popup opened right over the legend (bottom left), as a town's or an event's would be.
        frame.locator("body").evaluate(
            """() => { const box = document.querySelector(".cm-legend").getBoundingClientRect();
                       const inMap = map.getContainer().getBoundingClientRect();
                       const at = [box.left + box.width / 2 - inMap.left, box.top + box.height / 2 - inMap.top];
                       L.popup({autoPan: false}).setLatLng(map.containerPointToLatLng(at))
                        .setContent("over the legend").openOn(map); }"""
        )
        expect(frame.get_by_text("over the legend")).to_be_visible()
        expect(fold).not_to_have_attribute("open", "")
        frame.locator("body").evaluate("() => map.closePopup()")
        expect(fold).to_have_attribute("open", "")
        # A popup far from it leaves it open.
        frame.locator("body").evaluate(
            """() => L.popup({autoPan: false}).setLatLng(map.getCenter()).setContent("elsewhere").openOn(map)"""
        )
        expect(frame.get_by_text("elsewhere")).to_be_visible()
        expect(fold).to_have_attribute("open", "")
    finally:
        context.close()
