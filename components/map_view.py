"""The map on the page: the one place that calls ``st_folium``.

The base map is identical on every rerun, so streamlit-folium keeps its iframe; only the overlays
travel on a timeline move (``feature_group_to_add``), so the map neither remounts nor flashes. A
selected event moves the view through ``center``/``zoom``, which pan the same map.
"""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.documents.standalone import ScreenView
from geo.map.selection import MapClick

# The map reports its view (centre and zoom) so the page's link can carry it; each pan costs one rerun.
VIEW_RETURNS = ["center", "zoom"]
# A click on the map itself (the canvas dots are not objects) reports its point and zoom, and the
# server takes the nearest event. A symbol's click names its event by id through the time bar
# (``timebar.pending_pick``): no clicked object and no popup text is asked for here.
RETURNS = ["last_clicked", *VIEW_RETURNS]


def _mark_fresh(key: str) -> None:
    st.session_state[f"{key}.fresh"] = True


def pending_click(key: str = "map") -> MapClick | None:
    """The click made on the map since the last run (once), read before the map is drawn again.

    Session keys: ``{key}`` (what the map reported), ``{key}.fresh`` (set by its change callback),
    ``{key}.handled`` (the last point acted on).
    """
    if not st.session_state.pop(f"{key}.fresh", False):
        return None
    state = st.session_state.get(key) or {}
    point = state.get("last_clicked")
    # A pan or zoom also reports (the canvas layer asks for the zoom): only a new point is a click.
    if not point or point == st.session_state.get(f"{key}.handled"):
        return None
    st.session_state[f"{key}.handled"] = point
    # streamlit-folium reports {"lat", "lng"}; our code keeps (lon, lat).
    return MapClick(float(point["lng"]), float(point["lat"]), int(state.get("zoom") or 5))


def show(
    base_map: folium.Map,
    overlays: list[folium.FeatureGroup],
    height: int,
    view: tuple[list[float], int] | None = None,
    key: str = "map",
) -> None:
    """Draw ``base_map`` with ``overlays`` on top, centred on ``view`` (``([lat, lon], zoom)``) if given.

    Clicks on the map come back through ``pending_click`` on the next run (a point, looked up on the
    server); clicks on symbols through ``timebar.pending_pick`` (an id). ``view`` moves
    the map without remounting it, and only when it changes (streamlit-folium compares it with the
    last one it was given). The map's own report of its view is kept for ``reported_view``.
    """
    center, zoom = view if view is not None else (None, None)
    state = st_folium(
        base_map, key=key, height=height, use_container_width=True, feature_group_to_add=overlays,
        returned_objects=RETURNS, center=center, zoom=zoom,
        on_change=lambda: _mark_fresh(key),
    )  # fmt: skip
    reported = (state or {}).get("center")  # absent until the browser has reported; then {"lat", "lng"}
    if reported:
        st.session_state[f"{key}.view"] = ((float(reported["lng"]), float(reported["lat"])), int(state["zoom"]))


def reported_view(key: str = "map") -> tuple[tuple[float, float], int] | None:
    """``((lon, lat), zoom)`` as the map last reported it, or ``None`` before it has."""
    return st.session_state.get(f"{key}.view")


def moved_view(defaults: tuple[tuple[float, float], int], key: str = "map") -> ScreenView | None:
    """The view on screen once the map has left its base view ``defaults`` (``((lon, lat), zoom)``), else None.

    The browser's first report is the unmoved base view; a pan, a zoom, a story step, a selected
    event or a link's view then moves it. From then on the latest report is the view on screen,
    even back at ``defaults`` (session key ``{key}.moved``).
    """
    reported = reported_view(key)
    if reported is not None and reported != defaults:
        st.session_state[f"{key}.moved"] = True
    if reported is None or not st.session_state.get(f"{key}.moved"):
        return None
    center, zoom = reported
    return ScreenView(center, zoom)
