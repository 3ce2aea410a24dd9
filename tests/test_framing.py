"""Zoom to what is shown: the centre and the closest zoom at which every point fits the smallest map."""

import pytest

from geo.map.framing import MAX_ZOOM, MIN_ZOOM, SMALLEST_MAP_PX, fit_view, fits

KIDAL, BAMAKO, GAO, TESSALIT = (1.41, 18.44), (-8.0, 12.65), (-0.04, 16.27), (1.01, 20.2)


def points(*places):
    return [p[0] for p in places], [p[1] for p in places]


@pytest.mark.parametrize(
    ("places", "zoom"),
    [
        ((KIDAL,), MAX_ZOOM),  # one point: as close as the map frames a town
        ((KIDAL, KIDAL), MAX_ZOOM),
        ((KIDAL, TESSALIT), 8),
        ((KIDAL, GAO, TESSALIT), 6),
        ((KIDAL, BAMAKO), 6),
        (((-170.0, -60.0), (170.0, 70.0)), MIN_ZOOM),  # the world does not fit: the widest zoom
    ],
)
def test_the_closest_zoom_that_holds_every_point(places, zoom):
    lons, lats = points(*places)
    view = fit_view(lons, lats)
    assert view[1] == zoom
    if zoom > MIN_ZOOM:
        assert fits(lons, lats, view)
    if MIN_ZOOM < zoom < MAX_ZOOM:  # and one step closer would cut a point off
        assert not fits(lons, lats, (view[0], zoom + 1), (SMALLEST_MAP_PX[0] - 96, SMALLEST_MAP_PX[1] - 96))


def test_the_centre_is_the_middle_of_the_points_in_folium_order():
    (lat, lon), _ = fit_view(*points(KIDAL, BAMAKO))
    assert lon == pytest.approx((KIDAL[0] + BAMAKO[0]) / 2, abs=1e-6)
    assert BAMAKO[1] < lat < KIDAL[1]  # Mercator's middle, a little north of the degrees' middle
    assert lat > (KIDAL[1] + BAMAKO[1]) / 2


def test_nothing_shown_gives_no_view():
    assert fit_view([], []) is None


def test_the_shipped_record_fits_the_smallest_map(dataset):
    events = dataset.events
    view = fit_view(events["longitude"], events["latitude"])
    assert fits(events["longitude"], events["latitude"], view)
    assert view[1] >= 5
