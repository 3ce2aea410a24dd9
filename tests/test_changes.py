"""What changed since a date: periods, new events, control changes, tolls (unknown is not zero)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.view.changes import ControlChange, Period, Toll, toll, town_changes, what_changed
from tests.conftest import PUBLISHED


def events_frame(*rows: tuple[str, str | None, int | None]) -> pd.DataFrame:
    """Events as ``(first day, last day or None, fatalities or None)``."""
    return pd.DataFrame(
        {
            "event_id_cnty": [f"E{i}" for i in range(len(rows))],
            "event_date": pd.to_datetime([r[0] for r in rows]),
            "date_end": pd.to_datetime([r[1] or r[0] for r in rows]),
            "fatalities": pd.array([r[2] for r in rows], dtype="Int64"),
        }
    )


def records(*rows: tuple[str, str, str, str, str | None]) -> pd.DataFrame:
    """Town or territory records as ``(place, status, actor, valid_from, valid_to)``."""
    frame = pd.DataFrame(rows, columns=["town", "status", "actor", "valid_from", "valid_to"])
    frame["name"] = frame["town"]
    frame["source"] = "Test source"
    frame["valid_from"] = pd.to_datetime(frame["valid_from"])
    frame["valid_to"] = pd.to_datetime(frame["valid_to"])
    return frame


NO_RECORDS = records()


@pytest.mark.parametrize(
    ("period", "days", "previous", "label"),
    [
        (Period(date(2026, 4, 23), date(2026, 4, 29)), 7, Period(date(2026, 4, 16), date(2026, 4, 22)),
         "23 Apr 2026 – 29 Apr 2026 (7 days)"),
        (Period(date(2026, 4, 29), date(2026, 4, 29)), 1, Period(date(2026, 4, 28), date(2026, 4, 28)),
         "29 Apr 2026 – 29 Apr 2026 (1 day)"),
        (Period(date(2026, 3, 1), date(2026, 3, 31)), 31, Period(date(2026, 1, 29), date(2026, 2, 28)),
         "1 Mar 2026 – 31 Mar 2026 (31 days)"),
    ],
)  # fmt: skip
def test_period_length_previous_and_label(period, days, previous, label):
    assert period.days == days
    assert period.previous() == previous
    assert period.label() == label


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], Toll(0, 0, 0)),
        ([("2026-04-25", "2026-04-26", 3), ("2026-04-28", None, 4)], Toll(7, 2, 0)),
        # Not reported is not zero: the event is counted, its toll is not.
        ([("2026-04-25", None, None), ("2026-04-28", None, 0)], Toll(0, 2, 1)),
        # The period the event starts in owns it: a range that starts before is not counted.
        ([("2026-04-22", "2026-04-24", 50), ("2026-04-29", None, 1)], Toll(1, 1, 0)),
        ([("2026-04-30", None, 9)], Toll(0, 0, 0)),
    ],
)
def test_toll_of_a_period(rows, expected):
    assert toll(events_frame(*rows), Period(date(2026, 4, 23), date(2026, 4, 29))) == expected


def test_new_events_and_tolls_against_the_previous_period():
    events = events_frame(
        ("2026-04-10", None, 100),  # before both periods
        ("2026-04-16", None, 5),  # first day of the previous period
        ("2026-04-22", None, None),  # the 'since' day itself belongs to the previous period
        ("2026-04-23", None, 2),
        ("2026-04-29", None, None),
        ("2026-04-30", None, 7),  # after the as-of date
    )
    changes = what_changed(events, NO_RECORDS, NO_RECORDS, since=date(2026, 4, 22), as_of=date(2026, 4, 29))
    assert changes.period == Period(date(2026, 4, 23), date(2026, 4, 29))
    assert changes.previous == Period(date(2026, 4, 16), date(2026, 4, 22))
    assert list(changes.new_events["event_id_cnty"]) == ["E3", "E4"]
    assert changes.toll == Toll(killed=2, events=2, unreported=1)
    assert changes.previous_toll == Toll(killed=5, events=2, unreported=1)


@pytest.mark.parametrize(("since", "as_of"), [(date(2026, 4, 29), date(2026, 4, 29)), (date(2026, 5, 1), PUBLISHED)])
def test_since_must_be_before_the_as_of_date(since, as_of):
    with pytest.raises(ValueError, match=rf"'since' \({since.isoformat()}\) must be before the as-of date"):
        what_changed(events_frame(), NO_RECORDS, NO_RECORDS, since, as_of)


KIDAL = records(
    ("Kidal", "controlled", "CMA", "2014-05-21", "2023-11-14"),
    ("Kidal", "controlled", "FAMa", "2023-11-14", "2026-04-28"),
    ("Kidal", "controlled", "FLA", "2026-04-28", None),
    ("Ber", "contested", "JNIM", "2026-04-01", "2026-04-26"),  # ends with no successor
    ("Anefis", "controlled", "FLA", "2026-04-24", None),  # first record of the town
)


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2026-04-23", "2026-04-29", [
            ("Anefis", "2026-04-24", "controlled by FLA"),
            ("Ber", "2026-04-26", "no longer contested by JNIM"),
            ("Kidal", "2026-04-28", "controlled by FAMa → controlled by FLA"),
        ]),
        ("2023-11-01", "2023-11-30", [("Kidal", "2023-11-14", "controlled by CMA → controlled by FAMa")]),
        ("2025-01-01", "2025-12-31", []),
    ],
)  # fmt: skip
def test_town_changes(first, last, expected):
    period = Period(date.fromisoformat(first), date.fromisoformat(last))
    got = town_changes(KIDAL, period)
    assert [(c.place, c.day.isoformat(), c.change) for c in got] == expected
    assert all(c.source == "Test source" for c in got)


def test_territory_records_that_start_or_end_in_the_period():
    territories = records(
        ("Azawad (MNLA)", "claimed", "MNLA", "2012-04-06", "2024-11-30"),
        ("Azawad (FLA)", "claimed", "FLA", "2024-11-30", None),
        ("North", "controlled", "MNLA", "2012-04-01", "2012-06-28"),
    )
    changes = what_changed(events_frame(), territories, NO_RECORDS, date(2024, 11, 25), date(2024, 12, 1))
    assert changes.control == (
        ControlChange(date(2024, 11, 30), "Azawad (FLA)", "claimed by FLA", "Test source"),
        ControlChange(date(2024, 11, 30), "Azawad (MNLA)", "no longer claimed by MNLA", "Test source"),
    )


def test_a_territory_passing_from_one_holder_to_the_next_is_one_change():
    territories = records(
        ("Kidal region", "contested", "FAMa", "2023-11-14", "2026-04-28"),
        ("Kidal region", "contested", "FLA", "2026-04-28", None),
    )
    changes = what_changed(events_frame(), territories, NO_RECORDS, date(2026, 4, 22), date(2026, 4, 29))
    assert changes.control == (
        ControlChange(date(2026, 4, 28), "Kidal region", "contested by FAMa → contested by FLA", "Test source"),
    )


def test_the_shipped_data_reports_kidal_changing_hands_in_the_offensive(dataset):
    changes = what_changed(dataset.events, dataset.territories, dataset.towns, date(2026, 4, 22), PUBLISHED)
    kidal = [c for c in changes.control if c.place == "Kidal"]
    assert len(kidal) == 1
    assert kidal[0].change.endswith("→ controlled by FLA")
    expected = dataset.events["event_date"].between(pd.Timestamp("2026-04-23"), pd.Timestamp(PUBLISHED))
    assert len(changes.new_events) == int(expected.sum()) > 0
    assert changes.toll.events == len(changes.new_events)
