"""In Chromium: what only a browser shows on the first two lessons."""

import re

import pytest

from tests.e2e.conftest import settle, start_server, stop_server

pytestmark = pytest.mark.e2e


def katex(pg, index: int) -> str:
    """A rendered formula's text with all white space removed."""
    return re.sub(r"[\s\u200b]+", "", pg.locator(".katex-html").nth(index).inner_text())


def wait_for_katex(pg, index: int, needle: str, timeout: int = 20_000) -> None:
    pg.wait_for_function(
        "([i, needle]) => { const k = document.querySelectorAll('.katex-html')[i];"
        " return k && k.innerText.replace(/[\\s\\u200b]+/g, '').includes(needle); }",
        arg=[index, needle], timeout=timeout,
    )  # fmt: skip


def wait_for_text(pg, selector: str, needle: str, timeout: int = 20_000) -> None:
    pg.wait_for_function(
        "([sel, needle]) => [...document.querySelectorAll(sel)]"
        ".some(e => e.innerText.replace(/\\s+/g, ' ').includes(needle))",
        arg=[selector, needle], timeout=timeout,
    )  # fmt: skip


def test_home_draws_its_charts_and_step_moves_the_point(open_app):
    pg = open_app("/")
    assert pg.locator(".js-plotly-plot").count() == 2
    # curve, click targets, tangent, current point
    assert pg.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").count() == 4
    assert katex(pg, 0).startswith("x=4,")
    pg.get_by_role("button", name="Step", exact=True).click()
    wait_for_katex(pg, 0, "x=3.2,")  # x ← 4 − 0.1 × 8
    assert katex(pg, 1).startswith("x←x−α")


def test_a_click_on_the_curve_sets_the_start(open_app):
    pg = open_app("/")
    plot = pg.locator(".js-plotly-plot").first
    where = pg.evaluate(
        "(el) => { const l = el._fullLayout; const r = el.getBoundingClientRect();"
        " return {x: r.x + l._size.l + l.xaxis.l2p(-3), y: r.y + l._size.t + l.yaxis.l2p(9)}; }",
        plot.element_handle(),
    )  # the point (−3, 9) of y = x², in page pixels
    pg.mouse.move(where["x"], where["y"])
    pg.mouse.click(where["x"], where["y"])
    pg.wait_for_function(
        "() => !document.querySelector('.katex-html').innerText.replace(/\\s/g, '')"
        ".startsWith('x=4,')", timeout=20_000,
    )  # fmt: skip
    start = float(re.match(r"x=(−?[\d.]+),", katex(pg, 0)).group(1).replace("−", "-"))
    assert start == pytest.approx(-3, abs=0.15)  # the click target nearest the click


def test_a_slider_change_is_written_to_the_url(open_app):
    pg = open_app("/")
    slider = pg.get_by_role("slider").nth(1)  # the learning rate
    slider.focus()
    for _ in range(5):
        pg.keyboard.press("ArrowRight")
    pg.wait_for_function("() => location.search.includes('lr=0.15')", timeout=15_000)
    wait_for_katex(pg, 1, "0.15×")


def test_learning_rate_page_draws_and_a_preset_changes_the_path(open_app):
    pg = open_app("/learning_rate")
    pg.get_by_text("Four learning rates, side by side").wait_for()
    assert pg.locator(".js-plotly-plot").count() >= 8
    mine = pg.locator(".js-plotly-plot").nth(5)  # your α: the path
    assert "converged" in mine.inner_text()
    pg.get_by_role("button", name="Try diverging").click()
    # a preset sets α from a callback: the address bar follows at once, not a click later
    pg.wait_for_function("() => location.search.includes('lr=0.6')", timeout=15_000)
    pg.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".some(p => p.innerText.includes('diverged') && p.getBoundingClientRect().width > 500)",
        timeout=20_000,
    )
    pg.get_by_text("Share this view").click()
    wait_for_text(pg, "[data-testid='stCode']", "lr=0.6")  # diverging at L = 4: 2.4/L
    settle(pg)
    share = pg.locator("[data-testid='stCode']").last.inner_text()
    assert "/learning_rate?" in share and "lr=0.6" in share


def test_a_deep_link_as_a_fresh_servers_first_request_opens_that_page(browser):
    proc, url = start_server()
    try:
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        pg.goto(url + "/learning_rate?lr=0.05&L=2.0", wait_until="networkidle")
        pg.get_by_role("heading", name="The learning rate").wait_for(timeout=30_000)
        nav = pg.locator("[data-testid='stSidebarNav']").inner_text()
        assert "Moving down the curve" in nav and "Learning rate" in nav
        wait_for_text(pg, "[data-testid='stMarkdownContainer']", "1 − αL = 0.9")  # α = 0.05, L = 2
        assert pg.locator("[role='dialog']").count() == 0  # no "page not found", nothing modal
        pg.get_by_role("button", name="Try diverging").click(timeout=10_000)
        wait_for_text(pg, "[data-testid='stMarkdownContainer']", "**diverging**"[2:-2])
    finally:
        stop_server(proc)
