"""The pages' claims, one row each: (phrase with ``{}`` slots, value), read by ``tests/test_docs_claims.py``.

A value is what the code or the data gives now: a constant, or a function of pytest's fixture lookup
(``fx("dataset")``), called by the row's test only; a tuple fills several slots. Readers:
``tests/doc_claims.py`` (literals in scripts and tests) and ``tests/doc_claims_data.py`` (the record).
"""

from __future__ import annotations

from datetime import date
from inspect import signature

import pandas as pd

from benchmarks.timebar_probe import play
from components.layout import EXPLORE_MAX_PX
from data.access.accounts import MIN_PASSWORD
from data.io import formats
from data.io.quotes import MAX_UNTERMINATED
from data.io.run import CHUNK_ROWS
from data.stores.events import SCHEMA_VERSION, WRITE_WAIT_S
from data.synthetic import synthetic_acled_export
from data.validation.country_check import BORDER_TOLERANCE_DEG
from data.validation.validated_cache import MIN_BYTES
from data.view.aggregate import STRIP_EVENT_LIMIT, TOP_ACTORS
from data.view.url_values import MAX_TEXT, MAX_ZOOM, MIN_ZOOM
from data.view.view_state import view_from_params
from geo.articles.duplicates import MATCH_KM
from geo.articles.redating import MONTH_MIN_DAYS, WITHIN_DAYS_MAX
from geo.articles.review import draft_rows
from geo.documents.brief import A4_TEXT_WIDTH_MM, BRIEF_MAP, MAX_FIELD_CHARS
from geo.documents.render import IMAGE_SIZES, QUEUE_WAIT_S
from geo.documents.standalone import FIT_MAX_ZOOM
from geo.gazetteer.nearest import click_radius_km
from geo.gazetteer.online_geocoder import MIN_DELAY_SECONDS
from geo.map.build import MapOptions
from geo.map.halos import FALLBACK_REGION_KM, HALO_RADIUS_KM
from geo.map.table import TABLE_LIMIT, TableRows, place_precision_text
from geo.map.timeline_layer import RICH_LIMIT
from geo.map.towns import HOLDER_PANE, TOWN_PANE
from geo.projection import metres_per_pixel
from scripts import build_gazetteer as built
from tests import doc_claims_data as data
from tests.doc_claims import (
    TIMES,
    WORDS,
    found,
    hundreds,
    js_number,
    option_default,
    pinned,
    short,
    size,
    size_range,
    streamlit_config,
)
from tests.test_plain_text import PAYLOADS
from tests.test_store_kill import BATCH, KILLS

BAR = "components/timebar_frontend/timebar.js"
EXPORT_TEST = "tests/browser/test_export_view_in_browser.py"
ROWS_OF = r"synthetic_acled_export\((\d[\d_]*)\)"  # the generated file a test imports
IMPORT_ROWS = int(found("tests/test_import_files.py", ROWS_OF).replace("_", ""))
UPLOAD_ROWS = int(found("tests/test_import_app.py", ROWS_OF).replace("_", ""))
FAULT_EVERY = signature(synthetic_acled_export).parameters["fault_every"].default
SPACES = int(found("tests/browser/test_timebar_in_browser.py", r"for count in range\((\d+)\):  # in the page"))
PICTURES = int(found("tests/browser/test_picture_in_browser.py", r'"size", IMAGE_SIZES\[:(\d)\]'))
LABEL_PX = int(found("geo/map/build.py", r"\.cm-label \{[^}]*font-size: (\d+)px"))
A4 = IMAGE_SIZES[2]
A4_DPI = round(A4.pixels[0] / (297 / 25.4), -1)  # 297 mm across, in inches
LABEL_PT = LABEL_PX * A4_TEXT_WIDTH_MM / BRIEF_MAP.width / (25.4 / 72)  # a point is 1/72 inch
HOLDER_PX = float(found("geo/map/labels.py", r"\.cm-holder-text \{[^}]*font-size: ([\d.]+)px"))
HOLDER_PT = HOLDER_PX * A4_TEXT_WIDTH_MM / BRIEF_MAP.width / (25.4 / 72)
LABELS_JS = "geo/map/templates/key_town_labels.js"
COMPARE_YEARS = int(found("components/compare_dates.py", r"_years_before\(as_of, (\d+)\)"))
CENTER, KM_PER_DEGREE = MapOptions().center, 111.32  # a degree of latitude
TIMELINE = tuple(option_default("timeline_timing", o) for o in ("--presses", "--events", "--play"))
GAZETTEER = lambda fx: (len(fx("gazetteer").places), len(fx("gazetteer").keys))  # noqa: E731
SOURCE_PASSAGE = (
    "`data/datasets/gazetteer/conflict_places.csv`: {} villages, camps and mines named in encyclopedia lists of "
    "attacks, massacres and battles in Mali ({}), Burkina Faso ({}) and Niger ({})"
)
KIDAL_PASSAGE = (
    "run from the {} battle (the {}), through the army and Wagner's return on {} and Wagner's departure ({}), to {}."
)
ARMED = {"event_types": ("Battles",), "sub_event_types": ("Non-state actor overtakes territory",),
         "min_fatalities": 1, "max_fatalities": 50}  # fmt: skip
PANES = lambda fx: (TOWN_PANE[1], HOLDER_PANE[1], *data.leaflet_panes(),  # noqa: E731
                    int(found("geo/map/build.py", r"LABEL_PANE, z_index=(\d+)")))  # fmt: skip
PROBE = signature(play).parameters  # the benchmarks' playback: speed and step
FASTEST_STEP_MS = 1000 / max(data.bar_speeds())  # the bar's fastest speed, steps a second

# fmt: off
CLAIMS = {
    "README.md": [("http://127.0.0.1:{}", found("Makefile", r"(?m)^PORT \?= (\d+)$"))],
    "docs/architecture.md": [
        ("({:,} places under {:,} names", GAZETTEER),
        ("The basemap's {} **town labels**", lambda fx: len(data.load_basemap().labels)),
        ("shipped data, {}, {})", tuple(short(n) for n in TIMELINE[1])),
        ("scale.py ({}–{} events", size_range("scale")),
        ("responsive.py ({} events in Chromium", short(option_default("responsive", "--events"))),
        ("browser memory at {} vs an empty map", size_range("browser_memory")[0]),
        ("table and chart cost and bytes, {}–{})", size_range("linked_views")),
    ],
    "docs/article-review.md": [
        ("two to {} days within days", WORDS[WITHIN_DAYS_MAX]),
        ("or {} days and more month", MONTH_MIN_DAYS),
        ("{} to {} days (within those days", (WITHIN_DAYS_MAX + 1, MONTH_MIN_DAYS - 1)),
        ("places within {:g} km) is flagged", MATCH_KM),
        ("Drafts at {} or above start ticked", signature(draft_rows).parameters["accept_from"].default),
        ("at most {} a second, with answers cached", TIMES[int(MIN_DELAY_SECONDS)]),
        ("area_km2 ≈ {}", data.azawad_km2),
        ("north of {:g}°N in the coastal", built.NORTHERN_BELT_MIN_LAT),
        ("Côte d'Ivoire's towns of {:,}+, and the world's capitals and cities of {:,}+ (those under {:,} by",
         (built.NEIGHBOURS_TOWNS["CI"], built.WORLD_MIN_POPULATION, built.WORLD_ALTERNATES_MIN_POPULATION)),
        (SOURCE_PASSAGE, lambda fx: data.conflict_places()),
        ("The shipped gazetteer holds {:,} places under {:,} names.", GAZETTEER),
    ],
    "docs/briefing.md": [
        ("and the last {} presses", js_number("components/keys_frontend/index.html", "RECENT")),
        ("presses space {} times in a row", SPACES),
        ("has {} steps:", lambda fx: WORDS[len(data.default_story(fx).steps)]),
        ('"Step 2 of {} · title"', lambda fx: len(data.default_story(fx).steps)),
        ("For example, {} shows more than the page's map", size(IMAGE_SIZES[1])),
        ("which is at most {} px tall", EXPLORE_MAX_PX),
        ("at zoom {} at most", FIT_MAX_ZOOM),
        ("{} (slides), {}, or A4 landscape ({} CSS pixels drawn at {:g}×: {} × {}, about {:.0f} dpi)",
         (size(IMAGE_SIZES[0]), size(IMAGE_SIZES[1]), size(A4), A4.scale, *A4.pixels, A4_DPI)),
        ('("Sources: {} publishers, most cited …" for the whole record', data.source_count),
        ("always drawn at {} CSS pixels ({} that in pixels)", (size(BRIEF_MAP), TIMES[int(BRIEF_MAP.scale)])),
        ("its {}-pixel place names print at {:.1f} pt and its {:g}-pixel key-town labels at {:.1f} pt across the"
         " page's {} mm",
         (LABEL_PX, LABEL_PT, HOLDER_PX, HOLDER_PT, A4_TEXT_WIDTH_MM)),
        ("(default: {} days before the as-of date)",
         int(found("components/export.py", r'"What changed since", value=view\.as_of - timedelta\(days=(\d+)\)'))),
        ("{} PNG centred on Kidal at zoom {}", (size(IMAGE_SIZES[0]), int(found(EXPORT_TEST, r"KIDAL = .*, (\d+)\)")))),
        ("over {:.0f} % of the zoomed picture and under {:.0f} % of the fitted one",
         (100 * float(found(EXPORT_TEST, r"share_near\(zoomed, FLA_HELD\) > ([\d.]+)")),
          100 * float(found(EXPORT_TEST, r"share_near\(whole, FLA_HELD\) < ([\d.]+)")))),
        ("step at {}: each element on screen", " and ".join(size(s) for s in IMAGE_SIZES[:PICTURES])),
        ('("{}"; the towns are `KEY_TOWNS`', data.kidal_label),
    ],
    "docs/data-model.md": [
        ("`ML-6+ML-7+ML-8`, about {} km² measured in an equal-area projection", data.azawad_km2),
        ("for example `{}`", lambda fx: data.bad_latitude_message()),
    ],
    "docs/exploring.md": [
        ("on a map under {} px tall", int(found("geo/map/elements.py", r"getSize\(\)\.y < (\d+)"))),
        ("the MNLA's from {}, the FLA's since {})", data.claim_days),
        ('"{}", edged in the holder', data.kidal_label),
        ('are in view, e.g. "{}".', data.header_sentence(date(2024, 11, 23))),
        ('The header sentence names every active filter, e.g. "{}"', data.header_sentence(date(2026, 4, 29), **ARMED)),
        ('refuses a toll range that cannot match ("{}")', lambda fx: data.refused_toll_range()),
        ("when more than {} events of the window are in view", RICH_LIMIT),
        ("large record (over {} events) shows weekly counts", STRIP_EVENT_LIMIT),
        ('precision ("{}", "{}", "{}")', tuple(place_precision_text(code) for code in (1, 2, 3))),
        ("and the {} actors in most events", WORDS[TOP_ACTORS]),
        ('the table holds the newest {:,} events and says so ("{}")',
         (TABLE_LIMIT, TableRows(pd.DataFrame(index=range(TABLE_LIMIT)), 20_000).note)),
        ("a halo of {:g} km radius around the point", HALO_RADIUS_KM[2]),
        ("a {:g} km halo if neither outline is known", FALLBACK_REGION_KM),
        ("{:g} km is our reading of ACLED's", HALO_RADIUS_KM[2]),
        ('"Exact day and place only: would hide {} of {} events"', data.precise_hides),
        ("and the same day {} years earlier", WORDS[COMPARE_YEARS]),
        ('one sentence, e.g. "{}";', data.compare_sentence),
        (KIDAL_PASSAGE, lambda fx: data.kidal_dates(fx("dataset").territories)),
        ("Kidal region measures about {} km² on the Natural Earth outline", lambda fx: hundreds(data.kidal_area())),
    ],
    "docs/import-export.md": [
        ("When at most {} events of the window are in view (`RICH_LIMIT`)", RICH_LIMIT),
        ("A large events file (over {:g} MB)", MIN_BYTES / 1e6),
        ('"rows": {}, "accepted": {}', lambda fx: data.import_example(IMPORT_ROWS)[1:]),
        ('[{{"row": {}, "field": "event_date"', lambda fx: data.first_fault(IMPORT_ROWS, "event_date")),
        ('{{"row": {}, "field": "latitude/longitude"', lambda fx: data.first_fault(IMPORT_ROWS, "latitude/longitude")),
        ("`date_prec` {}–{} becomes `time_precision` {};", data.code_range(formats.UCDP_TIME_PRECISION)),
        ("`where_prec` {}–{} becomes `geo_precision` {}…;", data.code_range(formats.UCDP_GEO_PRECISION, distinct=True)),
        ("`type_of_violence` {} becomes Battles and {} becomes Violence against civilians", data.violence_codes()),
        ("in the country its row names, within about {:.0f} km", BORDER_TOLERANCE_DEG * KM_PER_DEGREE),
        ("Kidal's 18.4 N, 1.4 E swapped lands in the {}.", lambda fx: data.country_at(18.4, 1.4)),
        ("checked in chunks of {:,} rows", CHUNK_ROWS),
        ("and one bad row in {} (an impossible date", FAULT_EVERY),
        ("the {} bad rows of a {:,}-row file are reported one by one and the other {:,} load",
         lambda fx: data.import_example(IMPORT_ROWS)),
    ],
    "docs/importing.md": [
        ("(ACLED's {}: `inter1`", len(formats.ACLED_EXPORT_COLUMNS)),
        ("UCDP GED's {})", len(formats.UCDP_GED_COLUMNS)),
        ("`data/datasets/samples/acled_sample_synthetic.csv` ({} rows, {} with faults on purpose)",
         lambda fx: data.sample_import()),
        ("`ucdp_ged_sample_synthetic.csv` ({} rows)", lambda fx: data.sample_rows("ucdp_ged_sample_synthetic.csv")),
    ],
    "docs/security.md": [
        ("at least {} characters)", MIN_PASSWORD),
        ("{} failures in a minute lock", WORDS[data.auth_limits()[0]]),
        ('`server.address = "{}"`', streamlit_config()["server"]["address"]),
        ("Streamlit {} prints", pinned("streamlit")),
        ("feeds {} Markdown payloads", len(PAYLOADS)),
    ],
    "docs/sharing.md": [
        ("(up to {} characters)", MAX_TEXT),
        ("in degrees, {} decimals", data.coordinate_decimals()),
        ("the base map's ({:g}, {})", (CENTER[1], f"{CENTER[0]:g}".replace("-", "−"))),
        ("| the map's zoom, {} to {} | {} |", (MIN_ZOOM, MAX_ZOOM, MapOptions().zoom)),
        ('for example "{}"', str(view_from_params({"zoom": "40"})[1][0]).rstrip(".")),
    ],
    "docs/store.md": [
        ("`PRAGMA user_version` (now {})", SCHEMA_VERSION),
        ("waiting up to {} s for another writer", WRITE_WAIT_S),
        ("(before {} or after {},", (pd.Timestamp.min.year + 1, pd.Timestamp.max.year - 1)),
        ("Up to {} such lines per file", MAX_UNTERMINATED),
        ("longer than {:,} characters", MAX_FIELD_CHARS),
        ("`server.maxUploadSize = {}` (MB)", streamlit_config()["server"]["maxUploadSize"]),
        ("waits (the page's spinner stays up) up to {:.0f} s", QUEUE_WAIT_S),
        ("a {:,}-row write, {} times on each", (BATCH, KILLS)),
    ],
    "docs/testing.md": [
        ("imports ({:,} generated ACLED rows", IMPORT_ROWS),
        ("an upload of the {:,}-row file through the page", UPLOAD_ROWS),
    ],
    "docs/timeline.md": [
        ("the cheapest clear spot, {} px from the labels placed before it", js_number(LABELS_JS, "HOLDER_GAP")),
        ("else left of it (ending {} px before its dot)", js_number(LABELS_JS, "HOLDER_LEFT")),
        ("follow about {} ms after you stop (on release or pause, about {} a second while playing)",
         (js_number(BAR, "IDLE_MS"), TIMES[js_number(BAR, "PLAYING_MS") // 1000])),
        ("PageUp/PageDown a {} of the record", {10: "tenth"}[int(found(BAR, r"\(bar\.last - bar\.first\) / (\d+)"))]),
        ("when at most {} events are in view", RICH_LIMIT),
        ("({}, {}; tooltips are {}, popups {}), the base map's place names one at {}", PANES),
        ("the nearest event within about {:.0f} px", click_radius_km(8) * 1000 / metres_per_pixel(8)),
        ("per bin of about {} px", js_number(BAR, "BIN_PX")),
        ("timeline_timing [--presses {}] [--events {}] [--play {:g}]",
         (TIMELINE[0], " ".join(map(str, TIMELINE[1])), TIMELINE[2])),
        ("playback at {} one-{} steps a second", (PROBE["speed"].default, PROBE["step"].default)),
        ("`scale` ({}–{} events", size_range("scale")),
        ("per speed, {} events by default)", short(option_default("playback_frames", "--events"))),
        ("`browser_memory` ({} events against an empty map)", size_range("browser_memory")[0]),
        ("(with {} ms of slack), so a {:.1f} ms step", (js_number(BAR, "FRAME_SLACK_MS"), FASTEST_STEP_MS)),
        ("{} space presses", SPACES),
    ],
}
# fmt: on
