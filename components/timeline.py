"""The page's window: a date range, and an as-of date that is the range's end unless set apart (session state)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from data.view.filters import EventFilter


def _clamp(day: date, first: date, last: date) -> date:
    return min(max(day, first), last)


def _follow_bounds(range_key: str, bounds_key: str, bounds: tuple[date, date]) -> None:
    """Keep the window valid when the record grows: a window showing everything keeps doing so."""
    previous = st.session_state.get(bounds_key)
    window = st.session_state.get(range_key)
    if window is None or window == previous:
        st.session_state[range_key] = bounds
    elif previous != bounds:
        start, end = (_clamp(day, *bounds) for day in window)
        st.session_state[range_key] = (start, max(start, end))
    st.session_state[bounds_key] = bounds


def current(first_day: date, last_day: date, key: str = "timeline") -> EventFilter:
    """The filter the page's window sets: its range, and the as-of date when set apart from its end.

    Nothing is drawn here: the time bar under the map (``components.timebar``) moves the window in
    the browser and reports it, and story steps and shared links set it from the server. Session
    keys: ``{key}.range`` (tuple of dates), ``{key}.apart`` (bool), ``{key}.as_of`` (date),
    ``{key}.bounds`` (the record's first and last day at the last run).
    """
    _follow_bounds(f"{key}.range", f"{key}.bounds", (first_day, last_day))
    start, end = st.session_state[f"{key}.range"]
    as_of = None
    if st.session_state.setdefault(f"{key}.apart", False):
        as_of = _clamp(st.session_state.get(f"{key}.as_of", end), first_day, last_day)
        st.session_state[f"{key}.as_of"] = as_of
    return EventFilter(start=start, end=end, as_of=as_of)


def window(key: str = "timeline") -> tuple[date, date] | None:
    """The window the page holds (``None`` before its first run)."""
    return st.session_state.get(f"{key}.range")


def set_window(start: date, end: date, as_of: date | None = None, key: str = "timeline") -> None:
    """Move the window (story steps, the bar's report): call before ``current`` runs, e.g. from a callback.

    ``as_of`` other than ``end`` sets the as-of date apart; otherwise it follows the window's end.
    Dates are clamped to the record's bounds once ``current`` has run.
    """
    bounds = st.session_state.get(f"{key}.bounds")
    if bounds:
        start, end = _clamp(start, *bounds), _clamp(end, *bounds)
        as_of = None if as_of is None else _clamp(as_of, *bounds)
    st.session_state[f"{key}.range"] = (start, max(start, end))
    apart = as_of is not None and as_of != end
    st.session_state[f"{key}.apart"] = apart
    if apart:
        st.session_state[f"{key}.as_of"] = as_of
