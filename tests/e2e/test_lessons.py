"""In Chromium: the local-minima and race pages draw, a click on a map sets the start, and the
race's animation plays in the browser without a rerun."""

import re

import pytest

from tests.e2e.conftest import settle
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e


def click_on_map(pg, plot, x: float, y: float) -> None:
    """Click the point (x, y) of a plotly chart, in data coordinates."""
    where = pg.evaluate(
        "([el, x, y]) => { const l = el._fullLayout; const r = el.getBoundingClientRect();"
        " return {x: r.x + l.xaxis._offset + l.xaxis.l2p(x),"
        "         y: r.y + l.yaxis._offset + l.yaxis.l2p(y)}; }",
        [plot.element_handle(), x, y],
    )  # fmt: skip
    pg.mouse.move(where["x"], where["y"])
    pg.mouse.click(where["x"], where["y"])


def start_by_click(pg, plot, x: float, y: float) -> None:
    """Click (x, y) on a map whose clicks set the start, and wait until the page shows x as
    the start (a slider's thumb)."""
    click_on_map(pg, plot, x, y)
    pg.wait_for_function(
        "(x) => [...document.querySelectorAll('[data-testid=\"stSliderThumbValue\"]')]"
        ".some(e => e.innerText === x)", arg=f"{x:.2f}", timeout=20_000,
    )  # fmt: skip
    settle(pg)


def slider_value(pg, label: str) -> float:
    box = pg.locator('[data-testid="stSlider"]').filter(has=pg.get_by_text(label, exact=True))
    return float(box.locator('[data-testid="stSliderThumbValue"]').inner_text())


def test_local_minima_draws_and_a_click_on_the_map_sets_the_start(open_app):
    pg = open_app("/local_minima")
    wait_for_text(pg, "body", "The basin map: where every start ends")
    settle(pg)
    assert pg.locator(".js-plotly-plot").count() >= 8
    plot = pg.locator(".js-plotly-plot").nth(2)  # the two wells, then the map
    plot.scroll_into_view_if_needed()
    start_by_click(pg, plot, -1.5, 1.0)
    assert slider_value(pg, "Start y") == pytest.approx(1.0, abs=0.06)


def test_the_race_plays_in_the_browser_and_a_click_sets_the_start(open_app):
    pg = open_app("/race")
    wait_for_text(pg, "body", "Results")
    settle(pg)
    plot = pg.locator(".js-plotly-plot").first
    pg.evaluate(  # note any script run from now on: playback must not need one
        "() => { window.reruns = 0; const app = document.querySelector('[data-testid=stApp]');"
        " new MutationObserver(() => { if (app.dataset.testScriptState === 'running')"
        " window.reruns += 1; }).observe(app, {attributes: true}); }"
    )
    length = "() => document.querySelector('.js-plotly-plot')._fullData[1].x.length"
    before = pg.evaluate(length)
    plot.get_by_text("▶ Play").click()
    pg.wait_for_function(
        "() => /step [0-9]{2,}/.test(document.querySelector('.js-plotly-plot .slider-container')"
        ".textContent)", timeout=20_000,
    )  # fmt: skip
    assert pg.evaluate(length) > before  # the first path grew, frame by frame
    label = plot.locator(".slider-container").text_content()
    assert int(re.search(r"step (\d+)", label).group(1)) > 10
    pg.wait_for_function(  # to the last frame (a click while plotly animates is lost)
        "() => document.querySelector('.js-plotly-plot .slider-container')"
        ".textContent.startsWith('step 300')", timeout=30_000,
    )  # fmt: skip
    assert pg.evaluate("() => window.reruns") == 0  # frames played in the browser alone
    start_by_click(pg, plot, -2.0, -3.0)
    assert slider_value(pg, "Start y") == pytest.approx(-3.0, abs=0.2)
