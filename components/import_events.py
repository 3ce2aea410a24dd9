"""Import events from a file: ACLED or UCDP GED CSV, our own CSV, GeoJSON or GeoPackage points.

Good rows are upserted into the event store (stable ids: importing a file again updates, never
doubles) and the page reruns so they are on the map at once; every rejected row is listed with its
row, field and reason, and can be downloaded.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.io.export_csv import rejections_csv
from data.io.read import read_incoming
from data.io.run import ImportResult, UnreadableImport, prepare_import, store_import
from data.stores.events import EventStore

FILE_TYPES = ["csv", "geojson", "json", "gpkg"]
MAX_LISTED = 1_000  # the table shows this many rejections; the download has them all


def _run(upload, store: EventStore, known_ids: pd.Series, dry_run: bool) -> ImportResult | None:
    bar = st.progress(0.0, text=f"Reading {upload.name}…")
    try:
        upload.seek(0)
        incoming = read_incoming(upload, upload.name)  # read from the upload's buffer: no second copy
        stored = store.read()
        shipped = set(known_ids) - set(stored["event_id_cnty"])
        result = prepare_import(incoming, stored, shipped, progress=lambda f, text: bar.progress(0.9 * f, text=text))
    except (UnreadableImport, ValueError, UnicodeDecodeError) as error:
        bar.empty()
        st.error(f"Nothing imported from {upload.name}: {error}")
        return None
    if not dry_run:
        bar.progress(0.95, text=f"Storing {len(result.accepted):,} events…")
        store_import(result, store)
    bar.progress(1.0, text="Done")
    return result


def _summary(result: ImportResult) -> str:
    verb = "stored" if result.written else "would be stored (check only)"
    updated = f", {result.duplicates:,} of them already stored and updated" if result.duplicates else ""
    return (
        f"{result.file} ({result.format.upper()}): {len(result.accepted):,} of {result.rows:,} rows {verb}"
        f"{updated}; {len(result.rejected):,} row problem(s) reported."
    )


def _show_result(result: ImportResult, key: str) -> None:
    (st.success if result.accepted.size else st.warning)(_summary(result))
    if not result.rejected:
        return
    table = pd.DataFrame([{"row": r.row, "field": r.field, "reason": r.reason} for r in result.rejected[:MAX_LISTED]])
    st.dataframe(table, hide_index=True, width="stretch", key=f"{key}.rejected")
    st.download_button(
        f"Download the {len(result.rejected):,} rejected row(s) as CSV", data=rejections_csv(result.rejected),
        file_name=f"rejected-{result.file}.csv", mime="text/csv", on_click="ignore", key=f"{key}.rejected_csv",
    )  # fmt: skip


# A fragment: choosing a file reruns the panel alone; a stored import reruns the whole page (st.rerun).
@st.fragment
def show(store: EventStore, known_ids: pd.Series, key: str = "import") -> ImportResult | None:
    """The "Import events" expander; returns the last import's result (kept across reruns).

    Parameters
    ----------
    store : EventStore
        Where accepted rows go.
    known_ids : pandas.Series
        Ids of every event loaded now; those not in the store are shipped, and never replaced.

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
        if upload is not None and st.button("Import", key=f"{key}.run", icon=":material/upload:"):
            result = _run(upload, store, known_ids, dry_run)
            if result is not None:
                st.session_state[last_key] = result
                if result.written:
                    st.rerun()  # the store changed: reload so the new events are on the map now
        if last_key in st.session_state:
            _show_result(st.session_state[last_key], key)
    return st.session_state.get(last_key)
