"""A room's level: the teacher makes a typed formula the room's own level, or moves everyone
to a level; each move is counted (`rooms.moves`), so each student follows it once.

The formula comes checked (`gdgame.engine.game.custom_level` made a level of it) as its plain
record, text and domain; whoever reads it back checks it again (`leaderboard.Room.formula`).
"""

from __future__ import annotations

import json

from sqlalchemy import Engine, select, update

from gdgame.store.db import rooms
from gdgame.store.leaderboard import Refused, as_teacher
from gdgame.store.names import clean_room


def move_room(engine: Engine, code: str, owner: str, secret: str | None, level: int) -> None:
    """The teacher moves everyone in the room to ``level`` (1 … 99, or 0: the room's own)."""
    code = clean_room(code)
    if type(level) is not int or not 0 <= level <= 99:
        raise Refused("That is not a level of the game.")
    with engine.begin() as conn:
        as_teacher(conn, code, owner, secret)
        own = conn.execute(select(rooms.c.formula).where(rooms.c.code == code)).scalar()
        if level == 0 and own is None:
            raise Refused(f"Room {code} has no level of its own yet: make one in the Sandbox.")
        conn.execute(update(rooms).where(rooms.c.code == code)
                     .values(level=level, moves=rooms.c.moves + 1))  # fmt: skip


def set_room_formula(engine: Engine, code: str, owner: str, secret: str | None,
                     record: dict) -> None:  # fmt: skip
    """The teacher makes a typed formula (its checked record: text and domain) the room's own
    level, and moves everyone to it."""
    code = clean_room(code)
    with engine.begin() as conn:
        as_teacher(conn, code, owner, secret)
        conn.execute(update(rooms).where(rooms.c.code == code)
                     .values(formula=json.dumps(record), level=0,
                             moves=rooms.c.moves + 1))  # fmt: skip
