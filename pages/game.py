"""The descent game: reach the lowest point of a landscape in as few steps as you can."""

import numpy as np
import streamlit as st

from gdgame.components.surface3d import surface3d
from gdgame.engine import game as rules
from gdgame.engine.game import visible
from gdgame.figures.game import game_3d_figure, map_figure
from gdgame.figures.surface import CAMERAS
from gdgame.ui import cache, classroom, play, router
from gdgame.ui.game_text import (
    BOT_NAMES,
    FOG_NAMES,
    MODE_NAMES,
    RATES,
    bot_line,
    chips,
    level_label,
    replay_table,
    result_line,
)

router.through_router()

PAGE = "game"
MAP_GRID = 100  # two views of the surface go out on every step: 100 × 100 keeps them light


def pick_level() -> None:
    if (number := st.session_state.get(f"{PAGE}.level")) is not None:
        play.start(number)


def pick_mode_or_fog() -> None:
    play.start(play.current().game.level.number, mode=st.session_state[f"{PAGE}.mode"],
               fog=st.session_state[f"{PAGE}.fog"])  # fmt: skip


def pick_seed() -> None:
    play.start(len(rules.LEVELS), seed=int(st.session_state[f"{PAGE}.seed"]))


def chip_step(key: str) -> None:
    if (lr := st.session_state.get(key)) is not None:
        play.move(rules.gradient_step, lr)


def slider_step() -> None:  # reads the widgets at click time, not as they were drawn
    play.move(rules.gradient_step, st.session_state[f"{PAGE}.lr"])


def polar_step() -> None:
    play.move(rules.polar_step, st.session_state[f"{PAGE}.angle"],
              st.session_state[f"{PAGE}.distance.{play.current().game.level.number}"])  # fmt: skip


def step_to(x: float, y: float) -> None:
    play.move(rules.free_step, (x, y))


def map_click() -> None:
    points = (st.session_state[f"{PAGE}.map"].get("selection") or {}).get("points") or []
    if points and "x" in points[0] and "y" in points[0]:
        step_to(points[0]["x"], points[0]["y"])


session = play.current()
game, lv = session.game, session.game.level
st.session_state[f"{PAGE}.level"] = lv.number
st.session_state[f"{PAGE}.mode"] = game.mode
st.session_state[f"{PAGE}.fog"] = game.fog

st.title("The descent game")
if message := play.take_notice():
    st.warning(message, icon="⚠️")
st.write(
    "Get to the **lowest point** of the landscape in as few steps as you can. Win a level to "
    "open the next one; the bot plays the same level beside you."
)
st.pills("Level", range(1, len(rules.LEVELS) + 1), key=f"{PAGE}.level", on_change=pick_level,
         format_func=lambda n: level_label(n, session), required=True, width="stretch")  # fmt: skip
options = st.columns([3, 3, 2], vertical_alignment="bottom")
options[0].segmented_control(
    "How you move", rules.MODES, key=f"{PAGE}.mode", format_func=MODE_NAMES.get,
    on_change=pick_mode_or_fog, required=True, help="Changing it starts the level again.",
)  # fmt: skip
options[1].segmented_control(
    "Fog", rules.FOGS, key=f"{PAGE}.fog", format_func=FOG_NAMES.get, on_change=pick_mode_or_fog,
    required=True,
    help="None: you see everything. Some: only around where you have been. Blind: only the "
    "height and slope where you stand, until the end. Changing it starts the level again.",
)  # fmt: skip
bot_kind = options[2].selectbox("Race the bot", rules.BOTS, index=1, key=f"{PAGE}.bot",
                                format_func=BOT_NAMES.get)  # fmt: skip
bot = cache.bot_game(lv.number, session.seed, bot_kind)

st.subheader(lv.title)
st.caption(lv.hint)
x, y = game.position
surface = lv.landscape
gx, gy = (float(v) for v in surface.grad(x, y))
height, slope = float(surface.f(x, y)), float(np.hypot(gx, gy))
downhill = float(np.degrees(np.arctan2(-gy, -gx))) % 360
status = st.columns(4)
status[0].metric("Steps", f"{game.steps} / {lv.budget}", help="Steps taken, of the budget")
status[1].metric("Par", lv.par, help="Win within par for ★★★, within twice par for ★★")
status[2].metric("Height f", f"{height:.4g}", help="The height where you stand")
status[3].metric("Slope |∇f|", f"{slope:.3g}", help="How steep the ground is where you stand")

picture, controls = st.columns([5, 3], gap="large")
with controls:
    if not game.over:
        st.caption(f"You stand at ({x:.3g}, {y:.3g}). Downhill points toward {downhill:.0f}° "
                   "(0° is → along x, 90° is ↑ along y).")  # fmt: skip
    preview = None
    if not game.over and game.mode == "gradient":
        # A fresh key per turn: chips act as buttons, and a browser still showing the last
        # turn's chip as pressed cannot turn the next click into "unpressed".
        chip_key = f"{PAGE}.chip.{session.attempt}.{game.steps}"
        st.pills("One click, one step downhill: α =", chips(lv), key=chip_key, on_change=chip_step,
                 args=(chip_key,), format_func=lambda v: f"{v:g}", width="stretch")  # fmt: skip
        lr = st.select_slider("…or pick α exactly", RATES, value=0.1, key=f"{PAGE}.lr",
                              format_func=lambda v: f"{v:g}")  # fmt: skip
        st.button(f"Step with α = {lr:g}", key=f"{PAGE}.step", type="primary",
                  on_click=slider_step, width="stretch")  # fmt: skip
        if st.toggle("Show where this step lands", value=True, key=f"{PAGE}.preview"):
            preview = rules.preview(game, lr)
    elif not game.over:
        st.write("**Click inside the dotted circle** on the map to step there, or type a "
                 "direction and a distance:")  # fmt: skip
        a, d = st.columns(2)
        a.number_input("Direction (degrees)", -360.0, 360.0, float(round(downhill)), step=5.0,
                       format="%.0f", key=f"{PAGE}.angle")  # fmt: skip
        d.number_input(f"Distance (at most {lv.stride:g})", 0.0, lv.stride, lv.stride / 2,
                       step=0.05, key=f"{PAGE}.distance.{lv.number}")  # fmt: skip
        st.button("Step", key=f"{PAGE}.polar", type="primary", on_click=polar_step,
                  width="stretch")  # fmt: skip
    if not game.over:
        st.button("I'm at the bottom", key=f"{PAGE}.declare", on_click=play.move,
                  args=(rules.declare_bottom,), width="stretch",
                  help="Say you are at the lowest point. If you are not, you lose.")  # fmt: skip
    else:
        (st.success if game.status == "won" else st.error)(result_line(game))
        classroom.save_win(session)
        if game.status == "won" and lv.number < len(rules.LEVELS):
            st.button(f"Next: level {lv.number + 1}", key=f"{PAGE}.next", type="primary",
                      on_click=play.start, args=(lv.number + 1,), width="stretch")  # fmt: skip
    st.button("Start this level again", key=f"{PAGE}.again", on_click=play.start,
              args=(lv.number,), width="stretch")  # fmt: skip
    st.caption(bot_line(bot, bot_kind, game))
    if lv.number == len(rules.LEVELS):
        st.session_state[f"{PAGE}.seed"] = session.seed
        st.number_input("Terrain seed: the same seed gives the same terrain", 0, play.SEED_MAX,
                        key=f"{PAGE}.seed", on_change=pick_seed)  # fmt: skip
        st.button("Today's terrain", key=f"{PAGE}.today", on_click=play.start,
                  args=(lv.number,), kwargs={"seed": play.today_seed()},
                  help="Everyone gets the same terrain on the same day")  # fmt: skip

grid = cache.grid(lv.surface, lv.params, MAP_GRID)
with picture:
    race = bot if game.over or game.fog == "easy" else None  # its path would lift the fog
    fig = map_figure(game, grid, bot=race, bot_steps=None if game.over else game.steps,
                     preview=preview, clickable=game.mode == "free")  # fmt: skip
    aiming = game.mode == "free" and not game.over
    st.plotly_chart(fig, key=f"{PAGE}.map", on_select=map_click if aiming else "ignore",
                    selection_mode="points", config={"displayModeBar": False})  # fmt: skip
    if game.over:
        st.caption("The replay: the whole landscape, both paths, ★ the lowest point.")
    with st.expander("The landscape in 3-D", expanded=True):
        camera = st.radio("View from", list(CAMERAS), horizontal=True, key=f"{PAGE}.camera")
        fine = cache.grid(lv.surface, lv.params)  # sent once, so it can be the full 150 × 150
        surface3d(game_3d_figure(game, fine, bot=bot, camera=camera), fine, key=f"{PAGE}.3d",
                  seen=visible(game, fine.xs, fine.ys),
                  on_click=step_to if aiming else None)  # fmt: skip
        if aiming:
            st.caption("In 3-D too, a click on the surface steps toward that point.")

if game.over:
    st.subheader("Your steps")
    st.dataframe(replay_table(game), hide_index=True, key=f"{PAGE}.replay")

with st.expander(
    "Classroom leaderboard", expanded=bool(session.room or st.query_params.get("room"))
):
    classroom.panel(session)
