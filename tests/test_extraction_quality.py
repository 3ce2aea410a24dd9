"""Regression gate on the hand-annotated articles (tests/fixtures/articles, written for this project).

The numbers are measured by ``benchmarks.extraction_quality``; this test keeps them from sliding.
Recall is gated lower than precision on purpose: three event places in the set (Barsalogho and two
Tillabéri villages) are in no offline package, and the extractor reports them unresolved rather
than guess.
"""

from __future__ import annotations

from benchmarks.extraction_quality import ARTICLES, Score, score_article


def test_annotated_set_is_large_enough():
    assert len(list(ARTICLES.glob("*.json"))) >= 8


def test_quality_on_the_annotated_set(gazetteer):
    total = Score()
    for path in sorted(ARTICLES.glob("*.json")):
        total = total + score_article(path, gazetteer)
    summary = total.summary()
    assert summary["event_place_precision"] >= 0.9, summary
    assert summary["event_place_recall"] >= 0.85, summary
    assert summary["date_accuracy"] >= 0.9, summary
