"""The sandbox's "Play it": a typed formula becomes a game level, or a room's own level when its
teacher says so; a formula that cannot be a level says why and nothing changes."""

from gdgame.engine import game as rules
from gdgame.store import leaderboard
from tests.app.pages import open_page, rerun
from tests.app.test_classroom import ADA, join, open_room, place, session

__all__ = ["place"]  # the fixture, shared with the classroom's tests
PAGE = "pages/sandbox.py"
HIMMELBLAU = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"


def press(at, key):
    at.button(key=key).click()
    return rerun(at)


def test_play_it_opens_the_game_on_the_typed_formula():
    at = press(open_page(PAGE), "sandbox.play")
    lv = session(at).game.level
    assert lv.number == rules.CUSTOM
    assert rules.formula_of(lv) == {"text": HIMMELBLAU, "x": [-5.0, 5.0], "y": [-5.0, 5.0]}
    assert lv.title in [h.value for h in at.subheader]  # the game page, on the typed level
    assert "Your formula" in [at.button_group(key="game.level").format_func(0)]
    assert any(r"\left(x^{2} + y - 11\right)" in latex.value for latex in at.latex)


def test_a_formula_without_a_bottom_cannot_be_played_and_says_why():
    at = open_page(PAGE)
    at.text_input(key="sandbox.f").input("x^2 - y^2")
    at = press(rerun(at), "sandbox.play")
    assert "game.session" not in at.session_state or session(at).game.level.number == 1
    assert any("no bottom" in c.value for c in at.code)
    assert at.text_input(key="sandbox.f").value == "x^2 - y^2"  # still on the sandbox


def test_only_a_teacher_sees_the_room_button_and_it_moves_the_room(place):
    secrets, engine, _ = place
    teacher, room = open_room(secrets)
    teacher.switch_page(PAGE)
    teacher = rerun(teacher)
    teacher.text_input(key="sandbox.f").input("x^2 + 10*y^2")
    teacher = press(rerun(teacher), "sandbox.room")
    found = leaderboard.room(engine, room)
    assert (found.formula["text"], found.level, found.moves) == ("x^2 + 10*y^2", 0, 1)
    assert any(f"Room {room} now plays this formula" in s.value for s in teacher.success)
    student = join(secrets, room, "Ada", ADA)
    assert rules.formula_of(session(student).game.level)["text"] == "x^2 + 10*y^2"
    student.switch_page(PAGE)
    student = rerun(student)
    assert "sandbox.play" in [b.key for b in student.button]
    assert "sandbox.room" not in [b.key for b in student.button]


def test_a_gradient_too_long_to_print_is_described_instead():
    at = open_page(PAGE)
    at.text_input(key="sandbox.f").input("sin(x*" * 14 + "y" + ")" * 14)
    at = rerun(at)
    assert len(at.latex) >= 1 and not any(r"\nabla f" in x.value for x in at.latex)
    assert any("too long to print" in c.value for c in at.caption)


def test_the_typed_level_stays_a_chip_after_another_level_is_played():
    at = press(open_page(PAGE), "sandbox.play")
    at.switch_page("pages/game.py")  # where the app went (AppTest reruns the page it opened)
    at = rerun(at)
    at.button_group(key="game.level").set_value(1)
    at = rerun(at)
    assert session(at).game.level.number == 1
    at.button_group(key="game.level").set_value(rules.CUSTOM)  # "Your formula" is still there
    at = rerun(at)
    assert rules.formula_of(session(at).game.level)["text"] == HIMMELBLAU
