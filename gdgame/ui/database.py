"""The app's database: st.connection("leaderboard"), prepared once per process by gdgame.store.

By default a SQLite file, data/leaderboard.sqlite. To use PostgreSQL instead, put its URL in
.streamlit/secrets.toml (README: "A classroom leaderboard"):

    [connections.leaderboard]
    url = "postgresql+psycopg://user:password@host:5432/gdgame"
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from sqlalchemy import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from gdgame import store
from gdgame.store.db import BUSY_SECONDS, DatabaseGone

DEFAULT_FILE = Path(__file__).parents[2] / "data" / "leaderboard.sqlite"
UNREACHABLE = (
    "The database is busy or cannot be reached right now, so this is not saved yet. Your game "
    "goes on in this tab, and saving is tried again every few seconds."
)
GONE = (
    "The database file was deleted or replaced while the app was running, so nothing can be "
    "saved. Ask whoever runs the app to restart it (and to restore the file, if they can)."
)


def database_url() -> str:
    """The configured URL (secrets: connections.leaderboard.url), else the SQLite file."""
    if st.secrets.load_if_toml_exists():
        section = st.secrets.get("connections", {}).get("leaderboard", {})
        if section.get("url"):
            return str(section["url"])
    return f"sqlite:///{DEFAULT_FILE}"


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    # a page waits at most a few seconds for a connection, as for a lock (store.db)
    parsed, waits = make_url(url), {}
    if parsed.get_backend_name() != "sqlite" or parsed.database not in (None, "", ":memory:"):
        waits["pool_timeout"] = BUSY_SECONDS  # a pool of connections (not one in memory)
    if parsed.get_backend_name() == "postgresql":
        waits["connect_args"] = {"connect_timeout": max(1, round(BUSY_SECONDS))}
    return store.prepare(st.connection("leaderboard", type="sql", url=url, **waits).engine)


def engine() -> Engine:
    """The database engine, prepared on first use (one per URL and process)."""
    return _engine(database_url())


def failure(err: SQLAlchemyError) -> str:
    """What to tell the player when the database refused a read or a write."""
    return GONE if isinstance(err, DatabaseGone) else UNREACHABLE
