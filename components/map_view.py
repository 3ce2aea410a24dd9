"""The map on the page: the one place that calls ``st_folium``.

The base map is identical on every rerun, so streamlit-folium keeps its iframe; only the overlays
travel on a timeline move (``feature_group_to_add``), so the map neither remounts nor flashes.
"""

from __future__ import annotations

import folium
from streamlit_folium import st_folium


def show(
    base_map: folium.Map,
    overlays: list[folium.FeatureGroup],
    height: int,
    clickable: bool = False,
    view: tuple[float, float, int] | None = None,
    key: str = "map",
) -> tuple[float, float, int] | None:
    """Draw ``base_map`` with ``overlays`` on top; return ``(lon, lat, zoom)`` of the last click.

    ``view`` (lon, lat, zoom), e.g. a story step's, moves the map without remounting it.

    Only with ``clickable`` (the canvas layer, whose details are looked up on the server) does the
    map report clicks; otherwise ``returned_objects=[]``, because asking for anything (bounds by
    default) costs an extra rerun on every mount.
    """
    returned = ["last_clicked", "zoom"] if clickable else []
    center, zoom = ([view[1], view[0]], view[2]) if view else (None, None)  # folium wants [lat, lon]
    state = st_folium(
        base_map, key=key, height=height, use_container_width=True, feature_group_to_add=overlays,
        returned_objects=returned, center=center, zoom=zoom,
    )  # fmt: skip
    click = (state or {}).get("last_clicked") if clickable else None
    if not click:
        return None
    # streamlit-folium reports {"lat", "lng"}; our code keeps (lon, lat).
    return float(click["lng"]), float(click["lat"]), int(state.get("zoom") or 5)
