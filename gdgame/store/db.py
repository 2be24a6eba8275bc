"""The database: its tables, a safe SQLite engine for many writers, and schema creation.

Works on any SQLAlchemy engine (the page passes st.connection's). SQLite needs three settings
for a classroom writing at once: WAL (readers never block the writer), a busy timeout (a writer
waits for the lock instead of failing) and write transactions that take the lock at BEGIN
IMMEDIATE (so two transactions never deadlock upgrading a read lock).
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
    Text,
    UniqueConstraint,
    create_engine,
    event,
)  # fmt: skip

BUSY_SECONDS = 30.0

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
games = Table(
    "games", metadata,
    Column("token", String(64), primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)  # fmt: skip


def now() -> datetime.datetime:
    """The time a row is written, in UTC."""
    return datetime.datetime.now(datetime.UTC)


def make_sqlite_safe(engine: Engine, busy_seconds: float = BUSY_SECONDS) -> Engine:
    """Set WAL, a busy timeout and BEGIN IMMEDIATE on a SQLite engine (before it connects)."""
    if engine.dialect.name != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not pysqlite, begins transactions
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    if engine.url.database and engine.url.database != ":memory:":
        Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
    return engine


def sqlite_engine(path: str | Path, busy_seconds: float = BUSY_SECONDS) -> Engine:
    """A SQLite engine for a file, set up for many writers."""
    return make_sqlite_safe(create_engine(f"sqlite:///{path}"), busy_seconds)


def create_schema(engine: Engine) -> None:
    """Create the tables if they are missing (safe to call on every start)."""
    metadata.create_all(engine)
