"""Validation: exact messages per cell, rejected rows reported, good rows kept."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.schema import EVENT_COLUMNS, Column
from data.validation.validate import InvalidValue, Rejection, parse_cell, validate_events, validate_town_status
from tests.conftest import event_row, raw_table

COLUMNS = {column.name: column for column in EVENT_COLUMNS}


@pytest.mark.parametrize(
    ("column", "text", "expected"),
    [
        ("event_date", "2023-11-14", date(2023, 11, 14)),
        ("date_end", "", None),
        ("latitude", "18.44", 18.44),
        ("latitude", "-90", -90.0),
        ("fatalities", "", None),  # unknown, not zero
        ("fatalities", "0", 0),
        ("fatalities", "12.0", 12),
        ("geo_precision", "3", 3),
        ("event_type", "Riots", "Riots"),
        ("civilian_targeting", "Civilian targeting", "Civilian targeting"),
    ],
)
def test_parse_cell_accepts(column, text, expected):
    assert parse_cell(text, COLUMNS[column]) == expected


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        ("event_date", "", "required, but empty"),
        ("event_date", "16/05/2025", "not a date (expected YYYY-MM-DD): '16/05/2025'"),
        ("latitude", "95", "95 is outside -90..90"),
        ("longitude", "abc", "not a number: 'abc'"),
        ("longitude", "nan", "not a finite number: 'nan'"),
        ("fatalities", "-1", "-1 is outside 0..inf"),
        ("fatalities", "2.5", "not a whole number: '2.5'"),
        ("geo_precision", "4", "4 is outside 1..3"),
        ("event_type", "Battle", "'Battle' is not one of: " + ", ".join(COLUMNS["event_type"].choices)),
    ],
)
def test_parse_cell_rejects_with_exact_message(column, text, message):
    with pytest.raises(InvalidValue) as error:
        parse_cell(text, COLUMNS[column])
    assert str(error.value) == message


def test_bad_rows_are_reported_and_good_rows_kept():
    raw = raw_table(
        event_row(event_id_cnty="A"),
        event_row(event_id_cnty="B", latitude="95"),
        event_row(event_id_cnty="C", event_type="Protests"),  # sub-type of Battles
        event_row(event_id_cnty="A"),  # duplicate id
        event_row(event_id_cnty="D", event_date="2023-11-14", date_end="2023-11-01"),
        event_row(event_id_cnty="E", fatalities="3"),
    )
    result = validate_events(raw, "events.csv")
    assert list(result.kept["event_id_cnty"]) == ["A", "E"]
    assert [str(r) for r in result.rejected] == [
        "events.csv, row 3, field latitude: 95 is outside -90..90",
        "events.csv, row 4, field sub_event_type: 'Government regains territory' is not a sub-type of 'Protests'",
        "events.csv, row 5, field event_id_cnty: duplicate id 'A'; the first row with it was kept",
        "events.csv, row 6, field date_end: 2023-11-01 is before event_date 2023-11-14",
    ]


def test_kept_events_are_typed_and_date_end_defaults_to_event_date():
    result = validate_events(raw_table(event_row(fatalities=""), event_row(event_id_cnty="B", fatalities="4")), "x")
    kept = result.kept
    assert str(kept["event_date"].dtype) == "datetime64[ns]"
    assert (kept["date_end"] == kept["event_date"]).all()
    fatalities = kept.set_index("event_id_cnty")["fatalities"]
    assert fatalities.isna().to_dict() == {"T1": True, "B": False}  # unknown stays unknown
    assert kept["latitude"].dtype == "float64"


def test_every_bad_cell_of_a_row_is_reported():
    result = validate_events(raw_table(event_row(latitude="x", longitude="200")), "f.csv")
    assert result.kept.empty
    assert [(r.row, r.field) for r in result.rejected] == [(2, "latitude"), (2, "longitude")]


def test_missing_required_column_is_one_clear_rejection():
    raw = raw_table(event_row()).drop(columns=["latitude"])
    result = validate_events(raw, "export.csv")
    assert result.kept.empty
    assert result.rejected == [Rejection("export.csv", 1, "latitude", "missing required column(s): latitude")]


def test_validity_period_must_be_ordered():
    row = {
        "town": "Kidal",
        "latitude": "18.4",
        "longitude": "1.4",
        "status": "controlled",
        "actor": "FLA",
        "valid_from": "2024-01-01",
        "date_phrase": "",
        "valid_to": "2023-01-01",
        "notes": "n",
        "source": "s",
    }
    result = validate_town_status(pd.DataFrame([row]), "town_status.csv")
    assert [str(r) for r in result.rejected] == [
        "town_status.csv, row 2, field valid_to: 2023-01-01 is not after valid_from 2024-01-01"
    ]


def test_choice_columns_list_their_choices():
    column = Column("status", "choice", True, "", ("claimed", "controlled"))
    with pytest.raises(InvalidValue, match="'held' is not one of: claimed, controlled"):
        parse_cell("held", column)


@pytest.mark.parametrize(
    ("event_id", "kept"),
    [("MLI12345", True), ("CM-MLI-0001", True), ("ucdp:123.4_a", True), ("MLI 1234", False),
     ("MLI/1234", False), ("x" * 65, False), ("é1", False)],
)  # fmt: skip
def test_an_event_id_is_one_a_link_can_carry(event_id, kept):
    # A stored id that a link refuses could be clicked but never shared: refuse it at the door, by row.
    result = validate_events(raw_table(event_row(event_id_cnty=event_id), event_row(event_id_cnty="GOOD")), "ids.csv")
    assert sorted(result.kept["event_id_cnty"]) == sorted(["GOOD", *([event_id] if kept else [])])
    reasons = [(r.row, r.field, r.reason) for r in result.rejected]
    rule = "letters, digits and _.:- only, up to 64"
    assert reasons == ([] if kept else [(2, "event_id_cnty", f"{event_id!r} is not an event id ({rule})")])
