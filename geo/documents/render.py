"""Headless Chromium as a renderer: a self-contained HTML document in, a PNG or a PDF out.

This is the one place the app drives a browser (Debian's ``/usr/bin/chromium`` through
Playwright's Python API, never a downloaded browser). The documents it renders are built elsewhere
(``geo.documents.standalone``, ``geo.documents.brief``) with every asset inlined, so no server is needed and the page is
kept off the network. Each call launches Chromium (~1 s) in a worker thread of its own: Playwright's
synchronous API refuses to run in a thread that has an asyncio loop, and Streamlit's may have one.

At most ``CONFLICT_MAP_MAX_RENDERS`` browsers run at once in a server process (default 2, for a
2-core machine); a later render waits its turn (the page's spinner stays up) for up to
:data:`QUEUE_WAIT_S`, then gives up with a message rather than starting one more Chromium.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from data.config import positive_int_setting

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# Every event symbol drawn (single symbols plus the numbers in clusters) and the basemap painted.
MAP_DRAWN_JS = """(expected) => {
  if (!document.querySelector('.leaflet-container')) return false;
  const clustered = [...document.querySelectorAll('.marker-cluster span')]
    .reduce((n, s) => n + parseInt(s.textContent, 10), 0);
  const basemap = document.querySelectorAll('.leaflet-pane path').length > 0;
  return basemap && document.querySelectorAll('.cm-event').length + clustered >= expected;
}"""
_TWO_FRAMES_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@dataclass(frozen=True)
class ImageSize:
    """A PNG size: a viewport in CSS pixels, and how many image pixels each CSS pixel becomes."""

    label: str
    width: int
    height: int
    scale: float = 1.0

    @property
    def pixels(self) -> tuple[int, int]:
        """The PNG's width and height in pixels."""
        return round(self.width * self.scale), round(self.height * self.scale)


IMAGE_SIZES = (
    ImageSize("1280 × 720 (slides, HD)", 1280, 720),
    ImageSize("1920 × 1080 (Full HD)", 1920, 1080),
    # A4 landscape is 297 × 210 mm: 1123 × 794 CSS pixels, drawn at twice that (about 190 dpi).
    ImageSize("A4 landscape (2246 × 1588)", 1123, 794, 2.0),
)


class RendererUnavailable(RuntimeError):
    """The browser (or Playwright) is missing, or busy: the message says what to do."""


class RendererBusy(RendererUnavailable):
    """Every render slot stayed taken for :data:`QUEUE_WAIT_S`."""


QUEUE_WAIT_S = 90.0
MAX_RENDERS = positive_int_setting(dict(os.environ), "CONFLICT_MAP_MAX_RENDERS")
# One per server process: every session's renders share these slots.
RENDER_SLOTS = threading.BoundedSemaphore(MAX_RENDERS)


class Renderer(Protocol):
    """What the export component needs from a renderer (a fake one stands in for tests)."""

    def png(self, html: str, size: ImageSize, events: int) -> bytes:
        """A screenshot of the map in ``html`` once its ``events`` symbols are drawn."""
        ...

    def pdf(self, html: str, footer: str = "") -> bytes:
        """``html`` printed to A4 pages, ``footer`` (HTML, escaped by its maker) at the foot of each."""
        ...


class ChromiumRenderer:
    """Renders with Debian's headless Chromium, all network requests refused."""

    def __init__(self, executable: Path = CHROMIUM, timeout_s: float = 60) -> None:
        self.executable = Path(executable)
        self.timeout_ms = timeout_s * 1000

    def png(self, html: str, size: ImageSize, events: int) -> bytes:
        """See :class:`Renderer`."""

        def shoot(page) -> bytes:
            page.set_content(html, wait_until="load", timeout=self.timeout_ms)
            page.wait_for_function(MAP_DRAWN_JS, arg=events, timeout=self.timeout_ms)
            page.evaluate(_TWO_FRAMES_JS)
            return page.screenshot(type="png")

        viewport = {"width": size.width, "height": size.height}
        return self._in_browser(shoot, {"viewport": viewport, "device_scale_factor": size.scale})

    def pdf(self, html: str, footer: str = "") -> bytes:
        """See :class:`Renderer`."""

        def print_pages(page) -> bytes:
            page.set_content(html, wait_until="load", timeout=self.timeout_ms)
            if not footer:
                return page.pdf(prefer_css_page_size=True, print_background=True)
            # Chromium draws the footer in the page's bottom margin (brief.css leaves 16 mm).
            return page.pdf(
                prefer_css_page_size=True,
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer,
            )

        return self._in_browser(print_pages, {})

    def _in_browser(self, job: Callable, context_options: dict) -> bytes:
        if not self.executable.exists():
            raise RendererUnavailable(
                f"Chromium is not installed ({self.executable} is missing), so images and PDFs cannot be "
                "made. Run `bash scripts/setup.sh` (it installs Debian's chromium package), then try again."
            )
        if not RENDER_SLOTS.acquire(timeout=QUEUE_WAIT_S):
            raise RendererBusy(
                f"The server is already drawing {MAX_RENDERS} maps or briefs for other people and this one waited "
                f"{QUEUE_WAIT_S:.0f} s for its turn. Please try again in a minute."
            )
        try:
            with ThreadPoolExecutor(max_workers=1) as worker:
                return worker.submit(self._run, job, context_options).result()
        finally:
            RENDER_SLOTS.release()

    def _run(self, job: Callable, context_options: dict) -> bytes:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:
            raise RendererUnavailable("Playwright is not installed: run `bash scripts/setup.sh`.") from error
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(self.executable), args=list(CHROMIUM_FLAGS))
            try:
                context = browser.new_context(**context_options)
                context.route("**/*", _offline)
                return job(context.new_page())
            finally:
                browser.close()


def _offline(route) -> None:
    """Inlined documents need nothing from outside: refuse any request that would leave the page."""
    if route.request.url.startswith(("data:", "blob:", "about:")):
        route.continue_()
    else:
        route.abort()
