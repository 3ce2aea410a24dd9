"""The exported HTML map opens from disk with the network cut off, and shows the same events."""

from __future__ import annotations

from datetime import date

from data.view.filters import valid_at
from geo.documents.standalone import standalone_html
from geo.map.basemap import load_basemap
from tests.browser.app_utils import COUNT_EVENTS_JS
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
