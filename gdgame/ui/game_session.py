"""The game page's state: the game being played, the levels opened, kept under a URL token.

Every move goes through the engine's rules (`gdgame.engine.game`) and is saved at once under
the token in the URL (?game=…), so a reload, a dropped connection or a restarted browser tab
finds the game where it was. The game is this browser's (`identity`): a link to it opened
anywhere else starts a game of that player's own. Each save is a new version made on the one
before; a tab whose game has moved on in another tab has its move refused and is shown the game
as it now is. A save the database cannot take at once (someone holds its lock) waits in the tab
and is tried again (`retry`), so nothing is lost and the page never waits long.

Saved data is data from outside: it is replayed through the rules on the way back in. Moves are
callbacks; a refused move leaves a notice and changes nothing.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from gdgame.engine import game as rules
from gdgame.engine.game import saved
from gdgame.engine.validate import whole_in
from gdgame.store.games import Stale, claim_game, load_game, save_game
from gdgame.store.names import clean_name, clean_room, formula_key, new_token
from gdgame.ui import database, identity, rooms

KEY = "game.session"
NOTICE = "game.notice"  # [(message, outside values it quotes)]
REFUSED = "game.refused"  # (attempt, why its win is not on the room's board)
TRIED = "game.tried"  # (time.monotonic(), what went wrong) of the last failed save
RETRY_SECONDS = 3.0
LEVEL_COUNT = len(rules.LEVELS)
SEED_MAX = 2**32 - 1
MOVED_ON = (
    "This game moved on in another tab or window, so that move was not played. Here it is as "
    "it stands now."
)
NOT_YOURS = (
    "This link is another player's game, so you play a game of your own here. (A terrain or a "
    "room is shared by its own link: see the last level and the classroom.)"
)
DAMAGED = (
    "This link's saved game could not be found or was damaged, so a new game starts at level 1."
)


@dataclass(frozen=True)
class Session:
    """What one player has: the game in play, the levels opened, the best stars per level."""

    token: str
    game: rules.Game
    attempt: str  # one per game played: a saved score carries it, so it is stored once
    seed: int  # the last level's random terrain
    unlocked: int = 1
    best: dict[int, int] = field(default_factory=dict)
    room: str | None = None  # the classroom joined, and the name held there
    name: str | None = None
    version: int = 0  # this state's version: each change makes the next one
    stored: int = 0  # the newest version the database is known to hold (0: none yet)
    followed: int = 0  # the room's moves (`leaderboard.Room.moves`) this player has followed
    formula: dict | None = None  # the last formula played as a level (`rules.formula_of`)

    @property
    def pending(self) -> bool:
        """Whether this state has still to reach the database."""
        return self.version != self.stored

    def record(self) -> dict:
        return {"game": saved.dump(self.game), "attempt": self.attempt, "seed": self.seed,
                "unlocked": self.unlocked, "best": {str(k): v for k, v in self.best.items()},
                "room": self.room, "name": self.name, "followed": self.followed,
                "formula": self.formula}  # fmt: skip

    @classmethod
    def from_record(cls, token: str, data: object, version: int) -> Session:
        """A session read back from the database; ValueError if anything in it is wrong."""
        if not isinstance(data, dict):
            raise ValueError("not a saved session")  # noqa: TRY004 - one error for bad data
        game = saved.load(data.get("game"))
        unlocked, attempt, seed = data.get("unlocked"), data.get("attempt"), data.get("seed")
        best, followed, formula = data.get("best"), data.get("followed", 0), data.get("formula")
        if not (isinstance(unlocked, int) and 1 <= unlocked <= LEVEL_COUNT
                and isinstance(attempt, str) and 0 < len(attempt) <= 64
                and isinstance(seed, int) and isinstance(best, dict)
                and type(followed) is int and followed >= 0
                and (formula is None or isinstance(formula, dict))):  # fmt: skip
            raise ValueError("not a saved session")
        stars = {int(k): int(v) for k, v in best.items() if str(k).isdigit() and v in (1, 2, 3)}
        rules.level(LEVEL_COUNT, seed)  # the seed must be one the engine accepts
        room, name = data.get("room"), data.get("name")
        if room is not None or name is not None:
            room, name = clean_room(room), clean_name(name)
        return cls(token, game, attempt, seed, max(unlocked, game.level.number), stars, room,
                   name, version, version, followed, formula)  # fmt: skip


def today_seed() -> int:
    return rules.daily_seed(datetime.date.today())


def new_session(seed: int | None = None) -> Session:
    seed = today_seed() if seed is None else seed
    return Session(new_token(), rules.new_game(rules.level(1)), new_token(), seed)


def current() -> Session:
    """This tab's session: from memory, else from the URL's token (if it is this player's),
    else a new one at level 1."""
    session = st.session_state.get(KEY)
    if session is None:
        restored = _restore(st.query_params.get("game"))
        session = _with_linked_seed(restored)
        if session == restored and restored.stored:  # opened as stored: nothing to write, so
            st.session_state[KEY] = session  # another tab on the game does not fall behind
        else:
            keep(session)
        session = st.session_state[KEY]
    if st.query_params.get("game") != session.token:
        st.query_params["game"] = session.token
    return session


def _with_linked_seed(session: Session) -> Session:
    """A link's ?seed=… chooses the last level's terrain (a game there not yet begun takes it)."""
    raw = st.query_params.get("seed")
    if raw is None:
        return session
    try:
        seed = whole_in(int(raw) if raw.isdigit() else raw, 0, SEED_MAX, "terrain seed")
    except ValueError:
        notice(f"This link's terrain seed is not a whole number from 0 to {SEED_MAX}, so level "
               f"{LEVEL_COUNT} uses today's terrain. The link held:", [raw])  # fmt: skip
        return session
    game = session.game
    if game.level.number == LEVEL_COUNT and game.steps == 0:
        game = rules.new_game(rules.level(LEVEL_COUNT, seed), game.mode, game.fog)
    return replace(session, seed=seed, game=game)


def _restore(token: str | None) -> Session:
    """The game stored under ``token`` if it is this player's; otherwise a new one."""
    if token is None:
        return new_session()
    engine, me = database.engine(), identity.player()
    try:
        stored = load_game(engine, token)
        if stored is not None and stored.owner is None and claim_game(engine, token, me):
            stored = replace(stored, owner=me)  # a game saved before games had owners
    except ValueError:
        stored = None
    except SQLAlchemyError as err:
        notice(database.failure(err))
        return new_session()
    if stored is not None and stored.owner != me:
        notice(NOT_YOURS)
        return new_session()
    try:
        if stored is None:
            raise ValueError("no game under this token")
        return Session.from_record(token, stored.data, stored.version)
    except (ValueError, TypeError, KeyError):
        notice(DAMAGED)
        return new_session()


def keep(session: Session) -> None:
    """Hold ``session`` in this tab as a new version and store it (with its win's score, in a
    room); a tab whose game moved on elsewhere gets the stored game instead."""
    if session.version == session.stored:  # a change to a stored state: the next version
        session = replace(session, version=session.version + 1)
    st.session_state[KEY] = session
    store(session)


def store(session: Session) -> bool:
    """Write ``session`` (made on the version it last stored) to the database; True once it is
    there. A busy or unreachable database leaves it pending (`unsaved` says why)."""
    try:
        refused = save_game(database.engine(), session.token, identity.player(),
                            session.record(), version=session.version, on=session.stored,
                            score=_score(session))  # fmt: skip
    except Stale:
        st.session_state.pop(KEY, None)
        st.session_state[KEY] = _restore(session.token)
        notice(MOVED_ON)
        return False
    except SQLAlchemyError as err:
        st.session_state[TRIED] = (time.monotonic(), database.failure(err))
        return False
    if refused is not None:
        st.session_state[REFUSED] = (session.attempt, refused)
    if st.session_state.get(KEY) is session:
        st.session_state[KEY] = replace(session, stored=session.version)
    return True


def retry() -> bool:
    """Try again to store a pending session, once `RETRY_SECONDS` have passed since the last
    try (so a run never waits on the database twice); True if nothing is pending any more."""
    session = st.session_state.get(KEY)
    if session is None or not session.pending:
        return True
    if time.monotonic() - st.session_state.get(TRIED, (0.0, ""))[0] < RETRY_SECONDS:
        return False
    return store(session)


def unsaved() -> str | None:
    """Why this tab's game is not stored yet, if it is not."""
    session = st.session_state.get(KEY)
    return st.session_state.get(TRIED, (0.0, None))[1] if session and session.pending else None


def _score(session: Session) -> dict | None:
    """The board's row for a won game in a room (added with the save that stores it)."""
    game = session.game
    if session.room is None or session.name is None or game.status != rules.WON:
        return None
    formula = rules.formula_of(game.level)
    if formula is not None:  # only the room's own formula has a board
        fixed = rooms.rules(session.room)
        if (
            fixed is None
            or fixed.formula is None
            or formula_key(fixed.formula) != formula_key(formula)
        ):
            return None
    return {"room": session.room, "level": game.level.number, "name": session.name,
            "owner": identity.player(), "mode": game.mode, "fog": game.fog,
            "score": rules.score(game), "steps": game.steps, "stars": rules.stars(game),
            "token": session.attempt,
            "formula": None if formula is None else formula_key(formula)}  # fmt: skip


def refused_win(session: Session) -> str | None:
    """Why this attempt's win is not on the room's board, if its save said so."""
    attempt, why = st.session_state.get(REFUSED, (None, None))
    return why if attempt == session.attempt else None


def notice(message: str, outside: Sequence[str] = ()) -> None:
    """A message for the player, shown once at the top of the next run, with the ``outside``
    values it quotes (shown as plain text)."""
    st.session_state.setdefault(NOTICE, []).append((message, list(outside)))


def take_notices() -> list[tuple[str, list[str]]]:
    return st.session_state.pop(NOTICE, [])


def move(step, *args) -> None:
    """A callback: play ``step(game, *args)``; a refused move leaves a notice instead."""
    session = current()
    try:
        game = step(session.game, *args)
    except ValueError as err:
        notice(f"That move is not possible: {err}.")
        return
    if game.status == rules.WON and game.level.number != rules.CUSTOM:
        number = game.level.number
        best = {**session.best, number: max(session.best.get(number, 0), rules.stars(game))}
        session = replace(session, unlocked=max(session.unlocked, min(number + 1, LEVEL_COUNT)),
                          best=best)  # fmt: skip
    keep(replace(session, game=game))


def unlock_all() -> None:
    """Every level open at once (for a room's teacher: `classroom` checks who asks)."""
    keep(replace(current(), unlocked=LEVEL_COUNT))
