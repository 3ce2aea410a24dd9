"""Parsing an incoming file: delimiters, encodings, one strict date parser, day-month order never guessed."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

from data.dates import BadDate, parse_date_column, parse_iso
from data.io.read import UnreadableFile, read_incoming
from data.io.run import prepare_import
from data.stores.events import COLUMNS
from tests.test_import import ACLED_ROW

NOTHING_STORED = pd.DataFrame(columns=COLUMNS, dtype=str)
ROWS = [{**ACLED_ROW, "event_id_cnty": "MLI1", "notes": "Attaque près de Boni"}, {**ACLED_ROW, "event_id_cnty": "MLI2"}]


def csv_text(rows: list[dict], sep: str = ",") -> str:
    return pd.DataFrame(rows).to_csv(index=False, sep=sep)


@pytest.mark.parametrize("sep", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_the_delimiter_is_sniffed(sep):
    incoming = read_incoming(csv_text(ROWS, sep).encode(), "export.csv")
    assert incoming.raw.attrs["delimiter"] == sep
    assert list(incoming.raw.columns) == list(ACLED_ROW)
    assert prepare_import(incoming, NOTHING_STORED).rejected == []


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda text: text.encode("utf-8"), "utf-8"),
        (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8-sig"),
        (lambda text: text.encode("utf-16"), "utf-16"),  # with its byte-order mark
        (lambda text: text.encode("utf-16-le"), "utf-16-le"),  # without one
        (lambda text: text.encode("latin-1"), "latin-1"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le-no-bom", "latin-1"],
)
def test_the_encoding_is_detected_and_accents_survive(encode, encoding):
    incoming = read_incoming(encode(csv_text(ROWS, ";")), "export.csv")
    assert incoming.raw.attrs["encoding"] == encoding
    assert incoming.raw.loc[0, "notes"] == "Attaque près de Boni"


# Each bad file and the message it gets (the file is always named).
BAD_FILES = [
    (b"event_id_cnty,notes\nMLI1,caf\x80\x81\n", "bad.csv: cannot tell the text encoding (byte 0x80 at offset 28"),
    (b"\x00\x01\x02\x03binary\xff\xfe", "bad.csv: cannot tell the text encoding"),
    (b"a,b;c\n1,2;3\n", "bad.csv: cannot tell the delimiter (the header has 1 comma and 1 semicolon); use one of them"),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES, ids=["cp1252-bytes", "binary", "delimiter-tie"])
def test_unreadable_files_are_refused_naming_the_file(data, message):
    with pytest.raises(UnreadableFile) as raised:
        read_incoming(data, "bad.csv")
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20231114", "not a date (expected YYYY-MM-DD): '20231114'"),
        ("2023-W46-2", "not a date (expected YYYY-MM-DD): '2023-W46-2'"),
        ("2023-11-31", "not a date (expected YYYY-MM-DD): '2023-11-31'"),
        ("2023-11-14T10:00", "not a date (expected YYYY-MM-DD): '2023-11-14T10:00'"),
        ("14/11/2023", "not a date (expected YYYY-MM-DD): '14/11/2023'"),
    ],
)
def test_iso_fields_take_yyyy_mm_dd_only(text, message):
    with pytest.raises(BadDate, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_iso(text)


def test_iso_date_is_parsed():
    assert parse_iso("2023-11-14").isoformat() == "2023-11-14"


# (event_date cells of one file, the ISO dates or {position: message})
ACLED_COLUMNS = [
    (["16 May 2025", "16-May-2025", "2025-05-16", "16 Mai 2025"], {3: "not a date (expected YYYY-MM-DD, 16 May"}),
    (["05/06/2025", "25/06/2025"], ["2025-06-05", "2025-06-25"]),  # a day above 12: day first
    (["05/06/2025", "06/25/2025"], ["2025-05-06", "2025-06-25"]),  # a second part above 12: month first
    (["05/05/2025", "01/01/2024"], ["2025-05-05", "2024-01-01"]),  # equal parts: no ambiguity
    (
        ["05/06/2025", "04/03/2025"],
        {
            0: "'05/06/2025' could be day-month or month-day and no date in the column tells which; "
            "write event_date as YYYY-MM-DD",
            1: "'04/03/2025' could be day-month or month-day",
        },
    ),
    (["25/06/2025", "06/25/2025"], {0: "'25/06/2025': the column mixes day-first and month-first dates"}),
    (["31/02/2025", "25/06/2025"], {0: "not a date: '31/02/2025' (read as day-month)"}),
    (["20231114"], {0: "not a date (expected YYYY-MM-DD, 16 May 2025 or 16/05/2025): '20231114'"}),
    (["2023-W46-2"], {0: "not a date (expected YYYY-MM-DD, 16 May 2025 or 16/05/2025): '2023-W46-2'"}),
]


@pytest.mark.parametrize(("cells", "expected"), ACLED_COLUMNS)
def test_acled_date_column(cells, expected):
    iso, problems = parse_date_column(pd.Series(cells), "event_date", "acled")
    if isinstance(expected, list):
        assert problems == {}
        assert iso.tolist() == expected
    else:
        assert set(problems) >= set(expected)
        for position, message in expected.items():
            assert problems[position].startswith(message), problems[position]


def test_an_ambiguous_date_is_refused_with_row_and_field_in_the_import():
    rows = [
        {**ACLED_ROW, "event_id_cnty": f"MLI{i}", "event_date": day}
        for i, day in enumerate(["05/06/2025", "2025-06-05"])
    ]
    result = prepare_import(read_incoming(csv_text(rows).encode(), "us.csv"), NOTHING_STORED)
    assert [(r.row, r.field) for r in result.rejected] == [(2, "event_date")]
    assert "could be day-month or month-day" in result.rejected[0].reason
    assert result.accepted["event_id_cnty"].tolist() == ["MLI1"]


def test_a_column_that_tells_the_order_imports_us_dates():
    days = ["05/06/2025", "06/25/2025"]
    rows = [{**ACLED_ROW, "event_id_cnty": f"MLI{i}", "event_date": day} for i, day in enumerate(days)]
    result = prepare_import(read_incoming(csv_text(rows).encode(), "us.csv"), NOTHING_STORED)
    assert result.rejected == []
    assert result.accepted["event_date"].tolist() == ["2025-05-06", "2025-06-25"]


@pytest.mark.parametrize("bad", ["20231114", "2023-W46-2"])
def test_our_own_schema_refuses_compact_and_week_dates(bad):
    from tests.conftest import event_row

    rows = [{**event_row(), "event_id_cnty": "X1", "event_date": bad}]
    result = prepare_import(read_incoming(csv_text(rows).encode(), "ours.csv"), NOTHING_STORED)
    assert [(r.field, r.reason) for r in result.rejected] == [
        ("event_date", f"not a date (expected YYYY-MM-DD): {bad!r}")
    ]


def test_fast_and_exact_paths_both_refuse_single_digit_iso_parts():
    from data.validation.validate import validate_events
    from tests.conftest import event_row, raw_table

    result = validate_events(raw_table(event_row(event_id_cnty="A", event_date="2023-1-5")), "x.csv")
    assert result.kept.empty
    assert [(r.field, r.reason) for r in result.rejected] == [
        ("event_date", "not a date (expected YYYY-MM-DD): '2023-1-5'")
    ]
