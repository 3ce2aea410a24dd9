"""A real app server and Debian's headless Chromium (never a downloaded browser)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from geo.documents import render
from tests.browser import app_utils  # noqa: F401 (sets expect()'s timeout for every browser test)
from tests.conftest import ROOT

# The app's own renderer (PNG and PDF exports) and the tests drive the same Chromium the same way.
CHROMIUM = str(render.CHROMIUM)
CHROMIUM_FLAGS = list(render.CHROMIUM_FLAGS)
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_PREFIXES = (
    "http://127.0.0.1",
    "http://localhost",
    "ws://127.0.0.1",
    "ws://localhost",
    "data:",
    "blob:",
    "about:",
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    """Wait for a just-started server to answer its health check.

    The one polling loop of the browser tests, and the one place they sleep: before the server
    listens there is no page for Playwright's ``expect()`` to watch, only a port that refuses
    connections, so the check is retried every 0.2 s (``tests/test_browser_helpers.py`` allows it
    here and nowhere else).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} not healthy after {timeout} s")


@contextlib.contextmanager
def running_app(env: dict[str, str], log_name: str = "streamlit.log"):
    """A ``streamlit run dashboard.py`` on a free local port; yields its URL, stops it after."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / log_name).open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(url, process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url():
    with running_app({"CONFLICT_MAP_BASEMAP": "vector"}) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/setup.sh --browser` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.outside_requests = []
    page.on("request", lambda r: None if r.url.startswith(LOCAL_PREFIXES) else page.outside_requests.append(r.url))
    yield page
    context.close()
