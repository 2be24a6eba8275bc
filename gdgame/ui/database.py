"""The app's database: st.connection("leaderboard"), prepared once per process by gdgame.store.

By default a SQLite file, data/leaderboard.sqlite. To use PostgreSQL instead, put its URL in
.streamlit/secrets.toml (README: "A classroom leaderboard"):

    [connections.leaderboard]
    url = "postgresql+psycopg://user:password@host:5432/gdgame"
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from sqlalchemy import Engine

from gdgame import store

DEFAULT_FILE = Path(__file__).parents[2] / "data" / "leaderboard.sqlite"
UNREACHABLE = (
    "The leaderboard's database cannot be reached right now, so nothing was saved there. "
    "Your game goes on in this tab; try again in a moment."
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
    return store.prepare(st.connection("leaderboard", type="sql", url=url).engine)


def engine() -> Engine:
    """The database engine, prepared on first use (one per URL and process)."""
    return _engine(database_url())
