"""Scores per room and level: written once per client token, read as each player's best.

Works on any SQLAlchemy engine (the page passes st.connection's). `sqlite_engine` makes the
default file database safe for a classroom: WAL, a busy timeout, and write transactions that
take the lock at BEGIN IMMEDIATE, so concurrent writers wait their turn instead of failing.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
)  # fmt: skip
from sqlalchemy.exc import IntegrityError

from gdgame.store.names import clean_name, clean_room

metadata = MetaData()
rooms = Table(
    "rooms", metadata,
    Column("code", String(8), primary_key=True),
    Column("created", DateTime(timezone=True), nullable=False),
)  # fmt: skip
scores = Table(
    "scores", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("room", String(8), nullable=False, index=True),
    Column("level", Integer, nullable=False),
    Column("name", String(24), nullable=False),
    Column("score", Integer, nullable=False),
    Column("steps", Integer, nullable=False),
    Column("stars", Integer, nullable=False),
    Column("token", String(64), nullable=False),
    Column("saved", DateTime(timezone=True), nullable=False),
    UniqueConstraint("token", name="one_row_per_token"),
)  # fmt: skip


def sqlite_engine(path: str | Path, busy_seconds: float = 30.0) -> Engine:
    """A SQLite engine for a file, set up for many writers (WAL, busy timeout, IMMEDIATE)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": busy_seconds})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not pysqlite, begins transactions
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_schema(engine: Engine) -> None:
    """Create the tables if they are missing (safe to call on every start)."""
    metadata.create_all(engine)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def open_room(engine: Engine, code: str) -> str:
    """Open the room ``code`` (opening it twice is harmless); returns the cleaned code."""
    code = clean_room(code)
    with engine.begin() as conn:
        if conn.execute(select(rooms.c.code).where(rooms.c.code == code)).first() is None:
            conn.execute(insert(rooms).values(code=code, created=_now()))
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
           "saved": _now()}  # fmt: skip
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
