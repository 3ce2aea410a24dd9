"""Briefing under AppTest: presentation mode, story steps, the keys, the bar locked during a story."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

import components.keyboard
from components.timebar import day_number
from data.view.stories import load_stories
from tests.page import BarReports, header_text, map_args, shown, window


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


def as_of_line(step) -> str:
    return f"**As of {step.as_of.day} {step.as_of:%b %Y}**"


def test_each_key_press_is_applied_once_even_when_a_rerun_carries_it_again(app, monkeypatch, dataset):
    steps = load_stories(dataset.events)[0].steps
    keys = Keys(monkeypatch)
    app.toggle(key="story.on").set_value(True).run()
    keys.press("ArrowRight")
    app.run()
    assert header_text(app).startswith(as_of_line(steps[1]))
    app.run()  # the next rerun carries the same value: no second step
    assert header_text(app).startswith(as_of_line(steps[1]))
    keys.press("ArrowRight", "ArrowRight", "ArrowLeft")  # three presses reached the server in one rerun, in order
    app.run()
    assert header_text(app).startswith(as_of_line(steps[2]))
    keys.press("ArrowLeft", page="tab-2")  # a reloaded page counts from 1 again
    app.run()
    assert header_text(app).startswith(as_of_line(steps[1]))


def test_arrows_step_a_told_story_space_does_nothing_and_escape_leaves_presentation(app, monkeypatch, dataset):
    steps = load_stories(dataset.events)[0].steps
    keys = Keys(monkeypatch)
    app.toggle(key="story.on").set_value(True).run()
    app.toggle(key="presentation.on").set_value(True).run()
    keys.press("ArrowRight", "ArrowRight")
    app.run()
    assert header_text(app).startswith(as_of_line(steps[2]))
    keys.press("ArrowLeft")
    app.run()
    assert header_text(app).startswith(as_of_line(steps[1]))
    keys.press(" ")  # during a story the clock is locked: space changes nothing
    app.run()
    assert header_text(app).startswith(as_of_line(steps[1]))
    assert window(app) == steps[1].window
    keys.press("Escape")
    app.run()
    assert app.toggle(key="presentation.on").value is False


def test_outside_a_story_keys_that_reach_the_server_leave_the_window_to_the_bar(app, monkeypatch):
    # The time bar takes space and the arrows in the browser; a press that reaches the server anyway
    # (no bar on the page yet) must not move the window behind the bar's back.
    keys = Keys(monkeypatch)
    before = (window(app), header_text(app))
    keys.press(" ", "ArrowRight", "ArrowLeft")
    app.run()
    assert not app.exception
    assert (window(app), header_text(app)) == before


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


def test_a_stale_report_or_value_does_not_undo_a_story_step_and_the_bar_is_locked_meanwhile(app, monkeypatch, dataset):
    # In the browser a rerun can carry a window from before the step: the bar's report made at the
    # old revision, or the old value in the session (the step was set in a callback of a run that
    # rerun interrupted).
    steps = load_stories(dataset.events)[0].steps
    bar = BarReports(monkeypatch)
    app.run()
    assert bar.data["locked"] is False
    app.toggle(key="story.on").set_value(True).run()
    old_window = window(app)
    app.button(key="story.next").click().run()
    assert bar.data["locked"] is True  # the step holds the dates: handles, playback and space do nothing
    assert bar.data["window"][:2] == [day_number(day) for day in steps[1].window]
    stale = bar.data["rev"] - 1
    bar.value = {"window": {"start": day_number(old_window[0]), "end": day_number(old_window[1]),
                            "as_of": day_number(old_window[1]), "seq": 99, "rev": stale}}  # fmt: skip
    app.run()
    assert header_text(app).startswith(as_of_line(steps[1]))
    app.session_state["timeline.range"] = old_window
    app.run()
    assert header_text(app).startswith(as_of_line(steps[1]))
    assert window(app) == steps[1].window
    app.toggle(key="story.on").set_value(False).run()
    assert bar.data["locked"] is False
