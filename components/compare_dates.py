"""Compare territory on two dates: km² gained and lost per actor, and a small map of both states.

The small map is a map of its own (its own key), so turning the comparison on or changing its
dates never remounts the page's main map.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import streamlit as st

from components import map_view
from geo.map.basemap import Basemap
from geo.map.compare import (
    CONTROL,
    area_view,
    change_sentence,
    comparison_base,
    comparison_layers,
    holdings,
    territory_change,
)
from geo.map.territory import EQUAL_AREA_CRS

EVERYWHERE = "All territory"
STATUSES_WITH_CLAIMS = (*CONTROL, "claimed")


def _table(change: pd.DataFrame, day_a: date, day_b: date) -> pd.DataFrame:
    names = {
        "actor": "Actor", "status": "Status", "km2_a": f"km² on {day_a:%d %b %Y}", "km2_b": f"km² on {day_b:%d %b %Y}",
        "gained_km2": "Gained km²", "lost_km2": "Lost km²", "net_km2": "Net km²",
    }  # fmt: skip
    return change.round(0).rename(columns=names)


def _years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def show(
    territories: gpd.GeoDataFrame, basemap: Basemap, first_day: date, last_day: date, as_of: date, key: str = "compare"
) -> pd.DataFrame | None:
    """A switch; when on, two dates, an area, the km² table and the small map. Returns the table.

    Session keys: ``{key}.on``, ``{key}.a``, ``{key}.b``, ``{key}.area``, ``{key}.claims`` and the
    small map's ``{key}.map``.
    """
    if not st.toggle("Compare territory on two dates", key=f"{key}.on"):
        return None
    left, right, where, claims = st.columns([1, 1, 1, 1], vertical_alignment="bottom")
    default_a = max(first_day, _years_before(as_of, 3))
    day_a = left.date_input("Date A", value=default_a, min_value=first_day, max_value=last_day, key=f"{key}.a")
    day_b = right.date_input("Date B", value=as_of, min_value=first_day, max_value=last_day, key=f"{key}.b")
    regions = sorted(basemap.admin1["name"])
    area = where.selectbox("Area", [EVERYWHERE, *regions], key=f"{key}.area")
    statuses = STATUSES_WITH_CLAIMS if claims.checkbox("Count claims too", key=f"{key}.claims") else CONTROL
    clip, options = area_view(basemap.admin1, None if area == EVERYWHERE else area)
    change = territory_change(territories, day_a, day_b, statuses, clip)
    st.text(change_sentence(change, day_a, day_b, area))
    table = _table(change, day_a, day_b)
    numbers = {name: st.column_config.NumberColumn(format="localized") for name in table.columns if "km²" in name}
    st.dataframe(table, hide_index=True, width="stretch", column_config=numbers, key=f"{key}.table")
    st.caption(f"Areas in km², measured in an equal-area projection ({EQUAL_AREA_CRS}); gained = held on B, not on A.")
    held_a, held_b = (holdings(territories, day, statuses, clip) for day in (day_a, day_b))
    small = comparison_base(basemap, (day_a, day_b), (held_a, held_b), options)
    map_view.show(small, comparison_layers(held_a, held_b, day_a, day_b), options.height, key=f"{key}.map")
    return change
