"""'Zoom to what is shown': frame the map on the events the page shows now.

The sidebar's button fits the view to the shown events (``geo.map.framing.fit_view``); an import
asks for the same on the next run (``ask``). The view holds until another one is asked for (a
story step, a selected event): streamlit-folium moves the map only when the centre or zoom it is
given changes, so the view is kept in the session and handed over on every run, and a selected
event (a new selection since the click) takes over. Session keys: ``{key}.view``, ``{key}.for``
(the selection when the view was made), ``{key}.asked``, ``{key}.clicks``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import selection
from geo.map.framing import fit_view

LABEL = "Zoom to what is shown"
# A repeated click gives the same fit, which streamlit-folium would ignore (the map may have been
# panned since): each click nudges the centre by a ten-millionth of a degree (about 1 cm).
NUDGE_DEGREES = 1e-7


def ask(key: str = "framing") -> None:
    """Frame the map on what is shown at the next run (after an import)."""
    st.session_state[f"{key}.asked"] = True


def show(shown: pd.DataFrame, place, key: str = "framing") -> tuple[list[float], int] | None:
    """Draw the button in ``place`` (a sidebar container); return ``([lat, lon], zoom)`` while it holds, else None."""
    clicked = place.button(LABEL, key=f"{key}.button", icon=":material/fit_screen:", disabled=shown.empty)
    if clicked or st.session_state.pop(f"{key}.asked", False):
        view = fit_view(shown["longitude"], shown["latitude"])
        if view is not None:
            clicks = st.session_state[f"{key}.clicks"] = st.session_state.get(f"{key}.clicks", 0) + 1
            (lat, lon), zoom = view
            st.session_state[f"{key}.view"] = ([lat + clicks * NUDGE_DEGREES, lon], zoom)
            st.session_state[f"{key}.for"] = selection.current()
    if st.session_state.get(f"{key}.for") != selection.current():  # an event chosen since: it leads
        st.session_state.pop(f"{key}.view", None)
    return st.session_state.get(f"{key}.view")
