"""PNG and brief made by headless Chromium: the right size, a drawn map, a PDF with pages.

Each file is saved under test-artifacts/ to be looked at (the PDF's first page as a PNG too).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import UTC, date, datetime

import numpy as np
import pytest
from PIL import Image

from data.view.filters import valid_at
from geo.documents.brief import BRIEF_MAP, brief_for, brief_html, page_footer
from geo.documents.render import IMAGE_SIZES, ChromiumRenderer
from geo.documents.standalone import ExportView
from geo.map.basemap import load_basemap
from geo.map.style import BASEMAP_COLOURS
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_map_in_browser import map_frame
from tests.conftest import PUBLISHED

CLUSTER_GREY = (45, 45, 45)  # the cluster bubbles' fill (geo.map.build MAP_CSS)


@pytest.fixture(scope="module")
def view(dataset):
    stamp = ("Conflict Map: northern Mali", "29 Apr 2026", f"Showing {len(dataset.events)} of {len(dataset.events)}")
    territories, towns = valid_at(dataset.territories, PUBLISHED), valid_at(dataset.towns, PUBLISHED)
    history = (dataset.events, dataset.territories, dataset.towns)
    return ExportView(dataset.events, territories, towns, load_basemap(), stamp, PUBLISHED, history)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def share_near(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 6) -> float:
    """Share of the pixels within ``tolerance`` of ``colour`` on every channel."""
    pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    return float((np.abs(pixels - np.array(colour)) <= tolerance).all(axis=2).mean())


def distinct_colours(image: Image.Image) -> int:
    pixels = np.asarray(image.convert("RGB")).reshape(-1, 3)
    return len(np.unique(pixels, axis=0))


def assert_is_a_drawn_map(png: bytes, pixels: tuple[int, int]) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == pixels
    assert distinct_colours(image) > 300  # not blank: land, sea, borders, rivers, symbols, text
    assert share_near(image, hex_rgb(BASEMAP_COLOURS["land"])) > 0.15  # the basemap is drawn
    assert share_near(image, CLUSTER_GREY, tolerance=12) > 0.0005  # and the event clusters on it
    return image


@pytest.mark.parametrize("size", [IMAGE_SIZES[0], IMAGE_SIZES[2]], ids=["hd", "a4"])
def test_png_of_the_current_view_at_the_chosen_size(view, size):
    png = ChromiumRenderer().png(view.map_html(for_image=True), size, len(view.events))
    (ARTIFACTS / f"export-{size.pixels[0]}x{size.pixels[1]}.png").write_bytes(png)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert_is_a_drawn_map(png, size.pixels)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_brief_as_html_and_pdf(view):
    ARTIFACTS.mkdir(exist_ok=True)
    renderer = ChromiumRenderer()
    png = renderer.png(view.map_html(for_image=True, legend=False), BRIEF_MAP, len(view.events))
    content = brief_for(view, date(2026, 4, 22), png, datetime.now(UTC))
    document = brief_html(content)
    (ARTIFACTS / "brief.html").write_text(document, encoding="utf-8")
    pdf = renderer.pdf(document, footer=page_footer(content))
    (ARTIFACTS / "brief.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    assert pages >= 2  # the summary, map and changes, then the event list
    for tool in ("pdftoppm", "pdftotext"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: run `bash scripts/setup.sh --browser` (installs poppler-utils)")
    # Every page carries the title, the as-of date and its number (Chromium's footer).
    for number in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "brief.pdf", "-"], cwd=ARTIFACTS,
                              check=True, capture_output=True, text=True).stdout  # fmt: skip
        assert f"as of {view.stamp[1]}" in text, number
        assert f"page {number} of {pages}" in text, number
    # Every page as a picture, for a person to look at (test-artifacts/brief-page-N.png).
    for old in ARTIFACTS.glob("brief-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", "brief.pdf", "brief-page"], cwd=ARTIFACTS, check=True)
    first = sorted(ARTIFACTS.glob("brief-page-*.png"))[0]
    page = Image.open(first).convert("RGB")
    assert page.width < page.height  # A4 portrait
    assert distinct_colours(page) > 300  # text and the map image, not a blank page


def download(page, button_name: str):
    """Wait for the download button named ``button_name``, press it, save the file in test-artifacts."""
    button = page.get_by_role("button", name=button_name)
    button.wait_for(timeout=90_000)
    with page.expect_download() as download:
        button.click()
    path = ARTIFACTS / f"app-{download.value.suggested_filename}"
    download.value.save_as(path)
    return path


def test_the_app_offers_the_png_and_the_brief_for_download(app_url, page):
    page.goto(app_url)
    map_frame(page)
    page.get_by_text("Export: map file, picture, brief").click()
    page.get_by_role("button", name="Render the map as a PNG").click()
    png = download(page, "Download PNG (1280 × 720)")
    assert png.name == f"app-conflict-map-{PUBLISHED:%Y-%m-%d}-1280x720.png"
    assert_is_a_drawn_map(png.read_bytes(), (1280, 720))
    page.get_by_role("button", name="Prepare the brief (HTML and PDF)").click()
    pdf = download(page, "Download brief (PDF)")
    assert pdf.name == f"app-conflict-map-brief-{PUBLISHED:%Y-%m-%d}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf_pages(pdf.read_bytes()) >= 2
    brief = download(page, "Download brief (HTML)").read_text(encoding="utf-8")
    assert "Changes of control since 22 Apr 2026" in brief
    page.screenshot(path=str(ARTIFACTS / "export-panel.png"), full_page=True)
    assert page.outside_requests == []
