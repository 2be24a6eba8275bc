"""The descent game's page: the level picker, how you move, the status row, the turn's
controls, the map and the 3-D view, the replay and the classroom.

The game itself (kept under a URL token, saved at every move) is in `game_session`; its words
in `game_text`; its rules in `gdgame.engine.game`.
"""

from __future__ import annotations

import streamlit as st

from gdgame.components.landscape_view import landscape_view
from gdgame.engine import game as rules
from gdgame.figures.game import fog, game_3d_figure, map_figure, shaded
from gdgame.figures.surface import CAMERAS, Grid
from gdgame.ui import (
    cache,
    classroom,
    database,
    game_levels,
    game_session,
    identity,
    notice,
    rooms,
    settings,
)
from gdgame.ui.game_session import Session
from gdgame.ui.game_text import (
    BOT_NAMES,
    FOG_HELP,
    FOG_NAMES,
    MODE_NAMES,
    STEP_SIZES,
    bot_line,
    chips,
    level_label,
    replay_table,
    result_line,
)

URL = ("game", "seed", "room", "teacher")  # what the page reads from its URL (a link's values)
MAP_GRID = 100  # the 2-D map goes out on every step: 100 × 100 keeps it light
LEVELS = range(1, game_session.LEVEL_COUNT + 1)
# Whether this run is the session's first: after an app process died and the page reconnected
# to another one, the first click reaches a session that has drawn no widgets yet, so no
# callback runs for it; the moves below are then played from the widgets' values instead.
FRESH = "game.fresh"


def _pick_level() -> None:
    if (number := st.session_state.get("game.level")) is not None:
        game_levels.start(number)


def _pick_mode_or_fog() -> None:
    number = game_session.current().game.level.number
    game_levels.start(number, mode=st.session_state["game.mode"], fog=st.session_state["game.fog"])


def _pick_seed() -> None:
    game_levels.start(game_session.LEVEL_COUNT, seed=int(st.session_state["game.seed"]))


def _chip_step(key: str) -> None:
    if (lr := st.session_state.get(key)) is not None:
        game_session.move(rules.gradient_step, lr)


def _slider_step() -> None:  # reads the widgets at click time, not as they were drawn
    game_session.move(rules.gradient_step, st.session_state["game.lr"])


def _polar_step() -> None:
    number = game_session.current().game.level.number
    game_session.move(rules.polar_step, st.session_state["game.angle"],
                      st.session_state[f"game.distance.{number}"])  # fmt: skip


def _step_to(x: float, y: float) -> None:
    game_session.move(rules.free_step, (x, y))


@st.cache_data(max_entries=128, show_spinner=False)
def bot_game(level: rules.Level, kind: str) -> rules.Game:
    """The bot's whole game on a level (deterministic: the easy bot's dice have seed 0)."""
    return rules.play_bot(level, kind)


def notices() -> None:
    """What the last move or the link could not do, said once; a save still to be made."""
    st.session_state[FRESH] = game_session.KEY not in st.session_state
    game_session.current()  # reading the link's game and seed may leave a notice
    game_levels.follow_room()  # … and so may the room's teacher moving everyone
    session = game_session.current()
    for message, outside in game_session.take_notices():
        notice.show(message, outside)
    if session.pending:
        _retry()


@st.fragment(run_every=game_session.RETRY_SECONDS)
def _retry() -> None:
    """While a save waits (the database was busy), try it again without holding up the page."""
    if game_session.retry():
        st.rerun()
    st.warning(game_session.unsaved() or database.UNREACHABLE, icon="⏳")


def controls() -> dict:
    """The level, how you move, the fog and the bot; returns the session and the bot's game."""
    session = game_session.current()
    game = session.game
    fixed = rooms.rules(session.room)
    by_room = "Your room's teacher set this." if fixed else None
    st.session_state["game.level"] = game.level.number
    st.session_state["game.mode"], st.session_state["game.fog"] = game.mode, game.fog
    own = _own_label(session, fixed)
    st.pills("Level", ([rules.CUSTOM] if own else []) + list(LEVELS), key="game.level",
             on_change=_pick_level, required=True, width="stretch",
             format_func=lambda n: level_label(n, session) if n else own)  # fmt: skip
    options = st.columns([3, 3, 2], vertical_alignment="bottom")
    options[0].segmented_control(
        "How you move", rules.MODES, key="game.mode", format_func=MODE_NAMES.get,
        on_change=_pick_mode_or_fog, required=True, disabled=bool(fixed and fixed.mode),
        help=by_room if fixed and fixed.mode else "Changing it starts the level again.",
    )  # fmt: skip
    options[1].segmented_control(
        "Fog", rules.FOGS, key="game.fog", format_func=FOG_NAMES.get, on_change=_pick_mode_or_fog,
        required=True, disabled=bool(fixed and fixed.fog),
        help=by_room if fixed and fixed.fog else FOG_HELP,
    )  # fmt: skip
    kind = options[2].selectbox("Race the bot", rules.BOTS, index=1, key="game.bot",
                                format_func=BOT_NAMES.get)  # fmt: skip
    return {"session": session, "bot_kind": kind,
            "bot": bot_game(game.level, kind)}  # fmt: skip


def _own_label(session: Session, fixed) -> str | None:
    """The chip of a level typed as a formula, if this player has one to play."""
    if fixed is not None and fixed.formula is not None:
        return "Room's own"
    own = session.game.level.number == rules.CUSTOM or session.formula is not None
    return "Your formula" if own else None


def status(values: dict) -> None:
    """The level's name and hint, then steps, par, height and slope."""
    session: Session = values["session"]
    game, lv = session.game, session.game.level
    rooms_own = game_levels.is_rooms_own(session, lv)
    st.subheader(f"Room {session.room}'s own level: a typed formula" if rooms_own else lv.title)
    if lv.number == rules.CUSTOM:
        st.latex(lv.landscape.formula)  # our LaTeX of the parsed formula, not the typed text
    st.caption("Your teacher's formula: the whole room plays it, and the board ranks you on it."
               if rooms_own else lv.hint)  # fmt: skip
    here = rules.ground(game)
    row = st.columns(4)
    row[0].metric("Steps", f"{game.steps} / {lv.budget}", help="Steps taken, of the budget")
    row[1].metric("Par", lv.par, help="Win within par for ★★★, within twice par for ★★")
    row[2].metric("Height f", f"{here.height:.4g}", help="The height where you stand")
    row[3].metric("Slope |∇f|", f"{here.slope:.3g}", help="How steep the ground is where you stand")


def turn(values: dict) -> tuple[float, float] | None:
    """This turn's controls, or the result; returns where a previewed step would land."""
    session: Session = values["session"]
    game, lv = session.game, session.game.level
    preview = None
    if not game.over:
        x, y = game.position
        downhill = rules.ground(game).downhill
        st.caption(f"You stand at ({x:.3g}, {y:.3g}). Downhill points toward {downhill:.0f}° "
                   "(0° is → along x, 90° is ↑ along y).")  # fmt: skip
        preview = _downhill_turn(session) if game.mode == "gradient" else _free_turn(session)
        declared = st.button(
            "I'm at the bottom", key="game.declare", on_click=game_session.move,
            args=(rules.declare_bottom,), width="stretch",
            help="Say you are at the lowest point. If you are not, you lose.",
        )  # fmt: skip
        _unseen(declared, game_session.move, rules.declare_bottom)
    else:
        (st.success if game.status == rules.WON else st.error)(result_line(game))
        classroom.win_line(session)
        if game.status == rules.WON and rules.CUSTOM < lv.number < game_session.LEVEL_COUNT:
            st.button(f"Next: level {lv.number + 1}", key="game.next", type="primary",
                      on_click=game_levels.start, args=(lv.number + 1,),
                      width="stretch")  # fmt: skip
    st.button("Start this level again", key="game.again", on_click=game_levels.start,
              args=(lv.number,), width="stretch")  # fmt: skip
    st.caption(bot_line(values["bot"], values["bot_kind"], game))
    if lv.number == game_session.LEVEL_COUNT:
        _terrain_seed(session)
    return preview


def _unseen(clicked: bool, move, *args) -> None:
    """Play a click whose callback did not run (the session's first run, see FRESH) and draw
    the page again; in any other run the callback has played it already."""
    if clicked and st.session_state.get(FRESH):
        st.session_state[FRESH] = False
        move(*args)
        st.rerun()


def _downhill_turn(session: Session) -> tuple[float, float] | None:
    """Chips for one-click steps, an exact α, and the preview of where it lands."""
    game = session.game
    # A fresh key per turn: chips act as buttons, and a browser still showing the last
    # turn's chip as pressed cannot turn the next click into "unpressed".
    chip_key = f"game.chip.{session.attempt}.{game.steps}"
    picked = st.pills("One click, one step downhill: α =", chips(game.level), key=chip_key,
                      on_change=_chip_step, args=(chip_key,), format_func=lambda v: f"{v:g}",
                      width="stretch")  # fmt: skip
    _unseen(picked is not None, _chip_step, chip_key)
    lr = st.select_slider("…or pick α exactly", STEP_SIZES, value=0.1, key="game.lr",
                          format_func=lambda v: f"{v:g}")  # fmt: skip
    stepped = st.button(f"Step with α = {lr:g}", key="game.step", type="primary",
                        on_click=_slider_step, width="stretch")  # fmt: skip
    _unseen(stepped, _slider_step)
    if st.toggle("Show where this step lands", value=True, key="game.preview"):
        return rules.preview(game, lr)
    return None


def _free_turn(session: Session) -> None:
    """A click on the map, or a direction and a distance."""
    lv = session.game.level
    st.write("**Click inside the dotted circle** on the map to step there, or type a "
             "direction and a distance:")  # fmt: skip
    a, d = st.columns(2)
    a.number_input("Direction (degrees)", -360.0, 360.0, float(round(rules.ground(session.game)
                   .downhill)), step=5.0, format="%.0f", key="game.angle")  # fmt: skip
    d.number_input(f"Distance (at most {lv.stride:g})", 0.0, lv.stride, lv.stride / 2,
                   step=0.05, key=f"game.distance.{lv.number}")  # fmt: skip
    stepped = st.button("Step", key="game.polar", type="primary", on_click=_polar_step,
                        width="stretch")  # fmt: skip
    _unseen(stepped, _polar_step)


def _terrain_seed(session: Session) -> None:
    """The last level's random terrain: a seed to type, or today's."""
    st.session_state["game.seed"] = session.seed
    st.number_input("Terrain seed: the same seed gives the same terrain", 0,
                    game_session.SEED_MAX, key="game.seed", on_change=_pick_seed)  # fmt: skip
    st.button("Today's terrain", key="game.today", on_click=game_levels.start,
              args=(game_session.LEVEL_COUNT,), kwargs={"seed": game_session.today_seed()},
              help="Everyone gets the same terrain on the same day")  # fmt: skip
    with st.expander("Share this terrain"):
        st.code(f"{settings.page_url()}?seed={session.seed}", language=None)
        st.caption("Whoever opens this link plays this terrain in a game of their own.")


def landscape(values: dict, preview: tuple[float, float] | None) -> None:
    """The map where play happens (the replay once it is over) and the 3-D view."""
    session: Session = values["session"]
    game, lv = session.game, session.game.level
    aiming = game.mode == "free" and not game.over
    bot = values["bot"] if rules.bot_path_shown(game) else None
    shade = _map_grid(lv.surface, lv.params)
    fig = map_figure(game, shade, bot=bot, bot_steps=None if game.over else game.steps,
                     preview=preview, clickable=aiming)  # fmt: skip
    landscape_view(fig, shade, key="game.map", seen=fog(game, shade),
                   on_click=_step_to if aiming else None)  # fmt: skip
    if game.over:
        st.caption("The replay: the whole landscape, both paths, ★ the lowest point.")
    with st.expander("The landscape in 3-D", expanded=True):
        camera = st.radio("View from", list(CAMERAS), horizontal=True, key="game.camera")
        fine = cache.grid(lv.surface, lv.params)  # sent once, so it can be the full 150 × 150
        landscape_view(game_3d_figure(game, fine, bot=values["bot"], camera=camera), fine,
                       key="game.3d", seen=fog(game, fine),
                       on_click=_step_to if aiming else None)  # fmt: skip
        if aiming:
            st.caption("In 3-D too, a click on the surface steps toward that point.")


@st.cache_data(max_entries=64, show_spinner=False)
def _map_grid(surface: str, params: cache.Params) -> Grid:
    """The level's heights, shaded for the map's contours (`shaded`), on the map's grid."""
    return shaded(cache.grid(surface, params, MAP_GRID))


def replay(values: dict) -> None:
    """Every step of a finished game, with what went wrong."""
    game = values["session"].game
    if game.over:
        st.subheader("Your steps")
        st.dataframe(replay_table(game), hide_index=True, key="game.replay")


def room(values: dict) -> None:
    """The classroom: join or open a room, and its board."""
    session: Session = values["session"]
    with st.expander("Classroom leaderboard",
                     expanded=bool(session.room or st.query_params.get("room"))):  # fmt: skip
        classroom.panel(session)
    identity.remember()
