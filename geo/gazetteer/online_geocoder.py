"""Online fallback for places the offline gazetteer lacks: OpenStreetMap Nominatim through geopy.

Off by default (``CONFLICT_MAP_ONLINE_GEOCODER=nominatim`` turns it on). The network loop is
kept apart from the pure ``result_to_place`` step, so tests run it with a fake geocoder and no
network. Answers, including "not found", are cached on disk so a name is asked once.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from geo.gazetteer.gazetteer import Place

SOURCE = "OpenStreetMap Nominatim (ODbL)"
# https://operations.osmfoundation.org/policies/nominatim/ : at most one request per second,
# an identifying user agent, and cached results.
MIN_DELAY_SECONDS = 1.0
USER_AGENT = "conflict-map (offline-first conflict dashboard)"


def result_to_place(name: str, raw: dict | None) -> Place | None:
    """A Nominatim answer (``location.raw``, ``addressdetails=1``) as a point place, or ``None``."""
    if not raw:
        return None
    address = raw.get("address", {})
    admin1 = address.get("state") or address.get("region") or ""
    return Place(
        name=name,
        kind="point",
        lon=float(raw["lon"]),  # Nominatim gives lat and lon separately; we keep (lon, lat) order
        lat=float(raw["lat"]),
        country=str(address.get("country_code", "")).upper(),
        admin1=admin1,
        approximate=True,  # not reviewed by us: the reviewer should check it
        source=f"{SOURCE}: {raw.get('display_name', name)}",
    )


class CachedLookup:
    """Name → place through ``geocode`` (a geopy-style callable), throttled and cached in a JSON file."""

    def __init__(self, cache_path: Path, geocode: Callable, clock=time.monotonic, sleep=time.sleep) -> None:
        self.cache_path, self.geocode, self.clock, self.sleep = cache_path, geocode, clock, sleep
        self._last_request = -MIN_DELAY_SECONDS
        self._cache = json.loads(cache_path.read_text(encoding="utf-8")) if cache_path.exists() else {}

    def _ask(self, name: str, country: str) -> dict | None:
        wait = MIN_DELAY_SECONDS - (self.clock() - self._last_request)
        if wait > 0:
            self.sleep(wait)
        self._last_request = self.clock()
        location = self.geocode(name, country_codes=country.lower(), addressdetails=True, exactly_one=True)
        return None if location is None else location.raw

    def __call__(self, name: str, country: str) -> Place | None:
        """The place for ``name`` in ``country`` (ISO2), from the cache or one throttled request."""
        key = f"{country}|{name}"
        if key not in self._cache:
            self._cache[key] = self._ask(name, country)
            self._save()
        return result_to_place(name, self._cache[key])

    def _save(self) -> None:
        # Written aside, then renamed over the old file: a reader (another app process) sees the old
        # cache or the new one, never half of one.
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.cache_path.with_name(f".{self.cache_path.name}.{os.getpid()}.part")
        partial.write_text(json.dumps(self._cache, ensure_ascii=False, indent=1), encoding="utf-8")
        partial.replace(self.cache_path)


def nominatim_lookup(cache_path: Path) -> CachedLookup:
    """The real adapter (needs internet): geopy's Nominatim with our user agent."""
    from geopy.geocoders import Nominatim

    return CachedLookup(cache_path, Nominatim(user_agent=USER_AGENT, timeout=10).geocode)


def lookup_for(setting: str, cache_path: Path) -> CachedLookup | None:
    """The fallback lookup the ``CONFLICT_MAP_ONLINE_GEOCODER`` setting asks for (``None`` when off)."""
    return nominatim_lookup(cache_path) if setting == "nominatim" else None
