"""Our own folium elements: event symbols, fixed-HTML controls, attribution, GeoJSON layers, labels.

Every one of them is a :class:`RenderedOnce`: branca's ``MacroElement.render`` wraps each rendered
macro in ``Element(text)``, whose constructor compiles that text as a Jinja template, so text from
data that a macro had already serialised would be evaluated a second time (``{{ 7*7 }}`` in an
event's notes printed 49; worse expressions ran code on the server). Our elements keep each
rendered macro as plain text instead.
"""

from __future__ import annotations

import json

from branca.element import Element, MacroElement
from jinja2 import Template

from geo.map.popups import event_popup_html, event_tooltip_html
from geo.map.style import event_symbol_svg


def script_json(value: object) -> str:
    """``value`` as JSON safe inside a ``<script>`` (as Jinja's ``tojson``), non-ASCII text kept as is.

    ``tojson`` writes "–" or "é" as Unicode escapes; kept readable, the map's script stays searchable
    (and smaller) for text such as "25 Apr 2026 – 26 Apr 2026".
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("'", "\\u0027")):
        text = text.replace(character, escape)
    return text


def latlon(lon: float, lat: float) -> list[float]:
    """Folium's [lat, lon] order, from our (lon, lat): the one place the order switches."""
    return [float(lat), float(lon)]


class RenderedText(Element):
    """Text a macro has already rendered: written out as it is, never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RenderedText"
        self.text = str(text)

    def render(self, **kwargs) -> str:
        """The text, unchanged."""
        return self.text


class RenderedOnce(MacroElement):
    """A ``MacroElement`` whose macros are rendered once: their output is text, not a template.

    Same placement as branca's ``MacroElement.render`` (header, html and script parts of the root
    figure, under the element's name, then the children), without the second compile.
    """

    def render(self, **kwargs) -> None:
        """Add this element's rendered parts to the figure as text, then render the children."""
        figure = self.get_root()
        for part in ("header", "html", "script"):
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                getattr(figure, part).add_child(RenderedText(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class HtmlControl(RenderedOnce):
    """A Leaflet control at a corner holding fixed HTML (our legend)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
            // A fold (the legend) starts closed on a short map, where open it would cover a third
            // of it and the towns under it; its title stays, one click opens it.
            var map = {{ this._parent.get_name() }};
            var fold = control.getContainer().querySelector("details");
            if (!fold) { return; }
            if (map.getSize().y < 700) { fold.open = false; }
            // A legend never covers a popup: it folds while a popup it would overlap is open, and
            // opens again when that popup closes (only if it was open before).
            var foldedFor = null;
            map.on("popupopen", function (event) {
                var popup = event.popup.getElement(), legend = control.getContainer();
                if (!fold.open || !popup) { return; }
                var a = popup.getBoundingClientRect(), b = legend.getBoundingClientRect();
                if (a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top) {
                    fold.open = false; foldedFor = event.popup;
                }
            });
            map.on("popupclose", function (event) {
                if (foldedFor === event.popup) { fold.open = true; foldedFor = null; }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "bottomright", css_class: str = "cm-legend") -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html, self.position, self.css_class = html, position, css_class


class Attribution(RenderedOnce):
    """Adds our sources to Leaflet's attribution line."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = text


class GeoJsonLayer(RenderedOnce):
    """A non-interactive GeoJSON layer with one style, from a URL (fetched by the browser) or inline.

    From a URL the data travels once and is cached by the browser, instead of riding inside the
    map's script, which Streamlit re-sends on every rerun.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var options = {style: {{ this.style|tojson }}, interactive: false, pane: {{ this.pane|tojson }}};
            var map = {{ this._parent.get_name() }};
            {% if this.url %}
            fetch({{ this.url|tojson }})
                .then(function (response) { return response.json(); })
                .then(function (data) { L.geoJSON(data, options).addTo(map); });
            {% else %}
            L.geoJSON({{ this.data|tojson }}, options).addTo(map);
            {% endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, style: dict, pane: str, url: str | None = None, data: dict | None = None) -> None:
        super().__init__()
        self._name = "GeoJsonLayer"
        self.style, self.pane, self.url, self.data = style, pane, url, data


class ShapesWithTooltips(RenderedOnce):
    """Interactive GeoJSON shapes (territory), each with its own style and a sticky tooltip, in one script.

    ``shapes`` holds ``(geometry, style, tooltip_html)``: a GeoJSON geometry in (lon, lat), a
    Leaflet path style, and tooltip HTML whose data is already escaped. It replaces
    ``folium.GeoJson`` + ``folium.Tooltip``, which writes the tooltip into a JavaScript template
    literal (``${…}`` in data would run) and compiles it a second time as a Jinja template.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var parent = {{ this._parent.get_name() }};
            {{ this.shapes_json }}.forEach(function (shape) {
                var layer = L.geoJSON(shape[0], {style: shape[1]});
                layer.bindTooltip("<div>" + shape[2] + "</div>", {sticky: true});
                layer.addTo(parent);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, shapes: list[tuple[dict, dict, str]]) -> None:
        super().__init__()
        self._name = "ShapesWithTooltips"
        self.shapes_json = script_json([list(shape) for shape in shapes])


class PlaceLabels(RenderedOnce):
    """Place names with a dot, all in one script.

    One element instead of three folium elements per place: branca compiles every rendered script
    fragment as a Jinja template and streamlit-folium renders the map twice per rerun, so 14 labels
    as folium Markers cost 126 of the base map's 189 compilations on every timeline move.
    ``labels`` holds ``(html, lat, lon, name)``, the names HTML-escaped, then as they are (the label's
    ``data-place``); ``pane`` is the Leaflet pane of the names (default: the markers').
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, dot = {{ this.dot|tojson }}, pane = {{ this.pane|tojson }};
            {{ this.labels|tojson }}.forEach(function (label) {
                var icon = L.divIcon({html: label[0], iconSize: [120, 16], iconAnchor: [-6, 8], className: "cm-label"});
                var options = pane ? {interactive: false, icon: icon, pane: pane} : {interactive: false, icon: icon};
                var name = L.marker([label[1], label[2]], options).addTo(map);
                // Named by data, so a layer that labels the town itself can set this one aside.
                name.getElement().setAttribute("data-place", label[3]);
                L.circleMarker([label[1], label[2]], dot).addTo(map);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[tuple[str, float, float, str]], dot: dict, pane: str | None = None) -> None:
        super().__init__()
        self._name = "PlaceLabels"
        self.labels, self.dot, self.pane = [list(label) for label in labels], dot, pane


class EventSymbols(RenderedOnce):
    """Map symbols (event or town), each with its tooltip and popup, all in one script added to their parent.

    Same Leaflet objects as a folium ``Marker`` + ``DivIcon`` + ``Popup`` + ``Tooltip`` per symbol
    (the popup's content a ``div``, as folium's, so streamlit-folium reports its text on a click),
    but one element instead of three or four per symbol: branca compiles every rendered fragment as
    a Jinja template and streamlit-folium renders the overlays on every rerun, so the 24 shipped
    events as folium elements cost about 110 ms of CPU on each timeline move. ``symbols`` holds
    ``(lat, lon, svg, popup_html or None, tooltip_html, css_class)``, the texts already HTML-escaped;
    ``anchor`` is the icon's anchor in pixels (default: its centre); ``open_popup`` opens each
    symbol's popup once it is on the map (the selected event); ``z_index_offset`` lifts the
    symbols above others.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var parent = {{ this._parent.get_name() }}, size = {{ this.size|tojson }};
            var anchor = {{ this.anchor|tojson }};
            {{ this.symbols_json }}.forEach(function (s) {
                var icon = L.divIcon({html: s[2], iconSize: size, iconAnchor: anchor, className: s[5]});
                var marker = L.marker([s[0], s[1]], {icon: icon, zIndexOffset: {{ this.z_index_offset|tojson }}});
                if (s[3] !== null) {
                    var content = document.createElement("div");
                    content.style.width = "100.0%";
                    content.style.height = "100.0%";
                    content.innerHTML = s[3];
                    marker.bindPopup(L.popup({maxWidth: {{ this.popup_width|tojson }}}).setContent(content));
                }
                marker.bindTooltip("<div>" + s[4] + "</div>", {sticky: true});
                marker.addTo(parent);
                {% if this.open_popup %}
                // streamlit-folium adds a feature group to the map only after building it: open the
                // popup once the marker is on the map and the map has settled on the selection.
                setTimeout(function () {
                    var map = marker._map;
                    if (!map) { return; }
                    var moving = map._animatingZoom || (map._panAnim && map._panAnim._inProgress);
                    var open = function () { marker.openPopup(); };
                    if (moving) { map.once("moveend", open); } else { open(); }
                }, 0);
                {% endif %}
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        symbols: list[tuple],
        size: tuple[int, int],
        anchor: tuple[int, int] | None = None,
        popup_width: int = 340,
        open_popup: bool = False,
        z_index_offset: int = 0,
    ) -> None:
        super().__init__()
        self._name = "EventSymbols"
        self.open_popup, self.z_index_offset = open_popup, z_index_offset
        self.symbols_json = script_json([list(symbol) for symbol in symbols])
        self.size, self.popup_width = list(size), popup_width
        self.anchor = list(anchor) if anchor is not None else [size[0] / 2, size[1] / 2]


def event_symbol(event: dict, css_class: str = "cm-event") -> tuple:
    """One event's entry for :class:`EventSymbols`: place, symbol, popup and tooltip (escaped)."""
    return (
        *latlon(event["longitude"], event["latitude"]),
        event_symbol_svg(event),
        event_popup_html(event),
        event_tooltip_html(event),
        css_class,
    )
