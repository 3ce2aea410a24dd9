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
from geo.documents.brief import A4_TEXT_WIDTH_MM, BRIEF_MAP, MAX_FIELD_CHARS, BriefContent, brief_html, page_footer
from geo.documents.brief_text import named_sources
from geo.documents.render import IMAGE_SIZES, ImageSize
from geo.documents.standalone import IMAGE_CSS, ExportView, ScreenView, content_bounds, in_frame, standalone_html
from geo.map.basemap import load_basemap
from geo.map.build import MAP_CSS
from geo.map.labels import LABEL_CSS
from tests.conftest import PUBLISHED, event_row, raw_table

HOSTILE = "<script>alert('x')</script>"
PNG = b"\x89PNG\r\n\x1a\nfake"
PREPARED = datetime(2026, 4, 29, 18, 0, tzinfo=UTC)


def events(*rows: dict) -> pd.DataFrame:
    return validate_events(raw_table(*rows), "brief.csv").kept


NO_RECORDS = pd.DataFrame(columns=["town", "name", "status", "actor", "valid_from", "valid_to", "source"]).astype(
    {"valid_from": "datetime64[ns]", "valid_to": "datetime64[ns]"}
)


def brief(frame: pd.DataFrame, since: date = date(2023, 11, 7), as_of: date = date(2023, 11, 30), **overrides) -> str:
    changes = what_changed(frame, NO_RECORDS, NO_RECORDS, since, as_of)
    fields = {
        "title": "Conflict Map: northern Mali",
        "as_of_text": "30 Nov 2023",
        "sentence": f"Showing {len(frame)} of {len(frame)} events: 1 Jan 2012 – 30 Nov 2023",
        "events": frame,
        "towns": NO_RECORDS,
        "changes": changes,
        "map_png": PNG,
        "prepared": PREPARED,
    }
    return brief_html(BriefContent(**{**fields, **overrides}))


def event_rows(text: str) -> list[str]:
    text = re.search(r'<table class="cm-events">.*?</table>', text, flags=re.S).group(0)
    return re.findall(r"<tr(?: class=\"cm-is-new\")?>\s*<td>.*?</tr>", text, flags=re.S)


TWO = events(
    event_row(event_id_cnty="A1", event_date="2023-11-14", fatalities="", source="Le Monde", notes="Army in Kidal."),
    event_row(event_id_cnty="A2", event_date="2023-10-02", fatalities="0", source="RFI", location="Anefis",
              geo_precision="2", time_precision="2", source_url="https://example.org/a2", notes="Clash near Anefis."),
)  # fmt: skip


def test_every_section_is_present_in_order():
    text = brief(TWO)
    sections = (
        "<h1>Conflict Map: northern Mali</h1>",
        "<b>As of 30 Nov 2023</b>",
        "Showing 2 of 2 events: 1 Jan 2012 – 30 Nov 2023",
        "<b>What changed</b>",
        "<b>Who holds the key towns</b>",
        "<b>Reported deaths</b>",
        "<img src=",
        "<h2>Changes of control since 7 Nov 2023</h2>",
        "<h2>Reported deaths against the period before</h2>",
        "<h2>Events shown (2)</h2>",
    )
    positions = [text.find(section) for section in sections]
    assert -1 not in positions, [s for s, p in zip(sections, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert "prepared 29 Apr 2026 18:00 UTC" in text
    assert text.startswith("<!DOCTYPE html>")
    assert re.search(r'<img src="data:image/png;base64,iVBORw0KGgpmYWtl"', text)
    assert "<script" not in text  # a document to send: no script at all
    assert 'src="http' not in text  # nothing fetched
    assert 'href="/app' not in text


def test_one_events_table_with_the_period_marked_new():
    text = brief(TWO)
    assert text.count('<table class="cm-events">') == 1  # the period's events are not listed twice
    rows = event_rows(text)
    assert len(rows) == 2
    assert "cm-is-new" not in rows[0]
    assert "cm-is-new" in rows[1]


def test_the_summary_says_what_changed_who_holds_and_deaths_against_before(dataset):
    changes = what_changed(dataset.events, dataset.territories, dataset.towns, date(2026, 4, 22), PUBLISHED)
    towns = valid_at(dataset.towns, PUBLISHED)
    content = BriefContent("T", "29 Apr 2026", "S", dataset.events, towns, changes, PNG, PREPARED)
    text = brief_html(content)
    new = len(changes.new_events)
    assert (
        f"{new} new events; 2 changes of control: Kidal (28 Apr 2026), Kidal region (contested) (28 Apr 2026)." in text
    )
    assert "Kidal · FLA since 28 Apr 2026;" in text
    assert "Gao · " in text
    assert "Timbuktu · " in text
    toll = changes.toll
    assert f"at least {toll.killed} in these 7 days ({toll.unreported} of {toll.events} events with no toll" in text


def test_events_are_listed_with_date_place_precision_actors_toll_and_source():
    rows = event_rows(brief(TWO))
    assert len(rows) == 2
    assert "2 Oct 2023 (approximate)" in rows[0]  # sorted by date
    assert "Anefis, Kidal" in rows[0]
    assert "(near the town or part of a region)" in rows[0]
    assert "the town itself" not in rows[1]  # precision said only when approximate
    assert "<td>0</td>" in rows[0]  # a reported zero stays 0 ...
    assert "<td>–</td>" in rows[1]  # ... and an unknown toll is not 0 (the key says what – means)
    assert "Military Forces of Mali (FAMa) with Wagner Group vs CSP-PSD" in rows[1]
    assert "RFI" in rows[0]
    assert "Le Monde" in rows[1]
    assert '<a href="https://example.org/a2">RFI' in rows[0]  # the source named, its link on the name


@pytest.mark.parametrize(
    ("field", "value"),
    [("notes", HOSTILE), ("location", HOSTILE), ("admin1", HOSTILE), ("actor1", HOSTILE), ("assoc_actor_2", HOSTILE),
     ("source", HOSTILE), ("source_title", HOSTILE), ("source_url", f'https://example.org/">{HOSTILE}')],
)  # fmt: skip
def test_text_from_data_is_escaped(field, value):
    text = brief(events(event_row(event_date="2023-11-20", **{field: value})))
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text


def test_title_sentence_and_as_of_are_escaped_too():
    text = brief(TWO, title=HOSTILE, sentence=HOSTILE, as_of_text=HOSTILE)
    assert "<script>alert" not in text
    assert text.count("&lt;script&gt;") >= 4  # <title>, <h1>, as-of, sentence


def test_only_web_links_are_links():
    text = brief(events(event_row(source_url="javascript:alert(1)")))
    assert "javascript:" not in text


def test_what_changed_reports_tolls_of_both_periods():
    frame = events(
        event_row(event_id_cnty="N1", event_date="2023-11-20", fatalities="12"),
        event_row(event_id_cnty="N2", event_date="2023-11-21", fatalities=""),
        event_row(event_id_cnty="P1", event_date="2023-10-20", fatalities="5"),
    )
    text = brief(frame, since=date(2023, 11, 15), as_of=date(2023, 11, 30))
    assert "at least 12 in these 15 days (1 of 2 events with no toll reported), against at least 0" in text
    cells = re.sub(r">\s+<", "><", text)
    assert "<td>This period</td><td>16 Nov 2023 – 30 Nov 2023 (15 days)</td><td>12</td><td>2</td><td>1</td>" in cells
    assert "<td>Period before</td><td>1 Nov 2023 – 15 Nov 2023 (15 days)</td><td>0</td><td>0</td><td>0</td>" in cells


def test_very_long_fields_are_clipped_with_a_note():
    # A 100,000-character note would make the PDF time out and fill pages.
    long = events(event_row(event_id_cnty="L1", event_date="2023-11-14", notes="n" * 100_000, actor1="a" * 5_000))
    rows = event_rows(brief(long))
    assert len(rows) == 1
    assert "clipped: 100,000 characters in all" in rows[0]
    assert rows[0].count("characters in all)") == 2  # the summary and the actors
    assert "n" * (MAX_FIELD_CHARS + 1) not in rows[0]
    assert "a" * (MAX_FIELD_CHARS + 1) not in rows[0]
    assert len(rows[0]) < 20_000


def test_a_missing_map_image_is_said_not_hidden():
    text = brief(TWO, map_png=None)
    assert "The map image could not be made." in text
    assert "<img" not in text


def test_control_changes_are_one_line_each_with_the_source_named_not_a_raw_url(dataset):
    changes = what_changed(dataset.events, dataset.territories, dataset.towns, date(2026, 4, 22), PUBLISHED)
    towns = valid_at(dataset.towns, PUBLISHED)
    text = brief_html(BriefContent("T", "29 Apr 2026", "S", dataset.events, towns, changes, PNG, PREPARED))
    control = re.search(r'<ul class="cm-control">(.*?)</ul>', text, flags=re.S).group(1)
    lines = re.findall(r"<li>.*?</li>", control, flags=re.S)
    assert len(lines) == 2  # the town, and the region around it
    assert "<b>28 Apr 2026 · Kidal</b>: controlled by FAMa and Africa Corps → controlled by FLA." in lines[0]
    assert "contested by FAMa and Africa Corps → contested by FLA" in lines[1]
    visible = re.sub(r"<[^>]+>", "", control)
    assert "http" not in visible  # links sit on the names
    for source in dataset.events["source"].unique():
        assert html.escape(source, quote=True) in text


@pytest.mark.parametrize(
    ("field", "names", "urls"),
    [
        ("AFP (seed article)", ["AFP (seed article)"], [None]),
        ('Wikipedia, "Gao"; CNN, 1 April 2012 (http://cnn.com/x)', ['Wikipedia, "Gao"', "CNN, 1 April 2012"],
         [None, "http://cnn.com/x"]),
        ("Expatica (AFP), 8 February 2013 (https://e.com/a_(b)) ", ["Expatica (AFP), 8 February 2013"],
         ["https://e.com/a_(b)"]),
        ("https://only.example/x", ["https://only.example/x"], ["https://only.example/x"]),
        ("", ["source not given"], [None]),
    ],
)  # fmt: skip
def test_named_sources(field, names, urls):
    sources = named_sources(field)
    assert [s.name for s in sources] == names
    assert [s.url for s in sources] == urls


def test_every_pdf_page_carries_the_title_as_of_and_its_number():
    content = BriefContent(HOSTILE, "29 Apr 2026", "S", TWO, NO_RECORDS, what_changed(TWO, NO_RECORDS, NO_RECORDS,
                           date(2023, 11, 7), date(2023, 11, 30)), PNG, PREPARED)  # fmt: skip
    footer = page_footer(content)
    assert "as of 29 Apr 2026" in footer
    assert '<span class="pageNumber"></span> of <span class="totalPages"></span>' in footer
    assert "<script>" not in footer
    assert "&lt;script&gt;" in footer


@pytest.mark.parametrize(("css", "rule"), [(MAP_CSS, ".cm-label"), (LABEL_CSS, ".cm-holder-text")])
def test_the_brief_map_prints_labels_at_8_pt_or_more(css, rule):
    # The place names and the key towns' holder labels, as the brief's picture draws them.
    label_px = float(re.search(re.escape(rule) + r" \{[^}]*font-size: ([\d.]+)px", css).group(1))
    printed_mm = label_px * A4_TEXT_WIDTH_MM / BRIEF_MAP.width
    assert printed_mm / 25.4 * 72 >= 8.0


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
