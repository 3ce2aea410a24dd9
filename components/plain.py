"""Our text that carries data, shown as itself: the app's one Markdown escaper.

Streamlit renders Markdown (GitHub flavour plus its own directives) in ``st.markdown``,
``st.caption``, alerts and widget labels: ``**bold**``, links and *bare* URLs (``https://…``,
``www.…``, ``a@b.org``), ``:red[…]`` colours, ``:material/…:`` icons, ``:emoji:`` shortcodes,
``~strike~``, ``$maths$``, headings, lists, HTML and entities. Any text in such an element that
comes from data or from a link (``q=`` words, actor names, ids, file names, story text, notices)
goes through ``markdown`` here, once; no other module escapes Markdown.

CommonMark lets a backslash escape *every* ASCII punctuation character, so all of them are escaped:
no construct can start, and none is missed as new syntax appears. Streamlit's own pre-pass
(``:material/`` is rewritten before parsing) and its emoji plugin (loaded only when the source holds
``:word:``) see no ``:`` followed by a word and a ``:``, because every ``:`` and ``/`` is escaped.
Line breaks and runs of white space become one space, so data cannot start a heading, a list or an
indented code block.

Bare URLs and e-mail addresses are the exception: remark-gfm finds them in the text *after* escapes
are resolved, so escaping ``:`` and ``/`` does not stop ``https://evil.example`` becoming a link (checked in
a real browser: ``tests/browser/test_plain_text_in_browser.py``). An invisible WORD JOINER (U+2060)
after ``:`` in ``://``, between ``www`` and ``.`` and after ``@`` breaks those patterns; the text
looks the same (a copy of it carries the joiner). Text that needs no formatting at all is better
shown with ``st.text``.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character: !"#$%&'()*+,-./ :;<=>?@ [\]^_` {|}~
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_SPACE = re.compile(r"\s+")
JOINER = "\u2060"  # WORD JOINER: invisible, and not a character a URL or e-mail pattern accepts
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)


def markdown(text: object) -> str:
    """``text`` (made a string) escaped for Streamlit Markdown: it shows as written, one line."""
    flat = _AUTOLINK.sub(JOINER, _SPACE.sub(" ", str(text)).strip())
    return _PUNCTUATION.sub(r"\\\1", flat)
