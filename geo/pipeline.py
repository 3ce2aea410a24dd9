"""From shipped files to map-ready frames: read → resolve relative dates → validate → geometry.

This is the one place the data flow is assembled; the app caches ``load_dataset`` by its arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from data.schema import CRS
from data.stores import shipped as store
from data.stores.events import EventStore
from data.validation.validate import (
    FIRST_DATA_ROW,
    Rejection,
    Validated,
    validate_events,
    validate_territories,
    validate_town_status,
)
from data.validation.validated_cache import cached_validation
from geo.articles.dates import resolve_phrase
from geo.map.basemap import load_basemap
from geo.map.territory import split_region_codes, union_of_regions


@dataclass
class Dataset:
    """Everything the page draws, validated; ``rejected`` lists what was left out and why."""

    events: pd.DataFrame
    territories: gpd.GeoDataFrame
    towns: pd.DataFrame
    published: date
    rejected: list[Rejection] = field(default_factory=list)


def resolve_relative_dates(
    raw: pd.DataFrame, published: date, file: str, start: str = "event_date", end: str | None = "date_end"
) -> tuple[pd.DataFrame, list[Rejection]]:
    """Date the rows that give only a ``date_phrase`` ("over the weekend"), against ``published``.

    Parameters
    ----------
    raw : pandas.DataFrame
        Rows as read (strings). Rows whose ``start`` column is filled are left alone.
    published : datetime.date
        Publication date of the source the phrases come from.
    file : str
        File name for messages.
    start, end : str
        Columns receiving the first and last day of the resolved range (``end`` may be ``None``:
        a status record starts on the last day of its phrase).

    Returns
    -------
    (pandas.DataFrame, list of Rejection)
        The completed rows (``time_precision`` and ``source_date`` filled where they exist and are
        empty) and one rejection per phrase that could not be resolved (its row keeps no date, so
        validation leaves it out too).
    """
    if "date_phrase" not in raw.columns:
        return raw, []
    frame, rejected = raw.copy(), []
    for position in frame.index[(frame[start] == "") & (frame["date_phrase"] != "")]:
        phrase = frame.at[position, "date_phrase"]
        resolved = resolve_phrase(phrase, published)
        if resolved is None:
            reason = f"cannot resolve {phrase!r} against publication date {published.isoformat()}"
            rejected.append(Rejection(file, int(position) + FIRST_DATA_ROW, "date_phrase", reason))
            continue
        if end is None:
            frame.at[position, start] = resolved.end.isoformat()
        else:
            frame.at[position, start] = resolved.start.isoformat()
            frame.at[position, end] = resolved.end.isoformat()
        _fill_if_empty(frame, position, "time_precision", str(resolved.time_precision))
        _fill_if_empty(frame, position, "source_date", published.isoformat())
    return frame, rejected


def _fill_if_empty(frame: pd.DataFrame, position, column: str, value: str) -> None:
    # An explicit value in the file wins: the author may know the date is rougher than the phrase.
    if column in frame.columns and frame.at[position, column] == "":
        frame.at[position, column] = value


def close_open_periods(records: pd.DataFrame, key: str) -> pd.DataFrame:
    """A record without ``valid_to`` ends when the next record for the same ``key`` starts.

    Town status is a succession (Kidal: held by A, then by B): authors give each record's start,
    and this derives the ends, so a relative start date ("on Tuesday") closes the previous record too.
    """
    frame = records.sort_values([key, "valid_from"], kind="stable").copy()
    next_start = frame.groupby(key)["valid_from"].shift(-1)
    frame["valid_to"] = frame["valid_to"].fillna(next_start)
    return frame.reset_index(drop=True)


def attach_region_geometry(
    records: pd.DataFrame, admin1: gpd.GeoDataFrame, file: str
) -> tuple[gpd.GeoDataFrame, list[Rejection]]:
    """Territory records with their polygon: the union of their ``regions``."""
    geometries, keep, rejected = [], [], []
    for position, codes in enumerate(records["regions"]):
        try:
            geometries.append(union_of_regions(split_region_codes(codes), admin1))
            keep.append(position)
        except KeyError as error:
            rejected.append(Rejection(file, position + FIRST_DATA_ROW, "regions", str(error.args[0])))
    frame = records.iloc[keep].reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry=geometries, crs=CRS), rejected


def _with_stored_events(events: Validated, event_store: EventStore | None) -> Validated:
    """Shipped events plus those accepted in the app (a stored id equal to a shipped one is refused)."""
    if event_store is None:
        return events
    name = "event store"
    stored = validate_events(event_store.read(), name)
    if stored.kept.empty:
        return Validated(events.kept, events.rejected + stored.rejected)
    # isin with the few stored ids as the values: fast even against a million shipped ids.
    stored_ids = stored.kept["event_id_cnty"]
    taken = set(events.kept.loc[events.kept["event_id_cnty"].isin(stored_ids.tolist()), "event_id_cnty"])
    clash = stored_ids.isin(taken)
    rejected = [
        Rejection(name, 0, "event_id_cnty", f"id {value!r} is already used by a shipped event")
        for value in stored.kept.loc[clash, "event_id_cnty"]
    ]
    merged = pd.concat([events.kept, stored.kept[~clash]], ignore_index=True)
    merged = merged.sort_values(["event_date", "event_id_cnty"], kind="stable").reset_index(drop=True)
    return Validated(merged, events.rejected + stored.rejected + rejected)


def shipped_events(path: Path, published: date, cache_dir: Path | None = None) -> Validated:
    """The events file resolved and validated (from the validated-events cache when current)."""

    def compute() -> Validated:
        raw, unresolved = resolve_relative_dates(store.read_table(path), published, path.name)
        result = validate_events(raw, path.name)
        return Validated(result.kept, unresolved + result.rejected)

    return cached_validation(path, published.isoformat(), cache_dir, compute)


def load_dataset(
    data_dir: Path,
    published: date,
    theatre: str = "ML",
    event_store: EventStore | None = None,
    cache_dir: Path | None = None,
) -> Dataset:
    """Load, resolve and validate the store's files.

    Parameters
    ----------
    data_dir : pathlib.Path
        Folder with ``events.csv``, ``territories.csv`` and ``town_status.csv``.
    published : datetime.date
        Publication date that relative date phrases are resolved against.
    theatre : str
        Theatre country (for the basemap's regions).
    event_store : EventStore, optional
        The writable event store (``data.stores.events``); its events join the shipped ones.
    cache_dir : pathlib.Path, optional
        Where validated copies of large events files are kept (``data.validation.validated_cache``).
    """
    events = _with_stored_events(shipped_events(data_dir / store.EVENTS_FILE, published, cache_dir), event_store)
    territories = validate_territories(store.read_table(data_dir / store.TERRITORIES_FILE), store.TERRITORIES_FILE)
    shaped, shape_rejected = attach_region_geometry(
        territories.kept, load_basemap(theatre=theatre).admin1, store.TERRITORIES_FILE
    )
    raw_towns, town_rejected = resolve_relative_dates(
        store.read_table(data_dir / store.TOWN_STATUS_FILE), published, store.TOWN_STATUS_FILE, "valid_from", None
    )
    towns = validate_town_status(raw_towns, store.TOWN_STATUS_FILE)
    rejected = events.rejected + territories.rejected + shape_rejected + town_rejected + towns.rejected
    return Dataset(events.kept, shaped, close_open_periods(towns.kept, "town"), published, rejected)
