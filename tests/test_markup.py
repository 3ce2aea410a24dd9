"""HTML only from our templates: every HTML fragment shows script and template syntax from data as text.

Each output the app builds from data (popups, tooltips, the comparison's legend and tooltips, the
exports' stamp, the article highlights, the brief's footer) is fed a field holding ``<script>``,
``{{7*7}}`` and ``{% if``; each must come out escaped and literal, never run or evaluated.
"""

from __future__ import annotations

import ast
import json
from datetime import UTC, date, datetime

import pandas as pd
import pytest
import shapely
from jinja2 import TemplateNotFound

from data.validation.validate import validate_events
from geo.articles.extraction import extract
from geo.articles.review import highlight_html
from geo.documents.furniture import StoryCaption, source_line, stamp_html
from geo.map.compare import _legend_html, comparison_layers
from geo.map.popups import event_popup_html, event_tooltip_html, status_tooltip_html
from geo.markup import TEMPLATE_DIRS, html_text, render
from tests.conftest import PUBLISHED, ROOT, event_row, raw_table

HOSTILE = "<script>alert(1)</script> {{7*7}}cmq {% if"
# SVG built in Python remains here: the symbols, drawn from our own palette and shapes (no text
# from data reaches them); moving them to templates is left to the module's owner.
HTML_IN_PYTHON_LEFT = {"geo/map/style.py"}
DAYS = (date(2012, 5, 1), date(2026, 4, 29))


def assert_shown_as_text(html: str) -> None:
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{7*7}}cmq" in html  # literal: not compiled as a template
    assert "49cmq" not in html
    assert "{% if" in html


def hostile_event(**fields) -> dict:
    text = {name: f"{HOSTILE} {name}" for name in ("notes", "actor1", "location", "admin1", "source", "source_title")}
    raw = raw_table(event_row(**text, **fields))
    return validate_events(raw, "hostile.csv").kept.iloc[0].to_dict()


def hostile_record() -> dict:
    fields = {name: f"{HOSTILE} {name}" for name in ("name", "status", "actor", "notes", "source")}
    return {**fields, "valid_from": date(2024, 1, 1), "valid_to": None}


def test_the_popup_shows_every_field_as_text():
    html = event_popup_html(hostile_event(imported_from=f"acled: {HOSTILE}.csv", source_url="https://x.example/?a=1&b"))
    assert_shown_as_text(html)
    for field in ("notes", "actor1", "location", "admin1", "source", "source_title"):
        assert f"{html_text(HOSTILE)} {field}" in html, field
    assert 'href="https://x.example/?a=1&amp;b"' in html  # the link's address escaped too


def test_a_link_that_is_not_http_is_not_a_link():
    assert "<a " not in event_popup_html(hostile_event(source_url="javascript:alert(1)"))


@pytest.mark.parametrize("tooltip", ["event", "status"])
def test_tooltips_show_text(tooltip):
    html = event_tooltip_html(hostile_event()) if tooltip == "event" else status_tooltip_html(hostile_record(), "name")
    assert_shown_as_text(html)


def test_the_comparison_legend_and_tooltips_show_text():
    legend = _legend_html(*DAYS, {(HOSTILE, f"{HOSTILE} status"): None}, {})
    assert_shown_as_text(legend)
    assert legend.endswith("<br>nobody</div>")  # nobody held anything on the second date
    groups = comparison_layers({(HOSTILE, "controlled"): shapely.box(0, 15, 1, 16)}, {}, *DAYS)
    tips = [tip for group in groups for child in group._children.values() for *_, tip in json.loads(child.shapes_json)]
    assert tips
    for tip in tips:
        assert_shown_as_text(tip)


def test_the_exports_stamp_shows_text():
    assert_shown_as_text(stamp_html((HOSTILE, HOSTILE, HOSTILE)))
    story = StoryCaption(HOSTILE, HOSTILE, HOSTILE, ())
    assert_shown_as_text(stamp_html(("Title", "1 May 2026", "all"), story=story))
    sources = source_line(pd.DataFrame({"source": [HOSTILE, HOSTILE, "AFP"]}))
    assert_shown_as_text(stamp_html(("Title", "1 May 2026", "all"), sources=sources))


def test_the_article_highlight_shows_text(gazetteer):
    text = f"{HOSTILE}\nFighting in Gao on Sunday."
    html = highlight_html(text, extract(text, PUBLISHED, gazetteer))
    assert_shown_as_text(html)
    assert "<br>Fighting in <mark" in html  # the line break kept, the place marked


def test_the_brief_footer_shows_text():
    from geo.documents.brief import BriefContent, page_footer

    content = BriefContent(HOSTILE, HOSTILE, "", None, None, None, None, datetime(2026, 1, 1, tzinfo=UTC))
    assert_shown_as_text(page_footer(content))


def test_only_our_template_folders_are_templates():
    with pytest.raises(TemplateNotFound):
        render("geo/markup.py")
    assert all(folder.is_dir() for folder in TEMPLATE_DIRS.values())


def html_f_strings(path) -> list[int]:
    """Lines of ``path`` with an f-string whose text starts a tag (``f"<b>{x}</b>"``)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.JoinedStr)
        and node.values
        and isinstance(node.values[0], ast.Constant)
        and str(node.values[0].value).lstrip().startswith("<")
    ]


def test_no_html_is_built_with_f_strings_outside_the_templates():
    found = {
        path.relative_to(ROOT).as_posix(): html_f_strings(path)
        for package in ("geo", "data", "components")
        for path in sorted((ROOT / package).rglob("*.py"))
    }
    built = {path for path, lines in found.items() if lines}
    assert built <= HTML_IN_PYTHON_LEFT, {path: found[path] for path in built - HTML_IN_PYTHON_LEFT}


def test_one_template_environment():
    makers = [
        path.relative_to(ROOT).as_posix()
        for package in ("geo", "data", "components")
        for path in sorted((ROOT / package).rglob("*.py"))
        if "Environment(" in path.read_text(encoding="utf-8")
    ]
    assert makers == ["geo/markup.py"]
