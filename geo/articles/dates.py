"""Resolve date phrases from news copy against the publication date, keeping their precision.

Rules handle what dateparser gets wrong or cannot do (``docs/article-review.md``, "Dates"):
"over the weekend" (the latest Saturday–Sunday before publication), a weekday equal to the
publication weekday (the same day in news copy), bare years ("in 2012" is a year, not a day) and
"since 2022" (a range up to publication), a month without a year ("in March": the latest one up to
publication). Day-level phrases the rules do not know go to dateparser.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
# Days the calendar names: New Year's Day is 1 January, Christmas Day 25 December.
NAMED_DAYS = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
}
# ACLED time_precision for each of our precisions.
ACLED_TIME_PRECISION = {"day": 1, "range": 2, "week": 2, "month": 3, "year": 3}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_PATTERNS = (
    ("today", re.compile(r"^(?:earlier\s+)?today$")),
    ("yesterday", re.compile(r"^yesterday$")),
    ("weekend", re.compile(r"^(?:over|at|during|on)?\s*(?:the|this|last)?\s*weekend$")),
    ("last_week", re.compile(r"^last\s+week$")),
    ("last_month", re.compile(r"^last\s+month$")),
    ("last_year", re.compile(r"^last\s+year$")),
    ("named_day", re.compile(r"^(?:on\s+)?(?P<named>new\s+year's\s+(?:day|eve)|christmas\s+(?:day|eve))$")),
    ("weekday", re.compile(rf"^(?:on\s+)?(?P<last>last\s+)?(?P<weekday>{_WEEKDAY})$")),
    (
        "weekday_range",
        re.compile(
            rf"^(?:(?:on\s+)?the\s+night\s+of\s+|from\s+|between\s+)?(?P<weekday>{_WEEKDAY})\s+"
            rf"(?:to|until|till|and|-|–)\s+(?P<until>{_WEEKDAY})$"
        ),
    ),
    (
        "day_range",
        re.compile(
            rf"^(?:(?:on\s+)?the\s+night\s+of\s+|from\s+|between\s+)?(?P<day>\d{{1,2}})\s*"
            rf"(?:to|until|and|-|–)\s*(?P<day2>\d{{1,2}})\s+(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>\d{{4}}))?$"
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"^(?:on\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>\d{{4}}))?$"
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"^(?:on\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?$"
        ),
    ),
    ("month_year", re.compile(rf"^(?:in\s+)?(?P<month>{_MONTH})\.?\s+(?P<year>\d{{4}})$")),
    ("month", re.compile(rf"^in\s+(?P<month>{_MONTH})$")),
    ("since_year", re.compile(r"^since\s+(?P<year>\d{4})$")),
    ("year", re.compile(r"^(?:in\s+)?(?P<year>\d{4})$")),
    ("iso", re.compile(r"^(?:on\s+)?(?P<iso>\d{4}-\d{2}-\d{2})$")),
)


@dataclass(frozen=True)
class ResolvedDate:
    """A phrase resolved to an inclusive day range with its precision."""

    phrase: str
    start: date
    end: date
    precision: str  # day, range, week, month or year

    @property
    def time_precision(self) -> int:
        """The ACLED ``time_precision`` code (1 day, 2 week, 3 month or longer)."""
        return ACLED_TIME_PRECISION[self.precision]


def _past_year(month: int, day: int, published: date) -> int:
    """News copy says "on 14 November" for the latest 14 November up to publication."""
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def _weekday(match: re.Match, published: date) -> tuple[date, date, str]:
    back = (published.weekday() - WEEKDAYS[match["weekday"]]) % 7
    if match["last"] and back == 0:
        back = 7
    day = published - timedelta(days=back)
    return day, day, "day"


def _weekend(published: date) -> tuple[date, date, str]:
    # The latest Saturday strictly before publication; a Sunday paper's weekend is this one.
    saturday = published - timedelta(days=(published.weekday() - 5) % 7 or 7)
    return saturday, min(saturday + timedelta(days=1), published), "range"


def _calendar(kind: str, match: re.Match, published: date) -> tuple[date, date, str]:
    if kind == "iso":
        day = date.fromisoformat(match["iso"])
        return day, day, "day"
    if kind in ("year", "since_year"):
        year = int(match["year"])
        end = published if kind == "since_year" else date(year, 12, 31)
        return date(year, 1, 1), end, "year"
    month = MONTHS[match["month"]]
    if kind in ("month_year", "month"):
        # "in March" alone: the latest March up to publication, never a month still to come.
        year = int(match["year"]) if kind == "month_year" else _past_year(month, 1, published)
        end = date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, 1), min(end, published) if kind == "month" else end, "month"
    day_of_month = int(match["day"])
    year = int(match["year"]) if match["year"] else _past_year(month, day_of_month, published)
    day = date(year, month, day_of_month)
    return day, day, "day"


def _by_rule(kind: str, match: re.Match, published: date) -> tuple[date, date, str]:
    if kind == "today":
        return published, published, "day"
    if kind == "yesterday":
        day = published - timedelta(days=1)
        return day, day, "day"
    if kind == "weekend":
        return _weekend(published)
    if kind == "last_week":
        monday = published - timedelta(days=published.weekday() + 7)
        return monday, monday + timedelta(days=6), "week"
    if kind == "last_month":
        last_day = published.replace(day=1) - timedelta(days=1)
        return last_day.replace(day=1), last_day, "month"
    if kind == "last_year":
        return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31), "year"
    if kind == "named_day":
        # A day named by the calendar: the latest one up to publication.
        month, day_of_month = NAMED_DAYS[" ".join(match["named"].replace("’", "'").split())]
        day = date(_past_year(month, day_of_month, published), month, day_of_month)
        return day, day, "day"
    if kind == "weekday":
        return _weekday(match, published)
    if kind == "weekday_range":
        # "the night of Tuesday to Wednesday", "from Thursday to Saturday": the last day is the latest
        # such day up to publication, the first day the one before it.
        last, _, _ = _weekday({"weekday": match["until"], "last": None}, published)
        first = last - timedelta(days=(WEEKDAYS[match["until"]] - WEEKDAYS[match["weekday"]]) % 7)
        return first, last, "range"
    if kind == "day_range":
        month = MONTHS[match["month"]]
        day2 = int(match["day2"])
        year = int(match["year"]) if match["year"] else _past_year(month, day2, published)
        return date(year, month, int(match["day"])), date(year, month, day2), "range"
    return _calendar(kind, match, published)


def _by_dateparser(phrase: str, published: date) -> tuple[date, date, str] | None:
    import dateparser  # imported lazily: ~0.5 s, and most phrases never need it

    settings = {
        "RELATIVE_BASE": _midday(published),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    parsed = dateparser.parse(phrase, languages=["en", "fr"], settings=settings)
    return None if parsed is None else (parsed.date(), parsed.date(), "day")


def _midday(day: date):
    from datetime import datetime

    return datetime(day.year, day.month, day.day, 12)


def _forward(resolved: ResolvedDate, published: date) -> ResolvedDate:
    """The same phrase read as a date still to come: the next such weekday, this or next year's day."""
    start, end = resolved.start, resolved.end
    if start >= published:
        return resolved
    if resolved.precision in ("day", "range") and re.search(_WEEKDAY, resolved.phrase.lower()):
        shift = timedelta(days=7)
    elif resolved.precision in ("day", "range", "month"):
        try:
            return ResolvedDate(
                resolved.phrase, start.replace(year=start.year + 1), end.replace(year=end.year + 1), resolved.precision
            )
        except ValueError:
            return resolved
    else:
        return resolved
    return ResolvedDate(resolved.phrase, start + shift, end + shift, resolved.precision)


def resolve_phrase(phrase: str, published: date) -> ResolvedDate | None:
    """Resolve a date phrase against a publication date.

    Parameters
    ----------
    phrase : str
        A phrase as found in text: "on Wednesday", "over the weekend", "14 November 2023", "in 2012".
    published : datetime.date
        The article's publication date.

    Returns
    -------
    ResolvedDate or None
        ``None`` when the phrase is not a date this module understands (never a guess).

    Examples
    --------
    >>> resolve_phrase("over the weekend", date(2026, 11, 25)).start
    datetime.date(2026, 11, 21)
    """
    text = " ".join(phrase.lower().replace(",", " , ").replace("’", "'").split()).replace(" ,", ",")
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                start, end, precision = _by_rule(kind, match, published)
            except ValueError:  # "31 February"
                return None
            return ResolvedDate(phrase, start, end, precision)
    # Only phrases with a day number go to dateparser: it turns "next year" into a day.
    found = _by_dateparser(text, published) if re.search(r"\d", text) else None
    return None if found is None else ResolvedDate(phrase, *found)


@dataclass(frozen=True)
class DateMention:
    """A date phrase found in a text, with its span and resolution."""

    phrase: str
    start: int
    end: int
    resolved: ResolvedDate
    kind: str = "past"  # "future" when its clause speaks of what is still to come


_MONTH_NAMES = "|".join(sorted((n for n in calendar.month_name if n), key=len, reverse=True))
_MONTH_ABBR = "|".join(n for n in calendar.month_abbr if n)
_MONTH_WORD = rf"(?:{_MONTH_NAMES}|(?:{_MONTH_ABBR})\.?)"
_WEEKDAY_WORD = "|".join(calendar.day_name)
# Capitalised month and weekday names only ("may" is a verb), longest alternatives first.
_FINDER = re.compile(
    "|".join(
        (
            rf"\b(?i:the\s+night\s+of\s+)(?:{_WEEKDAY_WORD})\s+(?i:to|and)\s+(?:{_WEEKDAY_WORD})\b",
            rf"\b(?i:the\s+night\s+of\s+)\d{{1,2}}\s+(?i:to|and)\s+\d{{1,2}}\s+{_MONTH_WORD}(?:,?\s+\d{{4}})?\b",
            rf"\b(?i:from|between)\s+(?:{_WEEKDAY_WORD})\s+(?i:to|until|and)\s+(?:{_WEEKDAY_WORD})\b",
            rf"\b(?i:from|between)\s+\d{{1,2}}\s+(?i:to|until|and)\s+\d{{1,2}}\s+{_MONTH_WORD}(?:,?\s+\d{{4}})?\b",
            rf"\b(?:(?i:on)\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD}(?:,?\s+\d{{4}})?\b",
            rf"\b(?:(?i:on)\s+)?{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?\b",
            rf"\b(?:(?i:in)\s+)?{_MONTH_WORD}\s+\d{{4}}\b",
            rf"\b(?i:in)\s+(?:{_MONTH_NAMES})\b",
            rf"\b(?:(?i:on|last)\s+)?(?:{_WEEKDAY_WORD})\b",
            r"\b(?i:(?:(?:over|at|during)\s+the|this|last)\s+weekend)\b",
            r"\b(?i:last\s+(?:week|month|year))\b",
            r"\b(?:(?i:on)\s+)?(?:New\s+Year['’]s\s+(?:Day|Eve)|Christmas\s+(?:Day|Eve))\b",
            r"\b(?i:yesterday)\b",
            r"\b(?i:(?:earlier\s+)?today)\b",
            r"\b(?i:since)\s+(?:19|20)\d{2}\b",
            r"\b(?i:in)\s+(?:19|20)\d{2}\b",
            r"\b\d{4}-\d{2}-\d{2}\b",
        )
    )
)


def find_dates(text: str, published: date) -> list[DateMention]:
    """Date phrases in ``text`` resolved against ``published``; unresolvable phrases are skipped.

    Only whole phrases are parsed, never the running text ("We" is not Wednesday).
    """
    from geo.articles.structure import is_future, parse

    doc = parse(text)
    mentions = []
    for match in _FINDER.finditer(text):
        phrase = " ".join(match.group(0).split())
        resolved = resolve_phrase(phrase, published)
        if resolved is None:
            continue
        future = doc is not None and is_future(doc, match.start(), match.end())
        if future and not re.search(r"\d{4}", phrase):
            resolved = _forward(resolved, published)
        kind = "future" if future else "past"
        mentions.append(DateMention(phrase, match.start(), match.end(), resolved, kind))
    return mentions
