"""The map's briefing pieces: the presentation theme and the story highlight."""

from __future__ import annotations

import pytest

from geo.basemap import load_basemap
from geo.highlight import highlight_layer
from geo.mapbuild import MapOptions, build_base_map
from geo.style import BASEMAP_COLOURS, PRESENTATION_BASEMAP_COLOURS, basemap_colours


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
