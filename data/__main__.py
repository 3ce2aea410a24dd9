"""Command line for scripts and cron: ``python -m data import FILE [--dry-run]``.

Reads an ACLED or UCDP GED export (or a file in our own schema), validates every row and, unless
``--dry-run``, upserts the good rows into the event store (``CONFLICT_MAP_STORE``). Prints one JSON
report: ``{"file", "format", "rows", "accepted", "duplicates", "rejected": [{"row", "field",
"reason"}], "written"}``. Exits non-zero only when nothing could be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from data import importers
from data.config import load_settings
from data.event_store import COLUMNS, open_store
from data.store import read_table
from data.validate import validate_events

CONVERTERS = {"acled": importers.from_acled, "ucdp": importers.from_ucdp, "ours": importers.from_acled}


def import_file(path: Path, store_location: str, dry_run: bool) -> tuple[dict, int]:
    """Import one file; returns the report and the exit status."""
    try:
        raw = read_table(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        return {"file": str(path), "error": f"cannot read {path}: {error}"}, 1
    kind = importers.detect_format(raw)
    if kind == "unknown" or raw.empty:
        reason = "no rows" if raw.empty else "columns match neither ACLED, UCDP GED nor our schema"
        return {"file": str(path), "format": kind, "error": f"{path.name}: {reason}"}, 1
    rows = CONVERTERS[kind](raw)
    checked = validate_events(rows, path.name)
    store = open_store(store_location)
    stored_ids = set(store.read()["event_id_cnty"])
    kept = rows[rows["event_id_cnty"].isin(set(checked.kept["event_id_cnty"]))]
    report = {
        "file": str(path),
        "format": kind,
        "rows": len(raw),
        "accepted": len(kept),
        "duplicates": int(kept["event_id_cnty"].isin(stored_ids).sum()),
        "rejected": [{"row": r.row, "field": r.field, "reason": r.reason} for r in checked.rejected],
        "written": 0,
    }
    if not dry_run and len(kept):
        result = store.write(kept[COLUMNS])
        report["written"] = result.added + result.replaced
    return report, 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m data", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    importer = commands.add_parser("import", help="validate an ACLED/UCDP export and add it to the event store")
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="validate and report, store nothing")
    args = parser.parse_args(argv)
    settings = load_settings(dict(os.environ))
    report, status = import_file(args.file, settings.store, args.dry_run)
    print(json.dumps(report, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
