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


def map_layer(at: AppTest) -> dict:
    """The window-aware layer's file (``geo.map.timeline_layer``) that the map's overlays point it at."""
    import re

    from geo.map.assets import STATIC_DIR

    name = re.search(r"timeline-[0-9a-f]{16}\.json", map_args(at)["feature_group"]).group(0)
    return json.loads((STATIC_DIR / "generated" / name).read_text(encoding="utf-8"))


def _page_days(at: AppTest) -> tuple[int, int, int]:
    from datetime import date

    start, end = at.session_state["timeline.range"]
    as_of = at.session_state["timeline.as_of"] if at.session_state["timeline.apart"] else end
    return tuple((day - date(1970, 1, 1)).days for day in (start, end, as_of))


def map_shown(at: AppTest) -> dict:
    """What the map's layer draws for the page's window: event fields, territory and town-status fields."""
    layer, (start, end, as_of) = map_layer(at), _page_days(at)
    events = layer["events"]
    shown = [i for i, (a, b) in enumerate(zip(events["first"], events["last"], strict=True)) if a <= end and b >= start]
    return {
        "events": [events["fields"][i] for i in shown],
        "territories": [v["fields"] for v in layer["territories"] if v["from"] <= as_of < v["to"]],
        "towns": [v["fields"] for v in layer["towns"] if v["from"] <= as_of < v["to"]],
    }


def map_event_count(at: AppTest) -> int:
    """How many events the map draws for the page's window."""
    return len(map_shown(at)["events"])


def window(at: AppTest):
    """The page's window ``(start, end)`` as its session holds it (the time bar draws it, no widget does)."""
    return at.session_state["timeline.range"]


def set_window(at: AppTest, start, end, as_of=None) -> AppTest:
    """Set the page's window from the server side (as a story step or a link does), then run the page.

    The time bar reports the user's moves (``BarReports``); both end in the same session keys.
    """
    at.session_state["timeline.range"] = (start, end)
    at.session_state["timeline.apart"] = as_of is not None and as_of != end
    if as_of is not None:
        at.session_state["timeline.as_of"] = as_of
    return at.run()


class BarReports:
    """The time bar as the browser runs it: its component returns the reports given here.

    ``data`` is what the page last sent the bar (bounds, window, revision, locked).
    """

    def __init__(self, monkeypatch):
        import components.timebar

        self.value: dict = {}
        self.data: dict | None = None
        self.seq = 0
        monkeypatch.setattr(components.timebar, "_bar", self._render)

    def _render(self, data, **_):
        self.data = data
        return self.value

    def report(self, at: AppTest, start, end, as_of=None) -> AppTest:
        """The bar reports ``start``–``end`` (as-of ``as_of``, else the end) at the revision it has; run."""
        from components.timebar import day_number

        self.seq += 1
        days = [day_number(day) for day in (start, end, as_of or end)]
        rev = self.data["rev"] if self.data else 0
        self.value = {"window": {"start": days[0], "end": days[1], "as_of": days[2], "seq": self.seq, "rev": rev}}
        return at.run()
