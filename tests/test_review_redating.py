"""Editing a draft's date: its dating word and date words follow, or the panel asks (table-driven)."""

from __future__ import annotations

from datetime import date

import pytest

from data.vocabulary import EXACT_DAY, MONTH_OR_LONGER, WITHIN_DAYS
from geo.articles.redating import DateQuestion, Dating, dating_of, redate, span_text, time_precision

D = date

SETTLED = [
    # (why, before, after, dating, phrase)
    ("one day moved", (D(2024, 9, 17), D(2024, 9, 17)), (D(2024, 9, 18), D(2024, 9, 18)), EXACT_DAY, "18 Sep 2024"),
    (
        "the end widened",
        (D(2024, 9, 17), D(2024, 9, 17)),
        (D(2024, 9, 17), D(2024, 9, 19)),
        WITHIN_DAYS,
        "17–19 Sep 2024",
    ),
    (
        "a start moved past the old day",
        (D(2024, 9, 17), D(2024, 9, 17)),
        (D(2024, 9, 20), D(2024, 9, 17)),
        EXACT_DAY,
        "20 Sep 2024",
    ),
    ("a week", (D(2024, 9, 17), D(2024, 9, 17)), (D(2024, 9, 16), D(2024, 9, 22)), WITHIN_DAYS, "16–22 Sep 2024"),
    (
        "across a month's end",
        (D(2024, 9, 17), D(2024, 9, 17)),
        (D(2024, 9, 30), D(2024, 10, 2)),
        WITHIN_DAYS,
        "30 Sep – 2 Oct 2024",
    ),
    ("a whole month", (D(2024, 9, 17), D(2024, 9, 17)), (D(2024, 2, 1), D(2024, 2, 29)), MONTH_OR_LONGER, "Feb 2024"),
    ("a whole year", (D(2024, 9, 17), D(2024, 9, 17)), (D(2023, 1, 1), D(2023, 12, 31)), MONTH_OR_LONGER, "2023"),
    (
        "two months",
        (D(2024, 9, 17), D(2024, 9, 17)),
        (D(2024, 8, 10), D(2024, 10, 9)),
        MONTH_OR_LONGER,
        "10 Aug – 9 Oct 2024",
    ),
    (
        "a range narrowed to a day",
        (D(2024, 9, 1), D(2024, 9, 30)),
        (D(2024, 9, 5), D(2024, 9, 5)),
        EXACT_DAY,
        "5 Sep 2024",
    ),
    ("an end cleared", (D(2024, 9, 1), D(2024, 9, 3)), (D(2024, 9, 1), None), EXACT_DAY, "1 Sep 2024"),
    (
        "across years",
        (D(2024, 9, 1), D(2024, 9, 3)),
        (D(2024, 12, 30), D(2025, 1, 2)),
        WITHIN_DAYS,
        "30 Dec 2024 – 2 Jan 2025",
    ),
]


@pytest.mark.parametrize(("why", "before", "after", "dating", "phrase"), SETTLED, ids=[c[0] for c in SETTLED])
def test_an_unambiguous_edit_sets_the_dating_and_the_date_words(why, before, after, dating, phrase):
    found = redate(before, after)
    assert isinstance(found, Dating), why
    assert (found.dating, found.phrase) == (dating, f"{phrase}, set in review")


ASKED = [
    # (why, before, after, the answers offered as (start, end, dating))
    (
        "a one-day draft's start moved earlier: moved, or lasting?",
        (D(2024, 9, 17), D(2024, 9, 17)),
        (D(2024, 9, 15), D(2024, 9, 17)),
        [(D(2024, 9, 15), D(2024, 9, 15), EXACT_DAY), (D(2024, 9, 15), D(2024, 9, 17), WITHIN_DAYS)],
    ),
    (
        "two weeks: within days, or roughly?",
        (D(2024, 9, 17), D(2024, 9, 17)),
        (D(2024, 9, 17), D(2024, 9, 30)),
        [(D(2024, 9, 17), D(2024, 9, 30), WITHIN_DAYS), (D(2024, 9, 17), D(2024, 9, 30), MONTH_OR_LONGER)],
    ),
    (
        "the end before the start of a range",
        (D(2024, 9, 1), D(2024, 9, 3)),
        (D(2024, 9, 5), D(2024, 9, 3)),
        [(D(2024, 9, 3), D(2024, 9, 5), WITHIN_DAYS), (D(2024, 9, 5), D(2024, 9, 5), EXACT_DAY)],
    ),
]


@pytest.mark.parametrize(("why", "before", "after", "answers"), ASKED, ids=[c[0] for c in ASKED])
def test_an_ambiguous_edit_asks_with_every_reading_as_an_answer(why, before, after, answers):
    found = redate(before, after)
    assert isinstance(found, DateQuestion), why
    assert [(a.start, a.end, a.dating) for a in found.answers] == answers
    assert all(a.phrase.endswith(", set in review") for a in found.answers)
    assert found.question.endswith("?")


def test_no_start_leaves_no_date():
    assert redate((D(2024, 9, 17), D(2024, 9, 17)), (None, None)) is None


def test_a_question_names_the_days_it_is_about():
    question = redate((D(2024, 9, 17), D(2024, 9, 17)), (D(2024, 9, 15), D(2024, 9, 17)))
    assert "15 Sep 2024" in question.question
    assert "17 Sep 2024" in question.question
    assert "14 days" in dating_of(D(2024, 9, 17), D(2024, 9, 30)).question


@pytest.mark.parametrize(
    ("word", "code"),
    [(EXACT_DAY, 1), (WITHIN_DAYS, 2), (MONTH_OR_LONGER, 3), ("day", 1), ("week", 2), ("year", 3), ("", 2)],
)
def test_each_dating_word_has_its_acled_time_precision(word, code):
    assert time_precision(word) == code


def test_span_text_of_one_day():
    assert span_text(D(2024, 9, 7), D(2024, 9, 7)) == "7 Sep 2024"
