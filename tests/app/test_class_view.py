"""The class view in AppTest, against a room built in the database with known paths: two winners,
two in the local valley (one of them declared the bottom there), one still playing, one on
another level; a removed name, a damaged row, an older game and another room's game not shown.
Only the teacher gets it; a student's URL made to look like it gets the normal page."""

import pytest

from gdgame.engine import game as rules
from gdgame.engine.game import saved
from gdgame.store import db, prepare, room_levels
from gdgame.store import leaderboard as lb
from gdgame.store.games import save_game
from gdgame.store.names import digest, new_token
from tests.app.pages import open_page, rerun

PAGE = "pages/game.py"
TEACHER = "teacher-browser-secret-1"
PLAYS = {  # name: (level, the α of each downhill step); level 3 is the two valleys
    "Ada": (3, [0.2] * 5),  # jumps the ridge: won in 5
    "Bob": (3, [0.01, 0.01] + [0.2] * 6),  # won in 8
    "Cy": (3, [0.1] * 20),  # walks into the trap: out of steps there
    "Dee": (3, [0.1] * 8),  # … and says she is at the bottom (below)
    "Eve": (3, [0.01] * 3),  # still playing
    "Fay": (1, [0.3]),  # on another level
}


def seat(engine, room: str, name: str, game: rules.Game) -> str:
    """A student in the room with their game, saved as the game page saves it; its token."""
    owner, token = digest(f"{name}-browser-secret"), new_token()
    lb.join(engine, room, name, owner)
    record = {"game": saved.dump(game), "attempt": new_token(), "seed": 0, "unlocked": 3,
              "best": {}, "room": room, "name": name}  # fmt: skip
    save_game(engine, token, owner, record, version=1, on=0)
    return token


def played(number: int, rates: list[float]) -> rules.Game:
    game = rules.new_game(rules.level(number))
    for lr in rates:
        game = rules.gradient_step(game, lr)
    return game


@pytest.fixture
def classroom(tmp_path):
    """A room whose class played the known paths; the app's secrets, the room, its teacher's
    link secret and the database."""
    path = tmp_path / "db.sqlite"
    engine = prepare(db.sqlite_engine(path))
    opened = lb.open_room(engine, digest(TEACHER))
    room = opened.code
    seat(engine, room, "Ada", played(3, [0.1]))  # Ada's older game: her newer one counts
    tokens = {}
    for name, (number, rates) in PLAYS.items():
        game = played(number, rates)
        tokens[name] = seat(
            engine, room, name, rules.declare_bottom(game) if name == "Dee" else game
        )
    seat(engine, room, "Gus", played(3, [0.2] * 5))
    lb.remove_name(engine, room, digest(TEACHER), None, "Gus")  # removed: not shown
    other = lb.open_room(engine, digest("another teacher")).code
    seat(engine, other, "Hal", played(3, [0.2] * 5))  # another room's
    with engine.begin() as conn:  # a damaged row in the room
        conn.execute(db.games.insert().values(token=new_token(), data='{"room": "' + room + '",',
                                              updated=db.now(), owner=digest("x"), version=3,
                                              room=room))  # fmt: skip
    secrets = {"connections": {"leaderboard": {"url": f"sqlite:///{path}"}}}
    yield secrets, room, opened.teacher, engine, tokens
    engine.dispose()


def table(at, column: str) -> dict:
    """The table that has ``column``, as lists."""
    return next(d.value for d in at.dataframe if column in d.value.columns).to_dict("list")


def test_the_teacher_sees_the_class_tally_of_the_level_most_play(classroom):
    secrets, room, link, *_ = classroom
    at = open_page(PAGE, secrets=secrets, room=room, teacher=link, view="class")
    assert at.toggle(key="class.view").value and at.query_params["view"] == "class"
    assert at.subheader[0].value == "Level 3: Two valleys"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Playing": "1",
        "Won": "2",
        "Lost": "2",
        "Median steps": "8",
        "On other levels": "1",
    }  # finished: 5, 8, 8 (Dee declared), 20
    valleys = table(at, "valley")
    assert valleys["players"] == [3, 2]
    assert valleys["names"] == ["Cy, Dee, Eve", "Ada, Bob"]
    assert valleys["valley"][0].startswith("local minimum at (-1.90, -0.47)")
    assert valleys["valley"][1].startswith("global minimum at (2.09, 0.43)")
    rates = table(at, "α")
    assert rates["α"] == ["0.2", "0.01", "0.1"] and rates[""] == ["best", "", "worst"]
    assert rates["steps"] == [11, 5, 28]
    assert not any("Gus" in n or "Hal" in n for n in valleys["names"])


def test_moving_everyone_to_the_next_level_moves_the_room_and_the_map(classroom):
    secrets, room, link, engine, tokens = classroom
    at = open_page(PAGE, secrets=secrets, room=room, teacher=link, view="class")
    at.selectbox(key="class.move").set_value(4)
    at.button(key="class.move.go").click()
    rerun(at)
    stored = lb.room(engine, room)
    assert (stored.level, stored.moves) == (4, 1)
    assert "Everyone moves to level 4" in at.success[0].value
    assert at.subheader[0].value.startswith("Level 4:")  # the class's level is the room's now
    assert {m.label: m.value for m in at.metric}["On other levels"] == "6"
    with pytest.raises(lb.Refused):  # a student cannot move the room
        room_levels.move_room(engine, room, digest("Ada-browser-secret"), None, 9)
    ada = open_page(PAGE, secrets=secrets, browser="Ada-browser-secret", game=tokens["Ada"])
    assert ada.session_state["game.session"].game.level.number == 4  # she followed the room
    at = rerun(at)  # the view's next refresh
    assert {m.label: m.value for m in at.metric}["Playing"] == "1"
    assert table(at, "valley")["names"] == ["Ada"]


def test_a_students_url_made_to_look_like_the_teachers_gets_the_normal_page(classroom):
    secrets, room, *_ = classroom
    at = open_page(PAGE, secrets=secrets, browser="Ada-browser-secret", room=room, view="class")
    assert not [t for t in at.toggle if t.key == "class.view"]
    assert "view" not in at.query_params
    assert {m.label for m in at.metric} >= {"Steps", "Par"}  # the game itself
    forged = open_page(PAGE, secrets=secrets, browser="Ada-browser-secret", room=room,
                       view="class", teacher="not-the-teachers-secret-0")  # fmt: skip
    assert not [t for t in forged.toggle if t.key == "class.view"]


def test_the_rooms_own_formula_level_is_shown_when_the_room_plays_it(classroom):
    secrets, room, link, engine, _ = classroom
    own = rules.custom_level("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ((-5, 5), (-5, 5)))
    room_levels.set_room_formula(engine, room, digest(TEACHER), None, rules.formula_of(own))
    game = rules.new_game(own)
    for _ in range(2):
        game = rules.gradient_step(game, 0.01)
    seat(engine, room, "Ivy", game)
    at = open_page(PAGE, secrets=secrets, room=room, teacher=link, view="class")
    assert at.subheader[0].value == own.title  # the room's level: never the typed text itself
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Playing"], metrics["On other levels"]) == ("1", "6")
    assert table(at, "α")["α"] == ["0.01"]
