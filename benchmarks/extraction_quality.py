"""Extraction quality on the hand-annotated articles in ``tests/fixtures/articles/``.

Run: ``.venv/bin/python -m benchmarks.extraction_quality``. For every article it compares what
``geo.articles.extraction.extract`` finds with the annotation and prints, per article and in total:

- event places: precision and recall, a found place matching an annotated one within 30 km; and
  recall over the annotated places the offline gazetteer knows (a same-name entry within 30 km),
  which separates what the extractor misses from what no shipped package lists;
- toponym roles: share of annotated mentions found at the same span with the same role;
- dates: share of annotated phrases resolved to the annotated first and last day;
- tolls: share of annotated tolls (the optional ``tolls`` key; articles 01–17 have none) found at an
  overlapping span with the annotated low and high (``null`` = open) and category; tolls the
  annotation leaves without any number ("some loss of life") are not scored. ``false_tolls`` counts
  numbers read as tolls inside an annotated ``not_tolls`` span (years, distances, convoy sizes...).

The annotators' role ``other`` (a convoy's origin, a hospital town, an accord's venue) is the
extractor's ``context``. An extractor without ``tolls`` (the first run) is scored on its events'
``fatalities``: a sentence's toll stands for every annotated toll inside that sentence.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.record import record
from geo.articles.extraction import extract
from geo.gazetteer.gazetteer import load_gazetteer
from geo.projection import km_between

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "articles"
MATCH_KM = 30.0
ROLE_NAMES = {"other": "context"}
# Killed and "neutralised" (an army's word for attackers killed) are one category.
CATEGORY = {"neutralised": "killed"}


def found_tolls(found, text: str) -> list[tuple[int, int, int | None, int | None, str]]:
    """``(start, end, low, high, category)`` of every toll the extractor read."""
    if hasattr(found, "tolls"):
        return [(t.start, t.end, t.low, t.high, CATEGORY.get(t.category, t.category)) for t in found.tolls]
    return [(e.start, e.end, e.fatalities, e.fatalities, "killed") for e in found.events if e.fatalities is not None]


def score_tolls(gold: dict, found, text: str) -> tuple[int, int, int]:
    """``(annotated, right, false)`` tolls of one article."""
    read = found_tolls(found, text)
    scored = [t for t in gold.get("tolls", []) if t["min"] is not None or t["max"] is not None]
    right = 0
    for toll in scored:
        wanted = (toll["min"], toll["max"], CATEGORY.get(toll["category"], toll["category"]))
        right += any(s < toll["end"] and toll["start"] < e and (lo, hi, c) == wanted for s, e, lo, hi, c in read)
    false = sum(any(n["start"] <= s and e <= n["end"] for n in gold.get("not_tolls", [])) for s, e, *_ in read)
    return len(scored), right, false


@dataclass
class Score:
    """Counts behind the ratios, summable across articles."""

    found: int = 0
    found_right: int = 0
    gold: int = 0
    gold_found: int = 0
    roles: int = 0
    roles_right: int = 0
    dates: int = 0
    dates_right: int = 0
    tolls: int = 0
    tolls_right: int = 0
    false_tolls: int = 0
    gold_known: int = 0
    gold_known_found: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(vars(self).values(), vars(other).values(), strict=True)))

    @staticmethod
    def ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    def summary(self) -> dict[str, float]:
        return {
            "event_place_precision": round(self.ratio(self.found_right, self.found), 3),
            "event_place_recall": round(self.ratio(self.gold_found, self.gold), 3),
            "event_place_recall_known": round(self.ratio(self.gold_known_found, self.gold_known), 3),
            "role_accuracy": round(self.ratio(self.roles_right, self.roles), 3),
            "date_accuracy": round(self.ratio(self.dates_right, self.dates), 3),
            "toll_accuracy": round(self.ratio(self.tolls_right, self.tolls), 3),
            "tolls_annotated": self.tolls,
            "false_tolls": self.false_tolls,
        }


def _matches(points: list[tuple[float, float]], others: list[tuple[float, float]]) -> int:
    return sum(any(km_between(p[1], p[0], o[1], o[0]) <= MATCH_KM for o in others) for p in points)


def score_article(path: Path, gazetteer) -> Score:
    """Score one annotated article (``NN-name.json`` beside ``NN-name.txt``)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    found = extract(text, date.fromisoformat(gold["published"]), gazetteer, gold.get("country", "ML"))
    predicted = {(m.place.lat, m.place.lon) for m in found.places if m.role == "event" and m.place}
    expected = [(p["lat"], p["lon"]) for p in gold["event_places"]]
    known = [(p["lat"], p["lon"]) for p in gold["event_places"] if _in_gazetteer(p, gazetteer)]
    by_span = {(m.start, m.end): m.role for m in found.places}
    role_hits = sum(by_span.get((p["start"], p["end"])) == ROLE_NAMES.get(p["role"], p["role"]) for p in gold["places"])
    resolved = {m.phrase.lower(): m.resolved for m in found.dates}
    date_hits = 0
    for item in gold["dates"]:
        got = resolved.get(" ".join(item["phrase"].split()).lower())
        date_hits += got is not None and (got.start.isoformat(), got.end.isoformat()) == (
            item["date"],
            item["date_end"],
        )
    tolls, tolls_right, false_tolls = score_tolls(gold, found, text)
    return Score(
        found=len(predicted),
        found_right=_matches(list(predicted), expected),
        gold=len(expected),
        gold_found=_matches(expected, list(predicted)),
        roles=len(gold["places"]),
        roles_right=role_hits,
        dates=len(gold["dates"]),
        dates_right=date_hits,
        tolls=tolls,
        tolls_right=tolls_right,
        false_tolls=false_tolls,
        gold_known=len(known),
        gold_known_found=_matches(known, list(predicted)),
    )


def _in_gazetteer(place: dict, gazetteer) -> bool:
    """Whether the gazetteer lists this annotated place (same name, within the matching distance)."""
    return any(
        km_between(c.lon, c.lat, place["lon"], place["lat"]) <= MATCH_KM for c in gazetteer.candidates(place["name"])
    )


def main(argv: list[str] | None = None) -> int:
    """Print per-article scores and the totals; ``--from NN --to NN`` picks a range of articles."""
    args = argv if argv is not None else sys.argv[1:]
    low = int(args[args.index("--from") + 1]) if "--from" in args else 0
    high = int(args[args.index("--to") + 1]) if "--to" in args else 99
    paths = [p for p in sorted(ARTICLES.glob("*.json")) if low <= int(p.stem[:2]) <= high]
    gazetteer = load_gazetteer()
    total = Score()
    print(f"{'article':<36}{'P':>7}{'R':>7}{'roles':>7}{'dates':>7}{'tolls':>7}")
    for path in paths:
        score = score_article(path, gazetteer)
        total = total + score
        s = score.summary()
        print(
            f"{path.stem:<36}{s['event_place_precision']:>7}{s['event_place_recall']:>7}"
            f"{s['role_accuracy']:>7}{s['date_accuracy']:>7}"
            f"{str(s['toll_accuracy']) if score.tolls else '-':>7}"
        )
    counts = {"event_places_annotated": total.gold, "found": total.gold_found, "in_gazetteer": total.gold_known}
    print(json.dumps({"articles": len(paths), **total.summary(), **counts}))
    record("extraction_quality", {"from": low, "to": high}, {"articles": len(paths), **total.summary(), **counts})
    return 0


if __name__ == "__main__":
    sys.exit(main())
