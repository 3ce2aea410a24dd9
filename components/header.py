"""Title, the as-of date and the sentence saying what the map shows."""

from __future__ import annotations

import streamlit as st

from data.filters import format_day


def show(title: str, as_of_text: str, sentence: str, key: str = "header") -> None:
    """Draw the page header. ``sentence`` comes from ``data.filters.describe``."""
    st.title(title)
    st.markdown(f"**As of {as_of_text}** · {sentence}")


def as_of_text(day) -> str:
    """The as-of date as shown in the header."""
    return format_day(day)
