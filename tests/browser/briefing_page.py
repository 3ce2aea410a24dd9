"""Driving the briefing controls in a real page (shared by the browser tests and the benchmark)."""

from __future__ import annotations

import re
import time

AS_OF = re.compile(r"As of (\d{1,2} \w{3} \d{4})")
# Records, inside the page, the time and text of each new "As of …" header (one per frame).
RECORD_FRAMES_JS = """() => {
  window.__frames = [];
  const read = () => {
    const node = [...document.querySelectorAll('.st-key-stage p')].find(p => p.textContent.startsWith('As of'));
    const text = node ? node.textContent : '';
    const last = window.__frames[window.__frames.length - 1];
    if (text && (!last || last.text !== text)) window.__frames.push({t: performance.now(), text: text});
  };
  new MutationObserver(read).observe(document.body, {childList: true, subtree: true, characterData: true});
  read();
}"""


def wait_for(predicate, timeout: float = 60, step: float = 0.05):
    """Poll ``predicate`` until it is true; an element a rerun is replacing counts as not yet."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Error as error:  # "Frame was detached": the map's iframe was replaced (a theme change)
            if "detached" not in str(error) and "destroyed" not in str(error):
                raise
            value = None
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s")


def as_of_text(page) -> str:
    header = page.locator(".st-key-stage p", has_text="As of").first.inner_text()
    return AS_OF.search(header).group(1)


def map_frame(page, condition: str = "true", timeout: float = 60):
    """The map's iframe once Leaflet has drawn it and the JS expression ``condition`` holds there.

    The map remounts when its base changes (presentation theme), so the frame is looked up again.
    """
    script = f"() => !!(window.map && window.map.getCenter) && !!({condition})"

    def find():
        for frame in page.frames:
            try:
                if frame.evaluate(script):
                    return frame
            except Exception:  # a frame detached or not ready yet
                continue
        return None

    return wait_for(find, timeout)


def view_is(lon: float, lat: float, zoom: int) -> str:
    """JS condition: the map is centred on (lon, lat) at ``zoom``."""
    return (
        f"Math.abs(map.getCenter().lat - {lat}) < 0.05 && Math.abs(map.getCenter().lng - {lon}) < 0.05"
        f" && map.getZoom() === {zoom}"
    )


def switch(page, label: str) -> None:
    """Click a Streamlit toggle by its label."""
    page.locator("label", has_text=label).first.click()


def choose(page, key: str, option: str, attempts: int = 3) -> None:
    """Pick ``option`` in the selectbox whose Streamlit key is ``key``, then leave the box."""
    box = page.locator(f".st-key-{key.replace('.', '-')} input")
    for attempt in range(attempts):
        box.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5000)
            break
        except Exception:  # the list did not open (a rerun redrew the box): try again
            if attempt == attempts - 1:
                raise
    wait_for(lambda: box.input_value() == option)
    box.blur()
