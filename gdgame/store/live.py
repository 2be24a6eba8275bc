"""A room's class as its teacher's live view reads it: the games played in the room lately and
who may be shown.

Everything comes from the database, so a class spread over several app processes (`make serve`)
is one class. A game row says which room it is played in (`games.room`, indexed); each comes
with its version, so a reader that keeps what it parsed before parses only the games that moved.
A game is shown under the name its record holds only while that name is its player's in the
room and was not removed by the teacher. Reads only (`db.read`): on SQLite no writer waits.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import Engine, select

from gdgame.store.db import games, now, players, read
from gdgame.store.names import clean_room

LIVE_HOURS = 12.0  # a game untouched this long is not part of the class's lesson any more


@dataclass(frozen=True)
class ClassGame:
    """One game row of the room: the JSON as stored, parsed by the reader only when needed."""

    token: str
    owner: str | None
    version: int
    data: str


@dataclass(frozen=True)
class Class:
    """The room's recent games, newest first, and the (owner, name) pairs it may show."""

    code: str
    games: tuple[ClassGame, ...]
    names: frozenset[tuple[str, str]]


def class_games(engine: Engine, code: str, hours: float = LIVE_HOURS) -> Class:
    """The games played in room ``code`` in the last ``hours``, and its names not removed."""
    code = clean_room(code)
    since = now() - datetime.timedelta(hours=hours)
    played = (select(games.c.token, games.c.owner, games.c.version, games.c.data)
              .where(games.c.room == code, games.c.updated >= since)
              .order_by(games.c.updated.desc()))  # fmt: skip
    held = select(players.c.owner, players.c.name).where(players.c.room == code,
                                                         ~players.c.removed)  # fmt: skip
    with read(engine) as conn:
        rows = conn.execute(played).all()
        names = frozenset((r.owner, r.name) for r in conn.execute(held))
    return Class(code, tuple(ClassGame(r.token, r.owner, r.version, r.data) for r in rows), names)
