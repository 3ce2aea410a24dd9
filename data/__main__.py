"""Command line for scripts and cron: ``python -m data import FILE [--dry-run]``.

Reads an ACLED or UCDP GED export, a file in our own schema (CSV), or a GeoJSON/GeoPackage file of
points with ACLED-like properties, validates every row and, unless
``--dry-run``, upserts the good rows into the event store (``CONFLICT_MAP_STORE``). Prints one JSON
report: ``{"file", "format", "rows", "accepted", "duplicates", "rejected": [{"row", "field",
"reason"}], "written"}`` — always, even when something unforeseen fails (then ``{"file", "error"}``).
Exits non-zero only when nothing could be read or stored.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from data.config import load_settings
from data.io.read import read_incoming
from data.io.run import UnreadableImport, prepare_import, store_import
from data.stores import shipped
from data.stores.events import open_store


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
        result = prepare_import(incoming, store.read(), reserved)
    except UnreadableImport as error:
        return {"file": str(path), "error": str(error)}, 1
    if not dry_run:
        store_import(result, store)
    return {**result.report(), "file": str(path)}, 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m data", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    importer = commands.add_parser("import", help="validate an ACLED/UCDP export and add it to the event store")
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="validate and report, store nothing")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(dict(os.environ))
        report, status = import_file(args.file, settings.store, args.dry_run, settings.data_dir)
    except Exception as error:
        report, status = {"file": str(args.file), "error": f"nothing imported: {type(error).__name__}: {error}"}, 1
    print(json.dumps(report, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
