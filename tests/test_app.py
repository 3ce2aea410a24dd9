"""The page under AppTest: it runs, the timeline changes what is in view, the map never remounts."""

from __future__ import annotations

import json
from datetime import date
from typing import ClassVar

from streamlit.testing.v1 import AppTest

from data.view.filters import EventFilter, apply_filter, describe
from tests.conftest import PUBLISHED
from tests.page import header_text, map_args, map_element, map_event_count, map_shown, set_window, window


def test_page_runs_and_counts_every_event(app, dataset):
    first = dataset.events["event_date"].min().date()
    sentence = describe(EventFilter(first, PUBLISHED), len(dataset.events), len(dataset.events))
    assert header_text(app) == f"**As of 29 Apr 2026** · {sentence}"
    assert app.title[0].value == "Conflict Map: northern Mali"


def test_moving_the_window_changes_the_count_without_remounting_the_map(app, dataset):
    before = map_element(app)
    before_args = json.loads(before.json_args)
    window = (dataset.events["event_date"].min().date(), date(2013, 12, 31))
    set_window(app, *window)
    assert not app.exception
    expected = len(apply_filter(dataset.events, EventFilter(*window)))
    assert 0 < expected < len(dataset.events)
    assert f"Showing {expected} of {len(dataset.events)} events" in header_text(app)
    assert "As of 31 Dec 2013" in header_text(app)
    after = map_element(app)
    after_args = json.loads(after.json_args)
    # Same component identity and base script: the iframe stays; only the overlays changed.
    assert after.id == before.id
    assert after_args["script"] == before_args["script"]
    assert after_args["feature_group"] == before_args["feature_group"]  # the window is not in the overlays
    assert map_event_count(app) == expected


def test_as_of_can_be_set_apart_from_the_window(app):
    set_window(app, *window(app), as_of=date(2013, 1, 1))
    assert not app.exception
    assert header_text(app).startswith("**As of 1 Jan 2013**")
    assert "territory as of 1 Jan 2013" in header_text(app)
    # In January 2013 the Islamist-held north and the MNLA's claim are drawn, not the FLA's.
    territory = " ".join(fields[0] for fields in map_shown(app)["territories"])
    assert "Northern Mali (Islamist-held)" in territory
    assert "Azawad (MNLA declaration)" in territory
    assert "Azawad (FLA claim)" not in territory


def test_publication_date_moves_the_article_events(app):
    app.date_input(key="published").set_value(date(2026, 5, 6)).run()
    assert not app.exception
    assert header_text(app).startswith("**As of 6 May 2026**")
    assert any("2 May 2026 – 3 May 2026" in fields[1] for fields in map_shown(app)["events"])


def test_map_asks_for_the_clicked_object_and_its_view(app):
    # The clicked object starts as None, so mounting sends nothing for it; the view is for the link.
    args = map_args(app)
    # A symbol names its event by id through the time bar, so no clicked object or popup text is asked for.
    assert args["returned_objects"] == ["last_clicked", "center", "zoom"]
    assert all(url.startswith("/app/static/") for url in args["js_links"] + args["css_links"])


def map_downloads(at: AppTest) -> list:
    return [button for button in at.get("download_button") if button.key == "export.download"]


def test_export_is_prepared_on_request(app, dataset):
    assert "export.prepare" not in [button.key for button in app.button]  # closed: nothing built
    app.session_state["export.open"] = True  # what a click on the panel's label sets
    app.run()
    assert not map_downloads(app)
    app.button(key="export.prepare").click().run()
    assert not app.exception
    assert len(map_downloads(app)) == 1
    # A new view makes the prepared file stale: the download button waits for a new request.
    set_window(app, dataset.events["event_date"].min().date(), date(2014, 1, 1))
    assert not map_downloads(app)


class FakeRenderer:
    """Stands in for headless Chromium: keeps the map documents it was asked to draw."""

    drawn: ClassVar[list[str]] = []

    def png(self, html, size, events):
        self.drawn.append(html)
        return b"\x89PNG fake"

    def pdf(self, html, footer=""):
        return b"%PDF-1.4 fake"


def test_the_view_the_map_reports_reaches_the_png(app, monkeypatch):
    monkeypatch.setattr("components.export.ChromiumRenderer", FakeRenderer)
    monkeypatch.setattr(FakeRenderer, "drawn", [])
    app.session_state["export.open"] = True
    app.session_state["map.view"] = ((-0.6, 17.3), 6)  # the browser's first report: the unmoved base view
    app.run()
    assert "export.frame" not in [radio.key for radio in app.radio]  # not moved: the exports fit everything
    app.session_state["map.view"] = ((1.40921, 18.44346), 8)  # panned and zoomed to Kidal
    app.run()
    assert app.radio(key="export.frame").value == "As on screen"
    app.button(key="export.render_png").click().run()
    assert not app.exception
    assert "center: [18.44346, 1.40921]" in FakeRenderer.drawn[-1]
    assert '"zoom": 8,' in FakeRenderer.drawn[-1]
    png_downloads = [b for b in app.get("download_button") if b.key == "export.download_png"]
    assert len(png_downloads) == 1
    app.session_state["map.view"] = ((0.04, 16.27), 7)  # moved on to Gao: the picture is stale
    app.run()
    assert not [b for b in app.get("download_button") if b.key == "export.download_png"]


def test_sidebar_filters_narrow_the_map_and_the_sentence(app, dataset):
    app.multiselect(key="filters.types").set_value(["Strategic developments"]).run()
    assert not app.exception
    expected = int((dataset.events["event_type"] == "Strategic developments").sum())
    assert 0 < expected < len(dataset.events)
    assert f"Showing {expected} of {len(dataset.events)} events: Strategic developments," in header_text(app)
    assert map_event_count(app) == expected


def test_an_attribute_filter_changes_the_overlays_not_the_base_map(app):
    # streamlit-folium keys its iframe on the base map's script: a filter must not remount the map.
    from components.filters_sidebar import SESSION_KEYS

    before, element = map_args(app), map_element(app)
    app.toggle(key=f"filters.{SESSION_KEYS['precise_only']}").set_value(True).run()
    after = map_args(app)
    assert not app.exception
    assert after["script"] == before["script"]
    assert map_element(app).id == element.id
    assert after["feature_group"] != before["feature_group"]  # the layer's new file travels with the overlays
