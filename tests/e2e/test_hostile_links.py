"""In Chromium: what a mischievous student's link or a second tab can do, and cannot.

A link's values are plain text: no live link, no image fetched, no LaTeX, no outside request.
Two tabs on one game: the stale one's move is refused and the game never goes back. Under the
blind fog the browser never receives the ground.
"""

import re
from urllib.parse import urlencode

import numpy as np
import pytest

from tests.app.charts import grid_of
from tests.app.test_url_fuzz import PARAMETERS
from tests.e2e.conftest import Console, settle
from tests.e2e.test_game import chip, wait_for_steps
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e

OUTSIDE = "127.0.0.1:9"  # nothing listens there: any request to it is a leak
PAYLOADS = {
    "markdown": f"[Log in again here](http://{OUTSIDE}/phish) ![p](http://{OUTSIDE}/pixel.png)",
    "html katex": f"<img src=http://{OUTSIDE}/h.png> $\\href{{http://{OUTSIDE}/k}}{{x}}$ "
    "$$\\frac{1}{0}$$ :red[red]",
    "10 KB": (f"![p](http://{OUTSIDE}/big.png) " * 400)[:10_240],
}
PATHS = {"pages/home.py": "/", "pages/learning_rate.py": "/learning_rate",
         "pages/local_minima.py": "/local_minima", "pages/race.py": "/race",
         "pages/fit_line.py": "/fit_line", "pages/classify.py": "/classify",
         "pages/backprop.py": "/backprop", "pages/landscapes.py": "/landscapes",
         "pages/game.py": "/game", "pages/sandbox.py": "/sandbox"}  # fmt: skip
LEAKS = (
    f'a[href*="{OUTSIDE}"]',
    f'img[src*="{OUTSIDE}"]',
    '[data-testid="stAlert"] .katex',
    '[data-testid="stAlert"] a',
    '[data-testid="stAlert"] img',
    '[data-testid="stAlert"] span[style*="color"]',
)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("page", PATHS)
def test_a_hostile_link_renders_as_plain_text_and_fetches_nothing_outside(
    browser, server, page, payload
):
    names = PARAMETERS[page] if len(payload) < 1000 else PARAMETERS[page][:1]  # URL ≤ 64 KB
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    requests = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(f"{server}{PATHS[page]}?{urlencode(dict.fromkeys(names, payload))}",
            wait_until="networkidle")  # fmt: skip
    pg.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    settle(pg)
    found = {selector: pg.locator(selector).count() for selector in LEAKS}
    assert not any(found.values()), found
    assert not [u for u in requests if OUTSIDE in u]
    assert pg.locator('[data-testid="stAlert"]').count()  # the page did say something
    if page != "pages/game.py" or "seed" in names:  # the value itself, as plain text
        shown = pg.locator('[data-testid="stCode"]').all_inner_texts()
        assert any(payload[:30] in text for text in shown), shown
    context.close()


def test_two_tabs_on_one_game_never_fork_it(open_app):
    a = open_app("/game")
    token = re.search(r"game=([\w-]+)", a.url).group(1)
    b = open_app(f"/game?game={token}")  # the same browser: the same player
    wait_for_steps(b, 0)
    for n in (1, 2, 3):
        chip(a, "0.01").click()
        wait_for_steps(a, n)
    chip(b, "0.01").click()  # B still shows the game at step 0
    wait_for_text(b, '[data-testid="stAlert"]', "moved on in another tab")
    wait_for_steps(b, 3)  # B now shows the game as it stands
    a.reload(wait_until="networkidle")
    a.wait_for_selector(".js-plotly-plot .main-svg")
    wait_for_steps(a, 3)  # a reload never goes back in time
    assert token in a.url


def test_blind_fog_sends_no_ground_to_the_browser(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    console, grids = Console(pg), {}

    def keep(response):
        if "/media/" in response.url and response.url.endswith(".bin"):
            grids[response.url] = response.body()

    pg.on("response", keep)
    pg.goto(f"{server}/game", wait_until="networkidle")
    pg.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    seen_before = set(grids)
    pg.get_by_role("radio", name="Blind").click()
    pg.wait_for_function(
        "() => document.querySelectorAll('div.gd-landscape[data-renders]').length >= 2",
        timeout=30_000,
    )
    settle(pg)
    chip(pg, "0.01").click()
    wait_for_steps(pg, 1)
    settle(pg)
    blind = {url: raw for url, raw in grids.items() if url not in seen_before}
    assert len(blind) >= 2  # the map's grid and the 3-D view's, fetched under the fog
    for url, raw in blind.items():
        z = grid_of(raw)[2]
        assert not np.any(z), f"{url} holds ground the player has not seen"
    drawn = pg.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')].map(el => (el.data[0].z || [])"
        ".flat().filter(v => v !== null && Number.isFinite(v) && v !== 0).length)"
    )
    assert drawn and not any(drawn), drawn  # nothing of the ground in what plotly draws
    assert not console.unexpected()
    context.close()
