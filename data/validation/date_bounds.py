"""Plausible event dates, checked after the strict parser (``data.dates``) has read them.

A date the typed columns cannot hold at all (pandas' nanosecond timestamps: ``0001-01-01``) is a
cell's fault; a date outside ``CONFLICT_MAP_FIRST_EVENT_DATE`` .. ``CONFLICT_MAP_LAST_EVENT_DATE``
is a row's fault, reported with the setting that refused it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

# Dates a typed column can hold at all (pandas' nanosecond timestamps): 0001-01-01 is a row's fault.
HOLDABLE_DATES = (date(1678, 1, 1), date(2261, 12, 31))
EVENT_DATES = ("event_date", "date_end")


def unholdable(day: date, text: str) -> str | None:
    """Why ``day`` (read from ``text``) cannot be held by a typed column, or ``None``."""
    if HOLDABLE_DATES[0] <= day <= HOLDABLE_DATES[1]:
        return None
    low, high = (d.isoformat() for d in HOLDABLE_DATES)
    return f"{text} is outside the dates this app can hold ({low} to {high})"


def bound_errors(values: dict, bounds: tuple[date, date]) -> list[tuple[str, str]]:
    """An event's dates must be plausible: within ``bounds`` (``data.config.event_date_bounds``).

    Returns
    -------
    list of (str, str)
        ``(field, reason)`` per date outside the bounds, naming the setting.
    """
    errors = []
    for name in EVENT_DATES:
        day = values.get(name)
        if day is not None and not bounds[0] <= day <= bounds[1]:
            early = day < bounds[0]
            side = "before the earliest" if early else "after the latest"
            setting = "CONFLICT_MAP_FIRST_EVENT_DATE" if early else "CONFLICT_MAP_LAST_EVENT_DATE"
            limit = bounds[0] if early else bounds[1]
            errors.append((name, f"{day.isoformat()} is {side} plausible date {limit.isoformat()} ({setting})"))
    return errors


def within(parsed: dict[str, pd.Series], bounds: tuple[date, date]) -> pd.Series:
    """The fast path's verdict: rows whose parsed dates all lie within ``bounds`` (a missing date passes)."""
    low, high = pd.Timestamp(bounds[0]), pd.Timestamp(bounds[1])
    dates = [parsed[name] for name in EVENT_DATES]
    return pd.concat([d.isna() | ((d >= low) & (d <= high)) for d in dates], axis=1).all(axis=1)
