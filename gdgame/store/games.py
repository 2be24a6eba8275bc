"""Games in progress, kept under a token so that a reload or a dropped connection loses nothing.

The stored value is the JSON of `gdgame.engine.game.saved.dump` (plus what the page keeps beside
it); whoever reads it back checks it with `saved.load`, since a database row is data from
outside too.
"""

from __future__ import annotations

import datetime
import json

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from gdgame.store.db import games, now
from gdgame.store.names import clean_token

MAX_BYTES = 64_000  # a level-9 game of 25 steps is about 1 KB
KEEP_DAYS = 60  # a game untouched this long is forgotten (a term, with room to spare)


def save_game(engine: Engine, token: str, data: dict) -> None:
    """Store ``data`` under ``token``, replacing what was there."""
    token = clean_token(token)
    text = json.dumps(data, separators=(",", ":"), allow_nan=False)
    if len(text) > MAX_BYTES:
        raise ValueError("a saved game this large is not one this game makes")
    values = {"data": text, "updated": now()}
    for _attempt in range(2):  # an insert can race another tab's insert: then update
        with engine.begin() as conn:
            if conn.execute(update(games).where(games.c.token == token).values(**values)).rowcount:
                return
            try:
                conn.execute(insert(games).values(token=token, **values))
                return
            except IntegrityError:
                pass


def load_game(engine: Engine, token: str) -> dict | None:
    """The data stored under ``token``, or None if there is none (or the token is not one)."""
    try:
        token = clean_token(token)
    except ValueError:
        return None
    with engine.connect() as conn:
        text = conn.execute(select(games.c.data).where(games.c.token == token)).scalar()
    return None if text is None else json.loads(text)


def forget_old_games(engine: Engine, days: float = KEEP_DAYS) -> int:
    """Delete games nobody has touched for ``days``; returns how many went."""
    cutoff = now() - datetime.timedelta(days=days)
    with engine.begin() as conn:
        return conn.execute(delete(games).where(games.c.updated < cutoff)).rowcount
