"""Chart data: the filtered events reduced to a few hundred rows before anything reaches the browser.

Every function takes the validated events and a boolean mask (the page's filtered set), and works
on the masked columns' numpy arrays, so a million events cost tens of milliseconds, not a frame copy.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from data.filters import EventFilter, attribute_mask, window_mask

EPOCH = np.datetime64("1970-01-01", "D")
# 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday (ISO weeks).
_MONDAY_SHIFT = 3
TOP_ACTORS = 10
# The timeline strip draws each event when there are at most this many, else weekly counts.
STRIP_EVENT_LIMIT = 300


def week_start(days: np.ndarray) -> np.ndarray:
    """The Monday on or before each day (``datetime64[D]`` in, ``datetime64[D]`` out)."""
    number = (days - EPOCH).astype(np.int64)
    return EPOCH + (number - (number + _MONDAY_SHIFT) % 7)


def _days(events: pd.DataFrame, column: str, mask: np.ndarray) -> np.ndarray:
    return events[column].to_numpy("datetime64[ns]")[mask].astype("datetime64[D]")


def weekly_counts(events: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """Events per week (by first day) and type: columns ``week``, ``event_type``, ``events``.

    Examples
    --------
    Two battles on Tue 14 and Fri 17 Nov 2023 give one row: week 2023-11-13, Battles, 2.
    """
    frame = pd.DataFrame(
        {"week": week_start(_days(events, "event_date", mask)), "event_type": events["event_type"].to_numpy()[mask]}
    )
    counts = frame.groupby(["week", "event_type"], sort=True).size().rename("events").reset_index()
    counts["week"] = pd.to_datetime(counts["week"])
    return counts


def monthly_fatalities(events: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """Reported deaths per month (by first day): ``month``, ``fatalities``, ``events``, ``unreported``.

    ``fatalities`` sums the known tolls only, and is missing (not 0) for a month where no event has
    a reported toll; ``unreported`` counts the month's events whose toll is not reported.
    """
    months = _days(events, "event_date", mask).astype("datetime64[M]")
    tolls = events["fatalities"].to_numpy(dtype="float64", na_value=np.nan)[mask]
    frame = pd.DataFrame({"month": months, "toll": tolls})
    grouped = frame.groupby("month", sort=True)["toll"]
    table = pd.DataFrame(
        {"fatalities": grouped.sum(min_count=1), "events": grouped.size(), "unreported": grouped.apply(_missing)}
    ).reset_index()
    table["fatalities"] = table["fatalities"].round().astype("Int64")
    table["month"] = pd.to_datetime(table["month"])
    return table


def _missing(values: pd.Series) -> int:
    return int(values.isna().sum())


def top_actors(events: pd.DataFrame, mask: np.ndarray, limit: int = TOP_ACTORS) -> pd.DataFrame:
    """The actors in most events (either side; an actor on both sides of one event counts once).

    Returns ``actor`` and ``events``, most first, ties by name.
    """
    first = events["actor1"].to_numpy()[mask]
    second = events["actor2"].to_numpy()[mask]
    both = pd.Series(np.concatenate([first, second[second != first]]))
    counts = both[both != ""].value_counts()
    table = counts.rename_axis("actor").reset_index(name="events")
    return (
        table.sort_values(["events", "actor"], ascending=[False, True], kind="stable")
        .head(limit)
        .reset_index(drop=True)
    )


def timeline_spans(events: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """One row per event for the timeline strip: ``start``, ``end`` (day after the last), ``dating``.

    A day-exact event spans one day; a range or an approximate date spans all the days it may be.
    """
    starts = _days(events, "event_date", mask)
    lasts = events["date_end"].fillna(events["event_date"]).to_numpy("datetime64[ns]")[mask].astype("datetime64[D]")
    precision = events["time_precision"].to_numpy(dtype="int64", na_value=3)[mask]
    exact = (precision <= 1) & (lasts == starts)
    words = np.where(precision >= 3, "month or longer", "within days")
    return pd.DataFrame(
        {
            "start": pd.to_datetime(starts),
            "end": pd.to_datetime(lasts + np.timedelta64(1, "D")),
            "dating": np.where(exact, "exact day", words),
            "type": events["event_type"].to_numpy()[mask],
            "id": events["event_id_cnty"].to_numpy()[mask],
        }
    )


def weekly_dating(events: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """For a large record's strip: events per week split into ``exact day`` and ``approximate``."""
    precision = events["time_precision"].to_numpy(dtype="int64", na_value=3)[mask]
    frame = pd.DataFrame(
        {
            "week": week_start(_days(events, "event_date", mask)),
            "dating": np.where(precision <= 1, "exact day", "approximate"),
        }
    )
    counts = frame.groupby(["week", "dating"], sort=True).size().rename("events").reset_index()
    counts["week"] = pd.to_datetime(counts["week"])
    return counts


def precise_only_hides(events: pd.DataFrame, selection: EventFilter) -> tuple[int, int]:
    """``(hidden, in_view)``: how many events the "exact day and place only" switch hides, of how many.

    Counted with every other filter of ``selection`` applied, whether the switch is on or off, so
    the sidebar can say what it hides (or would hide).
    """
    loose = replace(selection, precise_only=False)
    in_view = window_mask(events, loose) & attribute_mask(events, loose)
    times = events["time_precision"].to_numpy(dtype="int64", na_value=3)
    places = events["geo_precision"].to_numpy(dtype="int64", na_value=3)
    exact = (times == 1) & (places == 1)
    return int(np.count_nonzero(in_view & ~exact)), int(np.count_nonzero(in_view))
