"""In Chromium: the game played by clicks alone, a click on the map, a reload mid-game."""

import re
import time

import pytest

from tests.e2e.conftest import settle
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e


def steps_shown(pg) -> int:
    """The "Steps" metric: steps taken so far."""
    text = pg.locator('[data-testid="stMetricValue"]').first.inner_text()
    return int(text.split("/")[0])


def wait_for_steps(pg, n: int) -> None:
    pg.wait_for_function(
        "n => { const m = document.querySelector('[data-testid=\"stMetricValue\"]');"
        " return m && parseInt(m.innerText.split('/')[0]) === n; }", arg=n, timeout=20_000,
    )  # fmt: skip


def chip(pg, label: str):
    """The step-size chip ``label``, once the page has settled (one of it, not a stale copy)."""
    settle(pg)
    return pg.locator('[data-testid="stButtonGroup"] button').filter(
        has=pg.get_by_text(label, exact=True)
    )


def test_level_one_is_won_by_clicks_alone_and_survives_a_reload(open_app):
    pg = open_app("/game")
    began = time.monotonic()
    chip(pg, "0.3").click()
    wait_for_steps(pg, 1)
    chip(pg, "0.3").click()
    wait_for_steps(pg, 2)
    token = re.search(r"game=([\w-]+)", pg.url).group(1)
    pg.reload(wait_until="networkidle")  # a reload (or a dropped connection) loses nothing
    pg.wait_for_selector(".js-plotly-plot .main-svg")
    wait_for_steps(pg, 2)
    assert token in pg.url
    while not pg.get_by_text("reached the bottom").count():  # (1 − 2·0.3)^k · 5 < 0.1
        before = steps_shown(pg)
        assert before < 12, "the bowl was not won within its budget"
        chip(pg, "0.3").click()
        pg.wait_for_function(
            "n => { const m = document.querySelector('[data-testid=\"stMetricValue\"]');"
            " return !m || parseInt(m.innerText.split('/')[0]) > n"
            " || document.body.innerText.includes('reached the bottom'); }",
            arg=before, timeout=20_000,
        )  # fmt: skip
    wait_for_text(pg, '[data-testid="stAlert"]', "Score:")
    print(f"level 1 won by clicks in {time.monotonic() - began:.1f} s")
    assert pg.get_by_role("button", name="Next: level 2").is_visible()
    # the replay: the whole surface, the bot's path and the global minimum's star
    pg.wait_for_function(
        "() => [...document.querySelector('.js-plotly-plot').querySelectorAll('.legendtext')]"
        ".some(e => e.textContent === 'global minimum')", timeout=20_000,
    )  # fmt: skip
    legend = pg.locator(".js-plotly-plot").first.locator(".legendtext").all_text_contents()
    assert any(t.startswith("bot (") for t in legend), legend


def test_in_free_mode_a_click_on_the_map_moves_the_player_there(open_app):
    pg = open_app("/game")
    pg.get_by_role("radio", name="Free: aim").click()
    wait_for_text(pg, "body", "Click inside the dotted circle")
    pg.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot .legendtext')]"
        ".some(e => e.textContent === 'within reach')", timeout=20_000,
    )  # fmt: skip
    pg.wait_for_selector("div.gd-landscape[data-renders]", timeout=60_000)  # the page below
    settle(pg)  # has grown: the scroll bar is in, the map no longer moves
    plot = pg.locator(".js-plotly-plot").first
    target = (-3.0, 2.0)  # from the start (−4, 3): 1.41 away, inside the stride of 2
    where = pg.evaluate(
        "([el, x, y]) => { const l = el._fullLayout; const r = el.getBoundingClientRect();"
        " return {x: r.x + l.xaxis._offset + l.xaxis.l2p(x),"
        "         y: r.y + l.yaxis._offset + l.yaxis.l2p(y)}; }",
        [plot.element_handle(), *target],
    )  # fmt: skip
    pg.mouse.move(where["x"], where["y"])
    pg.mouse.click(where["x"], where["y"])
    wait_for_steps(pg, 1)
    settle(pg)  # the whole run is drawn: no stale line from before the step is left
    shown = re.search(r"You stand at \((-?[\d.]+), (-?[\d.]+)\)", pg.inner_text("body"))
    assert float(shown.group(1)) == pytest.approx(
        target[0], abs=0.11
    )  # the nearest click target: 0.1 apart
    assert float(shown.group(2)) == pytest.approx(
        target[1], abs=0.11
    )  # the nearest click target: 0.1 apart


def test_a_students_win_appears_on_the_teachers_board_without_a_click(open_app):
    teacher = open_app("/game")
    teacher.get_by_text("Classroom leaderboard").click()
    teacher.get_by_text("For teachers: open a room").click()
    teacher.get_by_role("button", name="Open a new room").click()
    teacher.wait_for_selector('[data-testid="stMetricValue"]:below(:text("Room code"))')
    teacher.wait_for_function("() => /room=[A-Z2-9]{5}/.test(location.href)", timeout=20_000)
    room = re.search(r"room=([A-Z2-9]{5})", teacher.url).group(1)
    wait_for_text(teacher, "body", "No wins on this level yet")

    student = open_app(f"/game?room={room}")  # the link the teacher hands out
    student.get_by_role("textbox", name="Your name (shown on the board)").fill("Grace <b>H</b>")
    student.get_by_role("button", name="Join the room").click()
    wait_for_text(student, '[data-testid="stAlert"]', "may use letters, digits")  # refused
    student.get_by_role("textbox", name="Your name (shown on the board)").fill("Grace Hopper")
    student.get_by_role("button", name="Join the room").click()
    wait_for_text(student, "body", f"You play in room {room} as")
    while not student.get_by_text("reached the bottom").count():
        before = steps_shown(student)
        chip(student, "0.3").click()
        student.wait_for_function(
            "n => { const m = document.querySelector('[data-testid=\"stMetricValue\"]');"
            " return parseInt(m.innerText.split('/')[0]) > n; }", arg=before, timeout=20_000,
        )  # fmt: skip
    wait_for_text(student, '[data-testid="stAlert"]', f"Saved to room {room}")
    began = time.monotonic()
    teacher.wait_for_function(  # nobody touches the teacher's page: the board refreshes itself
        "() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"]')].length > 0",
        timeout=20_000,
    )  # fmt: skip
    print(f"the teacher's board showed the win after {time.monotonic() - began:.1f} s")
    assert not teacher.get_by_text("No wins on this level yet").count()
