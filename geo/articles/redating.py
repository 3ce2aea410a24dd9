"""A reviewer changes a draft's date: its dating and its date words follow, or the panel asks.

The dating is one of the shared words of ``data.vocabulary`` (``EXACT_DAY``, ``WITHIN_DAYS``,
``MONTH_OR_LONGER``), read from the new first and last day:

- one day → exact day; two to seven days → within days;
- a whole calendar month or year, or 28 days or more → month or longer;
- 8 to 27 days that are no calendar month: either a span known to within days or a rough
  "some weeks" → ambiguous, the reviewer is asked;
- the end before the start → ambiguous (swap them, or keep the new day alone);
- a one-day draft whose start alone moved earlier: the day moved, or the event now lasts from
  the new start to the old day → ambiguous. Moved later, only the day can have moved.

The date words become what the reviewer set ("17–19 Sep 2024, set in review"). Pure functions.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from data.vocabulary import EXACT_DAY, MONTH_OR_LONGER, WITHIN_DAYS

WITHIN_DAYS_MAX = 7
MONTH_MIN_DAYS = 28
SET_IN_REVIEW = "set in review"
# ACLED time_precision of each dating word (and of the extractor's own precisions).
TIME_PRECISION = {EXACT_DAY: 1, WITHIN_DAYS: 2, MONTH_OR_LONGER: 3}
FROM_EXTRACTOR = {"day": EXACT_DAY, "range": WITHIN_DAYS, "week": WITHIN_DAYS, "month": MONTH_OR_LONGER}
FROM_EXTRACTOR["year"] = MONTH_OR_LONGER


def time_precision(word: str) -> int:
    """ACLED ``time_precision`` of a dating word or an extractor precision (2 when unknown)."""
    return TIME_PRECISION.get(FROM_EXTRACTOR.get(word, word), 2)


@dataclass(frozen=True)
class Dating:
    """A draft's days with their dating word and date words."""

    start: date
    end: date
    dating: str
    phrase: str


@dataclass(frozen=True)
class DateQuestion:
    """What to ask when an edit can be read more than one way; each answer is a full ``Dating``."""

    question: str
    answers: list[Dating] = field(default_factory=list)


def day_text(day: date) -> str:
    """``17 Sep 2024``."""
    return f"{day.day} {day:%b %Y}"


def span_text(start: date, end: date) -> str:
    """``17 Sep 2024``, ``17–19 Sep 2024``, ``30 Sep – 2 Oct 2024``, ``Sep 2024`` or ``2024``."""
    if start == end:
        return day_text(start)
    if _whole_year(start, end):
        return str(start.year)
    if _whole_month(start, end):
        return f"{start:%b %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_text(end)}"
    left = f"{start.day} {start:%b}" if start.year == end.year else day_text(start)
    return f"{left} – {day_text(end)}"


def _whole_month(start: date, end: date) -> bool:
    last = calendar.monthrange(start.year, start.month)[1]
    return (start.year, start.month, start.day) == (end.year, end.month, 1) and end.day == last


def _whole_year(start: date, end: date) -> bool:
    return start == date(start.year, 1, 1) and end == date(start.year, 12, 31)


def _set(start: date, end: date, dating: str) -> Dating:
    return Dating(start, end, dating, f"{span_text(start, end)}, {SET_IN_REVIEW}")


def dating_of(start: date, end: date | None) -> Dating | DateQuestion:
    """The dating of a first and last day (``end`` ``None``: one day), or a question when unclear."""
    end = end or start
    if end < start:
        return DateQuestion(
            f"The end ({day_text(end)}) is before the start ({day_text(start)}). Which did you mean?",
            [_set(end, start, dating_word(end, start)), _set(start, start, EXACT_DAY)],
        )
    days = (end - start).days + 1
    if days == 1:
        return _set(start, end, EXACT_DAY)
    if days <= WITHIN_DAYS_MAX:
        return _set(start, end, WITHIN_DAYS)
    if days >= MONTH_MIN_DAYS or _whole_month(start, end) or _whole_year(start, end):
        return _set(start, end, MONTH_OR_LONGER)
    return DateQuestion(
        f"{span_text(start, end)} is {days} days: is the event dated to within those days, or only roughly "
        "(a month or longer)?",
        [_set(start, end, WITHIN_DAYS), _set(start, end, MONTH_OR_LONGER)],
    )


def dating_word(start: date, end: date) -> str:
    """The dating word of an unambiguous span (for an answer that swaps the ends)."""
    found = dating_of(start, end)
    return found.dating if isinstance(found, Dating) else WITHIN_DAYS


Days = tuple[date | None, date | None]


def redate(before: Days, after: Days) -> Dating | DateQuestion | None:
    """What a date edit means: the new ``Dating``, a ``DateQuestion``, or ``None`` (no date left).

    Parameters
    ----------
    before : tuple of (date or None, date or None)
        The draft's first and last day before the edit.
    after : tuple of (date or None, date or None)
        The first and last day after the reviewer's edit.
    """
    (old_start, old_end), (start, end) = before, after
    if start is None:
        return None
    one_day = old_start is not None and old_start == (old_end or old_start)
    if one_day and end == old_end and start != old_start:
        if start > old_end:
            return _set(start, start, EXACT_DAY)  # later than the old day: the day moved
        return DateQuestion(
            f"You moved the start to {day_text(start)}; the end is still {day_text(old_end)}. Which did you mean?",
            [_set(start, start, EXACT_DAY), _set(start, old_end, dating_word(start, old_end))],
        )
    return dating_of(start, end)
