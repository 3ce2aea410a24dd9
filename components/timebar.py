"""The time bar under the map: a v2 component that moves the map in the browser, and tells Python late.

The bar (``timebar_frontend/``) calls the map's ``setWindow`` synchronously on every input and
playback frame; Python learns the window through the component's ``window`` state, debounced. The
page's window stays in ``components.timeline``'s session keys, so the header, table, charts and link
read it. A window set by the server (story step, shared link) goes to the bar with a new revision;
the bar adopts only newer revisions, so an echo never pulls it back. It is the page's one set of
timeline controls: while a story is told the bar is locked (the step holds the window).
"""

from __future__ import annotations

import copyreg
from datetime import date, timedelta
from pathlib import Path

import streamlit as st
from streamlit.components.v2.bidi_component import main as _bidi_main

from components import timeline


def _picklable_presenter(make):
    """Make the v2 component state Streamlit presents picklable.

    Streamlit 1.67 presents a v2 component's state as an instance of a class local to a function
    (``presentation._WriteThrough``, a dict subclass), which pickle refuses, so
    ``runner.enforceSerializableSessionState`` fails every run. Pickle it as the plain dict it is.
    """

    def make_picklable(*args, **kwargs):
        present = make(*args, **kwargs)

        def picklable(*inner, **named):
            value = present(*inner, **named)
            if isinstance(value, dict) and type(value) is not dict and type(value) not in copyreg.dispatch_table:
                copyreg.pickle(type(value), lambda state: (dict, (dict(state),)))
            return value

        return picklable

    make_picklable.cm_patched = True
    return make_picklable


if not getattr(_bidi_main.make_bidi_component_presenter, "cm_patched", False):
    _bidi_main.make_bidi_component_presenter = _picklable_presenter(_bidi_main.make_bidi_component_presenter)

FRONTEND = Path(__file__).parent / "timebar_frontend"
EPOCH = date(1970, 1, 1)
_bar = st.components.v2.component(
    "conflict_map_timebar",
    html=(FRONTEND / "timebar.html").read_text(encoding="utf-8"),
    css=(FRONTEND / "timebar.css").read_text(encoding="utf-8"),
    js=(FRONTEND / "timebar.js").read_text(encoding="utf-8"),
)


def day_number(day: date) -> int:
    """Days since 1970-01-01, as the map layer counts them."""
    return (day - EPOCH).days


def from_day_number(number: int) -> date:
    """The date of a day number."""
    return EPOCH + timedelta(days=int(number))


def reported_window(value: object) -> tuple[date, date, date] | None:
    """The bar's ``window`` state as dates, or ``None`` if malformed."""
    if not isinstance(value, dict):
        return None
    try:
        start, end, as_of = (from_day_number(value[name]) for name in ("start", "end", "as_of"))
    except (KeyError, TypeError, ValueError, OverflowError):
        return None
    return (start, end, as_of) if start <= end else None


def receive(value: object, rev: int, key: str = "timebar") -> bool:
    """Make the bar's report ``value`` the page's window; True if it was applied.

    Only a report made at the current server revision counts (else a story step or link set since
    would be undone), and only one newer than the last applied (``{key}.seq``).
    """
    window = reported_window(value)
    if window is None or value.get("rev") != rev:
        return False
    seq = (rev, int(value.get("seq") or 0))
    if seq <= tuple(st.session_state.get(f"{key}.seq", (0, 0))):
        return False
    st.session_state[f"{key}.seq"] = seq
    start, end, as_of = window
    timeline.set_window(start, end, as_of if as_of != end else None)
    range_now = timeline.window() or (start, end)
    held = st.session_state.get("timeline.as_of") if st.session_state.get("timeline.apart") else range_now[1]
    st.session_state[f"{key}.reported"] = (*range_now, held)
    return True


def revision(window: tuple[date, date, date], key: str) -> int:
    """The revision of the server's window: it goes up when the window differs from what the bar said."""
    state = st.session_state
    if window != state.get(f"{key}.reported") and window != state.get(f"{key}.sent"):
        state[f"{key}.rev"] = state.get(f"{key}.rev", 0) + 1
        state[f"{key}.sent"] = window
    return state.get(f"{key}.rev", 0)


def _page_window() -> tuple[date, date, date] | None:
    window = timeline.window()
    if window is None:
        return None
    apart = st.session_state.get("timeline.apart")
    return (*window, st.session_state.get("timeline.as_of", window[1]) if apart else window[1])


def show(first_day: date, last_day: date, locked: bool = False, key: str = "timebar") -> None:
    """Draw the bar over the record's days and apply its report: call before ``timeline.current``.

    ``locked``: a story step holds the window; the bar shows it but its handles, playback and
    space do nothing until the story ends.

    The component has a key, so a new revision or the lock changes its data without remounting it:
    the bar keeps its playback state and the keyboard focus (a keyboard user on a handle stays there
    through a story step). Streamlit 1.67 presents a keyed v2 component's state as an object pickle
    refuses; ``_picklable_presenter`` above makes it a plain dict for
    ``runner.enforceSerializableSessionState``.
    Session keys: ``{key}.rev``, ``{key}.sent`` (the window of that revision), ``{key}.reported``
    (the last the bar reported), ``{key}.seq`` (revision and sequence of the last report applied).
    """
    window = _page_window() or (first_day, last_day, last_day)
    rev = revision(tuple(window), key)
    sent = st.session_state.get(f"{key}.sent", window)
    data = {
        "first": day_number(first_day),
        "last": day_number(last_day),
        "window": [day_number(day) for day in sent],
        "rev": rev,
        "locked": bool(locked),
    }
    result = _bar(data=data, key=f"{key}-component")  # session key ``{key}-component``: the bar's state
    receive((result or {}).get("window"), rev, key)
    receive_pick((result or {}).get("picked"), key)


def receive_pick(value: object, key: str = "timebar") -> None:
    """Keep a symbol click the bar reported (``{"id", "n", "at"}``) for ``pending_pick``, once per click.

    The map's layer names the clicked event by its id (data, never popup text) and the bar, the
    page's one channel to Python besides streamlit-folium's own value, carries it. The state
    persists across reruns, so only a value other than the last one seen is a new click.
    Session keys: ``{key}.pick`` (the id not yet applied), ``{key}.pick_seen`` (the last value seen).
    """
    if not isinstance(value, dict) or value == st.session_state.get(f"{key}.pick_seen"):
        return
    st.session_state[f"{key}.pick_seen"] = dict(value)
    event_id = value.get("id")
    if isinstance(event_id, str) and event_id:
        st.session_state[f"{key}.pick"] = event_id


def pending_pick(key: str = "timebar") -> str | None:
    """The id of the event whose symbol was clicked since the last run (once), else ``None``."""
    return st.session_state.pop(f"{key}.pick", None)
