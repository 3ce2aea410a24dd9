"""The online fallback, with a fake geocoder: throttled, cached on disk, never needed offline."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from geo.articles.places import find_places
from geo.gazetteer.online_geocoder import MIN_DELAY_SECONDS, CachedLookup, lookup_for, result_to_place

RAW = {
    "lat": "14.5",
    "lon": "-1.7",
    "display_name": "Dinangourou, Koro, Mali",
    "address": {"state": "Mopti", "country_code": "ml"},
}


class FakeGeocoder:
    def __init__(self, answers: dict[str, dict | None]) -> None:
        self.answers, self.calls = answers, []

    def __call__(self, name, **options):
        self.calls.append((name, options["country_codes"]))
        raw = self.answers.get(name)
        return None if raw is None else SimpleNamespace(raw=raw)


class FakeClock:
    def __init__(self) -> None:
        self.now, self.slept = 100.0, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_result_to_place_keeps_lon_lat_and_country():
    place = result_to_place("Dinangourou", RAW)
    assert (place.lon, place.lat, place.country, place.admin1) == (-1.7, 14.5, "ML", "Mopti")
    assert place.approximate
    assert place.source.startswith("OpenStreetMap Nominatim")


@pytest.mark.parametrize("raw", [None, {}])
def test_result_to_place_none(raw):
    assert result_to_place("X", raw) is None


def test_lookup_is_cached_on_disk_and_throttled(tmp_path):
    fake, clock = FakeGeocoder({"Dinangourou": RAW}), FakeClock()
    lookup = CachedLookup(tmp_path / "cache.json", fake, clock=clock, sleep=clock.sleep)
    assert lookup("Dinangourou", "ML").name == "Dinangourou"
    assert lookup("Nowhere", "ML") is None
    assert lookup("Dinangourou", "ML").lat == 14.5
    assert fake.calls == [("Dinangourou", "ml"), ("Nowhere", "ml")]  # the repeat came from the cache
    assert clock.slept == [MIN_DELAY_SECONDS]  # the second request waited its turn
    again = CachedLookup(tmp_path / "cache.json", FakeGeocoder({}), clock=clock, sleep=clock.sleep)
    assert again("Dinangourou", "ML").lat == 14.5  # the cache survives a restart


def test_extraction_uses_the_lookup_only_for_missing_names(gazetteer, tmp_path):
    fake = FakeGeocoder({"Dinangourou": RAW})
    lookup = CachedLookup(tmp_path / "c.json", fake, sleep=lambda _s: None)
    found = find_places("Clashes near Dinangourou and in Kidal.", gazetteer, "ML", lookup)
    assert [(m.mention, m.role, m.place.country) for m in found] == [
        ("Dinangourou", "event", "ML"),
        ("Kidal", "event", "ML"),
    ]
    assert fake.calls == [("Dinangourou", "ml")]


def test_lookup_is_off_by_default(tmp_path):
    assert lookup_for("off", tmp_path / "events.sqlite") is None
