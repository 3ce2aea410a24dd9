"""Briefing under AppTest: presentation mode, story steps, playback ticks and steps."""

from __future__ import annotations

import json
from datetime import date

from streamlit.testing.v1 import AppTest

import components.keyboard
import components.playback
from data.view.stories import load_stories
from tests.page import header_text, map_args, shown


def injected_html(at: AppTest) -> str:
    return "".join(element.proto.body for element in at.get("html"))


def test_presentation_hides_controls_and_switches_the_map_theme(app):
    assert "stSidebar" not in injected_html(app)
    assert "min(680px, calc(100vh - " in injected_html(app)  # exploring: the map and bar fit the screen
    standard = map_args(app)
    app.toggle(key="presentation.on").set_value(True).run()
    assert not app.exception
    css = injected_html(app)
    assert '[data-testid="stSidebar"]' in css
    assert "display: none" in css
    assert ".st-key-stage" in css  # everything beside the stage (title, sentence, map) is hidden
    present = map_args(app)
    assert "transform: scale(1.45)" in present["script"] + present["header"]
    # The map's frame fills the slide's height (exploring, it stops short of the legend's 700 px).
    assert "max(300px, calc(100vh - " in css
    assert "min(680px" not in css
    assert present["height"] == standard["height"]  # the frame is sized by the page's CSS, not remounted
    app.button(key="presentation.leave").click().run()
    assert app.toggle(key="presentation.on").value is False
    assert "stSidebar" not in injected_html(app)


class Keys:
    """The key listener's value as the browser would send it: a numbered list of presses."""

    def __init__(self, monkeypatch):
        self.value, self.count = None, 0
        monkeypatch.setattr(components.keyboard, "_mount", lambda bound, key: self.value)

    def press(self, *names: str, page: str = "tab-1") -> None:
        recent = [] if self.value is None or self.value["page"] != page else self.value["recent"]
        for name in names:
            self.count += 1
            recent = [*recent, [self.count, name]]
        self.value = {"page": page, "count": self.count, "recent": recent}


def test_the_key_listener_is_on_the_page_with_the_briefing_keys(app):
    listeners = [e.proto for e in app.get("component_instance") if e.proto.component_name.endswith("conflict_map_keys")]
    assert len(listeners) == 1
    assert json.loads(listeners[0].json_args)["keys"] == ["ArrowRight", "ArrowLeft", " ", "Escape"]


def test_each_key_press_is_applied_once_even_when_a_rerun_carries_it_again(app, monkeypatch):
    keys = Keys(monkeypatch)
    keys.press(" ")  # space plays: from the beginning, the window at the end of the record
    app.run()
    assert app.session_state["playback.playing"] is True
    assert "As of 17 Feb 2012" in header_text(app)
    app.run()  # the playback clock's rerun carries the same value: no second toggle
    assert app.session_state["playback.playing"] is True
    keys.press(" ", "ArrowRight", "ArrowRight")  # three presses reached the server in one rerun, in order
    app.run()
    assert app.session_state["playback.playing"] is False
    assert "As of 17 Apr 2012" in header_text(app)
    keys.press("ArrowLeft")
    app.run()
    app.run()
    assert "As of 17 Mar 2012" in header_text(app)
    keys.press(" ", page="tab-2")  # a reloaded page counts from 1 again
    app.run()
    assert app.session_state["playback.playing"] is True


def test_arrows_step_a_told_story_and_escape_leaves_presentation(app, monkeypatch, dataset):
    steps = load_stories(dataset.events)[0].steps
    keys = Keys(monkeypatch)
    app.toggle(key="story.on").set_value(True).run()
    app.toggle(key="presentation.on").set_value(True).run()
    keys.press("ArrowRight", "ArrowRight")
    app.run()
    assert header_text(app).startswith(f"**As of {steps[2].as_of.day} {steps[2].as_of:%b %Y}**")
    keys.press("ArrowLeft")
    app.run()
    assert header_text(app).startswith(f"**As of {steps[1].as_of.day} {steps[1].as_of:%b %Y}**")
    assert "playback.window" not in app.session_state  # a told story takes the arrows, playback did not move
    keys.press("Escape")
    app.run()
    assert app.toggle(key="presentation.on").value is False


def test_story_next_and_previous_move_the_dates_the_header_and_the_map(app, dataset):
    steps = load_stories(dataset.events)[0].steps
    app.toggle(key="story.on").set_value(True).run()
    seen = []
    for index, step in enumerate(steps):
        if index:
            app.button(key="story.next").click().run()
        assert not app.exception
        args = map_args(app)
        header = header_text(app)
        assert header.startswith(f"**As of {step.as_of.day} {step.as_of:%b %Y}**")
        assert args["center"] == [step.center[1], step.center[0]]
        assert args["zoom"] == step.zoom
        assert args["feature_group"].count("cm-highlight") >= 1
        assert any(step.title in shown(m.value) for m in app.markdown)
        seen.append(header)
    assert len(set(seen)) == len(steps)
    assert app.button(key="story.next").disabled
    app.button(key="story.prev").click().run()
    assert header_text(app) == seen[-2]


def test_a_rerun_with_the_sliders_old_value_does_not_undo_a_story_step(app, dataset):
    # In the browser the map reports its move with a rerun that may carry the slider's value from
    # before the step (the step was set in a callback of a run that rerun interrupted).
    steps = load_stories(dataset.events)[0].steps
    app.toggle(key="story.on").set_value(True).run()
    old_window = app.slider(key="timeline.range").value
    app.button(key="story.next").click().run()
    # A disabled widget cannot be set under AppTest; the browser's stale value reaches the session
    # state the same way before the script runs.
    app.session_state["timeline.range"] = old_window
    app.run()
    assert header_text(app).startswith(f"**As of {steps[1].as_of.day} {steps[1].as_of:%b %Y}**")
    assert app.slider(key="timeline.range").value == steps[1].window
    assert app.slider(key="timeline.range").disabled  # the step holds the dates while the story is told
    app.toggle(key="story.on").set_value(False).run()
    assert not app.slider(key="timeline.range").disabled


def test_playback_step_and_tick_advance_the_window(app, monkeypatch):
    first, last = app.slider(key="timeline.range").value
    app.button(key="playback.toggle").click().run()  # at the end: play starts from the beginning
    assert app.session_state["playback.playing"] is True
    assert app.slider(key="timeline.range").value == (first, date(2012, 2, 17))
    assert "As of 17 Feb 2012" in header_text(app)
    # Timer polls: the fragment's runs (AppTest cannot fire timers, so say these runs are).
    monkeypatch.setattr(components.playback, "_in_fragment_run", lambda: True)
    app.session_state["playback.speed"] = 0.5  # a step every 2 s: this poll comes too early
    app.run()
    assert app.slider(key="timeline.range").value == (first, date(2012, 2, 17))
    app.session_state["playback.last_tick"] = 0.0  # the step's interval has passed
    polls = iter([True])  # one poll, then the page rerun it triggers
    monkeypatch.setattr(components.playback, "_in_fragment_run", lambda: next(polls, False))
    app.run()
    assert not app.exception
    assert app.slider(key="timeline.range").value == (first, date(2012, 3, 17))
    assert "As of 17 Mar 2012" in header_text(app)
    app.button(key="playback.toggle").click().run()
    assert app.session_state["playback.playing"] is False
    app.button(key="playback.forward").click().run()
    assert app.slider(key="timeline.range").value == (first, date(2012, 4, 17))
    app.selectbox(key="playback.step").set_value("week").run()
    app.button(key="playback.back").click().run()
    assert app.slider(key="timeline.range").value == (first, date(2012, 4, 10))
    assert last == date(2026, 4, 29)


def test_a_rerun_with_the_sliders_copy_of_an_earlier_frame_does_not_step_playback_back(app, monkeypatch):
    # The browser's copy of the slider can lag the clock by a frame; a page rerun merged with one
    # of the clock's polls brought it back, and the map stepped back during playback.
    app.button(key="playback.toggle").click().run()
    first = app.slider(key="timeline.range").value
    app.session_state["playback.last_tick"] = 0.0
    polls = iter([True])
    monkeypatch.setattr(components.playback, "_in_fragment_run", lambda: next(polls, False))
    app.run()
    latest = app.slider(key="timeline.range").value
    assert latest != first
    app.session_state["timeline.range"] = first  # the browser's copy, one frame old
    app.run()
    assert app.slider(key="timeline.range").value == latest
    assert "As of 17 Mar 2012" in header_text(app)
    app.session_state["timeline.range"] = (first[0], date(2020, 1, 1))  # moved by hand: kept
    app.run()
    assert app.slider(key="timeline.range").value == (first[0], date(2020, 1, 1))
