"""In Chromium: on "Fitting a line", w and b set with the keyboard, a Step of descent from that
line, and a click on the (w, b) map that moves the line there."""

import re

import numpy as np
import plotly.data
import pytest

from tests.e2e.conftest import settle
from tests.e2e.test_lessons import click_on_map, slider_value
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e
W, B = "Weight w: tip dollars per bill dollar", "Bias b: tip on a $0 bill"


def nudge(pg, label: str, key: str, times: int) -> None:
    """Move a slider by ``times`` of its steps with the arrow keys, as a keyboard user does."""
    box = pg.locator('[data-testid="stSlider"]').filter(has=pg.get_by_text(label, exact=True))
    for _ in range(abs(times)):  # one key at a time, each change's rerun over before the next
        settle(pg)
        box.get_by_role("slider").focus()
        pg.keyboard.press(key if times > 0 else key.replace("Right", "Left"))
        pg.wait_for_timeout(100)
    settle(pg)


def shown_mse(pg) -> float:
    said = re.search(r"Your line's MSE\s+([\d.,]+)", pg.inner_text("body")).group(1)
    return float(said.replace(",", ""))


def test_set_the_line_step_and_click_the_map_to_start_there(open_app):
    pg = open_app("/fit_line")
    wait_for_text(pg, "body", "Your line's MSE")
    pg.wait_for_selector("div.gd-landscape[data-renders]", timeout=60_000)
    settle(pg)
    nudge(pg, W, "ArrowRight", -10)  # 0.2 → 0.15, step 0.005
    nudge(pg, B, "ArrowRight", 10)  # 0.5 → 0.6, step 0.01
    assert slider_value(pg, W) == pytest.approx(0.15)
    assert slider_value(pg, B) == pytest.approx(0.6)
    tips = plotly.data.tips()
    expected = np.mean((0.15 * tips["total_bill"] + 0.6 - tips["tip"]) ** 2)
    assert shown_mse(pg) == pytest.approx(expected, abs=0.005)  # shown to 4 digits
    pg.get_by_role("button", name="Step", exact=True).click()
    pg.wait_for_function(  # the step's run has drawn (a settled page may be the one before it)
        "() => [...document.querySelectorAll('.js-plotly-plot .legendtext')]"
        ".some(e => e.textContent === 'step 1')", timeout=30_000,
    )  # fmt: skip
    settle(pg)
    wait_for_text(pg, ".katex", "L=")
    legend = pg.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .legendtext')]"
                         ".map(e => e.textContent)")  # fmt: skip
    assert "step 1" in legend and "your line" in legend
    plot = pg.locator("div.gd-landscape.js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    settle(pg)
    click_on_map(pg, plot, -0.8, 1.8)
    pg.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stSliderThumbValue\"]')]"
        ".some(e => e.innerText === '1.80')", timeout=20_000,
    )  # fmt: skip
    settle(pg)
    assert slider_value(pg, W) == pytest.approx(-0.8, abs=0.03)  # the grid's nearest point
    assert slider_value(pg, B) == pytest.approx(1.8, abs=0.03)
    assert shown_mse(pg) > 100  # a line falling by 0.8 $ per $ is far from every tip
