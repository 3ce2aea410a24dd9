"""HTML from our templates only: one Jinja environment with autoescape on, one escaper.

Every piece of HTML the app makes from data (popups and tooltips, the comparison's legend, the
exports' stamp, the article highlights, the brief) is one of our template files under a package's
``templates/`` folder, named ``<package>/<file>`` (``map/popup.html.j2``). Data only ever fills
their ``{{ }}`` slots, each through :func:`html_text`; a template is never compiled from data
(issue 11: branca compiling rendered text as a template ran code on the server).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, PrefixLoader, StrictUndefined
from markupsafe import Markup

from data.cells import is_missing

_GEO = Path(__file__).parent
# The folders whose files are templates; nothing else can be loaded.
TEMPLATE_DIRS = {name: _GEO / name / "templates" for name in ("map", "documents", "articles")}
_LITERAL_SAFE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\U00010800-\U00010fff]|[\U0001e800-\U0001efff]")
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def bidi_isolated(text: str) -> str:
    """``text`` without direction controls, isolated when it holds right-to-left letters.

    Explicit direction controls in data (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) are
    removed, and a value holding right-to-left letters is wrapped in U+2068 FIRST STRONG ISOLATE …
    U+2069 POP DIRECTIONAL ISOLATE, so it can never reverse our own label around it.
    """
    text = BIDI_CONTROLS.sub("", text)
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if RIGHT_TO_LEFT.search(text) else text


def html_text(value: object) -> str:
    """``value`` as text safe in HTML and in a JavaScript template literal; missing → empty.

    Besides ``<``, ``>``, ``&`` and quotes, the backtick, ``$`` and backslash are escaped: folium
    puts popup and tooltip HTML inside JavaScript template literals, where a note holding `` ` `` or
    ``${`` would otherwise break out. Bidirectional text is isolated (:func:`bidi_isolated`).
    """
    if is_missing(value):
        return ""
    return html.escape(bidi_isolated(str(value)), quote=True).translate(_LITERAL_SAFE)


def _escaped(value: object) -> Markup:
    """Every ``{{ value }}`` through :func:`html_text`; markup one of our templates made stays as is."""
    return value if isinstance(value, Markup) else Markup(html_text(value))


TEMPLATES = Environment(
    loader=PrefixLoader({name: FileSystemLoader(folder) for name, folder in TEMPLATE_DIRS.items()}),
    autoescape=True,
    finalize=_escaped,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, /, **values: object) -> str:
    """Our ``template`` (``"map/popup.html.j2"``) filled with ``values``, each escaped.

    A plain ``str`` (``Markup`` would escape whatever a caller appends to it); a fragment that goes
    into another template is passed as ``Markup(fragment)`` so that it is not escaped twice.
    """
    return TEMPLATES.get_template(template).render(**values).strip()
