"""The classroom: a teacher opens a room, students join it with its code and a name, every win
is saved once, and the room's board refreshes by itself.

Names are shown only through st.dataframe (plain text): never through Markdown, which would
render a link, an image or LaTeX hidden in a name.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from gdgame.engine import game as rules
from gdgame.store import leaderboard
from gdgame.store.names import clean_name, clean_room, new_room_code
from gdgame.ui import database, game_session, settings

REFRESH_SECONDS = 5
SAVED = "classroom.saved"  # attempts whose score is committed


def open_new_room() -> None:
    """A callback: open a room with a fresh code and put the teacher in it."""
    try:
        engine = database.engine()
        code = new_room_code()
        while leaderboard.room_exists(engine, code):
            code = new_room_code()
        leaderboard.open_room(engine, code)
    except SQLAlchemyError:
        game_session.notice(database.UNREACHABLE)
        return
    st.session_state["classroom.teacher"] = code
    st.query_params["room"] = code


def join_room() -> None:
    """A callback for the join form: check the code and the name, then join."""
    try:
        room = clean_room(st.session_state.get("classroom.code", ""))
        name = clean_name(st.session_state.get("classroom.name", ""))
    except ValueError as err:
        st.session_state["classroom.error"] = str(err)
        return
    try:
        exists = leaderboard.room_exists(database.engine(), room)
    except SQLAlchemyError:
        st.session_state["classroom.error"] = database.UNREACHABLE
        return
    if not exists:
        st.session_state["classroom.error"] = (
            f"No room {room} is open. Check the code with your teacher."
        )
        return
    st.session_state.pop("classroom.error", None)
    st.query_params["room"] = room
    game_session.join(room, name)


def leave_room() -> None:
    game_session.join(None, None)
    st.query_params.pop("room", None)


def save_win(session: game_session.Session) -> None:
    """Save a won game to the player's room once, and say "saved" only after the commit."""
    game = session.game
    if session.room is None or game.status != rules.WON:
        return
    saved = st.session_state.setdefault(SAVED, set())
    if session.attempt not in saved:
        try:
            # False means this very game was saved before (a retry): saved all the same
            leaderboard.save_score(
                database.engine(),
                room=session.room,
                level=game.level.number,
                name=session.name,
                score=rules.score(game),
                steps=game.steps,
                stars=rules.stars(game),
                token=session.attempt,
            )
        except SQLAlchemyError:
            st.error(database.UNREACHABLE, icon="⚠️")
            st.button("Try saving again", key="classroom.retry")
            return
        saved.add(session.attempt)
    st.success(f"Saved to room {session.room}.", icon="✅")


def panel(session: game_session.Session) -> None:
    """Join or open a room; the room's board for the level being played."""
    if error := st.session_state.pop("classroom.error", None):
        st.error(error, icon="🚫")
    room = session.room or st.session_state.get("classroom.teacher") or _room_in_url()
    if session.room:
        st.write(f"You play in room **{session.room}** as:")
        st.text(session.name)
        st.button("Leave the room", key="classroom.leave", on_click=leave_room)
    else:
        with st.form("classroom.join", border=False):
            st.text_input("Room code", max_chars=8, key="classroom.code",
                          value=st.query_params.get("room", ""), placeholder="K7QXM")  # fmt: skip
            st.text_input("Your name (shown on the board)", max_chars=40, key="classroom.name",
                          help="1 to 24 letters, digits, spaces, - ' or _")  # fmt: skip
            st.form_submit_button("Join the room", on_click=join_room)
    with st.expander("For teachers: open a room"):
        st.write("Open a room, then give your class its code (or the link). Every win in the "
                 "room is saved, and the board below refreshes every few seconds.")  # fmt: skip
        st.button("Open a new room", key="classroom.open", on_click=open_new_room)
        if code := st.session_state.get("classroom.teacher"):
            st.metric("Room code", code)
            st.caption("Or hand out this link, which fills the code in:")
            st.code(f"{settings.page_url()}?room={code}", language=None)
        st.button("Open every level (to demonstrate one)", key="classroom.unlock",
                  on_click=game_session.unlock_all)  # fmt: skip
    if room:
        shown = st.segmented_control(
            "Board for level", range(1, game_session.LEVEL_COUNT + 1),
            default=session.game.level.number,
            key="classroom.level", required=True,
        )  # fmt: skip
        board(room, shown or session.game.level.number)


def _room_in_url() -> str | None:
    try:
        return clean_room(st.query_params.get("room"))
    except ValueError:
        return None


@st.fragment(run_every=REFRESH_SECONDS)
def board(room: str, level: int) -> None:
    """The room's board for ``level``, read again every few seconds."""
    st.subheader(f"Room {room}, level {level}")
    try:
        rows = leaderboard.board(database.engine(), room, level)
    except SQLAlchemyError:
        st.warning(database.UNREACHABLE, icon="⚠️")
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
    }
    st.dataframe(table, hide_index=True, key="classroom.board")
