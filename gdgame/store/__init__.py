"""The classroom's SQL storage (SQLAlchemy Core): rooms, names, scores and games in progress.

SQLite by default, PostgreSQL by URL.
"""

from __future__ import annotations

from sqlalchemy import Engine

from gdgame.store.db import make_safe
from gdgame.store.games import forget_old_games
from gdgame.store.migrate import upgrade


def prepare(engine: Engine) -> Engine:
    """An engine ready for the app: lock waits bounded (SQLite also set up for many writers),
    the schema brought up to date, and games untouched for months forgotten (once per process
    keeps that table small)."""
    engine = make_safe(engine)
    upgrade(engine)
    forget_old_games(engine)
    return engine
