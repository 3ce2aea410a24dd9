"""The window-aware map layer: every event, territory and town-status version, filtered in the page.

``TimelineLayer`` belongs to the static base map. Its script holds no data and no URL: it fetches the
JSON file (``timeline_payload``, written under a content-addressed name by ``components.cached``) that
``TimelineData``, an overlay, names, and exposes
``window.cmTimeline.setWindow(start, end, asOf)`` (days since 1970-01-01) in the map's iframe, and the
same object as ``window.parent.__cmMap`` for the time bar in the page. A window change redraws in the
next animation frame, with no server round trip. Popups and tooltips are built from fields with
``textContent``; the only markup set as HTML is our own symbol SVG, built here from the codebook.
"""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd
from jinja2 import Template

from data.cells import cell_text
from data.io.geojson import geometry_mapping
from data.schema import EVENT_TYPES
from data.vocabulary import PLACE_PRECISION
from geo.map.elements import RenderedOnce, latlon, script_json
from geo.map.popups import actors_text, date_label, fatalities_label
from geo.map.style import STATUS_STYLES, actor_colour, event_icon_svg, event_style
from geo.map.towns import town_places, town_versions
from geo.map.validity import NO_END, day_numbers, status_fields, validity  # noqa: F401 (NO_END: the file's word, named here)

_SCRIPT = (Path(__file__).parent / "templates" / "timeline_layer.js.j2").read_text(encoding="utf-8")
# At most this many events in view get a rich symbol (shape, ring, badge, popup); more are dots.
RICH_LIMIT = 300


def _symbol_key(event: dict) -> tuple[str, bool, bool]:
    return (event["event_type"], int(event["geo_precision"]) >= 2, int(event["time_precision"]) >= 2)


def _event_columns(events: pd.DataFrame) -> dict:
    events = events.sort_values("event_date", kind="stable")
    records = events.to_dict("records")
    symbols: dict[tuple, int] = {}
    symbol_of, fields = [], []
    for event in records:
        symbol_of.append(symbols.setdefault(_symbol_key(event), len(symbols)))
        where = cell_text(event["location"]) + (f", {cell_text(event['admin1'])}" if event.get("admin1") else "")
        precision = PLACE_PRECISION.get(int(event["geo_precision"]), "")
        fields.append([
            f"{cell_text(event['event_type'])}: {cell_text(event['sub_event_type'])}",
            date_label(event["event_date"], event.get("date_end"), int(event["time_precision"])),
            f"{where} ({precision})" if precision else where,
            actors_text(event),
            fatalities_label(event.get("fatalities")),
            cell_text(event.get("source")),
            cell_text(event.get("notes")),
            cell_text(event["event_id_cnty"]),
        ])  # fmt: skip
    lat_lon = [latlon(lon, lat) for lon, lat in zip(events["longitude"], events["latitude"], strict=True)]
    type_index = {name: index for index, name in enumerate(EVENT_TYPES)}
    return {
        "first": day_numbers(events["event_date"]).tolist(),
        "last": day_numbers(events["date_end"].fillna(events["event_date"])).tolist(),
        "lat": [round(point[0], 5) for point in lat_lon],
        "lon": [round(point[1], 5) for point in lat_lon],
        "type": [type_index.get(name, 0) for name in events["event_type"]],
        "symbol": symbol_of,
        "symbols": [event_icon_svg(*key) for key in symbols],
        "flags": [[key[1], key[2]] for key in symbols],  # place approximate, date approximate: for the legend
        "colours": [event_style(name)[0] for name in EVENT_TYPES],
        "fields": fields,
        "ids": [cell_text(name) for name in events["event_id_cnty"]],  # what a click on a symbol reports
    }


def timeline_payload(events: pd.DataFrame, territories: pd.DataFrame, towns: pd.DataFrame) -> dict:
    """Everything the layer draws, as JSON-ready columns; day numbers count from 1970-01-01.

    Events: ``first``/``last`` day (inclusive). Territory and town-status versions: ``from`` (inclusive)
    and ``to`` (exclusive, ``NO_END`` while in force), as ``data.view.filters.valid_at`` reads them.
    """
    t_from, t_to = validity(territories)
    territory = []
    for record, first, last in zip(territories.to_dict("records"), t_from, t_to, strict=True):
        colour = actor_colour(record["actor"])
        style = {**STATUS_STYLES[record["status"]], "color": colour, "fillColor": colour}
        territory.append({"geometry": geometry_mapping(record["geometry"], 4), "style": style, "from": first,
                          "to": last, "fields": status_fields(record, "name"), "status": record["status"]})  # fmt: skip
    places = town_places(towns)
    return {"version": 1, "events": _event_columns(events), "territories": territory,
            "towns": town_versions(towns, places), "places": places}  # fmt: skip


class TimelineLayer(RenderedOnce):
    """Draws the file it is told to load (``TimelineData``) for the window set by ``setWindow``; starts at ``window``.

    The layer holds no URL: the base map must stay byte-identical when the attribute filters change
    (streamlit-folium keys its iframe on the base map's script), so the file travels with the overlays.
    """

    _template = Template(_SCRIPT)

    def __init__(self, window: tuple[int, int, int]) -> None:
        super().__init__()
        self._name = "TimelineLayer"
        self.settings_json = script_json({"window": list(window), "richLimit": RICH_LIMIT})


class TimelineData(RenderedOnce):
    """Tells the map's ``TimelineLayer`` which file to draw (a no-op when it already has it)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.cmTimeline) { window.cmTimeline.load({{ this.url_json }}); }
        {% endmacro %}
        """
    )

    def __init__(self, url: str) -> None:
        super().__init__()
        self._name = "TimelineData"
        self.url_json = script_json(url)


def timeline_data_layer(url: str) -> folium.FeatureGroup:
    """The overlay that points the base map's layer at ``url`` (re-evaluated only when the overlays change)."""
    group = folium.FeatureGroup(name="Timeline data", control=False)
    TimelineData(url).add_to(group)
    return group
