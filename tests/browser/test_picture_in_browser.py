"""The exported PNG at both briefing sizes, during a story: everything a reader needs is on it.

The picture's page is opened in Chromium to find each element on screen, inside the frame and
clear of the others, and the key towns' labels of the step's day, apart and clear of them; then
the renderer's PNG is checked for the step's rings and written to
``test-artifacts/export-story-<width>x<height>.png`` for a person to look at.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from data.view.changes import key_town_holders
from data.view.filters import EventFilter, format_day, valid_at, window_mask
from data.view.stories import load_stories
from geo.documents.furniture import story_caption
from geo.documents.render import IMAGE_SIZES, ChromiumRenderer
from geo.documents.standalone import ExportView, ScreenView
from geo.map.basemap import load_basemap
from geo.map.style import HIGHLIGHT_COLOUR
from tests.browser.app_utils import HOLDER_LABELS, label_boxes, touching_labels
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_render_in_browser import hex_rgb, share_near

# What a reader needs, each a box of its own on the picture.
FURNITURE = {
    "stamp": ".cm-stamp",
    "legend": ".cm-legend:not(.cm-stamp)",
    "scale": ".leaflet-control-scale",
    "north arrow": ".cm-north",
    "attribution": ".leaflet-control-attribution",
}


@pytest.fixture(scope="module")
def told(dataset):
    """What the page exports at the default story's second step: its window, its as-of day, its view."""
    story = load_stories(dataset.events)[0]
    step = story.steps[1]
    events = dataset.events[window_mask(dataset.events, EventFilter(start=step.window[0], end=step.window[1]))]
    as_of = format_day(step.as_of)
    sentence = f"Showing {len(events)} of {len(dataset.events)} events: {format_day(step.window[0])} – {as_of}"
    export_view = ExportView(
        events, valid_at(dataset.territories, step.as_of), valid_at(dataset.towns, step.as_of), load_basemap(),
        ("Conflict Map: northern Mali", as_of, sentence), step.as_of,
        (dataset.events, dataset.territories, dataset.towns), ScreenView(step.center, step.zoom),
        story_caption((step, 1, len(story.steps)), dataset.events),
    )  # fmt: skip
    return export_view, step


def overlaps(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"] or
                a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])  # fmt: skip


@pytest.mark.parametrize("size", IMAGE_SIZES[:2], ids=["1280x720", "1920x1080"])
def test_the_png_carries_title_date_filters_legend_scale_arrow_sources_and_the_story(browser, told, size):
    export_view, step = told
    html = export_view.map_html(for_image=True)
    context = browser.new_context(viewport={"width": size.width, "height": size.height})
    page = context.new_page()
    try:
        page.set_content(html, wait_until="load")
        stamp = page.locator(".cm-stamp")
        for words in (*export_view.stamp[:1], f"As of {export_view.stamp[1]}", export_view.stamp[2],
                      f"Step 2 of 5 · {step.title}", step.text[:40], "Sources: "):  # fmt: skip
            expect(stamp).to_contain_text(words)
        expect(page.locator(".cm-legend details")).to_have_attribute("open", "")
        expect(page.locator(".leaflet-control-attribution")).to_contain_text("Natural Earth")
        expect(page.locator("path.cm-highlight")).to_have_count(len(export_view.story.places))
        boxes = {}
        for name, selector in FURNITURE.items():
            element = page.locator(selector).first
            expect(element).to_be_in_viewport(ratio=1)  # whole, inside the frame
            boxes[name] = element.bounding_box()
        names = list(boxes)
        clashes = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if overlaps(boxes[a], boxes[b])]
        assert clashes == []
        # The key towns' labels of the step's day, apart from each other and from the furniture.
        for holder in key_town_holders(export_view.towns):
            expect(page.locator(f"{HOLDER_LABELS}[data-town='{holder.town}']")).to_have_text(holder.label)
        labels = label_boxes(page, within={"x": 0, "y": 0, "width": size.width, "height": size.height})
        assert len(labels) >= 4  # Timbuktu, Gao, Kidal, Ménaka: Tessalit may be north of the frame
        assert touching_labels(labels) == []
        assert [(town, name) for town in labels for name in boxes if overlaps(labels[town], boxes[name])] == []
    finally:
        context.close()
    png = ChromiumRenderer().png(html, size, export_view.symbols_drawn(size.width, size.height))
    (ARTIFACTS / f"export-story-{size.width}x{size.height}.png").write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == size.pixels
    assert share_near(image, hex_rgb(HIGHLIGHT_COLOUR), tolerance=20) > 0.0003  # the rings (and the card's bar)
    assert len(np.unique(np.asarray(image).reshape(-1, 3), axis=0)) > 300  # a drawn map, not a blank page
