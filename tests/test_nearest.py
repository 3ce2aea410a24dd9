"""Click lookup for the canvas layer: the nearest event in view, within a radius."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.gazetteer.nearest import click_radius_km, nearest_event

EVENTS = pd.DataFrame({"event_id_cnty": ["KIDAL", "GAO", "BAMAKO"], "longitude": [1.409, -0.045, -7.975],
                       "latitude": [18.443, 16.272, 12.609]})  # fmt: skip


@pytest.mark.parametrize(
    ("in_view", "lon", "lat", "radius", "expected"),
    [
        ([True, True, True], 1.5, 18.5, 50, "KIDAL"),
        ([True, True, True], 0.0, 16.3, 50, "GAO"),
        ([False, True, True], 1.5, 18.5, 500, "GAO"),  # Kidal is outside the window
        ([True, True, True], 5.0, 22.0, 50, None),  # nothing within 50 km
        ([False, False, False], 1.5, 18.5, 5000, None),
    ],
)
def test_nearest_event(in_view, lon, lat, radius, expected):
    found = nearest_event(EVENTS, np.array(in_view), lon, lat, radius)
    assert (found or {}).get("event_id_cnty") == expected


def test_click_radius_shrinks_with_zoom():
    assert click_radius_km(5) == pytest.approx(48.9, rel=0.01)
    assert click_radius_km(10) == pytest.approx(click_radius_km(5) / 32)
