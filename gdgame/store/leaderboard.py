"""Rooms, their names and their scores.

A room is opened by a teacher, who gets a secret teacher link; only that link (or the browser
that opened the room) may open every level, fix how the room plays (mode and fog), remove a
name and close the room. A name belongs to the first player who takes it in a room, and so does
every name that looks like it (`names.name_key`). A score is stored with how it was played, once
per game (its attempt token), and only under a name its player holds, in a room still open, by
the room's rules.

Every function takes the player as ``owner``: the digest of the secret their browser keeps.
The room's level (its own typed formula, the teacher moving everyone) is in `room_levels`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, delete, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from gdgame.store.db import now, players, read, rooms, scores
from gdgame.store.names import (
    clean_name,
    clean_room,
    digest,
    formula_key,
    formula_record,
    name_key,
    new_room_code,
    new_token,
)

ROOMS_PER_PLAYER = (3, datetime.timedelta(hours=1))  # at most 3 new rooms an hour per browser
ROOMS_PER_SERVER = (30, datetime.timedelta(minutes=10))  # and 30 in 10 minutes in all


class Refused(ValueError):
    """What a player may not do, said in one sentence for them."""


@dataclass(frozen=True)
class Room:
    """A room as stored: its rules (None: the player chooses) and whether it is closed."""

    code: str
    mode: str | None
    fog: str | None
    closed: bool
    formula: object = None  # the room's own level as stored: to be checked by whoever reads it
    level: int | None = None  # the level the teacher moved everyone to (0: the room's own)
    moves: int = 0  # how often the teacher did: each student follows each move once


@dataclass(frozen=True)
class Opened:
    """A room just opened, and the secret of its teacher link (shown once, stored as a digest)."""

    code: str
    teacher: str


def open_room(engine: Engine, owner: str, code: str | None = None) -> Opened:
    """Open a room with a fresh code (or ``code``) for the teacher ``owner``; `Refused` if
    this browser, or the server, has opened too many rooms lately."""
    secret = new_token()
    with engine.begin() as conn:
        _within_room_limits(conn, owner)
        code = clean_room(code) if code is not None else _free_code(conn)
        try:
            with conn.begin_nested():
                conn.execute(insert(rooms).values(code=code, created=now(), owner=owner,
                                                  teacher=digest(secret)))  # fmt: skip
        except IntegrityError:
            raise Refused(f"Room {code} is open already.") from None
    return Opened(code, secret)


def _free_code(conn: Connection) -> str:
    while True:
        code = new_room_code()
        if conn.execute(select(rooms.c.code).where(rooms.c.code == code)).first() is None:
            return code


def _within_room_limits(conn: Connection, owner: str) -> None:
    for (limit, span), mine in ((ROOMS_PER_PLAYER, rooms.c.owner == owner),
                                (ROOMS_PER_SERVER, True)):  # fmt: skip
        since = now() - span
        count = conn.execute(select(func.count()).where(rooms.c.created >= since, mine)).scalar()
        if count >= limit:
            minutes = int(span.total_seconds() // 60)
            who = "this browser" if mine is not True else "this server"
            raise Refused(f"{limit} rooms were opened from {who} in the last {minutes} minutes: "
                          "please use one of them, or wait a little.")  # fmt: skip


def room(engine: Engine, code: str) -> Room | None:
    """The room ``code``, or None if no such room was opened."""
    with read(engine) as conn:
        return _room(conn, clean_room(code))


def _room(conn: Connection, code: str) -> Room | None:
    row = conn.execute(select(rooms.c.mode, rooms.c.fog, rooms.c.closed, rooms.c.formula,
                              rooms.c.level, rooms.c.moves)
                       .where(rooms.c.code == code)).first()  # fmt: skip
    if row is None:
        return None
    return Room(code, row.mode, row.fog, row.closed is not None, formula_record(row.formula),
                row.level, row.moves or 0)  # fmt: skip


def room_exists(engine: Engine, code: str) -> bool:
    return room(engine, code) is not None


def is_teacher(engine: Engine, code: str, owner: str, secret: str | None = None) -> bool:
    """Whether ``owner`` opened room ``code``, or ``secret`` is its teacher link's."""
    with read(engine) as conn:
        return _is_teacher(conn, clean_room(code), owner, secret)


def _is_teacher(conn: Connection, code: str, owner: str, secret: str | None) -> bool:
    row = conn.execute(select(rooms.c.owner, rooms.c.teacher).where(rooms.c.code == code)).first()
    if row is None:
        return False
    by_link = secret is not None and row.teacher is not None and digest(secret) == row.teacher
    return by_link or (row.owner is not None and row.owner == owner)


def as_teacher(conn: Connection, code: str, owner: str, secret: str | None) -> None:
    """Inside a teacher's transaction: `Refused` unless ``owner`` or ``secret`` is the room's
    teacher."""
    if not _is_teacher(conn, code, owner, secret):
        raise Refused(f"Only room {code}'s teacher can do that.")


def new_teacher_link(engine: Engine, code: str, owner: str, secret: str | None) -> str:
    """The teacher's new link secret; the old link stops working."""
    code, fresh = clean_room(code), new_token()
    with engine.begin() as conn:
        as_teacher(conn, code, owner, secret)
        conn.execute(update(rooms).where(rooms.c.code == code).values(teacher=digest(fresh)))
    return fresh


def set_rules(engine: Engine, code: str, owner: str, secret: str | None, *,
              mode: str | None, fog: str | None) -> None:  # fmt: skip
    """The teacher fixes how every game in the room is played (None: the player chooses)."""
    code = clean_room(code)
    with engine.begin() as conn:
        as_teacher(conn, code, owner, secret)
        conn.execute(update(rooms).where(rooms.c.code == code).values(mode=mode, fog=fog))


def close_room(engine: Engine, code: str, owner: str, secret: str | None) -> None:
    """The teacher closes the room: no more joins or scores; the board stays readable."""
    code = clean_room(code)
    with engine.begin() as conn:
        as_teacher(conn, code, owner, secret)
        conn.execute(update(rooms).where(rooms.c.code == code, rooms.c.closed.is_(None))
                     .values(closed=now()))  # fmt: skip


def remove_name(engine: Engine, code: str, owner: str, secret: str | None, name: str) -> None:
    """The teacher removes a name from the room: its scores go, and nobody can take it again."""
    code = clean_room(code)
    with engine.begin() as conn:
        as_teacher(conn, code, owner, secret)
        conn.execute(update(players).where(players.c.room == code, players.c.name == name)
                     .values(removed=True))  # fmt: skip
        conn.execute(delete(scores).where(scores.c.room == code, scores.c.name == name))


def names(engine: Engine, code: str) -> list[str]:
    """The names taken in the room and not removed, in the order they joined."""
    query = (select(players.c.name).where(players.c.room == clean_room(code), ~players.c.removed)
             .order_by(players.c.joined, players.c.name))  # fmt: skip
    with read(engine) as conn:
        return list(conn.execute(query).scalars())


def join(engine: Engine, code: str, name: str, owner: str) -> str:
    """Take ``name`` in room ``code`` for ``owner``; returns the name as the room holds it (a
    player joining again keeps the spelling they first chose). `Refused` if the room is not
    open or the name, or one that looks like it, is someone else's. A player holds one name per
    room: their earlier one is given up, unless it is on the board."""
    code, name = clean_room(code), clean_name(name)
    with engine.begin() as conn:
        found = _room(conn, code)
        if found is None:
            raise Refused(f"No room {code} is open. Check the code with your teacher.")
        if found.closed:
            raise Refused(f"Room {code} is closed.")
        held = _claim(conn, code, name, owner)
        scored = exists().where(scores.c.room == players.c.room, scores.c.name == players.c.name)
        conn.execute(delete(players).where(players.c.room == code, players.c.owner == owner,
                                           players.c.name != held, ~players.c.removed,
                                           ~scored))  # fmt: skip
    return held


def _claim(conn: Connection, code: str, name: str, owner: str) -> str:
    key = name_key(name)
    try:
        with conn.begin_nested():
            conn.execute(insert(players).values(room=code, key=key, name=name, owner=owner,
                                                joined=now()))  # fmt: skip
        return name
    except IntegrityError:
        pass
    row = conn.execute(select(players.c.name, players.c.owner, players.c.removed)
                       .where(players.c.room == code, players.c.key == key)).one()  # fmt: skip
    if row.removed:
        raise Refused(f"That name was removed from room {code} by its teacher: pick another.")
    if row.owner != owner:
        raise Refused(f"Someone in room {code} already plays as a name that looks just like "
                      "this one: pick another.")  # fmt: skip
    return row.name


def add_score(conn: Connection, *, room: str, level: int, name: str, owner: str, mode: str,
              fog: str, score: int, steps: int, stars: int, token: str,
              formula: str | None = None) -> str | None:  # fmt: skip
    """Add one won game to the board inside the caller's transaction (`games.save_game`);
    returns None once it is there (stored now, or by an earlier try of the same ``token``),
    else the reason it is not, for the player. A win on the room's own level (0) carries its
    formula's key (`formula_key`)."""
    row = {"room": clean_room(room), "level": int(level), "name": clean_name(name),
           "mode": mode, "fog": fog, "score": int(score), "steps": int(steps),
           "stars": int(stars), "token": str(token), "saved": now(),
           "formula": formula}  # fmt: skip
    if not (0 <= row["level"] <= 99 and 0 <= row["stars"] <= 3 and 0 < len(row["token"]) <= 64
            and (row["level"] == 0) == (formula is not None)):  # fmt: skip
        raise ValueError("not a score this game can produce")
    found = _room(conn, row["room"])
    if found is None or found.closed:
        return f"Room {row['room']} is closed, so this win is not on its board."
    if formula is not None and (found.formula is None or formula != formula_key(found.formula)):
        return (f"This formula is not room {row['room']}'s own level now, so the win is not on "
                "its board.")  # fmt: skip
    if (found.mode or mode) != mode or (found.fog or fog) != fog:
        return (f"Room {row['room']} plays with other settings now, so this win is not on its "
                "board: start the level again to play by them.")  # fmt: skip
    try:
        held = _claim(conn, row["room"], row["name"], owner)
    except Refused as err:
        return f"{err} This win is not on the board."
    if held != row["name"]:
        return "Your name in this room is spelled differently: join again to play under it."
    try:
        with conn.begin_nested():
            conn.execute(insert(scores).values(**row))
    except IntegrityError:  # this game was stored before: by this very save's earlier try?
        stored = conn.execute(select(scores.c.score, scores.c.steps, scores.c.name)
                              .where(scores.c.token == row["token"])).one()  # fmt: skip
        if (stored.score, stored.steps, stored.name) != (row["score"], row["steps"], row["name"]):
            return "A different result of this game is on the board already."
    return None


def on_board(engine: Engine, token: str) -> bool:
    """Whether the game ``token`` (its attempt) is on its room's board."""
    with read(engine) as conn:
        return conn.execute(select(scores.c.id).where(scores.c.token == token)).first() is not None


def board(engine: Engine, room: str, level: int, limit: int = 50,
          formula: str | None = None) -> list[dict]:  # fmt: skip
    """Each player's best game on ``level`` in ``room`` for each way of playing it (mode and
    fog): highest score, then fewest steps, then the earliest. The room's own level (0) is
    ranked on one formula (its `formula_key`)."""
    way = (scores.c.name, scores.c.mode, scores.c.fog)
    ranked = (
        select(*way, scores.c.score, scores.c.steps, scores.c.stars, scores.c.saved,
               func.row_number().over(partition_by=way,
                                      order_by=(scores.c.score.desc(), scores.c.steps,
                                                scores.c.saved)).label("rank"))
        .where(and_(scores.c.room == clean_room(room), scores.c.level == int(level),
                    scores.c.formula == formula if formula is not None
                    else scores.c.formula.is_(None)))
        .subquery()
    )  # fmt: skip
    shown = ("name", "mode", "fog", "score", "steps", "stars")
    query = (
        select(*(ranked.c[column] for column in shown))
        .where(ranked.c.rank == 1)
        .order_by(ranked.c.score.desc(), ranked.c.steps, ranked.c.saved)
        .limit(limit)
    )
    with read(engine) as conn:
        return [dict(r._mapping) for r in conn.execute(query)]
