"""The class view: a room's teacher watches every student's descent live, on the room's level.

Only a room's teacher (`teacher.teaching`: the teacher link, or the browser that opened the
room) gets the switch, on the game page; it is kept in the URL as ``?view=class``, which anyone
else's page drops, so a student's URL edited to look like it gets the normal page.

The view reads everything from the database (`class_data`), so it shows a class spread over
several app processes. It refreshes itself every `REFRESH_SECONDS` in a fragment: the maps' grids
go out once (the landscape view component), then each refresh sends the players' traces and the
tally. The teacher can move everyone to a level, and replay the class: every path growing step
by step, played by the browser from frames sent once.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from gdgame.components.landscape_view import landscape_view
from gdgame.engine import game as rules
from gdgame.engine.game.tally import Player, Tally, tally
from gdgame.engine.local_minima import LABEL_DIVERGED
from gdgame.figures import class_view as figures
from gdgame.figures.surface import CAMERAS
from gdgame.store import room_levels
from gdgame.ui import class_data, database, game_session, identity, notice, rooms, teacher
from gdgame.ui.class_data import CLASS

VIEW = "class"  # the URL's ?view= for the class view
REFRESH_SECONDS = 2.0
LOOKS = ("2-D map", "3-D")


def _follow_switch() -> None:
    """The URL says whether the class view is on (a reload keeps it)."""
    if not st.session_state.get("class.view"):
        st.query_params.pop("view", None)
    elif st.query_params.get("view") != VIEW:
        st.query_params["view"] = VIEW


def shown() -> bool:
    """For a room's teacher, the switch to the class view, and the view itself when it is on;
    whether it was drawn (then the page shows nothing else)."""
    held = teacher.teaching()
    if held is None:
        st.query_params.pop("view", None)  # a student's URL made to look like the teacher's
        return False
    room = held["room"]
    st.session_state.setdefault("class.view", st.query_params.get("view") == VIEW)
    st.toggle(f"Class view: every student of room {room}, live", key="class.view",
              on_change=_follow_switch)  # fmt: skip
    if not st.session_state["class.view"]:
        return False
    _follow_switch()
    show(room)
    identity.remember()
    return True


def show(room: str) -> None:
    """The class view of ``room``: what to show, the live view, the replay."""
    if error := st.session_state.pop(teacher.ERROR, None):
        st.error(error, icon="🚫")
    fixed = rooms.rules(room)
    numbers = [*([rules.CUSTOM] if fixed is not None and fixed.formula is not None else []),
               *range(1, game_session.LEVEL_COUNT + 1)]  # fmt: skip
    name = {CLASS: "The class's level", rules.CUSTOM: "The room's own formula"}
    left, middle, right = st.columns([2, 2, 3], vertical_alignment="bottom")
    choice = left.selectbox("Map of", [CLASS, *numbers], key="class.level",
                            format_func=lambda n: name.get(n, f"Level {n}"))  # fmt: skip
    look = middle.segmented_control("View", LOOKS, default=LOOKS[0], key="class.look",
                                    required=True)  # fmt: skip
    with right:
        _next_level(numbers, name, fixed.level if fixed is not None else None)
    camera = st.radio("View from", list(CAMERAS), horizontal=True, key="class.camera") if (
        look == LOOKS[1]) else "3/4"  # fmt: skip
    live(room, choice, look, camera)
    _replay(room, choice)


def _next_level(numbers: list[int], name: dict, now: int | None) -> None:
    """The "Next level for everyone" control (the level after the room's, at first): the room
    moves, and each student follows on their next rerun."""
    after = min((now or 1) + 1, game_session.LEVEL_COUNT)
    pick, go = st.columns([3, 2], vertical_alignment="bottom")
    pick.selectbox("Next level for everyone", numbers, key="class.move",
                   format_func=lambda n: name.get(n, f"Level {n}"),
                   index=numbers.index(after))  # fmt: skip
    go.button("Move everyone", key="class.move.go", type="primary", on_click=_move)
    if (moved := st.session_state.pop("class.moved", None)) is not None:
        st.success(f"Everyone moves to {name.get(moved, f'level {moved}')} at their next click.")


def _move() -> None:
    """A callback: everyone in the room plays the chosen level from their next rerun on."""
    level = st.session_state["class.move"]
    teacher.as_teacher(lambda engine, room, owner, secret: room_levels.move_room(
        engine, room, owner, secret, level))  # fmt: skip
    rooms.forget()
    if teacher.ERROR not in st.session_state:
        st.session_state["class.moved"] = level


def _read(room: str, choice: object) -> class_data.OnLevel | None:
    """The class on the level shown, or None (said) if the database cannot be read."""
    try:
        return class_data.on_level(room, choice)
    except SQLAlchemyError as err:
        notice.show(database.failure(err))
        return None


@st.fragment(run_every=REFRESH_SECONDS)
def live(room: str, choice: object, look: str, camera: str) -> None:
    """The class as it stands, read again every couple of seconds."""
    if (seen := _read(room, choice)) is None:
        return
    level, here, views = seen.level, seen.players, seen.views
    counted = tally(here, views.basins)
    st.subheader(level.title)
    picture, numbers = st.columns([4, 3], gap="large")
    with picture:
        if look == LOOKS[1]:
            landscape_view(figures.live_3d(level, views.grid, here, views.bot, camera=camera),
                           views.grid, key="class.3d")  # fmt: skip
        else:
            landscape_view(figures.live_map(level, views.shade, here, views.bot),
                           views.shade, key="class.map")  # fmt: skip
    with numbers:
        _tally(counted, seen.elsewhere)
    _valleys(level, views, counted, here)


def _tally(counted: Tally, elsewhere: int) -> None:
    """How many play, won and lost; median steps; the best and worst α."""
    row = st.columns(3)
    row[0].metric("Playing", counted.playing)
    row[1].metric("Won", counted.won, help="Reached the bottom")
    row[2].metric("Lost", counted.lost)
    row = st.columns(2)
    steps = counted.median_steps
    row[0].metric("Median steps", "–" if steps is None else f"{steps:g}",
                  help="Over the games that are over, won or lost")  # fmt: skip
    row[1].metric("On other levels", elsewhere)
    if counted.rates:
        st.write("**Learning rates chosen** (downhill steps; progress is the share of the "
                 "height above the bottom one step took away):")  # fmt: skip
        st.dataframe(rates_table(counted), hide_index=True, key="class.rates",
                     column_config={"median progress": st.column_config.NumberColumn(
                         format="percent")})  # fmt: skip


def rates_table(counted: Tally) -> dict[str, list]:
    """Each α chosen, best first, with its steps, median progress and steps that went uphill."""
    best, worst = counted.best, counted.worst
    return {
        "α": [f"{r.lr:g}" for r in counted.rates],
        "": ["best" if r is best else "worst" if r is worst else "" for r in counted.rates],
        "steps": [r.steps for r in counted.rates],
        "median progress": [round(r.progress, 2) for r in counted.rates],
        "uphill": [r.uphill for r in counted.rates],
    }


def valleys_table(counted: Tally, lr: float) -> dict[str, list]:
    """Each valley the class stands in, most players first, with their names (plain text)."""
    where = []
    for v in counted.valleys:
        if (m := v.minimum) is None and v.label == LABEL_DIVERGED:
            where.append(f"where plain descent at α = {lr:g} flies off")
        elif m is None:
            where.append(
                f"where plain descent at α = {lr:g} reaches no bottom within "
                f"{class_data.BASIN_STEPS} steps (a long slope or a plateau)"
            )
        else:
            kind = "global" if m.is_global else "local"
            where.append(f"{kind} minimum at ({m.x:.2f}, {m.y:.2f}), f = {m.value:.3g}")
    return {"valley": where, "players": [len(v.names) for v in counted.valleys],
            "names": [", ".join(v.names) for v in counted.valleys]}  # fmt: skip


def _valleys(level: rules.Level, views: class_data.Views, counted: Tally,
             here: list[Player]) -> None:  # fmt: skip
    """The human basin map beside the engine's, and the table of valleys."""
    st.subheader("Which valleys the class fell into")
    ours, engine = st.columns(2, gap="large")
    with ours:
        landscape_view(figures.basins_map(level, views.basins, counted, players=here,
                                          title="The class: how many stand in each valley"),
                       views.basin_grid, key="class.valleys")  # fmt: skip
    with engine:
        landscape_view(figures.basins_map(level, views.basins, title="The engine: plain descent "
                                          f"at α = {level.bot_lr:g} from every start"),
                       views.basin_grid, key="class.basins")  # fmt: skip
    if counted.valleys:
        st.dataframe(valleys_table(counted, level.bot_lr), hide_index=True,
                     key="class.valley_table")  # fmt: skip


def _replay(room: str, choice: object) -> None:
    """Every path growing together, step by step, played by the browser."""
    if not st.toggle("Replay the class", key="class.replay",
                     help="All paths grow together, one step per frame"):  # fmt: skip
        return
    if (seen := _read(room, choice)) is not None:
        landscape_view(figures.replay(seen.level, seen.views.shade, seen.players, seen.views.bot),
                       seen.views.shade, key="class.replay_view")  # fmt: skip
    st.caption("Press ▶ Play, or drag the slider: the class as it was after each step.")
