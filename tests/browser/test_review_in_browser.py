"""The review flow end to end: paste → review → accept → on the map → still there after a restart."""

from __future__ import annotations

import re

from tests.browser.conftest import ARTIFACTS, running_app
from tests.browser.test_map_in_browser import count_in_header, map_frame, wait_for_count

ARTICLE = (
    "Jihadists attacked an army post in Boni on Sunday, killing at least 12 soldiers, "
    "the army said in a statement from Bamako.\n\n"
    "The army retook Léré on Tuesday after two days of fighting."
)


def open_review(page, url: str) -> None:
    page.goto(url)
    map_frame(page)
    page.get_by_text("Add events from an article").click()


def paste_and_accept(page) -> int:
    area = page.get_by_label("Article text")
    area.fill(ARTICLE)
    area.press("Control+Enter")
    publisher = page.get_by_label("Publisher")
    publisher.fill("Test wire")
    publisher.press("Enter")
    page.get_by_text("Reviewed by", exact=False).first.wait_for()  # the signed-in user, not a text field
    page.locator("mark", has_text="Boni").first.wait_for()  # the highlight, drawn as HTML (st.html)
    page.get_by_role("button", name="Add accepted events to the map").click()
    message = page.get_by_text(re.compile(r"Added \d+ event")).inner_text(timeout=30_000)
    return int(re.search(r"Added (\d+) event", message).group(1))


def test_accepted_events_reach_the_map_and_survive_a_restart(page, tmp_path):
    env = {"CONFLICT_MAP_BASEMAP": "vector", "CONFLICT_MAP_STORE": str(tmp_path / "events.sqlite")}
    with running_app(env, "streamlit-review-1.log") as url:
        page.goto(url)
        frame = map_frame(page)
        before, _ = count_in_header(page)
        wait_for_count(frame, before)
        open_review(page, url)
        added = paste_and_accept(page)
        assert added >= 1
        page.wait_for_function(f"() => document.body.innerText.includes('of {before + added} events')", timeout=30_000)
        assert count_in_header(page) == (before + added, before + added)
        wait_for_count(map_frame(page), before + added)
        page.screenshot(path=str(ARTIFACTS / "review-accepted.png"), full_page=True)
        # The drafts are still on screen and now match the events just stored: flagged, and one
        # button selects the stored event (the address bar's event= names it).
        page.get_by_text("was added from this sentence before", exact=False).first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Show on the map").first.click()
        page.wait_for_url(re.compile(r"[?&]event=CM-ART-"), timeout=30_000)
    with running_app(env, "streamlit-review-2.log") as url:
        page.goto(url)
        frame = map_frame(page)
        assert count_in_header(page) == (before + added, before + added)
        wait_for_count(frame, before + added)
    assert page.outside_requests == []
