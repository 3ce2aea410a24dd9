"""Our text that carries data shows it literally: one escaper (``components.plain``) for every place
where Streamlit would read Markdown, fed Markdown payloads through each place on the page (AppTest).

Places: the header sentence (``q=`` words and actor names), link notices, the table caption (id and
place), the story card (title and text), the import panel's messages (file name) and the article
highlight (HTML with no Markdown pass)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from components.plain import markdown
from tests.page import open_page, shown

PAYLOADS = {
    "bare url": "see https://evil.example/login now",
    "www": "www.evil.example",
    "email": "help@evil.example",
    "link": "[login](https://evil.example/login)",
    "image": "![x](http://evil.example/a.png)",
    "colour": ":red[urgent] :blue-background[x]",
    "icon": ":material/warning: Kidal",
    "emoji": ":skull: :fire:",
    "strike": "~~struck~~ and ~one~",
    "emphasis": "**bold** _it_ `code`",
    "maths": "$x^2$ and $$y$$",
    "heading and list": "# Heading\n- item\n1. first",
    "html": "<b>bold</b> &amp; &#x41;",
    "directive": ":small[tiny] :shimmer[glow]",
}
# Substrings that, left unescaped in the source, would become markup.
TRIGGERS = ("https://", "http://", "www.", "@evil", "](", ":red[", ":material/", ":skull:", "~~", "~one~",
            "**bold", "$x", "# H", "- item", "<b>", "&amp;", ":small[")  # fmt: skip
PUNCTUATION = r"[!-/:-@\[-`{-~]"


def assert_literal(source: str, payload: str) -> None:
    """``payload`` is in ``source`` escaped (no trigger left bare) and reads as typed once shown."""
    assert markdown(payload) in source
    assert " ".join(payload.split()) in shown(source)
    rest = source.replace(markdown(payload), "")  # no copy of the payload left bare beside the escaped one
    for trigger in TRIGGERS:
        if trigger in payload:
            assert trigger not in rest, (trigger, source)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_escaper_leaves_no_punctuation_bare(payload):
    escaped = markdown(payload)
    assert re.fullmatch(rf"(?:\\{PUNCTUATION}|(?!{PUNCTUATION})\S| )*", escaped), escaped
    assert shown(escaped) == " ".join(payload.split())


def test_there_is_one_markdown_escaper():
    from tests.conftest import ROOT

    needles = ('r"\\\\\\1"', '"\\\\" + ch', "def plain(", "def _plain(")  # a backslash-escaping sub or helper
    escapers = sorted(
        path.relative_to(ROOT).as_posix()
        for folder in ("components", "data", "geo")
        for path in (ROOT / folder).rglob("*.py")
        if any(needle in path.read_text(encoding="utf-8") for needle in needles)
    )
    assert escapers == ["components/plain.py"]


def header_page(payload: str):
    from datetime import date

    from components import header
    from data.view.filters import EventFilter, describe

    selection = EventFilter(date(2024, 1, 1), date(2024, 2, 1), text=payload, actors=(payload,))
    header.show("T", header.as_of_text(date(2024, 2, 1)), describe(selection, 3, 10))


def table_page(payload: str):
    from datetime import date

    import pandas as pd

    from components import event_table
    from geo.map.table import TableRows

    rows = pd.DataFrame({"Date": [pd.Timestamp(date(2024, 1, 2))], "Place": [payload], "Id": [payload]})
    event_table.show(TableRows(rows, 1), payload)
    event_table.show(TableRows(rows.iloc[:0], 0), payload, key="empty")


def story_page(payload: str):
    from datetime import date

    from components import story
    from data.view.stories import StoryStep

    day = date(2024, 1, 2)
    story.card((StoryStep(payload, payload, (), (1.0, 18.0), 6, (day, day), day), 0, 1))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_header_table_and_story_show_data_literally(payload):
    header = AppTest.from_function(header_page, kwargs={"payload": payload}).run()
    sentence = next(m.value for m in header.markdown if m.value.startswith("**As of"))
    assert sentence.count(markdown(payload)) == 2  # the q= words and the actor
    assert_literal(sentence, payload)
    table = AppTest.from_function(table_page, kwargs={"payload": payload}).run()
    selected, missing = (c.value for c in table.caption)
    assert "**Selected: " in selected  # our own emphasis still works
    assert selected.count(markdown(payload)) == 2  # the id and the place
    assert_literal(selected, payload)
    assert_literal(missing, payload)
    card = AppTest.from_function(story_page, kwargs={"payload": payload}).run()
    (text,) = [m.value for m in card.markdown]
    assert text.startswith("**1/1 · ")
    assert text.count(markdown(payload)) == 2
    assert_literal(text, payload)


def test_link_words_and_link_notices_show_literally():
    payload = "[login](https://evil.example/l) :red[x] ~~s~~"
    at = open_page({"q": payload, "type": payload})
    assert_literal(next(m.value for m in at.markdown if m.value.startswith("**As of")), payload)
    notices = [w.value for w in at.warning if w.value.startswith("From the link")]
    assert notices
    assert all(":red[" not in n and "https://" not in n for n in notices)
    assert any(markdown(payload) in n for n in notices)


def import_page(store_path: str):
    import pandas as pd

    from components import import_events
    from data.access.roles import Role, Writer
    from data.stores.events import open_store

    import_events.show(open_store(store_path), pd.Series([], dtype=str), Writer("a", Role.ANALYST), key="import")


def test_a_file_name_shows_literally_in_the_import_messages(tmp_path):
    name = ":red[x] ~~s~~ [a](https://evil.example).csv"
    at = AppTest.from_function(import_page, kwargs={"store_path": str(tmp_path / "s.sqlite")}, default_timeout=60)
    at.session_state["import.open"] = True
    at.run()
    at.file_uploader(key="import.file").upload(name, b"a,b\n1,2\n", "text/csv").run()
    at.button(key="import.run").click().run()
    (error,) = [e.value for e in at.error]
    assert_literal(error, name)


def review_page(text: str):
    from datetime import date

    from components import article_review
    from data.access.roles import Role, Writer
    from data.stores.events import open_store
    from geo.gazetteer.gazetteer import load_gazetteer

    store = open_store(":memory:")
    article_review.show(load_gazetteer(), "ML", store, date(2026, 4, 29), Writer("a", Role.ANALYST), key="r")


def test_the_article_highlight_is_html_with_no_markdown_pass():
    text = "Fighters attacked Gao on Monday. See https://evil.example/login :red[x] ~~s~~ **b** <b>hi</b>"
    at = AppTest.from_function(review_page, kwargs={"text": ""}, default_timeout=60)
    at.session_state["r.text"] = text
    at.run()
    assert not at.exception, at.exception
    (element,) = at.get("html")
    body = element.proto.body
    assert "https://evil.example/login :red[x] ~~s~~ **b** &lt;b&gt;hi&lt;/b&gt;" in body
    assert "<a" not in body
    assert not [m for m in at.markdown if "evil.example" in m.value]  # never through st.markdown


def test_a_date_is_not_mistaken_for_data():
    assert markdown(date(2024, 1, 2).isoformat()) == "2024\\-01\\-02"
