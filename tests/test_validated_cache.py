"""The validated-events cache: same result as validating, rebuilt when anything it depends on changes."""

from __future__ import annotations

import os
from datetime import date

import pandas as pd
import pytest

from data.synthetic import synthetic_events
from data.validation import validated_cache
from geo.pipeline import shipped_events


@pytest.fixture
def events_file(tmp_path, monkeypatch):
    monkeypatch.setattr(validated_cache, "MIN_BYTES", 0)
    frame = synthetic_events(300)
    frame.loc[5, "latitude"] = "95"
    path = tmp_path / "events.csv"
    frame.to_csv(path, index=False)
    return path


def test_cached_result_equals_a_fresh_validation(events_file, tmp_path):
    fresh = shipped_events(events_file, date(2026, 4, 29))
    first = shipped_events(events_file, date(2026, 4, 29), tmp_path / "cache")
    again = shipped_events(events_file, date(2026, 4, 29), tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.parquet"))) == 1
    for result in (first, again):
        pd.testing.assert_frame_equal(result.kept, fresh.kept)
        assert result.rejected == fresh.rejected
    assert [str(r) for r in again.rejected] == ["events.csv, row 7, field latitude: 95 is outside -90..90"]


def test_cache_is_rebuilt_when_the_file_or_the_date_changes(events_file, tmp_path):
    cache = tmp_path / "cache"
    shipped_events(events_file, date(2026, 4, 29), cache)
    shipped_events(events_file, date(2026, 5, 6), cache)
    assert len(list(cache.glob("*.parquet"))) == 2
    stat = events_file.stat()
    os.utime(events_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    shipped_events(events_file, date(2026, 4, 29), cache)
    assert len(list(cache.glob("*.parquet"))) == 3


def test_small_files_are_not_cached(tmp_path):
    path = tmp_path / "events.csv"
    synthetic_events(10).to_csv(path, index=False)
    shipped_events(path, date(2026, 4, 29), tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
