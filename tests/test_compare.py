"""Territory on two dates: km² per actor on known polygons and on the shipped Kidal records."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo.map.basemap import load_basemap
from geo.map.compare import area_view, change_sentence, territory_change

GEOD = pyproj.Geod(ellps="WGS84")
A, B = date(2020, 1, 1), date(2021, 1, 1)


def geodesic_km2(shape) -> float:
    """Area on the ellipsoid, an independent check of the equal-area projection."""
    return abs(GEOD.geometry_area_perimeter(shape)[0]) / 1e6


def record(actor, status, box, start, end=None):
    return {"actor": actor, "status": status, "valid_from": pd.Timestamp(start),
            "valid_to": pd.Timestamp(end) if end else pd.NaT, "geometry": shapely.box(*box)}  # fmt: skip


@pytest.fixture
def squares():
    rows = [
        record("X", "controlled", (0, 0, 2, 1), "2019-01-01", "2020-06-01"),  # two 1° squares on A…
        record("X", "controlled", (1, 0, 3, 1), "2020-06-01"),  # …moved one square east on B
        record("Y", "controlled", (5, 0, 6, 1), "2020-06-01"),  # new on B
        record("Z", "contested", (8, 0, 9, 1), "2019-01-01", "2020-06-01"),  # gone by B
        record("W", "claimed", (10, 0, 12, 2), "2019-01-01"),  # a claim: not control
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def test_km2_gained_and_lost_on_known_squares(squares):
    change = territory_change(squares, A, B).set_index("actor")
    square = geodesic_km2(shapely.box(0, 0, 1, 1))  # about 12,309 km² at the equator
    assert square == pytest.approx(12_308.8, abs=1)
    expected = {  # actor: (km² on A, km² on B, gained, lost) in squares
        "X": (2, 2, 1, 1),
        "Y": (0, 1, 1, 0),
        "Z": (1, 0, 0, 1),
    }
    assert set(change.index) == set(expected)
    for actor, squares_count in expected.items():
        row = change.loc[actor, ["km2_a", "km2_b", "gained_km2", "lost_km2"]].tolist()
        assert row == pytest.approx([n * square for n in squares_count], rel=1e-3), actor
    assert change.loc["Y", "net_km2"] == pytest.approx(square, rel=1e-3)


def test_claims_count_only_when_asked_and_clip_limits_the_area(squares):
    with_claims = territory_change(squares, A, B, statuses=("controlled", "contested", "claimed"))
    claim = with_claims.set_index("actor").loc["W"]
    assert (claim["gained_km2"], claim["lost_km2"]) == (0, 0)
    assert claim["km2_a"] == pytest.approx(geodesic_km2(shapely.box(10, 0, 12, 2)), rel=1e-3)
    clipped = territory_change(squares, A, B, clip=shapely.box(0, 0, 1.5, 1)).set_index("actor")
    assert list(clipped.index) == ["X"]  # Y and Z lie outside the clip
    half = geodesic_km2(shapely.box(1, 0, 1.5, 1))
    assert clipped.loc["X", ["km2_a", "km2_b", "lost_km2"]].tolist() == pytest.approx(
        [geodesic_km2(shapely.box(0, 0, 1.5, 1)), half, geodesic_km2(shapely.box(0, 0, 1, 1))], rel=1e-3
    )


def test_kidal_region_control_in_2023_and_2026(dataset):
    admin1 = load_basemap().admin1
    kidal, _ = area_view(admin1, "Kidal")
    region_km2 = geodesic_km2(kidal)
    assert 140_000 < region_km2 < 155_000  # Kidal region is about 150,000 km²
    day_a, day_b = date(2023, 6, 1), date(2026, 4, 29)
    change = territory_change(dataset.territories, day_a, day_b, clip=kidal)
    rows = {(r.actor, r.status): r for r in change.itertuples()}
    assert set(rows) == {("CMA", "controlled"), ("FLA", "contested")}
    assert rows[("CMA", "controlled")].lost_km2 == pytest.approx(region_km2, rel=2e-3)
    assert rows[("FLA", "contested")].gained_km2 == pytest.approx(region_km2, rel=2e-3)
    sentence = change_sentence(change, day_a, day_b, "Kidal")
    assert sentence.startswith("Kidal, 1 Jun 2023 → 29 Apr 2026: CMA lost 14")
    assert "FLA gained 14" in sentence


@pytest.mark.parametrize(
    ("day", "holder"),
    [
        (date(2023, 11, 13), "CMA"),
        (date(2023, 11, 14), "FAMa and Wagner"),
        (date(2025, 6, 6), "FAMa and Africa Corps"),
        (date(2026, 4, 27), "FAMa and Africa Corps"),
        (date(2026, 4, 28), "FLA"),
    ],
)
def test_kidal_region_has_one_holder_on_each_date(dataset, day, holder):
    kidal, _ = area_view(load_basemap().admin1, "Kidal")
    change = territory_change(dataset.territories, day, day, clip=kidal)
    assert change.loc[change["km2_a"] > 1, "actor"].tolist() == [holder]


def compare_page():
    from datetime import date

    from components import compare_dates
    from data.config import DATA_DIR
    from geo.map.basemap import load_basemap
    from geo.pipeline import load_dataset

    territories = load_dataset(DATA_DIR, date(2026, 4, 29)).territories
    compare_dates.show(territories, load_basemap(), date(2012, 1, 1), date(2026, 4, 29), date(2026, 4, 29), key="c")


def test_compare_component_reports_km2_per_actor_and_draws_its_own_map():
    at = AppTest.from_function(compare_page, default_timeout=60).run()
    assert not at.get("component_instance")  # off by default: nothing drawn
    at.toggle(key="c.on").set_value(True).run()
    at.selectbox(key="c.area").set_value("Kidal").run()
    at.date_input(key="c.a").set_value(date(2023, 6, 1)).run()
    assert not at.exception
    assert at.text[0].value.startswith("Kidal, 1 Jun 2023 → 29 Apr 2026: CMA lost 14")
    table = at.dataframe[0].value.set_index("Actor")
    assert table.loc["FLA", "Gained km²"] == table.loc["CMA", "Lost km²"] > 140_000
    maps = at.get("component_instance")
    assert len(maps) == 1
    assert "1 Jun 2023" in maps[0].proto.json_args
