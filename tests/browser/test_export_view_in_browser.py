"""A PNG of the map as on screen (zoomed to Kidal) differs from the fitted one, in the renderer and the app."""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
from PIL import Image
from playwright.sync_api import expect

from geo.documents.render import IMAGE_SIZES, ChromiumRenderer
from geo.documents.standalone import ScreenView
from tests.browser.app_utils import expect_map_holds, expect_map_ready
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_render_in_browser import download, share_near, view  # noqa: F401 (fixture)

KIDAL = ScreenView((1.40921, 18.44346), 8)
# The FLA-controlled area's fill over land as Chromium paints it (claim and control layered).
FLA_HELD = (239, 196, 169)


def picture(export_view, size) -> Image.Image:
    drawn = export_view.symbols_drawn(size.width, size.height)
    png = ChromiumRenderer().png(export_view.map_html(for_image=True), size, drawn)
    return Image.open(io.BytesIO(png)).convert("RGB")


def dark_at_centre(image: Image.Image, half: int = 10) -> float:
    """Share of dark pixels (a cluster bubble, every channel under 90) in the square at the centre."""
    x, y = image.width // 2, image.height // 2
    square = np.asarray(image.crop((x - half, y - half, x + half, y + half)))
    return float((square < 90).all(axis=2).mean())


def test_png_as_on_screen_shows_the_view_not_everything(view):  # noqa: F811 (the fixture)
    size = IMAGE_SIZES[0]
    on_screen, fitted = replace(view, screen=KIDAL), replace(view, screen=None)
    zoomed, whole = picture(on_screen, size), picture(fitted, size)
    zoomed.save(ARTIFACTS / "export-as-on-screen-kidal-z8.png")
    whole.save(ARTIFACTS / "export-fitted.png")
    assert zoomed.size == whole.size == size.pixels
    # Kidal's cluster of events sits at the centre of the zoomed picture.
    assert dark_at_centre(zoomed) > 0.5
    # Zoomed in, the FLA-held north fills much of the frame; fitted, it is a small part of Mali.
    assert share_near(zoomed, FLA_HELD) > 0.25
    assert share_near(whole, FLA_HELD) < 0.05
    difference = np.abs(np.asarray(zoomed, dtype=np.int16) - np.asarray(whole, dtype=np.int16)).mean()
    assert difference > 10  # not the same picture with a detail changed


def test_the_app_exports_the_view_a_link_opened(app_url, page):
    """Link → map moved in the browser → its report → the panel's "as on screen" PNG."""
    page.goto(f"{app_url}/?lat=18.44346&lon=1.40921&zoom=8")
    expect_map_ready(page)
    expect_map_holds(page, "map.getZoom() === 8")
    page.get_by_text("Export: map file, picture, brief").click()
    expect(page.get_by_text("As on screen", exact=True)).to_be_visible(timeout=30_000)  # the map's report came back
    page.get_by_role("button", name="Render the map as a PNG").click()
    path = download(page, "Download PNG (1280 × 720)")
    image = Image.open(path).convert("RGB")
    image.save(ARTIFACTS / "app-export-as-on-screen-kidal-z8.png")
    assert dark_at_centre(image) > 0.5  # Kidal's cluster at the centre
    assert share_near(image, FLA_HELD) > 0.25
    assert page.outside_requests == []
