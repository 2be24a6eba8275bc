"""Learning rate: too small, just right, too large, diverging; and why 2/L is the limit."""

import streamlit as st

from gdgame.components.surface3d import surface3d
from gdgame.engine import analysis
from gdgame.figures.lines import loss_figure, regime_figure
from gdgame.figures.surface import CAMERAS
from gdgame.ui import cache, rates, router, settings

router.through_router()

PAGE = "rates"
SETTINGS = {
    "land": settings.Choice("Landscape", tuple(rates.LANDSCAPES), "quadratic",
                            labels=rates.LANDSCAPES.get, style="radio"),
    "L": settings.Number("Steepest curvature L", 1.0, 20.0, 4.0, 0.5, "%.1f",
                         help="The quadratic's curvature, or the valley's κ (its floor has 1)"),
    "lr": settings.Choice("Your learning rate α", rates.RATES, rates.preset_rate("Just right", 4.0),
                          labels=lambda v: f"{v:g}", style="slider"),
    "schedule": settings.Choice("Schedule", tuple(rates.SCHEDULES), "constant", style="radio"),
}  # fmt: skip


st.title("The learning rate")
settings.check_url(PAGE, SETTINGS)
st.write(
    "The learning rate α is the size of each step. Too small and descent crawls; too large "
    "and it overshoots the bottom, bounces, and can fly off. The steepest curvature L sets the "
    "limit: α must stay below 2/L."
)
top = st.columns([2, 2, 1])
with top[0]:
    land = SETTINGS["land"].widget("land")
with top[1]:
    L = SETTINGS["L"].widget("L")

st.subheader("Four learning rates, side by side")
panels = st.columns(4)
for column, preset in zip(panels, rates.PRESETS, strict=True):
    rate = rates.preset_rate(preset, L)
    with column:
        st.markdown(f"**{preset}**: α = {rate:g} ({rates.PRESETS[preset]:g}/L)")
        st.plotly_chart(rates.preset_figure(land, L, preset), key=f"{PAGE}.preset.{preset}")
        st.button(f"Try {preset.lower()}", key=f"{PAGE}.try.{preset}",
                  on_click=rates.apply_preset, args=(preset, L), width="stretch")  # fmt: skip

st.subheader("Your learning rate")
lr = SETTINGS["lr"].widget("lr")
st.plotly_chart(regime_figure(L, lr), key=f"{PAGE}.regime")
st.markdown(
    f"With curvature L = {L:g}, each step multiplies the distance to the minimum by "
    f"1 − αL = {1 - lr * L:.3g}: **{analysis.regime(lr, L)}**."
    + (" In the valley only the steep direction has curvature L: the floor has 1, so the "
       "path zig-zags across the valley long before it crawls along it." if land == "valley"
       else "")
)  # fmt: skip
mine = rates.run(land, L, lr)
left, right = st.columns(2)
with left:
    camera = None
    if land == "valley" and st.toggle("3-D view", key=f"{PAGE}.3d"):
        camera = st.segmented_control("Camera", list(CAMERAS), default="3/4",
                                      key=f"{PAGE}.camera") or "3/4"  # fmt: skip
    figure = rates.path_figure(land, L, mine, 420, camera)
    if camera is None:
        st.plotly_chart(figure, key=f"{PAGE}.mine")
    else:
        surface3d(figure, cache.grid(*rates.landscape_of(land, L)[:2]), key=f"{PAGE}.mine3d")
with right:
    st.plotly_chart(loss_figure({f"α = {lr:g}": mine.losses}, 0.0), key=f"{PAGE}.loss")

st.subheader("Every learning rate at once")
st.write("120 runs from the same start, one per α, computed in one batch by the engine.")
st.plotly_chart(rates.sweep_chart(land, L), key=f"{PAGE}.sweep")

st.subheader("The Goldilocks challenge")
st.write("Find the α that reaches the minimum in the fewest steps.")
guess = st.select_slider("Your guess for α", rates.RATES, value=0.01,
                         format_func=lambda v: f"{v:g}", key=f"{PAGE}.guess")  # fmt: skip
if st.button("Go", key=f"{PAGE}.go", type="primary"):
    st.session_state[f"{PAGE}.verdict"] = rates.challenge_result(land, L, guess)
if verdict := st.session_state.get(f"{PAGE}.verdict"):
    st.success(verdict)

st.subheader("Learning-rate schedules")
st.write(
    f"A schedule changes α as the run goes. Start from the too-large α = "
    f"{rates.preset_rate('Too large', L):g} (1.7/L): held constant it bounces for a long "
    "time; shrunk by a schedule, big early steps give way to small ones near the bottom."
)
schedule = SETTINGS["schedule"].widget("schedule")
path_chart, rate_chart = rates.schedule_figures(land, L, schedule)
with st.columns([3, 1])[0]:  # the rate at each step right under the path it made
    st.plotly_chart(path_chart, key=f"{PAGE}.scheduled")
    st.plotly_chart(rate_chart, key=f"{PAGE}.rates")
settings.share(SETTINGS, {"land": land, "L": L, "lr": lr, "schedule": schedule})
settings.defaults_button(PAGE, SETTINGS)
