"""Exports of the filtered events (CSV, GeoJSON, GeoPackage) and territory; round trips through import."""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest

from data.io.export_csv import events_csv, export_columns, guard_formulas, rejections_csv
from data.io.formats import ACLED_EXPORT_COLUMNS
from data.io.gis import events_geojson, events_geopackage, territory_geojson
from data.io.read import read_incoming
from data.io.run import prepare_import
from data.stores.events import COLUMNS
from data.validation.validate import Rejection, validate_events
from data.view.filters import valid_at

NOTHING_STORED = pd.DataFrame(columns=COLUMNS, dtype=str)


@pytest.mark.parametrize(
    ("column", "cell", "written"),
    [
        ("notes", '=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("notes", "+1", "'+1"),
        ("notes", "-5 soldiers", "'-5 soldiers"),
        ("actor1", "@SUM(A1)", "'@SUM(A1)"),
        ("notes", "\tcmd", "'\tcmd"),
        ("notes", "\rcmd", "'\rcmd"),
        ("notes", "Clash near Boni = 4 dead", "Clash near Boni = 4 dead"),
        ("longitude", "-3.5", "-3.5"),  # a negative number in a numeric column stays a number
        ("fatalities", "-", "'-"),  # not a number: guarded even in a numeric column
        ("notes", "", ""),
    ],
)
def test_formula_cells_are_defused(column, cell, written):
    assert guard_formulas(pd.DataFrame({column: [cell]}))[column].iloc[0] == written


@pytest.fixture(scope="module")
def shown(dataset):
    """The shipped events with cells a spreadsheet would run, as a filtered view might hold."""
    events = dataset.events.copy()
    events.loc[0, "notes"] = '=HYPERLINK("http://evil","click")'
    events.loc[1, "actor2"] = "-Wagner"
    events.loc[2, "fatalities_low"] = 1
    return events


def test_csv_is_in_acled_column_order_with_our_columns_after(shown):
    frame = pd.read_csv(io.BytesIO(events_csv(shown)), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == export_columns()
    assert list(frame.columns[: len(ACLED_EXPORT_COLUMNS)]) == list(ACLED_EXPORT_COLUMNS)
    assert frame.loc[0, "notes"].startswith("'=HYPERLINK")
    assert frame.loc[0, "year"] == "2012"
    assert (frame["longitude"].astype(float) < 0).any()  # western Mali stays numeric


def exported(kind: str, events: pd.DataFrame) -> tuple[bytes, str]:
    if kind == "csv":
        return events_csv(events), "view.csv"
    if kind == "geojson":
        return events_geojson(events).encode(), "view.geojson"
    return events_geopackage(events), "view.gpkg"


@pytest.mark.parametrize("kind", ["csv", "geojson", "gpkg"])
def test_export_then_import_gives_the_same_events(shown, kind):
    blob, name = exported(kind, shown)
    result = prepare_import(read_incoming(blob, name), NOTHING_STORED)
    assert result.rejected == []
    back = validate_events(result.accepted, name).kept
    assert set(back["imported_from"]) == {f"ours: {name}"}
    pd.testing.assert_frame_equal(
        back.drop(columns="imported_from").reset_index(drop=True),
        shown.drop(columns="imported_from").reset_index(drop=True),
    )


def test_geojson_features_are_points_in_lon_lat(shown):
    collection = json.loads(events_geojson(shown))
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [2.39609, 15.91985]}
    assert first["properties"]["event_date"] == "2012-01-17"
    assert first["properties"]["fatalities"] is None  # unknown stays unknown, not 0


def test_territory_in_force_on_the_as_of_date(dataset):
    collection = json.loads(territory_geojson(valid_at(dataset.territories, date(2013, 1, 1))))
    names = {feature["properties"]["name"] for feature in collection["features"]}
    assert names == {"Azawad (MNLA declaration)", "Northern Mali (Islamist-held)"}
    assert {feature["geometry"]["type"] for feature in collection["features"]} <= {"Polygon", "MultiPolygon"}


def test_rejections_download_lists_row_field_reason_safely():
    text = rejections_csv([Rejection("a.csv", 5, "notes", "'=cmd' is bad"), Rejection("a.csv", 9, "x", "=1")])
    frame = pd.read_csv(io.BytesIO(text), dtype=str, encoding="utf-8-sig")
    assert frame.to_dict("records") == [
        {"file": "a.csv", "row": "5", "field": "notes", "reason": "'=cmd' is bad"},
        {"file": "a.csv", "row": "9", "field": "x", "reason": "'=1"},
    ]
