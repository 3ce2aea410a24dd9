"""Bounded resources: the upload cap is stated, renders share a few slots, generated files are capped."""

from __future__ import annotations

import os
import threading
import time
import tomllib
from datetime import date

import pytest

from data.view.filters import EventFilter
from data.view.shown import shown
from geo.documents import render
from geo.map import generated
from tests.conftest import ROOT


def test_the_upload_cap_is_stated_in_the_shipped_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == 50


class SlowChromium(render.ChromiumRenderer):
    """A renderer whose browser is a sleep: counts how many run at once."""

    running = peak = 0
    lock = threading.Lock()

    def __init__(self):
        super().__init__(executable=ROOT / "pyproject.toml")  # exists: the "browser is installed" check passes

    def _run(self, job, context_options):
        with self.lock:
            SlowChromium.running += 1
            SlowChromium.peak = max(SlowChromium.peak, SlowChromium.running)
        # The stand-in render's own work: it holds its slot a while so the others must queue behind
        # it (the behaviour under test), not a wait for some state to appear.
        time.sleep(0.2)
        with self.lock:
            SlowChromium.running -= 1
        return b"png"


def test_at_most_max_renders_browsers_at_once(monkeypatch):
    monkeypatch.setattr(render, "RENDER_SLOTS", threading.BoundedSemaphore(2))
    results = []
    threads = [threading.Thread(target=lambda: results.append(SlowChromium().pdf("<p>x</p>"))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [b"png"] * 6  # every render waited its turn and ran
    assert SlowChromium.peak == 2


def test_a_render_that_waits_too_long_gets_a_message(monkeypatch):
    slots = threading.BoundedSemaphore(1)
    slots.acquire()  # someone else's render holds the only slot
    monkeypatch.setattr(render, "RENDER_SLOTS", slots)
    monkeypatch.setattr(render, "QUEUE_WAIT_S", 0.1)
    with pytest.raises(render.RendererBusy, match="try again in a minute"):
        SlowChromium().pdf("<p>x</p>")
    assert isinstance(render.RendererBusy("x"), render.RendererUnavailable)  # shown like a missing browser


def test_generated_files_stay_under_their_cap_least_recently_used_out_first(tmp_path):
    for number in range(5):
        path = generated.write(tmp_path, f"f{number}.bin", b"x" * 1000, cap=10_000)
        os.utime(path, ns=(number * 10**9, number * 10**9))  # written one second apart
    assert generated.touch(tmp_path / "f0.bin")  # f0 used again just now: now the most recent
    generated.write(tmp_path, "big.bin", b"y" * 2500, cap=4_000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.bin", "f0.bin"]
    assert not generated.touch(tmp_path / "f1.bin")  # pruned: the caller writes it again


def test_a_file_larger_than_the_cap_is_still_served_once_written(tmp_path):
    path = generated.write(tmp_path, "huge.bin", b"z" * 5000, cap=1000)
    assert path.read_bytes() == b"z" * 5000


def test_docs_store_lists_every_store_setting():
    from data.config import STORE_SETTINGS

    text = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    assert all(f"| `{setting.name}` |" in text for setting in STORE_SETTINGS)


def test_the_live_maps_file_is_in_the_capped_cache_and_written_again_once_pruned(dataset, tmp_path, monkeypatch):
    from components import cached

    monkeypatch.setattr(cached, "STATIC_DIR", tmp_path)
    monkeypatch.setenv("CONFLICT_MAP_GENERATED_CAP_MB", "1")
    folder = tmp_path / "generated"
    folder.mkdir()
    stale = folder / "timeline-old.json"
    stale.write_bytes(b"x" * 1_500_000)
    os.utime(stale, (1, 1))  # used longest ago
    view = shown(dataset.events, dataset.territories, dataset.towns, EventFilter(date(2012, 1, 1), date(2026, 4, 30)))
    url = cached.timeline_url("test-token", date(2026, 4, 30), dataset, view)
    path = folder / url.rsplit("/", 1)[1]
    assert path.is_file()
    assert not stale.exists()  # the old file went out to keep the folder under its cap
    path.unlink()  # pruned meanwhile (another page's write): the next run writes it again
    assert cached.timeline_url("test-token", date(2026, 4, 30), dataset, view) == url
    assert path.is_file()
