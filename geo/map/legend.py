"""Map furniture drawn by us: the legend and the attribution line.

No branca ColorMap: with one on the map, streamlit-folium loads d3 from a CDN.
"""

from __future__ import annotations

from data.schema import EVENT_TYPES
from geo.map.halos import HALO_RADIUS_KM, REGION_STYLE
from geo.map.popups import html_text
from geo.map.style import STATUS_STYLES, actor_colour, event_icon_svg, event_style, town_icon_svg

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


def _swatch(status: str, colour: str) -> str:
    style = STATUS_STYLES[status]
    dash = (
        "dashed"
        if style["dashArray"] and len(style["dashArray"]) > 3
        else ("dotted" if style["dashArray"] else "solid")
    )
    alpha = int(style["fillOpacity"] * 255)
    return f'<span class="cm-swatch" style="border:2px {dash} {colour};background:{colour}{alpha:02x}"></span>'


def _halo_swatch(colour: str = "#555555", corner: int = 8) -> str:
    return (
        f'<span class="cm-swatch" style="border:1.5px dashed {colour};border-radius:{corner}px;'
        f'background:{colour}18"></span>'
    )


def _event_rows(canvas: bool) -> list[str]:
    if canvas:  # a large record is drawn as one dot per event, coloured by type
        return [
            f'<div><span class="cm-dot" style="background:{event_style(t)[0]}"></span> {html_text(t)}</div>'
            for t in EVENT_TYPES
        ] + ["<div>one dot per event · click a dot for its details</div>"]
    rows = [f"<div>{event_icon_svg(t, size=16)} {html_text(t)}</div>" for t in EVENT_TYPES]
    rows.append(f"<div>{event_icon_svg('Battles', approximate=True, size=16)} place approximate</div>")
    rows.append(
        f"<div>{_halo_swatch()} within {HALO_RADIUS_KM[2]:g} km · {_halo_swatch(REGION_STYLE['color'], 2)} region</div>"
    )
    rows.append(f"<div>{event_icon_svg('Protests', approximate_date=True, size=16)} date approximate</div>")
    return rows


def legend_html(canvas: bool = False) -> str:
    """The legend: event symbols, territory status and actor colours.

    Parameters
    ----------
    canvas : bool
        Whether the events are drawn as dots on the canvas layer (a large record): the legend then
        shows those dots rather than the symbols of a small record.
    """
    rows = _event_rows(canvas)
    rows.append("<hr>")
    rows += [f"<div>{_swatch(s, '#555555')} {s} territory</div>" for s in ("claimed", "controlled")]
    rows.append(
        f"<div>{town_icon_svg('#555555', 'controlled', 14)} town held · "
        f"{town_icon_svg('#555555', 'contested', 14)} contested</div>"
    )
    rows += [
        f'<div><span class="cm-dot" style="background:{actor_colour(actor)}"></span> {html_text(label)}</div>'
        for actor, label in LEGEND_ACTORS
    ]
    # A fold the viewer can close (its title stays): the legend never has to hide the map.
    return '<details open><summary class="cm-legend-title">Legend</summary>' + "".join(rows) + "</details>"
