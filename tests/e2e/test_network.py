"""In Chromium: the backprop page's network trains, its training plays back in the browser with
no script run per frame, and the diagram shows a weight's value on hover."""

import re

import pytest

from tests.e2e.conftest import settle
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e
LABEL = "el => el.querySelector('.slider-container .slider-label').textContent"  # the current
CHECKSUM = "el => el._fullData[0].z.flat().reduce((a, b) => a + b, 0)"


def open_backprop(open_app, server):
    pg = open_app("/")
    pg.goto(f"{server}/backprop", wait_until="networkidle")
    wait_for_text(pg, "body", "2. A network learns", timeout=30_000)
    wait_for_text(pg, "body", "Train accuracy", timeout=60_000)  # trained
    settle(pg, timeout=60_000)
    return pg


def test_the_training_plays_back_in_the_browser_without_a_rerun(open_app, server):
    pg = open_backprop(open_app, server)
    plot = pg.locator(".js-plotly-plot").filter(has_text="loss (cross-entropy)")
    plot.scroll_into_view_if_needed()
    handle = plot.element_handle()
    assert pg.evaluate("el => el._transitionData._frames.length", handle) >= 30
    assert pg.evaluate(LABEL, handle) == "epoch 300"  # it opens on the end
    end = pg.evaluate(CHECKSUM, handle)
    pg.evaluate(  # note any script run from now on: playback must not need one
        "() => { window.reruns = 0; const app = document.querySelector('[data-testid=stApp]');"
        " new MutationObserver(() => { if (app.dataset.testScriptState === 'running')"
        " window.reruns += 1; }).observe(app, {attributes: true}); }"
    )
    plot.get_by_text("▶ Play").click()
    pg.wait_for_function(  # back at the start: the first epochs
        "el => /^epoch [0-9]$/.test(el.querySelector('.slider-container .slider-label')"
        ".textContent)", arg=handle, timeout=20_000,
    )  # fmt: skip
    early = pg.evaluate(CHECKSUM, handle)
    assert early != end  # another boundary is drawn: the frame advanced
    pg.wait_for_function(
        "el => el.querySelector('.slider-container .slider-label').textContent === 'epoch 300'",
        arg=handle, timeout=30_000,
    )  # fmt: skip
    assert pg.evaluate(CHECKSUM, handle) == end  # the last frame is the trained network
    title = pg.evaluate("el => el._fullLayout.title.text", handle)
    assert re.match(r"epoch 300: train accuracy \d+%, test \d+%", title)
    assert pg.evaluate("() => window.reruns") == 0  # frames played in the browser alone


def test_hovering_a_weight_shows_its_value(open_app, server):
    pg = open_backprop(open_app, server)
    plot = pg.locator(".js-plotly-plot").filter(has_text="layer 1").last
    plot.scroll_into_view_if_needed()
    where = pg.evaluate(
        "el => { const t = el._fullData.find(d => d.name === 'weights');"
        " const l = el._fullLayout; const r = el.getBoundingClientRect();"
        " return {x: r.x + l.xaxis._offset + l.xaxis.l2p(t.x[0]),"
        "         y: r.y + l.yaxis._offset + l.yaxis.l2p(t.y[0]), w: t.customdata[0][3]}; }",
        plot.element_handle(),
    )  # fmt: skip
    pg.mouse.move(where["x"], where["y"])
    hover = pg.locator(".hoverlayer .hovertext")
    hover.first.wait_for(timeout=10_000)
    said = hover.first.text_content()
    assert said.startswith("x₁ → layer 1, neuron 1: w = ")
    assert float(said.split("w = ")[1].replace("−", "-")) == pytest.approx(where["w"], rel=1e-3)
