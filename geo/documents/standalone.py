"""A standalone HTML map: one file that opens from disk with no server and no network.

The map is the app's (same layers, legend, escaping); its scripts, styles and basemap are inlined
instead of fetched, and a stamp names the as-of date, what is shown, the story step told and the
events' sources, beside a north arrow (``geo.documents.furniture``), for briefs sent by e-mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from branca.element import Element
from folium.map import FitBounds

from geo.documents.furniture import FURNITURE_CSS, StoryCaption, add_furniture, source_line
from geo.map.assets import STATIC_DIR, STATIC_URL, local_assets
from geo.map.basemap import Basemap
from geo.map.build import MapOptions, build_map
from geo.map.elements import latlon
from geo.map.labels import FixedLabels, key_town_labels
from geo.map.style import HIGHLIGHT_COLOUR
from geo.projection import mercator_pixels

_SCRIPT_TAG = re.compile(r'<script src="(?P<url>/app/static/[^"]+)"></script>')
_STYLE_TAG = re.compile(r'<link rel="stylesheet" href="(?P<url>/app/static/[^"]+)"/>')
# A picture has nothing to click: no zoom buttons.
IMAGE_CSS = "<style>.leaflet-control-zoom { display: none; }</style>"
# A picture is read, not clicked: its legend is open whatever the map's height (on screen the fold
# starts closed on a short map). The map's script has run by DOMContentLoaded.
OPEN_LEGEND_JS = (
    '<script>document.addEventListener("DOMContentLoaded", function () {'
    ' document.querySelectorAll(".cm-legend details").forEach(function (fold) { fold.open = true; }); });</script>'
)
NO_LEGEND_CSS = "<style>.cm-legend:not(.cm-stamp) { display: none; }</style>"
# An event this close to the picture's edge may be drawn inside a cluster placed just outside it.
FRAME_MARGIN_PX = 20
# Fitting one town alone would zoom in to street level: stop at a district's scale.
FIT_MAX_ZOOM = 8


@dataclass(frozen=True)
class ScreenView:
    """Where the map on screen is: its centre ``(lon, lat)`` and its zoom, as the browser reported them."""

    center: tuple[float, float]
    zoom: int


@dataclass(frozen=True)
class ExportView:
    """What the page shows, for the exports (HTML map, PNG, brief).

    Attributes
    ----------
    events, territories, towns : pandas.DataFrame
        What the map draws: events in the window, territory and town status on the as-of day.
    basemap : Basemap
        The shipped basemap.
    stamp : tuple of str
        ``(title, as-of date as shown, filter sentence)``.
    as_of : datetime.date
        The as-of day.
    history : tuple of pandas.DataFrame
        ``(events, territories, towns)`` of every date, events narrowed by the filters but the
        dates: "what changed" compares the period with the one before, outside the window.
    screen : ScreenView or None
        Frame the map as on screen (same centre and zoom); None frames it on everything shown.
    story : geo.documents.furniture.StoryCaption or None
        The story step being told: its text in the stamp, its events ringed.
    """

    events: pd.DataFrame
    territories: pd.DataFrame
    towns: pd.DataFrame
    basemap: Basemap
    stamp: tuple[str, str, str]
    as_of: date
    history: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]
    screen: ScreenView | None = None
    story: StoryCaption | None = None

    def symbols_drawn(self, width: int, height: int) -> int:
        """How many event symbols a ``width`` × ``height`` (CSS pixels) picture of this view must show.

        Fitted, every event; as on screen, the events inside the frame (Leaflet.markercluster leaves
        events far outside the view out of the page, so waiting for all of them would never end).
        """
        if self.screen is None:
            return len(self.events)
        return int(in_frame(self.events, self.screen, width, height).sum())

    def map_html(self, for_image: bool = False, legend: bool = True) -> str:
        """The standalone map of this view (see :func:`standalone_html`)."""
        layers = (self.events, self.territories, self.towns, self.basemap, self.stamp)
        labels = key_town_labels(self.history[2], self.as_of)  # a key town nobody holds that day: its name
        return standalone_html(
            *layers, for_image=for_image, screen=self.screen, legend=legend, story=self.story, labels=labels
        )


def in_frame(events: pd.DataFrame, screen: ScreenView, width: int, height: int) -> np.ndarray:
    """Which events fall inside a ``width`` × ``height`` map centred as ``screen``, a margin inside its edge."""
    x, y = mercator_pixels(events["longitude"].to_numpy(float), events["latitude"].to_numpy(float), screen.zoom)
    cx, cy = mercator_pixels(screen.center[0], screen.center[1], screen.zoom)
    return (np.abs(x - cx) <= width / 2 - FRAME_MARGIN_PX) & (np.abs(y - cy) <= height / 2 - FRAME_MARGIN_PX)


def _local_file(url: str, static_dir: Path) -> str:
    return (static_dir / url.removeprefix(STATIC_URL + "/")).read_text(encoding="utf-8")


def inline_assets(html: str, static_dir: Path = STATIC_DIR) -> str:
    """Replace the app-served ``<script src>`` and stylesheet links with their content.

    Raises
    ------
    FileNotFoundError
        When ``static/vendor`` was not set up (``bash scripts/setup.sh``).
    """
    # "</script" inside a library would end the inline tag early; it is escaped where it appears.
    html = _SCRIPT_TAG.sub(
        lambda m: "<script>" + _local_file(m["url"], static_dir).replace("</script", "<\\/script") + "</script>", html
    )
    return _STYLE_TAG.sub(lambda m: "<style>" + _local_file(m["url"], static_dir) + "</style>", html)


def content_bounds(
    events: pd.DataFrame, territories: pd.DataFrame, towns: pd.DataFrame
) -> tuple[float, float, float, float] | None:
    """``(west, south, east, north)`` around the events, towns and territory shown; None when empty."""
    lons = [*events["longitude"], *towns["longitude"]]
    lats = [*events["latitude"], *towns["latitude"]]
    if "geometry" in territories and len(territories):
        west, south, east, north = territories.geometry.total_bounds
        lons += [west, east]
        lats += [south, north]
    if not lons:
        return None
    return float(min(lons)), float(min(lats)), float(max(lons)), float(max(lats))


def standalone_html(
    events: pd.DataFrame,
    territories: pd.DataFrame,
    towns: pd.DataFrame,
    basemap: Basemap,
    stamp: tuple[str, str, str],
    static_dir: Path = STATIC_DIR,
    for_image: bool = False,
    screen: ScreenView | None = None,
    legend: bool = True,
    story: StoryCaption | None = None,
    labels: list[dict] | None = None,
) -> str:
    """The whole map as one self-contained HTML document, filling the window.

    It is framed as on screen when ``screen`` is given (same centre and zoom: a larger window shows
    more around that centre), else on what it shows (the events, towns and territory).

    Parameters
    ----------
    events, territories, towns : pandas.DataFrame
        What the page shows (already filtered to the window and the as-of date).
    basemap : Basemap
        The shipped basemap (inlined as GeoJSON).
    stamp : tuple of str
        ``(title, as-of date, filter sentence)``.
    static_dir : pathlib.Path
        Where the vendored scripts and styles are.
    for_image : bool
        Drop the controls a picture has no use for (the zoom buttons), for ``geo.documents.render``.
    screen : ScreenView, optional
        The view on screen; ``build_map`` turns its (lon, lat) centre into folium's order.
    legend : bool
        Keep the legend on the map; the brief prints it under its picture instead.
    story : geo.documents.furniture.StoryCaption, optional
        The story step being told (its text in the stamp, its events ringed).
    labels : list of dict, optional
        The key towns' labels (``geo.map.labels.key_town_labels``); default: those of ``towns``.
    """
    assets = local_assets(basemap_served=False)
    options = MapOptions(height="100%")
    if screen is not None:
        options = replace(options, center=screen.center, zoom=screen.zoom)
    fmap: folium.Map = build_map(events, territories, towns, basemap, options, assets)
    FixedLabels(key_town_labels(towns) if labels is None else labels).add_to(fmap)  # as the live map's
    fmap.get_root().header.add_child(Element(FURNITURE_CSS % {"ring": HIGHLIGHT_COLOUR}))
    add_furniture(fmap, stamp, source_line(events), story)
    bounds = None if screen is not None else content_bounds(events, territories, towns)
    if bounds is not None:
        west, south, east, north = bounds
        fit = FitBounds([latlon(west, south), latlon(east, north)], padding=(24, 24), max_zoom=FIT_MAX_ZOOM)
        # At once: a picture is taken as soon as the map is drawn, and Leaflet's quarter-second pan to
        # the fit was still under way (the towns' labels placed for where the map started).
        fit.options["animate"] = False
        fmap.add_child(fit)
    if for_image:
        fmap.get_root().header.add_child(Element(IMAGE_CSS + OPEN_LEGEND_JS))
    if not legend:
        fmap.get_root().header.add_child(Element(NO_LEGEND_CSS))
    return inline_assets(fmap.get_root().render(), static_dir)
