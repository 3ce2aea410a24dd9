"""Exports a briefer can send: the map as one offline HTML file, a PNG at a chosen size, a brief.

Each file is made only on request (a full render; the PNG and the PDF start headless Chromium, a
few seconds each), never on every rerun, and is offered for download until the view changes.
Session keys, under ``key``: ``.open`` whether the panel is open (its content is built only
then); ``.html``, ``.png``, ``.brief`` hold the prepared files with the view they were made for;
``.size`` the chosen PNG size (its label); ``.since`` the "what changed since" day; ``.frame`` how
the map is framed (as on screen, or fitted to everything shown).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import streamlit as st

from components.plain import markdown
from geo.documents.brief import BRIEF_MAP, brief_for, brief_html, page_footer
from geo.documents.render import IMAGE_SIZES, ChromiumRenderer, ImageSize, Renderer, RendererUnavailable
from geo.documents.standalone import ExportView

AS_ON_SCREEN, FIT_ALL = "As on screen", "Fit everything shown"
LABEL = "Export: map file, picture, brief"


def _prepared(key: str, made_for: object) -> object | None:
    """The file prepared under ``key`` if it was made for ``made_for``, else None (stale or absent)."""
    prepared = st.session_state.get(key)
    return prepared[1] if prepared and prepared[0] == made_for else None


def _render_error(what: str, error: Exception) -> None:
    if isinstance(error, RendererUnavailable):
        st.error(str(error), icon=":material/error:")  # our own message, with its command as code
    else:
        st.error(f"The {what} could not be made: {markdown(error)}", icon=":material/error:")


def _png(view: ExportView, size: ImageSize, renderer: Renderer, legend: bool = True) -> bytes:
    html = view.map_html(for_image=True, legend=legend)
    return renderer.png(html, size, view.symbols_drawn(size.width, size.height))


def _html_map(view: ExportView, made_for: object, key: str) -> bool:
    if st.button("Prepare the HTML map file", key=f"{key}.prepare", icon=":material/map:"):
        st.session_state[f"{key}.html"] = (made_for, view.map_html())
    document = _prepared(f"{key}.html", made_for)
    if document is not None:
        st.download_button(
            "Download map (opens offline)", data=document, file_name=f"conflict-map-{view.as_of:%Y-%m-%d}.html",
            mime="text/html", key=f"{key}.download",
        )  # fmt: skip
    return document is not None


def _picture(view: ExportView, made_for: object, renderer: Renderer, key: str) -> bool:
    sizes = {size.label: size for size in IMAGE_SIZES}
    size = sizes[st.selectbox("Picture size", list(sizes), key=f"{key}.size")]
    made_for = (made_for, size)
    if st.button("Render the map as a PNG", key=f"{key}.render_png", icon=":material/image:"):
        with st.spinner("Drawing the map in a headless browser…"):
            try:
                st.session_state[f"{key}.png"] = (made_for, _png(view, size, renderer))
            except Exception as error:  # a browser failure of any kind is told; the page goes on
                _render_error("picture", error)
    png = _prepared(f"{key}.png", made_for)
    if png is not None:
        width, height = size.pixels
        st.download_button(
            f"Download PNG ({width} × {height})", data=png, mime="image/png", key=f"{key}.download_png",
            file_name=f"conflict-map-{view.as_of:%Y-%m-%d}-{width}x{height}.png",
        )  # fmt: skip
    return png is not None


def _make_brief(view: ExportView, since, renderer: Renderer) -> tuple[str, bytes | None]:
    """The brief's HTML and PDF; without a browser, the HTML alone (saying the map image is missing).

    The map is drawn at ``BRIEF_MAP``, whatever the picture size chosen beside it, so that its
    labels print at 8 pt or more.
    """
    try:
        png = _png(view, BRIEF_MAP, renderer, legend=False)  # the brief prints it under the picture
    except Exception as error:
        _render_error("map image", error)
        return brief_html(brief_for(view, since, None, datetime.now(UTC))), None
    content = brief_for(view, since, png, datetime.now(UTC))
    document = brief_html(content)
    try:
        return document, renderer.pdf(document, footer=page_footer(content))
    except Exception as error:
        _render_error("PDF", error)
        return document, None


def _brief(view: ExportView, made_for: object, renderer: Renderer, key: str) -> bool:
    latest = view.as_of - timedelta(days=1)
    since = st.date_input(
        "What changed since", value=view.as_of - timedelta(days=7), max_value=latest, key=f"{key}.since",
        help="The brief lists what happened after this day up to the as-of date, against the period before.",
    )  # fmt: skip
    made_for = (made_for, since)
    if st.button("Prepare the brief (HTML and PDF)", key=f"{key}.prepare_brief", icon=":material/description:"):
        with st.spinner("Writing the brief and printing it to PDF…"):
            st.session_state[f"{key}.brief"] = (made_for, _make_brief(view, since, renderer))
    brief = _prepared(f"{key}.brief", made_for)
    if brief is not None:
        document, pdf = brief
        name = f"conflict-map-brief-{view.as_of:%Y-%m-%d}"
        st.download_button("Download brief (HTML)", data=document, file_name=f"{name}.html", mime="text/html",
                           key=f"{key}.download_brief_html")  # fmt: skip
        if pdf is not None:
            st.download_button("Download brief (PDF)", data=pdf, file_name=f"{name}.pdf", mime="application/pdf",
                               key=f"{key}.download_brief_pdf")  # fmt: skip
    return brief is not None


def _framed(view: ExportView, key: str) -> ExportView:
    """The view framed as the briefer chooses: as on screen (once the map has moved) or fitted."""
    if view.screen is None:
        st.caption("Framed on everything shown (move the map to export it as on screen).")
        return view
    frame = st.radio(
        "Map framing", (AS_ON_SCREEN, FIT_ALL), horizontal=True, key=f"{key}.frame",
        help="As on screen: the map's centre and zoom; a bigger picture shows more around that centre. "
        "Fit everything shown: framed on the events, towns and territory drawn.",
    )  # fmt: skip
    return view if frame == AS_ON_SCREEN else replace(view, screen=None)


# A fragment: working inside the panel (a size, a button) reruns the panel alone, not the map above.
@st.fragment
def show(view: ExportView, renderer: Renderer | None = None, key: str = "export") -> tuple[str, ...]:
    """The export panel: HTML map, PNG and brief; returns which of them are ready to download.

    Parameters
    ----------
    view : geo.documents.standalone.ExportView
        What the page shows; its ``screen`` (the view on screen, if the map moved) is offered as
        the framing, against fitting everything shown.
    renderer : geo.documents.render.Renderer, optional
        Draws PNGs and PDFs; default headless Chromium (tests pass a fake).
    key : str
        Prefix of this component's session keys.
    """
    renderer = renderer or ChromiumRenderer()
    # Built only while open (``{key}.open``): closed, the panel costs the page one label per run.
    panel = st.expander(LABEL, icon=":material/download:", key=f"{key}.open", on_change="rerun")
    if not panel.open:
        return ()
    with panel:
        view = _framed(view, key)
        made_for = (len(view.events), view.stamp, view.screen)
        html_column, png_column, brief_column = st.columns(3)
        with html_column:
            st.caption("The map as one HTML file: scripts and basemap inside, opens with no network.")
            html_ready = _html_map(view, made_for, key)
        with png_column:
            st.caption("A picture of the map as framed above, with the legend and as-of date.")
            png_ready = _picture(view, made_for, renderer, key)
        with brief_column:
            st.caption("A brief: a summary, the map, changes of control, deaths, every event with its source.")
            brief_ready = _brief(view, made_for, renderer, key)
    return tuple(name for name, ready in (("html", html_ready), ("png", png_ready), ("brief", brief_ready)) if ready)
