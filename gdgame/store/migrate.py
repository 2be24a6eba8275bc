"""Bringing a database up to the newest schema, on every start, whatever release made it.

The migrations are Alembic's (the SQLAlchemy project's tool), in ``migrations/versions``. A
database made before there were migrations holds the first release's tables and no version:
it is marked as that release's (``0001``) and upgraded from there. Two app processes starting
at once take turns: PostgreSQL through an advisory lock, SQLite through its write lock. A
database already at `HEAD` is recognized with one query, without importing Alembic (a second
off every start).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

MIGRATIONS = Path(__file__).parent / "migrations"
FIRST = "0001"  # the schema of the releases before migrations
HEAD = "0003"  # the newest migration (a test checks that Alembic agrees)
LOCK = 7_270_146  # PostgreSQL advisory lock id: any number no other app on the server uses


def config(connection: Connection | None = None):
    """Alembic's configuration for our migrations (no alembic.ini), on ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest schema's revision, as Alembic reads it from the migrations."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config()).get_current_head()


def current(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty or pre-migration database)."""
    with engine.connect() as conn:
        return _stored(conn)


def _stored(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` (the newest by default); safe to run at every
    start and from several processes at once."""
    if revision == "head" and current(engine) == HEAD:
        return
    from alembic import command

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOCK})
        if _before_migrations(conn):
            command.stamp(config(conn), FIRST)
        command.upgrade(config(conn), revision)


def _before_migrations(conn: Connection) -> bool:
    tables = set(inspect(conn).get_table_names())
    return "alembic_version" not in tables and {"rooms", "scores", "games"} <= tables
