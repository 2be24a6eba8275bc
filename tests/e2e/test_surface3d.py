"""In Chromium: the 3-D component keeps the viewer's camera through steps, sends little per
step, and turns a click on the surface into a start point."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import settle
from tests.e2e.test_game import chip, wait_for_steps
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e

VIEW = "div.gd-surface3d"
TURNED = {"eye": {"x": -0.4, "y": 1.9, "z": 0.7}, "up": {"x": 0, "y": 0, "z": 1},
          "center": {"x": 0, "y": 0, "z": 0}}  # fmt: skip


def camera(pg) -> dict:
    return pg.locator(VIEW).evaluate("v => v._fullLayout.scene.camera")


def test_the_camera_stays_through_ten_steps_and_each_step_sends_little(open_app):
    # Not the server's first request: a deep link as a fresh server's very first request runs
    # in Streamlit's pages/ mode (see gdgame/ui/router.py) and its first rerun remounts every
    # element once, this one included.
    open_app("/").close()
    pg = open_app("/game")
    pg.wait_for_selector(f"{VIEW}[data-renders]", timeout=60_000)
    settle(pg)
    pg.locator(VIEW).evaluate("(v, c) => window.gdPlotly.relayout(v, {'scene.camera': c})", TURNED)
    assert camera(pg)["eye"] == pytest.approx(TURNED["eye"])
    sizes = []
    for step in range(1, 11):
        chip(pg, "0.01").click()
        wait_for_steps(pg, step)
        settle(pg)
        pg.wait_for_function(
            "n => document.querySelector('div.gd-surface3d').dataset.renders >= n",
            arg=step + 1, timeout=20_000,
        )  # fmt: skip
        sizes.append(int(pg.locator(VIEW).get_attribute("data-bytes")))
    assert camera(pg)["eye"] == pytest.approx(TURNED["eye"])  # not reset by any of the steps
    path = pg.locator(VIEW).evaluate("v => v._fullData[1].x.length")
    assert path == 11  # the path did grow, step by step, in the same view
    print(f"3-D data per step: {min(sizes)}–{max(sizes)} bytes")
    assert max(sizes) < 20_000


def test_a_click_on_the_surface_sets_the_race_start(open_app):
    open_app("/").close()
    pg = open_app("/race")
    wait_for_text(pg, "body", "Results")
    pg.get_by_text("The race in 3-D").click()
    pg.wait_for_selector(f"{VIEW}[data-renders]", timeout=60_000)
    settle(pg)
    view = pg.locator(VIEW)
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
