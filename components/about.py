"""Sources and credits, in the sidebar."""

from __future__ import annotations

import streamlit as st

ABOUT = """
**Data.** Events are ACLED-compatible records written for this project from public reporting;
each popup names its source, how exact its date is and how exact its place is. Territory: the
Azawad claim is the union of the pre-2016 Tombouctou, Gao and Kidal regions.

**Credits.** Places © GeoNames (CC BY 4.0). Borders, regions, rivers: Natural Earth (public
domain). Map library: Leaflet (BSD-2). Tiles, when online: © OpenStreetMap contributors.
"""


def show(basemap_mode: str, key: str = "about") -> None:
    """The sidebar's about box and which basemap is in use."""
    with st.sidebar:
        st.markdown(ABOUT)
        st.caption(f"Basemap: {'OpenStreetMap tiles' if basemap_mode == 'tiles' else 'offline vector (shipped data)'}")
