"""One import, for the command line and the app: read → map → validate in chunks → store.

Every row is judged on its own: a bad row is reported with its row number, field and reason and the
rest still load. Chunks let the app show progress on a long file. Provenance is kept: each row says
which import brought it (``imported_from``), and a stored event from another source (or a shipped
one) is never overwritten by a row reusing its id; re-importing the same source updates in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data.access.roles import Writer
from data.io import formats as importers
from data.io.batches import new_batch
from data.io.names import Names, match_names, unmatched_report
from data.io.read import Incoming
from data.schema import FIRST_DATA_ROW
from data.stores.events import APP_SOURCE, COLUMNS, RECORD_COLUMN, EventStore, source_family
from data.validation.country_check import FIELD as COUNTRY_FIELD
from data.validation.country_check import outside_country
from data.validation.validate import Rejection, validate_events

CONVERTERS = {"acled": importers.from_acled, "ucdp": importers.from_ucdp, "ours": importers.from_ours}
# At least this many rows per chunk (each chunk's validation has a fixed cost of ~0.1 s), and no
# more than MAX_CHUNKS chunks: enough steps for a progress bar.
CHUNK_ROWS = 5_000
DATE_FIELDS = {"event_date": "date_start", "date_end": "date_end"}  # ours -> UCDP GED's name
MAX_CHUNKS = 10
Progress = Callable[[float, str], None]


class UnreadableImport(ValueError):
    """Nothing in the file can be imported (unknown columns, no rows); the message says why."""


@dataclass
class ImportResult:
    """What an import found: the rows to store (strings, schema columns) and the report."""

    file: str
    format: str
    rows: int
    accepted: pd.DataFrame
    duplicates: int
    rejected: list[Rejection] = field(default_factory=list)
    written: int = 0
    unmatched: list[dict] = field(default_factory=list)  # names matching no canonical name
    batch: str = ""  # the batch the stored import was recorded as (``data.io.batches``)
    # Row number of each accepted row, and who owned each accepted id when the file was checked
    # (``None``: not stored): the store refuses an id whose owner changed since (a concurrent import).
    accepted_rows: list[int] = field(default_factory=list)
    expected: dict[str, str | None] = field(default_factory=dict)

    def report(self) -> dict:
        """The JSON report: ``file, format, rows, accepted, duplicates, rejected, written, unmatched``."""
        rejected = [{"row": r.row, "field": r.field, "reason": r.reason} for r in self.rejected]
        return {
            "file": self.file, "format": self.format, "rows": self.rows, "accepted": len(self.accepted),
            "duplicates": self.duplicates, "rejected": rejected, "written": self.written,
            "unmatched": self.unmatched, **({"batch": self.batch} if self.batch else {}),
        }  # fmt: skip


def _chunk_rejections(rows: pd.DataFrame, numbers, name: str, seen: set[str]) -> list[Rejection]:
    """Validation, country and cross-chunk duplicate verdicts for one chunk of mapped rows."""
    checked = validate_events(rows.reset_index(drop=True), name)
    rejected = [Rejection(name, int(numbers[r.row - FIRST_DATA_ROW]), r.field, r.reason) for r in checked.rejected]
    bad = {r.row - FIRST_DATA_ROW for r in checked.rejected}
    good = [position for position in range(len(rows)) if position not in bad]
    reasons = outside_country(rows.iloc[good]).tolist()
    ids = rows["event_id_cnty"].to_numpy()
    for position, reason in zip(good, reasons, strict=True):
        event_id = ids[position]
        if reason:
            rejected.append(Rejection(name, int(numbers[position]), COUNTRY_FIELD, reason))
        elif event_id in seen:
            reason = f"duplicate id {event_id!r}; the first row with it was kept"
            rejected.append(Rejection(name, int(numbers[position]), "event_id_cnty", reason))
        seen.add(event_id)
    return rejected


def _owner_rejections(rows: pd.DataFrame, numbers, name: str, owners: dict[str, str]) -> list[Rejection]:
    """Rows whose id belongs to another source's stored (or shipped) event."""
    family = source_family(rows["imported_from"].iloc[0]) if len(rows) else ""
    rejected = []
    known = rows["event_id_cnty"].isin(owners.keys()).to_numpy()
    ids = rows["event_id_cnty"].to_numpy(dtype=object)
    for position in np.flatnonzero(known):  # only ids already stored or shipped
        event_id = ids[position]
        owner = owners[event_id]
        if source_family(owner) != family:
            reason = f"id {event_id!r} is already used by an event from {owner or APP_SOURCE}; not overwritten"
            rejected.append(Rejection(name, int(numbers[position]), "event_id_cnty", reason))
    return rejected


def prepare_import(
    incoming: Incoming,
    stored: pd.DataFrame,
    reserved_ids: Iterable[str] = (),
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
    names: Names | None = None,
) -> ImportResult:
    """Judge every row of ``incoming``; nothing is written.

    Parameters
    ----------
    incoming : Incoming
        The file as read (``data.io.read.read_incoming``).
    stored : pandas.DataFrame
        The event store's rows (``event_id_cnty`` and ``imported_from`` are used).
    reserved_ids : iterable of str
        Ids of shipped events, which an import never replaces.
    progress : callable, optional
        ``progress(fraction, text)`` after each chunk.
    chunk_rows : int
        Smallest chunk; a long file is cut into at most :data:`MAX_CHUNKS` chunks.
    names : Names, optional
        Canonical actor and place names (``data.io.names.load_names``); ``None``: names kept as they are.

    Raises
    ------
    UnreadableImport
        When the file has no rows or its columns fit no known format.
    """
    name, raw = incoming.name, incoming.raw
    kind = importers.detect_format(raw)
    if raw.empty or kind == "unknown":
        reason = "no rows" if raw.empty else "columns match neither ACLED, UCDP GED nor our schema"
        raise UnreadableImport(f"{name}: {reason}")
    raw = importers.unguard_formulas(raw)  # our exports' formula guard, in every format they write
    rows = CONVERTERS[kind](raw)
    problems = {**importers.date_problems(rows), **incoming.problems}
    unmatched = []
    if names is not None:
        matched = match_names(rows, names)
        rows, unmatched = matched.rows, unmatched_report(matched.unmatched)
    rows["imported_from"] = f"{kind}: {name}"
    rows[RECORD_COLUMN] = importers.source_records(raw)
    numbers = incoming.row_numbers
    rejected = [Rejection(name, int(numbers[p]), f, r) for p, (f, r) in sorted(problems.items())]
    owners = dict(zip(stored["event_id_cnty"], stored["imported_from"], strict=True))
    owners.update(dict.fromkeys(reserved_ids, "the shipped data"))
    readable = [position for position in range(len(rows)) if position not in incoming.problems]
    # A date the parser refused is reported once, with the parser's reason (not validation's again).
    dated = {(int(numbers[p]), problem[0]) for p, problem in problems.items() if p not in incoming.problems}
    dated |= {(row, ours) for row, theirs in list(dated) for ours, source in DATE_FIELDS.items() if source == theirs}
    seen: set[str] = set()
    chunk_rows = max(chunk_rows, -(-len(readable) // MAX_CHUNKS))
    for start in range(0, len(readable), chunk_rows):
        positions = readable[start : start + chunk_rows]
        chunk, chunk_numbers = rows.iloc[positions], numbers[positions]
        verdicts = _chunk_rejections(chunk, chunk_numbers, name, seen) + _owner_rejections(
            chunk, chunk_numbers, name, owners
        )
        rejected += [r for r in verdicts if (r.row, r.field) not in dated]
        if progress:
            done = min(start + chunk_rows, len(readable))
            progress(done / max(len(readable), 1), f"Checked {done:,} of {len(readable):,} rows")
    bad_numbers = {r.row for r in rejected}
    keep = np.array([number not in bad_numbers for number in numbers], dtype=bool)
    accepted = rows[keep].reset_index(drop=True)
    rejected.sort(key=lambda r: r.row)
    duplicates = int(accepted["event_id_cnty"].isin(set(owners)).sum())
    stored_owners = dict(zip(stored["event_id_cnty"], stored["imported_from"], strict=True))
    expected = {event_id: stored_owners.get(event_id) for event_id in accepted["event_id_cnty"]}
    result = ImportResult(name, kind, len(raw), accepted[COLUMNS], duplicates, rejected, unmatched=unmatched)
    result.accepted_rows, result.expected = [int(n) for n in np.asarray(numbers)[keep]], expected
    return result


def _set_aside_refused(result: ImportResult, refused: dict[str, str]) -> None:
    """Rows the store refused inside its lock move from ``accepted`` to ``rejected``, with the store's reason."""
    ids = result.accepted["event_id_cnty"].tolist()
    numbers = result.accepted_rows or list(range(len(ids)))
    result.rejected += [
        Rejection(result.file, number, "event_id_cnty", refused[event_id])
        for event_id, number in zip(ids, numbers, strict=True)
        if event_id in refused
    ]
    result.rejected.sort(key=lambda r: r.row)
    result.accepted = result.accepted[~result.accepted["event_id_cnty"].isin(refused)].reset_index(drop=True)


def store_import(result: ImportResult, store: EventStore, writer: Writer, as_batch: bool = True) -> ImportResult:
    """Write the accepted rows as ``writer`` in one transaction; ``written`` counts them.

    The store checks each id's owner again inside its write lock: a row whose id another import
    stored since this file was checked is refused, and reported like any rejected row. With
    ``as_batch`` the import is recorded as a batch (``data.io.batches``) in that same transaction,
    and ``batch`` names it.
    """
    if len(result.accepted):
        batch = new_batch(result, by=writer.name) if as_batch else None
        outcome = store.write(result.accepted, writer=writer, expected=result.expected, batch=batch)
        result.written, result.batch = outcome.added + outcome.replaced, outcome.batch
        if outcome.refused:
            _set_aside_refused(result, outcome.refused)
    return result
