"""Seeded synthetic ACLED-like events inside Mali, for tests and benchmarks (never shipped data)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.schema import EVENT_COLUMNS, EVENT_TYPES, column_names

# Mali's bounding box (lon, lat), Natural Earth admin-0.
BBOX = (-12.24, 10.16, 4.24, 25.0)
FIRST_DAY, LAST_DAY = np.datetime64("2012-01-01"), np.datetime64("2026-04-29")
ACTORS = ("JNIM", "FLA", "Military Forces of Mali (FAMa)", "Islamic State Sahel Province", "Africa Corps", "Civilians")
# Roughly ACLED's mix for the Sahel: mostly battles and violence against civilians.
TYPE_WEIGHTS = {
    "Battles": 0.34,
    "Explosions/Remote violence": 0.14,
    "Violence against civilians": 0.3,
    "Protests": 0.08,
    "Riots": 0.04,
    "Strategic developments": 0.1,
}


def synthetic_events(count: int, seed: int = 7) -> pd.DataFrame:
    """``count`` events as a frame of strings in the event schema (what a CSV import reads).

    Reproducible: the same ``count`` and ``seed`` give the same rows.
    """
    rng = np.random.default_rng(seed)
    types = np.array(list(TYPE_WEIGHTS))
    event_type = rng.choice(types, size=count, p=list(TYPE_WEIGHTS.values()))
    sub_type = np.array([EVENT_TYPES[t][0] for t in event_type])
    span = int((LAST_DAY - FIRST_DAY).astype(int))
    start = FIRST_DAY + rng.integers(0, span, size=count).astype("timedelta64[D]")
    precision = rng.choice([1, 2, 3], size=count, p=[0.8, 0.15, 0.05])
    end = start + np.where(precision == 2, rng.integers(0, 7, size=count), 0).astype("timedelta64[D]")
    frame = pd.DataFrame(
        {
            "event_id_cnty": [f"SYN{i:07d}" for i in range(count)],
            "event_date": start.astype(str),
            "date_end": end.astype(str),
            "time_precision": precision.astype(str),
            "event_type": event_type,
            "sub_event_type": sub_type,
            "actor1": rng.choice(ACTORS, size=count),
            "country": "Mali",
            "location": "Synthetic place",
            "latitude": np.round(rng.uniform(BBOX[1], BBOX[3], size=count), 5).astype(str),
            "longitude": np.round(rng.uniform(BBOX[0], BBOX[2], size=count), 5).astype(str),
            "geo_precision": rng.choice(["1", "2", "3"], size=count, p=[0.7, 0.2, 0.1]),
            "fatalities": rng.integers(0, 20, size=count).astype(str),
            "notes": "Synthetic event for tests and benchmarks.",
            "source": "Synthetic",
        }
    )
    return frame.reindex(columns=column_names(EVENT_COLUMNS), fill_value="")
