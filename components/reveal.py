"""Show a chosen event on the map even when the window or the filters hide it.

"Show on the map" beside a possible duplicate and an accepted draft both ask for one event. The ask
is kept until the next run's start, before the window and the filters are read, because a widget's
value can only be set before it is drawn: then the window widens to the event's dates and filters
that hide it are cleared, and the event is selected, so the map centres on it. Session key:
``{key}.id``.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import filters_sidebar, selection, timeline
from components.plain import markdown


def ask(event_id: str, key: str = "reveal") -> None:
    """Select ``event_id`` and show it on the next run, whatever the window and filters are now."""
    selection.choose(event_id)
    st.session_state[f"{key}.id"] = event_id


def apply(events: pd.DataFrame, first_day: date, last_day: date, key: str = "reveal") -> str | None:
    """Run before the window and filters are read: make the asked-for event visible; return what changed.

    Returns a sentence for the page ("The window now includes …", "Filters cleared …"), or ``None``
    when nothing was asked or nothing hid the event.
    """
    event_id = st.session_state.pop(f"{key}.id", None)
    rows = events[events["event_id_cnty"] == event_id] if event_id is not None else events.iloc[:0]
    if rows.empty:  # nothing asked, or not in the record
        return None
    changed = []
    if filters_sidebar.hides(rows):
        filters_sidebar.clear()
        changed.append("the filters were cleared")
    start, end = timeline.window() or (first_day, last_day)
    day, last = rows["event_date"].iloc[0].date(), rows["date_end"].iloc[0].date()
    if day < start or last > end:
        timeline.set_window(min(start, day), max(end, last))
        changed.append("the window was widened to its dates")
    if not changed:
        return None
    said = f"To show event {event_id}, {' and '.join(changed)}."
    st.toast(markdown(said), icon=":material/visibility:")  # the id is data: escaped, never Markdown
    return said
