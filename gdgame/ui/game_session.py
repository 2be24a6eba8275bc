"""The game page's state: the game being played, the levels opened, kept under a URL token.

Every move goes through the engine's rules (`gdgame.engine.game`) and is saved at once under
the token in the URL (?game=…), so a reload, a dropped connection or a restarted browser tab
finds the game where it was. Saved data is data from outside: it is replayed through the rules
on the way back in. Moves are callbacks; a refused move leaves a notice and changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from gdgame.engine import game as rules
from gdgame.engine.game import saved
from gdgame.engine.validate import whole_in
from gdgame.store.games import load_game, save_game
from gdgame.store.names import clean_name, clean_room, new_token
from gdgame.ui import database

KEY = "game.session"
NOTICE = "game.notice"
LEVEL_COUNT = len(rules.LEVELS)
SEED_MAX = 2**32 - 1


@dataclass(frozen=True)
class Session:
    """What one player has: the game in play, the levels opened, the best stars per level."""

    token: str
    game: rules.Game
    attempt: str  # one per game played: a saved score carries it, so it is stored once
    seed: int  # the last level's random terrain
    unlocked: int = 1
    best: dict[int, int] = field(default_factory=dict)
    room: str | None = None  # the classroom joined, and the name shown there
    name: str | None = None

    def record(self) -> dict:
        return {"game": saved.dump(self.game), "attempt": self.attempt, "seed": self.seed,
                "unlocked": self.unlocked, "best": {str(k): v for k, v in self.best.items()},
                "room": self.room, "name": self.name}  # fmt: skip

    @classmethod
    def from_record(cls, token: str, data: object) -> Session:
        """A session read back from the database; ValueError if anything in it is wrong."""
        if not isinstance(data, dict):
            raise ValueError("not a saved session")  # noqa: TRY004 - one error for bad data
        game = saved.load(data.get("game"))
        unlocked, attempt, seed = data.get("unlocked"), data.get("attempt"), data.get("seed")
        best = data.get("best")
        if not (isinstance(unlocked, int) and 1 <= unlocked <= LEVEL_COUNT
                and isinstance(attempt, str) and 0 < len(attempt) <= 64
                and isinstance(seed, int) and isinstance(best, dict)):  # fmt: skip
            raise ValueError("not a saved session")
        stars = {int(k): int(v) for k, v in best.items() if str(k).isdigit() and v in (1, 2, 3)}
        rules.level(LEVEL_COUNT, seed)  # the seed must be one the engine accepts
        room, name = data.get("room"), data.get("name")
        if room is not None or name is not None:
            room, name = clean_room(room), clean_name(name)
        return cls(token, game, attempt, seed, max(unlocked, game.level.number), stars, room,
                   name)  # fmt: skip


def today_seed() -> int:
    return rules.daily_seed(datetime.date.today())


def new_session(seed: int | None = None) -> Session:
    seed = today_seed() if seed is None else seed
    return Session(new_token(), rules.new_game(rules.level(1)), new_token(), seed)


def current() -> Session:
    """This tab's session: from memory, else from the URL's token, else a new one at level 1."""
    session = st.session_state.get(KEY)
    if session is None:
        session = _with_linked_seed(_restore(st.query_params.get("game")))
        _keep(session)
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
        notice(f"This link's terrain seed {raw!r} is not a whole number from 0 to {SEED_MAX}, "
               f"so level {LEVEL_COUNT} uses today's terrain.")  # fmt: skip
        return session
    game = session.game
    if game.level.number == LEVEL_COUNT and game.steps == 0:
        game = rules.new_game(rules.level(LEVEL_COUNT, seed), game.mode, game.fog)
    return replace(session, seed=seed, game=game)


def _restore(token: str | None) -> Session:
    if token is None:
        return new_session()
    try:
        data = load_game(database.engine(), token)
    except SQLAlchemyError:
        notice(database.UNREACHABLE)
        return new_session()
    try:
        if data is None:
            raise ValueError("no game under this token")
        return Session.from_record(token, data)
    except (ValueError, TypeError, KeyError):
        notice("This link's saved game could not be found or was damaged, so a new game "
               "starts at level 1.")  # fmt: skip
        return new_session()


def _keep(session: Session) -> None:
    """Hold the session in this tab and save it under its token."""
    st.session_state[KEY] = session
    try:
        save_game(database.engine(), session.token, session.record())
    except SQLAlchemyError:
        notice(database.UNREACHABLE)


def notice(message: str) -> None:
    """A message for the player, shown once at the top of the next run."""
    st.session_state[NOTICE] = message


def take_notice() -> str | None:
    return st.session_state.pop(NOTICE, None)


def move(step, *args) -> None:
    """A callback: play ``step(game, *args)``; a refused move leaves a notice instead."""
    session = current()
    try:
        game = step(session.game, *args)
    except ValueError as err:
        notice(f"That move is not possible: {err}.")
        return
    if game.status == rules.WON:
        number = game.level.number
        best = {**session.best, number: max(session.best.get(number, 0), rules.stars(game))}
        session = replace(session, unlocked=max(session.unlocked, min(number + 1, LEVEL_COUNT)),
                          best=best)  # fmt: skip
    _keep(replace(session, game=game))


def start(number: int, mode: str | None = None, fog: str | None = None,
          seed: int | None = None) -> None:  # fmt: skip
    """A callback: a new game on level ``number`` (kept mode and fog unless given)."""
    session = current()
    if number > session.unlocked:
        notice(f"Level {number} opens when you win level {number - 1}.")
        return
    seed = session.seed if seed is None else seed
    game = rules.new_game(rules.level(number, seed), mode or session.game.mode,
                          fog or session.game.fog)  # fmt: skip
    _keep(replace(session, game=game, attempt=new_token(), seed=seed))
    if number == LEVEL_COUNT:
        st.query_params["seed"] = str(seed)  # a link to this terrain


def unlock_all() -> None:
    """A callback for teachers: every level open at once."""
    _keep(replace(current(), unlocked=LEVEL_COUNT))


def join(room: str | None, name: str | None) -> None:
    """Join a classroom as ``name`` (both already checked), or leave it with None."""
    _keep(replace(current(), room=room, name=name))
