"""The map on the page: the one place that calls ``st_folium``.

The base map is identical on every rerun, so streamlit-folium keeps its iframe; only the overlays
travel on a timeline move (``feature_group_to_add``), so the map neither remounts nor flashes.
"""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium


def show(
    base_map: folium.Map,
    overlays: list[folium.FeatureGroup],
    height: int,
    clickable: bool = False,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    key: str = "map",
) -> tuple[float, float, int] | None:
    """Draw ``base_map`` with ``overlays`` on top; return ``(lon, lat, zoom)`` of the last click.

    ``center`` (lon, lat) and ``zoom`` move the map without remounting it, and only when they
    change (streamlit-folium compares them with the last ones it was given). The map reports its
    centre and zoom (kept in ``{key}.view``, see ``reported_view``) so the page's link can carry
    them; each pan costs one rerun. Only with ``clickable`` (the canvas layer, whose details are
    looked up on the server) does it also report clicks.
    """
    returned = ["center", "zoom", "last_clicked"] if clickable else ["center", "zoom"]
    state = st_folium(
        base_map, key=key, height=height, use_container_width=True, feature_group_to_add=overlays,
        returned_objects=returned, center=None if center is None else (center[1], center[0]), zoom=zoom,
    )  # fmt: skip
    state = state or {}
    if state.get("center"):  # absent until the browser has reported; then {"lat", "lng"}
        st.session_state[f"{key}.view"] = (
            (float(state["center"]["lng"]), float(state["center"]["lat"])),
            int(state["zoom"]),
        )
    click = state.get("last_clicked") if clickable else None
    if not click:
        return None
    # streamlit-folium reports {"lat", "lng"}; our code keeps (lon, lat).
    return float(click["lng"]), float(click["lat"]), int(state.get("zoom") or 5)


def reported_view(key: str = "map") -> tuple[tuple[float, float], int] | None:
    """``((lon, lat), zoom)`` as the map last reported it, or ``None`` before it has."""
    return st.session_state.get(f"{key}.view")
