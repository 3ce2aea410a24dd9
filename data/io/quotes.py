"""Lines of a CSV that open a quote never closed: set aside, so the rest of the file still loads.

Without this, pandas reads every later line into the one open field (or gives up on the whole file).
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

MAX_UNTERMINATED = 100  # a file with more lines opening a quote that never closes is not read
REASON = 'a quote (") opens a field and never closes; this line was skipped'


def parse(text: str, delimiter: str) -> pd.DataFrame:
    """``text`` as a table of strings ('' for empty cells)."""
    return pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)


def unterminated_record(error: Exception) -> int | None:
    """The record (0 = the header) where pandas found a quote that never closes, if that was the fault."""
    found = re.search(r"EOF inside string starting at row (\d+)", str(error))
    return int(found.group(1)) if found else None


def _line_of_record(lines: list[str], skipped: list[int], record: int, delimiter: str) -> int:
    """The 1-based line of ``lines`` on which ``record`` (counted in the lines not ``skipped``) starts."""
    kept_numbers = [number for number in range(1, len(lines) + 1) if number not in skipped]
    reader = csv.reader(io.StringIO("".join(lines[n - 1] for n in kept_numbers)), delimiter=delimiter)
    end = 0  # the physical line (among the kept) the previous record ended on
    for _ in range(record):
        next(reader)
        end = reader.line_num
    return kept_numbers[end]


def without_unterminated(text: str, record: int, delimiter: str) -> tuple[pd.DataFrame, list[int]]:
    """Parse ``text`` leaving out each line that opens a quote never closed.

    Parameters
    ----------
    text : str
        The decoded file.
    record : int
        The record pandas reported first (:func:`unterminated_record`).
    delimiter : str
        The file's delimiter.

    Returns
    -------
    tuple of (pandas.DataFrame, list of int)
        The table of the other lines, and the 1-based lines left out (ascending).

    Raises
    ------
    ValueError
        When another parse error remains, or more than :data:`MAX_UNTERMINATED` lines are at fault.
    """
    lines = text.splitlines(keepends=True)
    skipped: list[int] = []
    for _attempt in range(MAX_UNTERMINATED):
        skipped = sorted([*skipped, _line_of_record(lines, skipped, record, delimiter)])
        remaining = "".join(line for number, line in enumerate(lines, 1) if number not in skipped)
        try:
            return parse(remaining, delimiter), skipped
        except pd.errors.ParserError as error:
            record = unterminated_record(error)
            if record is None:
                raise ValueError(f"not a readable CSV file ({error})") from None
    raise ValueError(f"not a readable CSV file (more than {MAX_UNTERMINATED} unterminated quotes)")


def with_placeholders(frame: pd.DataFrame, skipped: list[int], first_row: int) -> tuple[pd.DataFrame, dict]:
    """``frame`` with an empty row where each skipped line was, and the problem of each such row."""
    problems = {}
    for line in skipped:  # ascending: each placeholder row goes where its line was
        position = line - first_row
        blank = pd.DataFrame([dict.fromkeys(frame.columns, "")])
        frame = pd.concat([frame.iloc[:position], blank, frame.iloc[position:]], ignore_index=True)
        problems[position] = ("row", REASON)
    return frame, problems
