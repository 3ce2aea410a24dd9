"""Regression gate on the hand-annotated articles (tests/fixtures/articles, written for this project).

The numbers are measured by ``benchmarks.extraction_quality``; this test keeps them from sliding.
Each floor is the measured value minus 0.03 (see docs/extraction.md for the measurements). Two sets:
01–17, written by this project (7 of their 45 event places are in no offline package, so overall
recall stays below recall over the places the gazetteer lists), and 18–29, written and annotated by
someone who never saw the extractor, with tolls.
"""

from __future__ import annotations

import pytest

from benchmarks.extraction_quality import ARTICLES, Score, score_article

MARGIN = 0.03
# Measured values (benchmarks.extraction_quality --to 17 / --from 18).
MEASURED = {
    "old": {
        "event_place_precision": 0.972,
        "event_place_recall": 0.875,
        "event_place_recall_known": 1.0,
        "role_accuracy": 0.918,
        "date_accuracy": 1.0,
    },
    "new": {
        "event_place_precision": 0.957,
        "event_place_recall": 1.0,
        "role_accuracy": 0.877,
        "date_accuracy": 1.0,
        "toll_accuracy": 0.933,
    },
}


def _paths(which: str):
    paths = sorted(ARTICLES.glob("*.json"))
    return [p for p in paths if (int(p.stem[:2]) <= 17) == (which == "old")]


def test_annotated_sets_are_large_enough():
    assert len(_paths("old")) >= 8
    assert len(_paths("new")) >= 12


@pytest.mark.parametrize("which", ["old", "new"])
def test_quality_on_the_annotated_set(gazetteer, which):
    total = Score()
    for path in _paths(which):
        total = total + score_article(path, gazetteer)
    summary = total.summary()
    for key, measured in MEASURED[which].items():
        assert summary[key] >= measured - MARGIN, (key, summary)
