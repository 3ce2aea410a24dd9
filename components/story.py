"""Story mode: step through an authored story; each step moves the map, the dates and the highlight."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import timeline
from components.plain import markdown
from data.view.stories import Story, StoryStep, story_from_events

SELECTION_KEY = "selection.event_id"  # the event table's selection, when that table is on the page


def _stories(stories: list[Story], events: pd.DataFrame) -> dict[str, Story]:
    chosen = st.session_state.get(SELECTION_KEY) or []
    chosen = [chosen] if isinstance(chosen, str) else list(chosen)
    found = {story.name: story for story in stories if story.steps}
    if chosen:
        selected = story_from_events(events, chosen)
        if selected.steps:
            found[selected.name] = selected
    return found


def _go(key: str, stories: dict[str, Story], delta: int | None) -> None:
    """Callback: move to the next/previous step (``delta``), or the first one (``None``)."""
    story = stories.get(st.session_state.get(f"{key}.name"))
    if story is None:
        return
    index = 0 if delta is None else st.session_state.get(f"{key}.index", 0) + delta
    index = min(max(index, 0), len(story.steps) - 1)
    st.session_state[f"{key}.index"] = index
    step = story.steps[index]
    timeline.set_window(*step.window, as_of=step.as_of)


def step(stories: list[Story], events: pd.DataFrame, delta: int, key: str = "story") -> bool:
    """Move a told story ``delta`` steps (the arrow keys); ``False`` when no story is told.

    Call before ``show`` runs. A told story keeps the arrows even at its first or last step.
    """
    available = _stories(stories, events)
    if not st.session_state.get(f"{key}.on") or st.session_state.get(f"{key}.name") not in available:
        return False
    _go(key, available, delta)
    return True


def _on_toggle(key: str, stories: dict[str, Story]) -> None:
    if st.session_state.get(f"{key}.on"):
        _go(key, stories, None)


def show(stories: list[Story], events: pd.DataFrame, key: str = "story") -> tuple[StoryStep, int, int] | None:
    """The story bar: a switch, the story to tell, previous/next. Returns ``(step, index, count)``.

    Session keys: ``{key}.on`` (bool), ``{key}.name`` (story), ``{key}.index`` (0-based step);
    buttons ``{key}.prev`` and ``{key}.next``. A story from the events selected in the table
    ("Selected events") is offered when ``selection.event_id`` holds any.
    """
    for story in stories:
        for rejection in story.rejected:
            st.warning(f"Story step not loaded: {markdown(rejection)}", icon=":material/warning:")
    available = _stories(stories, events)
    if not available:
        return None
    switch, name, prev, label, follow = st.columns([1.3, 1.8, 1.2, 0.9, 1.2], vertical_alignment="center")
    on = switch.toggle("Tell the story", key=f"{key}.on", on_change=_on_toggle, args=(key, available))
    if st.session_state.get(f"{key}.name") not in available:
        st.session_state[f"{key}.name"] = next(iter(available))
    name.selectbox("Story", list(available), key=f"{key}.name", label_visibility="collapsed", disabled=not on,
                   on_change=_go, args=(key, available, None))  # fmt: skip
    story = available[st.session_state[f"{key}.name"]]
    last = len(story.steps) - 1
    index = min(st.session_state.get(f"{key}.index", 0), last)
    prev.button("Previous", key=f"{key}.prev", icon=":material/chevron_left:", disabled=not on or index == 0,
                on_click=_go, args=(key, available, -1), width="stretch")  # fmt: skip
    label.markdown(f"Step {index + 1} of {len(story.steps)}" if on else "")
    follow.button("Next", key=f"{key}.next", icon=":material/chevron_right:", disabled=not on or index == last,
                  on_click=_go, args=(key, available, 1), width="stretch")  # fmt: skip
    if not on:
        return None
    # The step holds the timeline on every run, not only in the callback: a rerun the browser sends
    # meanwhile (the map reporting its move) carries the slider's old value and would undo the step.
    step = story.steps[index]
    timeline.set_window(*step.window, as_of=step.as_of)
    return step, index, len(story.steps)


def card(current: tuple[StoryStep, int, int] | None, key: str = "story") -> None:
    """The step's title and text, shown on the stage above the map (plain text: never HTML)."""
    if current is None:
        return
    step, index, count = current
    with st.container(key=f"{key}-card", border=True):
        st.markdown(f"**{index + 1}/{count} · {markdown(step.title)}** — {markdown(step.text)}")
