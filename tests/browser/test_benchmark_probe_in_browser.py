"""The benchmarks' time-bar probe still drives the page (``benchmarks.timebar_probe``): a smoke run, no timings read."""

from __future__ import annotations

from benchmarks.timeline_timing import measure_bar

IDLE_MS = 200  # the bar's idle delay before it reports (components/timebar_frontend/timebar.js)


def test_the_timeline_benchmark_runs_end_to_end_on_the_shipped_data(browser):
    row = measure_bar(browser, {"CONFLICT_MAP_BASEMAP": "vector"}, count=3, play_seconds=1.0)
    assert len(row["press_ms"]) == 3
    assert row["inputs"] > 3  # the presses, the burst and the played frames were all watched
    assert row["header_agrees"] is True
    # A burst pressed faster than the idle delay makes one report, after the last paint; on a machine
    # too loaded for that, a report may go out mid-burst (the probe says so in longest_gap_ms).
    if row["longest_gap_ms"] < IDLE_MS:
        assert row["sent_before_paint"] == 0  # no press sends anything before its paint
        assert row["reruns_after_rest"] == 1
    assert row["runs_finished"] >= row["reruns_after_rest"]
    assert row["frames"] > 1
