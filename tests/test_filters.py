"""Filters: overlap semantics, as-of selection, the plain-words description."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date

import pandas as pd
import pytest

from data.view.filters import (
    EventCriteria,
    EventFilter,
    apply_filter,
    attribute_mask,
    criteria_of,
    describe,
    valid_at,
    window_mask,
)
from data.view.view_state import View


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


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": date(2020, 1, 2)}, "start 2020-01-02 is after end 2020-01-01"),
        ({"min_fatalities": -1}, "min_fatalities -1 is below 0"),
        ({"max_fatalities": 4, "min_fatalities": 5}, "max_fatalities 4 is below min_fatalities 5"),
        ({"max_fatalities": -1}, "max_fatalities -1 is below min_fatalities 0"),
    ],
)
def test_filter_rejects_what_cannot_match(fields, message):
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        EventFilter(**{"start": date(2020, 1, 1), "end": date(2020, 1, 1), **fields})
    assert str(raised.value) == message


@pytest.mark.parametrize("kind", [EventCriteria, View])
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"min_fatalities": -1}, "min_fatalities -1 is below 0"),
        ({"max_fatalities": 4, "min_fatalities": 5}, "max_fatalities 4 is below min_fatalities 5"),
    ],
)
def test_the_shared_criteria_reject_a_toll_that_cannot_match_wherever_they_stand(kind, fields, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        kind(**fields)


def test_criteria_of_carries_every_filter_but_the_window_into_a_view():
    selection = EventFilter(
        date(2024, 1, 1), date(2026, 4, 29), as_of=date(2025, 1, 1), event_types=("Battles",),
        sub_event_types=("Armed clash",), actors=("JNIM",), regions=("Kidal",), min_fatalities=1,
        max_fatalities=9, text="drone", precise_only=True, civilian_targeting=True,
    )  # fmt: skip
    criteria = criteria_of(selection)
    assert set(criteria) == {field.name for field in fields(EventFilter)} - {"start", "end", "as_of"}
    assert criteria["sub_event_types"] == ("Armed clash",)
    assert criteria["max_fatalities"] == 9
    assert criteria_of(View(**criteria)) == criteria
    assert View(**criteria).start is None  # the window is not a criterion


@pytest.mark.parametrize(
    "fields",
    [{"max_fatalities": 0}, {"min_fatalities": 5, "max_fatalities": 5}, {"min_fatalities": 5, "max_fatalities": None}],
)
def test_filter_accepts_a_range_that_can_match(fields):
    assert EventFilter(date(2020, 1, 1), date(2020, 1, 1), **fields).min_fatalities == fields.get("min_fatalities", 0)


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


def test_an_event_that_overlaps_the_window_is_in_it_and_apply_filter_keeps_the_same_rows():
    frame = events(("2012-01-17", "2012-01-17"), ("2023-11-14", "2023-11-20"), ("2026-04-25", "2026-04-26"))
    selection = EventFilter(date(2023, 11, 18), date(2026, 4, 25))
    assert window_mask(frame, selection).tolist() == [False, True, True]
    assert list(apply_filter(frame, selection)["event_id_cnty"]) == ["E1", "E2"]


def attributed() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id_cnty": ["A", "B", "C", "D"],
        "event_type": ["Battles", "Violence against civilians", "Battles", "Explosions/Remote violence"],
        "sub_event_type": ["Armed clash", "Attack", "Government regains territory", "Air/drone strike"],
        "actor1": ["JNIM", "ISSP", "FAMa", "FAMa"],
        "actor2": ["FAMa", "Civilians", "", "Civilians"],
        "admin1": ["Gao", "Ménaka", "Kidal", "Kidal"],
        "civilian_targeting": ["", "Civilian targeting", "", "Civilian targeting"],
        "fatalities": pd.array([12, None, 0, 50], dtype="Int64"),
        "notes": ["Ambush near Gao.", "Village attacked.", "Army patrol.", "Drone strike on a market."],
        "source": ["AFP", "Studio Tamani", "Reuters", "RFI"],
        "source_title": ["", "", "", ""],
        "time_precision": [1, 2, 1, 1],
        "geo_precision": [1, 1, 2, 1],
    }).astype({"civilian_targeting": "str", "sub_event_type": "str"})  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ["A", "B", "C", "D"]),
        ({"event_types": ("Battles",)}, ["A", "C"]),
        ({"actors": ("FAMa",)}, ["A", "C", "D"]),  # either side
        ({"regions": ("Gao", "Kidal")}, ["A", "C", "D"]),
        ({"min_fatalities": 1}, ["A", "D"]),  # unknown is not "at least 1"
        ({"text": "tamani"}, ["B"]),
        ({"text": "ambush gao"}, ["A"]),
        ({"precise_only": True}, ["A", "D"]),
        ({"event_types": ("Battles",), "actors": ("JNIM",)}, ["A"]),
        ({"sub_event_types": ("Armed clash",)}, ["A"]),
        ({"sub_event_types": ("Armed clash", "Air/drone strike")}, ["A", "D"]),
        ({"sub_event_types": ("Sexual violence",)}, []),
        ({"max_fatalities": 12}, ["A", "C"]),  # unknown is not "at most 12"
        ({"max_fatalities": 0}, ["C"]),  # a reported 0, not an unknown toll
        ({"min_fatalities": 1, "max_fatalities": 12}, ["A"]),
        ({"min_fatalities": 12, "max_fatalities": 12}, ["A"]),
        ({"min_fatalities": 13, "max_fatalities": 50}, ["D"]),
        ({"civilian_targeting": True}, ["B", "D"]),
        ({"civilian_targeting": False}, ["A", "B", "C", "D"]),
        ({"civilian_targeting": True, "max_fatalities": 100}, ["D"]),  # B's toll is unknown
        ({"event_types": ("Battles",), "sub_event_types": ("Armed clash",), "min_fatalities": 1}, ["A"]),
        ({"sub_event_types": ("Attack", "Air/drone strike"), "civilian_targeting": True, "regions": ("Kidal",)}, ["D"]),
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


@pytest.mark.parametrize(
    ("fields", "criteria"),
    [
        ({"sub_event_types": ("Armed clash",)}, "Armed clash"),
        ({"event_types": ("Battles",), "sub_event_types": ("Armed clash",)}, "Battles – Armed clash"),
        (
            {"event_types": ("Battles", "Violence against civilians"), "sub_event_types": ("Armed clash", "Attack")},
            "Battles and Violence against civilians – Armed clash and Attack",
        ),
        ({"min_fatalities": 1, "max_fatalities": 50}, "1–50 killed"),
        ({"min_fatalities": 1000, "max_fatalities": 2500}, "1,000–2,500 killed"),
        ({"max_fatalities": 50}, "at most 50 killed"),
        ({"max_fatalities": 0}, "0 killed"),
        ({"min_fatalities": 3, "max_fatalities": 3}, "3 killed"),
        ({"civilian_targeting": True}, "civilians targeted"),
        (
            {"actors": ("JNIM",), "event_types": ("Battles",), "sub_event_types": ("Armed clash",),
             "regions": ("Gao",), "min_fatalities": 1, "max_fatalities": 50, "civilian_targeting": True,
             "text": "ambush", "precise_only": True},
            "JNIM, Battles – Armed clash, Gao, 1–50 killed, civilians targeted, mentioning “ambush”, "
            "exact day and place only",
        ),
    ],
)  # fmt: skip
def test_describe_names_the_new_criteria(fields, criteria):
    selection = EventFilter(date(2024, 1, 1), date(2026, 4, 29), **fields)
    assert describe(selection, 3, 24) == f"Showing 3 of 24 events: {criteria}, 1 Jan 2024 – 29 Apr 2026"


def test_new_fields_agree_with_apply_filter_on_the_shipped_data(dataset):
    events = dataset.events
    selection = EventFilter(
        date(2012, 1, 1), date(2026, 12, 31), sub_event_types=("Armed clash",), min_fatalities=1, max_fatalities=50
    )
    kept = apply_filter(events, selection)
    expected = events[
        (events["sub_event_type"] == "Armed clash") & events["fatalities"].notna() & events["fatalities"].between(1, 50)
    ]
    assert 0 < len(kept) < len(events)
    assert list(kept["event_id_cnty"]) == list(expected["event_id_cnty"])
