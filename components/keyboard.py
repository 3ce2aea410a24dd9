"""Keyboard shortcuts: every key press is a numbered value the server applies exactly once.

A hidden component in the page (``keys_frontend/index.html``) listens for the bound keys. Each press
gets the next number of a counter kept by the page, and the component's state becomes
``{"page": <id of this page load>, "count": n, "recent": [[n, key], ...]}`` (the last 50
presses). That state is a value, not a one-shot button click: the browser sends it with the
rerun the press starts and again with every later rerun. The server remembers the last number it
applied and hands back only the presses after it, once each, in order. A press cannot be lost
between two reruns (the map and the time bar rerun the page often), and a rerun that carries a
press twice does not apply it twice. Keys typed into a field or slider are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

FRONTEND = Path(__file__).parent / "keys_frontend"  # index.html: the listener, and why it sends values
_listener = components.declare_component("conflict_map_keys", path=str(FRONTEND))


# Out of the page's flow: the listener draws nothing and must leave no gap in the layout.
HIDE = "<style>.st-key-KEY { position: absolute; width: 0; height: 0; overflow: hidden; }</style>"


def _mount(bound: Sequence[str], key: str) -> Any:
    """Draw the (invisible) listener and return its value: ``None`` before the first press."""
    st.html(HIDE.replace("KEY", key))  # style only: Streamlit sends it outside the layout
    return _listener(keys=list(bound), key=key, default=None)


def new_presses(state: Any, seen: tuple[str, int] | None) -> tuple[list[str], tuple[str, int] | None]:
    """The keys pressed after ``seen`` (``(page, number)`` of the last press applied), and the new ``seen``.

    ``state`` is the component's value (``None`` before the first press). A new page load counts
    from 1 again, so a new ``page`` starts from nothing seen. A malformed value applies nothing.

    >>> new_presses({"page": "a", "count": 3, "recent": [[2, " "], [3, "ArrowRight"]]}, ("a", 2))
    (['ArrowRight'], ('a', 3))
    """
    if not isinstance(state, dict) or not isinstance(state.get("page"), str):
        return [], seen
    page = state["page"]
    last = seen[1] if seen and seen[0] == page else 0
    presses = sorted(_numbered(state.get("recent")))
    fresh = [(number, name) for number, name in presses if number > last]
    return [name for _, name in fresh], (page, fresh[-1][0] if fresh else last)


def _numbered(recent: Any) -> Iterable[tuple[int, str]]:
    for item in recent if isinstance(recent, list) else []:
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], int) and isinstance(item[1], str):
            yield item[0], item[1]


def show(bound: Sequence[str], key: str = "keys") -> list[str]:
    """Listen for the ``bound`` keys (``KeyboardEvent.key`` values: ``"ArrowRight"``, ``" "``, ``"Escape"``).

    Returns the keys pressed since the last run that read them, in order, each exactly once. Call it
    before drawing what the keys move. Session keys: ``{key}`` (the component), ``{key}.seen``.
    """
    pressed, seen = new_presses(_mount(bound, key), st.session_state.get(f"{key}.seen"))
    st.session_state[f"{key}.seen"] = seen
    return pressed
