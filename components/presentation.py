"""Presentation mode: one switch that turns the page into a slide for a projector or a shared screen.

It hides the sidebar and every control panel, keeps the stage (title, as-of date, filter sentence,
story card, map, time bar, story row) and enlarges it: the page's CSS for that is in
``components.layout``, the map's own high-contrast theme in ``geo.map.style``.
"""

from __future__ import annotations

import streamlit as st


def leave(key: str = "presentation") -> None:
    """Leave presentation mode (the button's callback, and Esc): call before ``show`` runs."""
    st.session_state[f"{key}.on"] = False


def show(key: str = "presentation") -> bool:
    """The switch (top of the sidebar); when on, a "Leave" button. Returns whether on.

    Session key: ``{key}.on`` (bool). Setting it before this runs (e.g. from ``?mode=present``)
    opens the page in presentation mode.
    """
    on = st.sidebar.toggle(
        "Presentation mode",
        key=f"{key}.on",
        help="Hide the controls and enlarge the map for a projector or a shared screen. "
        "Keys: ← → step, space plays or pauses, Esc leaves.",
    )
    if on:
        st.button("Leave presentation (Esc)", key=f"{key}.leave", on_click=leave, args=(key,))
    return on
