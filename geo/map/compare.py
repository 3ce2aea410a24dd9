"""Territory on two dates: km² gained and lost per actor, and a small map of both states.

Areas are measured in an equal-area projection (``geo.map.territory.EQUAL_AREA_CRS``): the set
differences are taken there too, so a km² in Kidal counts as much as one in Bamako.
"""

from __future__ import annotations

from datetime import date

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import Element
from shapely.geometry.base import BaseGeometry

from data.io.geojson import geometry_mapping
from data.schema import CRS
from data.view.filters import format_day, valid_at
from geo.map.assets import Assets, map_assets
from geo.map.basemap import Basemap
from geo.map.build import MAP_CSS, MapOptions, add_basemap, add_labels
from geo.map.elements import Attribution, HtmlControl, ShapesWithTooltips, latlon
from geo.map.legend import ATTRIBUTION
from geo.map.style import BASEMAP_COLOURS, actor_colour
from geo.map.territory import EQUAL_AREA_CRS, union_of_regions
from geo.markup import render

CONTROL = ("controlled", "contested")
COMPARE_MAP_HEIGHT = 420
CHANGE_COLUMNS = ["actor", "status", "km2_a", "km2_b", "gained_km2", "lost_km2", "net_km2"]


def holdings(
    territories: gpd.GeoDataFrame, day: date, statuses=CONTROL, clip: BaseGeometry | None = None
) -> dict[tuple[str, str], BaseGeometry]:
    """What each actor holds on ``day``, by (actor, status), as one lon/lat geometry each (clipped)."""
    records = valid_at(territories, day)
    records = records[records["status"].isin(statuses)]
    held = {}
    for (actor, status), group in records.groupby(["actor", "status"], sort=True):
        shape = shapely.union_all(group.geometry.to_numpy())
        shape = shape if clip is None else shapely.intersection(shape, clip)
        if not shape.is_empty:  # an actor with nothing inside the area is not listed
            held[(actor, status)] = shape
    return held


def _equal_area(shapes: list[BaseGeometry]) -> list[BaseGeometry]:
    return list(gpd.GeoSeries(shapes, crs=CRS).to_crs(EQUAL_AREA_CRS))


def territory_change(
    territories: gpd.GeoDataFrame, day_a: date, day_b: date, statuses=CONTROL, clip: BaseGeometry | None = None
) -> pd.DataFrame:
    """km² per actor and status on ``day_a`` and ``day_b``, and what each gained and lost between.

    Parameters
    ----------
    territories : geopandas.GeoDataFrame
        Territory records with ``actor``, ``status``, ``valid_from``, ``valid_to`` and polygons.
    day_a, day_b : datetime.date
        The two dates (A before B reads naturally, but any order works).
    statuses : tuple of str
        Which records count (default: control, i.e. controlled and contested; claims left out).
    clip : shapely geometry, optional
        Only this area counts (e.g. the Kidal region's outline).

    Returns
    -------
    pandas.DataFrame
        One row per (actor, status) present on either date, columns :data:`CHANGE_COLUMNS`; gained is
        the area held on B but not on A, lost the area held on A but not on B, net = B - A.
    """
    held_a = holdings(territories, day_a, statuses, clip)
    held_b = holdings(territories, day_b, statuses, clip)
    empty = shapely.Polygon()
    rows = []
    for key in sorted(set(held_a) | set(held_b)):
        a, b = _equal_area([held_a.get(key, empty), held_b.get(key, empty)])
        km2 = [shapely.area(shape) / 1e6 for shape in (a, b, shapely.difference(b, a), shapely.difference(a, b))]
        rows.append([*key, *km2, km2[1] - km2[0]])
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def change_sentence(change: pd.DataFrame, day_a: date, day_b: date, area_name: str) -> str:
    """The comparison in words: ``Kidal, 1 Jun 2023 → 29 Apr 2026: FLA gained 151,000 km² …``."""
    parts = [
        f"{row.actor} {verb} {amount:,.0f} km² ({row.status})"
        for row in change.itertuples()
        for verb, amount in (("gained", row.gained_km2), ("lost", row.lost_km2))
        if amount >= 0.5
    ]
    changes = "; ".join(parts) if parts else "no change in control"
    return f"{area_name}, {format_day(day_a)} → {format_day(day_b)}: {changes}."


def _legend_html(day_a: date, day_b: date, held_a: dict, held_b: dict) -> str:
    def holders(held: dict) -> list[tuple[str, str, str]]:
        return [(actor, status, actor_colour(actor)) for actor, status in held]

    return render("map/compare_legend.html.j2", day_a=format_day(day_a), day_b=format_day(day_b),
                  held_a=holders(held_a), held_b=holders(held_b))  # fmt: skip


def comparison_base(
    basemap: Basemap,
    days: tuple[date, date],
    held: tuple[dict, dict],
    options: MapOptions,
    assets: Assets | None = None,
) -> folium.Map:
    """A small map of its own (not the page's main map): basemap, labels and a legend of both dates."""
    assets = assets or map_assets()
    fmap = folium.Map(
        location=latlon(*options.center), zoom_start=options.zoom, tiles=None, height=options.height,
        control_scale=True, min_zoom=3, max_zoom=12,
    )  # fmt: skip
    fmap.default_js, fmap.default_css = assets.js, assets.css
    fmap.get_root().header.add_child(Element(MAP_CSS % BASEMAP_COLOURS))
    add_basemap(fmap, basemap, options, assets)
    add_labels(fmap, basemap)
    HtmlControl(_legend_html(*days, *held)).add_to(fmap)
    Attribution(ATTRIBUTION).add_to(fmap)
    return fmap


def comparison_layers(held_a: dict, held_b: dict, day_a: date, day_b: date) -> list[folium.FeatureGroup]:
    """Date A as dashed outlines over date B as filled areas, coloured by actor."""
    groups = []
    for held, day, filled in ((held_b, day_b, True), (held_a, day_a, False)):
        group = folium.FeatureGroup(name=f"Territory on {format_day(day)}")
        shapes = []
        for (actor, status), shape in held.items():
            colour = actor_colour(actor)
            style = {"color": colour, "weight": 2.5 if not filled else 1, "fillColor": colour}
            style |= {"fillOpacity": 0.45} if filled else {"fill": False, "dashArray": "8 6"}
            tip = render("map/compare_tooltip.html.j2", day=format_day(day), status=status, actor=actor)
            shapes.append((geometry_mapping(shape, 4), style, tip))
        ShapesWithTooltips(shapes).add_to(group)
        groups.append(group)
    return groups


def area_view(admin1: gpd.GeoDataFrame, region: str | None) -> tuple[BaseGeometry | None, MapOptions]:
    """The outline to clip to (``None``: everywhere) and a small map's view of it."""
    if region is None:
        return None, MapOptions(height=COMPARE_MAP_HEIGHT, zoom=5)
    outline = union_of_regions(admin1.loc[admin1["name"] == region, "iso"].tolist(), admin1)
    centre = outline.centroid
    return outline, MapOptions(height=COMPARE_MAP_HEIGHT, center=(centre.x, centre.y), zoom=6)
