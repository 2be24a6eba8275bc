"""Moving down the curve (the home page): its settings, the walk down a 1-D loss with the
update written out, the table of steps, and brute force against gradient descent."""

from __future__ import annotations

import numpy as np
import streamlit as st

from gdgame.engine import brute_force, curves, descent
from gdgame.engine.landscape import Curve
from gdgame.figures.curve import curve_figure
from gdgame.ui import cache, settings
from gdgame.ui.walk import walk

CURVES = ("parabola", "quadratic", "double_well")
SETTINGS = settings.Page("home", {
    "curve": settings.Choice("Loss curve", CURVES, "parabola",
                             labels=lambda name: curves.get(name).title, url=str),
    "start": settings.Number("Start x", -5.0, 5.0, 4.0, 0.1, "%.1f",
                             help="Or click the curve to start there"),
    "lr": settings.Number("Learning rate α", 0.01, 1.2, 0.1, 0.01),
    "max_steps": settings.Number("Stop after at most this many steps", 1, 200, 50, 1, "%d"),
    "tol": settings.Choice("…or when |dy/dx| falls below", (1e-1, 1e-2, 1e-3, 1e-4, 1e-6),
                           1e-3, labels=lambda v: f"{v:g}", style="slider"),
    "grid": settings.Number("Grid points for the brute-force scan", 5, 241, 121, 1, "%d"),
})  # fmt: skip
# A start and a learning rate that show each curve's lesson.
CURVE_DEFAULTS = {"parabola": (4.0, 0.1), "quadratic": (4.0, 0.5), "double_well": (-2.2, 0.02)}
SCAN = (-6.0, 6.0)  # the brute-force scan's range


def _start_from_click() -> None:
    x = settings.clicked("home.chart", "x", SETTINGS["start"])
    if x is not None:
        SETTINGS.set("start", x)


def _suit_curve() -> None:
    start, lr = CURVE_DEFAULTS[SETTINGS.get("curve")]
    SETTINGS.set("start", start)
    SETTINGS.set("lr", lr)


def controls() -> dict:
    """The curve, the start, α and the stopping rules; returns the page's values."""
    values = {"curve": SETTINGS.widget("curve", on_change=_suit_curve),
              "start": SETTINGS.widget("start"), "lr": SETTINGS.widget("lr")}  # fmt: skip
    x0 = _start(values)
    if x0 != values["start"]:
        st.caption(f"The start is kept on this curve's plot: x = {x0:g}.")
    with st.expander("When to stop", expanded=True):
        values["max_steps"] = SETTINGS.widget("max_steps")
        values["tol"] = SETTINGS.widget("tol")
    return values


def _start(values: dict) -> float:
    """The start on the curve's plot (the slider reaches further than the double well's)."""
    return cache.clamped(values["curve"], (), (values["start"],))[0]


def _run(values: dict) -> descent.Run:
    return cache.run(values["curve"], (), (_start(values),), values["max_steps"],
                     hyper=(("lr", values["lr"]),), tol=values["tol"])  # fmt: skip


def descent_walk(values: dict) -> int:
    """Step, Run to the end, Reset; the curve with the path and the tangent; the update with
    its numbers. Returns how many steps are shown."""
    run, curve = _run(values), curves.get(values["curve"])
    signature = (values["curve"], _start(values), values["lr"], values["max_steps"],
                 values["tol"])  # fmt: skip
    shown = walk("home", signature, int(run.steps))
    x, slope = float(run.points[shown, 0]), float(run.grads[shown, 0])
    status = None if shown < run.steps else descent.describe(run)
    fig = curve_figure(curve, run.points[: shown + 1, 0], status=status, clickable=True)
    st.plotly_chart(fig, key="home.chart", on_select=_start_from_click, selection_mode="points")
    st.caption("Click anywhere on the curve to start there.")
    st.latex(derivative(curve, x, slope))
    if shown < run.steps:
        st.latex(update(x, values["lr"], slope, float(run.points[shown + 1, 0])))
    else:
        st.markdown(stop_reason(run, values["tol"], values["max_steps"]))
    return shown


def steps_table(values: dict, shown: int) -> None:
    """The points reached so far, one row per step."""
    st.subheader("The steps so far")
    st.dataframe(step_table(_run(values), shown, values["lr"]), hide_index=True,
                 key="home.table")  # fmt: skip


def brute_force_race(values: dict) -> None:
    """A grid scan against gradient descent, counted in evaluations, both drawn."""
    st.subheader("Brute force or gradient descent?")
    lo, hi = SCAN
    st.write(
        f"Without a slope you can only try x after x. A grid scan from {lo:g} to {hi:g} "
        "evaluates the curve at every grid point; gradient descent evaluates dy/dx once per "
        "step and goes where it points."
    )
    values["grid"] = SETTINGS.widget("grid")
    run = _run(values)
    scan = brute_force.grid_scan(curves.get(values["curve"]), values["grid"], lo, hi)
    left, right = st.columns(2)
    left.metric("Grid scan: evaluations", scan.evaluations, help="f(x) at every grid point")
    spacing = (hi - lo) / (scan.evaluations - 1)
    left.write(f"Best grid point: x = {scan.best:.3g} (to within {spacing:.2g})")
    right.metric("Gradient descent: evaluations", int(run.steps) + 1, help="dy/dx once per step")
    right.write(f"Gradient descent ended at x = {run.final[0]:.3g} ({descent.describe(run)}).")
    chart = _scan_chart((values["curve"], _start(values), values["lr"], values["max_steps"],
                         values["tol"], values["grid"]))  # fmt: skip
    st.plotly_chart(chart, key="home.scan")


@cache.shared_figures(max_entries=64)
def _scan_chart(key: tuple):
    """Brute force against gradient descent: built once per setting, never changed."""
    name, start, lr, steps, tol, n_grid = key
    run = cache.run(name, (), (start,), steps, hyper=(("lr", lr),), tol=tol)
    scan = brute_force.grid_scan(curves.get(name), n_grid, *SCAN)
    return curve_figure(curves.get(name), run.points[:, 0], tangent=False, grid=scan.xs,
                        height=380)  # fmt: skip


# Words and formulas with the run's numbers filled in (pure strings, tested on their own).


def num(value: float) -> str:
    """A number for a formula: 4 significant digits, no exponent noise for ordinary sizes."""
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def derivative(curve: Curve, x: float, slope: float) -> str:
    """The slope at x, in LaTeX."""
    return (
        rf"x = {num(x)},\quad y = {num(float(curve.f(x)))},\quad "
        rf"\left.\frac{{dy}}{{dx}}\right|_{{x = {num(x)}}} = {num(slope)}"
    )


def update(x: float, lr: float, slope: float, x_next: float) -> str:
    """The gradient-descent update with the numbers filled in, in LaTeX."""
    return (
        r"x \leftarrow x - \alpha \frac{dy}{dx} = "
        rf"{num(x)} - {num(lr)} \times ({num(slope)}) = {num(x_next)}"
    )


def stop_reason(run: descent.Run, tol: float, max_steps: int) -> str:
    """Which stopping rule ended the run, and why, in Markdown."""
    slope = f"{run.final_grad_norm:.2g}"
    if run.status == descent.CONVERGED:
        return (f"**Stopped by the tolerance rule** after {run.steps} steps: "
                f"|dy/dx| = {slope} is below {tol:g}, so we are at the bottom.")  # fmt: skip
    if run.status == descent.DIVERGED:
        return (f"**{descent.describe(run).capitalize()}**: every step overshoots the minimum "
                "by more than the last, so x runs away. Try a smaller α.")  # fmt: skip
    return (f"**Stopped by the step limit** after {max_steps} steps: |dy/dx| = {slope} is "
            f"still above {tol:g}. Allow more steps, or a larger α.")  # fmt: skip


def step_table(run: descent.Run, shown: int, lr: float) -> dict[str, list[float]]:
    """The points reached so far: x, y, dy/dx, and the size of the step taken from there."""
    x = run.points[: shown + 1, 0]
    slope = run.grads[: shown + 1, 0]
    return {
        "step": list(range(shown + 1)),
        "x": x.tolist(),
        "y = f(x)": run.losses[: shown + 1].tolist(),
        "dy/dx": slope.tolist(),
        "step from here α·|dy/dx|": np.abs(lr * slope).tolist(),
    }
