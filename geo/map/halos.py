"""Uncertainty drawn on the map: a halo around each event sized by how exactly its place is known.

ACLED's ``geo_precision``: 1 the town itself (no halo); 2 near the town or part of a region (a ring
of ``HALO_RADIUS_KM[2]`` around the point); 3 region or country only (the outline of its admin-1
region, or of the country when no region is known). The selected event carries its own halo
(``geo.map.highlight.selected_layer``).
"""

from __future__ import annotations

import folium
import pandas as pd

from data.io.geojson import features_collection
from geo.map.basemap import Basemap
from geo.map.elements import GeoJsonLayer, latlon
from geo.map.style import event_style

# ACLED codes 2 as "within the district": 25 km is the radius of a Sahelian cercle's core, the
# distance we state in the legend and the table.
HALO_RADIUS_KM = {2: 25.0}
# A region-level event outside every shipped outline gets a ring this wide instead.
FALLBACK_REGION_KM = 150.0
HALO_STYLE = {"weight": 1.5, "dashArray": "5 4", "fillOpacity": 0.07, "opacity": 0.9}
REGION_STYLE = {"color": "#37474f", "weight": 2, "dashArray": "7 5", "fillColor": "#37474f", "fillOpacity": 0.05}
# How close the map zooms on a selected event, by place precision.
FOCUS_ZOOM = {1: 9, 2: 8, 3: 6}
OVERLAY_PANE = "overlayPane"


def halo_radius_km(geo_precision: int) -> float | None:
    """Radius of the ring drawn around a point placed to ``geo_precision``; ``None``: no ring.

    Examples
    --------
    >>> halo_radius_km(1), halo_radius_km(2), halo_radius_km(3)
    (None, 25.0, None)
    """
    return HALO_RADIUS_KM.get(int(geo_precision))


def focus_zoom(geo_precision: int) -> int:
    """Zoom at which a selected event is centred: closer for an exact place."""
    return FOCUS_ZOOM.get(int(geo_precision), FOCUS_ZOOM[3])


def focus_view(event: dict | None, zoom: int | None = None) -> tuple[list[float], int] | None:
    """Where the map centres a selected event: ``([lat, lon], zoom)`` for streamlit-folium, or ``None``.

    ``zoom``: keep this zoom (an event clicked on the map is centred where the reader already looks,
    without a jump); by default the zoom its place precision calls for (a row chosen in the table).
    """
    if event is None:
        return None
    return latlon(event["longitude"], event["latitude"]), zoom if zoom is not None else focus_zoom(
        event["geo_precision"]
    )


def region_lookup(basemap: Basemap) -> dict[str, object]:
    """Region and country outlines by every name they go by (case-folded)."""
    shapes: dict[str, object] = {}
    for record in basemap.countries.to_dict("records"):
        shapes[f"country:{record['name'].casefold()}"] = record["geometry"]
    for record in basemap.admin1.to_dict("records"):
        names = [record["name"], record["name_fr"], *str(record.get("name_alt") or "").split("|")]
        for name in filter(None, names):
            shapes[f"region:{name.casefold()}"] = record["geometry"]
    return shapes


def region_outline(event: dict, shapes: dict[str, object]) -> tuple[str, object] | None:
    """``(label, geometry)`` of the area a region-level event lies in: its admin-1 region, else its country.

    ``shapes`` is ``region_lookup(basemap)``; ``None`` when neither name is known.
    """
    region, country = str(event.get("admin1") or ""), str(event.get("country") or "")
    if region and f"region:{region.casefold()}" in shapes:
        return f"{region} region", shapes[f"region:{region.casefold()}"]
    if country and f"country:{country.casefold()}" in shapes:
        return country, shapes[f"country:{country.casefold()}"]
    return None


def _ring(event: dict, radius_km: float, class_name: str = "cm-halo") -> folium.Circle:
    colour = event_style(event["event_type"])[0]
    ring = folium.Circle(
        latlon(event["longitude"], event["latitude"]),
        radius=radius_km * 1000,
        color=colour,
        fill_color=colour,
        class_name=class_name,
        weight=HALO_STYLE["weight"],
        dash_array=HALO_STYLE["dashArray"],
        fill_opacity=HALO_STYLE["fillOpacity"],
        opacity=HALO_STYLE["opacity"],
    )
    ring.options["interactive"] = False  # clicks go through to the event symbol
    return ring


def _outline_layer(outlines: list[tuple[str, object]]) -> GeoJsonLayer:
    areas = [({"area": label}, geometry) for label, geometry in outlines]
    return GeoJsonLayer(REGION_STYLE, OVERLAY_PANE, data=features_collection(areas, precision=3))


def add_halos(group: folium.FeatureGroup, events: list[dict], basemap: Basemap) -> None:
    """Add to ``group`` a ring per event placed near a town and one outline per area of region-level events."""
    shapes = region_lookup(basemap)
    outlines: dict[str, object] = {}
    for event in events:
        radius = halo_radius_km(event["geo_precision"])
        found = region_outline(event, shapes) if int(event["geo_precision"]) >= 3 else None
        if found is not None:
            outlines.setdefault(*found)
        elif int(event["geo_precision"]) >= 3:
            radius = FALLBACK_REGION_KM
        if radius is not None:
            _ring(event, radius).add_to(group)
    if outlines:
        _outline_layer(list(outlines.items())).add_to(group)


def halo_layer(events: pd.DataFrame, basemap: Basemap) -> folium.FeatureGroup:
    """The halos of every event drawn as a rich symbol (under the symbols)."""
    group = folium.FeatureGroup(name="Place precision")
    add_halos(group, events.to_dict("records"), basemap)
    return group
