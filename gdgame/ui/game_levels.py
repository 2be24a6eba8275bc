"""Which level a player plays: the one they pick, a level typed as a formula (the Sandbox's
"Play it", or their room's own), the level their room's teacher moved everyone to, and the
room's rules when they join it. Every change is a new game kept by `game_session`.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from gdgame.engine import game as rules
from gdgame.store.names import formula_key, new_token
from gdgame.ui import rooms
from gdgame.ui.game_session import LEVEL_COUNT, Session, current, keep, notice


def start(number: int, mode: str | None = None, fog: str | None = None,
          seed: int | None = None) -> None:  # fmt: skip
    """A callback: a new game on level ``number`` (kept mode and fog unless given; a room's
    rules, if its teacher fixed them, over either)."""
    session = current()
    if number > session.unlocked:
        notice(f"Level {number} opens when you win level {number - 1}.")
        return
    seed = session.seed if seed is None else seed
    try:
        level = own_level(session) if number == rules.CUSTOM else rules.level(number, seed)
    except ValueError as err:
        notice(str(err))
        return
    keep(replace(session, game=_new_game(session, level, mode, fog), attempt=new_token(),
                  seed=seed))  # fmt: skip
    if number == LEVEL_COUNT:
        st.query_params["seed"] = str(seed)  # a link to this terrain


def _new_game(session: Session, level: rules.Level, mode: str | None = None,
              fog: str | None = None) -> rules.Game:  # fmt: skip
    """A new game on ``level``: the room's rules over the mode and fog asked, over the kept."""
    fixed = rooms.rules(session.room)
    mode = (fixed.mode if fixed else None) or mode or session.game.mode
    fog = (fixed.fog if fixed else None) or fog or session.game.fog
    return rules.new_game(level, mode, fog)


def own_level(session: Session) -> rules.Level:
    """The level typed as a formula this player may play: their room's own, else the one they
    play now; ValueError (one sentence) if there is none or it cannot be made."""
    fixed = rooms.rules(session.room)
    if fixed is not None and fixed.formula is not None:
        try:
            return rules.from_formula(fixed.formula)
        except ValueError as err:
            raise ValueError(f"Room {fixed.code}'s own level could not be made: {err}") from None
    if session.game.level.number == rules.CUSTOM:
        return session.game.level
    if session.formula is not None:
        return rules.from_formula(session.formula)
    raise ValueError("There is no formula to play: type one in the Sandbox and press Play it.")


def play_formula(text: str, domain: object) -> str | None:
    """A new game on a typed formula's level (the Sandbox's "Play it"); the reason if it
    cannot be one."""
    try:
        level = rules.custom_level(text, domain)
    except ValueError as err:
        return str(err)
    session = current()
    keep(replace(session, game=_new_game(session, level), attempt=new_token(),
                 formula=rules.formula_of(level)))  # fmt: skip
    return None


def follow_room() -> None:
    """Once per move of the room's teacher: this player's game goes to the level they chose."""
    session = current()
    fixed = rooms.rules(session.room)
    if fixed is None or fixed.moves <= session.followed:
        return
    session = replace(session, followed=fixed.moves)
    number = fixed.level
    if number is None or (number == session.game.level.number and number != rules.CUSTOM):
        keep(session)
        return
    try:
        level = own_level(session) if number == rules.CUSTOM else rules.level(number, session.seed)
    except ValueError as err:
        notice(str(err))
        keep(session)
        return
    if level == session.game.level:
        keep(session)
        return
    session = replace(session, unlocked=max(session.unlocked, min(number, LEVEL_COUNT)))
    keep(replace(session, game=_new_game(session, level), attempt=new_token()))
    where = "its own level, a typed formula" if number == rules.CUSTOM else level.title
    notice(f"Your teacher moved the room to {where}.")


def join(room: str | None, name: str | None) -> None:
    """Join a classroom as ``name`` (both already checked and held), or leave it with None;
    a game not yet begun is started again by the room's rules."""
    session = replace(current(), room=room, name=name)
    fixed, game = rooms.rules(room), session.game
    if (
        fixed
        and game.steps == 0
        and (fixed.mode or game.mode, fixed.fog or game.fog) != (game.mode, game.fog)
    ):
        game = rules.new_game(game.level, fixed.mode or game.mode, fixed.fog or game.fog)
        session = replace(session, game=game, attempt=new_token())
    keep(session)


def is_rooms_own(session: Session, level: rules.Level) -> bool:
    """Whether ``level`` is the formula the player's room plays as its own level."""
    fixed = rooms.rules(session.room)
    formula = rules.formula_of(level)
    return (formula is not None and fixed is not None and fixed.formula is not None
            and formula_key(fixed.formula) == formula_key(formula))  # fmt: skip
