"""Briefing: presentation mode and the story, wired to the keyboard. One call from the page."""

from __future__ import annotations

from dataclasses import dataclass

import folium
import pandas as pd
from streamlit.delta_generator import DeltaGenerator

from components import keyboard, presentation, story
from data.view.stories import Story, StoryStep
from geo.map.elements import latlon
from geo.map.highlight import highlight_layer


@dataclass(frozen=True)
class Briefing:
    """What the briefing controls decided for this run."""

    presenting: bool
    step: tuple[StoryStep, int, int] | None  # (step, index, count) while a story is told

    @property
    def theme(self) -> str:
        """The map theme: high contrast while presenting."""
        return "presentation" if self.presenting else "standard"

    @property
    def view(self) -> tuple[list[float], int] | None:
        """``([lat, lon], zoom)`` of the story step for ``map_view``, or ``None`` (the map keeps its view)."""
        if not self.step:
            return None
        return latlon(*self.step[0].center), self.step[0].zoom

    def highlight(self, events: pd.DataFrame) -> list[folium.FeatureGroup]:
        """The overlay ringing the step's events (empty outside a story)."""
        return [highlight_layer(events, self.step[0].event_ids)] if self.step else []


ARROWS = {"ArrowRight": 1, "ArrowLeft": -1}
# Space and the arrows outside a story are the time bar's, in the browser (the key listener offers
# each press to the bar first); the server still binds space so that, during a story, the page's
# listener swallows it (the bar is locked then) instead of scrolling the page.
KEYS = (*ARROWS, " ", "Escape")


def _press(pressed: list[str], stories: list[Story], events: pd.DataFrame) -> None:
    """Do what each key that reached the server asks, in order, with the functions the buttons call."""
    for name in pressed:
        if name == "Escape":
            presentation.leave(key="presentation")
        elif name in ARROWS:
            story.step(stories, events, ARROWS[name], key="story")


def show(stories: list[Story], events: pd.DataFrame, story_area: DeltaGenerator) -> Briefing:
    """Draw the briefing controls (call before the window is read: a story step moves it) and apply the keys.

    Keys: ← → step the story when one is told (the bar moves the window otherwise, in the browser);
    Esc leaves presentation mode. Presses are applied before the controls are drawn, once each. The
    story's row goes in ``story_area`` (on the stage, under the time bar: presenting keeps it).
    """
    _press(keyboard.show(KEYS, key="keys"), stories, events)
    presenting = presentation.show(key="presentation")
    with story_area:
        current = story.show(stories, events, key="story")
    return Briefing(presenting, current)
