"""Playback: the timeline's window advances on a clock; events and territory follow the same window.

Server-driven: while playing, a fragment with ``run_every`` polls; when a step is due it moves the timeline (its session
keys, through ``timeline.set_window``) and reruns the page, so the map, the header and any table or
chart see the same filters as a hand-moved slider. ``benchmarks/playback_frames.py`` measures the
real frame interval in a browser.
"""

from __future__ import annotations

import time
from datetime import date

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import timeline
from data.view.playback import MODES, STEPS, Clock

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)  # steps per second
# The fragment's timer restarts after each page rerun, so a timer of one step's length would add the
# render time to every step. It polls instead, and a step starts once its interval has passed.
POLL_SECONDS = 0.1
RECENT_FRAMES = 8  # frames a browser's copy of the slider can lag behind, at most (a few under load)


def _clock(key: str, first: date, last: date) -> Clock:
    state = st.session_state
    return Clock(
        first, last, step=state.get(f"{key}.step", "month"), mode=state.get(f"{key}.mode", "cumulative"),
        loop=bool(state.get(f"{key}.loop", False)), width_days=int(state.get(f"{key}.width", 90)),
    )  # fmt: skip


def toggle(first: date, last: date, key: str = "playback") -> None:
    """Play or pause (the button's callback, and space): call before ``show`` runs."""
    playing = not st.session_state.get(f"{key}.playing", False)
    st.session_state[f"{key}.playing"] = playing
    window = timeline.window()
    if playing and window:
        _show_frame(key, _clock(key, first, last).play_from(window))
        st.session_state[f"{key}.last_tick"] = time.monotonic()


def _show_frame(key: str, window: tuple[date, date]) -> None:
    # The clock keeps its own copy: a fragment rerun carries the browser's copy of the slider,
    # which can be one frame old, and must not pull playback back.
    st.session_state[f"{key}.window"] = window
    earlier = [frame for frame in st.session_state.get(f"{key}.frames", []) if frame != window]
    st.session_state[f"{key}.frames"] = [*earlier[-(RECENT_FRAMES - 1) :], window]
    timeline.set_window(*window)


def _hold(key: str) -> None:
    """Keep the clock's latest frame when a rerun brings back the browser's copy of an earlier one.

    Every rerun the browser sends (the clock's own polls too) carries its copy of the slider, which
    can lag a frame or more; a page rerun that merged with one showed that older frame, so the map
    stepped back. A slider moved by hand to any other window is left alone.
    """
    frames = st.session_state.get(f"{key}.frames") or []
    window = timeline.window()
    if frames and window and tuple(window) != frames[-1] and tuple(window) in frames:
        timeline.set_window(*frames[-1])


def step(first: date, last: date, direction: int, key: str = "playback") -> None:
    """One step forward (``direction=1``) or back (``-1``): the buttons' callback, and the arrows."""
    window = timeline.window()
    if window:
        _show_frame(key, _clock(key, first, last).advance(window, direction)[0])


def _in_fragment_run() -> bool:
    """True when only a fragment reruns (its timer fired), not the whole page."""
    ctx = get_script_run_ctx()
    return bool(ctx and getattr(ctx, "fragment_ids_this_run", None))


def _tick(key: str, first: date, last: date, interval: float) -> None:
    # The fragment's body also runs inside every full rerun: advance only when its timer fired,
    # and only once ``interval`` has passed since the last frame started.
    if not _in_fragment_run() or not st.session_state.get(f"{key}.playing"):
        return
    if time.monotonic() - st.session_state.get(f"{key}.last_tick", 0.0) < interval - POLL_SECONDS / 2:
        return
    window, going = _clock(key, first, last).advance(st.session_state[f"{key}.window"])
    _show_frame(key, window)
    # Only the record's end stops playback here; "playing" is never written back as True. Streamlit
    # starts a press's rerun on a new script thread while this run finishes (it stops at its next
    # yield point): writing True back could undo a pause made there.
    if not going:
        st.session_state[f"{key}.playing"] = False
    st.session_state[f"{key}.ticks"] = st.session_state.get(f"{key}.ticks", 0) + 1
    st.session_state[f"{key}.last_tick"] = time.monotonic()
    st.rerun(scope="app")


def show(first: date, last: date, key: str = "playback") -> bool:
    """The playback bar: back, play/pause, forward, speed, step, window kind, loop. Returns playing.

    Session keys: ``{key}.playing``, ``.window`` (the clock's frame), ``.frames`` (its last few),
    ``.speed`` (steps per second), ``.step`` (day/week/month/year),
    ``.mode`` (cumulative/moving), ``.width`` (days of a moving window), ``.loop``, ``.ticks``
    (count of clock ticks, for tests and benchmarks); buttons ``.back``, ``.toggle``, ``.forward``.
    """
    _hold(key)
    playing = st.session_state.get(f"{key}.playing", False)
    back_at, toggle_at, forward_at, speed_at, step_at, mode_at, width_at, loop_at = st.columns(
        [0.6, 1.0, 0.6, 1.3, 1.0, 1.3, 1.2, 0.9], vertical_alignment="bottom"
    )
    back_at.button("", key=f"{key}.back", icon=":material/skip_previous:", help="One step back (←)",
                   on_click=step, args=(first, last, -1, key), use_container_width=True)  # fmt: skip
    toggle_at.button("Pause" if playing else "Play", key=f"{key}.toggle",
                     icon=":material/pause:" if playing else ":material/play_arrow:", help="Play or pause (space)",
                     on_click=toggle, args=(first, last, key), use_container_width=True, type="primary")  # fmt: skip
    forward_at.button("", key=f"{key}.forward", icon=":material/skip_next:", help="One step forward (→)",
                      on_click=step, args=(first, last, 1, key), use_container_width=True)  # fmt: skip
    rate = speed_at.select_slider("Steps per second", SPEEDS, value=1.0, key=f"{key}.speed")
    step_at.selectbox("Step", STEPS, index=2, key=f"{key}.step")
    moving = mode_at.radio("Window", MODES, key=f"{key}.mode", horizontal=True) == "moving"
    width_at.number_input("Moving window, days", min_value=1, value=90, step=7, key=f"{key}.width", disabled=not moving)
    loop_at.toggle("Loop", key=f"{key}.loop")
    if playing:
        st.fragment(_tick, run_every=POLL_SECONDS)(key, first, last, 1.0 / rate)
    return playing
