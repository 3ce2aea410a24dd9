"""The event table's rows: what an analyst reads, with how exact each date and place is.

Only the first ``limit`` rows of the filtered set are built (newest first), so a million-event
record never sends a million rows to the browser.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.vocabulary import APPROXIMATE, EXACT_DAY, PLACE_PRECISION
from geo.map.halos import halo_radius_km
from geo.map.popups import actors_text, date_label

TABLE_LIMIT = 1_000
COLUMNS = (
    "Date", "Dating", "Place", "Region", "Place precision", "Type", "Sub-type", "Actors", "Fatalities", "Source", "Id",
)  # fmt: skip

LABEL_COLUMNS = (
    "event_date", "date_end", "time_precision", "geo_precision", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
)  # fmt: skip


@dataclass(frozen=True)
class TableRows:
    """Rows to show, how many events the filter kept, and the ids in row order."""

    rows: pd.DataFrame
    total: int

    @property
    def ids(self) -> list[str]:
        """Event ids, row by row (row positions are what a table selection reports)."""
        return self.rows["Id"].tolist()

    @property
    def note(self) -> str:
        """``24 events`` or ``First 1,000 of 1,000,000 events (newest first)``."""
        if len(self.rows) == self.total:
            return f"{self.total:,} event{'s' if self.total != 1 else ''}"
        return f"First {len(self.rows):,} of {self.total:,} events (newest first)"


def dating_text(start: object, end: object, time_precision: int) -> str:
    """``exact day``, or ``≈`` and the days the event may fall on (``≈ 25 Apr 2026 – 26 Apr 2026 …``)."""
    label = date_label(start, end, int(time_precision))
    exact = int(time_precision) <= 1 and "–" not in label
    return EXACT_DAY if exact else f"{APPROXIMATE} {label}"


def place_precision_text(geo_precision: int) -> str:
    """``the town itself``, ``≈ within 25 km`` or ``≈ region or country only`` (ACLED ``geo_precision``)."""
    precision = int(geo_precision)
    if precision <= 1:
        return PLACE_PRECISION[1]
    if precision == 2:
        return f"{APPROXIMATE} within {halo_radius_km(2):g} km"
    return f"{APPROXIMATE} {PLACE_PRECISION[3]}"


def _newest_first(events: pd.DataFrame, mask: np.ndarray, limit: int) -> pd.DataFrame:
    rows = np.flatnonzero(mask)
    keys = -events["event_date"].to_numpy("datetime64[ns]").astype(np.int64)[rows]
    if rows.size > limit:  # the newest ``limit`` in linear time, then only those sorted
        keep = np.sort(np.argpartition(keys, limit - 1)[:limit])
        rows, keys = rows[keep], keys[keep]
    # Stable sort on the reversed day: newest first, file order among events of the same day.
    return events.iloc[rows[np.argsort(keys, kind="stable")]]


def table_rows(events: pd.DataFrame, mask: np.ndarray, limit: int = TABLE_LIMIT) -> TableRows:
    """The filtered events (``mask``) as table rows, newest first, at most ``limit`` of them.

    ``Fatalities`` stays a nullable integer: a missing toll is shown as "not reported", never 0.
    """
    chosen = _newest_first(events, mask, limit)
    # Column arrays zipped, not ``to_dict("records")``: boxing whole records costs 10× more.
    column = {name: chosen[name].to_numpy(dtype=object, na_value=None) for name in LABEL_COLUMNS}
    starts, ends = chosen["event_date"].dt.date.to_numpy(), chosen["date_end"].dt.date.to_numpy()
    names = LABEL_COLUMNS[4:]  # the actor columns
    sides = zip(*(column[name] for name in names), strict=True)
    rows = pd.DataFrame(
        {
            "Date": starts,
            "Dating": [dating_text(*day) for day in zip(starts, ends, column["time_precision"], strict=True)],
            "Place": chosen["location"].to_numpy(),
            "Region": chosen["admin1"].to_numpy(),
            "Place precision": [place_precision_text(code) for code in column["geo_precision"]],
            "Type": chosen["event_type"].to_numpy(),
            "Sub-type": chosen["sub_event_type"].to_numpy(),
            "Actors": [actors_text(dict(zip(names, side, strict=True))) for side in sides],
            "Fatalities": chosen["fatalities"].astype("Int64").array,
            "Source": chosen["source"].to_numpy(),
            "Id": chosen["event_id_cnty"].to_numpy(),
        },
        columns=list(COLUMNS),
    )
    return TableRows(rows=rows, total=int(np.count_nonzero(mask)))
