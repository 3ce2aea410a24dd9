"""Every number the README and docs/ state is checked: a row of ``tests/doc_claims_rows.py`` computes it
from the code or the shipped data, or it is a measurement and its line links to ``benchmarks/RESULTS.md``.

A row is (phrase, value): the page must say ``phrase.format(*value)`` exactly (white space folded).
A value is a constant, or a function of ``fixture`` (pytest's ``getfixturevalue``) for the data.
``test_every_number_a_page_states_is_checked_or_measured`` finds the numbers a row does not cover,
so a claim added later without a row fails until it gets one (or moves to the results file).
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tests.doc_claims_rows import CLAIMS

PAGES = ["README.md", *sorted(f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md") if p.name != "extraction.md")]
# docs/extraction.md states the extraction benchmark's measurements: tests/test_extraction_quality.py
# checks its rows against the gated values and the saved first run. Spans of a page another change is
# rewriting can be set aside here while it does (none now).
OWNED_ELSEWHERE: dict[str, list[tuple[str, str]]] = {}
UNITS = (
    "ms|s|seconds?|minutes?|KB|MB|GB|px|pixels?|pt|mm|dpi|km²|km|%|×|x|fps|frames?|events?|rows?|characters"
    "|places|names|labels|days|steps|presses|publishers|villages|columns|lines|payloads|chunks|times|pages?"
)
# A number and its unit: "60 s", "5,000 rows", "0.22–0.25 s", "20,000-row", "25 %", "1280 ×".
NUMBER = re.compile(rf"(?<![\w.,/-])\d[\d,]*(?:\.\d+)?(?:\s?[–-]\s?\d[\d,.]*)?[\s-]?(?:{UNITS})(?![\w²])")
GENERATED = re.compile(r"\[\[\[cog.*?\[\[\[end\]\]\]", re.DOTALL)
MEASURED = "benchmarks/RESULTS.md"


def _text(page: str) -> str:
    return (ROOT / page).read_text(encoding="utf-8")


def _said(phrase: str, value, fixture) -> str:
    """What the row says the page states: the phrase with the value the code or the data gives now."""
    value = value(fixture) if callable(value) else value
    return " ".join(phrase.format(*(value if isinstance(value, tuple) else (value,))).split())


def _pattern(said: str) -> re.Pattern:
    """The statement with any white space between its words (lines wrap)."""
    return re.compile(r"\s+".join(map(re.escape, said.split())))


ROWS = [(page, phrase, value) for page, rows in CLAIMS.items() for phrase, value in rows]


@pytest.mark.parametrize(("page", "phrase", "value"), ROWS, ids=[f"{p}: {ph[:48]}" for p, ph, _ in ROWS])
def test_the_page_says_what_the_code_gives(page, phrase, value, request):
    said = _said(phrase, value, request.getfixturevalue)
    assert said in " ".join(_text(page).split()), f"{page} should say: {said}"


def _exempt(page: str, text: str) -> list[tuple[int, int]]:
    """Spans nobody states by hand here: generated tables and the parts owned elsewhere."""
    spans = [m.span() for m in GENERATED.finditer(text)]
    for start, end in OWNED_ELSEWHERE.get(page, []):
        first = text.index(start)
        spans.append((first, text.index(end, first) + len(end)))
    return spans


def _line(text: str, position: int) -> tuple[int, str]:
    start, end = text.rfind("\n", 0, position) + 1, text.find("\n", position)
    return text.count("\n", 0, position) + 1, text[start : end if end >= 0 else None]


@pytest.mark.parametrize("page", PAGES)
def test_every_number_a_page_states_is_checked_or_measured(page, request):
    text = _text(page)
    said = [_said(phrase, value, request.getfixturevalue) for phrase, value in CLAIMS.get(page, [])]
    covered = [match.span() for statement in said for match in _pattern(statement).finditer(text)]
    covered += _exempt(page, text)
    unchecked = []
    for number in NUMBER.finditer(text):
        line_number, line = _line(text, number.start())
        inside = any(start <= number.start() and number.end() <= end for start, end in covered)
        if not inside and MEASURED not in line:
            unchecked.append(f"{page}:{line_number}: {number.group()!r} in {line.strip()[:90]!r}")
    assert unchecked == [], "add a row to tests/doc_claims_rows.py, or move the measurement to " + MEASURED


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("page", PAGES)
def test_links_to_the_results_name_a_section_it_has(page):
    results = (ROOT / MEASURED).read_text(encoding="utf-8")
    anchors = {_anchor(h) for h in re.findall(r"(?m)^#+ (.+)$", results)}
    linked = re.findall(r"RESULTS\.md#([\w-]+)", _text(page))
    assert sorted(set(linked) - anchors) == [], f"{page} links to sections {MEASURED} does not have"


def test_every_row_names_a_page_in_scope():
    assert set(CLAIMS) <= set(PAGES)


def test_the_readers_work_on_a_known_source():
    from tests.doc_claims import short

    assert [short(n) for n in (1_000, 200_000, 1_000_000, 1_500)] == ["1k", "200k", "1M", "1,500"]
    assert _anchor("Time bar: a first brief run, 7 Dec 2026") == "time-bar-a-first-brief-run-7-dec-2026"
    assert _pattern("up to 60 s").search("waiting up to\n  60 s for").group() == "up to\n  60 s"
