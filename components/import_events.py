"""Import events from a file: ACLED or UCDP GED CSV, our own CSV, GeoJSON or GeoPackage points.

Good rows are upserted into the event store (stable ids: importing a file again updates, never
doubles) and the page reruns so they are on the map at once; every rejected row is listed with its
row, field and reason, and can be downloaded.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import streamlit as st

from components import framing
from components.cached import settings
from components.plain import markdown
from data.access.roles import Writer
from data.io.batches import BatchError, list_batches, remove_batch
from data.io.export_csv import rejections_csv
from data.io.names import Names, load_names
from data.io.read import read_incoming
from data.io.run import ImportResult, UnreadableImport, prepare_import, store_import
from data.stores.events import EventStore
from data.synthetic import SAMPLE_FILES, SAMPLES_DIR

FILE_TYPES = ["csv", "geojson", "json", "gpkg"]
MAX_LISTED = 1_000  # the table shows this many rejections; the download has them all


class Sample(io.BytesIO):
    """A shipped sample file, read like an upload (a named buffer)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path.read_bytes())
        self.name = path.name


@st.cache_resource
def canonical_names(data_dir: str) -> Names:
    """The canonical actor and place names (shared read-only by every session)."""
    return load_names(Path(data_dir))


def _data_dir() -> Path:
    return settings().data_dir


def _run(upload, store: EventStore, known_ids: pd.Series, dry_run: bool, writer: Writer) -> ImportResult | None:
    bar = st.progress(0.0, text=f"Reading {markdown(upload.name)}…")
    try:
        upload.seek(0)
        incoming = read_incoming(upload, upload.name)  # read from the upload's buffer: no second copy
        stored = store.read()
        shipped = set(known_ids) - set(stored["event_id_cnty"])
        names = canonical_names(str(_data_dir()))
        report = lambda f, text: bar.progress(0.9 * f, text=text)  # noqa: E731
        result = prepare_import(incoming, stored, shipped, progress=report, names=names)
    except (UnreadableImport, ValueError, UnicodeDecodeError) as error:
        bar.empty()
        st.error(f"Nothing imported from {markdown(upload.name)}: {markdown(error)}")
        return None
    if not dry_run:
        bar.progress(0.95, text=f"Storing {len(result.accepted):,} events…")
        try:
            store_import(result, store, writer)
        except PermissionError as error:  # the store's own check: a panel shown to a viewer still cannot write
            bar.empty()
            st.error(markdown(error), icon=":material/block:")
            return None
    bar.progress(1.0, text="Done")
    return result


def _summary(result: ImportResult) -> str:
    verb = "stored" if result.written else "would be stored (check only)"
    updated = f", {result.duplicates:,} of them already stored and updated" if result.duplicates else ""
    return (
        f"{markdown(result.file)} ({result.format.upper()}): {len(result.accepted):,} of {result.rows:,} rows {verb}"
        f"{updated}; {len(result.rejected):,} row problem(s) reported."
    )


def _show_unmatched(result: ImportResult, key: str) -> None:
    if not result.unmatched:
        return
    st.caption(
        f"{len(result.unmatched):,} actor or place name(s) match no known name and are kept as written "
        "(add them to data/datasets/names.csv to match them):"
    )
    st.dataframe(pd.DataFrame(result.unmatched[:MAX_LISTED]), hide_index=True, width="stretch", key=f"{key}.unmatched")


def _show_result(result: ImportResult, key: str) -> None:
    (st.success if result.accepted.size else st.warning)(_summary(result))
    _show_unmatched(result, key)
    if not result.rejected:
        return
    table = pd.DataFrame([{"row": r.row, "field": r.field, "reason": r.reason} for r in result.rejected[:MAX_LISTED]])
    st.dataframe(table, hide_index=True, width="stretch", key=f"{key}.rejected")
    st.download_button(
        f"Download the {len(result.rejected):,} rejected row(s) as CSV", data=rejections_csv(result.rejected),
        file_name=f"rejected-{result.file}.csv", mime="text/csv", on_click="ignore", key=f"{key}.rejected_csv",
    )  # fmt: skip


def _show_batches(store: EventStore, writer: Writer, key: str) -> None:
    """The imports made so far, newest first, and the removal of one after a confirmation."""
    batches = list_batches(store)[::-1]
    if not batches:
        return
    st.caption("Imports so far (batches), newest first. Removing one leaves the store as it was before it.")
    st.dataframe(pd.DataFrame(batches), hide_index=True, width="stretch", key=f"{key}.batches")
    files = {batch["batch"]: f"{batch['file']} ({batch['imported_at']}, {batch['who']})" for batch in batches}
    chosen = st.selectbox("Import to remove", list(files), format_func=files.get, key=f"{key}.batch")
    sure = st.checkbox("Yes: remove this import's events and restore those it replaced", key=f"{key}.sure")
    if st.button("Remove import", key=f"{key}.remove", disabled=not sure, icon=":material/delete:"):
        try:
            outcome = remove_batch(store, chosen, writer)
        except BatchError as error:
            st.error(markdown(error))
            return
        st.session_state[f"{key}.removed"] = outcome
        st.session_state.pop(f"{key}.last", None)
        st.rerun()  # the store changed: reload the map without the removed events


# A fragment: choosing a file reruns the panel alone; a stored import reruns the whole page (st.rerun).
@st.fragment
def show(store: EventStore, known_ids: pd.Series, writer: Writer, key: str = "import") -> ImportResult | None:
    """The "Import events" expander; returns the last import's result (kept across reruns).

    Parameters
    ----------
    store : EventStore
        Where accepted rows go.
    known_ids : pandas.Series
        Ids of every event loaded now; those not in the store are shipped, and never replaced.
    writer : Writer
        Who imports (``components.auth.current``); the store refuses anyone but an analyst.

    Session keys: ``{key}.open`` (the expander), ``{key}.file``, ``{key}.dry``, ``{key}.run`` (widgets) and
    ``{key}.last`` (the result).
    """
    last_key = f"{key}.last"
    # Built only while open (``{key}.open``): closed, the panel costs the page one label per run.
    panel = st.expander("Import events", icon=":material/upload_file:", key=f"{key}.open", on_change="rerun")
    if not panel.open:
        return st.session_state.get(last_key)
    with panel:
        st.caption(
            "ACLED or UCDP GED exports (CSV), a CSV in this app's columns, or GeoJSON/GeoPackage points with "
            "ACLED-like properties. Each row is checked; good rows join the map, bad ones are listed below."
        )
        upload = st.file_uploader("File to import", type=FILE_TYPES, key=f"{key}.file")
        dry_run = st.checkbox("Check only, store nothing", key=f"{key}.dry")
        run = upload is not None and st.button("Import", key=f"{key}.run", icon=":material/upload:")
        chosen = upload if run else None
        st.caption("No file at hand? Try the import with a shipped sample (synthetic events, not real ones):")
        for column, (kind, file_name) in zip(st.columns(len(SAMPLE_FILES)), SAMPLE_FILES.items(), strict=True):
            label = f"Try the import: {kind.upper()} sample"
            if column.button(label, key=f"{key}.sample.{kind}", icon=":material/science:"):
                chosen = Sample(_data_dir() / SAMPLES_DIR / file_name)
        if chosen is not None:
            result = _run(chosen, store, known_ids, dry_run, writer)
            if result is not None:
                st.session_state[last_key] = result
                if result.written:
                    framing.ask()  # frame the map on what is shown once the new events are in
                    st.rerun()  # the store changed: reload so the new events are on the map now
        if last_key in st.session_state:
            _show_result(st.session_state[last_key], key)
        removed = st.session_state.pop(f"{key}.removed", None)
        if removed:
            st.success(f"Removed import {removed['batch']}: {removed['removed']:,} event(s) deleted, "
                       f"{removed['restored']:,} restored as they were.")  # fmt: skip
        _show_batches(store, writer, key)
    return st.session_state.get(last_key)
