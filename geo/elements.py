"""Our own folium elements: event symbols, fixed-HTML controls, attribution, GeoJSON from a URL, labels."""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.popups import event_popup_html
from geo.style import event_symbol_svg


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


def event_marker(event: dict, class_name: str, **options) -> folium.Marker:
    """An event's symbol at its place, with its (escaped) popup; ``options`` go to ``folium.Marker``."""
    icon = folium.DivIcon(html=event_symbol_svg(event), class_name=class_name, icon_size=(22, 22), icon_anchor=(11, 11))
    marker = folium.Marker(latlon(event["longitude"], event["latitude"]), icon=icon, **options)
    folium.Popup(event_popup_html(event), max_width=340, parse_html=False).add_to(marker)
    return marker


class HtmlControl(MacroElement):
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
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "bottomright", css_class: str = "cm-legend") -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html, self.position, self.css_class = html, position, css_class


class Attribution(MacroElement):
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


class GeoJsonLayer(MacroElement):
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


class OpenPopup(MacroElement):
    """Opens its marker's popup once the marker is on the map.

    streamlit-folium adds a feature group to the map only after building it, so folium's
    ``show=True`` would open nothing.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        setTimeout(function () {
            var marker = {{ this._parent.get_name() }}, map = marker._map;
            if (!map) { return; }
            // Open once the map has settled on the selection, so the popup can pan into view.
            var moving = map._animatingZoom || (map._panAnim && map._panAnim._inProgress);
            if (moving) { map.once("moveend", function () { marker.openPopup(); }); } else { marker.openPopup(); }
        }, 0);
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "OpenPopup"


class PlaceLabels(MacroElement):
    """Place names with a dot, all in one script.

    One element instead of three folium elements per place: branca compiles every rendered script
    fragment as a Jinja template and streamlit-folium renders the map twice per rerun, so 14 labels
    as folium Markers cost 126 of the base map's 189 compilations on every timeline move.
    ``labels`` holds ``(html, lat, lon)``, the names already HTML-escaped.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, dot = {{ this.dot|tojson }};
            {{ this.labels|tojson }}.forEach(function (label) {
                var icon = L.divIcon({html: label[0], iconSize: [120, 16], iconAnchor: [-6, 8], className: "cm-label"});
                L.marker([label[1], label[2]], {interactive: false, icon: icon}).addTo(map);
                L.circleMarker([label[1], label[2]], dot).addTo(map);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[tuple[str, float, float]], dot: dict) -> None:
        super().__init__()
        self._name = "PlaceLabels"
        self.labels, self.dot = [list(label) for label in labels], dot


class EventSymbols(MacroElement):
    """Map symbols (event or town), each with its tooltip and popup, all in one script added to their parent.

    Same Leaflet objects as a folium ``Marker`` + ``DivIcon`` + ``Popup`` + ``Tooltip`` per symbol
    (the popup's content a ``div``, as folium's, so streamlit-folium reports its text on a click),
    but one element instead of three or four per symbol: branca compiles every rendered fragment as
    a Jinja template and streamlit-folium renders the overlays on every rerun, so the 24 shipped
    events as folium elements cost about 110 ms of CPU on each timeline move. ``symbols`` holds
    ``(lat, lon, svg, popup_html or None, tooltip_html, css_class)``, the texts already HTML-escaped;
    ``anchor`` is the icon's anchor in pixels (default: its centre).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var parent = {{ this._parent.get_name() }}, size = {{ this.size|tojson }};
            var anchor = {{ this.anchor|tojson }};
            {{ this.symbols_json }}.forEach(function (s) {
                var icon = L.divIcon({html: s[2], iconSize: size, iconAnchor: anchor, className: s[5]});
                var marker = L.marker([s[0], s[1]], {icon: icon});
                if (s[3] !== null) {
                    var content = document.createElement("div");
                    content.style.width = "100.0%";
                    content.style.height = "100.0%";
                    content.innerHTML = s[3];
                    marker.bindPopup(L.popup({maxWidth: {{ this.popup_width|tojson }}}).setContent(content));
                }
                marker.bindTooltip("<div>" + s[4] + "</div>", {sticky: true});
                marker.addTo(parent);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self, symbols: list[tuple], size: tuple[int, int], anchor: tuple[int, int] | None = None, popup_width: int = 340
    ) -> None:
        super().__init__()
        self._name = "EventSymbols"
        self.symbols_json = script_json([list(symbol) for symbol in symbols])
        self.size, self.popup_width = list(size), popup_width
        self.anchor = list(anchor) if anchor is not None else [size[0] / 2, size[1] / 2]
