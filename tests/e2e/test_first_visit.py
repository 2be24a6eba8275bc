"""In Chromium, on a server that has served nobody yet: a shared link as its very first
request shows the linked settings, and the first change keeps every other one.

Streamlit runs such a request in its pages/ mode (gdgame/ui/router.py); widgets drawn in that
mode used to come back at their minimum after the first click, all of them at once.
"""

import pytest

from tests.e2e.conftest import settle, start_server, stop_server
from tests.e2e.test_lessons import slider_value
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e


@pytest.fixture
def fresh_server():
    proc, url = start_server()
    yield url
    stop_server(proc)


def test_a_link_as_a_fresh_servers_first_request_keeps_its_settings(fresh_server, open_app):
    pg = open_app("/fit_line?w=0.3&steps=300", base=fresh_server)
    wait_for_text(pg, "body", "Your line's MSE")
    settle(pg)
    assert slider_value(pg, "Weight w: tip dollars per bill dollar") == pytest.approx(0.3)
    box = pg.locator('[data-testid="stSlider"]').filter(
        has=pg.get_by_text("Bias b: tip on a $0 bill", exact=True)
    )
    box.get_by_role("slider").focus()
    pg.keyboard.press("ArrowRight")
    pg.wait_for_function("() => location.search.includes('b=0.51')", timeout=20_000)
    settle(pg)
    assert slider_value(pg, "Weight w: tip dollars per bill dollar") == pytest.approx(0.3)
    assert slider_value(pg, "Steps") == 300
    assert "w=0.3" in pg.url and "steps=300" in pg.url
