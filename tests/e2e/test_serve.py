"""In Chromium, through `make serve`'s stack (nginx in front of two app processes sharing
PostgreSQL): a student's process is killed mid-game, the page reconnects to the other one, and
the game goes on from its token with no step lost.

Needs Debian's nginx (make test installs it) and the test PostgreSQL (GDGAME_TEST_POSTGRES_URL,
as the storage tests do); under CI a missing one fails the run.
"""

import os
import random
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, Console, settle
from tests.e2e.test_game import chip, wait_for_steps

pytestmark = pytest.mark.e2e

NGINX = Path("/usr/sbin/nginx")


def free_ports(n: int) -> int:
    """The first of ``n`` consecutive free ports on localhost."""
    for _ in range(100):
        first = random.randrange(20_000, 40_000)
        try:
            sockets = [socket.create_server(("127.0.0.1", first + i)) for i in range(n)]
        except OSError:
            continue
        for s in sockets:
            s.close()
        return first
    raise RuntimeError("no free ports")


def missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} (make test provides it)")
    pytest.skip(what)


@pytest.fixture
def classroom(tmp_path):
    """deploy/serve.sh with two app processes; yields (url, {port: pid})."""
    database = os.environ.get("GDGAME_TEST_POSTGRES_URL")
    if not database:
        missing("GDGAME_TEST_POSTGRES_URL is not set")
    if not NGINX.exists():
        missing(f"nginx not found at {NGINX}")
    first = free_ports(3)
    env = {**os.environ, "WORKERS": "2", "PORT": str(first), "APP_PORT": str(first + 1),
           "DATABASE_URL": database, "SERVE_DIR": str(tmp_path)}  # fmt: skip
    proc = subprocess.Popen(["deploy/serve.sh"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{first}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pytest.fail("make serve's stack did not start")
            time.sleep(0.5)
    pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
    yield url, {first + 1 + i: pid for i, pid in enumerate(pids)}
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)


def upstream(pg, url: str) -> int:
    """The app process this page's requests go to (nginx names it in a header)."""
    response = pg.request.get(f"{url}/_stcore/health")
    return int(response.headers["x-gdgame-upstream"].rsplit(":", 1)[1])


def test_a_killed_process_loses_no_step_the_game_goes_on_from_its_token(browser, classroom):
    url, pids = classroom
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    console, sockets = Console(pg), []
    pg.on("websocket", lambda ws: sockets.append(ws))
    pg.goto(f"{url}/game", wait_until="networkidle")
    pg.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    for step in (1, 2):
        chip(pg, "0.01").click()
        wait_for_steps(pg, step)
    settle(pg)
    token = pg.url.split("game=")[1].split("&")[0]
    mine = upstream(pg, url)
    assert mine in pids and upstream(pg, url) == mine  # sticky: every request, one process
    os.kill(pids[mine], signal.SIGKILL)
    began = time.monotonic()
    # the page reconnects by itself, through nginx, to the process that is left
    pg.wait_for_function("() => true", timeout=1_000)
    deadline = time.monotonic() + 60
    while len(sockets) < 2 or sockets[-1].is_closed():
        assert time.monotonic() < deadline, "the page did not reconnect"
        pg.wait_for_timeout(200)
    settle(pg)
    wait_for_steps(pg, 2)
    other = upstream(pg, url)
    print(f"reconnected to port {other} after {time.monotonic() - began:.1f} s")
    assert other != mine and other in pids
    assert token in pg.url  # the same game, read back from PostgreSQL by its token
    chip(pg, "0.01").click()
    wait_for_steps(pg, 3)  # and it goes on
    assert not [e for e in console.errors if "WebSocket" not in e
                and not e.startswith("Failed to load resource")]  # fmt: skip
    context.close()
