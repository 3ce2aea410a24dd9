"""Import pipeline: GeoJSON/GeoPackage points, a 20,000-row ACLED file with faults, provenance."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from data.io.read import read_incoming
from data.io.run import UnreadableImport, prepare_import, store_import
from data.stores.events import COLUMNS, open_store
from data.synthetic import synthetic_acled_export
from data.validation.validate import validate_events
from tests.conftest import ANALYST
from tests.test_import import ACLED_ROW, UCDP_ROW

NOTHING_STORED = pd.DataFrame(columns=COLUMNS, dtype=str)


def csv_bytes(rows: list[dict]) -> bytes:
    return pd.DataFrame(rows).to_csv(index=False).encode()


def judged(rows: list[dict], name: str = "a.csv", stored=NOTHING_STORED, reserved=()):
    return prepare_import(read_incoming(csv_bytes(rows), name), stored, reserved)


@pytest.fixture(scope="module")
def acled_export():
    return synthetic_acled_export(20_000)


def test_synthetic_export_looks_like_acled(acled_export):
    frame, faults = acled_export
    assert len(frame) == 20_000
    assert list(frame.columns[:4]) == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert len(faults) == 80
    assert set(faults.values()) == {"event_date", "latitude", "latitude/longitude", "event_type"}
    assert frame["event_date"].str.match(r"^\d{1,2}[ -][A-Z][a-z]+[ -]\d{4}$").any()  # older styles mixed in


def test_every_injected_fault_is_reported_alone_and_the_rest_load(acled_export):
    frame, faults = acled_export
    steps = []
    result = prepare_import(
        read_incoming(frame.to_csv(index=False).encode(), "acled_sahel.csv"),
        NOTHING_STORED,
        progress=lambda fraction, text: steps.append((fraction, text)),
    )
    assert {(r.row, r.field) for r in result.rejected} == set(faults.items())
    assert len(result.rejected) == len(faults)  # one message per bad row, nothing else
    assert len(result.accepted) == 20_000 - len(faults)
    assert [fraction for fraction, _ in steps] == [0.25, 0.5, 0.75, 1.0]
    assert steps[-1][1] == "Checked 20,000 of 20,000 rows"
    swapped = next(r for r in result.rejected if r.field == "latitude/longitude")
    assert "is outside Mali; swapped" in swapped.reason
    assert validate_events(result.accepted, "x").rejected == []


def point_features(rows: list[dict], geometries: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geometries, crs="EPSG:4326")


@pytest.mark.parametrize(("suffix", "driver"), [(".geojson", "GeoJSON"), (".gpkg", "GPKG")])
def test_points_import_from_gis_files_with_geometry_as_the_place(tmp_path, suffix, driver):
    rows = [
        {**ACLED_ROW, "event_id_cnty": "MLI1", "latitude": "", "longitude": ""},
        {**ACLED_ROW, "event_id_cnty": "MLI2", "latitude": "1.0", "longitude": "1.0"},  # stale: geometry wins
        {**ACLED_ROW, "event_id_cnty": "MLI3"},
        {**ACLED_ROW, "event_id_cnty": "MLI4", "event_date": "2025-13-01"},
    ]
    area = shapely.box(-3, 15, -2, 16)
    geometries = [shapely.Point(-2.221, 15.075), shapely.Point(-0.045, 16.272), area, shapely.Point(-2.2, 15.0)]
    path = tmp_path / f"events{suffix}"
    point_features(rows, geometries).to_file(path, driver=driver)
    result = prepare_import(read_incoming(path), NOTHING_STORED)
    assert [(r.row, r.field) for r in result.rejected] == [(3, "geometry"), (4, "event_date")]
    assert result.rejected[0].reason == "a Polygon; only points can be imported"
    kept = validate_events(result.accepted, path.name).kept.set_index("event_id_cnty")
    assert kept.loc["MLI1", ["longitude", "latitude"]].tolist() == [-2.221, 15.075]
    assert kept.loc["MLI2", ["longitude", "latitude"]].tolist() == [-0.045, 16.272]
    assert kept.loc["MLI1", "fatalities"] == 4
    assert set(kept["imported_from"]) == {f"acled: events{suffix}"}


def test_an_upload_is_read_from_bytes_by_its_name():
    frame = point_features([ACLED_ROW], [shapely.Point(-2.221, 15.075)])
    text = json.dumps(json.loads(frame.to_json()))
    result = prepare_import(read_incoming(text.encode(), "upload.geojson"), NOTHING_STORED)
    assert (len(result.accepted), result.rejected) == (1, [])


def test_a_broken_gis_file_is_unreadable_with_a_reason():
    with pytest.raises(ValueError, match="not a readable GeoJSON/GeoPackage file"):
        read_incoming(b"{not json", "broken.geojson")


def test_ucdp_low_and_high_are_kept_and_must_hold_the_best_estimate():
    result = judged([UCDP_ROW, {**UCDP_ROW, "id": "2", "low": "30"}, {**UCDP_ROW, "id": "3", "best": "25"}], "ged.csv")
    kept = validate_events(result.accepted, "ged.csv").kept
    assert kept.loc[0, ["fatalities_low", "fatalities", "fatalities_high"]].tolist() == [10, 12, 20]
    assert [(r.row, r.field, r.reason) for r in result.rejected] == [
        (3, "fatalities_low", "30 is above fatalities_high 20"),
        (4, "fatalities", "25 is above fatalities_high 20"),
    ]


def test_sources_keep_their_provenance_and_never_overwrite_each_other(tmp_path):
    store = open_store(tmp_path / "s.sqlite")
    store_import(judged([ACLED_ROW], "acled_may.csv", store.read()), store, ANALYST)
    store_import(judged([UCDP_ROW], "ged.csv", store.read()), store, ANALYST)
    # Our own file reusing ACLED's id: refused, the ACLED row stays as it was.
    ours = {**ACLED_ROW, "event_date": "2025-05-16", "date_phrase": "", "notes": "Someone else's note."}
    clash = judged([ours], "ours.csv", store.read())
    assert [(r.row, r.field, r.reason) for r in clash.rejected] == [
        (2, "event_id_cnty", "id 'MLI12345' is already used by an event from acled: acled_may.csv; not overwritten")
    ]
    store_import(clash, store, ANALYST)
    # A newer export of the same source revises the event in place.
    revised = judged([{**ACLED_ROW, "fatalities": "6"}], "acled_june.csv", store.read())
    assert (revised.duplicates, revised.rejected) == (1, [])
    store_import(revised, store, ANALYST)
    rows = store.read().set_index("event_id_cnty")
    assert rows["imported_from"].to_dict() == {"MLI12345": "acled: acled_june.csv", "UCDP-511234": "ucdp: ged.csv"}
    assert rows.loc["MLI12345", ["notes", "fatalities"]].tolist() == ["Clash near Boni.", "6"]


def test_shipped_event_ids_are_never_replaced():
    result = judged([{**ACLED_ROW, "event_id_cnty": "CM-MLI-0016"}], reserved={"CM-MLI-0016"})
    assert (
        result.rejected[0].reason
        == "id 'CM-MLI-0016' is already used by an event from the shipped data; not overwritten"
    )


def test_duplicate_ids_across_chunks_keep_the_first_row():
    rows = [{**ACLED_ROW, "event_id_cnty": f"MLI{i}"} for i in range(5)] + [{**ACLED_ROW, "event_id_cnty": "MLI1"}]
    result = prepare_import(read_incoming(csv_bytes(rows), "a.csv"), NOTHING_STORED, chunk_rows=2)
    assert [(r.row, r.reason) for r in result.rejected] == [(7, "duplicate id 'MLI1'; the first row with it was kept")]
    assert len(result.accepted) == 5


@pytest.mark.parametrize(("content", "message"), [(b"a,b\n1,2\n", "columns match neither"), (b"x\n", "no rows")])
def test_unreadable_imports_say_why(content, message):
    with pytest.raises(UnreadableImport, match=message):
        prepare_import(read_incoming(io.BytesIO(content), "x.csv"), NOTHING_STORED)


def test_popup_shows_the_reported_range_and_where_the_event_was_imported_from():
    from geo.map.popups import event_popup_html

    result = judged([UCDP_ROW], "<b>ged</b>.csv")
    event = validate_events(result.accepted, "ged.csv").kept.iloc[0].to_dict()
    html = event_popup_html(event)
    assert "<td>12 (10–20 reported)</td>" in html
    assert "Imported from ucdp: &lt;b&gt;ged&lt;/b&gt;.csv · Event id: UCDP-511234</small>" in html


def test_cli_imports_a_geojson_file(tmp_path):
    from tests.test_import import run_import

    path = tmp_path / "points.geojson"
    point_features([ACLED_ROW, {**ACLED_ROW, "event_id_cnty": "MLI9"}], [shapely.Point(-2.221, 15.075), None]).to_file(
        path, driver="GeoJSON"
    )
    status, report = run_import(path, tmp_path / "s.sqlite")
    assert (status, report["format"], report["accepted"], report["written"], report["rejected"]) == (
        0, "acled", 2, 2, []
    )  # fmt: skip
