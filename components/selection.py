"""The selected event, shared by the map, the table and the URL.

Session keys ``selection.event_id`` and ``selection.on_map`` (whether a click on the map made it).
"""

from __future__ import annotations

import streamlit as st

KEY = "selection.event_id"
ON_MAP_KEY = "selection.on_map"


def current() -> str | None:
    """The selected event's id (``str``), or ``None``; a value already in the session is honoured."""
    value = st.session_state.get(KEY)
    return str(value) if value not in (None, "") else None


def choose(event_id: str | None, on_map: bool = False) -> None:
    """Select ``event_id`` (``None`` clears the selection); ``on_map``: the reader clicked it on the map."""
    st.session_state[KEY] = event_id
    st.session_state[ON_MAP_KEY] = on_map


def chosen_on_map() -> bool:
    """Whether the selection was made by a click on the map (not the table, a link or a button)."""
    return bool(st.session_state.get(ON_MAP_KEY))
