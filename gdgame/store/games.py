"""Games in progress, kept under a token so that a reload or a dropped connection loses nothing.

Each game belongs to one player (the digest of the secret their browser keeps) and carries a
version that grows by one at every save. A save names the version it was made on and is
refused (`Stale`) if the stored game has moved on since, from another tab, or belongs to
someone else: two tabs can never fork a game, and a game row never moves backwards. A won
game's score can go into the same transaction (`leaderboard.add_score`), so the game and its
place on the board are stored together or not at all.

The stored value is the JSON of `gdgame.engine.game.saved.dump` (plus what the page keeps beside
it); whoever reads it back checks it with `saved.load`, since a database row is data from
outside too.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from gdgame.store import leaderboard
from gdgame.store.db import games, now, read
from gdgame.store.names import clean_room, clean_token

MAX_BYTES = 64_000  # a level-9 game of 25 steps is about 1 KB
KEEP_DAYS = 60  # a game untouched this long is forgotten (a term, with room to spare)


class Stale(Exception):
    """The stored game is not the one this save was made on: it moved on, or is not yours."""


@dataclass(frozen=True)
class Stored:
    """A game as the database holds it."""

    data: dict
    owner: str | None  # None: stored by a release before owners; the next player to open it
    version: int


def save_game(engine: Engine, token: str, owner: str, data: dict, *, version: int, on: int,
              score: dict | None = None) -> str | None:  # fmt: skip
    """Store ``data`` as ``version`` of ``owner``'s game ``token``, made on version ``on``
    (0 for a new game); `Stale` if the stored game is not that one.

    With ``score`` (the keywords of `leaderboard.add_score`), the score is added in the same
    transaction; returns why it was not (the room closed, say), or None.
    """
    token = clean_token(token)
    text = json.dumps(data, separators=(",", ":"), allow_nan=False)
    if len(text) > MAX_BYTES:
        raise ValueError("a saved game this large is not one this game makes")
    if not 0 <= on < version:
        raise ValueError("a save makes a newer version than the one it was made on")
    values = {"data": text, "updated": now(), "version": version, "room": _room_of(data)}
    try:
        with engine.begin() as conn:
            if on == 0:
                conn.execute(insert(games).values(token=token, owner=owner, **values))
            else:
                mine = (games.c.token == token) & (games.c.owner == owner)
                moved = update(games).where(mine, games.c.version == on).values(**values)
                if conn.execute(moved).rowcount != 1:
                    raise Stale(token)
            return None if score is None else leaderboard.add_score(conn, **score)
    except IntegrityError:  # a new game's token taken: never by chance, so someone else's
        raise Stale(token) from None


def _room_of(data: dict) -> str | None:
    """The room the game is played in, as its row is indexed (`live.class_games` reads it):
    None for a game in no room, or one whose room is not a room code."""
    try:
        return clean_room(data.get("room"))
    except ValueError:
        return None


def load_game(engine: Engine, token: str) -> Stored | None:
    """The game stored under ``token``, or None if there is none (or the token is not one);
    ValueError if the row is not JSON this app could have written."""
    try:
        token = clean_token(token)
    except ValueError:
        return None
    with read(engine) as conn:
        row = conn.execute(select(games.c.data, games.c.owner, games.c.version)
                           .where(games.c.token == token)).first()  # fmt: skip
    if row is None:
        return None
    try:
        data = json.loads(row.data)
    except (ValueError, RecursionError):  # not JSON; digits past int's limit; nested too deep
        raise ValueError("the saved game is damaged") from None
    if not isinstance(data, dict):
        raise ValueError("the saved game is damaged")  # noqa: TRY004 - one error for bad data
    return Stored(data, row.owner, row.version)


def claim_game(engine: Engine, token: str, owner: str) -> bool:
    """Make a game stored before games had owners ``owner``'s; True if it now is theirs."""
    token = clean_token(token)
    with engine.begin() as conn:
        conn.execute(update(games).where(games.c.token == token, games.c.owner.is_(None))
                     .values(owner=owner))  # fmt: skip
        held = conn.execute(select(games.c.owner).where(games.c.token == token)).scalar()
    return held == owner


def forget_old_games(engine: Engine, days: float = KEEP_DAYS) -> int:
    """Delete games nobody has touched for ``days``; returns how many went."""
    cutoff = now() - datetime.timedelta(days=days)
    with engine.begin() as conn:
        return conn.execute(delete(games).where(games.c.updated < cutoff)).rowcount
