"""Date phrases resolved against a publication date, with precision."""

from __future__ import annotations

from datetime import date

import pytest

from geo.articles.dates import resolve_phrase

WEDNESDAY = date(2026, 4, 29)
SUNDAY = date(2026, 4, 26)


@pytest.mark.parametrize(
    ("phrase", "published", "start", "end", "precision", "acled"),
    [
        ("over the weekend", WEDNESDAY, date(2026, 4, 25), date(2026, 4, 26), "range", 2),
        ("at the weekend", WEDNESDAY, date(2026, 4, 25), date(2026, 4, 26), "range", 2),
        ("over the weekend", SUNDAY, date(2026, 4, 25), date(2026, 4, 26), "range", 2),
        ("over the weekend", date(2026, 4, 25), date(2026, 4, 18), date(2026, 4, 19), "range", 2),
        ("Tuesday", WEDNESDAY, date(2026, 4, 28), date(2026, 4, 28), "day", 1),
        ("on Wednesday", WEDNESDAY, WEDNESDAY, WEDNESDAY, "day", 1),  # same weekday: same day
        ("last Wednesday", WEDNESDAY, date(2026, 4, 22), date(2026, 4, 22), "day", 1),
        ("on Thursday", WEDNESDAY, date(2026, 4, 23), date(2026, 4, 23), "day", 1),
        ("yesterday", WEDNESDAY, date(2026, 4, 28), date(2026, 4, 28), "day", 1),
        ("today", WEDNESDAY, WEDNESDAY, WEDNESDAY, "day", 1),
        ("last week", WEDNESDAY, date(2026, 4, 20), date(2026, 4, 26), "week", 2),
        ("on 14 November", WEDNESDAY, date(2025, 11, 14), date(2025, 11, 14), "day", 1),
        ("14 November 2023", WEDNESDAY, date(2023, 11, 14), date(2023, 11, 14), "day", 1),
        ("November 14, 2023", WEDNESDAY, date(2023, 11, 14), date(2023, 11, 14), "day", 1),
        ("in November 2023", WEDNESDAY, date(2023, 11, 1), date(2023, 11, 30), "month", 3),
        ("in March", WEDNESDAY, date(2026, 3, 1), date(2026, 3, 31), "month", 3),
        ("in April", WEDNESDAY, date(2026, 4, 1), WEDNESDAY, "month", 3),  # this month: up to publication
        ("in November", WEDNESDAY, date(2025, 11, 1), date(2025, 11, 30), "month", 3),  # never ahead
        ("in 2012", WEDNESDAY, date(2012, 1, 1), date(2012, 12, 31), "year", 3),
        ("since 2022", WEDNESDAY, date(2022, 1, 1), WEDNESDAY, "year", 3),
        ("2023-11-14", WEDNESDAY, date(2023, 11, 14), date(2023, 11, 14), "day", 1),
        ("the 3rd of March 2024", WEDNESDAY, date(2024, 3, 3), date(2024, 3, 3), "day", 1),  # dateparser
        ("last month", WEDNESDAY, date(2026, 3, 1), date(2026, 3, 31), "month", 3),
        ("last year", WEDNESDAY, date(2025, 1, 1), date(2025, 12, 31), "year", 3),
        ("on New Year's Day", date(2019, 1, 5), date(2019, 1, 1), date(2019, 1, 1), "day", 1),
        ("on New Year’s Day", WEDNESDAY, date(2026, 1, 1), date(2026, 1, 1), "day", 1),
        ("Christmas Eve", date(2019, 12, 26), date(2019, 12, 24), date(2019, 12, 24), "day", 1),
        ("Christmas Day", WEDNESDAY, date(2025, 12, 25), date(2025, 12, 25), "day", 1),  # never ahead
    ],
)
def test_resolve_phrase(phrase, published, start, end, precision, acled):
    resolved = resolve_phrase(phrase, published)
    assert (resolved.start, resolved.end, resolved.precision) == (start, end, precision)
    assert resolved.time_precision == acled
    assert resolved.phrase == phrase


@pytest.mark.parametrize("phrase", ["We", "next year", "soon", "31 February 2024", ""])
def test_unresolvable_phrases_give_none(phrase):
    assert resolve_phrase(phrase, WEDNESDAY) is None


def test_a_month_without_a_year_is_found_as_a_whole_phrase():
    from geo.articles.dates import find_dates

    text = "Nine soldiers died in March 2019, more in March; talks may resume in may."
    found = [(m.phrase, m.resolved.start, m.resolved.precision) for m in find_dates(text, date(2019, 10, 2))]
    assert found == [("in March 2019", date(2019, 3, 1), "month"), ("in March", date(2019, 3, 1), "month")]


def test_today_and_yesterday_are_found_in_running_text():
    from geo.articles.dates import find_dates

    text = "The bodies were found yesterday; the first refugees reached the town today."
    found = [(m.phrase, m.resolved.start) for m in find_dates(text, date(2022, 3, 11))]
    assert found == [("yesterday", date(2022, 3, 10)), ("today", date(2022, 3, 11))]


def test_named_days_and_last_month_are_found_in_running_text():
    from geo.articles.dates import find_dates

    text = "Gunmen struck on New Year's Day, a month after the vote held last month."
    assert [m.phrase for m in find_dates(text, date(2019, 1, 5))] == ["on New Year's Day", "last month"]
