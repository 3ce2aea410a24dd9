"""Presentation mode: one switch that turns the page into a slide for a projector or a shared screen.

It hides the sidebar and every control panel (CSS injected here), keeps the stage (title, as-of
date, filter sentence, story card, map) and enlarges it. The map's own high-contrast theme lives in
``geo.map.style``; this module only styles Streamlit's page around it.
"""

from __future__ import annotations

import streamlit as st

STAGE_KEY = "stage"  # the container (dashboard.py) that stays visible
# Map heights that fit a 1280×720 screen under the title and sentence, without and with a story card.
MAP_HEIGHT, MAP_HEIGHT_WITH_CARD = 600, 470
# Streamlit's DOM: data-testid attributes and the st-key-<key> class of keyed elements.
PAGE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 1.1rem 0 !important; max-width: 100% !important; }
/* Everything beside the stage is a control panel: hide it. */
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] >
  :not(.st-key-STAGE, :has(.st-key-STAGE), .st-key-LEAVE, :has(.st-key-LEAVE)) { display: none !important; }
.st-key-STAGE { gap: 0.3rem !important; }
.st-key-STAGE h1 { font-size: 2.15rem !important; padding: 0 0 0.1rem !important; color: #000; }
.st-key-STAGE p { font-size: 1.3rem !important; line-height: 1.35 !important; color: #000; }
.st-key-STAGE .st-key-story-card p { font-size: 1.2rem !important; }
.st-key-STAGE h3 { font-size: 1.6rem !important; padding: 0 !important; }
.st-key-LEAVE { position: fixed; top: 0.4rem; right: 0.8rem; z-index: 1000; display: block !important; }
</style>
"""


def leave(key: str = "presentation") -> None:
    """Leave presentation mode (the button's callback, and Esc): call before ``show`` runs."""
    st.session_state[f"{key}.on"] = False


def show(key: str = "presentation") -> bool:
    """The switch (top of the sidebar); when on, the page CSS and a "Leave" button. Returns whether on.

    Session key: ``{key}.on`` (bool). Setting it before this runs (e.g. from ``?mode=present``)
    opens the page in presentation mode.
    """
    on = st.sidebar.toggle(
        "Presentation mode",
        key=f"{key}.on",
        help="Hide the controls and enlarge the map for a projector or a shared screen. "
        "Keys: ← → step, space plays or pauses, Esc leaves.",
    )
    if on:
        st.html(PAGE_CSS.replace("STAGE", STAGE_KEY).replace("LEAVE", f"{key}-leave"))
        st.button("Leave presentation (Esc)", key=f"{key}.leave", on_click=leave, args=(key,))
    return on
