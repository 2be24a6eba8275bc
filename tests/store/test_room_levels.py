"""A room's own level (a typed formula), the teacher moving everyone, and its board."""

import pytest
from sqlalchemy import update

from gdgame.engine.formula import FormulaError
from gdgame.engine.game import from_formula
from gdgame.store import db, room_levels
from gdgame.store import leaderboard as lb
from gdgame.store.games import save_game
from gdgame.store.leaderboard import Refused
from gdgame.store.names import digest, formula_key, new_token

TEACHER, ALICE, MALLORY = (digest(who) for who in ("teacher", "alice", "mallory"))
BOWL = {"text": "x^2 + y^2", "x": [-5.0, 5.0], "y": [-5.0, 5.0]}
VALLEY = {"text": "x^2 + 10*y^2", "x": [-5.0, 5.0], "y": [-5.0, 5.0]}


def win(engine, room, name, owner, *, level=0, formula=None, score=900) -> str | None:
    row = {"room": room, "level": level, "name": name, "owner": owner, "mode": "gradient",
           "fog": "easy", "score": score, "steps": 3, "stars": 3, "token": new_token(),
           "formula": formula}  # fmt: skip
    return save_game(engine, new_token(), owner, {}, version=1, on=0, score=row)


def test_the_teacher_makes_a_formula_the_rooms_level_and_moves_everyone(engine):
    opened = lb.open_room(engine, TEACHER)
    room = opened.code
    assert lb.room(engine, room).moves == 0 and lb.room(engine, room).formula is None
    room_levels.set_room_formula(engine, room, MALLORY, opened.teacher, BOWL)
    found = lb.room(engine, room)
    assert (found.formula, found.level, found.moves) == (BOWL, 0, 1)
    assert formula_key(found.formula) == formula_key(dict(reversed(BOWL.items())))  # order-free
    room_levels.move_room(engine, room, TEACHER, None, 3)
    assert (lb.room(engine, room).level, lb.room(engine, room).moves) == (3, 2)


def test_only_the_teacher_moves_the_room_and_only_to_a_level(engine):
    room = lb.open_room(engine, TEACHER).code
    with pytest.raises(Refused, match="teacher"):
        room_levels.move_room(engine, room, MALLORY, "not-the-secret", 2)
    with pytest.raises(Refused, match="teacher"):
        room_levels.set_room_formula(engine, room, ALICE, None, BOWL)
    with pytest.raises(Refused, match="no level of its own"):
        room_levels.move_room(engine, room, TEACHER, None, 0)
    for bad in (-1, 100, 2.0, "3", True, None):
        with pytest.raises(Refused, match="not a level"):
            room_levels.move_room(engine, room, TEACHER, None, bad)
    assert lb.room(engine, room).moves == 0


def test_the_rooms_own_board_ranks_wins_on_its_current_formula_only(engine):
    room = lb.open_room(engine, TEACHER).code
    lb.join(engine, room, "Alice", ALICE)
    lb.join(engine, room, "Bob", MALLORY)
    room_levels.set_room_formula(engine, room, TEACHER, None, BOWL)
    bowl = formula_key(BOWL)
    assert win(engine, room, "Alice", ALICE, formula=bowl) is None
    assert "not room" in win(engine, room, "Bob", MALLORY, formula=formula_key(VALLEY))
    room_levels.set_room_formula(engine, room, TEACHER, None, VALLEY)
    assert "not room" in win(engine, room, "Bob", MALLORY, formula=bowl)  # an old formula
    assert win(engine, room, "Bob", MALLORY, formula=formula_key(VALLEY), score=500) is None
    assert [r["name"] for r in lb.board(engine, room, 0, formula=bowl)] == ["Alice"]
    assert [r["name"] for r in lb.board(engine, room, 0, formula=formula_key(VALLEY))] == ["Bob"]
    assert lb.board(engine, room, 1) == []
    with pytest.raises(ValueError):
        win(engine, room, "Alice", ALICE, level=0, formula=None)  # level 0 names its formula
    with pytest.raises(ValueError):
        win(engine, room, "Alice", ALICE, level=1, formula=bowl)


@pytest.mark.parametrize("stored", ["{not json", '"x^2"', "[1, 2]", '{"text": 7}'])
def test_a_damaged_formula_is_read_back_as_it_is_for_the_level_to_refuse(engine, stored):
    room = lb.open_room(engine, TEACHER).code
    with engine.begin() as conn:
        conn.execute(update(db.rooms).where(db.rooms.c.code == room).values(formula=stored))
    found = lb.room(engine, room)
    assert found.formula is not None
    with pytest.raises(FormulaError, match="could not be read"):
        from_formula(found.formula)
