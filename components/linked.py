"""Map, table, charts and timeline strip linked: one filtered set, one selected event.

The page computes the filtered set once (``in_view``: timeline window and sidebar filters); every
view here reads that same mask, so their counts cannot disagree.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from components import charts, event_table, map_view, selection, timebar
from data.view.aggregate import (
    STRIP_EVENT_LIMIT,
    EventCodes,
    event_codes,
    monthly_fatalities,
    timeline_spans,
    top_actors,
    weekly_counts,
    weekly_dating,
)
from data.view.shown import Shown
from geo.map.halos import focus_view
from geo.map.selection import clicked_event_id, selected_event
from geo.map.table import TableRows, table_rows

TABS = ("Table", "Charts")


def picked_event(
    events: pd.DataFrame, in_view: np.ndarray, map_key: str = "map", table_key: str = "table", bar_key: str = "timebar"
):
    """Apply a click on the map or a row chosen in the table since the last run; return the selected event.

    Runs before the map is built, so its highlight and centre follow the choice in the same run.
    Returns the event's record when it is in view, else ``None`` (an id out of view stays selected,
    so widening the filters shows it again).
    """
    click = map_view.pending_click(map_key)
    if click is not None:
        selection.choose(clicked_event_id(events, in_view, click), on_map=True)
    symbol = timebar.pending_pick(bar_key)  # a symbol names its event by id
    if symbol is not None:
        selection.choose(symbol, on_map=True)
    rows = event_table.pending(table_key)
    if rows is not None:
        selection.choose(rows[0] if rows else None)
    return selected_event(events, in_view, selection.current())


def focus(event: dict | None, map_key: str = "map") -> tuple[list[float], int] | None:
    """Where the map centres the selected event (``([lat, lon], zoom)`` or ``None``).

    Clicked on the map: at the map's own zoom (centred, no zoom jump); chosen in the table, by a
    link or a button: at the zoom its place precision calls for.
    """
    reported = map_view.reported_view(map_key)
    keep = reported[1] if reported is not None and selection.chosen_on_map() else None
    return focus_view(event, zoom=keep)


@st.cache_resource(max_entries=4)
def _codes(version: str, published: date, _events: pd.DataFrame) -> EventCodes:
    return event_codes(_events)


# cache_resource with the frame and mask unhashed: keyed on the store version and the filter, so a
# rerun that changes neither (a row click) costs nothing, even for a million events. Table and
# charts are cached apart: only the view on screen is built.
@st.cache_resource(max_entries=16)
def _table(version: str, view_key: tuple, _events: pd.DataFrame, _in_view: np.ndarray) -> TableRows:
    return table_rows(_events, _in_view)


@st.cache_resource(max_entries=16)
def _chart_specs(version: str, view_key: tuple, _events: pd.DataFrame, _in_view: np.ndarray) -> dict:
    codes = _codes(version, view_key[0], _events)
    return charts.chart_specs(
        weekly_counts(_events, _in_view, codes),
        monthly_fatalities(_events, _in_view, codes),
        top_actors(_events, _in_view, codes=codes),
    )


@st.cache_resource(max_entries=16)
def _strip_spec(version: str, view_key: tuple, bounds: tuple, _events: pd.DataFrame, _rows: np.ndarray) -> dict:
    """The strip's Vega-Lite spec, built once per filter with the whole record as its window.

    Altair's build and validation cost ~100 ms a run; a timeline move only swaps the window band's
    rows (``charts.with_window``).
    """
    if np.count_nonzero(_rows) <= STRIP_EVENT_LIMIT:
        return charts.spans_strip(timeline_spans(_events, _rows), bounds, bounds).to_dict()
    data = weekly_dating(_events, _rows, _codes(version, view_key[0], _events))
    return charts.weekly_strip(data, bounds, bounds).to_dict()


def show_strip(version: str, published: date, events, view: Shown, bounds, key: str = "strip") -> None:
    """The events-over-time strip: the events passing the sidebar filters over the whole record.

    The view's window is shaded: only that band changes on a timeline move.
    """
    spec = _strip_spec(version, (published, *view.criteria_key), tuple(bounds), events, view.chosen_rows)
    charts.show_strip(charts.with_window(spec, (view.selection.start, view.selection.end)), key=key)


def show(version: str, published: date, events: pd.DataFrame, view: Shown, key: str = "views") -> None:
    """Table and charts of the events in the view's window, in two tabs; only the open tab is built and sent.

    Session key ``{key}.tab``: the open tab's label ("Table" by default). Streamlit would otherwise
    build both tabs on every run (three Vega charts re-drawn in the browser on each timeline move, unseen).
    """
    view_key, in_view = (published, *view.window_key), view.in_window
    table_tab, charts_tab = st.tabs(TABS, key=f"{key}.tab", on_change="rerun")
    if table_tab.open:
        with table_tab:
            event_table.show(_table(version, view_key, events, in_view), selection.current(), key="table")
    if charts_tab.open:
        with charts_tab:
            specs = _chart_specs(version, view_key, events, in_view)
            charts.show(specs, not in_view.any(), key=f"{key}.charts")
