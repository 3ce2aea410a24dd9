"""The map on the page: the one place that calls ``st_folium``.

The base map is identical on every rerun, so streamlit-folium keeps its iframe; only the overlays
travel on a timeline move (``feature_group_to_add``), so the map neither remounts nor flashes.
"""

from __future__ import annotations

import folium
from streamlit_folium import st_folium


def show(base_map: folium.Map, overlays: list[folium.FeatureGroup], height: int, key: str = "map") -> None:
    """Draw ``base_map`` with ``overlays`` on top.

    ``returned_objects=[]``: the page uses nothing the map reports, and asking for bounds would cost
    an extra rerun on every mount.
    """
    st_folium(
        base_map,
        key=key,
        height=height,
        use_container_width=True,
        feature_group_to_add=overlays,
        returned_objects=[],
    )
