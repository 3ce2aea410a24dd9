"""Geocoding against the offline gazetteer, traps included."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geo.gazetteer.gazetteer import Gazetteer, Place
from geo.gazetteer.geocode import PlaceNotFound, geocode, rank_candidates
from geo.map.territory import area_km2
from geo.projection import km_between
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("query", "country", "name", "kind", "iso2", "lat", "lon"),
    [
        ("Kidal", "ML", "Kidal", "point", "ML", 18.44, 1.41),
        ("Kidal", None, "Kidal", "point", "ML", 18.44, 1.41),  # the town, not the region
        ("kidal", None, "Kidal", "point", "ML", 18.44, 1.41),
        ("Bamako", None, "Bamako", "point", "ML", 12.639, -8.003),
        ("Gao", None, "Gao", "point", "ML", 16.27, -0.05),  # also a town in Burkina Faso
        ("Gao", "BF", "Gao", "point", "BF", 11.65, -2.18),
        ("Tombouctou", None, "Timbuktu", "point", "ML", 16.77, -3.01),  # French name
        ("Menaka", None, "Ménaka", "point", "ML", 15.92, 2.40),  # accent folded
        ("Aguel-Hoc", None, "Aguelhok", "point", "ML", 19.46, 0.86),
        ("Léré", None, "Léré", "point", "ML", 15.72, -4.90),  # a Léré in Chad too
        ("Tinzaouatène", None, "Tinzaouaten", "point", "ML", 19.95, 2.97),  # supplement only
        ("Kati", None, "Kati", "point", "ML", 12.75, -8.07),  # also in Côte d'Ivoire
        ("Paris", None, "Paris", "point", "FR", 48.85, 2.35),
        ("Mali", None, "Mali", "country", "ML", 18.69, -2.04),  # not Mali, Guinea (a town)
        ("Russia", None, "Russia", "country", "RU", 58.25, 44.69),
    ],
)
def test_geocode_resolves(gazetteer, query, country, name, kind, iso2, lat, lon):
    place = geocode(query, gazetteer, country=country)
    assert (place.name, place.kind, place.country) == (name, kind, iso2)
    assert km_between(place.lon, place.lat, lon, lat) < 5


def test_azawad_is_the_claimed_region_with_its_polygon(gazetteer):
    place = geocode("Azawad", gazetteer)
    assert place.kind == "region"
    assert place.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert area_km2(place.geometry) == pytest.approx(824_000, rel=0.01)


@pytest.mark.parametrize(
    ("query", "country", "message"),
    [
        ("Atlantis", None, "no place named 'Atlantis' in the offline gazetteer"),
        ("FLA", None, "no place named 'FLA' in the offline gazetteer"),  # airport code dropped
        ("THE", None, "no place named 'THE' in the offline gazetteer"),
        ("BKO", None, "no place named 'BKO' in the offline gazetteer"),
        ("Kidal", "FR", "no place named 'Kidal' in country FR in the offline gazetteer"),
    ],
)
def test_geocode_rejects(gazetteer, query, country, message):
    with pytest.raises(PlaceNotFound) as error:
        geocode(query, gazetteer, country=country)
    assert str(error.value) == message


def test_rank_prefers_theatre_then_capital_then_population():
    places = [
        Place("Gao", "point", -2.2, 11.6, "BF", population=90_000),
        Place("Gao", "region", 0.0, 16.0, "ML"),
        Place("Gao", "point", 0.0, 16.3, "ML", population=10),
    ]
    ranked = rank_candidates(places, "Gao", "ML")
    assert [(p.kind, p.country) for p in ranked] == [("point", "ML"), ("region", "ML"), ("point", "BF")]
    assert rank_candidates(places, "Gao", "BF")[0].country == "BF"


def test_gazetteer_matches_alternate_names():
    gazetteer = Gazetteer([Place("Timbuktu", "point", -3.0, 16.8, "ML", alternatenames=("Tombouctou",))])
    assert [p.name for p in gazetteer.candidates("TOMBOUCTOU")] == ["Timbuktu"]
    assert "tombouctou" in gazetteer.keys


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_cli_geocode_prints_one_json_object():
    result = run_cli("geocode", "Kidal", "--country", "ML")
    assert result.returncode == 0, result.stderr
    place = json.loads(result.stdout)
    assert {"name", "lat", "lon", "kind", "admin1", "country", "source"} <= set(place)
    assert (place["kind"], place["country"], place["admin1"]) == ("point", "ML", "Kidal")
    assert km_between(place["lon"], place["lat"], 1.41, 18.44) < 5
    assert "GeoNames" in place["source"]


def test_cli_geocode_region_carries_geometry():
    place = json.loads(run_cli("geocode", "Azawad").stdout)
    assert place["kind"] == "region"
    assert place["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert place["area_km2"] == pytest.approx(824_000, rel=0.01)


def test_cli_unknown_name_exits_non_zero_with_message():
    result = run_cli("geocode", "Atlantis")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no place named 'Atlantis'" in result.stderr
