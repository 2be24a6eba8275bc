"""Rooms and scores: each game written once per client token, read as each player's best."""

from __future__ import annotations

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from gdgame.store.db import now, rooms, scores
from gdgame.store.names import clean_name, clean_room


def open_room(engine: Engine, code: str) -> str:
    """Open the room ``code`` (opening it twice is harmless); returns the cleaned code."""
    code = clean_room(code)
    try:
        with engine.begin() as conn:
            if conn.execute(select(rooms.c.code).where(rooms.c.code == code)).first() is None:
                conn.execute(insert(rooms).values(code=code, created=now()))
    except IntegrityError:  # opened by someone else at the same moment: it exists
        pass
    return code


def room_exists(engine: Engine, code: str) -> bool:
    with engine.connect() as conn:
        row = conn.execute(select(rooms.c.code).where(rooms.c.code == clean_room(code))).first()
    return row is not None


def save_score(engine: Engine, *, room: str, level: int, name: str, score: int, steps: int,
               stars: int, token: str) -> bool:  # fmt: skip
    """Store one finished game; True once it is committed, False if ``token`` was stored before.

    A double click or a retry sends the same token, so the game is stored once.
    """
    row = {"room": clean_room(room), "level": int(level), "name": clean_name(name),
           "score": int(score), "steps": int(steps), "stars": int(stars), "token": str(token),
           "saved": now()}  # fmt: skip
    if not (1 <= row["level"] <= 99 and 0 <= row["stars"] <= 3 and 0 < len(row["token"]) <= 64):
        raise ValueError("not a score this game can produce")
    try:
        with engine.begin() as conn:
            conn.execute(insert(scores).values(**row))
    except IntegrityError:
        return False
    return True


def board(engine: Engine, room: str, level: int, limit: int = 50) -> list[dict]:
    """Each player's best game on ``level`` in ``room``: highest score, then fewest steps."""
    ranked = (
        select(scores.c.name, scores.c.score, scores.c.steps, scores.c.stars, scores.c.saved,
               func.row_number().over(partition_by=scores.c.name,
                                      order_by=(scores.c.score.desc(), scores.c.steps,
                                                scores.c.saved)).label("rank"))
        .where(scores.c.room == clean_room(room), scores.c.level == int(level))
        .subquery()
    )  # fmt: skip
    query = (
        select(ranked.c.name, ranked.c.score, ranked.c.steps, ranked.c.stars)
        .where(ranked.c.rank == 1)
        .order_by(ranked.c.score.desc(), ranked.c.steps, ranked.c.saved)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]
