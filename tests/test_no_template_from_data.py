"""Nothing from data is ever compiled as a template: every text field, through every map and document.

branca's ``MacroElement.render`` compiles each rendered macro again as a Jinja template, so text
that a macro had already written out (an event's notes, a territory's name, the words of a link)
used to be evaluated on the server: ``{{ 7*7 }}`` printed 49, and an expression reaching Python's
``os`` module ran code as the server's user. These tests feed Jinja, HTML, JavaScript and Markdown
payloads into every text field and render every map and document the app builds from them.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime

import folium
import pandas as pd
import pytest
from branca.element import MacroElement
from streamlit_folium import _get_feature_group_string

from data.validation.validate import validate_events
from data.view.changes import what_changed
from data.view.filters import format_day
from geo.documents.brief import BriefContent, brief_html
from geo.documents.standalone import standalone_html
from geo.map.assets import local_assets
from geo.map.basemap import load_basemap
from geo.map.build import MapOptions, build_base_map, build_overlays
from geo.map.compare import comparison_base, comparison_layers, holdings
from geo.map.elements import Attribution, RenderedOnce, RenderedText
from tests.conftest import event_row, raw_table

LOCAL = local_assets()
SENTINEL = "CM_TEMPLATE_RAN"
# Each payload's marker text, if it appears in an output, means the payload was evaluated.
PAYLOADS = {
    "expression": ("{{ 7*7 }}cmq", "49cmq"),
    "code": ("{{ cycler.__init__.__globals__.os.environ.__setitem__('" + SENTINEL + "', 'yes') }}", None),
    "filter": ("{{ 'cmq'|upper }}", "CMQ"),
    "statement": ("{% if x %}cmq-hidden{% endif %}", None),
    "broken statement": ("{% if", None),
    "comment": ("{# cmq", None),
    "raw block end": ("{% endraw %}{{ 'cmq' ~ 6*7 }}", "cmq42"),
    "html": ("<img src=x onerror=alert(1)>", "<img src=x"),
    "script end": ("</script><script>alert(1)</script>", "</script><script>alert"),
    "template literal": ("`${alert(1)}`", "`${alert"),
    "markdown": ("[login](https://evil.example/login) :red[x]", None),
}
EVENT_FIELDS = ("notes", "actor1", "actor2", "assoc_actor_1", "location", "admin1", "source", "source_title")
RECORD_FIELDS = ("actor", "notes", "source")


def as_browser_reads(text: str) -> str:
    """Undo the JSON escapes of ``<``, ``>``, ``&`` and ``'`` in our scripts, as the browser will."""
    for escape, character in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&"), ("\\u0027", "'")):
        text = text.replace(escape, character)
    return text


# The exports' key-town labels travel as JSON their script writes with textContent (geo.map.labels),
# as the live layer's file does: in there a payload is text, whatever it holds, once script_json has
# escaped the "<" that could close the script.
TEXT_ONLY_DATA = re.compile(r'settings = \{"pane":\["cm-holders",\d+\],"labels":.*?\};\n')


def markup_read(text: str) -> str:
    """What the browser reads as markup or code: ``as_browser_reads`` less the text-only label data."""
    for data in TEXT_ONLY_DATA.findall(text):
        assert not re.search("[<>&]", data), "the labels' JSON can close the script"
    return as_browser_reads(TEXT_ONLY_DATA.sub("", text))


@pytest.fixture(scope="module")
def basemap():
    return load_basemap()


def hostile_events(payload: str) -> pd.DataFrame:
    rows = [event_row(event_id_cnty=f"P{i}", **{field: f"{payload} {field}"}) for i, field in enumerate(EVENT_FIELDS)]
    kept = validate_events(raw_table(*rows), "payloads.csv").kept
    assert len(kept) == len(EVENT_FIELDS)  # the payload itself is valid text: every row loads
    return kept


def hostile_records(frame: pd.DataFrame, payload: str, label: str) -> pd.DataFrame:
    frame = frame.iloc[:1].copy()
    frame[label] = payload + " name"
    for field in RECORD_FIELDS:
        frame[field] = f"{payload} {field}"
    return frame


def hostile_key_town(towns: pd.DataFrame, payload: str) -> pd.DataFrame:
    """Kidal held by an actor named with ``payload``: a key town, so the exports label it with that name."""
    kidal = towns[towns["town"] == "Kidal"].iloc[:1].copy()
    for field in RECORD_FIELDS:
        kidal[field] = f"{payload} {field}"
    return kidal


def live_map_outputs(events, territories, towns, basemap) -> list[str]:
    """What streamlit-folium renders on a rerun: the whole base map's figure, then each overlay."""
    base = build_base_map(basemap, MapOptions(), LOCAL)
    outputs = [base.get_root().render()]
    for index, group in enumerate(build_overlays(events, territories, towns, LOCAL, basemap=basemap)):
        outputs.append(_get_feature_group_string(group, base, index))
    return outputs


def brief_output(events, stamp) -> str:
    nothing = pd.DataFrame(columns=["town", "name", "status", "actor", "valid_from", "valid_to", "source"])
    nothing = nothing.astype({"valid_from": "datetime64[ns]", "valid_to": "datetime64[ns]"})
    changes = what_changed(events, nothing, nothing, date(2023, 11, 1), date(2023, 11, 30))
    content = BriefContent(*stamp, events, nothing, changes, b"\x89PNG", datetime(2026, 1, 1, tzinfo=UTC))
    return brief_html(content)


def comparison_output(territories, basemap) -> str:
    days = (date(2012, 5, 1), date(2026, 4, 29))
    held = tuple(holdings(territories, day, statuses=set(territories["status"])) for day in days)
    fmap = comparison_base(basemap, days, held, MapOptions(), LOCAL)
    for group in comparison_layers(*held, *days):
        group.add_to(fmap)
    return fmap.get_root().render()


def every_output(payload: str, dataset, basemap) -> dict[str, list[str]]:
    events = hostile_events(payload)
    territories = hostile_records(dataset.territories, payload, "name")
    towns = pd.concat([hostile_records(dataset.towns, payload, "town"), hostile_key_town(dataset.towns, payload)])
    stamp = (f"{payload} title", f"{payload} as of", f"{payload} filter sentence (q= words)")
    return {
        "live map": live_map_outputs(events, territories, towns, basemap),
        "HTML map file": [standalone_html(events, territories, towns, basemap, stamp)],
        "picture's map": [standalone_html(events, territories, towns, basemap, stamp, for_image=True)],
        "brief": [brief_output(events, stamp)],
        "comparison map": [comparison_output(territories, basemap)],
    }


@pytest.mark.parametrize("payload", [text for text, _marker in PAYLOADS.values()], ids=list(PAYLOADS))
def test_no_payload_is_evaluated_in_any_map_or_document(payload, dataset, basemap, monkeypatch):
    monkeypatch.delenv(SENTINEL, raising=False)
    marker = dict(PAYLOADS.values())[payload]
    outputs = every_output(payload, dataset, basemap)
    assert SENTINEL not in os.environ, "a template expression from data ran on the server"
    for name, texts in outputs.items():
        for text in texts:
            read = markup_read(text)
            if marker is not None:
                assert marker not in read, f"{name}: the payload was evaluated or left unescaped"


@pytest.mark.parametrize("payload", ["{{ 7*7 }}cmq", "{% if x %}cmq{% endif %}", "{# cmq #}"])
def test_template_syntax_from_data_shows_literally(payload, dataset, basemap):
    for name, texts in every_output(payload, dataset, basemap).items():
        joined = "\n".join(as_browser_reads(text) for text in texts)
        # Every field that carries the payload shows it as written: count its appearances.
        assert joined.count(payload) >= (1 if name == "comparison map" else 3), name


@pytest.mark.parametrize("for_image", [False, True], ids=["HTML map file", "picture's map"])
def test_a_holder_named_like_a_template_shows_literally_on_an_exported_label(dataset, basemap, for_image):
    payload = "{{7*7}}<b>x</b>"
    kidal = hostile_key_town(dataset.towns, payload)
    since = format_day(kidal["valid_from"].iloc[0].date())
    html = standalone_html(dataset.events.iloc[:3], dataset.territories.iloc[:0], kidal, basemap, ("T", "A", "S"),
                           for_image=for_image)  # fmt: skip
    # As the label's data, written by the page with textContent: its braces and tags are text.
    assert f'"label":"Kidal · {payload} actor since {since}"' in as_browser_reads(html)
    assert "<b>x</b>" not in html  # only as JSON escapes in the script, never markup in the page
    assert "49 actor" not in html


def test_a_folium_map_of_our_elements_compiles_no_rendered_text():
    """The mechanism itself: our elements' rendered script stays text (no Jinja compile on output)."""
    fmap = folium.Map(tiles=None)
    Attribution("{{ 7*7 }}").add_to(fmap)
    html = fmap.get_root().render()
    assert '"{{ 7*7 }}"' in html
    assert any(isinstance(child, RenderedText) for child in fmap.get_root().script._children.values())


# folium's own elements whose rendered text is compiled a second time by branca. They may hold only
# our options (panes, styles, radii, layer names), never text from data: a new kind of folium
# element on our maps must be checked and added here, or replaced by one of ours.
FOLIUM_WITHOUT_DATA = {"Map", "FeatureGroup", "CustomPane", "TileLayer", "Circle", "CircleMarker", "MarkerCluster"}


def elements_of(element):
    yield element
    for child in element._children.values():
        yield from elements_of(child)


def test_every_element_that_may_hold_data_is_rendered_once(dataset, basemap):
    base = build_base_map(basemap, MapOptions(), LOCAL)
    picked = dataset.events.iloc[0].to_dict()
    groups = build_overlays(dataset.events, dataset.territories, dataset.towns, LOCAL, basemap=basemap, selected=picked)
    for group in groups:
        group.add_to(base)
    kinds = {type(element).__name__ for element in elements_of(base) if isinstance(element, MacroElement)}
    ours = {type(e).__name__ for e in elements_of(base) if isinstance(e, RenderedOnce)}
    assert kinds - ours <= FOLIUM_WITHOUT_DATA
    assert {"EventSymbols", "ShapesWithTooltips", "HtmlControl"} <= ours
