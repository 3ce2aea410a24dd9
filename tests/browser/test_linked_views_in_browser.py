"""Map and table linked in a real browser: a marker click selects its row, a row click centres the map."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS

ROW_PX = 35  # st.dataframe's default row height (the header row too)
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
DRAWS = "n => window.__cmMap && window.__cmMap.shown && window.__cmMap.shown.events === n"


def map_ready(page, events: int):
    """The map's iframe as a ``Frame`` once its layer draws ``events`` events (read in the page)."""
    page.wait_for_function(
        "n => window.__cmMap && window.__cmMap.shown && window.__cmMap.shown.events === n", arg=events
    )
    return page.locator(MAP_FRAME).element_handle().content_frame()


def map_center(frame) -> tuple[float, float]:
    lat, lon = frame.evaluate("[window.map.getCenter().lat, window.map.getCenter().lng]")
    return lon, lat


def click_table_row(page, row: int) -> None:
    """Click the ``row``-th row of the event table (not the selected-event panel, also a grid)."""
    grid = page.locator('.st-key-table [data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The first column holds the row-selection boxes.
    page.mouse.click(box["x"] + 12, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)


def test_marker_click_selects_the_row_and_row_click_centres_the_map(app_url, page, dataset):
    page.goto(app_url)
    frame = map_ready(page, len(dataset.events))
    symbols = page.frame_locator(MAP_FRAME)
    frame.evaluate("window.__mountProbe = 'still here'")

    # A symbol nothing covers (another symbol, the legend, the page's header): click it, and the
    # event whose id it carries (data, not its popup's text) is selected.
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    box = page.locator(MAP_FRAME).bounding_box()
    header = page.locator('[data-testid="stHeader"]').bounding_box()
    top = (header["y"] + header["height"] - box["y"]) if header else 0
    chosen = frame.evaluate(
        """(top) => [...document.querySelectorAll('.cm-event[data-event-id]')].map((icon) => {
            const r = icon.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            return y > top + 4 && y < innerHeight - 4 && hit && icon.contains(hit) ? icon.dataset.eventId : null;
        }).find((id) => id)""",
        top,
    )
    assert chosen, "no event symbol stands clear at the default view"
    symbols.locator(f'.cm-event[data-event-id="{chosen}"]').click()
    expect(page.get_by_text(f"Selected: {chosen}")).to_be_visible(timeout=30_000)
    expect(symbols.locator(".cm-selected-symbol")).to_have_count(1)

    # The newest event (first row) is the Azawad statement, placed at country level: the map
    # centres on it (then pans a little so that its popup fits) at the region zoom.
    newest = dataset.events.sort_values("event_date", kind="stable").iloc[-1]
    before = map_center(frame)
    click_table_row(page, 0)
    expect(page.get_by_text(f"Selected: {newest['event_id_cnty']}")).to_be_visible(timeout=30_000)
    frame.wait_for_function(
        "([lat, lon]) => window.map.getZoom() === 6 && window.map.getBounds().contains([lat, lon])",
        arg=[newest["latitude"], newest["longitude"]],
    )
    assert map_center(frame) != before
    assert frame.evaluate("window.__mountProbe") == "still here"  # panned, never remounted

    # A range-dated event near Kidal (place within 25 km): its halo, highlight and open popup.
    near = dataset.events[(dataset.events["geo_precision"] == 2) & (dataset.events["time_precision"] == 2)].iloc[-1]
    position = list(dataset.events.sort_values("event_date", ascending=False, kind="stable")["event_id_cnty"])
    click_table_row(page, position.index(near["event_id_cnty"]))
    expect(page.get_by_text(f"Selected: {near['event_id_cnty']}")).to_be_visible(timeout=30_000)
    expect(symbols.locator(".leaflet-popup-content", has_text=near["event_id_cnty"])).to_be_visible(timeout=20_000)
    expect(symbols.locator("path.cm-halo").first).to_be_attached()
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "linked-map-selected.png"))
    page.locator('.st-key-table [data-testid="stDataFrame"]').scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "linked-table.png"))
    # Over Kidal region: rings (within 25 km) and approximate-date badges.
    frame.evaluate("window.map.closePopup(); window.map.setView([19.0, 0.9], 7)")
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    page.screenshot(path=str(ARTIFACTS / "linked-halos.png"))
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(1)  # the strip alone: a hidden tab's charts are built only once it opens
    page.get_by_role("tab", name="Charts").click()
    expect(charts).to_have_count(4, timeout=20_000)  # the strip and three charts
    charts.nth(1).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "linked-charts.png"))
    assert page.outside_requests == []
