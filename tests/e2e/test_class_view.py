"""In Chromium: a teacher projects the class view while two students play in their own browsers;
both students' dots move on the teacher's map without the teacher touching anything, with their
names on hover as plain text, and the replay plays in the browser."""

import os
import re
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import Console, settle
from tests.e2e.test_game import chip, wait_for_steps
from tests.e2e.test_pages import wait_for_text

pytestmark = pytest.mark.e2e

MAP = ".st-key-class-map div.gd-landscape"
SHOT = os.environ.get("GDGAME_CLASS_VIEW_SHOT")  # where to save the teacher's screen, if set


def dots(pg) -> dict[str, tuple[float, float]]:
    """Each player's dot on the teacher's map: name → (x, y), read from the drawn figure."""
    return pg.locator(MAP).evaluate(
        """v => Object.fromEntries(v._fullData.filter(t => t.mode === 'markers' && t.text)
             .flatMap(t => Array.from(t.text, (s, i) => [s.split(' · ')[0], [t.x[i], t.y[i]]])))"""
    )


def wait_for_dots(pg, test: str, arg) -> None:
    pg.wait_for_function(
        f"""arg => {{ const v = document.querySelector('{MAP}');
             if (!v || !v._fullData) return false;
             const d = Object.fromEntries(v._fullData.filter(t => t.mode === 'markers' && t.text)
               .flatMap(t => Array.from(t.text, (s, i) => [s.split(' · ')[0], [t.x[i], t.y[i]]])));
             return {test}; }}""",
        arg=arg, timeout=30_000,
    )  # fmt: skip


def student(browser, server, room: str, name: str):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    console = Console(pg)
    pg.goto(f"{server}/game?room={room}", wait_until="networkidle")
    pg.get_by_role("textbox", name="Your name (shown on the board)").fill(name)
    pg.get_by_role("button", name="Join the room").click()
    wait_for_text(pg, "body", f"You play in room {room} as")
    return context, pg, console


def test_the_teacher_sees_both_students_move_live_and_replays_the_class(browser, server):
    teaching = browser.new_context(viewport={"width": 1600, "height": 1100})
    teacher = teaching.new_page()
    console = Console(teacher)
    teacher.goto(f"{server}/game", wait_until="networkidle")
    teacher.get_by_text("Classroom leaderboard").click()
    teacher.get_by_text("For teachers: open a room").click()
    teacher.get_by_role("button", name="Open a new room").click()
    teacher.wait_for_function("() => /room=[A-Z2-9]{5}/.test(location.href)", timeout=20_000)
    room = re.search(r"room=([A-Z2-9]{5})", teacher.url).group(1)
    ada, bob = (student(browser, server, room, n) for n in ("Ada L", "Bob"))

    teacher.get_by_text(f"Class view: every student of room {room}, live").click()
    teacher.wait_for_selector(MAP, timeout=30_000)
    assert "view=class" in teacher.url
    wait_for_dots(teacher, "'Ada L' in d && 'Bob' in d", None)
    start = dots(teacher)
    assert start["Ada L"] == start["Bob"]  # both at the level's start
    began = time.monotonic()
    for pg, label in ((ada[1], "0.1"), (bob[1], "0.03")):  # one step each, nobody on the teacher
        chip(pg, label).click()
        wait_for_steps(pg, 1)
    wait_for_dots(teacher, "d['Ada L'][0] !== arg[0] && d['Bob'][0] !== arg[0]", start["Bob"])
    print(f"both dots moved on the teacher's map {time.monotonic() - began:.1f} s after the clicks")
    moved = dots(teacher)
    assert moved["Ada L"] != moved["Bob"]
    chip(ada[1], "0.1").click()
    wait_for_steps(ada[1], 2)
    wait_for_dots(teacher, "d['Ada L'][0] !== arg", moved["Ada L"][0])
    texts = teacher.locator(MAP).evaluate("v => v.data.flatMap(t => t.text || [])")
    assert "Ada L · 2 steps" in texts and "Bob · 1 steps" in texts
    wait_for_text(teacher, "body", "Which valleys the class fell into")
    if SHOT:
        settle(teacher)
        teacher.screenshot(path=str(Path(SHOT)), full_page=True)

    teacher.get_by_text("Replay the class").click()
    replay = ".st-key-class-replay_view div.gd-landscape"
    teacher.wait_for_selector(replay, timeout=30_000)
    teacher.wait_for_function(f"() => document.querySelector('{replay}')?.data", timeout=20_000)
    teacher.locator(replay).get_by_text("▶ Play", exact=True).click()
    teacher.wait_for_function(  # the browser plays the frames: step 2 shows with no rerun
        f"() => document.querySelector('{replay}')._fullLayout.sliders[0].active === 2",
        timeout=20_000,
    )  # fmt: skip
    assert teacher.locator(f"{replay} .contourlayer path").count() > 0  # the map stays under it
    teacher.get_by_role("radio", name="3-D", exact=True).click()  # the same class in 3-D
    in_3d = ".st-key-class-3d div.gd-landscape"
    teacher.wait_for_function(
        f"""() => {{ const v = document.querySelector('{in_3d}');
             return v && v._fullData && v._fullData.some(t => t.type === 'scatter3d'
               && Array.from(t.text || []).includes('Ada L · 2 steps')); }}""",
        timeout=30_000,
    )  # fmt: skip
    for context, _, watched in (ada, bob):
        assert not watched.unexpected(), watched.unexpected()
        context.close()
    assert not console.unexpected(), console.unexpected()
    teaching.close()
