"""The review flow end to end: paste → review → accept → on the map → still there after a restart."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from data.stores.events import open_store
from geo.map.halos import focus_zoom
from tests.browser.app_utils import (
    count_in_header,
    expect_header_count,
    expect_map_holds,
    expect_map_ready,
    expect_symbols,
    view_is,
)
from tests.browser.conftest import ARTIFACTS, running_app

ARTICLE = (
    "Jihadists attacked an army post in Boni on Sunday, killing at least 12 soldiers, "
    "the army said in a statement from Bamako.\n\n"
    "The army retook Léré on Tuesday after two days of fighting."
)


def open_review(page, url: str) -> None:
    page.goto(url)
    expect_map_ready(page)
    page.get_by_text("Add events from an article").click()


def paste_and_accept(page) -> int:
    area = page.get_by_label("Article text")
    area.fill(ARTICLE)
    area.press("Control+Enter")
    publisher = page.get_by_label("Publisher")
    publisher.fill("Test wire")
    publisher.press("Enter")
    expect(page.get_by_text("Reviewed by", exact=False).first).to_be_visible()  # the signed-in user, not a field
    expect(page.locator("mark", has_text="Boni").first).to_be_visible()  # the highlight, drawn as HTML (st.html)
    page.get_by_role("button", name="Add accepted events to the map").click()
    message = page.get_by_text(re.compile(r"Added \d+ event"))
    expect(message).to_be_visible(timeout=30_000)
    return int(re.search(r"Added (\d+) event", message.inner_text()).group(1))


def test_accepted_events_reach_the_map_and_survive_a_restart(page, tmp_path):
    env = {"CONFLICT_MAP_BASEMAP": "vector", "CONFLICT_MAP_STORE": str(tmp_path / "events.sqlite")}
    with running_app(env, "streamlit-review-1.log") as url:
        page.goto(url)
        frame = expect_map_ready(page)
        before, _ = count_in_header(page)
        expect_symbols(frame, before)
        open_review(page, url)
        added = paste_and_accept(page)
        assert added >= 1
        expect_header_count(page, before + added, before + added)
        # The map draws them in its window (it frames the accepted event, so not all are in view).
        expect_map_ready(page, before + added)
        # ... and flies to the first one accepted, at the zoom its place precision calls for.
        first = open_store(tmp_path / "events.sqlite").read().iloc[0]
        lon, lat, zoom = float(first["longitude"]), float(first["latitude"]), focus_zoom(int(first["geo_precision"]))
        expect_map_holds(page, view_is(lon, lat, zoom))
        page.screenshot(path=str(ARTIFACTS / "review-accepted.png"), full_page=True)
        # The drafts are still on screen and now match the events just stored: flagged, and one
        # button selects the stored event (the address bar's event= names it).
        expect(page.get_by_text("was added from this sentence before", exact=False).first).to_be_visible(timeout=30_000)
        page.get_by_role("button", name="Show on the map").first.click()
        expect(page).to_have_url(re.compile(r"[?&]event=CM-ART-"), timeout=30_000)
    with running_app(env, "streamlit-review-2.log") as url:
        page.goto(url)
        frame = expect_map_ready(page, before + added)
        expect_header_count(page, before + added, before + added)
        expect_symbols(frame, before + added)
    assert page.outside_requests == []
