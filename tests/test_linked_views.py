"""Unit tables for the linked views' pure pieces: chart aggregations, table rows, clicks, precise-only count."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from data.validation.validate import validate_events
from data.view.aggregate import (
    monthly_fatalities,
    precise_only_hides,
    timeline_spans,
    top_actors,
    week_start,
    weekly_counts,
    weekly_dating,
)
from data.view.filters import EventFilter
from geo.map.selection import MapClick, clicked_event_id, selected_event
from geo.map.table import TABLE_LIMIT, dating_text, place_precision_text, table_rows
from tests.conftest import event_row, raw_table


def frame(*rows: dict) -> pd.DataFrame:
    result = validate_events(raw_table(*rows), "t.csv")
    assert not result.rejected, result.rejected
    return result.kept


def every(events: pd.DataFrame) -> np.ndarray:
    return np.ones(len(events), dtype=bool)


@pytest.fixture
def small():
    return frame(
        event_row(event_id_cnty="A", event_date="2023-11-14", fatalities="3", actor1="FAMa", actor2="JNIM"),
        event_row(event_id_cnty="B", event_date="2023-11-17", fatalities="", actor1="JNIM", actor2=""),
        event_row(
            event_id_cnty="C", event_date="2023-12-02", date_end="2023-12-03", time_precision="2",
            fatalities="0", event_type="Strategic developments", sub_event_type="Headquarters or base established",
            actor1="FLA", actor2="FLA", geo_precision="2",
        ),
        event_row(event_id_cnty="D", event_date="2024-01-05", fatalities="", actor1="FAMa", actor2="FLA",
                  time_precision="3", date_end="2024-01-31"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        ("2023-11-13", "2023-11-13"),  # a Monday is its own week
        ("2023-11-14", "2023-11-13"),
        ("2023-11-19", "2023-11-13"),  # Sunday closes the week
        ("2023-11-20", "2023-11-20"),
        ("1970-01-01", "1969-12-29"),  # before and at the epoch (a Thursday)
        ("1969-12-28", "1969-12-22"),
    ],
)
def test_weeks_start_on_monday(day, monday):
    assert week_start(np.array([day], dtype="datetime64[D]"))[0] == np.datetime64(monday)


def test_weekly_counts_group_by_week_and_type(small):
    counts = weekly_counts(small, every(small))
    assert counts.to_dict("records") == [
        {"week": pd.Timestamp("2023-11-13"), "event_type": "Battles", "events": 2},
        {"week": pd.Timestamp("2023-11-27"), "event_type": "Strategic developments", "events": 1},
        {"week": pd.Timestamp("2024-01-01"), "event_type": "Battles", "events": 1},
    ]


def test_weekly_counts_follow_the_mask(small):
    mask = small["event_id_cnty"].isin(["B", "D"]).to_numpy()
    assert weekly_counts(small, mask)["events"].sum() == 2


def test_monthly_fatalities_keep_unknown_apart_from_zero(small):
    table = monthly_fatalities(small, every(small)).set_index("month")
    # November: 3 reported + 1 not reported; December: a reported 0; January: nothing reported.
    assert table.loc["2023-11-01", ["fatalities", "events", "unreported"]].tolist() == [3, 2, 1]
    assert table.loc["2023-12-01", "fatalities"] == 0
    assert pd.isna(table.loc["2024-01-01", "fatalities"])
    assert table.loc["2024-01-01", "unreported"] == 1


def test_top_actors_count_each_event_once_per_actor(small):
    table = top_actors(small, every(small), limit=2)
    # FAMa in A and D, JNIM in A and B, FLA in C (both sides: once) and D: all 2; ties by name.
    assert table.to_dict("records") == [{"actor": "FAMa", "events": 2}, {"actor": "FLA", "events": 2}]


def test_timeline_spans_mark_how_each_date_is_known(small):
    spans = timeline_spans(small, every(small)).set_index("id")
    assert spans.loc["A", "dating"] == "exact day"
    assert spans.loc["C", "dating"] == "within days"
    assert spans.loc["D", "dating"] == "month or longer"
    assert spans.loc["C", "end"] == pd.Timestamp("2023-12-04")  # the day after the last
    assert spans.loc["A", "end"] - spans.loc["A", "start"] == pd.Timedelta(days=1)


def test_weekly_dating_splits_exact_and_approximate(small):
    table = weekly_dating(small, every(small))
    assert table.groupby("dating")["events"].sum().to_dict() == {"approximate": 2, "exact day": 2}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, (2, 4)),  # C (place and date within days) and D (month) are not exact
        ({"precise_only": True}, (2, 4)),  # the same count, switched on
        ({"end": date(2023, 11, 30)}, (0, 2)),
        ({"event_types": ("Strategic developments",)}, (1, 1)),
    ],
)
def test_precise_only_counts_what_it_hides_among_the_other_filters(small, changes, expected):
    selection = EventFilter(**{"start": date(2023, 1, 1), "end": date(2024, 12, 31), **changes})
    assert precise_only_hides(small, selection) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "text"),
    [
        ("2023-11-14", "2023-11-14", 1, "exact day"),
        ("2026-04-28", "2026-04-28", 2, "≈ 28 Apr 2026 (approximate)"),
        ("2026-04-25", "2026-04-26", 2, "≈ 25 Apr 2026 – 26 Apr 2026 (between these days)"),
        ("2023-11-01", "2023-11-30", 3, "≈ Nov 2023 (month; exact day unknown)"),
    ],
)
def test_dating_text(start, end, precision, text):
    assert dating_text(pd.Timestamp(start), pd.Timestamp(end), precision) == text


@pytest.mark.parametrize(
    ("precision", "text"), [(1, "the town itself"), (2, "≈ within 25 km"), (3, "≈ region or country only")]
)
def test_place_precision_text(precision, text):
    assert place_precision_text(precision) == text


def test_table_rows_are_newest_first_with_unknown_tolls_missing(small):
    table = table_rows(small, every(small))
    assert table.ids == ["D", "C", "B", "A"]
    assert table.note == "4 events"
    tolls = table.rows.set_index("Id")["Fatalities"]
    assert pd.isna(tolls["B"])
    assert tolls["C"] == 0
    assert tolls["A"] == 3
    assert table.rows.set_index("Id").loc["A", "Actors"] == "FAMa with Wagner Group vs JNIM"


def test_table_rows_stop_at_the_limit_and_say_so(small):
    table = table_rows(small, small["event_id_cnty"].ne("D").to_numpy(), limit=2)
    assert table.ids == ["C", "B"]
    assert (len(table.rows), table.total) == (2, 3)
    assert table.note == "First 2 of 3 events (newest first)"
    assert TABLE_LIMIT == 1_000


def test_a_click_on_the_map_takes_the_nearest_event(small):
    in_view = every(small)
    # A click on the canvas layer (or beside a symbol): the nearest event within ~10 px, here all at Kidal.
    assert clicked_event_id(small, in_view, MapClick(1.40921, 18.44345, 8)) in {"A", "B", "C", "D"}
    assert clicked_event_id(small, in_view, MapClick(-8.0, 12.6, 8)) is None  # Bamako: far from all


def test_selected_event_only_when_in_view(small):
    assert selected_event(small, every(small), "C")["event_id_cnty"] == "C"
    assert selected_event(small, small["event_id_cnty"].ne("C").to_numpy(), "C") is None
    assert selected_event(small, every(small), None) is None
    assert selected_event(small, every(small), "nope") is None


def test_table_keeps_the_newest_when_cutting_a_large_set():
    rng = np.random.default_rng(3)
    days = pd.Timestamp("2012-01-01") + pd.to_timedelta(rng.permutation(3_000)[:500], unit="D")
    rows = [event_row(event_id_cnty=f"E{i}", event_date=f"{day:%Y-%m-%d}") for i, day in enumerate(days)]
    many = frame(*rows)
    table = table_rows(many, every(many), limit=50)
    expected = many.sort_values("event_date", ascending=False)["event_id_cnty"].head(50).tolist()
    assert table.ids == expected
    assert table.note == "First 50 of 500 events (newest first)"


def test_codes_give_the_same_charts_as_direct_calls(small):
    from data.view.aggregate import event_codes

    codes, mask = event_codes(small), small["event_id_cnty"].ne("A").to_numpy()
    assert weekly_counts(small, mask, codes).equals(weekly_counts(small, mask))
    assert monthly_fatalities(small, mask, codes).equals(monthly_fatalities(small, mask))
    assert top_actors(small, mask, codes=codes).equals(top_actors(small, mask))


def test_the_strip_window_band_moves_without_touching_the_cached_spec(small):
    from components import charts
    from data.view.aggregate import timeline_spans

    bounds = (date(2012, 1, 1), date(2026, 4, 29))
    spec = charts.spans_strip(timeline_spans(small, every(small)), bounds, bounds).to_dict()
    before = json.dumps(spec, sort_keys=True, default=str)
    moved = charts.with_window(spec, (date(2020, 1, 1), date(2020, 12, 31)))
    assert moved["layer"][0]["data"] == {"name": charts.WINDOW_DATASET}  # the spec itself stays the same
    band = moved["datasets"][charts.WINDOW_DATASET].to_dict("records")
    assert band == [{"start": "2020-01-01T00:00:00", "end": "2021-01-01T00:00:00"}]
    assert moved["layer"][1:] == spec["layer"][1:]
    again = charts.with_window(spec, (date(2015, 1, 1), date(2015, 6, 30)))
    assert {**again, "datasets": None} == {**moved, "datasets": None}  # a move changes the band's rows only
    assert json.dumps(spec, sort_keys=True, default=str) == before
