"""A classroom room as the pages read it: its rules (how it plays, whether it is closed), read
again every few seconds, so a teacher's change reaches every student's next rerun."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from gdgame.store import leaderboard
from gdgame.ui import database

FRESH_SECONDS = 3


@st.cache_data(ttl=FRESH_SECONDS, max_entries=256, show_spinner=False)
def _room(code: str) -> leaderboard.Room | None:
    return leaderboard.room(database.engine(), code)


def rules(code: str | None) -> leaderboard.Room | None:
    """Room ``code`` as its teacher set it, or None (no room, or the database cannot say)."""
    if code is None:
        return None
    try:
        return _room(code)
    except SQLAlchemyError:
        return None


def forget() -> None:
    """After a teacher changed a room: its rules are read again on this run."""
    _room.clear()
