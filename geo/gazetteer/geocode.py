"""Geocoding: a name to the best gazetteer place, with the ranking that resolves ambiguity.

The offline lookup is pure. ``rank_candidates`` is the disambiguation policy: a country's own name
means the country; otherwise places in the theatre come first, then places in its neighbours (the
Sahel and its edges: Mango in Togo, not Mango in India), then the rest of the world; towns before
regions, our sourced supplement before package entries of the same name, then capitals and larger
towns.
"""

from __future__ import annotations

from geo.gazetteer.gazetteer import Gazetteer, Place
from geo.gazetteer.text import fold

# The Sahel and its edges: when the theatre is one of them, a town in any of them can be an event
# place (a Niger article names Ménaka; a Mali article names Djibo) and wins a same-name tie against
# the rest of the world. Elsewhere only the theatre counts.
SAHEL = frozenset({"ML", "BF", "NE", "DZ", "MR", "SN", "GN", "CI", "TD", "NG", "BJ", "TG", "GH", "CM"})


def neighbours_of(theatre: str) -> frozenset[str]:
    """Countries whose towns can be event places in an article about ``theatre`` (itself included)."""
    return SAHEL if theatre in SAHEL else frozenset({theatre})


class PlaceNotFound(LookupError):
    """No gazetteer entry matches; the message says what was asked."""


def _rank(place: Place, query: str, theatre: str) -> tuple:
    primary = fold(place.name) == query
    if place.kind == "country" and primary:
        tier = 0
    elif place.kind == "country":
        tier = 7
    else:
        nearby = 1 if place.country == theatre else 3 if place.country in neighbours_of(theatre) else 5
        tier = nearby + (place.kind == "region")
    # Our supplement was checked against sources; it wins over a same-name package entry.
    return (tier, not primary, not place.curated, not place.capital, -place.population, place.name)


def rank_candidates(candidates: list[Place], query: str, theatre: str = "ML") -> list[Place]:
    """Candidates best first (see the module docstring for the policy)."""
    key = fold(query)
    return sorted(candidates, key=lambda place: _rank(place, key, theatre))


def geocode(name: str, gazetteer: Gazetteer, country: str | None = None, theatre: str = "ML") -> Place:
    """The best place for ``name``.

    Parameters
    ----------
    name : str
        Place name in any case, with or without accents ("Menaka", "Ménaka").
    gazetteer : Gazetteer
        Where to look.
    country : str, optional
        ISO 3166-1 alpha-2 code; only places in that country are considered.
    theatre : str
        Country preferred when the name is ambiguous.

    Raises
    ------
    PlaceNotFound
        ``no place named 'Atlantis' in the offline gazetteer`` (with ``in country XX`` when
        restricted).
    """
    candidates = gazetteer.candidates(name)
    if country:
        candidates = [place for place in candidates if place.country == country.upper()]
    if not candidates:
        where = f" in country {country.upper()}" if country else ""
        raise PlaceNotFound(f"no place named {name!r}{where} in the offline gazetteer")
    return rank_candidates(candidates, name, theatre)[0]
