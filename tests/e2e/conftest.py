"""Browser tests: the app served by `streamlit run` on a free port, driven in Chromium.

Uses Debian's Chromium (/usr/bin/chromium, installed by `make test`). Without it the tests are
skipped on a developer's machine, and fail under CI (CI=true), where a missing browser must
never pass silently.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
CHROMIUM = os.environ.get("GDGAME_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on a free port; returns the process and its URL once healthy."""
    port = _free_port()
    secrets = Path(tempfile.mkdtemp(prefix="gdgame-e2e-")) / "secrets.toml"
    secrets.write_text(  # the leaderboard in a throw-away database, not data/
        f'[connections.leaderboard]\nurl = "sqlite:///{secrets.parent / "e2e.sqlite"}"\n'
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--secrets.files", str(secrets)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"streamlit did not start on {url}\n{proc.stdout.read().decode()}")
            time.sleep(0.3)


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server():
    """The app served on localhost for this test session; yields its URL."""
    proc, url = start_server()
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


# Under a page's path the frontend first looks for the server there (/page/_stcore/health),
# then at the root: those two 404s are Streamlit's base-path probe, not an error of ours.
PROBES = ("/_stcore/health", "/_stcore/host-config")


class Console:
    """Errors a page logged, less the known base-path probes."""

    def __init__(self, pg) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        pg.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: self.errors.append(str(e)))
        pg.on("response", lambda r: self.failed.append(r.url) if r.status >= 400 else None)

    def unexpected(self) -> list[str]:
        probes = [u for u in self.failed if u.endswith(PROBES)]
        errors = [e for e in self.errors if not e.startswith("Failed to load resource")]
        loads = [e for e in self.errors if e.startswith("Failed to load resource")]
        others = [u for u in self.failed if u not in probes]
        return errors + others + loads[len(probes) :]


@pytest.fixture
def open_app(browser, server):
    """Opens a path of the app in a fresh browser page; fails on unexpected console errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    consoles = []

    def open_path(path: str = "/", base: str | None = None):
        pg = context.new_page()
        consoles.append(Console(pg))
        pg.goto((base or server) + path, wait_until="networkidle")
        pg.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        return pg

    yield open_path
    context.close()
    for console in consoles:
        assert not console.unexpected(), f"browser console errors: {console.unexpected()}"


def settle(pg, timeout: int = 30_000) -> None:
    """Wait until no script run is in flight: the page shows one run's elements, none stale."""
    pg.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                         timeout=timeout)  # fmt: skip
