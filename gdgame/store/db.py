"""The database: its tables, and engines that never keep a page waiting long.

Works on any SQLAlchemy engine (the page passes st.connection's). The tables here are the
newest schema; a database made by an older release is brought up to it by the migrations
(`gdgame.store.migrate`). SQLite needs three settings for a classroom writing at once: WAL
(readers never block the writer), a busy timeout (a writer waits a little for the lock instead
of failing at once) and write transactions that take the lock at BEGIN IMMEDIATE (so two
transactions never deadlock upgrading a read lock). PostgreSQL gets the same bound on waiting
for a lock. A write that cannot get the lock in time fails: the page says so and tries again
later (`gdgame.ui.game_session`), rather than freezing for as long as someone holds it.

A SQLite file deleted or replaced while the app runs would take every later write with it
(the open connections still write to the deleted file): every write first checks that the file
is the one the engine opened, and fails with `DatabaseGone` if it is not.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    false,
)  # fmt: skip
from sqlalchemy.exc import SQLAlchemyError

BUSY_SECONDS = 2.5  # the longest a page waits for a lock someone else holds
READ_ONLY = "gdgame_read_only"  # the execution option `read` sets
DIGEST = 64  # a secret's SHA-256 in hex (`names.digest`)

metadata = MetaData()
rooms = Table(
    "rooms", metadata,
    Column("code", String(8), primary_key=True),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("owner", String(DIGEST)),  # the player who opened it (rooms of old releases: none)
    Column("teacher", String(DIGEST)),  # the teacher link's secret, as its digest
    Column("mode", String(16)),  # how every game in the room is played, if the teacher says
    Column("fog", String(16)),
    Column("closed", DateTime(timezone=True)),  # no more joins or scores from then on
    Column("formula", Text),  # the room's own level: a typed formula and its domain, as JSON
    Column("level", Integer),  # the level the teacher moved everyone to (0: the room's own)
    Column("moves", Integer, nullable=False, server_default="0"),  # how often they did
)  # fmt: skip
players = Table(
    "players", metadata,
    Column("room", String(8), nullable=False),
    Column("key", String(160), nullable=False),  # what the name looks like (`names.name_key`)
    Column("name", String(24), nullable=False),
    Column("owner", String(DIGEST), nullable=False),
    Column("removed", Boolean, nullable=False, server_default=false()),  # by the teacher
    Column("joined", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("room", "key", name="one_player_per_name"),
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
    Column("mode", String(16)),  # how the game was played (scores of old releases: unknown)
    Column("fog", String(16)),
    Column("formula", String(DIGEST)),  # the room's own level it was won on, as a digest
    UniqueConstraint("token", name="one_row_per_token"),
)  # fmt: skip
games = Table(
    "games", metadata,
    Column("token", String(64), primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    Column("owner", String(DIGEST)),  # the player whose game it is (old releases: the next)
    Column("version", Integer, nullable=False, server_default="1"),  # +1 at every save
    Column("room", String(8), index=True),  # the room it is played in: the teacher's live view
)  # fmt: skip


class DatabaseGone(SQLAlchemyError):
    """The SQLite file the app opened was deleted or replaced while it ran."""


def now() -> datetime.datetime:
    """The time a row is written, in UTC."""
    return datetime.datetime.now(datetime.UTC)


def make_safe(engine: Engine, busy_seconds: float = BUSY_SECONDS) -> Engine:
    """Bound how long a statement waits for a lock (both databases) and set SQLite up for many
    writers: WAL, BEGIN IMMEDIATE, and the check that its file is still the one opened."""
    if engine.dialect.name == "postgresql":
        _bound_postgres_waits(engine, busy_seconds)
    if engine.dialect.name != "sqlite" or getattr(engine, "_gdgame_safe", False):
        return engine
    engine._gdgame_safe = True  # listeners are added once, however often this is called
    path = engine.url.database if engine.url.database not in (None, "", ":memory:") else None
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    opened: dict[str, tuple[int, int]] = {}  # the file's (device, inode) at the first connect

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not pysqlite, begins transactions
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
        if path:
            opened.setdefault("file", _identity(path))

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        if path and opened.get("file") not in (None, _identity(path)):
            raise DatabaseGone(f"{path} was deleted or replaced while the app ran")
        reading = connection.get_execution_options().get(READ_ONLY)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def read(engine: Engine) -> Connection:
    """A connection for reads only. On SQLite its transactions take no lock at BEGIN, so with
    WAL a writer holding the lock never delays a read (the board, a game being reopened)."""
    return engine.execution_options(**{READ_ONLY: True}).connect()


def _identity(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


def _bound_postgres_waits(engine: Engine, seconds: float) -> None:
    if getattr(engine, "_gdgame_safe", False):
        return
    engine._gdgame_safe = True

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(seconds * 1000)}")
        dbapi_connection.commit()


def sqlite_engine(path: str | Path, busy_seconds: float = BUSY_SECONDS) -> Engine:
    """A SQLite engine for a file, set up for many writers."""
    return make_safe(create_engine(f"sqlite:///{path}"), busy_seconds)


def drop_all(engine: Engine) -> None:
    """Drop every table, the migrations' version too: tests and benchmarks start from nothing."""
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
