"""Chart data: the filtered events reduced to a few hundred rows before anything reaches the browser.

Every function takes the validated events and a boolean mask (the page's filtered set). The events
are first encoded once as integer codes (``event_codes``: week, month, type, actors, toll); a view
is then a few ``np.bincount`` over the masked codes, so a million events cost milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from data.view.filters import EventFilter, attribute_mask, window_mask
from data.vocabulary import EXACT_DAY, MONTH_OR_LONGER, WITHIN_DAYS

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


@dataclass(frozen=True)
class EventCodes:
    """The columns the charts need, as integer arrays (one entry per event)."""

    week: np.ndarray  # days since 1970-01-01 of the Monday starting the event's first week
    month: np.ndarray  # months since January 1970 of the event's first day
    type_code: np.ndarray  # index into ``types``
    types: np.ndarray
    actor1: np.ndarray  # index into ``actors``; the empty name is an actor too, dropped when counted
    actor2: np.ndarray
    actors: np.ndarray
    toll: np.ndarray  # reported deaths, NaN when not reported
    exact_day: np.ndarray  # bool: time_precision 1


def event_codes(events: pd.DataFrame) -> EventCodes:
    """Encode ``events`` once (about 0.3 s for a million); every view then reuses the codes."""
    days = events["event_date"].to_numpy("datetime64[ns]").astype("datetime64[D]")
    type_code, types = pd.factorize(events["event_type"], sort=True)
    sides, actors = pd.factorize(pd.concat([events["actor1"], events["actor2"]], ignore_index=True), sort=True)
    return EventCodes(
        week=(week_start(days) - EPOCH).astype(np.int64),
        month=days.astype("datetime64[M]").astype(np.int64),
        type_code=type_code,
        types=np.asarray(types, dtype=object),
        actor1=sides[: len(events)],
        actor2=sides[len(events) :],
        actors=np.asarray(actors, dtype=object),
        toll=events["fatalities"].to_numpy(dtype="float64", na_value=np.nan),
        exact_day=events["time_precision"].to_numpy(dtype="int64", na_value=3) <= 1,
    )


def _counts_by(keys: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(key, total)`` for every key present (``keys`` non-negative after offsetting)."""
    if keys.size == 0:
        return keys, np.zeros(0)
    low = keys.min()
    totals = np.bincount(keys - low, weights=weights)
    present = np.flatnonzero(np.bincount(keys - low))
    return present + low, totals[present]


def weekly_counts(events: pd.DataFrame, mask: np.ndarray, codes: EventCodes | None = None) -> pd.DataFrame:
    """Events per week (by first day) and type: columns ``week``, ``event_type``, ``events``.

    Examples
    --------
    Two battles on Tue 14 and Fri 17 Nov 2023 give one row: week 2023-11-13, Battles, 2.
    """
    codes = codes or event_codes(events)
    width = max(len(codes.types), 1)
    keys, totals = _counts_by(codes.week[mask] * width + codes.type_code[mask])
    return pd.DataFrame(
        {
            "week": pd.to_datetime(EPOCH + (keys // width).astype("timedelta64[D]")),
            "event_type": codes.types[keys % width] if keys.size else np.array([], dtype=object),
            "events": totals.astype(np.int64),
        }
    )


def monthly_fatalities(events: pd.DataFrame, mask: np.ndarray, codes: EventCodes | None = None) -> pd.DataFrame:
    """Reported deaths per month (by first day): ``month``, ``fatalities``, ``events``, ``unreported``.

    ``fatalities`` sums the known tolls only, and is missing (not 0) for a month where no event has
    a reported toll; ``unreported`` counts the month's events whose toll is not reported.
    """
    codes = codes or event_codes(events)
    months, tolls = codes.month[mask], codes.toll[mask]
    unknown = np.isnan(tolls)
    keys, counts = _counts_by(months)
    _, summed = _counts_by(months, np.where(unknown, 0.0, tolls))
    _, missing = _counts_by(months, unknown.astype(float))
    known = counts - missing
    return pd.DataFrame(
        {
            "month": pd.to_datetime(keys.astype("datetime64[M]")),
            "fatalities": pd.array(np.where(known > 0, np.round(summed), np.nan), dtype="Int64"),
            "events": counts.astype(np.int64),
            "unreported": missing.astype(np.int64),
        }
    )


def top_actors(
    events: pd.DataFrame, mask: np.ndarray, limit: int = TOP_ACTORS, codes: EventCodes | None = None
) -> pd.DataFrame:
    """The actors in most events (either side; an actor on both sides of one event counts once).

    Returns ``actor`` and ``events``, most first, ties by name.
    """
    codes = codes or event_codes(events)
    first, second = codes.actor1[mask], codes.actor2[mask]
    counts = np.bincount(np.concatenate([first, second[second != first]]), minlength=len(codes.actors))
    table = pd.DataFrame({"actor": codes.actors, "events": counts})
    table = table[(table["events"] > 0) & (table["actor"] != "")]
    table = table.sort_values(["events", "actor"], ascending=[False, True], kind="stable")
    return table.head(limit).reset_index(drop=True)


def timeline_spans(events: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """One row per event for the timeline strip: ``start``, ``end`` (day after the last), ``dating``.

    A day-exact event spans one day; a range or an approximate date spans all the days it may be.
    """
    starts = events["event_date"].to_numpy("datetime64[ns]")[mask].astype("datetime64[D]")
    lasts = events["date_end"].fillna(events["event_date"]).to_numpy("datetime64[ns]")[mask].astype("datetime64[D]")
    precision = events["time_precision"].to_numpy(dtype="int64", na_value=3)[mask]
    exact = (precision <= 1) & (lasts == starts)
    words = np.where(precision >= 3, MONTH_OR_LONGER, WITHIN_DAYS)
    return pd.DataFrame(
        {
            "start": pd.to_datetime(starts),
            "end": pd.to_datetime(lasts + np.timedelta64(1, "D")),
            "dating": np.where(exact, EXACT_DAY, words),
            "type": events["event_type"].to_numpy()[mask],
            "id": events["event_id_cnty"].to_numpy()[mask],
        }
    )


def weekly_dating(events: pd.DataFrame, mask: np.ndarray, codes: EventCodes | None = None) -> pd.DataFrame:
    """For a large record's strip: events per week split into ``exact day`` and ``approximate``."""
    codes = codes or event_codes(events)
    keys, totals = _counts_by(codes.week[mask] * 2 + (~codes.exact_day[mask]).astype(np.int64))
    return pd.DataFrame(
        {
            "week": pd.to_datetime(EPOCH + (keys // 2).astype("timedelta64[D]")),
            "dating": np.where(keys % 2 == 0, EXACT_DAY, "approximate"),
            "events": totals.astype(np.int64),
        }
    )


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
