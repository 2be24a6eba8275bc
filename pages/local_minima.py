"""Local minima: where descent gets stuck, how likely a start is to find the bottom, and what
momentum and random restarts do about it."""

import numpy as np
import streamlit as st

from gdgame.engine import analysis, curves
from gdgame.figures.basins import basin_figure, minimum_names
from gdgame.figures.curve import curve_figure
from gdgame.figures.lines import norm_figure, odds_figure
from gdgame.figures.surface import contour_figure
from gdgame.ui import cache, minima, router, settings

router.through_router()

PAGE = "minima"
SMALL = 100  # the smaller maps' grid: seven charts go out on a rerun, so each stays light
SETTINGS = minima.SETTINGS


def suit_surface() -> None:
    name = st.session_state["surface"]
    st.session_state["x0"], st.session_state["y0"] = map(float, cache.landscape(name).start)
    st.session_state["lr"] = minima.SURFACE_LR[name]


st.title("Local minima")
settings.check_url(PAGE, SETTINGS)
st.write(
    "Gradient descent only ever goes downhill, so it stops at the bottom of whichever valley "
    "it starts in. That bottom is a **local** minimum; the lowest of them all is the "
    "**global** one. Where you start decides which one you get."
)
values: dict = {}

st.subheader("Two wells")
well = curves.get("double_well")
values["well_lr"] = SETTINGS["well_lr"].widget("well_lr")
for column, side in zip(st.columns(2), ("left", "right"), strict=True):
    with column:
        values[side] = SETTINGS[side].widget(side)
        run = cache.gd_run("double_well", (), (values[side],), values["well_lr"], 500, 1e-6)
        st.plotly_chart(curve_figure(well, run.points[:, 0], height=320, tangent=False),
                        key=f"{PAGE}.well.{side}")  # fmt: skip
        st.markdown(minima.ending(well, run))

st.subheader("Surfaces with many minima")
st.write("Pick a surface and an optimizer, then click the map to choose where to start.")
top = st.columns(4)
with top[0]:
    values["surface"] = SETTINGS["surface"].widget("surface", on_change=suit_surface)
with top[1]:
    values["opt"] = SETTINGS["opt"].widget("opt")
with top[2]:
    values["lr"] = SETTINGS["lr"].widget("lr")
with top[3]:
    values["steps"] = int(SETTINGS["steps"].widget("steps"))
land = cache.landscape(values["surface"])
(x_lo, x_hi), (y_lo, y_hi) = land.domain
left, right = st.columns([1, 2], gap="large")
with left:
    values["x0"] = SETTINGS["x0"].widget("x0")
    values["y0"] = SETTINGS["y0"].widget("y0")
start = (min(max(values["x0"], x_lo), x_hi), min(max(values["y0"], y_lo), y_hi))
run = minima.single_run(values["surface"], values["opt"], values["lr"], start, values["steps"])
with left:
    st.markdown(minima.ending(land, run))
    st.caption(land.description)
with right:
    grid = cache.grid(values["surface"])
    fig = contour_figure(land, grid, {"your run": run.points}, height=480, clickable=True,
                         all_minima=True)  # fmt: skip
    pick = settings.start_from_click(f"{PAGE}.map", SETTINGS)
    st.plotly_chart(fig, key=f"{PAGE}.map", on_select=pick, selection_mode="points")

st.subheader("The basin map: where every start ends")
with st.spinner("Running 22 500 starts…"):
    basins = minima.basins(values["surface"], values["opt"], values["lr"], values["steps"])
names = minimum_names(basins)
st.write(
    f"Every start on a {minima.GRID_STARTS} × {minima.GRID_STARTS} grid, run with the same "
    f"optimizer and α, coloured by the minimum it ends in. **{basins.share_global:.1%}** of the "
    "starts find a global minimum."
)
left, right = st.columns([2, 1], gap="large")
left.plotly_chart(basin_figure(land, basins, height=480), key=f"{PAGE}.basins")
percent = st.column_config.NumberColumn(format="percent")
right.dataframe(minima.shares(basins, names), hide_index=True, key=f"{PAGE}.shares",
                column_config={"share of starts": percent})  # fmt: skip

st.subheader("Random restarts")
st.write(
    "Cannot choose the start well? Try many, and keep the lowest end. If one start finds the "
    "global minimum with chance p, N independent starts find it with chance 1 − (1 − p)^N."
)
values["restarts"] = int(SETTINGS["restarts"].widget("restarts"))
tries, best = minima.restarts(values["surface"], values["opt"], values["lr"], values["steps"],
                              values["restarts"])  # fmt: skip
odds = minima.odds(values["surface"], values["opt"], values["lr"], values["steps"])
won = analysis.global_ends(land, tries)
left, right = st.columns(2, gap="large")
with left:
    paths = {f"start {i + 1}": tries.points[i] for i in range(len(won)) if i != best}
    paths = {"the best start": tries.points[best], **paths}
    st.plotly_chart(contour_figure(land, cache.grid(values["surface"], (), SMALL), paths,
                                   height=440, compact=True),
                    key=f"{PAGE}.restarts")  # fmt: skip
    found = "found" if won.any() else "did not find"
    st.markdown(
        f"{values['restarts']} starts: {int(won.sum())} ended in a global minimum, so the best "
        f"of them **{found}** it (f = {float(tries.final_loss[best]):.4g})."
    )
with right:
    st.plotly_chart(odds_figure(odds, basins.share_global, height=440), key=f"{PAGE}.odds")
    n = values["restarts"]
    predicted = odds.predicted(basins.share_global)[n - 1]
    st.caption(
        f"Measured over 400 groups of random starts: {odds.measured[n - 1]:.0%} of the groups "
        f"of {n} found it; the basin share predicts {predicted:.0%}."
    )

st.subheader("Momentum rolls out of a shallow trap")
values["mu"] = SETTINGS["mu"].widget("mu")
esc = minima.ESCAPE
valleys = cache.landscape(esc["surface"])
plain = minima.single_run(esc["surface"], "sgd", esc["lr"], esc["start"], esc["steps"])
heavy = minima.single_run(esc["surface"], "momentum", esc["lr"], esc["start"], esc["steps"],
                          values["mu"])  # fmt: skip
left, right = st.columns([2, 1], gap="large")
both = {"gradient descent": plain.points, f"momentum μ = {values['mu']:g}": heavy.points}
left.plotly_chart(contour_figure(valleys, cache.grid(esc["surface"], (), SMALL), both, height=440,
                                 all_minima=True), key=f"{PAGE}.escape")  # fmt: skip
with right:
    st.markdown(f"**Gradient descent**, α = {esc['lr']:g}: " + minima.ending(valleys, plain))
    st.markdown(f"**Momentum**, α = {esc['lr']:g}, μ = {values['mu']:g}: "
                + minima.ending(valleys, heavy))  # fmt: skip
    st.caption(
        "Momentum keeps some of its speed from step to step, so it can roll over a low ridge "
        "that stops plain descent. Set μ to 0 and it is plain descent again."
    )

st.subheader("Flat is not the bottom: saddles and plateaus")
values["flat"] = SETTINGS["flat"].widget("flat")
flat = cache.landscape(values["flat"])
start = minima.flat_start(flat)
stall = cache.gd_run(values["flat"], (), start, 0.05, 300, 1e-6)
left, right = st.columns(2, gap="large")
left.plotly_chart(contour_figure(flat, cache.grid(values["flat"], (), SMALL),
                                 {"gradient descent": stall.points}, height=420, all_minima=True),
                  key=f"{PAGE}.flat")  # fmt: skip
with right:
    st.plotly_chart(norm_figure({"|∇f| along the run": np.hypot(*stall.grads.T)}, height=300),
                    key=f"{PAGE}.norm")  # fmt: skip
    st.markdown(minima.flat_verdict(flat, stall, start))

settings.share(SETTINGS, values)
settings.defaults_button(PAGE, SETTINGS)
