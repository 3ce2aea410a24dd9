"""Events packed for the browser: one binary file of typed arrays, drawn and filtered on a canvas.

Layout (little-endian): a 16-byte header ``b"CMEV"``, version (uint32), count n (uint32), 4 spare
bytes; then n float32 x and n float32 y (Web Mercator, 0..1 across the world: projected once here
so the browser only scales), n int32 first day and n int32 last day (days since 1970-01-01),
n uint8 event-type index (``data.schema.EVENT_TYPES`` order) and n uint8 ``geo_precision``.
Rows keep the frame's order, which is by ``event_date``, so the browser can binary-search a window.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from data.schema import EVENT_TYPES
from geo.projection import mercator_world

MAGIC, VERSION = b"CMEV", 1
TYPE_INDEX = {name: index for index, name in enumerate(EVENT_TYPES)}
_EPOCH = np.datetime64("1970-01-01", "D")


def day_numbers(values: pd.Series) -> np.ndarray:
    """Dates as whole days since 1970-01-01 (int32)."""
    return ((values.to_numpy("datetime64[D]") - _EPOCH).astype(np.int64)).astype(np.int32)


def pack_events(events: pd.DataFrame) -> bytes:
    """The binary file for ``events`` (validated, sorted by ``event_date``)."""
    x, y = mercator_world(events["longitude"].to_numpy(float), events["latitude"].to_numpy(float))
    header = MAGIC + np.array([VERSION, len(events), 0], dtype="<u4").tobytes()
    types = events["event_type"].map(TYPE_INDEX).fillna(255).to_numpy(np.uint8)
    parts = [
        x.astype("<f4"),
        y.astype("<f4"),
        day_numbers(events["event_date"]).astype("<i4"),
        day_numbers(events["date_end"].fillna(events["event_date"])).astype("<i4"),
        types,
        events["geo_precision"].to_numpy(np.uint8),
    ]
    return header + b"".join(part.tobytes() for part in parts)


def packed_name(payload: bytes) -> str:
    """A content-addressed file name: a changed dataset gets a new URL, an unchanged one is cached."""
    return f"events-{hashlib.sha1(payload).hexdigest()[:16]}.bin"
