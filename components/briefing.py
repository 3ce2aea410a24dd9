"""Briefing: presentation mode, the story and playback, wired to the keyboard. One call from the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import folium
import pandas as pd

from components import keyboard, playback, presentation, story
from data.stories import Story, StoryStep
from geo.highlight import highlight_layer


@dataclass(frozen=True)
class Briefing:
    """What the briefing controls decided for this run."""

    presenting: bool
    step: tuple[StoryStep, int, int] | None  # (step, index, count) while a story is told
    playing: bool

    @property
    def theme(self) -> str:
        """The map theme: high contrast while presenting."""
        return "presentation" if self.presenting else "standard"

    def map_height(self, default: int) -> int:
        """The map's height: fitted to a 1280×720 screen while presenting."""
        if not self.presenting:
            return default
        return presentation.MAP_HEIGHT_WITH_CARD if self.step else presentation.MAP_HEIGHT

    @property
    def view(self) -> tuple[list[float], int] | None:
        """``([lat, lon], zoom)`` of the story step for ``map_view``, or ``None`` (the map keeps its view)."""
        if not self.step:
            return None
        lon, lat = self.step[0].center
        return [lat, lon], self.step[0].zoom

    def highlight(self, events: pd.DataFrame) -> list[folium.FeatureGroup]:
        """The overlay ringing the step's events (empty outside a story)."""
        return [highlight_layer(events, self.step[0].event_ids)] if self.step else []


def show(stories: list[Story], events: pd.DataFrame, first: date, last: date) -> Briefing:
    """Draw the briefing controls (call before the timeline: they move it) and the key bindings.

    Keys: ← → step the story when one is told, else the playback; space plays or pauses; Esc
    leaves presentation mode.
    """
    presenting = presentation.show(key="presentation")
    current = story.show(stories, events, key="story")
    playing = playback.show(first, last, key="playback")
    keyboard.show(
        {
            "ArrowRight": ["story.next", "playback.forward"] if current else ["playback.forward"],
            "ArrowLeft": ["story.prev", "playback.back"] if current else ["playback.back"],
            " ": ["playback.toggle"],
            "Escape": ["presentation.leave"],
        }
    )
    return Briefing(presenting, current, playing)
