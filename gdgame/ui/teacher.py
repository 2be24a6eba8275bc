"""A room's teacher: who it is, and the room's controls that only the teacher gets.

Opening a room gives its teacher a private teacher link (``?room=…&teacher=…``): only that link,
or the browser that opened the room, gets these controls (open every level, fix how the room
plays, remove a name, close the room, make a new link). The secret leaves the address bar as
soon as it is read, so a projected page never shows it; the database keeps only its digest.
Every control checks the teacher again in the database when it acts, not only when it is drawn.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from gdgame.engine import game as rules
from gdgame.store import leaderboard, room_levels
from gdgame.store.leaderboard import Refused
from gdgame.store.names import clean_room
from gdgame.ui import database, game_session, identity, rooms, settings
from gdgame.ui.game_text import FOG_NAMES, MODE_NAMES

ERROR = "classroom.error"  # what the last classroom action could not do, said once
TEACHER = "classroom.teacher"  # {"room", "secret" (None: known by this browser), "link"}
CHECKED = "classroom.checked"  # the room in the URL this session was checked to teach, or not
ANY = "any"  # a room rule left to the player
LINK_HELP = (
    "It opens these controls from any browser. Do not project it or send it to your class: "
    "whoever holds it can change the room's rules, remove names and close the room. The "
    "address bar never shows it once the page has read it."
)


def rule_key(what: str, room: str | None) -> str:
    """The session key of the teacher's widget for the room's ``what`` ("mode" or "fog")."""
    return f"classroom.rule.{what}.{room}"


def say(message: str) -> None:
    """A message (ours, never the player's input) for the classroom panel's next run."""
    st.session_state[ERROR] = message


def room_in_url() -> str | None:
    try:
        return clean_room(st.query_params.get("room"))
    except ValueError:
        return None


def open_new_room() -> None:
    """A callback: open a room with a fresh code; this browser is its teacher."""
    try:
        opened = leaderboard.open_room(database.engine(), identity.player())
    except Refused as err:
        say(str(err))
        return
    except SQLAlchemyError as err:
        say(database.failure(err))
        return
    st.session_state[TEACHER] = {"room": opened.code, "secret": opened.teacher,
                                 "link": opened.teacher}  # fmt: skip
    st.query_params["room"] = opened.code


def teaching() -> dict | None:
    """The room this session teaches, if any: from a teacher link (whose secret then leaves
    the URL) or because this browser opened the room in the URL."""
    held = st.session_state.get(TEACHER)
    room, secret = room_in_url(), st.query_params.get("teacher")
    try:
        if secret is not None:
            del st.query_params["teacher"]
            if room and leaderboard.is_teacher(database.engine(), room, identity.player(), secret):
                held = st.session_state[TEACHER] = {"room": room, "secret": secret, "link": None}
            else:
                say("This teacher link is not (or no longer) a room's: ask whoever opened the "
                     "room for its current teacher link.")  # fmt: skip
        elif room and held is None and st.session_state.get(CHECKED) != room:
            st.session_state[CHECKED] = room
            if leaderboard.is_teacher(database.engine(), room, identity.player()):
                held = st.session_state[TEACHER] = {"room": room, "secret": None, "link": None}
    except SQLAlchemyError as err:
        say(database.failure(err))
    return held


def as_teacher(action) -> None:
    """Run a teacher's ``action(engine, room, owner, secret)``, saying what went wrong."""
    held = st.session_state.get(TEACHER)
    if held is None:
        say("Only a room's teacher can do that.")
        return
    try:
        action(database.engine(), held["room"], identity.player(), held["secret"])
    except ValueError as err:
        say(str(err))
    except SQLAlchemyError as err:
        say(database.failure(err))


def unlock_all() -> None:
    """A callback for the teacher: every level open in this session (to demonstrate one)."""

    def unlock(engine, room, owner, secret) -> None:
        if not leaderboard.is_teacher(engine, room, owner, secret):
            raise Refused(f"Only room {room}'s teacher can open every level.")
        game_session.unlock_all()

    as_teacher(unlock)


def set_rules() -> None:
    """A callback for the teacher: how every game in the room is played from now on."""
    room = (st.session_state.get(TEACHER) or {}).get("room")
    mode, fog = (st.session_state.get(rule_key(what, room)) for what in ("mode", "fog"))
    as_teacher(lambda engine, room, owner, secret: leaderboard.set_rules(
        engine, room, owner, secret, mode=None if mode in (None, ANY) else mode,
        fog=None if fog in (None, ANY) else fog))  # fmt: skip
    rooms.forget()


def remove_name() -> None:
    """A callback for the teacher: the chosen name leaves the board for good."""
    if (name := st.session_state.get("classroom.remove")) is not None:
        as_teacher(lambda engine, room, owner, secret: leaderboard.remove_name(
            engine, room, owner, secret, name))  # fmt: skip


def make_room_level(text: str, domain: object) -> str | None:
    """The teacher makes a typed formula the room's own level and moves everyone to it (the
    Sandbox's button); the reason, if it cannot be done."""
    try:
        record = rules.formula_of(rules.custom_level(text, domain))
    except ValueError as err:
        return str(err)
    as_teacher(lambda engine, room, owner, secret: room_levels.set_room_formula(
        engine, room, owner, secret, record))  # fmt: skip
    rooms.forget()
    return st.session_state.pop(ERROR, None)


def close_room() -> None:
    """A callback for the teacher: no more joins or scores; the board stays."""
    if st.session_state.get("classroom.close.sure"):
        as_teacher(leaderboard.close_room)
        rooms.forget()
    else:
        say("Tick the box first: closing a room cannot be undone.")


def new_teacher_link() -> None:
    """A callback for the teacher: a new teacher link; the old one stops working."""

    def renew(engine, room, owner, secret) -> None:
        st.session_state[TEACHER] = {"room": room, "secret": leaderboard.new_teacher_link(
            engine, room, owner, secret)}  # fmt: skip
        st.session_state[TEACHER]["link"] = st.session_state[TEACHER]["secret"]

    as_teacher(renew)


def panel(held: dict) -> None:
    """The room's controls, for its teacher only."""
    room = held["room"]
    with st.expander(f"Teacher's controls for room {room}", expanded=True):
        st.metric("Room code", room)
        st.caption("Give your class the code, or this link, which fills it in:")
        st.code(f"{settings.page_url()}?room={room}", language=None)
        fixed = rooms.rules(room)
        if fixed is not None and fixed.closed:
            st.caption("This room is closed: its board stays, but takes no new wins or names.")
        elif fixed is not None:
            _controls(held, fixed)
    st.button("Open another room", key="classroom.open", on_click=open_new_room)


def _controls(held: dict, fixed: leaderboard.Room) -> None:
    """The teacher link, the room's rules, and the buttons that act on the room."""
    room = held["room"]
    _teacher_link(held)
    st.write("**How the room plays** (changing it restarts nobody's game; a win by other "
             "rules is not added to the board):")  # fmt: skip
    for what, rule in (("mode", fixed.mode), ("fog", fixed.fog)):
        if st.session_state.get(rule_key(what, room)) is None:  # new, or dropped by a page away
            st.session_state[rule_key(what, room)] = rule or ANY
    left, right = st.columns(2)
    left.segmented_control("Mode", [ANY, *rules.MODES], key=rule_key("mode", room),
                           format_func={ANY: "Player's choice", **MODE_NAMES}.get,
                           on_change=set_rules, required=True)  # fmt: skip
    right.segmented_control("Fog", [ANY, *rules.FOGS], key=rule_key("fog", room),
                            format_func={ANY: "Player's choice", **FOG_NAMES}.get,
                            on_change=set_rules, required=True)  # fmt: skip
    st.button("Open every level for me (to demonstrate one)", key="classroom.unlock",
              on_click=unlock_all)  # fmt: skip
    try:
        taken = leaderboard.names(database.engine(), room)
    except SQLAlchemyError:
        taken = []
    if taken:
        pick, go = st.columns([3, 1], vertical_alignment="bottom")
        pick.selectbox("Remove a name (its wins leave the board; nobody can take it again)",
                       taken, key="classroom.remove")  # fmt: skip
        go.button("Remove", key="classroom.remove.go", on_click=remove_name)
    sure, close = st.columns([3, 1], vertical_alignment="bottom")
    sure.checkbox("I want to close this room for good", key="classroom.close.sure")
    close.button("Close the room", key="classroom.close", on_click=close_room)


def _teacher_link(held: dict) -> None:
    with st.expander("Your teacher link: keep it private"):
        st.caption(LINK_HELP)
        if held.get("link"):
            st.code(f"{settings.page_url()}?room={held['room']}&teacher={held['link']}",
                    language=None)  # fmt: skip
        else:
            st.caption("It was shown when the room was opened. A new one replaces it:")
        st.button("Make a new teacher link (the old one stops working)",
                  key="classroom.new_link", on_click=new_teacher_link)  # fmt: skip
