"""How long the exports take: PNG at each size and the brief (PNG + PDF), against a floor.

The floor is the same renderer drawing a trivial page at the same size: starting Chromium, loading
a page and taking the screenshot, which no map can avoid. Run:
``.venv/bin/python -m benchmarks.export_timing --runs 3``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from datetime import UTC, datetime, timedelta

from data.config import DATA_DIR
from data.view.filters import valid_at
from geo.documents.brief import brief_for, brief_html
from geo.documents.render import IMAGE_SIZES, ChromiumRenderer
from geo.documents.standalone import ExportView
from geo.map.basemap import load_basemap
from geo.pipeline import load_dataset
from tests.conftest import PUBLISHED

FLOOR_HTML = (
    '<!DOCTYPE html><div class="leaflet-container"><div class="leaflet-pane">'
    '<svg width="10" height="10"><path d="M0 0L9 9" stroke="black"/></svg></div></div>'
)


def median_seconds(job, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def shipped_view() -> ExportView:
    data = load_dataset(DATA_DIR, PUBLISHED)
    territories, towns = valid_at(data.territories, PUBLISHED), valid_at(data.towns, PUBLISHED)
    stamp = ("Conflict Map: northern Mali", "29 Apr 2026", "benchmark")
    history = (data.events, data.territories, data.towns)
    return ExportView(data.events, territories, towns, load_basemap(), stamp, PUBLISHED, history)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    view, renderer = shipped_view(), ChromiumRenderer()
    start = time.perf_counter()
    map_html = view.map_html(for_image=True)
    print(f"map document: {len(map_html) / 1024:.0f} KB built in {time.perf_counter() - start:.2f} s")
    print("| export | floor | ours | ratio |\n|---|---|---|---|")
    for size in IMAGE_SIZES:
        floor = median_seconds(lambda s=size: renderer.png(FLOOR_HTML, s, 0), runs)
        ours = median_seconds(lambda s=size: renderer.png(map_html, s, len(view.events)), runs)
        print(f"| PNG {size.label} | {floor:.2f} s | {ours:.2f} s | {ours / floor:.1f} |")
    outputs = {}

    def brief() -> None:
        png = renderer.png(map_html, IMAGE_SIZES[0], len(view.events))
        outputs["html"] = brief_html(brief_for(view, PUBLISHED - timedelta(days=7), png, datetime.now(UTC)))
        outputs["pdf"] = renderer.pdf(outputs["html"])

    floor = median_seconds(lambda: (renderer.png(FLOOR_HTML, IMAGE_SIZES[0], 0), renderer.pdf(FLOOR_HTML)), runs)
    ours = median_seconds(brief, runs)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", outputs["pdf"]))
    print(f"| brief (PNG + PDF) | {floor:.2f} s | {ours:.2f} s | {ours / floor:.1f} |")
    print(f"brief: {len(outputs['html']) / 1024:.0f} KB HTML, {len(outputs['pdf']) / 1024:.0f} KB PDF, {pages} pages")


if __name__ == "__main__":
    main()
