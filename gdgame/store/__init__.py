"""The classroom leaderboard's SQL storage (SQLAlchemy Core).

SQLite by default, PostgreSQL by URL.
"""

from __future__ import annotations

from sqlalchemy import Engine

from gdgame.store.db import create_schema, make_sqlite_safe
from gdgame.store.games import forget_old_games


def prepare(engine: Engine) -> Engine:
    """An engine ready for the app: SQLite set up for many writers, the tables created, and
    games untouched for months forgotten (once per process keeps that table small)."""
    engine = make_sqlite_safe(engine)
    create_schema(engine)
    forget_old_games(engine)
    return engine
