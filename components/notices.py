"""Rows that did not load, each with file, row, field and reason."""

from __future__ import annotations

import streamlit as st

from data.validation.validate import Rejection


def show(rejected: list[Rejection], key: str = "notices") -> int:
    """Show a warning listing rejected rows (nothing when all loaded); returns how many."""
    if rejected:
        with st.expander(f"{len(rejected)} row(s) not loaded", expanded=False, icon=":material/warning:"):
            for rejection in rejected:
                st.text(str(rejection))
    return len(rejected)
