"""The playback clock, rule by rule: steps of a day, week and month; cumulative or moving; loop."""

from __future__ import annotations

from datetime import date

import pytest

from data.view.playback import Clock, shift

FIRST, LAST = date(2012, 1, 17), date(2026, 4, 29)


@pytest.mark.parametrize(
    ("day", "step", "count", "expected"),
    [
        (date(2012, 1, 17), "day", 1, date(2012, 1, 18)),
        (date(2012, 12, 31), "day", 1, date(2013, 1, 1)),
        (date(2012, 1, 17), "week", 1, date(2012, 1, 24)),
        (date(2012, 1, 17), "week", -2, date(2012, 1, 3)),
        (date(2012, 1, 17), "month", 1, date(2012, 2, 17)),
        (date(2024, 1, 31), "month", 1, date(2024, 2, 29)),  # leap year: the month's last day
        (date(2023, 1, 31), "month", 1, date(2023, 2, 28)),
        (date(2012, 12, 15), "month", 1, date(2013, 1, 15)),
        (date(2013, 1, 15), "month", -1, date(2012, 12, 15)),
        (date(2024, 2, 29), "year", 1, date(2025, 2, 28)),
        (date(2012, 1, 17), "year", 2, date(2014, 1, 17)),
    ],
)
def test_shift(day, step, count, expected):
    assert shift(day, step, count) == expected


@pytest.mark.parametrize(
    ("clock", "window", "expected", "going"),
    [
        # Cumulative: the start stays, the end moves one step.
        (Clock(FIRST, LAST, "day"), (FIRST, date(2012, 2, 1)), (FIRST, date(2012, 2, 2)), True),
        (Clock(FIRST, LAST, "week"), (FIRST, date(2012, 2, 1)), (FIRST, date(2012, 2, 8)), True),
        (Clock(FIRST, LAST, "month"), (FIRST, date(2012, 2, 1)), (FIRST, date(2012, 3, 1)), True),
        # Moving: the window keeps its width and slides.
        (Clock(FIRST, LAST, "week", "moving", width_days=7), (date(2013, 1, 1), date(2013, 1, 7)),
         (date(2013, 1, 8), date(2013, 1, 14)), True),
        (Clock(FIRST, LAST, "month", "moving", width_days=30), (date(2013, 1, 1), date(2013, 1, 30)),
         (date(2013, 1, 30), date(2013, 2, 28)), True),  # 30 Jan + a month: 28 Feb
        # The last step is clamped to the last day; at the last day playback stops...
        (Clock(FIRST, LAST, "month"), (FIRST, date(2026, 4, 10)), (FIRST, LAST), True),
        (Clock(FIRST, LAST, "month"), (FIRST, LAST), (FIRST, LAST), False),
        # ... or, with loop, starts again from the beginning.
        (Clock(FIRST, LAST, "month", loop=True), (FIRST, LAST), (FIRST, date(2012, 2, 17)), True),
        (Clock(FIRST, LAST, "week", "moving", loop=True, width_days=14), (date(2026, 4, 16), LAST),
         (FIRST, date(2012, 1, 30)), True),
    ],
)  # fmt: skip
def test_advance(clock, window, expected, going):
    assert clock.advance(window) == (expected, going)


@pytest.mark.parametrize(
    ("clock", "window", "expected"),
    [
        (Clock(FIRST, LAST, "month"), (FIRST, date(2012, 5, 17)), (FIRST, date(2012, 4, 17))),
        # Stepping back never goes before the window's start (cumulative) or the first day (moving).
        (Clock(FIRST, LAST, "month"), (FIRST, date(2012, 1, 30)), (FIRST, FIRST)),
        (Clock(FIRST, LAST, "week", "moving", width_days=7), (FIRST, date(2012, 1, 20)), (FIRST, FIRST)),
    ],
)
def test_step_back(clock, window, expected):
    assert clock.advance(window, -1) == (expected, True)


@pytest.mark.parametrize(
    ("clock", "window", "expected"),
    [
        # At the end (the default full window), play starts from the beginning.
        (Clock(FIRST, LAST, "month"), (FIRST, LAST), (FIRST, date(2012, 2, 17))),
        (Clock(FIRST, LAST, "day", "moving", width_days=30), (FIRST, LAST), (FIRST, date(2012, 2, 15))),
        # Elsewhere it continues from the current window.
        (Clock(FIRST, LAST, "month"), (FIRST, date(2020, 1, 1)), (FIRST, date(2020, 1, 1))),
    ],
)
def test_play_from(clock, window, expected):
    assert clock.play_from(window) == expected


def test_monthly_playback_runs_from_2012_to_the_offensive_and_stops():
    clock = Clock(FIRST, LAST, "month")
    window, going, frames = clock.play_from((FIRST, LAST)), True, []
    while going:
        frames.append(window)
        window, going = clock.advance(window)
    ends = [end for _, end in frames]
    assert ends == sorted(ends)
    assert len(set(ends)) == len(ends)
    assert frames[-1] == (FIRST, LAST)
    assert len(frames) == 172


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"step": "decade"}, "step 'decade' is not one of: day, week, month, year"),
        ({"mode": "sliding"}, "mode 'sliding' is not one of: cumulative, moving"),
        ({"width_days": 0}, "width_days must be at least 1, not 0"),
    ],
)
def test_bad_clock_settings_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Clock(FIRST, LAST, **kwargs)
