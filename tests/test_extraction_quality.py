"""Regression gate on the hand-annotated articles (tests/fixtures/articles, written for this project).

The numbers are measured by ``benchmarks.extraction_quality``; this test keeps them from sliding.
Overall recall is gated lower than precision on purpose: 7 of the 34 annotated event places
(Barsalogho, two Tillabéri villages, Tadaryat, Mondoro, Tamalat, Inchinanane) are in no offline
package (GeoNames cities500 is the most any registry package ships), and the extractor reports them
unresolved rather than guess; the held-out articles were written with such places in them. Recall
over the places the gazetteer does list is gated at 0.9: that part is the extractor's own.
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
    assert summary["event_place_recall"] >= 0.75, summary
    assert summary["event_place_recall_known"] >= 0.9, summary
    assert summary["date_accuracy"] >= 0.9, summary
