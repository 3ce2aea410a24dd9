"""Command line for scripts and cron: ``python -m data import FILE [--dry-run]``, ``python -m data export OUT``.

Reads an ACLED or UCDP GED export, a file in our own schema (CSV), or a GeoJSON/GeoPackage file of
points with ACLED-like properties, validates every row and, unless
``--dry-run``, upserts the good rows into the event store (``CONFLICT_MAP_STORE``). Prints one JSON
report: ``{"file", "format", "rows", "accepted", "duplicates", "rejected": [{"row", "field",
"reason"}], "written", "unmatched": [{"field", "name", "rows"}]}`` — always, even when something
unforeseen fails (then ``{"file", "error"}``). Exits non-zero only when nothing could be read or stored.

``python -m data export OUT [--format acled|ucdp|geojson|gpkg] [--from D] [--to D] [--actor A]
[--type T] [--region R]`` writes the store's events (all, or those the filters keep, named as in the
app's URL) to OUT: an ACLED or UCDP GED file gives back every column and cell of the imported rows.

``python -m data batches`` lists the imports (JSON: batch, file, format, imported_at, who, counts);
``python -m data remove BATCH`` removes one, leaving the store as it was before that import.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from data.access.roles import command_line_writer
from data.config import load_settings
from data.dates import BadDate, parse_iso
from data.io.batches import BatchError, list_batches, remove_batch
from data.io.export_source import FORMATS, Selection, export_bytes, select
from data.io.names import load_names
from data.io.read import read_incoming
from data.io.run import UnreadableImport, prepare_import, store_import
from data.stores import shipped
from data.stores.events import open_store
from data.validation.validate import validate_events


def import_file(path: Path, store_location: str, dry_run: bool, data_dir: Path | None = None) -> tuple[dict, int]:
    """Import one file (CSV, GeoJSON or GeoPackage); returns the report and the exit status."""
    try:
        incoming = read_incoming(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        return {"file": str(path), "error": f"cannot read {path}: {error}"}, 1
    events_file = (data_dir or Path()) / shipped.EVENTS_FILE
    reserved = shipped.read_table(events_file)["event_id_cnty"] if data_dir and events_file.exists() else ()
    store = open_store(store_location)
    try:
        names = load_names(data_dir) if data_dir else None
        result = prepare_import(incoming, store.read(), reserved, names=names)
    except UnreadableImport as error:
        return {"file": str(path), "error": str(error)}, 1
    if not dry_run:
        store_import(result, store, command_line_writer())
    return {**result.report(), "file": str(path)}, 0


def export_file(out: Path, kind: str, selection: Selection, store_location: str, data_dir: Path | None = None):
    """Write the store's events kept by ``selection`` to ``out``; returns the report and exit status."""
    store = open_store(store_location)
    rows = store.read()
    typed = validate_events(rows, "event store").kept
    names = load_names(data_dir) if data_dir else None
    if names is not None:  # a long ACLED name or a spelling finds its canonical name, as in the filters
        actors = tuple(names.match("actor", actor) or actor for actor in selection.actors)
        regions = tuple(names.match("admin1", region) or region for region in selection.regions)
        selection = Selection(selection.start, selection.end, actors, selection.event_types, regions)
    chosen = select(rows, typed, selection)
    out.write_bytes(export_bytes(chosen, kind, typed))
    return {"file": str(out), "format": kind, "events": len(chosen)}, 0


def _day(text: str):
    try:
        return parse_iso(text)
    except BadDate as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _run(args: argparse.Namespace, settings) -> tuple[dict | list, int]:
    """Carry out the parsed command; returns the report and the exit status."""
    if args.command == "batches":
        return list_batches(open_store(settings.store)), 0
    if args.command == "remove":
        try:
            return remove_batch(open_store(settings.store), args.batch, command_line_writer()), 0
        except BatchError as error:
            return {"batch": args.batch, "error": str(error)}, 1
    if args.command == "export":
        selection = Selection(args.start, args.end, tuple(args.actors), tuple(args.event_types), tuple(args.regions))
        return export_file(args.out, args.format, selection, settings.store, settings.data_dir)
    return import_file(args.file, settings.store, args.dry_run, settings.data_dir)


def _failure(args: argparse.Namespace, error: Exception) -> dict:
    """The report of a command that failed unforeseen: what it was about and the error."""
    verbs = {"import": "nothing imported", "export": "nothing exported", "remove": "nothing removed"}
    subject = {"batch": args.batch} if args.command == "remove" else {}
    if args.command in ("import", "export"):
        subject = {"file": str(args.file if args.command == "import" else args.out)}
    return {**subject, "error": f"{verbs.get(args.command, 'failed')}: {type(error).__name__}: {error}"}


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m data", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    importer = commands.add_parser("import", help="validate an ACLED/UCDP export and add it to the event store")
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="validate and report, store nothing")
    exporter = commands.add_parser("export", help="write the store's events as ACLED, UCDP GED, GeoJSON or GeoPackage")
    exporter.add_argument("out", type=Path)
    exporter.add_argument("--format", choices=FORMATS, default="acled")
    exporter.add_argument("--from", dest="start", type=_day, help="first day, YYYY-MM-DD")
    exporter.add_argument("--to", dest="end", type=_day, help="last day, YYYY-MM-DD")
    for flag, dest in (("--actor", "actors"), ("--type", "event_types"), ("--region", "regions")):
        exporter.add_argument(flag, dest=dest, action="append", default=[], help="repeat for several")
    commands.add_parser("batches", help="list the imports (batches) as JSON")
    remover = commands.add_parser("remove", help="remove one import (batch): the store is left as before it")
    remover.add_argument("batch")
    args = parser.parse_args(argv)
    try:
        report, status = _run(args, load_settings(dict(os.environ)))
    except Exception as error:  # the JSON report always comes, naming what failed
        report, status = _failure(args, error), 1
    print(json.dumps(report, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
