"""Command line for analysts and scripts.

``python -m geo geocode NAME [--country ISO2]`` prints one JSON object; an unknown name exits with
status 1 and a message on stderr. ``python -m geo extract FILE --published YYYY-MM-DD [--country
ISO2]`` prints the places, actors, dates and draft events found in an article.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from data.config import load_settings
from data.io.geojson import geometry_mapping
from geo.articles.extraction import extract, to_json
from geo.gazetteer.gazetteer import Place, load_gazetteer
from geo.gazetteer.geocode import PlaceNotFound, geocode
from geo.gazetteer.online_geocoder import lookup_for
from geo.map.territory import area_km2


def place_to_json(place: Place) -> dict:
    """The CLI's JSON form of a place; regions carry their GeoJSON geometry and area."""
    result = {**place.summary(), "source": place.source, "approximate": place.approximate}
    if place.kind in ("region", "country") and place.geometry is not None:
        result["area_km2"] = round(area_km2(place.geometry))
        result["geometry"] = geometry_mapping(place.geometry, precision=4)
    return result


def _geocode_command(args: argparse.Namespace) -> int:
    settings = load_settings(dict(os.environ))
    gazetteer = load_gazetteer(settings.data_dir, settings.theatre)
    try:
        place = geocode(args.name, gazetteer, country=args.country, theatre=settings.theatre)
    except PlaceNotFound as error:
        print(f"geocode: {error}", file=sys.stderr)
        return 1
    print(json.dumps(place_to_json(place), ensure_ascii=False))
    return 0


def _extract_command(args: argparse.Namespace) -> int:
    settings = load_settings(dict(os.environ))
    theatre = (args.country or settings.theatre).upper()
    gazetteer = load_gazetteer(settings.data_dir, settings.theatre)
    try:
        text = Path(args.file).read_text(encoding="utf-8")
        published = date.fromisoformat(args.published)
    except (OSError, ValueError) as error:
        print(f"extract: {error}", file=sys.stderr)
        return 1
    extraction = extract(
        text,
        published,
        gazetteer,
        theatre,
        lookup_for(settings.online_geocoder, settings.cache_dir / "nominatim.json"),
    )
    print(json.dumps(to_json(extraction, gazetteer.country(theatre)), ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m geo`` argument parser."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    geocode_parser = commands.add_parser("geocode", help="resolve a place name offline")
    geocode_parser.add_argument("name", help="place name, e.g. Kidal")
    geocode_parser.add_argument("--country", help="restrict to an ISO 3166-1 alpha-2 country code")
    geocode_parser.set_defaults(run=_geocode_command)
    extract_parser = commands.add_parser("extract", help="find places, actors, dates and draft events in an article")
    extract_parser.add_argument("file", help="plain-text article (UTF-8)")
    extract_parser.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
    extract_parser.add_argument("--country", help="ISO2 code of the article's focus country (default: the theatre)")
    extract_parser.set_defaults(run=_extract_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
