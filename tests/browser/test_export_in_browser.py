"""The exported HTML map opens from disk with the network cut off, and shows the same events and labels."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from data.view.changes import KEY_TOWNS
from data.view.filters import valid_at
from geo.documents.standalone import ExportView, standalone_html
from geo.map.basemap import load_basemap
from tests.browser.app_utils import COUNT_EVENTS_JS, HOLDER_LABELS, label_boxes, touching_labels
from tests.browser.conftest import ARTIFACTS
from tests.conftest import PUBLISHED


def test_exported_map_opens_offline_from_a_file(browser, dataset, tmp_path):
    stamp = ("Conflict Map: northern Mali", "29 Apr 2026", f"Showing {len(dataset.events)} events")
    html = standalone_html(
        dataset.events,
        valid_at(dataset.territories, PUBLISHED),
        valid_at(dataset.towns, PUBLISHED),
        load_basemap(),
        stamp,
    )
    path = tmp_path / f"conflict-map-{date.today():%Y%m%d}.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requests = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_function(f"() => ({COUNT_EVENTS_JS})() === {len(dataset.events)}", timeout=30_000)
    assert page.evaluate("L.version") == "1.9.3"
    assert page.locator(".cm-stamp").inner_text().startswith("Conflict Map: northern Mali")
    assert page.locator("path.leaflet-interactive").count() > 0  # territory drawn
    page.screenshot(path=str(ARTIFACTS / "export-offline.png"))
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_exported_map_file_labels_who_holds_each_key_town(browser, dataset, tmp_path, width, height):
    stamp = ("Conflict Map: northern Mali", "29 Apr 2026", f"Showing {len(dataset.events)} events")
    towns, history = valid_at(dataset.towns, PUBLISHED), (dataset.events, dataset.territories, dataset.towns)
    view = ExportView(dataset.events, valid_at(dataset.territories, PUBLISHED), towns, load_basemap(), stamp,
                      PUBLISHED, history)  # fmt: skip
    path = tmp_path / "conflict-map.html"
    path.write_text(view.map_html(), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(path.as_uri())
        kidal = page.locator(f"{HOLDER_LABELS}[data-town='Kidal']")
        expect(kidal).to_have_text("Kidal · FLA since 28 Apr 2026")
        expect(page.locator(HOLDER_LABELS)).to_have_count(len(KEY_TOWNS))
        for town in KEY_TOWNS:  # each whole on the map, above what is drawn there
            expect(page.locator(f"{HOLDER_LABELS}[data-town='{town}']")).to_be_in_viewport(ratio=1)
        expect(page.locator(".cm-label[data-place='Kidal']")).to_be_hidden()  # the town is named once
        assert touching_labels(label_boxes(page)) == []
        page.screenshot(path=str(ARTIFACTS / f"export-labels-{width}x{height}.png"))
        # The file can still be zoomed: the labels are placed again, still apart.
        scale = page.locator(".leaflet-control-scale-line").first
        before = scale.inner_text()
        page.locator(".leaflet-control-zoom-in").click()
        expect(scale).not_to_have_text(before)  # the zoom has ended (the labels are placed on the same moveend)
        expect(kidal).to_have_text("Kidal · FLA since 28 Apr 2026")
        assert touching_labels(label_boxes(page)) == []
    finally:
        context.close()


def test_a_holder_named_like_a_template_reads_as_written_on_the_exported_label(browser, dataset):
    kidal = valid_at(dataset.towns, PUBLISHED).query("town == 'Kidal'").assign(actor="{{7*7}}<b>x</b>")
    layers = (dataset.events.iloc[:3], dataset.territories.iloc[:0], kidal, load_basemap(), ("T", "A", "S"))
    html = standalone_html(*layers)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.set_content(html, wait_until="load")
        label = page.locator(f"{HOLDER_LABELS}[data-town='Kidal']")
        expect(label).to_have_text("Kidal · {{7*7}}<b>x</b> since 28 Apr 2026")
        expect(label.locator("b")).to_have_text("Kidal")  # the name's own bold, no tag from the data
    finally:
        context.close()
