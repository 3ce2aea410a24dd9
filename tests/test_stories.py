"""Story files: validated row by row with file, row and field; the shipped story fits the data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data.stores.shipped import read_table
from data.view.stories import STORIES_DIR, STORY_COLUMNS, load_stories, story_from_events, validate_story
from tests.conftest import ROOT

GOOD = {
    "step": "1",
    "title": "Kidal",
    "text": "The army enters Kidal.",
    "event_ids": "CM-MLI-0016",
    "longitude": "1.4",
    "latitude": "18.4",
    "zoom": "7",
    "window_start": "2023-10-01",
    "window_end": "2023-11-30",
    "as_of": "2023-11-14",
}


def story_of(*rows: dict, events) -> object:
    return validate_story(pd.DataFrame([{**GOOD, **row} for row in rows], dtype=str), events, "test_story.csv")


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"title": ""}, "title", "required, but empty"),
        ({"step": "first"}, "step", "not a number: 'first'"),
        ({"step": "0"}, "step", "0 is outside 1..inf"),
        ({"zoom": "15"}, "zoom", "15 is outside 3..12"),
        ({"latitude": "95"}, "latitude", "95 is outside -90..90"),
        ({"longitude": "east"}, "longitude", "not a number: 'east'"),
        ({"as_of": "14/11/2023"}, "as_of", "not a date (expected YYYY-MM-DD): '14/11/2023'"),
        ({"event_ids": "CM-MLI-0016+CM-MLI-9999"}, "event_ids", "unknown event id(s): CM-MLI-9999"),
        ({"event_ids": " + "}, "event_ids", "names no event"),
        ({"window_start": "2023-12-01"}, "window_end", "2023-11-30 is before window_start 2023-12-01"),
    ],
)
def test_bad_rows_are_named_and_good_rows_kept(dataset, change, field, reason):
    story = story_of({"step": "2"}, change, events=dataset.events)
    assert len(story.steps) == 1
    assert story.steps[0].title == "Kidal"
    assert [str(r) for r in story.rejected] == [f"test_story.csv, row 3, field {field}: {reason}"]


def test_repeated_step_keeps_the_first_row(dataset):
    story = story_of({"title": "One"}, {"title": "Two"}, events=dataset.events)
    assert [s.title for s in story.steps] == ["One"]
    assert [str(r) for r in story.rejected] == [
        "test_story.csv, row 3, field step: step 1 is repeated; the first row with it was kept"
    ]


def test_missing_column_is_named(dataset):
    raw = pd.DataFrame([GOOD]).drop(columns=["zoom"])
    story = validate_story(raw, dataset.events, "test_story.csv")
    assert story.steps == ()
    assert str(story.rejected[0]) == "test_story.csv, row 1, field zoom: missing required column(s): zoom"


def test_steps_are_ordered_by_number_and_empty_dates_come_from_the_events(dataset):
    rows = [
        {"step": "2", "title": "Later", "window_start": "", "window_end": "", "as_of": ""},
        {"step": "1", "title": "Earlier"},
    ]
    story = story_of(*rows, events=dataset.events)
    assert [s.title for s in story.steps] == ["Earlier", "Later"]
    later = story.steps[1]
    assert later.window == (date(2023, 11, 14), date(2023, 11, 14))
    assert later.as_of == date(2023, 11, 14)
    assert later.center == (1.4, 18.4)
    assert later.zoom == 7


def test_shipped_story_loads_whole_and_walks_forward_in_time(dataset):
    (story,) = load_stories(dataset.events)
    assert story.name == "Mali"
    assert story.rejected == ()
    assert [s.as_of for s in story.steps] == sorted(s.as_of for s in story.steps)
    # 2012 rebellion → France 2013 → Kidal retaken 14 Nov 2023 → FLA founded 30 Nov 2024 → April 2026.
    assert story.steps[0].window[0].year == 2012
    assert story.steps[1].as_of.year == 2013
    assert story.steps[2].as_of == date(2023, 11, 14)
    assert "CM-MLI-0016" in story.steps[2].event_ids
    assert story.steps[3].as_of == date(2024, 11, 30)
    assert "CM-MLI-0019" in story.steps[3].event_ids
    assert story.steps[4].as_of == date(2026, 4, 29)
    assert "CM-MLI-0022" in story.steps[4].event_ids
    assert len({s.center for s in story.steps}) == len(story.steps)  # every step moves the map


def test_shipped_story_is_in_our_own_words():
    article = ROOT.parent / "shared" / "seed" / "article.txt"  # beside the checkout, as in CI
    words = article.read_text(encoding="utf-8").split()
    shingles = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    for text in read_table(STORIES_DIR / "mali.csv")["text"]:
        tokens = text.split()
        assert not any(" ".join(tokens[i : i + 8]) in shingles for i in range(len(tokens) - 7)), text


def test_story_from_selected_events_has_one_step_per_event_in_date_order(dataset):
    story = story_from_events(dataset.events, ["CM-MLI-0016", "CM-MLI-0004"])
    assert [s.event_ids for s in story.steps] == [("CM-MLI-0004",), ("CM-MLI-0016",)]
    assert story.steps[1].as_of == date(2023, 11, 14)


def test_briefing_docs_document_every_story_column():
    page = (ROOT / "docs" / "briefing.md").read_text(encoding="utf-8")
    for column in STORY_COLUMNS:
        assert f"| `{column.name}` | {column.kind} |" in page
