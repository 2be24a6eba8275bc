"""In Chromium: the sandbox draws a typed formula (its LaTeX, the race's map and its 3-D view),
a click on the map moves the start, and a pasted 10 KB formula is refused as plain text."""

import pytest

from tests.e2e.conftest import settle
from tests.e2e.test_lessons import slider_value, start_by_click
from tests.e2e.test_pages import katex, wait_for_katex, wait_for_text

pytestmark = pytest.mark.e2e

BOX = '[data-testid="stTextInput"] input'
VIEW = ".st-key-sandbox-3d div.gd-landscape"
MAP = ".st-key-sandbox-playback .js-plotly-plot"


def type_formula(pg, text: str) -> None:
    box = pg.locator(BOX)
    box.fill(text)
    box.press("Enter")


def test_a_typed_formula_is_drawn_and_a_click_on_its_map_moves_the_start(open_app):
    pg = open_app("/sandbox")
    settle(pg)
    type_formula(pg, "x^2 + 3*y^2 - x*y")
    wait_for_katex(pg, 0, "f(x,y)=x2+3y2−x")
    settle(pg)
    assert katex(pg, 1).startswith("∇f=(2x−y,")  # the exact gradient, from our own tree
    pg.wait_for_selector(f"{VIEW}[data-renders]", timeout=60_000)  # the 3-D view drew it
    assert pg.locator(f"{VIEW} .gl-container, {VIEW} canvas").count()
    plot = pg.locator(MAP)
    assert plot.locator(".contourlayer path").count() > 10  # the contour map of the formula
    plot.scroll_into_view_if_needed()
    start_by_click(pg, plot, 1.0, -2.0)
    assert slider_value(pg, "Start y") == pytest.approx(-2.0, abs=0.2)
    assert "x0=1" in pg.url and "f=x%5E2" in pg.url  # the link holds the formula and start


def test_a_pasted_10_kb_formula_is_refused_as_plain_text(open_app):
    pg = open_app("/sandbox")
    settle(pg)
    pg.locator(BOX).click()
    pg.locator(BOX).press("Control+a")
    pg.keyboard.insert_text(("![p](http://127.0.0.1:9/x.png) " * 340)[:10_240])  # a paste
    pg.locator(BOX).press("Enter")
    wait_for_text(pg, '[data-testid="stCode"]', "Formula too long (10240 > 200 characters).")
    assert not pg.locator('[data-testid="stAlert"] img, [data-testid="stAlert"] a').count()
    assert "f=" not in pg.url  # a refused formula never goes into the link


def test_play_it_turns_the_typed_formula_into_a_level_of_the_game(open_app):
    pg = open_app("/sandbox")
    settle(pg)
    type_formula(pg, "x^2 + 3*y^2")
    wait_for_katex(pg, 0, "f(x,y)=x2+3y2")
    settle(pg)
    pg.get_by_role("button", name="Play it as a game level").click()
    pg.wait_for_url("**/game?**", timeout=30_000)
    wait_for_text(pg, "h3", "Your own level: a typed formula")
    settle(pg)
    assert "f(x,y)=x2+3y2" in [katex(pg, i) for i in range(pg.locator(".katex-html").count())]
    wait_for_text(pg, '[data-testid="stButtonGroup"] button', "Your formula")
    chips = pg.locator('[data-testid="stButtonGroup"] button').all_inner_texts()
    assert chips[:2] == ["Your formula", "1"], chips  # its chip, before level 1
    pg.get_by_role("button", name="Step with α = 0.1").click()
    wait_for_text(pg, '[data-testid="stMetricValue"]', "1 / ")  # one step of the budget
