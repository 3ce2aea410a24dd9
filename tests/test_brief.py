"""The brief's HTML (sections, sources, escaping) and the map document made for images."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from data.validation.validate import validate_events
from data.view.changes import what_changed
from data.view.filters import valid_at
from geo.documents.brief import BriefContent, brief_html, events_table
from geo.documents.render import IMAGE_SIZES, ImageSize
from geo.documents.standalone import IMAGE_CSS, ExportView, ScreenView, content_bounds, in_frame, standalone_html
from geo.map.basemap import load_basemap
from tests.conftest import PUBLISHED, event_row, raw_table

HOSTILE = "<script>alert('x')</script>"
PNG = b"\x89PNG\r\n\x1a\nfake"
PREPARED = datetime(2026, 4, 29, 18, 0, tzinfo=UTC)


def events(*rows: dict) -> pd.DataFrame:
    return validate_events(raw_table(*rows), "brief.csv").kept


def brief(frame: pd.DataFrame, since: date = date(2023, 11, 7), as_of: date = date(2023, 11, 30), **overrides) -> str:
    no_records = pd.DataFrame(columns=["town", "name", "status", "actor", "valid_from", "valid_to", "source"])
    no_records = no_records.astype({"valid_from": "datetime64[ns]", "valid_to": "datetime64[ns]"})
    changes = what_changed(frame, no_records, no_records, since, as_of)
    fields = {
        "title": "Conflict Map: northern Mali",
        "as_of_text": "30 Nov 2023",
        "sentence": f"Showing {len(frame)} of {len(frame)} events: 1 Jan 2012 – 30 Nov 2023",
        "events": frame,
        "changes": changes,
        "map_png": PNG,
        "prepared": PREPARED,
    }
    return brief_html(BriefContent(**{**fields, **overrides}))


TWO = events(
    event_row(event_id_cnty="A1", event_date="2023-11-14", fatalities="", source="Le Monde", notes="Army in Kidal."),
    event_row(event_id_cnty="A2", event_date="2023-10-02", fatalities="0", source="RFI", location="Anefis",
              geo_precision="2", time_precision="2", source_url="https://example.org/a2", notes="Clash near Anefis."),
)  # fmt: skip


def test_every_section_is_present():
    html = brief(TWO)
    for heading in (
        "<h1>Conflict Map: northern Mali</h1>",
        "<b>As of 30 Nov 2023</b>",
        "Showing 2 of 2 events: 1 Jan 2012 – 30 Nov 2023",
        "<h2>What changed since 7 Nov 2023</h2>",
        "<h3>New events (1)</h3>",
        "<h3>Control changes (0)</h3>",
        "<h3>Fatalities</h3>",
        "<h2>Events shown (2)</h2>",
        '<summary class="cm-legend-title">Legend</summary>',
        "prepared 29 Apr 2026 18:00 UTC",
    ):
        assert heading in html
    assert html.startswith("<!DOCTYPE html>")
    assert re.search(r'<img src="data:image/png;base64,iVBORw0KGgpmYWtl"', html)
    assert "<script" not in html  # a document to send: no script at all
    assert 'src="http' not in html  # nothing fetched
    assert 'href="/app' not in html


def test_events_are_listed_with_date_place_precision_actors_toll_and_source():
    table = events_table(TWO)
    rows = re.findall(r"<tr><td>.*?</tr>", table)
    assert len(rows) == 2
    assert "2 Oct 2023 (approximate)" in rows[0]  # sorted by date
    assert "Anefis, Kidal" in rows[0]
    assert "(near the town or part of a region)" in rows[0]
    assert ">0<" in rows[0]  # a reported zero stays 0 ...
    assert "not reported" in rows[1]  # ... and an unknown toll is not 0
    assert "Military Forces of Mali (FAMa) with Wagner Group vs CSP-PSD" in rows[1]
    assert "RFI" in rows[0]
    assert "Le Monde" in rows[1]
    assert '<a href="https://example.org/a2"' in rows[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [("notes", HOSTILE), ("location", HOSTILE), ("admin1", HOSTILE), ("actor1", HOSTILE), ("assoc_actor_2", HOSTILE),
     ("source", HOSTILE), ("source_title", HOSTILE), ("source_url", f'https://example.org/">{HOSTILE}')],
)  # fmt: skip
def test_text_from_data_is_escaped(field, value):
    html = brief(events(event_row(event_date="2023-11-20", **{field: value})))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_title_sentence_and_as_of_are_escaped_too():
    html = brief(TWO, title=HOSTILE, sentence=HOSTILE, as_of_text=HOSTILE)
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;") >= 4  # <title>, <h1>, as-of, sentence


def test_only_web_links_are_links():
    html = brief(events(event_row(source_url="javascript:alert(1)")))
    assert "javascript:" not in html


def test_what_changed_reports_tolls_of_both_periods():
    frame = events(
        event_row(event_id_cnty="N1", event_date="2023-11-20", fatalities="12"),
        event_row(event_id_cnty="N2", event_date="2023-11-21", fatalities=""),
        event_row(event_id_cnty="P1", event_date="2023-10-20", fatalities="5"),
    )
    html = brief(frame, since=date(2023, 11, 15), as_of=date(2023, 11, 30))
    assert "16 Nov 2023 – 30 Nov 2023 (15 days), compared with the 15 days before." in html
    assert "<td>This period</td><td>16 Nov 2023 – 30 Nov 2023 (15 days)</td><td>12</td><td>2</td><td>1</td>" in html
    assert "<td>Period before</td><td>1 Nov 2023 – 15 Nov 2023 (15 days)</td><td>0</td><td>0</td><td>0</td>" in html


def test_a_missing_map_image_is_said_not_hidden():
    html = brief(TWO, map_png=None)
    assert "The map image could not be made." in html
    assert "<img" not in html


def test_control_changes_name_place_day_and_source(dataset):
    changes = what_changed(dataset.events, dataset.territories, dataset.towns, date(2026, 4, 22), PUBLISHED)
    content = BriefContent("T", "29 Apr 2026", "S", dataset.events, changes, PNG, PREPARED)
    text = brief_html(content)
    assert "<b>28 Apr 2026, Kidal</b>: controlled by FAMa and Africa Corps → controlled by FLA" in text
    for source in dataset.events["source"].unique():
        assert html.escape(source, quote=True) in text  # the record's sources include apostrophes


@pytest.mark.parametrize(
    ("size", "pixels"),
    [(IMAGE_SIZES[0], (1280, 720)), (IMAGE_SIZES[1], (1920, 1080)), (IMAGE_SIZES[2], (2246, 1588)),
     (ImageSize("odd", 801, 601, 1.5), (1202, 902))],
)  # fmt: skip
def test_image_sizes_in_pixels(size, pixels):
    assert size.pixels == pixels


def test_content_bounds_cover_events_towns_and_territory(dataset):
    territories, towns = valid_at(dataset.territories, PUBLISHED), valid_at(dataset.towns, PUBLISHED)
    lons = [*dataset.events["longitude"], *towns["longitude"]]
    lats = [*dataset.events["latitude"], *towns["latitude"]]
    t_west, t_south, t_east, t_north = territories.geometry.total_bounds
    assert content_bounds(dataset.events, territories, towns) == pytest.approx(
        (min(*lons, t_west), min(*lats, t_south), max(*lons, t_east), max(*lats, t_north))
    )
    assert content_bounds(dataset.events, territories.iloc[:0], towns.iloc[:0]) == pytest.approx(
        (min(dataset.events["longitude"]), min(dataset.events["latitude"]),
         max(dataset.events["longitude"]), max(dataset.events["latitude"]))
    )  # fmt: skip
    assert content_bounds(dataset.events.iloc[:0], territories.iloc[:0], towns.iloc[:0]) is None


def test_map_for_an_image_fills_the_window_and_drops_the_zoom_buttons(dataset):
    none = dataset.towns.iloc[:0]
    args = (dataset.events.iloc[:3], dataset.territories.iloc[:0], none, load_basemap(), ("T", "A", "S"))
    for_image, for_file = standalone_html(*args, for_image=True), standalone_html(*args)
    assert IMAGE_CSS in for_image
    assert IMAGE_CSS not in for_file
    assert "height: 100.0%;" in for_file
    assert ".fitBounds(" in for_file


MAP_FIT = re.compile(r"map_[0-9a-f]+\.fitBounds\(\s*(\[\[.*?\]\]),")


def initial_view(html: str) -> tuple[list[float], int]:
    """The map's ``center: [lat, lon]`` and ``"zoom"`` as folium writes them into ``L.map(...)``."""
    center = re.search(r"center: (\[[^\]]*\])", html)[1]
    return json.loads(center), int(re.search(r'"zoom": (\d+)', html)[1])


@pytest.mark.parametrize(
    ("center", "zoom"), [((1.40921, 18.44346), 8), ((-3.99, 16.77), 6), ((-7.98, 12.65), 11)]
)  # fmt: skip
def test_map_as_on_screen_carries_its_centre_and_zoom_and_is_not_fitted(dataset, center, zoom):
    args = (dataset.events, dataset.territories.iloc[:0], dataset.towns.iloc[:0], load_basemap(), ("T", "A", "S"))
    html = standalone_html(*args, screen=ScreenView(center, zoom))
    assert initial_view(html) == ([center[1], center[0]], zoom)  # folium's [lat, lon]
    assert MAP_FIT.search(html) is None


def test_map_without_a_screen_view_is_fitted_on_what_it_shows(dataset):
    events = dataset.events
    args = (events, dataset.territories.iloc[:0], dataset.towns.iloc[:0], load_basemap(), ("T", "A", "S"))
    fitted = json.loads(MAP_FIT.search(standalone_html(*args))[1])
    west, south, east, north = content_bounds(*args[:3])
    assert fitted == [[south, west], [north, east]]
    assert (south, west, north, east) == (min(events["latitude"]), min(events["longitude"]),
                                          max(events["latitude"]), max(events["longitude"]))  # fmt: skip


@pytest.mark.parametrize(
    ("lon", "lat", "inside"),
    [
        (0.0, 0.0, True),  # the centre
        (40.0, 0.0, True),  # 28.4 px right of the centre at zoom 0 (256 px for 360°): within 50 - 20
        (-50.0, 0.0, False),  # 35.6 px left: inside the 100 px frame, but in its 20 px margin
        (0.0, 40.0, False),  # 31 px up in Web Mercator: past the 30 px limit
        (0.0, 35.0, True),  # 26.6 px up
    ],
)
def test_in_frame_follows_web_mercator(lon, lat, inside):
    one = pd.DataFrame({"longitude": [lon], "latitude": [lat]})
    assert in_frame(one, ScreenView((0.0, 0.0), 0), 100, 100).tolist() == [inside]


def test_a_picture_as_on_screen_waits_for_the_events_in_its_frame_only(dataset):
    args = (dataset.events, dataset.territories.iloc[:0], dataset.towns.iloc[:0], load_basemap(), ("T", "A", "S"))
    view = ExportView(*args, PUBLISHED, (dataset.events, dataset.territories, dataset.towns))
    assert view.symbols_drawn(1280, 720) == len(dataset.events)
    kidal = replace(view, screen=ScreenView((1.40921, 18.44346), 8))
    places = set(dataset.events.loc[in_frame(dataset.events, kidal.screen, 1280, 720), "location"])
    assert 0 < kidal.symbols_drawn(1280, 720) < len(dataset.events)
    assert "Kidal" in places
    assert "Bamako" not in places
