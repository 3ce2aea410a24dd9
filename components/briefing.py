"""Briefing: presentation mode, the story and playback, wired to the keyboard. One call from the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import folium
import pandas as pd

from components import keyboard, playback, presentation, story
from data.view.stories import Story, StoryStep
from geo.map.highlight import highlight_layer


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


ARROWS = {"ArrowRight": 1, "ArrowLeft": -1}
KEYS = (*ARROWS, " ", "Escape")


def _press(pressed: list[str], stories: list[Story], events: pd.DataFrame, first: date, last: date) -> None:
    """Do what each key asks, in order, with the same functions the buttons call."""
    for name in pressed:
        if name == "Escape":
            presentation.leave(key="presentation")
        elif name == " ":
            playback.toggle(first, last, key="playback")
        elif name in ARROWS and not story.step(stories, events, ARROWS[name], key="story"):
            playback.step(first, last, ARROWS[name], key="playback")


def show(stories: list[Story], events: pd.DataFrame, first: date, last: date) -> Briefing:
    """Draw the briefing controls (call before the timeline: they move it) and apply the keys.

    Keys: ← → step the story when one is told, else the playback; space plays or pauses; Esc
    leaves presentation mode. Presses are applied before the controls are drawn, once each.
    """
    _press(keyboard.show(KEYS, key="keys"), stories, events, first, last)
    presenting = presentation.show(key="presentation")
    current = story.show(stories, events, key="story")
    playing = playback.show(first, last, key="playback")
    return Briefing(presenting, current, playing)
