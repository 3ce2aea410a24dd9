"""The selected event, shared by the map, the table and (later) the URL: session key ``selection.event_id``."""

from __future__ import annotations

import streamlit as st

KEY = "selection.event_id"


def current() -> str | None:
    """The selected event's id (``str``), or ``None``; a value already in the session is honoured."""
    value = st.session_state.get(KEY)
    return str(value) if value not in (None, "") else None


def choose(event_id: str | None) -> None:
    """Select ``event_id`` (``None`` clears the selection)."""
    st.session_state[KEY] = event_id
