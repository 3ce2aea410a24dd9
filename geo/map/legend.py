"""Map furniture drawn by us: the legend and the attribution line.

The legend is rendered by a Jinja template with autoescape (``templates/legend.html.j2``, through
``geo.markup``, the one template environment): a row's
text is text, its mark our own SVG or a swatch drawn from ``geo.map.style``. Each row names what it
explains (``data-key``: ``type:0``, ``territory:contested``, ``colour:#e65100`` …); on the live map,
``LiveLegend`` shows only the rows of what the map shows now, after each redraw of the time bar.
No branca ColorMap: with one on the map, streamlit-folium loads d3 from a CDN.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Template
from markupsafe import Markup

from data.schema import EVENT_TYPES
from data.vocabulary import LABEL_MEANING, LABEL_SAMPLE, NOTHING_SHOWN
from geo.map.elements import RenderedOnce
from geo.map.halos import HALO_RADIUS_KM, REGION_STYLE
from geo.map.style import STATUS_STYLES, actor_colour, event_icon_svg, event_style, town_icon_svg
from geo.markup import render

ATTRIBUTION = (
    'Places © <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0) · '
    "Borders, rivers: Natural Earth (public domain)"
)
OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
# One colour per side, named with every actor that wears it (the Tuareg movements share the FLA's
# orange: the MNLA and the CMA are the coalitions it grew out of).
LEGEND_ACTORS = (
    ("FLA", "FLA (earlier: MNLA, CMA)"),
    ("JNIM", "JNIM (earlier: Ansar Dine, MUJAO; unidentified jihadists)"),
    ("FAMa", "Malian army (FAMa), with Wagner / Africa Corps"),
    ("GATIA", "GATIA (pro-government militia)"),
    ("France", "France and African forces (Niger)"),
)
TERRITORY_ORDER = ("claimed", "controlled", "contested")
_TEMPLATES = Path(__file__).parent / "templates"
GREY = "#555555"


@dataclass(frozen=True)
class Row:
    """One legend line: what it explains (``key``), its mark, its words, and the drawing it belongs to.

    ``mark`` is our own SVG (``Markup``) or a dict the template draws (a swatch or a dot); ``mode`` is
    ``rich`` (symbols) or ``dots`` (the canvas), or empty for both.
    """

    key: str
    mark: Markup | dict
    text: str
    mode: str = ""


@dataclass(frozen=True)
class Section:
    """Rows under one heading rule (``name`` is what the page's script groups them by)."""

    name: str
    rows: tuple[Row, ...]


def _event_rows(modes: tuple[str, ...]) -> list[Row]:
    rows = []
    if "rich" in modes:
        rows += [Row(f"type:{i}", Markup(event_icon_svg(t, size=16)), t, "rich") for i, t in enumerate(EVENT_TYPES)]
        ring = Markup(event_icon_svg("Battles", approximate=True, size=16))
        rows.append(Row("flag:place", ring, "place approximate", "rich"))
        halo = {"halo": True, "km": f"{HALO_RADIUS_KM[2]:g}", "region": REGION_STYLE["color"], "colour": GREY}
        rows.append(Row("halo", halo, "", "rich"))
        badge = Markup(event_icon_svg("Protests", approximate_date=True, size=16))
        rows.append(Row("flag:date", badge, "date approximate", "rich"))
    if "dots" in modes:  # a large record is drawn as one dot per event, coloured by type
        rows += [Row(f"type:{i}", {"dot": event_style(t)[0]}, t, "dots") for i, t in enumerate(EVENT_TYPES)]
        rows.append(Row("note", "", "one dot per event · click a dot for its details", "dots"))
    return rows


def _territory_rows() -> list[Row]:
    rows = []
    for status in TERRITORY_ORDER:
        style = STATUS_STYLES[status]
        swatch = {"swatch": True, "colour": GREY, "weight": style["weight"], "dash": style["dashArray"] or "",
                  "cap": style.get("lineCap", "butt"), "fill": style["fillOpacity"]}  # fmt: skip
        rows.append(Row(f"territory:{status}", swatch, f"{status} territory"))
    return rows


def _town_rows() -> list[Row]:
    # Every map labels its key towns: the live one (geo.map.towns) and the exports (geo.map.labels).
    return [
        Row("town:controlled", Markup(town_icon_svg(GREY, "controlled", 14)), "town held"),
        Row("town:contested", Markup(town_icon_svg(GREY, "contested", 14)), "town contested"),
        Row("labels", {"sample": LABEL_SAMPLE}, LABEL_MEANING),
    ]


def legend_sections(live: bool = False) -> list[Section]:
    """The legend's rows, section by section (see ``legend_html``)."""
    modes = ("rich", "dots") if live else ("rich",)
    actors = [
        Row(f"colour:{actor_colour(actor)}", {"dot": actor_colour(actor)}, label) for actor, label in LEGEND_ACTORS
    ]
    return [
        Section("events", tuple(_event_rows(modes))),
        Section("territory", tuple(_territory_rows())),
        Section("towns", tuple(_town_rows())),
        Section("actors", tuple(actors)),
    ]


def legend_html(live: bool = False) -> str:
    """The legend: event symbols, territory status, town status and actor colours.

    Parameters
    ----------
    live : bool
        For the live map, whose ``LiveLegend`` keeps only the rows of what is on the map: both the
        symbol and the dot rows (the page switches between them), and a line for an empty view.
    """
    return render_legend(legend_sections(live), live)


def render_legend(sections: list[Section], live: bool = False) -> str:
    """``sections`` through the legend's template (autoescaped: only ``Markup`` marks stay markup)."""
    return render("map/legend.html.j2", title="Legend", sections=sections, live=live, nothing=NOTHING_SHOWN)


class LiveLegend(RenderedOnce):
    """Keeps only the legend rows of what the map shows now, after each redraw of the ``TimelineLayer``.

    Added after the ``TimelineLayer`` and the ``TownLayer``: its hook runs last, when the redraw has
    found the event types, territory and town statuses and colours in the window and the view.
    """

    _template = Template((_TEMPLATES / "legend.js.j2").read_text(encoding="utf-8"))

    def __init__(self) -> None:
        super().__init__()
        self._name = "LiveLegend"
