"""The map's briefing pieces: the presentation theme and the story highlight."""

from __future__ import annotations

import folium
import pytest

from geo.map.basemap import load_basemap
from geo.map.build import MapOptions, build_base_map
from geo.map.highlight import SELECTED_RING, STORY_RING, RingLook, Stroke, add_rings, highlight_layer
from geo.map.style import BASEMAP_COLOURS, PRESENTATION_BASEMAP_COLOURS, basemap_colours


@pytest.mark.parametrize(
    ("theme", "expected"), [("standard", BASEMAP_COLOURS), ("presentation", PRESENTATION_BASEMAP_COLOURS)]
)
def test_theme_palettes(theme, expected):
    assert basemap_colours(theme) is expected


def test_unknown_theme_is_named():
    with pytest.raises(ValueError, match="theme 'dark' is not one of: standard, presentation"):
        basemap_colours("dark")


def test_presentation_theme_reaches_the_map_html():
    basemap = load_basemap(theatre="ML")
    standard = build_base_map(basemap, MapOptions()).get_root().render()
    present = build_base_map(basemap, MapOptions(theme="presentation")).get_root().render()
    assert "transform: scale(1.45)" in present
    assert "transform: scale(1.45)" not in standard
    assert PRESENTATION_BASEMAP_COLOURS["sea"] in present


@pytest.mark.parametrize(
    ("ids", "places"),
    [
        (("CM-MLI-0016",), 1),
        (("CM-MLI-0004", "CM-MLI-0016", "CM-MLI-0022"), 1),  # three Kidal events share one ring
        (("CM-MLI-0004", "CM-MLI-0005", "CM-MLI-0006"), 3),  # Kidal, Gao, Timbuktu
        ((), 0),
    ],
)
def test_highlight_rings_each_place_once(dataset, ids, places):
    group = highlight_layer(dataset.events, ids)
    rings = [child for child in group._children.values() if child.options.get("className") == "cm-highlight"]
    assert len(rings) == places


def test_story_rings_let_clicks_through_to_the_symbols(dataset):
    group = highlight_layer(dataset.events, ("CM-MLI-0004", "CM-MLI-0005"))
    rings = list(group._children.values())
    assert len(rings) == 2 * len(STORY_RING.strokes)  # two places, a shadow and a yellow ring each
    assert all(ring.options["interactive"] is False for ring in rings)


@pytest.mark.parametrize(
    ("look", "classes"),
    [
        (SELECTED_RING, ["cm-selected"]),
        (STORY_RING, [None, "cm-highlight"]),
        (RingLook(5, (Stroke("#fff", 1),)), [None]),
    ],
)
def test_one_ring_builder_draws_each_look(look, classes):
    group = folium.FeatureGroup()
    add_rings(group, [(1.4, 18.4), (0.0, 16.3)], look)
    rings = list(group._children.values())
    assert [ring.options.get("className") for ring in rings] == classes * 2
    assert [ring.location for ring in rings[:: len(classes)]] == [[18.4, 1.4], [16.3, 0.0]]  # folium's order
    assert {ring.options["radius"] for ring in rings} == {look.radius_px}
    styles = [(ring.options["color"], ring.options["weight"], ring.options["opacity"]) for ring in rings]
    assert styles == [(stroke.colour, stroke.weight, stroke.opacity) for stroke in look.strokes] * 2
    assert not any(ring.options["fill"] or ring.options["interactive"] for ring in rings)
