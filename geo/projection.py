"""The one coordinate system in code, EPSG:4326 as (lon, lat), and what is derived from it.

Both derivations go through pyproj, so there is one definition of each: Web Mercator (EPSG:3857,
what Leaflet draws in) for screen positions, and geodesic distances on the WGS 84 ellipsoid.
"""

from __future__ import annotations

import numpy as np
from pyproj import Geod, Transformer

from data.schema import CRS

_TO_MERCATOR = Transformer.from_crs(CRS, "EPSG:3857", always_xy=True)
_FROM_MERCATOR = Transformer.from_crs("EPSG:3857", CRS, always_xy=True)
_GEOD = Geod(ellps="WGS84")
# EPSG:3857's extent: half the equator's length in metres, and the latitude where y reaches it.
_HALF_WORLD_M = 20_037_508.342789244
MAX_MERCATOR_LAT = 85.0511287798066
TILE_PX = 256


def mercator_world(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator in world units (0..1 from the west and from the top), as Leaflet's pixel space.

    Parameters
    ----------
    lon, lat : float or array-like
        Degrees (EPSG:4326); latitudes beyond Web Mercator's ±85.05° are clipped to it.

    Examples
    --------
    >>> [round(float(v), 6) for v in mercator_world(0.0, 0.0)]
    [0.5, 0.5]
    """
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT)
    x, y = _TO_MERCATOR.transform(np.asarray(lon, dtype=float), lat)
    scale = 2 * _HALF_WORLD_M
    return (np.asarray(x) + _HALF_WORLD_M) / scale, (_HALF_WORLD_M - np.asarray(y)) / scale


def lonlat_of_world(x, y) -> tuple[np.ndarray, np.ndarray]:
    """The inverse of ``mercator_world``: (lon, lat) in degrees of world units (0..1).

    Examples
    --------
    >>> [round(float(v), 6) for v in lonlat_of_world(0.5, 0.5)]
    [0.0, 0.0]
    """
    scale = 2 * _HALF_WORLD_M
    metres_x = np.asarray(x, dtype=float) * scale - _HALF_WORLD_M
    metres_y = _HALF_WORLD_M - np.asarray(y, dtype=float) * scale
    lon, lat = _FROM_MERCATOR.transform(metres_x, metres_y)
    return np.asarray(lon), np.asarray(lat)


def mercator_pixels(lon, lat, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixel coordinates at ``zoom`` (256-pixel tiles), as Leaflet places points."""
    world = TILE_PX * 2**zoom
    x, y = mercator_world(lon, lat)
    return x * world, y * world


def distance_km(lon: float, lat: float, lons, lats) -> np.ndarray:
    """Geodesic distances (WGS 84) in km from one point to each of ``lons``/``lats``.

    Examples
    --------
    >>> round(float(distance_km(0.0, 0.0, [1.0], [0.0])[0]), 1)  # one degree along the equator
    111.3
    """
    lons = np.atleast_1d(np.asarray(lons, dtype=float))
    lats = np.atleast_1d(np.asarray(lats, dtype=float))
    _, _, metres = _GEOD.inv(np.full(lons.shape, float(lon)), np.full(lats.shape, float(lat)), lons, lats)
    return np.asarray(metres) / 1000.0


def metres_per_pixel(zoom: int) -> float:
    """Ground metres per screen pixel at the equator at ``zoom`` (Web Mercator)."""
    return 2 * _HALF_WORLD_M / (TILE_PX * 2**zoom)


def km_between(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance (WGS 84) in km between two points given as (lon, lat)."""
    return float(distance_km(lon1, lat1, [lon2], [lat2])[0])


def degrees_around(lat: float, km: float) -> tuple[float, float]:
    """``(dlon, dlat)``: a box around a point at ``lat`` that holds every point within ``km``.

    It errs wide (a degree of latitude is at least 110.57 km, a degree of longitude at least
    111.32 km times the cosine of the box's farthest latitude), so a cheap box test can keep the
    geodesic distances to the few candidates inside it. Longitudes are not wrapped at ±180°
    (the theatre is far from the antimeridian).
    """
    dlat = km / 110.5
    far = min(89.0, abs(lat) + dlat)
    return min(180.0, km / (111.3 * np.cos(np.radians(far)))), dlat
