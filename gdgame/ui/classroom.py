"""The classroom: a teacher opens a room, students join it with its code and a name, every win
goes on the room's board with how it was played, and the board refreshes by itself.

A room's teacher, and the controls only the teacher gets, are in `teacher`.

Names and anything else from outside are shown only as plain text (st.text, st.dataframe,
st.code): never through Markdown, which would render a link, an image or LaTeX hidden in them.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from gdgame.engine import game as rules
from gdgame.store import leaderboard
from gdgame.store.names import clean_room, formula_key
from gdgame.ui import database, game_levels, game_session, identity, notice, rooms, teacher
from gdgame.ui.game_session import Session
from gdgame.ui.game_text import FOG_NAMES, MODE_NAMES

REFRESH_SECONDS = 5
NAME_HELP = "1 to 24 letters, digits, spaces, - ' or _, in one alphabet"


def join_room() -> None:
    """A callback for the join form: check the code and the name, then take the name."""
    try:
        room = clean_room(st.session_state.get("classroom.code", ""))
        name = leaderboard.join(database.engine(), room, st.session_state.get("classroom.name"),
                                identity.player())  # fmt: skip
    except ValueError as err:  # Refused too: every message is ours, never the input
        teacher.say(str(err))
        return
    except SQLAlchemyError as err:
        teacher.say(database.failure(err))
        return
    st.session_state.pop(teacher.ERROR, None)
    st.query_params["room"] = room
    game_levels.join(room, name)


def leave_room() -> None:
    game_levels.join(None, None)
    st.query_params.pop("room", None)


def win_line(session: Session) -> None:
    """Under a won game in a room: whether it is on the board, said only once it is."""
    game = session.game
    if session.room is None or game.status != rules.WON:
        return
    if session.pending:
        st.warning(f"Not saved to room {session.room} yet: the database is busy. It is tried "
                   "again every few seconds; keep this tab open.", icon="⏳")  # fmt: skip
    elif why := game_session.refused_win(session):
        st.warning(why, icon="⚠️")
    elif _on_board(session.attempt):
        st.success(f"Saved to room {session.room}.", icon="✅")
    else:
        st.info(f"This win is not on room {session.room}'s board.", icon="ℹ️")


def _on_board(attempt: str) -> bool:
    try:
        return leaderboard.on_board(database.engine(), attempt)
    except SQLAlchemyError:
        return False


def panel(session: Session) -> None:
    """Join or open a room; the teacher's controls; the room's board for the level played."""
    held = teacher.teaching()
    if error := st.session_state.pop(teacher.ERROR, None):
        st.error(error, icon="🚫")
    room = session.room or (held or {}).get("room") or teacher.room_in_url()
    if session.room:
        st.write(f"You play in room **{session.room}** as:")
        st.text(session.name)
        if fixed := rooms.rules(session.room):
            _rules_line(fixed)
        st.button("Leave the room", key="classroom.leave", on_click=leave_room)
    else:
        with st.form("classroom.join", border=False):
            st.text_input("Room code", max_chars=8, key="classroom.code",
                          value=teacher.room_in_url() or "", placeholder="K7QXM")  # fmt: skip
            st.text_input("Your name (shown on the board)", max_chars=40, key="classroom.name",
                          help=NAME_HELP)  # fmt: skip
            st.form_submit_button("Join the room", on_click=join_room)
    if held:
        teacher.panel(held)
    else:
        with st.expander("For teachers: open a room"):
            st.write("Open a room, then give your class its code (or the link). Every win in "
                     "the room is saved, and the board below refreshes every few seconds. You "
                     "get a private teacher link with the room's controls.")  # fmt: skip
            st.button("Open a new room", key="classroom.open", on_click=teacher.open_new_room)
    if room:
        fixed = rooms.rules(room)
        own = formula_key(fixed.formula) if fixed and fixed.formula is not None else None
        levels = ([rules.CUSTOM] if own else []) + list(range(1, game_session.LEVEL_COUNT + 1))
        playing = session.game.level.number
        shown = st.segmented_control(
            "Board for level", levels, default=playing if playing in levels else levels[0],
            key=f"classroom.level.{playing}", required=True,  # a new level: its own board
            format_func=lambda n: "Room's own" if n == rules.CUSTOM else str(n),
        )  # fmt: skip
        number = playing if shown is None else shown
        board(room, number, own if number == rules.CUSTOM else None)


def _rules_line(fixed: leaderboard.Room) -> None:
    if fixed.closed:
        st.caption(f"Room {fixed.code} is closed: its board stays, but takes no new wins.")
    elif fixed.mode or fixed.fog:
        ways = [MODE_NAMES[fixed.mode]] if fixed.mode else []
        ways += [f"fog {FOG_NAMES[fixed.fog]}"] if fixed.fog else []
        st.caption(f"Your teacher set how this room plays: {', '.join(ways)}.")


@st.fragment(run_every=REFRESH_SECONDS)
def board(room: str, level: int, formula: str | None = None) -> None:
    """The room's board for ``level`` (the room's own: on its formula, by key), read again
    every few seconds."""
    st.subheader(f"Room {room}, its own level" if level == rules.CUSTOM
                 else f"Room {room}, level {level}")  # fmt: skip
    try:
        rows = leaderboard.board(database.engine(), room, level, formula=formula)
    except SQLAlchemyError as err:
        notice.show(database.failure(err))
        return
    if not rows:
        st.caption("No wins on this level yet.")
        return
    table = {
        "#": list(range(1, len(rows) + 1)),
        "name": [r["name"] for r in rows],
        "score": [r["score"] for r in rows],
        "steps": [r["steps"] for r in rows],
        "stars": ["★" * r["stars"] for r in rows],
        "moves": [MODE_NAMES.get(r["mode"], "unknown") for r in rows],
        "fog": [FOG_NAMES.get(r["fog"], "unknown") for r in rows],
    }
    st.dataframe(table, hide_index=True, key="classroom.board")
