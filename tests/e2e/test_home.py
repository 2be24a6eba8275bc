"""In Chromium: the home page draws its chart, and a slider moves the step."""

import pytest

pytestmark = pytest.mark.e2e


def test_home_page_draws_the_curve_with_its_points(page):
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=30_000)
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() == 4
    page.get_by_text("Moving down the curve").first.wait_for()
    assert page.locator(".katex").first.is_visible()


def test_a_slider_moves_the_step_in_the_browser(page):
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=30_000)
    before = page.locator(".katex").nth(1).inner_text()
    slider = page.get_by_role("slider").first  # Start x, 4.00
    slider.focus()
    for _ in range(10):
        page.keyboard.press("ArrowLeft")  # 10 × 0.1 → x = 3.0
    page.wait_for_function(
        "() => document.querySelectorAll('.katex')[1].innerText.includes('2.4')", timeout=15_000
    )  # x ← 3 − 0.1 × 6 = 2.4
    assert page.locator(".katex").nth(1).inner_text() != before
