"""The seed article's publication date: the day its relative dates are resolved against."""

from __future__ import annotations

from datetime import date

import streamlit as st


def show(default: date, key: str = "published") -> date:
    """A date input in the sidebar; returns the publication date in force.

    Session key: ``key``. The default comes from the ``CONFLICT_MAP_PUBLISHED`` setting.
    """
    if key not in st.session_state:
        st.session_state[key] = default
    return st.sidebar.date_input(
        "Seed article published on",
        key=key,
        format="YYYY-MM-DD",
        help='The article says "over the weekend", "Tuesday" and "on Wednesday" but not its '
        "date. Its events are dated against this day; change it and they move.",
    )
