"""The exported picture's HTML carries everything a reader of the PNG needs (issue 13, item 5).

Title, as-of date, the filter sentence, the legend (open), the scale, a north arrow, the source and
attribution lines, and, when a story is told, the step's text and the rings around its events.
The PNG itself is checked in ``tests/browser/test_picture_in_browser.py``.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import ClassVar

import pandas as pd
import pytest

from data.view.changes import KEY_TOWNS
from data.view.filters import valid_at
from data.view.stories import load_stories
from geo.documents.furniture import source_line, story_caption
from geo.documents.standalone import ExportView
from geo.map.basemap import load_basemap
from geo.map.timeline_layer import timeline_payload
from tests.conftest import PUBLISHED
from tests.test_towns import day_number

STAMP = ("Conflict Map: northern Mali", "29 Apr 2026", "Showing 176 of 176 events")


def as_browser_reads(text: str) -> str:
    """Undo the JSON escapes of our scripts (the controls' HTML travels as JSON strings)."""
    return re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), text).replace('\\"', '"')


@pytest.fixture(scope="module")
def view(dataset):
    territories, towns = valid_at(dataset.territories, PUBLISHED), valid_at(dataset.towns, PUBLISHED)
    history = (dataset.events, dataset.territories, dataset.towns)
    return ExportView(dataset.events, territories, towns, load_basemap(), STAMP, PUBLISHED, history)


@pytest.fixture(scope="module")
def told(dataset):
    """The default story at its second step (three events, two places)."""
    story = load_stories(dataset.events)[0]
    return story.steps[1], story_caption((story.steps[1], 1, len(story.steps)), dataset.events)


def rings(html: str) -> int:
    """Story rings drawn: the bright stroke of each (``geo.map.highlight.STORY_RING``)."""
    return len(re.findall(r'"className":\s*"cm-highlight"', html))


def test_the_picture_carries_title_date_filters_legend_scale_arrow_sources_and_attribution(view, dataset):
    html = as_browser_reads(view.map_html(for_image=True))
    title, as_of, sentence = STAMP
    assert f'<div class="cm-legend-title">{title}</div><div><b>As of {as_of}</b></div><div>{sentence}</div>' in html
    assert '<summary class="cm-legend-title">Legend</summary>' in html
    assert "fold.open = true" in html  # the legend open in a picture, whatever its height
    assert "L.control.scale(" in html
    assert 'aria-label="North"' in html
    assert f'<div class="cm-sources">{source_line(dataset.events)}</div>' in html
    assert "Natural Earth (public domain)" in html  # the attribution line
    assert '<div class="cm-story">' not in html  # no story told: no step,
    assert rings(html) == 0  # and no rings


def test_the_source_line_names_the_most_cited_publishers(dataset):
    line = source_line(dataset.events)
    publishers = dataset.events["source"].value_counts()
    assert line.startswith(f"Sources: {len(publishers)} publishers, most cited {publishers.index[0]}, ")
    assert source_line(pd.DataFrame({"source": ["AFP", "AFP", None, ""]})) == "Sources: AFP · each event names its own"
    assert source_line(pd.DataFrame({"source": [None]})) == "Sources: none recorded for the events shown"


def test_a_story_step_puts_its_text_and_rings_in_the_picture(view, told, dataset):
    step, caption = told
    drawn = replace(view, story=caption).map_html(for_image=True)
    html = as_browser_reads(drawn).replace("&#x27;", "'")
    assert caption.position == "Step 2 of 5"
    assert f'<div class="cm-story"><b>Step 2 of 5 · {step.title}</b><div>{step.text}</div></div>' in html
    places = dataset.events[dataset.events["event_id_cnty"].isin(step.event_ids)][["longitude", "latitude"]]
    assert len(caption.places) == len(places.drop_duplicates()) >= 1
    assert rings(drawn) == len(caption.places)


def exported_labels(html: str) -> dict[str, str]:
    """The key towns' labels an exported map's script writes: town → its label's text ("" for the name alone)."""
    settings = re.search(r'settings = (\{"pane":\["cm-holders",\d+\],"labels":.*?\});\n', html)[1]
    return {label["town"]: label["label"] for label in json.loads(settings)["labels"]}


def live_labels(dataset, day) -> dict[str, str]:
    """What the live map's labels say on ``day``: each key town's version that holds then, as its script picks it."""
    payload, number = timeline_payload(dataset.events, dataset.territories, dataset.towns), day_number(day)
    labels = {place["town"]: "" for place in payload["places"] if place["key"]}
    for version in payload["towns"]:
        town = payload["places"][version["place"]]["town"]
        if town in labels and version["from"] <= number < version["to"]:
            labels[town] = version["label"]
    return labels


def test_every_exported_map_labels_the_key_towns_as_the_live_map_does(view, dataset):
    # The HTML file, the PNG's page and the brief's picture (no legend on it: the brief prints it under).
    for html in (view.map_html(), view.map_html(for_image=True), view.map_html(for_image=True, legend=False)):
        assert "Kidal · FLA since 28 Apr 2026" in as_browser_reads(html)
        labels = exported_labels(html)
        assert list(labels) == list(KEY_TOWNS)  # in rank order: a later label moves aside for an earlier one
        assert labels == live_labels(dataset, PUBLISHED)
        assert labels["Kidal"] == "Kidal · FLA since 28 Apr 2026"
        assert "holderLabel(entry.town" in html  # built and placed by the live map's own functions
        assert "placeHolders(map, labels)" in html


def test_a_story_step_s_picture_labels_the_towns_of_its_own_day(view, dataset):
    story = load_stories(dataset.events)[0]
    step = story.steps[0]  # as of 30 Apr 2012: before MUJAO took Ménaka
    caption = story_caption((step, 0, len(story.steps)), dataset.events)
    drawn = replace(view, as_of=step.as_of, towns=valid_at(dataset.towns, step.as_of), story=caption)
    labels = exported_labels(drawn.map_html(for_image=True))
    assert labels == live_labels(dataset, step.as_of)
    assert labels["Gao"] == "Gao · MNLA since 31 Mar 2012"
    assert labels["Timbuktu"] == "Timbuktu · Ansar Dine since 1 Apr 2012"
    assert labels["Ménaka"] == ""  # nobody on record yet: the live label is its name alone, and so is this one


def test_no_story_no_caption(dataset):
    assert story_caption(None, dataset.events) is None


class RecordingRenderer:
    """Stands in for headless Chromium in the page: keeps the HTML it was asked to draw."""

    drawn: ClassVar[list[str]] = []

    def png(self, html: str, size, events: int) -> bytes:
        self.drawn.append(html)
        return b"\x89PNG fake"

    def pdf(self, html: str, footer: str = "") -> bytes:
        return b"%PDF-1.4 fake"


def test_the_page_exports_the_story_step_being_told(app, monkeypatch, dataset):
    import components.export

    monkeypatch.setattr(components.export, "ChromiumRenderer", RecordingRenderer)
    RecordingRenderer.drawn = []
    step = load_stories(dataset.events)[0].steps[0]
    app.toggle(key="story.on").set_value(True).run()
    app.session_state["export.open"] = True  # what a click on the panel's label sets
    app.run()
    app.button(key="export.render_png").click().run()
    assert not app.exception
    [html] = RecordingRenderer.drawn
    html = as_browser_reads(html).replace("&#x27;", "'")
    assert f"<b>Step 1 of 5 · {step.title}</b>" in html
    assert rings(html) >= 1
    assert exported_labels(html)["Gao"] == "Gao · MNLA since 31 Mar 2012"  # the step's day, not the record's last
