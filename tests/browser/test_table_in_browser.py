"""The event table in a real browser: a click on any cell of a row selects that row's event."""

from __future__ import annotations

import re

from playwright.sync_api import expect

ROW_PX = 35  # st.dataframe's default row height (the header row too)


def test_a_click_in_the_middle_of_a_row_selects_its_event(app_url, page, dataset):
    page.goto(app_url)
    expect(page.get_by_text(re.compile(r"Showing [\d,]+ of [\d,]+ events"))).to_be_visible(timeout=60_000)
    grid = page.locator('.st-key-table [data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    expect(grid).to_be_visible(timeout=60_000)
    box = grid.bounding_box()
    assert box is not None
    # The table is newest first; the second row, clicked at the middle of the table's width (a
    # text cell, far from the selection boxes of the first column).
    newest = dataset.events.sort_values("event_date", ascending=False, kind="stable")
    wanted = newest.iloc[1]["event_id_cnty"]
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + ROW_PX * 2 + ROW_PX / 2)
    expect(page.get_by_text(f"Selected: {wanted}").first).to_be_visible(timeout=30_000)
