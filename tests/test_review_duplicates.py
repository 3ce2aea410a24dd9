"""Possible duplicates of a draft: same type, overlapping dates, places within 30 km (table-driven)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.articles.duplicates import MATCH_KM, as_day, draft_duplicates, possible_duplicates
from geo.gazetteer.gazetteer import Place

KIDAL = Place("Kidal", "point", lon=1.40921, lat=18.44345, country="ML")
# About 0.25 degrees of latitude is 27.7 km on the WGS 84 ellipsoid; 0.3 is 33.2 km.
NEAR_KIDAL = Place("Near Kidal", "point", lon=1.40921, lat=18.69345, country="ML")
FAR_FROM_KIDAL = Place("Far from Kidal", "point", lon=1.40921, lat=18.74345, country="ML")


def existing(**overrides) -> dict:
    row = {
        "event_id_cnty": "CM-1",
        "event_date": pd.Timestamp("2023-11-14"),
        "date_end": pd.Timestamp("2023-11-14"),
        "event_type": "Battles",
        "latitude": 18.44345,
        "longitude": 1.40921,
        "location": "Kidal",
        "notes": "The army retakes Kidal.",
    }
    return row | overrides


def record(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows) or [existing()])


CASES = [
    # (why, existing event, draft place, draft start, draft end, draft type, flagged)
    ("same day, same place, same type", existing(), KIDAL, date(2023, 11, 14), None, "Battles", True),
    (
        "27.7 km away",
        existing(),
        NEAR_KIDAL,
        date(2023, 11, 14),
        None,
        "Battles",
        True,
    ),  # geodesic (WGS 84), not a sphere
    ("33.4 km away", existing(), FAR_FROM_KIDAL, date(2023, 11, 14), None, "Battles", False),
    ("another type", existing(), KIDAL, date(2023, 11, 14), None, "Riots", False),
    ("the day after", existing(), KIDAL, date(2023, 11, 15), None, "Battles", False),
    ("a draft range covering the day", existing(), KIDAL, date(2023, 11, 10), date(2023, 11, 20), "Battles", True),
    (
        "a draft range ending the day before",
        existing(),
        KIDAL,
        date(2023, 11, 10),
        date(2023, 11, 13),
        "Battles",
        False,
    ),
    (
        "an existing range overlapping the draft's day",
        existing(event_date=pd.Timestamp("2023-11-10"), date_end=pd.Timestamp("2023-11-16")),
        KIDAL,
        date(2023, 11, 16),
        None,
        "Battles",
        True,
    ),
    ("an existing event without an end", existing(date_end=pd.NaT), KIDAL, date(2023, 11, 14), None, "Battles", True),
    ("country level (no place)", existing(), None, date(2023, 11, 14), None, "Battles", False),
    ("no date", existing(), KIDAL, None, None, "Battles", False),
]


@pytest.mark.parametrize(
    ("why", "row", "place", "start", "end", "event_type", "flagged"), CASES, ids=[c[0] for c in CASES]
)
def test_a_draft_is_flagged_only_when_place_date_and_type_all_match(why, row, place, start, end, event_type, flagged):
    found = possible_duplicates(record(row), place, start, end, event_type)
    assert bool(found) is flagged, why


def test_a_duplicate_names_the_existing_event():
    (found,) = possible_duplicates(record(), NEAR_KIDAL, date(2023, 11, 14), None, "Battles")
    assert (found.event_id, found.start, found.end, found.location) == (
        "CM-1",
        date(2023, 11, 14),
        date(2023, 11, 14),
        "Kidal",
    )
    assert found.summary == "The army retakes Kidal."
    assert found.km == pytest.approx(27.7, abs=0.1)  # geodesic (WGS 84), not a sphere
    assert MATCH_KM == 30.0
    assert not found.same_sentence


def test_nearest_first_and_a_long_summary_is_shortened():
    rows = record(existing(event_id_cnty="FAR", latitude=18.6), existing(event_id_cnty="NEAR", notes="x" * 400))
    found = possible_duplicates(rows, KIDAL, date(2023, 11, 14), None, "Battles")
    assert [d.event_id for d in found] == ["NEAR", "FAR"]
    assert len(found[0].summary) == 160
    assert found[0].summary.endswith("…")


def test_the_event_accepted_before_from_the_same_sentence_is_marked_as_such():
    (found,) = possible_duplicates(record(), KIDAL, date(2023, 11, 14), None, "Battles", own_id="CM-1")
    assert found.same_sentence


def test_drafts_are_checked_as_edited_row_by_row():
    drafts = pd.DataFrame(
        [
            {"place": "Kidal (ML, point)", "event_date": date(2023, 11, 14), "date_end": None, "event_type": "Battles"},
            {
                "place": "(place not stated)",
                "event_date": date(2023, 11, 14),
                "date_end": None,
                "event_type": "Battles",
            },
            {"place": "Kidal (ML, point)", "event_date": "2023-11-14", "date_end": pd.NaT, "event_type": "Battles"},
        ]
    )
    found = draft_duplicates(drafts, {"Kidal (ML, point)": KIDAL}, record(), own_ids=["A", "B", "CM-1"])
    assert sorted(found) == [0, 2]
    assert found[2][0].same_sentence
    assert not found[0][0].same_sentence


def test_an_empty_record_flags_nothing():
    empty = record().iloc[:0]
    assert possible_duplicates(empty, KIDAL, date(2023, 11, 14), None, "Battles") == []


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (None, None),
        ("", None),
        (pd.NaT, None),
        ("2024-09-17", date(2024, 9, 17)),
        (pd.Timestamp("2024-09-17"), date(2024, 9, 17)),
    ],
)
def test_table_cells_read_as_days(cell, day):
    assert as_day(cell) == day
