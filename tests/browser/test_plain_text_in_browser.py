"""Markdown from a link shows literally in the real frontend: no link, colour, icon, emoji or strike.

AppTest sees only the Markdown source; this is where remark-gfm's bare-URL links were caught (a
backslash escape does not stop them; ``components.plain`` breaks them with a word joiner)."""

from __future__ import annotations

from urllib.parse import quote

PAYLOAD = "https://evil.example/login :red[x] ~~s~~ :material/home: :skull: www.evil.example help@evil.example **b**"


def test_link_words_show_literally_in_the_header(page, app_url):
    page.goto(f"{app_url}/?q={quote(PAYLOAD)}")
    header = page.locator('[data-testid="stMarkdown"]', has_text="As of").first
    header.wait_for(timeout=60_000)
    text = header.inner_text().replace("\u2060", "")  # the joiners are invisible
    assert f"“{PAYLOAD}”" in text
    assert header.locator("a").count() == 0
    assert header.locator("del, s, [data-testid='stIconMaterial'], span[class*='color'], span[style]").count() == 0
    assert header.locator("strong").count() == 1  # only our own "As of …"
    assert "💀" not in text
