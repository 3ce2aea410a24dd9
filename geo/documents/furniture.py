"""What a map picture carries besides the map: a north arrow, a source line and the story step told.

The stamp (top right) holds the title, the as-of date, the filter sentence, the step of a story
being told and the line naming the events' sources; the north arrow sits top left; the legend, the
scale and the attribution keep their places from the app's map. A story step's events are ringed
as on screen (``geo.map.highlight``). Everything is HTML from our templates (``geo.markup``).
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import pandas as pd

from data.view.stories import StoryStep
from geo.map.elements import HtmlControl
from geo.map.highlight import HIGHLIGHT_NAME, STORY_RING, add_rings
from geo.markup import render

NAMED_PUBLISHERS = 3  # the source line names the most cited few, then counts the rest
# The stamp narrow enough to leave the map its room; the north arrow on a white disc, legible on
# the sea and on a territory's fill alike.
FURNITURE_CSS = """<style>
.cm-stamp { max-width: 360px; }
.cm-stamp .cm-story { margin-top: 5px; padding-left: 6px; border-left: 4px solid %(ring)s; }
.cm-stamp .cm-sources { margin-top: 5px; color: #444; font-size: 11px; }
.cm-north { background: rgba(255,255,255,0.93); border-radius: 5px; padding: 3px 4px 1px; line-height: 0; }
</style>"""


@dataclass(frozen=True)
class StoryCaption:
    """The story step a picture shows: where it is in the story, what it says, where its events are.

    Attributes
    ----------
    position : str
        ``"Step 2 of 5"``.
    title, text : str
        The step's title and text, as the card on screen shows them.
    places : tuple of (float, float)
        ``(lon, lat)`` of each place ringed (one ring per place, as on screen).
    """

    position: str
    title: str
    text: str
    places: tuple[tuple[float, float], ...]


def story_caption(step: tuple[StoryStep, int, int] | None, events: pd.DataFrame) -> StoryCaption | None:
    """The caption of the step being told (``(step, index, count)`` as the briefing has it), or None.

    ``events`` is the whole record: a step may ring events outside the window, as it does on screen.
    """
    if step is None:
        return None
    story_step, index, count = step
    chosen = events[events["event_id_cnty"].isin(story_step.event_ids)]
    places = chosen.drop_duplicates(["longitude", "latitude"])
    where = tuple(zip(places["longitude"].astype(float), places["latitude"].astype(float), strict=True))
    return StoryCaption(f"Step {index + 1} of {count}", story_step.title, story_step.text, where)


def source_line(events: pd.DataFrame) -> str:
    """Who reported the events shown: ``Sources: 108 publishers, most cited Wikipedia, SeneNews, …``.

    A picture has no room for each event's source; it names the most cited and says where the rest are.
    """
    counts = events["source"].dropna().astype(str).str.strip()
    counts = counts[counts != ""].value_counts(sort=True)
    if counts.empty:
        return "Sources: none recorded for the events shown"
    named = ", ".join(counts.index[:NAMED_PUBLISHERS])
    if len(counts) <= NAMED_PUBLISHERS:
        return f"Sources: {named} · each event names its own"
    return f"Sources: {len(counts)} publishers, most cited {named} · each event names its own"


def stamp_html(stamp: tuple[str, str, str], sources: str = "", story: StoryCaption | None = None) -> str:
    """The stamp's HTML: title, as-of date, filter sentence, then the story step and the source line."""
    title, as_of, sentence = stamp
    return render("documents/stamp.html.j2", title=title, as_of=as_of, sentence=sentence, story=story, sources=sources)


def add_furniture(fmap: folium.Map, stamp: tuple[str, str, str], sources: str, story: StoryCaption | None) -> None:
    """Put the stamp, the north arrow and the story step's rings on ``fmap``."""
    HtmlControl(stamp_html(stamp, sources, story), position="topright", css_class="cm-legend cm-stamp").add_to(fmap)
    HtmlControl(render("documents/north_arrow.html.j2"), position="topleft", css_class="cm-north").add_to(fmap)
    if story is not None and story.places:
        rings = folium.FeatureGroup(name=HIGHLIGHT_NAME)
        add_rings(rings, story.places, STORY_RING)
        rings.add_to(fmap)
