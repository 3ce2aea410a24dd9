"""Single URL values, each read by a small parser: the text is matched, never evaluated.

Each parser returns the value or raises ``BadValue`` whose message says what is wrong with it;
``data.view.view_state`` turns that into the ``Notice`` a viewer reads.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from data.dates import BadDate, parse_iso
from data.schema import EVENT_ID_PATTERN

# The base map's zoom limits (geo.map.build.build_base_map; a test checks they agree).
MIN_ZOOM, MAX_ZOOM = 3, 12
MAX_TEXT = 200
MODES = {"present": True, "explore": False}
_NUMBER = re.compile(r"-?\d{1,3}(\.\d{1,12})?")
_COUNT = re.compile(r"\d{1,7}")
_EVENT_ID = re.compile(EVENT_ID_PATTERN)
_FLAGS = {"1": True, "true": True, "0": False, "false": False}
MAX_SHOWN = 60  # characters of a bad value repeated in its notice


class BadValue(ValueError):
    """A value that does not parse; its message is the notice's reason."""


@dataclass(frozen=True)
class Notice:
    """A URL parameter that was not used as given: ``zoom=40: not a zoom level from 3 to 12; …``."""

    param: str
    value: str
    reason: str
    fallback: str

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= MAX_SHOWN else self.value[:MAX_SHOWN] + "…"
        return f"{self.param}={shown}: {self.reason}; {self.fallback}."


def parse_date(text: str) -> date:
    """An ISO date, exactly ``YYYY-MM-DD`` (``data.dates.parse_iso``, the one strict parser)."""
    try:
        return parse_iso(text)
    except BadDate:
        raise BadValue("not a date (expected YYYY-MM-DD)") from None


def parse_number(text: str, low: float, high: float) -> float:
    """A finite decimal number (no exponent) within ``low..high``."""
    if not _NUMBER.fullmatch(text) or not math.isfinite(value := float(text)):
        raise BadValue("not a number")
    if not low <= value <= high:
        raise BadValue(f"outside {low:g}..{high:g}")
    return value


def parse_zoom(text: str) -> int:
    """A whole zoom level the base map allows."""
    if not _COUNT.fullmatch(text) or not MIN_ZOOM <= int(text) <= MAX_ZOOM:
        raise BadValue(f"not a zoom level from {MIN_ZOOM} to {MAX_ZOOM}")
    return int(text)


def parse_count(text: str) -> int:
    """A whole number of at least 0 (at most seven digits)."""
    if not _COUNT.fullmatch(text):
        raise BadValue("not a whole number of at least 0")
    return int(text)


def parse_text(text: str) -> str:
    """Search words: short, with no control characters; trimmed."""
    if len(text) > MAX_TEXT or any(ord(c) < 32 for c in text):
        raise BadValue(f"longer than {MAX_TEXT} characters or holds control characters")
    return text.strip()


def parse_flag(text: str) -> bool:
    """``1``/``true`` or ``0``/``false``."""
    if text.lower() not in _FLAGS:
        raise BadValue("expected 1 or 0")
    return _FLAGS[text.lower()]


def parse_mode(text: str) -> bool:
    """``present`` (True) or ``explore`` (False)."""
    if text not in MODES:
        raise BadValue("expected present or explore")
    return MODES[text]


def parse_event_id(text: str) -> str:
    """An event id's form: letters, digits and ``_.:-``, up to 64."""
    if not _EVENT_ID.fullmatch(text):
        raise BadValue("not an event id")
    return text
