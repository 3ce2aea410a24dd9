"""Exports a briefer can send: the current map as one HTML file that works offline."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from geo.basemap import Basemap
from geo.export import standalone_html


def show(
    events: pd.DataFrame,
    territories: pd.DataFrame,
    towns: pd.DataFrame,
    basemap: Basemap,
    stamp: tuple[str, str, str],
    as_of: date,
    key: str = "export",
) -> bool:
    """A button that prepares the standalone map, then its download button; True once prepared.

    The file is built only on request (a full render with inlined assets, ~0.6 MB), not on every
    rerun. Session key: ``{key}.ready`` holds the prepared document for the current view.
    """
    ready_key = f"{key}.ready"
    view = (len(events), stamp)
    if st.button("Prepare the map as a standalone HTML file", key=f"{key}.prepare", icon=":material/download:"):
        st.session_state[ready_key] = (view, standalone_html(events, territories, towns, basemap, stamp))
    prepared = st.session_state.get(ready_key)
    if not prepared or prepared[0] != view:
        return False
    st.download_button(
        "Download map (opens offline)", data=prepared[1], file_name=f"conflict-map-{as_of:%Y-%m-%d}.html",
        mime="text/html", key=f"{key}.download",
    )  # fmt: skip
    return True
