"""'Reset the view': the whole record, no filter, no selection, the map's first framing.

The button's callback runs before the next run's script, so it may set the filters' widget keys
and the window (which reach the time bar with a new revision, as a story step's do). Session keys:
the button's ``{key}.button`` only; what it resets belongs to the components it names.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from components import filters_sidebar, selection, timeline

LABEL = "Reset the view"


def _reset(first_day: date, last_day: date, framing_key: str) -> None:
    filters_sidebar.clear()
    timeline.set_window(first_day, last_day)
    selection.choose(None)
    st.session_state.pop(f"{framing_key}.view", None)


def show(place, first_day: date, last_day: date, framing_key: str = "framing", key: str = "reset") -> None:
    """Draw the button in ``place`` (a sidebar container)."""
    place.button(
        LABEL, key=f"{key}.button", icon=":material/restart_alt:", on_click=_reset,
        args=(first_day, last_day, framing_key), help="Every event of the record, no filter, no selection.",
    )  # fmt: skip
