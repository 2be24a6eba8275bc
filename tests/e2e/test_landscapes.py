"""In Chromium: the loss-landscapes page reached from the home page draws both planes as contours
and in 3-D, each from its 41 × 41 grid, and a camera preset turns both 3-D views."""

import pytest

from tests.e2e.conftest import settle
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e
VIEWS = "div.gd-landscape[data-renders]"
DRAWN = """() => [...document.querySelectorAll('div.gd-landscape[data-renders]')].map(v => ({
    type: v._fullData[0].type, rows: v.data[0].z.length, cols: v.data[0].z[0].length,
    title: v.layout.title.text, eye: v.layout.scene ? v.layout.scene.camera.eye.z : null}))"""


def test_both_landscapes_show_as_contours_and_in_3d(open_app):
    pg = open_app("/")
    pg.get_by_role("link", name="Loss landscapes").click()
    wait_for_text(pg, "h1", "Loss landscapes")
    pg.wait_for_function(f"() => document.querySelectorAll('{VIEWS}').length === 4",
                         timeout=90_000)  # fmt: skip
    settle(pg, timeout=90_000)
    assert pg.url.endswith("/landscapes")
    views = pg.evaluate(DRAWN)
    assert [(v["type"], v["title"]) for v in views] == [
        ("contour", "Without skips"), ("contour", "With skips"),
        ("surface", "Without skips"), ("surface", "With skips"),
    ]  # fmt: skip
    assert all((v["rows"], v["cols"]) == (41, 41) for v in views)
    assert pg.locator("div.gd-landscape .contourlayer .contour").count() == 2
    assert pg.locator("div.gd-landscape .gl-container canvas").count() == 2  # the WebGL scenes
    wait_for_text(pg, "body", "Measured here: without skips,")
    pg.get_by_text("top", exact=True).click()
    pg.wait_for_function(
        f"() => [...document.querySelectorAll('{VIEWS}')].filter(v => v.layout.scene)"
        ".every(v => v.layout.scene.camera.eye.z === 2.4)", timeout=30_000,
    )  # fmt: skip
    settle(pg)
    assert pg.locator(VIEWS).count() == 4
