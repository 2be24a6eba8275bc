"""The local-minima lesson: two wells, surfaces with many minima and a clickable start, the
basin map, random restarts, momentum escaping a trap, and flat ground that is no bottom.

Its words (where a run ended, the basin map's table, the verdict on flat ground) are in
`local_minima_text`. The basin map and the restarts read the landscape from ``values``
(``"surface"`` and ``"params"``) and draw from ``page``, so that the sandbox shows them too.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from gdgame.engine import curves, descent, local_minima, optimizers
from gdgame.figures.basins import basin_figure, minimum_names
from gdgame.figures.curve import curve_figure
from gdgame.figures.lines import norm_figure, odds_figure
from gdgame.figures.surface import contour_figure
from gdgame.ui import cache, settings
from gdgame.ui.ladder import ladder
from gdgame.ui.local_minima_text import ending, flat_verdict, shares

SURFACES = ("six_hump_camel", "styblinski_tang", "goldstein_price", "himmelblau", "two_valleys",
            "rastrigin")  # fmt: skip
FLATS = ("saddle", "plateau")
LONG_LADDER = ladder(-6)  # α from 1e-6 (Goldstein–Price climbs to a million) to 3
GRID_STARTS = 150  # the basin map's starts per side, for runs of up to STEPS steps
MAX_RESTARTS, TRIALS = 50, 400  # restarts up to N, each N measured over TRIALS groups
# Each batch does at most this much work (starts × steps), so that a first visit with the
# longest runs still draws in about a second: longer runs get a coarser map, fewer groups.
BATCH_WORK = GRID_STARTS**2 * 500
LEAST_STARTS, LEAST_TRIALS = 20, 20  # however costly a typed formula's gradient
SMALL = 100  # the smaller maps' grid: seven charts go out on a rerun, so each stays light
STEPS, TOL, FLAT_LR, FLAT_STEPS = 500, 1e-6, 0.05, 300
# A trap momentum escapes: on the two valleys, from the far left, plain descent settles in the
# shallow valley and heavy-ball momentum rolls on over the ridge (tests/ui prove both).
ESCAPE = {"surface": "two_valleys", "start": (-3.8, 0.5), "lr": 0.02, "steps": 1000}
# α that descends from each surface's own start (tests/ui check every one).
SURFACE_LR = {"six_hump_camel": 0.02, "styblinski_tang": 0.01, "goldstein_price": 3e-6,
              "himmelblau": 0.01, "two_valleys": 0.02, "rastrigin": 0.002}  # fmt: skip


def _title(name: str) -> str:
    return cache.landscape(name).title


def _rate(label: str) -> settings.Choice:
    return settings.Choice(label, LONG_LADDER, 0.02, labels=lambda v: f"{v:g}", style="slider")


SETTINGS = settings.Page("local_minima", {
    "left": settings.Number("Start on the left", -2.5, 0.0, -2.0, 0.1, "%.1f"),
    "right": settings.Number("Start on the right", 0.0, 2.5, 2.0, 0.1, "%.1f"),
    "well_lr": _rate("Learning rate α"),
    "surface": settings.Choice("Surface", SURFACES, "six_hump_camel", labels=_title, url=str),
    "opt": settings.Choice("Optimizer", tuple(optimizers.TITLES), "sgd",
                           labels=optimizers.TITLES.get, url=str),
    "lr": _rate("Learning rate α"),
    "steps": settings.Number("Steps", 10, 1000, STEPS, 10, "%d"),
    "x0": settings.Number("Start x", -5.0, 5.0, 2.2, 0.05, help="Or click the map"),
    "y0": settings.Number("Start y", -5.0, 5.0, -1.0, 0.05, help="Or click the map"),
    "restarts": settings.Number("Random starts N", 1, MAX_RESTARTS, 10, 1, "%d"),
    "mu": settings.Number("Momentum μ", 0.0, 0.99, 0.9, 0.01),
    "flat": settings.Choice("Flat ground", FLATS, "saddle", labels=_title, style="radio",
                            url=str),
})  # fmt: skip


def _hyper(lr: float, mu: float | None = None) -> cache.Params:
    """torch's keyword arguments: α, and μ if given (momentum methods default to 0.9 here)."""
    return (("lr", lr),) if mu is None else (("lr", lr), ("momentum", mu))


def _suit_surface() -> None:
    name = SETTINGS.get("surface")
    x, y = cache.landscape(name).start
    SETTINGS.set("x0", float(x))
    SETTINGS.set("y0", float(y))
    SETTINGS.set("lr", SURFACE_LR[name])


def two_wells(values: dict) -> None:
    """The double well from the left and from the right."""
    st.subheader("Two wells")
    well = curves.get("double_well")
    values["well_lr"] = SETTINGS.widget("well_lr")
    for column, side in zip(st.columns(2), ("left", "right"), strict=True):
        with column:
            values[side] = SETTINGS.widget(side)
            run = cache.run("double_well", (), (values[side],), STEPS,
                            hyper=_hyper(values["well_lr"]), tol=TOL)  # fmt: skip
            st.plotly_chart(curve_figure(well, run.points[:, 0], height=320, tangent=False),
                            key=f"local_minima.well.{side}")  # fmt: skip
            st.markdown(ending(well, run))


def many_minima(values: dict) -> None:
    """A surface, an optimizer and a start picked on the map: which minimum does it reach?"""
    st.subheader("Surfaces with many minima")
    st.write("Pick a surface and an optimizer, then click the map to choose where to start.")
    top = st.columns(4)
    with top[0]:
        values["surface"] = SETTINGS.widget("surface", on_change=_suit_surface)
    values["params"] = ()
    with top[1]:
        values["opt"] = SETTINGS.widget("opt")
    with top[2]:
        values["lr"] = SETTINGS.widget("lr")
    with top[3]:
        values["steps"] = SETTINGS.widget("steps")
    land = cache.landscape(values["surface"])
    left, right = st.columns([1, 2], gap="large")
    with left:
        values["x0"], values["y0"] = SETTINGS.widget("x0"), SETTINGS.widget("y0")
        start = cache.clamped(values["surface"], (), (values["x0"], values["y0"]))
        run = cache.run(values["surface"], (), start, values["steps"], values["opt"],
                        _hyper(values["lr"]), TOL)  # fmt: skip
        st.markdown(ending(land, run))
        st.caption(land.description)
    with right:
        fig = contour_figure(land, cache.grid(values["surface"]), {"your run": run.points},
                             height=480, clickable=True, all_minima=True)  # fmt: skip
        st.plotly_chart(fig, key="local_minima.map", selection_mode="points",
                        on_select=SETTINGS.start_from_click("local_minima.map"))  # fmt: skip


@st.cache_data(max_entries=32, show_spinner=False)
def basins(surface: str, params: cache.Params, opt: str, lr: float, steps: int,
           work: float = 1.0) -> local_minima.BasinMap:  # fmt: skip
    """Every start of the grid, run in one batch, labelled by the minimum it ends in."""
    optimizer = cache.optimizer(opt, _hyper(lr))
    land = cache.landscape(surface, params)
    return local_minima.basin_map(land, optimizer, grid_starts(steps, work), steps)


@st.cache_data(max_entries=32, show_spinner=False)
def odds(surface: str, params: cache.Params, opt: str, lr: float, steps: int,
         work: float = 1.0) -> local_minima.RestartOdds:  # fmt: skip
    optimizer = cache.optimizer(opt, _hyper(lr))
    return local_minima.restart_odds(cache.landscape(surface, params), optimizer, MAX_RESTARTS,
                                     steps, trials=trials(steps, work))  # fmt: skip


def grid_starts(steps: int, work: float = 1.0) -> int:
    """The basin map's starts per side for runs of ``steps`` steps whose gradient costs
    ``work`` times a typical surface's (see BATCH_WORK)."""
    return max(LEAST_STARTS, min(GRID_STARTS, int((BATCH_WORK / (steps * work)) ** 0.5)))


def trials(steps: int, work: float = 1.0) -> int:
    """Groups of random starts the restart odds are measured over (see BATCH_WORK)."""
    return max(LEAST_TRIALS, min(TRIALS, int(BATCH_WORK / (steps * work * MAX_RESTARTS))))


@st.cache_data(max_entries=32, show_spinner=False)
def restarts(surface: str, params: cache.Params, opt: str, lr: float, steps: int, n: int,
             seed: int = 1):  # fmt: skip
    """``n`` random starts (recorded) and the index of the best end."""
    land = cache.landscape(surface, params)
    starts = local_minima.random_starts(land, n, seed)
    run = descent.run(land, cache.optimizer(opt, _hyper(lr)), starts, steps, tol=TOL)
    losses = np.where(run.status == descent.DIVERGED, np.inf, run.final_loss)
    return run, int(np.argmin(losses))


def _chosen(values: dict) -> tuple:
    return (values["surface"], values["params"], values["opt"], values["lr"], values["steps"],
            values.get("work", 1.0))  # fmt: skip


def basin_map(values: dict, page: settings.Page = SETTINGS) -> None:
    """The basin map of the chosen surface, optimizer and α, with each basin's share."""
    st.subheader("The basin map: where every start ends")
    n = grid_starts(values["steps"], values.get("work", 1.0))
    with st.spinner(f"Running {n * n:,} starts…".replace(",", " ")):
        found = basins(*_chosen(values))
    st.write(
        f"Every start on a {n} × {n} grid, run with the same optimizer and "
        f"α, coloured by the minimum it ends in. **{found.share_global:.1%}** of the starts "
        "find a global minimum."
    )
    left, right = st.columns([2, 1], gap="large")
    land = cache.landscape(values["surface"], values["params"])
    left.plotly_chart(basin_figure(land, found, height=480), key=page.key("basins"))
    percent = st.column_config.NumberColumn(format="percent")
    right.dataframe(shares(found, minimum_names(found)), hide_index=True, key=page.key("shares"),
                    column_config={"share of starts": percent})  # fmt: skip


def random_restarts(values: dict, page: settings.Page = SETTINGS) -> None:
    """N random starts, the best kept, against what the basin share predicts."""
    st.subheader("Random restarts")
    st.write(
        "Cannot choose the start well? Try many, and keep the lowest end. If one start finds the "
        "global minimum with chance p, N independent starts find it with chance 1 − (1 − p)^N."
    )
    n = values["restarts"] = page.widget("restarts")
    land = cache.landscape(values["surface"], values["params"])
    tries, best = restarts(*_chosen(values)[:-1], n)
    measured, share = odds(*_chosen(values)), basins(*_chosen(values)).share_global
    won = local_minima.global_ends(land, tries)
    left, right = st.columns(2, gap="large")
    with left:
        paths = {f"start {i + 1}": tries.points[i] for i in range(len(won)) if i != best}
        paths = {"the best start": tries.points[best], **paths}
        st.plotly_chart(contour_figure(land, cache.grid(values["surface"], values["params"], SMALL),
                                       paths, height=440, compact=True),
                        key=page.key("restarts_map"))  # fmt: skip
        found = "found" if won.any() else "did not find"
        st.markdown(f"{n} starts: {int(won.sum())} ended in a global minimum, so the best of "
                    f"them **{found}** it (f = {float(tries.final_loss[best]):.4g}).")  # fmt: skip
    with right:
        st.plotly_chart(odds_figure(measured, share, height=440), key=page.key("odds"))
        st.caption(
            f"Measured over {trials(*_chosen(values)[-2:])} groups of random starts: "
            f"{measured.measured[n - 1]:.0%} of "
            f"the groups of {n} found it; the basin share predicts "
            f"{measured.predicted(share)[n - 1]:.0%}."
        )


def momentum_escape(values: dict) -> None:
    """Plain descent settles in the shallow valley; momentum rolls on to the deep one."""
    st.subheader("Momentum rolls out of a shallow trap")
    mu = values["mu"] = SETTINGS.widget("mu")
    name, start, lr, steps = ESCAPE["surface"], ESCAPE["start"], ESCAPE["lr"], ESCAPE["steps"]
    valleys = cache.landscape(name)
    plain = cache.run(name, (), start, steps, "sgd", _hyper(lr), TOL)
    heavy = cache.run(name, (), start, steps, "momentum", _hyper(lr, mu), TOL)
    left, right = st.columns([2, 1], gap="large")
    both = {"gradient descent": plain.points, f"momentum μ = {mu:g}": heavy.points}
    left.plotly_chart(contour_figure(valleys, cache.grid(name, (), SMALL), both, height=440,
                                     all_minima=True), key="local_minima.escape")  # fmt: skip
    with right:
        st.markdown(f"**Gradient descent**, α = {lr:g}: " + ending(valleys, plain))
        st.markdown(f"**Momentum**, α = {lr:g}, μ = {mu:g}: " + ending(valleys, heavy))
        st.caption(
            "Momentum keeps some of its speed from step to step, so it can roll over a low ridge "
            "that stops plain descent. Set μ to 0 and it is plain descent again."
        )


def flat_ground(values: dict) -> None:
    """A saddle and a plateau: the gradient vanishes, the curvatures say it is no bottom."""
    st.subheader("Flat is not the bottom: saddles and plateaus")
    name = values["flat"] = SETTINGS.widget("flat")
    flat = cache.landscape(name)
    start = flat_start(flat)
    stall = cache.run(name, (), start, FLAT_STEPS, hyper=(("lr", FLAT_LR),), tol=TOL)
    left, right = st.columns(2, gap="large")
    left.plotly_chart(contour_figure(flat, cache.grid(name, (), SMALL),
                                     {"gradient descent": stall.points}, height=420,
                                     all_minima=True), key="local_minima.flat_map")  # fmt: skip
    with right:
        norms = {"|∇f| along the run": np.hypot(*stall.grads.T)}
        st.plotly_chart(norm_figure(norms, height=300), key="local_minima.norm")
        st.markdown(flat_verdict(flat, stall, start, TOL))


def flat_start(surface) -> tuple[float, float]:
    """The saddle's start exactly on its ridge line (so descent reaches the saddle itself); the
    plateau's own start, far out on the plain."""
    x, y = (float(v) for v in surface.start)
    return (x, 0.0) if surface.name == "saddle" else (x, y)
