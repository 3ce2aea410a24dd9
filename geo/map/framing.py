"""Framing: the centre and zoom that show a set of events ("zoom to what is shown").

streamlit-folium moves a map by centre and zoom only (no bounds), so the fit is worked out here in
Web Mercator pixels (``geo.projection``), for the smallest map the page draws: a fit that holds
there holds on a wider screen too.
"""

from __future__ import annotations

import numpy as np

from geo.map.elements import latlon
from geo.projection import lonlat_of_world, mercator_pixels, mercator_world

# The narrowest map the page draws (1280×720 less the sidebar) and its height there, in CSS pixels.
SMALLEST_MAP_PX = (820, 460)
MARGIN_PX = 48  # symbols are about 24 px across: keep a whole one inside each edge
MIN_ZOOM, MAX_ZOOM = 3, 10  # the map's own bounds are 3..12; closer than 10 one town fills the map


def fit_view(
    lons, lats, size: tuple[int, int] = SMALLEST_MAP_PX, margin: int = MARGIN_PX
) -> tuple[list[float], int] | None:
    """``([lat, lon], zoom)`` that shows every point ``(lons[i], lats[i])`` on a map of ``size`` pixels.

    Parameters
    ----------
    lons, lats : array-like
        Degrees (EPSG:4326), (lon, lat) order as everywhere in our code.
    size : (int, int)
        Width and height of the map in CSS pixels.
    margin : int
        Pixels kept free inside each edge.

    Returns
    -------
    The centre (folium's ``[lat, lon]``) and the closest whole zoom at which all points fit, capped at
    ``MAX_ZOOM`` (one point, or points at one place); ``None`` when there is no point.
    """
    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    if lons.size == 0:
        return None
    x, y = mercator_world(lons, lats)  # 0..1 across the world, y from the top
    span_x, span_y = float(x.max() - x.min()), float(y.max() - y.min())
    room_x, room_y = max(1, size[0] - 2 * margin), max(1, size[1] - 2 * margin)
    zoom = MAX_ZOOM
    for candidate in range(MAX_ZOOM, MIN_ZOOM - 1, -1):
        world = 256 * 2**candidate
        if span_x * world <= room_x and span_y * world <= room_y:
            zoom = candidate
            break
    else:
        zoom = MIN_ZOOM
    centre_x, centre_y = (x.max() + x.min()) / 2, (y.max() + y.min()) / 2
    lon, lat = lonlat_of_world(centre_x, centre_y)
    return latlon(float(lon), float(lat)), zoom


def fits(lons, lats, view: tuple[list[float], int], size: tuple[int, int] = SMALLEST_MAP_PX) -> bool:
    """Whether every point lies inside a map of ``size`` pixels centred and zoomed as ``view``."""
    (lat, lon), zoom = view
    cx, cy = mercator_pixels(lon, lat, zoom)
    x, y = mercator_pixels(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float), zoom)
    return bool((np.abs(x - cx) <= size[0] / 2).all() and (np.abs(y - cy) <= size[1] / 2).all())
