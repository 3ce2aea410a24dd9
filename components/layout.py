"""The page's CSS: the one place the app styles Streamlit's page around the stage (explore and presentation).

The stage (``dashboard.py``: title, sentence, story card, map, time bar) must fit the first screen at
1280×720 and 1920×1080, so the map and its time bar are seen together. Streamlit cannot tell the
server the window's height, so the map's frame is sized in CSS from the viewport (``100vh`` minus
what is not map); the map inside the frame follows the frame (``geo.map.build.MAP_CSS``).
"""

from __future__ import annotations

import streamlit as st

STAGE_KEY = "stage"  # the container (dashboard.py) that stays visible while presenting
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Pixels of the first screen that are not map: top padding, title, sentence, gaps and the time bar
# (measured at both briefing sizes by tests/browser/test_layout_in_browser.py). While presenting,
# the story's row sits under the bar too, and a story step adds its card above the map.
CHROME_PX = {"explore": 245, "present": 265}
CARD_PX = 96  # up to three lines of the step's text at 1280 px
MIN_MAP_PX = 300
# Exploring, the map stops short of 700 px: taller, the legend opens over the towns (geo.map.elements).
EXPLORE_MAX_PX = 680

# Streamlit's DOM: data-testid attributes and the st-key-<key> class of keyed elements.
_BASE_CSS = """
/* Streamlit's header is a white band over the page's top 60 px: clear it, so the title can sit there
   (its menu and sidebar buttons still take clicks). */
header[data-testid="stHeader"] { background: transparent !important; pointer-events: none; }
header[data-testid="stHeader"] button, header[data-testid="stHeader"] a { pointer-events: auto; }
[data-testid="stMainBlockContainer"] { padding-top: 1rem !important; padding-bottom: 3rem !important; }
.st-key-STAGE { gap: 0.5rem !important; }
.st-key-STAGE h1 { font-size: 2rem !important; padding: 0.2rem 0 0 !important; }
.st-key-STAGE MAP_FRAME { height: HEIGHT !important; }
"""
_PRESENT_CSS = """
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
"""


def map_height_css(presenting: bool, card: bool) -> str:
    """The CSS height of the map's frame: the viewport less what is not map (never under ``MIN_MAP_PX``).

    >>> map_height_css(False, False)
    'max(300px, min(680px, calc(100vh - 245px)))'
    """
    chrome = CHROME_PX["present" if presenting else "explore"] + (CARD_PX if card else 0)
    fill = f"calc(100vh - {chrome}px)"
    return f"max({MIN_MAP_PX}px, {fill})" if presenting else f"max({MIN_MAP_PX}px, min({EXPLORE_MAX_PX}px, {fill}))"


def page_css(presenting: bool, card: bool, leave_key: str = "presentation-leave") -> str:
    """The page's ``<style>`` block: the stage's fit, and while presenting, everything else hidden."""
    css = _BASE_CSS + (_PRESENT_CSS if presenting else "")
    css = css.replace("MAP_FRAME", MAP_FRAME).replace("HEIGHT", map_height_css(presenting, card))
    return "<style>" + css.replace("STAGE", STAGE_KEY).replace("LEAVE", leave_key) + "</style>"


def show(presenting: bool, card: bool) -> None:
    """Style the page for this run (``st.html`` of our own constant CSS: no data goes into it)."""
    st.html(page_css(presenting, card))
