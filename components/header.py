"""Title, the as-of date and the sentence saying what the map shows."""

from __future__ import annotations

import re

import streamlit as st

from data.view.filters import format_day

_MARKUP = re.compile(r"([\\`*_\[\]<>$])")


def show(title: str, as_of_text: str, sentence: str, key: str = "header") -> None:
    """Draw the page header. ``sentence`` comes from ``data.view.filters.describe``."""
    st.title(title)
    st.markdown(f"**As of {as_of_text}** · {plain(sentence)}")


def plain(text: str) -> str:
    """Text shown as itself in Markdown: words from a link or the data cannot become markup."""
    return _MARKUP.sub(r"\\\1", text)


def as_of_text(day) -> str:
    """The as-of date as shown in the header."""
    return format_day(day)
