"""geo.projection: the one place where (lon, lat) become Web Mercator or a distance (pyproj)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from pyproj import Geod

from geo.projection import degrees_around, distance_km, mercator_pixels, mercator_world, metres_per_pixel


@pytest.mark.parametrize(
    ("lon", "lat", "x", "y"),
    [
        (0.0, 0.0, 0.5, 0.5),
        (-180.0, 0.0, 0.0, 0.5),
        (90.0, 0.0, 0.75, 0.5),
        (0.0, 85.0511287798066, 0.5, 0.0),  # Web Mercator's northern edge is the world's top
        (0.0, 90.0, 0.5, 0.0),  # beyond it: clipped, not infinite
        (0.0, -89.0, 0.5, 1.0),
    ],
)
def test_mercator_world_units(lon, lat, x, y):
    got_x, got_y = mercator_world(np.array([lon]), np.array([lat]))
    assert (got_x[0], got_y[0]) == pytest.approx((x, y), abs=1e-9)


def test_mercator_follows_leaflet_for_kidal():
    # Leaflet's spherical formula (L.Projection.SphericalMercator, 256-pixel tiles) at zoom 6:
    # x = (lon + 180) / 360 * 2^14, y = (1/2 - ln tan(pi/4 + lat/2) / 2 pi) * 2^14.
    x, y = mercator_pixels(1.4078, 18.4411, 6)
    assert (float(x), float(y)) == pytest.approx((8256.0705, 7337.8477), abs=0.001)


@pytest.mark.parametrize(
    ("lon", "lat", "to_lon", "to_lat", "km"),
    [
        (0.0, 0.0, 1.0, 0.0, 111.319),  # a degree of longitude on the equator (WGS 84)
        (0.0, 0.0, 0.0, 1.0, 110.574),  # a degree of latitude there: the ellipsoid, not a sphere
        (1.4078, 18.4411, 1.4078, 18.4411, 0.0),
    ],
)
def test_distance_km_is_geodesic(lon, lat, to_lon, to_lat, km):
    assert float(distance_km(lon, lat, [to_lon], [to_lat])[0]) == pytest.approx(km, abs=0.001)


def test_distance_km_takes_arrays():
    got = distance_km(0.0, 0.0, np.array([1.0, 0.0, -1.0]), np.array([0.0, 1.0, 0.0]))
    assert got.shape == (3,)
    assert got[0] == pytest.approx(got[2])


@pytest.mark.parametrize(("zoom", "metres"), [(0, 156_543.034), (6, 2_445.985), (10, 152.874)])
def test_metres_per_pixel(zoom, metres):
    assert metres_per_pixel(zoom) == pytest.approx(metres, abs=0.001)


@pytest.mark.parametrize(("lat", "km"), [(0.0, 10.0), (17.3, 50.0), (-60.0, 200.0), (80.0, 30.0)])
def test_degrees_around_holds_every_point_within_the_distance(lat, km):
    dlon, dlat = degrees_around(lat, km)
    bearings = np.radians(np.arange(0, 360, 5))
    # Points just inside the circle, all round: none may fall outside the box.
    lons, lats, _ = Geod(ellps="WGS84").fwd(
        np.full(bearings.shape, 10.0),
        np.full(bearings.shape, lat),
        np.degrees(bearings),
        np.full(bearings.shape, km * 999),
    )
    assert np.all(np.abs(lats - lat) <= dlat)
    assert np.all(np.abs(lons - 10.0) <= dlon)


def test_no_other_module_writes_a_projection_or_distance_formula():
    # One definition each: a second Mercator (log tan) or haversine (arcsin sqrt) formula in our
    # code would drift from pyproj's.
    root = Path(__file__).resolve().parents[1]
    formulas = re.compile(
        r"log\(\s*(?:np|math)\.tan"  # Mercator forward
        r"|a(?:rc)?tan\(\s*(?:np|math)\.sinh"  # Mercator inverse
        r"|a(?:rc)?sin\(\s*(?:np|math)\.sqrt|6371"  # haversine, the Earth's mean radius in km
    )
    offenders = [
        str(path.relative_to(root))
        for folder in ("geo", "data", "components", "benchmarks", "scripts", "tests")
        for path in (root / folder).rglob("*.py")
        if path.name != "test_projection.py" and formulas.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
