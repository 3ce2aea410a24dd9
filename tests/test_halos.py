"""Uncertainty drawn: halo sizes by place precision, region outlines, date badges, the selected event."""

from __future__ import annotations

import folium
import pytest

from data.validation.validate import validate_events
from geo.map.basemap import load_basemap
from geo.map.halos import (
    FALLBACK_REGION_KM,
    focus_view,
    focus_zoom,
    halo_layer,
    halo_radius_km,
    region_lookup,
    region_outline,
)
from geo.map.highlight import selected_layer
from geo.map.legend import legend_html
from geo.map.popups import event_popup_html
from geo.map.style import DATE_BADGE, event_symbol_svg
from tests.conftest import event_row, raw_table


@pytest.fixture(scope="module")
def basemap():
    return load_basemap()


def events(*rows: dict):
    result = validate_events(raw_table(*rows), "t.csv")
    assert not result.rejected, result.rejected
    return result.kept


def rendered(group: folium.FeatureGroup) -> str:
    fmap = folium.Map(tiles=None)
    group.add_to(fmap)
    # Symbols travel as JSON strings (& as a \u escape): read them as the browser will.
    return fmap.get_root().render().replace("\\u0026", "&")


@pytest.mark.parametrize(("precision", "radius"), [(1, None), (2, 25.0), (3, None), ("2", 25.0)])
def test_halo_radius_by_place_precision(precision, radius):
    assert halo_radius_km(precision) == radius


@pytest.mark.parametrize(("precision", "zoom"), [(1, 9), (2, 8), (3, 6), (7, 6)])
def test_focus_zoom_is_closer_for_exact_places(precision, zoom):
    assert focus_zoom(precision) == zoom


@pytest.mark.parametrize(
    ("admin1", "country", "label"),
    [
        ("Kidal", "Mali", "Kidal region"),
        ("Tombouctou", "Mali", "Tombouctou region"),  # the French name of Timbuktu region
        ("timbuktu", "Mali", "timbuktu region"),  # case-folded
        ("", "Mali", "Mali"),  # region unknown: the country
        ("Nowhere", "Niger", "Niger"),
        ("", "Atlantis", None),
    ],
)
def test_region_outline_falls_back_from_region_to_country(basemap, admin1, country, label):
    found = region_outline({"admin1": admin1, "country": country}, region_lookup(basemap))
    assert (found[0] if found else None) == label
    if found:
        assert found[1].geom_type in {"Polygon", "MultiPolygon"}


def test_focus_view_centres_in_folium_order():
    assert focus_view({"longitude": 1.4, "latitude": 18.4, "geo_precision": 2}) == ([18.4, 1.4], 8)
    assert focus_view(None) is None


def test_focus_view_keeps_a_zoom_it_is_given():
    # A click on the map centres its event where the reader looks: no zoom jump.
    assert focus_view({"longitude": 1.4, "latitude": 18.4, "geo_precision": 1}, zoom=6) == ([18.4, 1.4], 6)


def test_halo_layer_draws_rings_and_one_outline_per_area(basemap):
    frame = events(
        event_row(event_id_cnty="exact", geo_precision="1"),
        event_row(event_id_cnty="near", geo_precision="2"),
        event_row(event_id_cnty="kidal1", geo_precision="3", location="Kidal region"),
        event_row(event_id_cnty="kidal2", geo_precision="3", location="Kidal region"),
        event_row(event_id_cnty="lost", geo_precision="3", admin1="", country="Atlantis", location="Somewhere"),
    )
    html = rendered(halo_layer(frame, basemap))
    assert html.count("L.circle(") == 2  # "near" (25 km) and "lost" (no outline known: a wide ring)
    assert '"radius": 25000.0' in html
    assert f'"radius": {FALLBACK_REGION_KM * 1000}' in html
    assert html.count('"area": "Kidal region"') == 1  # two events, one outline
    assert html.count("cm-halo") == 2
    assert '"interactive": false' in html


def test_selected_layer_rings_the_event_and_opens_its_popup(basemap):
    assert "L.marker" not in rendered(selected_layer(None, basemap))
    record = events(event_row(event_id_cnty="X-1", geo_precision="2", time_precision="2")).iloc[0].to_dict()
    # Validation refuses such an id; the popup escapes one all the same (a row from an older store).
    record["event_id_cnty"] = "X<1>"
    html = rendered(selected_layer(record, basemap))
    assert "cm-selected" in html
    assert "openPopup()" in html
    assert "Event id: X&lt;1&gt;" in html
    assert "X<1>" not in html
    assert '"radius": 25000.0' in html  # its own halo travels with it (the canvas layer has none)


@pytest.mark.parametrize(
    ("geo", "time", "ring", "badge"), [("1", "1", False, False), ("2", "1", True, False), ("1", "2", False, True)]
)
def test_event_symbol_marks_approximate_place_and_date(geo, time, ring, badge):
    record = events(event_row(geo_precision=geo, time_precision=time)).iloc[0].to_dict()
    svg = event_symbol_svg(record)
    assert ('stroke-dasharray="2.5 2"' in svg) is ring
    assert (DATE_BADGE in svg) is badge


def test_popup_marks_an_approximate_date():
    record = events(event_row(time_precision="2", event_date="2026-04-25", date_end="2026-04-26")).iloc[0].to_dict()
    assert "≈</span> 25 Apr 2026 – 26 Apr 2026" in event_popup_html(record)
    exact = events(event_row()).iloc[0].to_dict()
    assert "≈" not in event_popup_html(exact)


def test_legend_explains_halos_and_date_badge():
    html = legend_html()
    assert "within 25 km" in html
    assert "region" in html
    assert "date approximate" in html
