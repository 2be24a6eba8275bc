"""In Chromium: the landscape view keeps the viewer's 3-D camera through steps, sends little
per step, takes plotly.js and the grids from Streamlit's media files (under a path prefix too),
shows a failed fetch and tries it again, purges plotly once it leaves the page, and turns a
click on the surface into a start point. The game page has two views: its map and its 3-D."""

import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import plotly
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import PROBES, ROOT, Console, _free_port, settle, stop_server
from tests.e2e.test_game import chip, wait_for_steps
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e

VIEW = ".st-key-game-3d div.gd-landscape"  # the game's 3-D view (the map is another)
ERROR = ".st-key-game-3d div.gd-landscape-error"
RACE_VIEW = ".st-key-race-3d div.gd-landscape"
NAME = b"gdgame.landscape_view"  # in every websocket message that carries the component's data
HOME_LINK = '[data-testid="stSidebarNavLink"]'  # the first: a page without a 3-D view
INSTALLED_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
TURNED = {"eye": {"x": -0.4, "y": 1.9, "z": 0.7}, "up": {"x": 0, "y": 0, "z": 1},
          "center": {"x": 0, "y": 0, "z": 0}}  # fmt: skip
COUNT_PURGES = (
    "() => { window.gdPurges = 0; const purge = window.gdPlotly.purge;"
    " window.gdPlotly.purge = (...a) => { window.gdPurges += 1; return purge(...a); }; }"
)


class Frames:
    """The websocket messages a page receives, from its next connection on."""

    def __init__(self, pg) -> None:
        self.received: list[bytes] = []
        pg.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload: bytes | str) -> None:
        self.received.append(payload if isinstance(payload, bytes) else payload.encode())

    def take(self) -> list[bytes]:
        taken, self.received = self.received, []
        return taken


def camera(pg) -> dict:
    return pg.locator(VIEW).evaluate("v => v._fullLayout.scene.camera")


def wait_for_renders(pg, n: int) -> None:
    pg.wait_for_function(f"n => document.querySelector('{VIEW}')?.dataset.renders >= n",
                         arg=n, timeout=20_000)  # fmt: skip


def start_server_under(prefix: str) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` served under a path prefix, as behind a proxy; its URL."""
    secrets = Path(tempfile.mkdtemp(prefix="gdgame-e2e-")) / "secrets.toml"
    secrets.write_text(
        f'[connections.leaderboard]\nurl = "sqlite:///{secrets.parent / "e2e.sqlite"}"\n'
    )
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--server.baseUrlPath", prefix, "--secrets.files", str(secrets)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/{prefix}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"streamlit did not start on {url}")
            time.sleep(0.3)


def statuses(pg, urls, wanted: int) -> list[int]:
    """The HTTP statuses of ``urls``, polled for a while until all are ``wanted``."""
    deadline = time.monotonic() + 10
    while True:
        found = [pg.request.get(url).status for url in urls]
        if set(found) == {wanted} or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_the_camera_stays_through_ten_steps_and_each_step_sends_little(open_app, server):
    # Not the server's first request: a deep link as a fresh server's very first request runs
    # in Streamlit's pages/ mode (see gdgame/ui/router.py) and its first rerun remounts every
    # element once, this one included.
    first = open_app("/")
    pg = first.context.new_page()
    first.close()
    console, frames = Console(pg), Frames(pg)
    pg.goto(f"{server}/game", wait_until="networkidle")
    pg.wait_for_selector(f"{VIEW}[data-renders]", timeout=60_000)
    settle(pg)
    pg.locator(VIEW).evaluate("(v, c) => window.gdPlotly.relayout(v, {'scene.camera': c})", TURNED)
    assert camera(pg)["eye"] == pytest.approx(TURNED["eye"])
    pg.evaluate(COUNT_PURGES)
    frames.take()
    sizes = []
    for step in range(1, 11):
        chip(pg, "0.01").click()
        wait_for_steps(pg, step)
        settle(pg)
        wait_for_renders(pg, step + 1)
        sizes.append(sum(len(f) for f in frames.take() if NAME in f))
    assert camera(pg)["eye"] == pytest.approx(TURNED["eye"])  # not reset by any of the steps
    path = pg.locator(VIEW).evaluate("v => v._fullData[1].x.length")
    assert path == 11  # the path did grow, step by step, in the same view
    print(f"both views' data per step, as websocket messages: {min(sizes)}–{max(sizes)} bytes")
    assert min(sizes) > 0 and max(sizes) < 20_000  # each step re-sent the views, and little
    assert pg.evaluate("() => window.gdPurges") == 0  # no rerun purged the view
    view = pg.locator(VIEW).element_handle()
    pg.locator(HOME_LINK).first.click()  # another page: the view leaves …
    pg.wait_for_function("v => !v.isConnected", arg=view, timeout=20_000)
    pg.wait_for_function("() => window.gdPurges === 2", timeout=10_000)  # … both are purged
    assert view.evaluate("v => v._fullLayout === undefined")
    assert not console.unexpected(), f"browser console errors: {console.unexpected()}"


def test_a_failed_fetch_is_shown_and_tried_again_on_the_next_rerun(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    console, requested, failed = Console(pg), [], []

    def fail_once(route) -> None:
        url = route.request.url
        requested.append(url)
        if url in failed:
            route.continue_()
        else:
            failed.append(url)
            route.fulfill(status=503, body="busy")

    pg.route(re.compile(re.escape(server) + r"/media/"), fail_once)
    pg.goto(f"{server}/game", wait_until="networkidle")
    expect(pg.locator(ERROR)).to_have_text(
        re.compile(r"The view could not be drawn: (plotly\.js|grid)"), timeout=60_000
    )
    assert not pg.locator(f"{VIEW}[data-renders]").count()
    chip(pg, "0.01").click()  # a rerun: the view fetches again what failed
    wait_for_steps(pg, 1)
    pg.wait_for_selector(f"{VIEW}[data-renders]", timeout=30_000)
    expect(pg.locator(ERROR)).to_be_hidden()
    kinds = sorted(Path(url).suffix for url in failed)
    print(f"failed once, then fetched again: {kinds}")
    assert len(failed) == 3 and kinds.count(".bin") == 2  # plotly.js, the map and the surface
    assert sorted(requested) == sorted(failed * 2)
    assert {u for u in console.failed if not u.endswith(PROBES)} == set(failed)
    assert not [e for e in console.errors if not e.startswith("Failed to load resource")]
    context.close()


def test_under_a_path_prefix_the_files_come_from_streamlits_media_and_go_with_the_view(browser):
    proc, url = start_server_under("gd/app")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        pg = context.new_page()
        console, responses = Console(pg), []
        pg.on("response", lambda response: responses.append(response))
        pg.goto(f"{url}/", wait_until="networkidle")
        pg.goto(f"{url}/game", wait_until="networkidle")
        pg.wait_for_selector(f"{VIEW}[data-renders]", timeout=60_000)
        module = [r.url for r in responses if r.url.endswith("/landscape_view.js")]
        assert module == [f"{url}/_stcore/bidi-components/gdgame.landscape_view/landscape_view.js"]
        media = {r.url: r for r in responses if r.url.startswith(f"{url}/media/")}
        assert len(media) == 3 and all(r.status == 200 for r in media.values())
        scripts = [r for r in media.values() if r.request.resource_type == "script"]
        assert [r.body() for r in scripts] == [INSTALLED_PLOTLY_JS.read_bytes()]
        pg.locator(HOME_LINK).first.click()  # a page without a 3-D view …
        settle(pg)  # … whose run ends with Streamlit dropping the files no session uses
        assert statuses(pg, media, 404) == [404, 404, 404]
        pg.locator(f'{HOME_LINK}[href$="/game"]').click()  # the game again: its files are
        pg.wait_for_selector(f"{VIEW}[data-renders]", timeout=60_000)  # back, at the same URLs
        assert statuses(pg, media, 200) == [200, 200, 200]
        assert not console.unexpected(), f"browser console errors: {console.unexpected()}"
    finally:
        context.close()
        stop_server(proc)


def test_a_click_on_the_surface_sets_the_race_start(open_app):
    open_app("/").close()
    pg = open_app("/race")
    wait_for_text(pg, "body", "Results")
    pg.get_by_text("The race in 3-D").click()
    pg.wait_for_selector(f"{RACE_VIEW}[data-renders]", timeout=60_000)
    settle(pg)
    view = pg.locator(RACE_VIEW)
    view.evaluate(  # look straight down, so a pixel maps to (x, y) simply
        "v => window.gdPlotly.relayout(v, {'scene.camera': {eye: {x: 0, y: 0, z: 2.2},"
        " up: {x: 0, y: 1, z: 0}}})"
    )
    view.scroll_into_view_if_needed()
    view.evaluate(
        "v => { window.gdClicks = 0; v.on('plotly_hover', e => { window.gdHover = e.points[0]"
        ".data.type; }); v.on('plotly_click', () => { window.gdClicks += 1; }); }"
    )
    box = view.bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5
    moved = (
        "() => { const v = [...document.querySelectorAll('[data-testid=\"stSliderThumbValue\"]')]"
        ".map(e => e.innerText); return !(v.includes('-4.50') && v.includes('2.00')); }"
    )  # the start sliders have left (−4.5, 2)
    for attempt in range(4):  # WebGL picking needs the scene drawn and the pointer hovering
        pg.evaluate("() => { window.gdHover = null; }")
        pg.mouse.move(x + attempt, y)
        pg.mouse.move(x + attempt + 2, y + 2)
        pg.wait_for_function("() => window.gdHover === 'surface'", timeout=10_000)
        pg.mouse.down()  # plotly's 3-D scene reports a click from a frame drawn while the
        pg.wait_for_timeout(200)  # button is held, as a person's click is
        pg.mouse.up()
        try:
            pg.wait_for_function(moved, timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    settle(pg)
    values = pg.locator('[data-testid="stSliderThumbValue"]').all_inner_texts()
    start = [float(v) for v in values if re.fullmatch(r"-?\d+\.\d\d", v)][:2]
    clicks = pg.evaluate("() => window.gdClicks")
    assert start != [-4.5, 2.0], f"plotly saw {clicks} clicks"
    assert all(-5 <= v <= 5 for v in start)
