"""Which event did the user click? The nearest one in view, on the server, for the canvas layer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.projection import degrees_around, distance_km, metres_per_pixel


def nearest_event(events: pd.DataFrame, in_view: np.ndarray, lon: float, lat: float, max_km: float) -> dict | None:
    """The event in view nearest to (lon, lat), if one lies within ``max_km``; else ``None``.

    Parameters
    ----------
    events : pandas.DataFrame
        Validated events.
    in_view : numpy.ndarray
        Boolean mask of the events in the timeline window (``data.view.filters.window_mask``).
    lon, lat : float
        Where the map was clicked, in degrees.
    max_km : float
        Search radius: a click farther than this from every event selects nothing.
    """
    lons, lats = events["longitude"].to_numpy(float), events["latitude"].to_numpy(float)
    # A box first: the geodesic distance is then worked out for the few events near the click.
    dlon, dlat = degrees_around(lat, max_km)
    rows = np.flatnonzero(in_view & (np.abs(lats - lat) <= dlat) & (np.abs(lons - lon) <= dlon))
    if rows.size == 0:
        return None
    distances = distance_km(lon, lat, lons[rows], lats[rows])
    best = int(np.argmin(distances))
    return None if distances[best] > max_km else events.iloc[rows[best]].to_dict()


def click_radius_km(zoom: int) -> float:
    """About 10 screen pixels at the map's zoom, in km (Web Mercator at the equator)."""
    return 10 * metres_per_pixel(zoom) / 1000
