"""Optimizers: a race to the bottom. SGD, Momentum, Nesterov, AdaGrad, RMSProp and Adam from
one start on one surface, each with its own settings."""

import streamlit as st

from gdgame.components.surface3d import surface3d
from gdgame.figures.lines import loss_figure
from gdgame.ui import race, router, settings

router.through_router()

PAGE = "race"
SETTINGS = race.SETTINGS


def set_start(x: float, y: float) -> None:
    st.session_state["x0"] = settings.snap(x, SETTINGS["x0"])
    st.session_state["y0"] = settings.snap(y, SETTINGS["y0"])


def suit_surface() -> None:
    start = race.landscape(st.session_state["surface"]).start
    st.session_state["x0"], st.session_state["y0"] = (float(v) for v in start)


st.title("Optimizers: a race to the bottom")
settings.check_url(PAGE, SETTINGS)
st.write(
    "Same surface, same start, different update rules. Plain gradient descent takes the slope "
    "as it is; momentum methods remember their past steps; adaptive methods scale each "
    "direction by how steep it has been."
)
values: dict = {}
top = st.columns([2, 3, 1, 1], vertical_alignment="bottom")
with top[0]:
    values["surface"] = SETTINGS["surface"].widget("surface", on_change=suit_surface)
with top[1]:
    values["racers"] = SETTINGS["racers"].widget("racers")
with top[2]:
    values["steps"] = int(SETTINGS["steps"].widget("steps"))
with top[3]:
    values["target"] = SETTINGS["target"].widget("target")
land = race.landscape(values["surface"])
(x_lo, x_hi), (y_lo, y_hi) = land.domain

controls, charts = st.columns([1, 2], gap="large")
with controls:
    left, right = st.columns(2)
    with left:
        values["x0"] = SETTINGS["x0"].widget("x0")
    with right:
        values["y0"] = SETTINGS["y0"].widget("y0")
    start = (min(max(values["x0"], x_lo), x_hi), min(max(values["y0"], y_lo), y_hi))
    if start != (values["x0"], values["y0"]):
        st.caption(f"The start is kept on this surface's map: ({start[0]:g}, {start[1]:g}).")
    st.caption("Each optimizer's settings, with its update rule:")
    for name, label in race.NAMES.items():
        with st.expander(label, expanded=False):
            rule, why = race.RULES[name]
            st.latex(rule)
            st.caption(why)
            for key in race.HYPER_KEYS[name]:
                values[key] = SETTINGS[key].widget(key)

racers = tuple(values["racers"])
hypers = {n: race.hyper(n, values) for n in racers}
runs = {n: race.race_run(values["surface"], start, n, hypers[n], values["steps"]) for n in racers}
best = min(m.value for m in land.global_minima)
key = tuple((n, hypers[n]) for n in racers)

with charts:
    if not racers:
        st.info("Pick at least one optimizer to race.", icon="🏁")
    else:
        pick = settings.start_from_click(f"{PAGE}.playback", SETTINGS)
        playback = race.playback(values["surface"], start, key, values["steps"])
        st.plotly_chart(playback, key=f"{PAGE}.playback", on_select=pick, selection_mode="points")
        st.caption("Press ▶ Play to watch the paths grow; click the map to start elsewhere.")
        st.plotly_chart(loss_figure({race.NAMES[n]: r.losses for n, r in runs.items()}, best),
                        key=f"{PAGE}.loss")  # fmt: skip

if racers:
    st.subheader("Results")
    scientific = st.column_config.NumberColumn(format="scientific")
    st.dataframe(race.results(runs, best, values["target"]), hide_index=True,
                 key=f"{PAGE}.results",
                 column_config={"final loss − minimum": scientific})  # fmt: skip

    st.subheader("Step by step: what each optimizer does")
    st.write(
        "At the chosen step, each optimizer's **update** (its colour, to scale), the "
        "**downhill** direction −∇f (black, a fixed length) and, for momentum methods, the "
        "**velocity** it carries (grey, to scale). They differ most where the slope changes."
    )
    values["scrub"] = int(SETTINGS["scrub"].widget("scrub"))
    shown_step = min(values["scrub"], values["steps"])
    st.plotly_chart(race.arrows_chart(values["surface"], runs, hypers, shown_step),
                    key=f"{PAGE}.arrows")  # fmt: skip

    with st.expander("The race in 3-D"):
        values["camera"] = SETTINGS["camera"].widget("camera")
        surface3d(race.view3d(values["surface"], start, key, values["steps"], values["camera"]),
                  race.grid(values["surface"]),
                  key=f"{PAGE}.3d", on_click=set_start)  # fmt: skip
        st.caption("Click the surface to start the race there.")

settings.share(SETTINGS, values)
settings.defaults_button(PAGE, SETTINGS)
