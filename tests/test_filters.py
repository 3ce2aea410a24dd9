"""Filters: overlap semantics, as-of selection, the plain-words description."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.filters import EventFilter, apply_filter, attribute_mask, describe, valid_at, window_mask


def events(*ranges: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id_cnty": [f"E{i}" for i in range(len(ranges))],
            "event_date": pd.to_datetime([r[0] for r in ranges]),
            "date_end": pd.to_datetime([r[1] for r in ranges]),
        }
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2012, 1, 1), date(2026, 12, 31), ["E0", "E1", "E2"]),
        (date(2013, 1, 1), date(2023, 12, 31), ["E1"]),
        (date(2026, 4, 26), date(2026, 4, 26), ["E2"]),  # inside the weekend range
        (date(2026, 4, 27), date(2026, 4, 30), []),  # after it
        (date(2012, 1, 17), date(2012, 1, 17), ["E0"]),  # first day counts
    ],
)
def test_apply_filter_keeps_overlapping_events(start, end, expected):
    frame = events(("2012-01-17", "2012-01-17"), ("2023-11-14", "2023-11-14"), ("2026-04-25", "2026-04-26"))
    assert list(apply_filter(frame, EventFilter(start, end))["event_id_cnty"]) == expected


def test_valid_at_uses_half_open_periods():
    records = pd.DataFrame(
        {
            "actor": ["A", "B"],
            "valid_from": pd.to_datetime(["2012-03-30", "2023-11-14"]),
            "valid_to": pd.to_datetime(["2023-11-14", None]),
        }
    )
    assert list(valid_at(records, date(2023, 11, 13))["actor"]) == ["A"]
    assert list(valid_at(records, date(2023, 11, 14))["actor"]) == ["B"]
    assert list(valid_at(records, date(2012, 3, 29))["actor"]) == []


def test_as_of_defaults_to_the_window_end():
    assert EventFilter(date(2012, 1, 1), date(2020, 1, 1)).as_of_day == date(2020, 1, 1)
    assert EventFilter(date(2012, 1, 1), date(2020, 1, 1), as_of=date(2014, 5, 1)).as_of_day == date(2014, 5, 1)


def test_filter_rejects_an_inverted_window():
    with pytest.raises(ValueError, match="start 2020-01-02 is after end 2020-01-01"):
        EventFilter(date(2020, 1, 2), date(2020, 1, 1))


@pytest.mark.parametrize(
    ("selection", "shown", "total", "sentence"),
    [
        (
            EventFilter(date(2012, 1, 17), date(2026, 4, 29)),
            24,
            24,
            "Showing 24 of 24 events: 17 Jan 2012 – 29 Apr 2026",
        ),
        (
            EventFilter(date(2023, 1, 1), date(2026, 4, 29), as_of=date(2023, 11, 14)),
            5,
            1200,
            "Showing 5 of 1,200 events: 1 Jan 2023 – 29 Apr 2026; territory as of 14 Nov 2023",
        ),
    ],
)
def test_describe(selection, shown, total, sentence):
    assert describe(selection, shown, total) == sentence


def test_window_mask_matches_apply_filter():
    frame = events(("2012-01-17", "2012-01-17"), ("2023-11-14", "2023-11-20"), ("2026-04-25", "2026-04-26"))
    selection = EventFilter(date(2023, 11, 18), date(2026, 4, 25))
    assert window_mask(frame, selection).tolist() == [False, True, True]
    assert list(apply_filter(frame, selection)["event_id_cnty"]) == ["E1", "E2"]


def attributed() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id_cnty": ["A", "B", "C"],
        "event_type": ["Battles", "Violence against civilians", "Battles"],
        "actor1": ["JNIM", "ISSP", "FAMa"],
        "actor2": ["FAMa", "Civilians", ""],
        "admin1": ["Gao", "Ménaka", "Kidal"],
        "fatalities": pd.array([12, None, 0], dtype="Int64"),
        "notes": ["Ambush near Gao.", "Village attacked.", "Army patrol."],
        "source": ["AFP", "Studio Tamani", "Reuters"],
        "source_title": ["", "", ""],
        "time_precision": [1, 2, 1],
        "geo_precision": [1, 1, 2],
    })  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ["A", "B", "C"]),
        ({"event_types": ("Battles",)}, ["A", "C"]),
        ({"actors": ("FAMa",)}, ["A", "C"]),  # either side
        ({"regions": ("Gao", "Kidal")}, ["A", "C"]),
        ({"min_fatalities": 1}, ["A"]),  # unknown is not "at least 1"
        ({"text": "tamani"}, ["B"]),
        ({"text": "ambush gao"}, ["A"]),
        ({"precise_only": True}, ["A"]),
        ({"event_types": ("Battles",), "actors": ("JNIM",)}, ["A"]),
    ],
)
def test_attribute_filters(fields, expected):
    selection = EventFilter(date(2012, 1, 1), date(2026, 1, 1), **fields)
    frame = attributed()
    assert list(frame.loc[attribute_mask(frame, selection), "event_id_cnty"]) == expected


def test_describe_names_every_criterion():
    selection = EventFilter(
        date(2024, 1, 1), date(2026, 4, 29), actors=("JNIM",), event_types=("Battles",), regions=("Gao", "Kidal"),
        min_fatalities=5, text="ambush", precise_only=True,
    )  # fmt: skip
    assert describe(selection, 214, 3120) == (
        "Showing 214 of 3,120 events: JNIM, Battles, Gao and Kidal, at least 5 killed, mentioning “ambush”, "
        "exact day and place only, 1 Jan 2024 – 29 Apr 2026"
    )
