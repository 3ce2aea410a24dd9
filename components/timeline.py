"""The timeline: a date-range slider, and an as-of date that is the range's end unless set apart."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from data.view.filters import EventFilter

DATE_FORMAT = "D MMM YYYY"
LOCKED_HELP = "The story's step sets these dates; turn the story off to move them."


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


def _day_slider(label: str, bounds: tuple[date, date], key: str, locked: bool, help_text: str | None = None):
    """A slider over the record's days (its value is the session key's: one date or a window)."""
    return st.slider(
        label,
        min_value=bounds[0],
        max_value=bounds[1],
        step=timedelta(days=1),
        format=DATE_FORMAT,
        key=key,
        disabled=locked,
        help=help_text,
    )


def show(first_day: date, last_day: date, locked: bool = False, key: str = "timeline") -> EventFilter:
    """Draw the timeline and return the filter it sets; ``locked``: a story step holds the dates.

    Session keys: ``{key}.range`` (tuple of dates), ``{key}.apart`` (bool), ``{key}.as_of`` (date),
    ``{key}.bounds`` (the record's first and last day at the last run).
    """
    range_key, apart_key, as_of_key = f"{key}.range", f"{key}.apart", f"{key}.as_of"
    _follow_bounds(range_key, f"{key}.bounds", (first_day, last_day))
    window_help = LOCKED_HELP if locked else "Events whose date (or date range) overlaps this window are on the map."
    start, end = _day_slider("Events between", (first_day, last_day), range_key, locked, window_help)
    apart = st.toggle(
        "Set the as-of date apart",
        key=apart_key,
        disabled=locked,
        help="Territory and town status are drawn as they stood on the as-of date.",
    )
    as_of = None
    if apart:
        default = _clamp(st.session_state.get(as_of_key, end), first_day, last_day)
        st.session_state[as_of_key] = default
        as_of = _day_slider("Territory as of", (first_day, last_day), as_of_key, locked)
    return EventFilter(start=start, end=end, as_of=as_of)


def window(key: str = "timeline") -> tuple[date, date] | None:
    """The window the timeline holds (``None`` before its first run)."""
    return st.session_state.get(f"{key}.range")


def set_window(start: date, end: date, as_of: date | None = None, key: str = "timeline") -> None:
    """Move the timeline (story steps, playback): call before ``show`` runs, e.g. from a callback.

    ``as_of`` other than ``end`` sets the as-of date apart; otherwise it follows the window's end.
    Dates are clamped to the record's bounds once ``show`` has run.
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
