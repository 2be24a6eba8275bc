"""A room's own level (a teacher's typed formula) and the teacher moving the room, as the
students' game pages see them: followed on the next rerun, played, ranked; junk refused."""

from sqlalchemy import update

from gdgame.engine import game as rules
from gdgame.store import db, room_levels
from gdgame.store.names import digest
from gdgame.ui import rooms
from tests.app.pages import rerun
from tests.app.test_classroom import ADA, TEACHER, join, open_room, place, said, session, step

__all__ = ["place"]  # the fixture, shared with the classroom's tests
BOB = "bob-browser-secret-00001"
BOWL = {"text": "x^2 + y^2", "x": [-5.0, 5.0], "y": [-5.0, 5.0]}


def test_the_rooms_own_level_reaches_every_student_and_its_board_ranks_them(place):
    secrets, engine, _ = place
    _, room = open_room(secrets)
    ada = join(secrets, room, "Ada", ADA)
    assert session(ada).game.level.number == 1
    room_levels.set_room_formula(engine, room, digest(TEACHER), None, BOWL)
    rooms.forget()  # as the teacher's page does in this process (others: within 3 s)
    ada = rerun(ada)
    lv = session(ada).game.level
    assert lv.number == rules.CUSTOM and rules.formula_of(lv) == BOWL
    assert "moved the room to its own level" in said(ada)
    assert f"Room {room}'s own level: a typed formula" in [h.value for h in ada.subheader]
    assert any("x^{2}" in latex.value for latex in ada.latex)
    bob = join(secrets, room, "Bob", BOB)  # a second student, joining after the move
    assert rules.formula_of(session(bob).game.level) == BOWL
    start = session(bob).game.position
    bob = step(bob, 0.5)  # x − 0.5·2x: the bowl's bottom in one step
    assert session(bob).game.status == rules.WON and start != (0.0, 0.0)
    assert f"Room {room}, its own level" in [h.value for h in bob.subheader]
    assert list(bob.dataframe[-1].value["name"]) == ["Bob"]


def test_the_teacher_moving_the_room_opens_that_level_for_each_student_once(place):
    secrets, engine, _ = place
    _, room = open_room(secrets)
    ada = join(secrets, room, "Ada", ADA)
    room_levels.move_room(engine, room, digest(TEACHER), None, 5)
    rooms.forget()
    ada = rerun(ada)
    assert session(ada).game.level.number == 5 and session(ada).unlocked >= 5
    ada.button_group(key="game.level").set_value(2)  # a student may leave it: followed once
    ada = rerun(ada)
    assert session(ada).game.level.number == 2 and session(ada).followed == 1


def test_a_junk_formula_in_the_rooms_record_is_refused_and_play_goes_on(place):
    secrets, engine, _ = place
    _, room = open_room(secrets)
    ada = join(secrets, room, "Ada", ADA)
    with engine.begin() as conn:
        conn.execute(update(db.rooms).where(db.rooms.c.code == room).values(
            formula='{"text": "__import__(\'os\').system(\'true\')", "x": [-5, 5], "y": [-5, 5]}',
            level=0, moves=1))  # fmt: skip
    rooms.forget()
    ada = rerun(ada)
    assert session(ada).game.level.number == 1
    assert "could not be made: Only the listed functions can be called" in said(ada)
    ada = step(ada, 0.01)  # the game goes on
    assert session(ada).game.steps == 1
