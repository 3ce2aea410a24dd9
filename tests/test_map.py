"""The map, tested on its HTML: markers, escaping, local assets, legend, territory styles."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date

import pytest

from data.validation.validate import validate_events
from data.view.filters import valid_at
from geo.map.assets import local_assets, map_assets
from geo.map.basemap import load_basemap
from geo.map.build import MapOptions, build_base_map, build_map, territory_layer
from geo.map.popups import date_label, fatalities_label, html_text
from tests.conftest import event_row, raw_table

LOCAL = local_assets()


def render(fmap) -> str:
    return fmap.get_root().render()


@pytest.fixture(scope="module")
def basemap():
    return load_basemap()


@pytest.fixture(scope="module")
def full_html(dataset, basemap):
    as_of = date(2026, 4, 29)
    fmap = build_map(
        dataset.events,
        valid_at(dataset.territories, as_of),
        valid_at(dataset.towns, as_of),
        basemap,
        MapOptions(),
        LOCAL,
    )
    return render(fmap)


def test_one_marker_per_event(dataset, full_html):
    assert full_html.count('"cm-event"') == len(dataset.events)


def test_no_asset_comes_from_a_cdn(full_html):
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', full_html)
    assert sources, "the page should load Leaflet"
    assert all(url.startswith("/app/static/vendor/") for url in sources), sources
    assert "tile.openstreetmap.org" not in full_html  # vector mode draws no tiles


def test_tiles_mode_adds_openstreetmap(basemap):
    html = render(build_base_map(basemap, MapOptions(basemap="tiles"), LOCAL))
    assert "tile.openstreetmap.org" in html
    assert "OpenStreetMap" in html


def test_legend_and_attribution_are_drawn(full_html):
    assert "cm-legend" in full_html
    for label in (
        "Battles",
        "Strategic developments",
        "claimed territory",
        "controlled territory",
        "place approximate",
    ):
        assert label in full_html
    assert "GeoNames" in full_html
    assert "Natural Earth" in full_html


def test_claims_are_dashed_and_control_is_solid(dataset, basemap):
    as_of = date(2012, 5, 1)  # MNLA claim and rebel control both hold
    territories = valid_at(dataset.territories, as_of)
    assert set(territories["status"]) == {"claimed", "controlled"}
    (shapes,) = territory_layer(territories)._children.values()
    statuses = territories["status"].tolist()
    styles = [style for _geometry, style, _tip in json.loads(shapes.shapes_json)]
    for status, style in zip(statuses, styles, strict=True):
        dashed, fill = (True, 0.08) if status == "claimed" else (False, 0.35)
        assert (style.get("dashArray") == "8 6", style["fillOpacity"]) == (dashed, fill)


def test_labels_name_the_article_places(basemap):
    children = build_base_map(basemap, MapOptions(), LOCAL)._children.values()
    labels = next(child for child in children if child._name == "PlaceLabels")
    names = [name for name, _lat, _lon, _raw in labels.labels]
    for town in ("Kidal", "Bamako", "Gao", "Timbuktu"):
        assert names.count(town) == 1
    kidal = labels.labels[names.index("Kidal")]
    assert kidal[1:3] == pytest.approx([18.44, 1.41], abs=0.05)  # (lat, lon), Leaflet's order


def test_label_names_are_escaped(basemap):
    hostile = dataclasses.replace(basemap, labels=(("<b>Kidal</b>", 1.4, 18.4),))
    html = build_base_map(hostile, MapOptions(), LOCAL).get_root().render()
    assert "<b>Kidal" not in html
    assert "&lt;b&gt;Kidal" in html.replace("\\u0026", "&")


HOSTILE = "<script>alert('x')</script> `${document.cookie}` \\u0041"


def test_text_from_data_is_escaped_in_popups_and_tooltips(basemap):
    raw = raw_table(event_row(notes=HOSTILE, actor1=HOSTILE, location="Kidal<b>", source=HOSTILE))
    events = validate_events(raw, "hostile.csv").kept
    html = render(build_map(events, events.iloc[:0], events.iloc[:0], basemap, MapOptions(), LOCAL))
    # Symbols travel as JSON strings (<, >, & and ' as \u escapes): read them as the browser will.
    for escape, character in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'")):
        html = html.replace(escape, character)
    assert "<script>alert" not in html
    assert "${document.cookie}" not in html
    assert "Kidal<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&#96;&#36;{document.cookie}&#96;" in html


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a<b", "a&lt;b"), ("`x`", "&#96;x&#96;"), ("$1", "&#36;1"), ("a\\b", "a&#92;b"), (None, ""), (float("nan"), "")],
)
def test_html_text(value, expected):
    assert html_text(value) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "label"),
    [
        (date(2023, 11, 14), date(2023, 11, 14), 1, "14 Nov 2023"),
        (date(2026, 4, 28), date(2026, 4, 28), 2, "28 Apr 2026 (approximate)"),
        (date(2026, 4, 25), date(2026, 4, 26), 2, "25 Apr 2026 – 26 Apr 2026 (between these days)"),
        (date(2023, 10, 1), date(2023, 10, 31), 3, "Oct 2023 (month; exact day unknown)"),
        (date(2012, 1, 1), date(2012, 12, 31), 3, "2012 (year; exact day unknown)"),
    ],
)
def test_date_label_shows_precision(start, end, precision, label):
    assert date_label(start, end, precision) == label


def test_unknown_fatalities_are_not_zero():
    assert fatalities_label(None) == "not reported"
    assert fatalities_label(0) == "0"
    assert fatalities_label(1200) == "1,200"


def test_popup_shows_date_place_actors_fatalities_source(dataset, full_html):
    assert "Africa Corps" in full_html
    assert "not reported" in full_html  # fatalities of the weekend offensive
    assert "place not reported" in full_html
    assert "25 Apr 2026 – 26 Apr 2026 (between these days)" in full_html


def test_basemap_is_fetched_from_the_app_not_embedded(basemap):
    html = render(build_base_map(basemap, MapOptions(), LOCAL))
    for name in ("countries", "admin1", "rivers", "lakes"):
        assert f'fetch("/app/static/basemap/{name}.geojson")' in html
    assert len(html) < 60_000  # the 250 KB of borders and rivers stay out of the map's script


def test_basemap_is_inlined_when_not_served(basemap):
    html = render(build_base_map(basemap, MapOptions(), local_assets(basemap_served=False)))
    assert "fetch(" not in html
    assert html.count("L.geoJSON({") == 4
    assert len(html) > 200_000


def test_assets_fall_back_to_cdn_when_not_vendored(tmp_path):
    assets = map_assets(tmp_path)
    assert not assets.local
    assert assets.js[0][1].startswith("https://")
    assert assets.basemap_url is None


def test_every_territory_colour_is_named_in_the_legend(dataset):
    # A colour on the map that the legend does not name would let a viewer misread who held what.
    from geo.map.legend import legend_html
    from geo.map.style import actor_colour

    legend = legend_html()
    for actor in set(dataset.territories["actor"]) | set(dataset.towns["actor"]):
        assert f"background:{actor_colour(actor)}" in legend, actor


def test_the_static_legend_shows_a_symbol_per_event_type():
    # Exports draw one symbol per event: their legend shows the symbols (the dots are the live map's).
    from geo.map.legend import legend_html

    assert "place approximate" in legend_html()
    assert "one dot per event" not in legend_html()
    assert "one dot per event" in legend_html(live=True)  # the live map turns to dots past its limit
