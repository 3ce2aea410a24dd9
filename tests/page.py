"""The dashboard under ``streamlit.testing.v1.AppTest``: open it, read its header and its map."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def open_page(params: dict | None = None) -> AppTest:
    """The page after its first run, opened with ``params`` as its URL query (a shared link)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(params or {})
    at.run()
    assert not at.exception, at.exception
    return at


def shown(source: str) -> str:
    """Markdown source as the reader sees its text: ``components.plain``'s escapes and joiners undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", source).replace("\u2060", "")


def header_text(at: AppTest) -> str:
    """The "As of … · Showing …" line, as shown."""
    return shown(next(m.value for m in at.markdown if m.value.startswith("**As of")))


def maps(at: AppTest) -> list:
    """The map components on the page, in order (the page's other component is the key listener)."""
    return [element for element in at.get("component_instance") if "st_folium" in element.proto.component_name]


def map_element(at: AppTest):
    """The one map component's proto (what the browser would receive)."""
    elements = maps(at)
    assert len(elements) == 1, "exactly one map component"
    return elements[0].proto


def map_args(at: AppTest) -> dict:
    """The arguments st_folium sends the browser (script, overlays, centre, zoom, …)."""
    return json.loads(map_element(at).json_args)
