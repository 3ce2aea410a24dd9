"""Visual vocabulary of the map: colours and symbols per event type, actor and territory status.

Colours follow ACLED's dashboards where they have one; symbols differ by shape as well as colour
so that the legend still reads on a projector or in grey scale.
"""

from __future__ import annotations

import hashlib

# Event type -> (colour, shape). Shapes are SVG paths in a 20x20 box centred on (10, 10).
EVENT_STYLES: dict[str, tuple[str, str]] = {
    "Battles": ("#c62828", "M4 4 L16 16 M16 4 L4 16"),
    "Explosions/Remote violence": (
        "#ef6c00",
        "M10 1 L12.5 7 L19 7.5 L14 11.5 L15.5 18 L10 14.5 L4.5 18 L6 11.5 L1 7.5 L7.5 7 Z",
    ),
    "Violence against civilians": ("#6a1b9a", "M10 2 L18.5 17 L1.5 17 Z"),
    "Protests": ("#1565c0", "M3 3 H17 V17 H3 Z"),
    "Riots": ("#795548", "M10 1.5 L18.5 10 L10 18.5 L1.5 10 Z"),
    "Strategic developments": ("#00897b", "M10 1.5 L17.5 5.8 V14.2 L10 18.5 L2.5 14.2 V5.8 Z"),
}
UNKNOWN_EVENT_STYLE = ("#616161", "M10 2 A8 8 0 1 1 9.99 2 Z")

# Actors that hold or claim ground in this theatre; others get a stable colour from their name.
ACTOR_COLOURS: dict[str, str] = {
    "FLA": "#e65100",
    "MNLA": "#e65100",
    "CMA": "#e65100",
    "CSP-DPA": "#e65100",
    "JNIM": "#212121",
    "Ansar Dine": "#212121",  # jihadist groups share JNIM's colour: Ansar Dine co-founded it in 2017
    "MUJAO": "#212121",
    "Unidentified jihadists": "#212121",
    "Malian government": "#2e7d32",
    "FAMa": "#2e7d32",
    "FAMa and Wagner": "#2e7d32",
    "FAMa and Africa Corps": "#2e7d32",
    "France": "#1565c0",
    "Military Forces of Niger": "#1565c0",  # the African force that entered with France in 2013
    "GATIA": "#5d4037",
}
_FALLBACK_PALETTE = ("#5d4037", "#00838f", "#ad1457", "#558b2f", "#4527a0", "#f9a825")

# Territory status -> Leaflet path options. Claims are dashed and faint, control solid, contested
# ground a line of round dots over a middle fill: three outlines that differ at a glance and in grey.
STATUS_STYLES: dict[str, dict] = {
    "claimed": {"weight": 2.5, "dashArray": "8 6", "fillOpacity": 0.08, "opacity": 0.9},
    "controlled": {"weight": 2, "dashArray": None, "fillOpacity": 0.35, "opacity": 1.0},
    "contested": {"weight": 3, "dashArray": "0.1 6", "lineCap": "round", "fillOpacity": 0.2, "opacity": 1.0},
}

BASEMAP_COLOURS = {
    "sea": "#b9d3e6",
    "land": "#f3efe6",
    "theatre": "#fbf8f1",
    "border": "#8d8d8d",
    "admin1": "#a1887f",
    "water": "#6fa8d6",
}


def event_style(event_type: str) -> tuple[str, str]:
    """``(colour, svg_path)`` of an ACLED event type (a neutral circle for unknown types)."""
    return EVENT_STYLES.get(event_type, UNKNOWN_EVENT_STYLE)


def actor_colour(actor: str) -> str:
    """A colour per actor: the theatre's known actors by name, others stable by hash."""
    if actor in ACTOR_COLOURS:
        return ACTOR_COLOURS[actor]
    digest = hashlib.sha1(actor.encode("utf-8")).digest()
    return _FALLBACK_PALETTE[digest[0] % len(_FALLBACK_PALETTE)]


# A small dark badge with a tilde at the symbol's top right: the date is approximate.
DATE_BADGE = (
    '<circle cx="15.6" cy="4.4" r="4.3" fill="#263238" stroke="#ffffff" stroke-width="0.8"/>'
    '<path d="M12.9 5 Q14.2 3 15.6 4.4 T18.3 3.8" fill="none" stroke="#ffffff" stroke-width="1.1"/>'
)


def event_icon_svg(event_type: str, approximate: bool = False, approximate_date: bool = False, size: int = 22) -> str:
    """An inline SVG symbol for an event.

    ``approximate`` adds a dashed ring (place not exact), ``approximate_date`` a tilde badge
    (date known only to a range of days or a month).
    """
    colour, path = event_style(event_type)
    filled = "none" if path.startswith("M4 4 L16 16") else colour
    stroke = colour if filled == "none" else "#ffffff"
    width = 3.2 if filled == "none" else 1.4
    ring = (
        f'<circle cx="10" cy="10" r="9.3" fill="none" stroke="{colour}" stroke-width="1.2" stroke-dasharray="2.5 2"/>'
        if approximate
        else ""
    )
    backdrop = '<circle cx="10" cy="10" r="9" fill="#ffffff" fill-opacity="0.85"/>' if filled == "none" else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="{size}" height="{size}">'
        f'{backdrop}{ring}<path d="{path}" fill="{filled}" stroke="{stroke}" stroke-width="{width}" '
        f'stroke-linejoin="round" stroke-linecap="round"/>{DATE_BADGE if approximate_date else ""}</svg>'
    )


def event_symbol_svg(event: dict, size: int = 22) -> str:
    """The symbol of one event record.

    Its type's shape, a dashed ring if its place is approximate (``geo_precision`` 2 or 3), a
    tilde badge if its date is (``time_precision`` 2 or 3).
    """
    approximate_place, approximate_date = int(event["geo_precision"]) >= 2, int(event["time_precision"]) >= 2
    return event_icon_svg(event["event_type"], approximate_place, approximate_date, size)


def town_icon_svg(colour: str, status: str, size: int = 16) -> str:
    """A square town-status symbol: solid for controlled, hatched-looking for contested."""
    inner = (
        f'<rect x="3" y="3" width="14" height="14" fill="{colour}" stroke="#ffffff" stroke-width="2"/>'
        if status != "contested"
        else f'<rect x="3" y="3" width="14" height="14" fill="#ffffff" stroke="{colour}" stroke-width="3"/>'
        f'<path d="M3 17 L17 3" stroke="{colour}" stroke-width="3"/>'
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="{size}" height="{size}">{inner}</svg>'


# Presentation (projector, screen sharing): video codecs smear thin lines and pale tints, so the
# theme uses stronger borders, a white land fill against a darker sea, larger type and symbols.
PRESENTATION_BASEMAP_COLOURS = {
    "sea": "#8fb8d8",
    "land": "#ffffff",
    "theatre": "#ffffff",
    "border": "#303030",
    "admin1": "#5d4037",
    "water": "#1f6fb2",
}
PRESENTATION_MAP_CSS = """
<style>
html .leaflet-container { font-size: 17px; }
.cm-label { color: #000; font-size: 17px; font-weight: 700;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
.cm-legend { background: #fff; font-size: 16px; line-height: 1.45; padding: 8px 12px;
  border: 2px solid #222; }
.cm-legend svg { width: 20px; height: 20px; }
.cm-legend-title { font-size: 17px; }
.cm-event svg { transform: scale(1.45); }
.cm-town svg { transform: scale(1.3); }
html .cm-holder-text { font-size: 17px; border-left-width: 7px; }
/* CSS outranks the paths' SVG attributes: thicker outlines survive compression. */
.leaflet-overlay-pane path { stroke-width: 3.5px; }
.cm-highlight { stroke-width: 5px !important; }
</style>
"""
HIGHLIGHT_COLOUR = "#ffd600"
THEMES = ("standard", "presentation")


def basemap_colours(theme: str) -> dict[str, str]:
    """The basemap palette of a theme (``standard`` or ``presentation``)."""
    if theme not in THEMES:
        raise ValueError(f"theme {theme!r} is not one of: {', '.join(THEMES)}")
    return PRESENTATION_BASEMAP_COLOURS if theme == "presentation" else BASEMAP_COLOURS
