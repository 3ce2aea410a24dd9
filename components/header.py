"""Title, the as-of date and the sentence saying what the map shows."""

from __future__ import annotations

import streamlit as st

from components.plain import markdown
from data.view.filters import format_day


def show(title: str, as_of_text: str, sentence: str, key: str = "header") -> None:
    """Draw the page header. ``sentence`` comes from ``data.view.filters.describe``."""
    st.title(title)
    st.markdown(f"**As of {markdown(as_of_text)}** · {markdown(sentence)}")  # q= words, actors


def as_of_text(day) -> str:
    """The as-of date as shown in the header."""
    return format_day(day)
