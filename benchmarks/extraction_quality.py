"""Extraction quality on the hand-annotated articles in ``tests/fixtures/articles/``.

Run: ``.venv/bin/python -m benchmarks.extraction_quality``. For every article it compares what
``geo.articles.extraction.extract`` finds with the annotation and prints, per article and in total:

- event places: precision and recall, a found place matching an annotated one within 30 km; and
  recall over the annotated places the offline gazetteer knows (a same-name entry within 30 km),
  which separates what the extractor misses from what no shipped package lists;
- toponym roles: share of annotated mentions found at the same span with the same role;
- dates: share of annotated phrases resolved to the annotated first and last day.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.articles.extraction import extract
from geo.gazetteer.gazetteer import load_gazetteer

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "articles"
MATCH_KM = 30.0


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


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
        }


def _matches(points: list[tuple[float, float]], others: list[tuple[float, float]]) -> int:
    return sum(any(km_between(*p, *o) <= MATCH_KM for o in others) for p in points)


def score_article(path: Path, gazetteer) -> Score:
    """Score one annotated article (``NN-name.json`` beside ``NN-name.txt``)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    found = extract(text, date.fromisoformat(gold["published"]), gazetteer, gold.get("country", "ML"))
    predicted = {(m.place.lat, m.place.lon) for m in found.places if m.role == "event" and m.place}
    expected = [(p["lat"], p["lon"]) for p in gold["event_places"]]
    known = [(p["lat"], p["lon"]) for p in gold["event_places"] if _in_gazetteer(p, gazetteer)]
    by_span = {(m.start, m.end): m.role for m in found.places}
    role_hits = sum(by_span.get((p["start"], p["end"])) == p["role"] for p in gold["places"])
    resolved = {m.phrase.lower(): m.resolved for m in found.dates}
    date_hits = 0
    for item in gold["dates"]:
        got = resolved.get(" ".join(item["phrase"].split()).lower())
        date_hits += got is not None and (got.start.isoformat(), got.end.isoformat()) == (
            item["date"],
            item["date_end"],
        )
    return Score(
        found=len(predicted),
        found_right=_matches(list(predicted), expected),
        gold=len(expected),
        gold_found=_matches(expected, list(predicted)),
        roles=len(gold["places"]),
        roles_right=role_hits,
        dates=len(gold["dates"]),
        dates_right=date_hits,
        gold_known=len(known),
        gold_known_found=_matches(known, list(predicted)),
    )


def _in_gazetteer(place: dict, gazetteer) -> bool:
    """Whether the gazetteer lists this annotated place (same name, within the matching distance)."""
    return any(
        km_between(c.lat, c.lon, place["lat"], place["lon"]) <= MATCH_KM for c in gazetteer.candidates(place["name"])
    )


def main() -> int:
    gazetteer = load_gazetteer()
    total = Score()
    print(f"{'article':<36}{'P':>7}{'R':>7}{'roles':>7}{'dates':>7}")
    for path in sorted(ARTICLES.glob("*.json")):
        score = score_article(path, gazetteer)
        total = total + score
        s = score.summary()
        print(
            f"{path.stem:<36}{s['event_place_precision']:>7}{s['event_place_recall']:>7}"
            f"{s['role_accuracy']:>7}{s['date_accuracy']:>7}"
        )
    counts = {"event_places_annotated": total.gold, "found": total.gold_found, "in_gazetteer": total.gold_known}
    print(json.dumps({"articles": len(list(ARTICLES.glob("*.json"))), **total.summary(), **counts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
