"""The scalable event layer: packed arrays fetched once, drawn on one canvas, filtered in the page.

``CanvasEvents`` belongs to the static base map (so it never remounts); ``EventWindow`` rides in
the overlays and only tells the page the new date window, a few bytes per timeline move.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import folium
import pandas as pd
from jinja2 import Template

from data.schema import EVENT_TYPES
from geo.map.elements import RenderedOnce
from geo.map.style import event_style

_SCRIPT = (Path(__file__).parent / "templates" / "canvas_events.js.j2").read_text(encoding="utf-8")


class CanvasEvents(RenderedOnce):
    """Draws the packed events at ``url`` on a canvas; the window comes from ``EventWindow``."""

    _template = Template(_SCRIPT)

    def __init__(self, url: str) -> None:
        super().__init__()
        self._name = "CanvasEvents"
        self.url = url
        self.types = list(EVENT_TYPES)
        self.colours = [event_style(name)[0] for name in EVENT_TYPES]
        names = list(EVENT_TYPES)
        drawing_order = (
            "Strategic developments",
            "Protests",
            "Riots",
            "Explosions/Remote violence",
            "Violence against civilians",
            "Battles",
        )
        self.order = [names.index(name) for name in drawing_order]


class EventWindow(RenderedOnce):
    """Sets the date window (days since 1970-01-01) of the canvas layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.cmEvents = window.cmEvents || {};
        window.cmEvents.range = [{{ this.start }}, {{ this.end }}];
        if (window.cmEvents.setRange) { window.cmEvents.setRange({{ this.start }}, {{ this.end }}); }
        {% endmacro %}
        """
    )

    def __init__(self, start: int, end: int) -> None:
        super().__init__()
        self._name = "EventWindow"
        self.start, self.end = int(start), int(end)


def window_layer(window: tuple[date, date]) -> folium.FeatureGroup:
    """The events overlay of a large record: only the new date window travels, not the events."""
    group = folium.FeatureGroup(name="Events")
    start, end = (int((pd.Timestamp(day) - pd.Timestamp("1970-01-01")).days) for day in window)
    EventWindow(start, end).add_to(group)
    return group
