"""Fitting a line: the page's settings; a line through the tips set by hand, then by gradient
descent over (w, b); how scaling the feature reshapes the valley. Part 3, mini-batches, is
`gdgame.ui.minibatch`."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from gdgame.components.landscape_view import landscape_view
from gdgame.engine import data, descent, optimizers
from gdgame.engine.landscape import Surface
from gdgame.engine.learning_rate import PRESETS
from gdgame.figures.fit import data_figure, fit_map, gap_figure
from gdgame.figures.game import shaded
from gdgame.figures.race import thinned
from gdgame.figures.surface import CAMERAS, Grid, surface3d_figure
from gdgame.ui import cache, datasets, settings
from gdgame.ui.home import num
from gdgame.ui.walk import walk

RAW, STANDARD = (("scaling", "raw"),), (("scaling", "standardized"),)
MULTIPLES = (0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9, 1.0, 1.3, 1.5, 1.7, 1.9, 2.0, 2.1, 2.3, 2.6)
BATCHES = (1, 2, 4, 8, 16, 32, 64, 128, 244)  # 244: every bill, full-batch descent
RATES = (0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)
TOL = 1e-8  # the walk stops when |∇L| falls below this
CLOSE = 1e-6  # the scaling race's finish: this close to the optimum in (w, b)
RACE_STEPS = 100_000
MAP_GRID = 120  # the (w, b) maps' grid: sent once per surface

TYPICAL = (8, 256)  # the batch sizes people use


def batch_label(n: int) -> str:
    """A batch size on the slider: all the data, a typical size, or a number."""
    if n == BATCHES[-1]:
        return f"{n} (all: full batch)"
    return f"{n} (typical)" if TYPICAL[0] <= n <= TYPICAL[1] else str(n)


DATA = {"tips": "restaurant tips", "gapminder": "life expectancy"}
SETTINGS = settings.Page("fit_line", {
    "w": settings.Number("Weight w: tip dollars per bill dollar", -1.5, 1.7, 0.2, 0.005, "%.3f",
                         help="Or click the (w, b) map"),
    "b": settings.Number("Bias b: tip on a $0 bill", -0.7, 2.5, 0.5, 0.01, "%.2f",
                         help="Or click the (w, b) map"),
    "gw": settings.Number("Weight w: years per tenfold GDP", -4.0, 36.0, 8.0, 0.1, "%.1f",
                          help="Or click the (w, b) map"),
    "gb": settings.Number("Bias b: years at $1 a person", -15.0, 25.0, 20.0, 0.1, "%.1f",
                          help="Or click the (w, b) map"),
    "data": settings.Choice("Data", tuple(DATA), "tips", labels=DATA.get, url=str,
                            style="radio"),
    "rate": settings.Choice("Learning rate α, as a multiple of 1/L", MULTIPLES, 0.7,
                            labels=lambda m: f"{m:g}/L", url=lambda m: f"{m:g}",
                            style="slider"),
    "steps": settings.Number("Steps", 10, 1000, 200, 10, "%d"),
    "scaling": settings.Choice("The bill, as the model sees it", data.SCALINGS, "raw",
                               style="radio"),
    "batch": settings.Choice("Batch size", BATCHES, 16, style="slider",
                             labels=batch_label, url=str),
    "opt": settings.Choice("Optimizer", tuple(optimizers.names()), "sgd",
                           labels=optimizers.TITLES.get, url=str),
    "lr": settings.Choice("Learning rate α", RATES, 0.05, labels=lambda v: f"{v:g}",
                          style="slider"),
    "epochs": settings.Number("Epochs", 1, 40, 10, 1, "%d"),
    "seed": settings.Number("Shuffle seed", 0, 999, 3, 1, "%d",
                            help="Each epoch shuffles the bills; the same seed, the same order"),
})  # fmt: skip
# Per data set: its surface, its loader, its axes, and the settings of its w and b.
LINES = {
    "tips": ("tips_line", RAW, datasets.tips, "total bill ($)", "tip ($)", "w", "b"),
    "gapminder": ("gapminder_line", (), datasets.gapminder, "GDP per person (log₁₀ $), 2007",
                  "life expectancy (years)", "gw", "gb"),
}  # fmt: skip
ABOUT = {
    "tips": "244 restaurant bills: does the tip grow with the bill?",
    "gapminder": "142 countries in 2007 (Gapminder): life expectancy against the logarithm of "
    "GDP per person; each tenfold richer adds about w years.",
}
CAPTIONS = (
    "Start at a random weight and bias: here, your line.",
    "Step along the steepest gradient: (w, b) ← (w, b) − α ∇L.",
    "Compute the new loss.",
    "Repeat.",
)


def steepest(surface: Surface) -> float:
    """L: the largest curvature of the loss (it is a quadratic: the same everywhere)."""
    return float(surface.curvatures(surface.minima[0].location)[-1])


@st.cache_data(max_entries=8, show_spinner=False)
def map_grid(name: str, params: cache.Params) -> Grid:
    """The loss over (w, b) on a log scale above its floor, so the valley floor shows."""
    return shaded(cache.grid(name, params, MAP_GRID))


def _use_preset(multiple: float) -> None:
    SETTINGS.set("rate", multiple)


def verdict(mine: float, best: float) -> str:
    """How a hand-set line compares with the best possible (the machine's)."""
    ratio = mine / best
    if ratio < 1.001:
        return "You matched the machine: your line is as good as the best possible."
    if ratio < 1.05:
        return f"Close: {100 * (ratio - 1):.1f} % above the best possible. Can you get closer?"
    return f"Your MSE is {ratio:.3g} × the best possible. Move w and b to bring it down."


def descend(chosen: str, w: float, b: float, multiple: float, steps: int) -> descent.Run:
    """Gradient descent on a data set's MSE from (w, b) at α = multiple / L."""
    name, params = LINES[chosen][:2]
    lr = multiple / steepest(cache.landscape(name, params))
    return cache.run(name, params, (w, b), steps, hyper=(("lr", lr),), tol=TOL)


def by_hand(values: dict) -> None:
    """Your line and its loss; then gradient descent from it, one step at a time."""
    st.subheader("1. Your line, then the machine's")
    chosen = values["data"] = SETTINGS.widget("data")
    st.write(ABOUT[chosen])
    name, params, load, x_title, y_title, w_key, b_key = LINES[chosen]
    surface, (xs, ys) = cache.landscape(name, params), load()
    best, L = surface.minima[0], steepest(surface)
    controls, left, right = st.columns([1, 1.25, 1.45], gap="medium")
    with controls:
        w, b = values[w_key], values[b_key] = SETTINGS.widget(w_key), SETTINGS.widget(b_key)
        mine = float(surface.f(w, b))
        st.metric("Your line's MSE", f"{mine:.4g}")
        st.metric("Best possible", f"{best.value:.4g}",
                  help="The least-squares line, solved exactly")  # fmt: skip
        st.write(verdict(mine, best.value))
        multiple = values["rate"] = SETTINGS.widget("rate")
        st.caption(f"L = {L:.4g} is this loss's steepest curvature, so 2/L = {2 / L:.3g}: "
                   f"α = {multiple:g}/L = {multiple / L:.3g}.")  # fmt: skip
        for column, (preset, m) in zip(st.columns(2) * 2, PRESETS.items(), strict=True):
            column.button(preset, key=f"fit_line.preset.{preset}", on_click=_use_preset, args=(m,),
                          help=f"α = {m:g}/L = {m / L:.3g}", width="stretch")  # fmt: skip
        steps = values["steps"] = SETTINGS.widget("steps")
    run = descend(chosen, w, b, multiple, steps)
    with controls:
        shown = walk("fit_line", (chosen, w, b, multiple, steps), int(run.steps))
    now = run.points[shown]
    lines = {"your line": (w, b)} if shown == 0 else {f"step {shown}": tuple(now),
                                                      "your line": (w, b)}  # fmt: skip
    with left:
        st.plotly_chart(data_figure(xs, ys, lines, residuals_of=next(iter(lines)),
                                    x_title=x_title, y_title=y_title),
                        key="fit_line.points")  # fmt: skip
    with right:
        path = {"descent": run.points[: shown + 1]} if shown else {}
        landscape_view(fit_map(surface, path, marks={"your line": (w, b)}, height=500),
                       map_grid(name, params), key="fit_line.map",
                       on_click=SETTINGS.click_sets(w_key, b_key))  # fmt: skip
        st.caption("Click the map to put your line there. Contours on a log scale.")
    _step_text(run, shown, multiple / L)
    _progress(run, shown, surface)
    _in_3d(run, shown, surface, name, params)


def _step_text(run: descent.Run, shown: int, lr: float) -> None:
    """The four steps, and the update with this step's numbers."""
    st.markdown("\n".join(f"{i}. {caption}" for i, caption in enumerate(CAPTIONS, 1)))
    if shown >= run.steps:
        st.write(f"Gradient descent {descent.describe(run)}.")
        return
    (w, b), (gw, gb), (nw, nb) = run.points[shown], run.grads[shown], run.points[shown + 1]
    st.latex(
        rf"\begin{{pmatrix}} w \\ b \end{{pmatrix}} \leftarrow "
        rf"\begin{{pmatrix}} {num(w)} \\ {num(b)} \end{{pmatrix}} - {num(lr)} "
        rf"\begin{{pmatrix}} {num(gw)} \\ {num(gb)} \end{{pmatrix}} = "
        rf"\begin{{pmatrix}} {num(nw)} \\ {num(nb)} \end{{pmatrix}},\quad "
        rf"L = {num(float(run.losses[shown + 1]))}"
    )


def _progress(run: descent.Run, shown: int, surface: Surface) -> None:
    """The distance to the optimum and the loss, at every step so far."""
    best = surface.minima[0]
    upto = run.points[: shown + 1]
    left, right = st.columns(2)
    with left:
        distance = np.linalg.norm(upto - best.location, axis=1)
        st.plotly_chart(gap_figure({"descent": distance}, y_title="distance to the optimum"),
                        key="fit_line.distance")  # fmt: skip
    with right:
        st.plotly_chart(gap_figure({"descent": run.losses[: shown + 1] - best.value},
                                   y_title="MSE − best possible"),
                        key="fit_line.loss")  # fmt: skip


def _in_3d(run: descent.Run, shown: int, surface: Surface, name: str,
           params: cache.Params) -> None:  # fmt: skip
    if not st.toggle("3-D view", key="fit_line.3d"):
        return
    camera = st.segmented_control("Camera", list(CAMERAS), default="3/4",
                                  key="fit_line.camera") or "3/4"  # fmt: skip
    grid = cache.grid(name, params, MAP_GRID)
    fig = surface3d_figure(surface, grid, {"descent": run.points[: shown + 1]}, camera=camera,
                           height=520)  # fmt: skip
    landscape_view(fig, grid, key="fit_line.map3d")


# 2. Scaling the feature


def start_for(scaling: str, w: float, b: float) -> tuple[float, float]:
    """The same line ŷ = w·bill + b, in the (w, b) of a scaled bill (x − shift) / scale."""
    shift, scale = data.scaling(datasets.tips()[0][:, None], scaling)
    return float(w * scale[0]), float(b + w * shift[0])


@st.cache_resource(show_spinner="Racing the three scalings (once per server)…")
def scaling_race() -> dict[str, dict]:
    """Each scaling's curvatures, and gradient descent at its own 0.7/L from the default line
    until it is within `CLOSE` of the optimum (at most `RACE_STEPS` steps)."""
    results = {}
    for scaling in data.SCALINGS:
        surface = datasets.tips_line(scaling)
        low, high = surface.curvatures(surface.minima[0].location)
        lr = PRESETS["Just right"] / high
        start = start_for(scaling, SETTINGS["w"].default, SETTINGS["b"].default)
        # |∇L| ≥ μ·distance on a quadratic: below μ·CLOSE the run is surely there
        run = descent.run(surface, optimizers.get("sgd", lr=lr), start, RACE_STEPS, tol=low * CLOSE)
        distance = np.linalg.norm(run.points - surface.minima[0].location, axis=1)
        there = np.flatnonzero(distance < CLOSE)
        drawn = thinned((there[0] + 1) if there.size else len(distance))
        results[scaling] = {"L": high, "kappa": high / low, "lr": lr,
                            "steps": int(there[0]) if there.size else None,
                            "at": drawn, "distance": distance[drawn]}  # fmt: skip
    return results  # fmt: skip


def scaling(values: dict) -> None:
    """The same data, the bill raw, centred and standardized: the valley's shape and the race."""
    st.subheader("2. Scaling the feature")
    st.write(
        "Bills are around $20, tips around $3: a small change of w moves the line a lot, a "
        "change of b hardly at all, so the loss is a long, thin valley. Centring the bill "
        "(subtracting its mean) untangles w from b; standardizing (also dividing by its "
        "spread) makes the bowl round, and one learning rate suits both directions."
    )
    chosen = values["scaling"] = SETTINGS.widget("scaling")
    race = scaling_race()
    surface, mine = datasets.tips_line(chosen), race[chosen]
    left, right = st.columns([1, 1.4], gap="large")
    with left:
        st.metric("Condition number κ = L / μ", f"{mine['kappa']:,.1f}",
                  help="Steepest over flattest curvature of the loss")  # fmt: skip
        st.metric("2/L: the largest stable α", f"{2 / mine['L']:.3g}")
        start = start_for(chosen, SETTINGS.get("w"), SETTINGS.get("b"))
        run = cache.run("tips_line", (("scaling", chosen),), start, 200,
                        hyper=(("lr", mine["lr"]),), tol=TOL)  # fmt: skip
        st.write(f"From your line through the tips, 200 steps at α = 0.7/L = {mine['lr']:.3g}: "
                 f"{descent.describe(run)}.")  # fmt: skip
    with right:
        landscape_view(fit_map(surface, {"0.7/L": run.points}, revision=chosen),
                       map_grid("tips_line", (("scaling", chosen),)),
                       key="fit_line.scaled")  # fmt: skip
    st.dataframe(race_table(race), hide_index=True, key="fit_line.race")
    st.plotly_chart(race_chart(), key="fit_line.race_chart")


@cache.shared_figures(max_entries=1)
def race_chart() -> go.Figure:
    """The three scalings' distance to the optimum per step (one chart for the process)."""
    race = scaling_race()
    return go.Figure(gap_figure({s: r["distance"][1:] for s, r in race.items()},
                                x={s: r["at"][1:] for s, r in race.items()}, log_x=True,
                                y_title="distance to the optimum"))  # fmt: skip


def race_table(race: dict[str, dict]) -> dict[str, list]:
    """The race's rows: each scaling's curvature, α and steps to the optimum."""
    return {
        "the bill": list(race),
        "condition number κ": [round(r["kappa"], 1) for r in race.values()],
        "L": [round(r["L"], 3) for r in race.values()],
        "α = 0.7/L": [float(f"{r['lr']:.3g}") for r in race.values()],
        f"steps to within {CLOSE:g}": [r["steps"] if r["steps"] is not None
                                       else f"> {RACE_STEPS:,}" for r in race.values()],
    }  # fmt: skip
