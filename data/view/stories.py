"""Stories: ordered steps a briefer walks through, authored in a small CSV file (``data/datasets/stories/``).

Each step names its events, a map view and a date window. Rows are validated like every other data
file: a bad row is set aside with its file, row and field, and the good steps still load.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from data.schema import FIRST_DATA_ROW, Column
from data.stores.shipped import read_table
from data.validation.validate import InvalidValue, Rejection, parse_cell

STORIES_DIR = Path(__file__).resolve().parents[1] / "datasets" / "stories"
MIN_ZOOM, MAX_ZOOM = 3, 12

STORY_COLUMNS: tuple[Column, ...] = (
    Column("step", "int", True, "Order of the step in the story (1, 2, …); each number once.", (), 1, None),
    Column("title", "str", True, "Short heading shown above the map."),
    Column("text", "str", True, "What the briefer says at this step, in our own words."),
    Column("event_ids", "str", True, 'Ids of the events the step highlights (event_id_cnty), joined by "+".'),
    Column("longitude", "float", True, "Map centre, WGS84 longitude.", (), -180, 180),
    Column("latitude", "float", True, "Map centre, WGS84 latitude.", (), -90, 90),
    Column("zoom", "int", True, f"Map zoom, {MIN_ZOOM} (continent) to {MAX_ZOOM} (town).", (), MIN_ZOOM, MAX_ZOOM),
    Column("window_start", "date", False, "First day of the events window; empty: the first day of its events."),
    Column("window_end", "date", False, "Last day of the events window; empty: the last day of its events."),
    Column("as_of", "date", False, "Day territory and town status are drawn for; empty: the window's end."),
)


@dataclass(frozen=True)
class StoryStep:
    """One step of a story: what to say, which events to highlight, where to look and when."""

    title: str
    text: str
    event_ids: tuple[str, ...]
    center: tuple[float, float]  # (lon, lat)
    zoom: int
    window: tuple[date, date]
    as_of: date


@dataclass(frozen=True)
class Story:
    """A named, ordered list of steps, and the rows of its file that could not be used."""

    name: str
    steps: tuple[StoryStep, ...]
    rejected: tuple[Rejection, ...] = ()


def _event_days(events: pd.DataFrame, ids: tuple[str, ...]) -> tuple[date, date]:
    chosen = events[events["event_id_cnty"].isin(ids)]
    return chosen["event_date"].min().date(), chosen["date_end"].max().date()


def _parse(row: dict) -> tuple[dict, list[tuple[str, str]]]:
    values, errors = {}, []
    for column in STORY_COLUMNS:
        try:
            values[column.name] = parse_cell(str(row.get(column.name, "")).strip(), column)
        except InvalidValue as error:
            errors.append((column.name, str(error)))
    return values, errors


def _check(values: dict, known_ids: set[str]) -> list[tuple[str, str]]:
    ids = [part.strip() for part in values["event_ids"].split("+") if part.strip()]
    unknown = [event_id for event_id in ids if event_id not in known_ids]
    if not ids:
        return [("event_ids", "names no event")]
    if unknown:
        return [("event_ids", f"unknown event id(s): {', '.join(unknown)}")]
    start, end = values["window_start"], values["window_end"]
    if start is not None and end is not None and start > end:
        return [("window_end", f"{end.isoformat()} is before window_start {start.isoformat()}")]
    return []


def _step(values: dict, events: pd.DataFrame) -> StoryStep:
    ids = tuple(part.strip() for part in values["event_ids"].split("+") if part.strip())
    first, last = _event_days(events, ids)
    start = values["window_start"] or min(first, values["window_end"] or first)
    end = values["window_end"] or max(last, start)
    return StoryStep(
        title=values["title"],
        text=values["text"],
        event_ids=ids,
        center=(values["longitude"], values["latitude"]),
        zoom=values["zoom"],
        window=(start, end),
        as_of=values["as_of"] or end,
    )


def validate_story(raw: pd.DataFrame, events: pd.DataFrame, file: str) -> Story:
    """Validate a story table against the loaded events; steps come back in ``step`` order.

    Parameters
    ----------
    raw : pandas.DataFrame
        Rows as read (strings), in file order.
    events : pandas.DataFrame
        Validated events: step event ids must be among their ``event_id_cnty``.
    file : str
        File name for messages; the story's name is the file's stem ("mali" → "Mali").

    Returns
    -------
    Story
        The good steps, and one ``Rejection`` per problem (file, row, field, reason).
    """
    name = Path(file).stem.replace("_", " ").capitalize()
    missing = [c.name for c in STORY_COLUMNS if c.required and c.name not in raw.columns]
    if missing:
        return Story(name, (), (Rejection(file, 1, missing[0], f"missing required column(s): {', '.join(missing)}"),))
    known, seen = set(events["event_id_cnty"]), set()
    kept, rejected = [], []
    for position, row in enumerate(raw.to_dict("records")):
        values, errors = _parse(row)
        errors = errors or _check(values, known)
        if not errors and values["step"] in seen:
            errors = [("step", f"step {values['step']} is repeated; the first row with it was kept")]
        if errors:
            rejected += [Rejection(file, position + FIRST_DATA_ROW, f, r) for f, r in errors]
            continue
        seen.add(values["step"])
        kept.append((values["step"], _step(values, events)))
    steps = tuple(step for _, step in sorted(kept, key=lambda pair: pair[0]))
    return Story(name, steps, tuple(rejected))


def load_stories(events: pd.DataFrame, directory: Path = STORIES_DIR) -> list[Story]:
    """Every story file (``*.csv``) of ``directory``, validated, sorted by name."""
    return [validate_story(read_table(path), events, path.name) for path in sorted(directory.glob("*.csv"))]


def story_from_events(events: pd.DataFrame, ids: list[str], name: str = "Selected events") -> Story:
    """A story with one step per selected event, in date order, centred on each event."""
    chosen = events[events["event_id_cnty"].isin(ids)].sort_values("event_date")
    steps = tuple(
        StoryStep(
            title=f"{row['location']}: {row['event_type']}",
            text=row["notes"],
            event_ids=(row["event_id_cnty"],),
            center=(float(row["longitude"]), float(row["latitude"])),
            zoom=7,
            window=(row["event_date"].date(), row["date_end"].date()),
            as_of=row["date_end"].date(),
        )
        for row in chosen.to_dict("records")
    )
    return Story(name, steps)
