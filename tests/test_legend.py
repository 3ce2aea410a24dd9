"""The legend: one row per thing the map can show, drawn as the map draws it, rendered with autoescape."""

from __future__ import annotations

import re

from data.schema import EVENT_TYPES
from geo.map.legend import Row, Section, legend_html, render_legend
from geo.map.style import STATUS_STYLES

ROW = re.compile(r'<div class="cm-legend-row" data-section="(\w+)" data-key="([^"]+)"(?: data-mode="(\w+)")?>')


def rows(html: str) -> list[tuple[str, str, str]]:
    return ROW.findall(html)


def swatch_of(html: str, status: str) -> str:
    row = re.search(rf'data-key="territory:{status}">(<svg.*?</svg>)', html)
    assert row is not None, status
    return row.group(1)


def test_each_territory_status_has_its_own_swatch_drawn_as_the_map_draws_it():
    html = legend_html()
    swatches = {status: swatch_of(html, status) for status in ("claimed", "controlled", "contested")}
    assert len(set(swatches.values())) == 3  # contested ground no longer borrows the claims' look
    for status, svg in swatches.items():
        style = STATUS_STYLES[status]
        assert f'fill-opacity="{style["fillOpacity"]}"' in svg
        assert (f'stroke-dasharray="{style["dashArray"]}"' in svg) is bool(style["dashArray"])
    assert 'stroke-linecap="round"' in swatches["contested"]  # a line of dots
    assert "contested territory" in html


def test_the_static_legend_has_one_row_per_event_type_in_the_map_s_drawing():
    keys = [(key, row_mode) for section, key, row_mode in rows(legend_html()) if section == "events"]
    assert {key for key, _mode in keys} >= {f"type:{i}" for i in range(len(EVENT_TYPES))}
    assert {row_mode for _key, row_mode in keys} == {"rich"}


def test_the_live_legend_carries_both_drawings_and_the_town_labels_row():
    html = legend_html(live=True)
    modes = {row_mode for section, _key, row_mode in rows(html) if section == "events"}
    assert modes == {"rich", "dots"}  # the page switches between symbols and dots
    assert 'data-key="labels"' in html
    assert "Town · holder since day" in html
    assert 'data-key="labels"' in legend_html()  # the exports label their key towns too
    assert "<details open data-live>" in html


def test_legend_text_is_escaped_by_the_template():
    hostile = '<img src=x onerror="alert(1)"> {{ 7*7 }}'
    html = render_legend([Section("actors", (Row("colour:#000000", {"dot": "#000000"}, hostile),))])
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; {{ 7*7 }}" in html  # as text, not compiled either


def test_the_live_map_s_legend_follows_its_layer(dataset):
    from geo.map.basemap import load_basemap
    from geo.map.build import MapOptions, build_base_map
    from geo.map.timeline_layer import timeline_payload

    html = build_base_map(load_basemap(), MapOptions(), timeline=(1, 2, 2)).get_root().render()
    assert "\\u003cdetails open data-live\\u003e" in html  # the legend's HTML, in the control's script
    # Its hook is the last of the redraw's: the towns have said what they show by then.
    assert html.index("window.cmTimeline =") < html.index("cm-holders") < html.index("view.present;")
    payload = timeline_payload(dataset.events, dataset.territories, dataset.towns)
    # What the page needs to say which rows apply: each symbol's approximations, each version's status.
    assert len(payload["events"]["flags"]) == len(payload["events"]["symbols"])
    assert {v["status"] for v in payload["territories"]} == set(dataset.territories["status"])
    assert {v["status"] for v in payload["towns"]} == set(dataset.towns["status"])


def test_a_static_map_keeps_every_row():
    from geo.map.basemap import load_basemap
    from geo.map.build import MapOptions, build_base_map

    html = build_base_map(load_basemap(), MapOptions()).get_root().render()
    assert "data-live" not in html  # no layer to follow: nothing hides a row
    assert "view.present" not in html
