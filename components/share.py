"""Shareable views: the address bar always holds a link to what is on screen.

Opening a link seeds, once per session, the session keys of the components that own each part of
the view (before they are drawn); every rerun writes the current view back to ``st.query_params``.
The codec (``data.view.view_state``) is pure; this module only moves values between it and the page.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import filters_sidebar
from components.plain import markdown
from data.view.filters import EventFilter, criteria_of
from data.view.view_state import PARAMS, Choices, View, params_from_view, view_from_params
from geo.map.elements import latlon

# The session keys of the view's owners: publication, timeline, filters_sidebar, the event table
# (selection) and briefing mode (presentation).
PUBLISHED, TIMELINE, FILTERS = "published", "timeline", "filters"
SELECTED, PRESENTING = "selection.event_id", "presentation.on"
MAX_NOTICES = 8


def _url_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def open_link(key: str = "share") -> None:
    """First run only: seed what is drawn before the data loads (publication date, mode)."""
    if st.session_state.get(f"{key}.opened"):
        return
    st.session_state[f"{key}.opened"] = True
    view, _ = view_from_params(_url_params())  # notices come with the full check in ``restore``
    if view.published is not None:
        st.session_state[PUBLISHED] = view.published
    if view.present:
        st.session_state[PRESENTING] = True


def _seed(view: View, first_day: date, last_day: date) -> None:
    if view.start is not None or view.end is not None:
        st.session_state[f"{TIMELINE}.range"] = (view.start or first_day, view.end or last_day)
    if view.as_of is not None:
        st.session_state[f"{TIMELINE}.apart"] = True
        st.session_state[f"{TIMELINE}.as_of"] = view.as_of
    filters_sidebar.seed(criteria_of(view), key=FILTERS)
    if view.event_id is not None:
        st.session_state[SELECTED] = view.event_id


def _dismiss(key: str) -> None:
    st.session_state[f"{key}.notices"] = []


def restore(
    options: dict[str, list[str]], events: pd.DataFrame, first_day: date, last_day: date, key: str = "share"
) -> View:
    """Seed the filters, timeline and selection from the URL once; show its notices until dismissed.

    Parameters
    ----------
    options : dict
        The filter lists (``actors``, ``regions``); values outside them cannot be selected.
    events : pandas.DataFrame
        The loaded events (their ids tell a selected event that exists).
    first_day, last_day : datetime.date
        The record's bounds: dates outside move to the nearest.

    Returns
    -------
    View
        The view the link asked for (its ``center`` and ``zoom`` move the map once).
    """
    if f"{key}.asked" not in st.session_state:
        ids = set(events["event_id_cnty"])
        names = {name: set(values) for name, values in options.items()}
        choices = Choices(first_day, last_day, names, ids)
        view, notices = view_from_params(_url_params(), choices)
        _seed(view, first_day, last_day)
        st.session_state[f"{key}.asked"] = view
        st.session_state[f"{key}.notices"] = [str(notice) for notice in notices]
    notices = st.session_state[f"{key}.notices"]
    for notice in notices[:MAX_NOTICES]:
        st.warning(f"From the link: {markdown(notice)}", icon=":material/link_off:")
    if len(notices) > MAX_NOTICES:
        st.warning(f"From the link: {len(notices) - MAX_NOTICES} more parameter(s) not used.")
    if notices:
        st.button("Dismiss", key=f"{key}.dismiss", on_click=_dismiss, args=(key,))
    return st.session_state[f"{key}.asked"]


def _map_part(asked: View, reported, defaults: tuple[tuple[float, float], int], key: str) -> dict:
    """Centre and zoom as the map last reported them, defaults dropped.

    Until the map has moved, its report is its unmoved base view (sent before the link's centre is
    applied), so the link's own centre and zoom stand for it.
    """
    moved_key = f"{key}.map_moved"
    if reported is not None and reported != defaults:
        st.session_state[moved_key] = True
    center, zoom = reported if st.session_state.get(moved_key) else (asked.center, asked.zoom)
    if center is not None and all(abs(a - b) < 5e-5 for a, b in zip(center, defaults[0], strict=True)):
        center = None
    return {"center": center, "zoom": None if zoom == defaults[1] else zoom}


def publish(
    selection: EventFilter,
    published: date,
    defaults: tuple[date, date, date],
    reported_map,
    map_defaults: tuple[tuple[float, float], int],
    key: str = "share",
) -> dict[str, str | list[str]]:
    """Write the view on screen to the address bar (only when it changed); return its parameters.

    ``defaults`` are the record's first and last day and the default publication date;
    ``reported_map`` is ``((lon, lat), zoom)`` as the map last reported it, or ``None``.
    """
    first_day, last_day, default_published = defaults
    view = View(
        **criteria_of(selection),
        start=None if selection.start == first_day else selection.start,
        end=None if selection.end == last_day else selection.end,
        as_of=selection.as_of,
        published=None if published == default_published else published,
        event_id=st.session_state.get(SELECTED),
        present=bool(st.session_state.get(PRESENTING)),
        **_map_part(st.session_state.get(f"{key}.asked", View()), reported_map, map_defaults, key),
    )
    params = params_from_view(view)
    current = _url_params()
    wanted = {name: values for name, values in current.items() if name not in PARAMS}
    wanted |= {name: value if isinstance(value, list) else [value] for name, value in params.items()}
    # The browser may send a rerun before the last write reached its address bar (its query string
    # is then stale), so compare with what was last written too.
    if wanted != current or wanted != st.session_state.get(f"{key}.written"):
        st.query_params.from_dict(wanted)
        st.session_state[f"{key}.written"] = wanted
    return params


def link_view(asked: View) -> tuple[list[float] | None, int | None] | None:
    """The link's map view for ``map_view.show``: ``([lat, lon] or None, zoom or None)``, or ``None``."""
    if asked.center is None and asked.zoom is None:
        return None
    center = None if asked.center is None else latlon(*asked.center)
    return center, asked.zoom
