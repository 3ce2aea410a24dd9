"""The playback clock: how the timeline's window moves one step at a time.

Pure date arithmetic (no Streamlit), so each rule is a row in a unit table. One window drives both
the events shown and the as-of date of territory and town status, so they advance together.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

STEPS = ("day", "week", "month", "year")
MODES = ("cumulative", "moving")


def shift(day: date, step: str, count: int = 1) -> date:
    """``day`` moved by ``count`` steps; month and year steps keep the day of month when it exists.

    >>> shift(date(2024, 1, 31), "month")
    datetime.date(2024, 2, 29)
    """
    if step == "day":
        return day + timedelta(days=count)
    if step == "week":
        return day + timedelta(weeks=count)
    if step not in ("month", "year"):
        raise ValueError(f"step {step!r} is not one of: {', '.join(STEPS)}")
    months = day.year * 12 + day.month - 1 + count * (12 if step == "year" else 1)
    year, month = divmod(months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Clock:
    """How playback moves.

    Attributes
    ----------
    first, last : datetime.date
        The record's first and last day: the window never leaves them.
    step : str
        ``day``, ``week``, ``month`` or ``year``: how far the window's end moves per tick.
    mode : str
        ``cumulative``: the window's start stays put and the window grows; ``moving``: the window
        keeps ``width_days`` days and slides.
    loop : bool
        At the last day, start again from the beginning instead of stopping.
    width_days : int
        Length of a moving window, in days.
    """

    first: date
    last: date
    step: str = "month"
    mode: str = "cumulative"
    loop: bool = False
    width_days: int = 90

    def __post_init__(self) -> None:
        if self.step not in STEPS:
            raise ValueError(f"step {self.step!r} is not one of: {', '.join(STEPS)}")
        if self.mode not in MODES:
            raise ValueError(f"mode {self.mode!r} is not one of: {', '.join(MODES)}")
        if self.width_days < 1:
            raise ValueError(f"width_days must be at least 1, not {self.width_days}")

    def _fit(self, start: date, end: date) -> tuple[date, date]:
        end = min(max(end, self.first), self.last)
        if self.mode == "moving":
            start = end - timedelta(days=self.width_days - 1)
        return max(start, self.first), end

    def beginning(self, start: date) -> tuple[date, date]:
        """The first frame: one step after ``start`` (cumulative) or the first moving window."""
        if self.mode == "moving":
            return self._fit(self.first, self.first + timedelta(days=self.width_days - 1))
        return self._fit(start, shift(start, self.step))

    def play_from(self, window: tuple[date, date]) -> tuple[date, date]:
        """Where pressing play starts: the current window, or the beginning when it is at the end."""
        return self.beginning(window[0]) if window[1] >= self.last else self._fit(*window)

    def advance(self, window: tuple[date, date], direction: int = 1) -> tuple[tuple[date, date], bool]:
        """The next window (``direction=-1``: the previous one) and whether playback goes on.

        At the last day playback stops (``False``), or starts again from the beginning with ``loop``.
        Stepping back stops at the first step.
        """
        start, end = window
        if direction > 0 and end >= self.last:
            return (self.beginning(start), True) if self.loop else (self._fit(start, end), False)
        new_end = shift(end, self.step, direction)
        if direction < 0:
            new_end = max(new_end, start if self.mode == "cumulative" else self.first)
        return self._fit(start, new_end), True
