"""Build the folium map: a static base and overlays that follow the timeline.

The base (basemap, labels, legend) never changes; the overlays (territory, town status, events)
do.

Coordinates are (lon, lat) everywhere in our code; folium wants [lat, lon], and the swap goes
through ``geo.map.elements.latlon``.
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import pandas as pd
from branca.element import Element
from folium.plugins import MarkerCluster

from data.io.geojson import features_collection, geometry_mapping
from geo.map.assets import Assets, map_assets
from geo.map.basemap import Basemap
from geo.map.elements import (
    Attribution,
    EventSymbols,
    GeoJsonLayer,
    HtmlControl,
    PlaceLabels,
    ShapesWithTooltips,
    event_symbol,
    latlon,
)
from geo.map.halos import halo_layer
from geo.map.highlight import selected_layer
from geo.map.legend import ATTRIBUTION, OSM_ATTRIBUTION, LiveLegend, legend_html
from geo.map.popups import html_text, status_tooltip_html
from geo.map.style import (
    PRESENTATION_MAP_CSS,
    STATUS_STYLES,
    actor_colour,
    basemap_colours,
    town_icon_svg,
)
from geo.map.timeline_layer import TimelineLayer
from geo.map.towns import TownLayer

OVERLAY_NAMES = ("Territory", "Town status", "Events")
LABEL_PANE = "cm-labels"
LAND_PANE, LINE_PANE = "cm-land", "cm-lines"
# Only symbols within this many pixels cluster: in practice, events at the same town.
CLUSTER_RADIUS_PX = 16
MAP_CSS = """
<style>
/* In streamlit-folium's frame (#map_div) the map fills the frame, whose height the page sets from the
   viewport (components/layout.py); Leaflet follows the frame's resize. */
html body:has(#map_div) { margin: 0; overflow: hidden; }
html #map_div { height: 100vh !important; }
/* "html" outranks Leaflet's and markercluster's own rules, whichever loads last. */
html .leaflet-container { background: %(sea)s; font: 13px/1.35 system-ui, sans-serif; }
.cm-label { color: #333; font-size: 12px; font-weight: 600; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
.cm-legend { background: rgba(255,255,255,0.93); padding: 6px 9px; border-radius: 5px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.35); line-height: 1.5; font-size: 13px; }
.cm-legend svg { vertical-align: -3px; }
.cm-legend hr { margin: 4px 0; border: 0; border-top: 1px solid #ccc; }
.cm-legend-title { font-weight: 700; margin-bottom: 2px; cursor: pointer; }
.cm-legend svg.cm-swatch { vertical-align: -2px; }
span.cm-swatch, .cm-halo-swatch { display: inline-block; width: 16px; height: 10px; vertical-align: -1px; }
.cm-legend [hidden] { display: none !important; }
.cm-dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%%; }
.cm-popup table { border-collapse: collapse; margin: 4px 0; }
.cm-popup th { text-align: left; padding-right: 8px; vertical-align: top; color: #555; }
.cm-event, .cm-town, .cm-label { background: none; border: none; }
/* Neutral cluster bubbles: the default green would read as an actor's colour. */
html .marker-cluster-small, html .marker-cluster-medium, html .marker-cluster-large {
  background-color: rgba(55,55,55,0.25); }
html .marker-cluster-small div, html .marker-cluster-medium div, html .marker-cluster-large div {
  background-color: rgba(45,45,45,0.85); color: #fff; font-weight: 700; }
</style>
"""


@dataclass(frozen=True)
class MapOptions:
    """How to draw the map. ``center`` is (lon, lat); ``basemap`` is ``vector`` or ``tiles``.

    ``height`` is in pixels, or a CSS percentage ("100%": fill the window, for a standalone file).
    ``theme`` is ``standard`` or ``presentation`` (high contrast, large type: ``geo.map.style``).
    """

    basemap: str = "vector"
    # Framed on the theatre, northern and central Mali, with Kidal's label readable at 1280×720.
    center: tuple[float, float] = (-0.6, 17.3)
    zoom: int = 6
    height: int | str = 620
    theme: str = "standard"


def _basemap_layer(basemap: Basemap, name: str, style: dict, pane: str, assets: Assets) -> GeoJsonLayer:
    if assets.basemap_url:
        return GeoJsonLayer(style, pane, url=f"{assets.basemap_url}/{name}.geojson")
    shapes = [({}, geometry) for geometry in getattr(basemap, name).geometry]
    return GeoJsonLayer(style, pane, data=features_collection(shapes, precision=4))


def add_basemap(fmap: folium.Map, basemap: Basemap, options: MapOptions, assets: Assets) -> None:
    """Tiles, or the shipped vector basemap (land, regions, rivers, lakes) served or inlined."""
    # Two panes under the overlays (400): land below, lines above it, whatever order the
    # browser's fetches finish in.
    folium.map.CustomPane(LAND_PANE, z_index=210, pointer_events=False).add_to(fmap)
    folium.map.CustomPane(LINE_PANE, z_index=220, pointer_events=False).add_to(fmap)
    # Place names above the event symbols (markers: 600), under the town panes (geo.map.towns).
    folium.map.CustomPane(LABEL_PANE, z_index=610, pointer_events=False).add_to(fmap)
    colours = basemap_colours(options.theme)
    if options.basemap == "tiles":
        folium.TileLayer("OpenStreetMap", attr=OSM_ATTRIBUTION, max_zoom=12).add_to(fmap)
        country_style = {"color": colours["border"], "weight": 1.2, "fill": False}
    else:
        country_style = {"color": colours["border"], "weight": 1.2, "fillColor": colours["land"], "fillOpacity": 1}
    water = {"color": colours["water"], "weight": 1.5, "fillColor": colours["water"], "fillOpacity": 0.8}
    layers = (
        ("countries", country_style, LAND_PANE),
        ("admin1", {"color": colours["admin1"], "weight": 1, "dashArray": "4 4", "fill": False}, LINE_PANE),
        ("lakes", water, LINE_PANE),
        ("rivers", {**water, "fill": False}, LINE_PANE),
    )
    for name, style, pane in layers:
        _basemap_layer(basemap, name, style, pane, assets).add_to(fmap)


def add_labels(fmap: folium.Map, basemap: Basemap) -> None:
    """The basemap's town names, each with its dot, in a pane above the event symbols (under the towns)."""
    # The dot's options are what folium.CircleMarker(radius=2.5, color="#222", weight=1, fill=True,
    # fill_opacity=1) emitted when each label was a folium element.
    dot = {"color": "#222", "fillColor": "#222", "fillOpacity": 1, "opacity": 1.0, "radius": 2.5, "weight": 1}
    dot.update({"bubblingMouseEvents": True, "fill": True, "fillRule": "evenodd", "stroke": True})
    dot.update({"lineCap": "round", "lineJoin": "round", "dashArray": None, "dashOffset": None, "interactive": False})
    labels = [(html_text(name), *latlon(lon, lat), name) for name, lon, lat in basemap.labels]
    PlaceLabels(labels, dot, LABEL_PANE).add_to(fmap)


def build_base_map(
    basemap: Basemap,
    options: MapOptions,
    assets: Assets | None = None,
    timeline: tuple[int, int, int] | None = None,
) -> folium.Map:
    """The part of the map that never changes with the timeline (so it never remounts).

    Parameters
    ----------
    basemap : Basemap
        Shipped layers and labels.
    options : MapOptions
        Basemap mode, initial view and height.
    assets : Assets, optional
        JS/CSS sources; default: the app's static folder (see ``geo.map.assets``).
    timeline : (int, int, int), optional
        The window the window-aware layer (``geo.map.timeline_layer``) starts at, in day numbers; keep
        it constant (e.g. the record's bounds), or the base map changes. Its file comes with the
        overlays (``timeline_data_layer``).
    """
    assets = assets or map_assets()
    fmap = folium.Map(
        location=latlon(*options.center),
        zoom_start=options.zoom,
        tiles=None,
        height=options.height,
        control_scale=True,
        min_zoom=3,
        max_zoom=12,
        minZoom=3,
        maxZoom=12,
    )
    # Only what our map uses, served locally: Leaflet (no jQuery: no folium.Popup, our popups are built in JS).
    fmap.default_js, fmap.default_css = assets.js, assets.css
    fmap.get_root().header.add_child(Element(MAP_CSS % basemap_colours(options.theme)))
    if options.theme == "presentation":
        fmap.get_root().header.add_child(Element(PRESENTATION_MAP_CSS))
    add_basemap(fmap, basemap, options, assets)
    add_labels(fmap, basemap)
    live = timeline is not None
    HtmlControl(legend_html(live=live), position="bottomleft").add_to(fmap)
    if live:  # the towns and the legend hook into the layer's redraw: added after it, the legend last
        TimelineLayer(timeline).add_to(fmap)
        TownLayer().add_to(fmap)
        LiveLegend().add_to(fmap)
    Attribution(ATTRIBUTION).add_to(fmap)
    return fmap


def territory_layer(territories: pd.DataFrame) -> folium.FeatureGroup:
    """Claimed (dashed, faint) and controlled (solid) areas, coloured by actor."""
    group = folium.FeatureGroup(name=OVERLAY_NAMES[0])
    shapes = []
    for record in territories.to_dict("records"):
        colour = actor_colour(record["actor"])
        style = {**STATUS_STYLES[record["status"]], "color": colour, "fillColor": colour}
        shapes.append((geometry_mapping(record["geometry"], 4), style, status_tooltip_html(record, "name")))
    ShapesWithTooltips(shapes).add_to(group)
    return group


def town_layer(towns: pd.DataFrame) -> folium.FeatureGroup:
    """Who holds each northern town on the as-of day."""
    group = folium.FeatureGroup(name=OVERLAY_NAMES[1])
    symbols = [
        (*latlon(record["longitude"], record["latitude"]), town_icon_svg(actor_colour(record["actor"]),
         record["status"]), None, status_tooltip_html(record, "town"), "cm-town")
        for record in towns.to_dict("records")
    ]  # fmt: skip
    EventSymbols(symbols, size=(16, 16), anchor=(-4, 18)).add_to(group)
    return group


def event_layer(events: pd.DataFrame, assets: Assets | None = None) -> folium.FeatureGroup:
    """One symbol per event (type by shape and colour), with an escaped popup and tooltip.

    Events at the same spot gather in a cluster that shows their number and fans them out on click.
    """
    assets = assets or map_assets()
    group = folium.FeatureGroup(name=OVERLAY_NAMES[2])
    # No easing of the markers after a zoom (the plugin's "animate"): a picture is taken as soon as
    # the map is drawn, and mid-way its clusters and labels were still gliding into place.
    options = {"maxClusterRadius": CLUSTER_RADIUS_PX, "showCoverageOnHover": False, "spiderfyOnMaxZoom": True}
    cluster = MarkerCluster(options={**options, "animate": False})
    cluster.default_js, cluster.default_css = assets.cluster_js, assets.cluster_css
    cluster.add_to(group)
    symbols = [event_symbol(event) for event in events.sort_values("event_date").to_dict("records")]
    EventSymbols(symbols, size=(22, 22), popup_width=340).add_to(cluster)
    return group


def build_overlays(
    events: pd.DataFrame,
    territories: pd.DataFrame,
    towns: pd.DataFrame,
    assets: Assets | None = None,
    basemap: Basemap | None = None,
    selected: dict | None = None,
) -> list[folium.FeatureGroup]:
    """The layers that follow the timeline, bottom to top: territory, town status, events.

    One symbol per event. With ``basemap`` (for region outlines), halos of place precision go under
    the symbols and the ``selected`` event's highlight on top.
    """
    groups = [territory_layer(territories), town_layer(towns)]
    groups += [halo_layer(events, basemap)] if basemap is not None else []
    groups.append(event_layer(events, assets))
    return groups + ([selected_layer(selected, basemap)] if basemap is not None else [])


def build_map(
    events: pd.DataFrame,
    territories: pd.DataFrame,
    towns: pd.DataFrame,
    basemap: Basemap,
    options: MapOptions,
    assets: Assets | None = None,
) -> folium.Map:
    """The whole map in one object (base + overlays), e.g. to test its HTML or save it."""
    fmap = build_base_map(basemap, options, assets)
    for group in build_overlays(events, territories, towns, assets):
        group.add_to(fmap)
    return fmap
