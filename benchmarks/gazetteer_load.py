"""Cost of the shipped gazetteer against the smaller one it replaced, measured in the same process.

Run: ``.venv/bin/python -m benchmarks.gazetteer_load``. The baseline keeps only the rows the
earlier filter kept (cities500 of Mali's neighbours and the Sahel, Côte d'Ivoire towns of 20,000+,
capitals and cities of 1,000,000+); the shipped file adds the coastal states' northern towns and
the world's cities of 100,000+. Prints the load time (best of 7 cold loads: the machine is shared
and the minimum is the least noisy), the memory the loaded gazetteer holds (tracemalloc), its
places and names, and the ratios.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from data.config import DATA_DIR
from geo.gazetteer.gazetteer import load_gazetteer

OLD_ALL = {"ML", "BF", "NE", "MR", "DZ", "SN", "GN", "TD"}


def _old_filter(row: dict) -> bool:
    population = int(row["population"])
    if row["country"] in OLD_ALL or row["capital"] == "1":
        return True
    return population >= (20_000 if row["country"] == "CI" else 1_000_000)


def baseline_dir(target: Path) -> Path:
    """A copy of ``data/datasets/`` whose GeoNames file keeps only the earlier filter's rows."""
    shutil.copytree(DATA_DIR / "basemap", target / "basemap")
    (target / "gazetteer").mkdir()
    for hand_sourced in ("supplement.csv", "conflict_places.csv"):
        shutil.copy(DATA_DIR / "gazetteer" / hand_sourced, target / "gazetteer")
    with (DATA_DIR / "gazetteer" / "geonames.csv").open(encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source)
        rows = [row for row in reader if _old_filter(row)]
        fields = reader.fieldnames
    with (target / "gazetteer" / "geonames.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def measure(data_dir: Path) -> dict:
    """Median cold load time, memory held and size of the gazetteer in ``data_dir``."""
    times = []
    for _ in range(7):
        load_gazetteer.cache_clear()
        start = time.perf_counter()
        load_gazetteer(data_dir)
        times.append(time.perf_counter() - start)
    load_gazetteer.cache_clear()
    tracemalloc.start()
    gazetteer = load_gazetteer(data_dir)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {
        "load_s": round(min(times), 3),
        "held_mb": round(held / 1e6, 1),
        "places": len(gazetteer.places),
        "names": len(gazetteer.keys),
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        before = measure(baseline_dir(Path(tmp)))
    after = measure(DATA_DIR)
    ratios = {
        "load_ratio": round(after["load_s"] / before["load_s"], 2),
        "memory_ratio": round(after["held_mb"] / before["held_mb"], 2),
    }
    print(json.dumps({"baseline": before, "shipped": after, **ratios}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
