"""Article in, draft events out: places, actors, dates and event candidates, as JSON-ready data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geo.articles.actors import ActorMention, find_actors
from geo.articles.dates import DateMention, find_dates
from geo.articles.events import EventCandidate, extract_events
from geo.articles.places import PlaceMention, find_places
from geo.articles.tolls import TollMention, find_tolls
from geo.gazetteer.gazetteer import Gazetteer, Place


@dataclass
class Extraction:
    """Everything found in one article."""

    published: date
    theatre: str
    places: list[PlaceMention]
    actors: list[ActorMention]
    dates: list[DateMention]
    events: list[EventCandidate]
    tolls: list[TollMention]


def extract(text: str, published: date, gazetteer: Gazetteer, theatre: str = "ML", lookup=None) -> Extraction:
    """Find places, actors, dates and event candidates in an article.

    Parameters
    ----------
    text : str
        Plain text of the article.
    published : datetime.date
        Publication date; relative dates are resolved against it.
    gazetteer : Gazetteer
        The offline gazetteer.
    theatre : str
        ISO2 code of the article's focus country (preferred for ambiguous names).
    lookup : callable, optional
        Fallback for names the gazetteer lacks (see ``geo.articles.places.find_places``).
    """
    places = find_places(text, gazetteer, theatre, lookup)
    actors = find_actors(text, published=published)
    dates = find_dates(text, published)
    tolls = find_tolls(text, [(d.start, d.end) for d in dates])
    events = extract_events(text, places, actors, dates, tolls)
    return Extraction(published, theatre, places, actors, dates, events, tolls)


def place_mention_json(mention: PlaceMention) -> dict:
    """A place mention as in ``python -m geo extract``'s output (``name`` null when unresolved)."""
    result = {
        "mention": mention.mention,
        "start": mention.start,
        "end": mention.end,
        "role": mention.role,
        "reason": mention.reason,
        "confidence": mention.confidence,
    }
    if mention.place is None:
        unknown = {"name": None, "lat": None, "lon": None, "kind": None, "admin1": "", "country": ""}
        return {**result, **unknown, "unresolved": True}
    result.update(mention.place.summary())
    if len({(c.name, c.country) for c in mention.candidates}) > 1:
        result["candidates"] = [c.summary() for c in mention.candidates]
    return result


def date_json(mention: DateMention) -> dict:
    """A date mention: phrase, span, first and last day, precision."""
    resolved = mention.resolved
    return {
        "phrase": mention.phrase,
        "start": mention.start,
        "end": mention.end,
        "date": resolved.start.isoformat(),
        "date_end": resolved.end.isoformat(),
        "precision": resolved.precision,
        "kind": mention.kind,
    }


def event_json(candidate: EventCandidate, theatre_place: Place | None) -> dict:
    """An event candidate with the best honest place (the theatre country when none is stated)."""
    place = candidate.place.place if candidate.place else theatre_place
    when = candidate.date.resolved if candidate.date else None
    return {
        "date": when.start.isoformat() if when else None,
        "date_end": when.end.isoformat() if when else None,
        "precision": when.precision if when else None,
        "date_phrase": candidate.date.phrase if candidate.date else None,
        "place": place.name if place else None,
        "lat": round(place.lat, 5) if place else None,
        "lon": round(place.lon, 5) if place else None,
        "admin1": place.admin1 if place else "",
        "geo_precision": 1 if candidate.place and candidate.place.place.kind == "point" else 3,
        "actors": candidate.actors,
        "event_type": candidate.event_type,
        "sub_event_type": candidate.sub_event_type,
        "fatalities": candidate.fatalities,
        "sentence": candidate.sentence,
        "confidence": candidate.confidence,
        "notes": candidate.notes,
    }


def to_json(extraction: Extraction, theatre_place: Place | None) -> dict:
    """The ``python -m geo extract`` document."""
    return {
        "published": extraction.published.isoformat(),
        "places": [place_mention_json(m) for m in extraction.places],
        "actors": [
            {"mention": m.mention, "start": m.start, "end": m.end, "actor": m.actor, "acled_type": m.acled_type}
            for m in extraction.actors
        ],
        "dates": [date_json(m) for m in extraction.dates],
        "tolls": [
            {"phrase": t.phrase, "start": t.start, "end": t.end, "low": t.low, "high": t.high}
            | {"hedge": t.hedge, "category": t.category}
            for t in extraction.tolls
        ],
        "events": [event_json(c, theatre_place) for c in extraction.events],
    }
