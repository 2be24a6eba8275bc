"""Moving down the curve: gradient descent on a 1-D loss, one step at a time."""

import streamlit as st

from gdgame.engine import analysis, curves
from gdgame.figures.curve import curve_figure
from gdgame.ui import cache, settings, text
from gdgame.ui.walk import walk

PAGE = "home"
SETTINGS = {
    "curve": settings.Choice(
        "Loss curve", ("parabola", "quadratic", "double_well"), "parabola",
        labels=lambda name: curves.get(name).title,
    ),
    "start": settings.Number("Start x", -5.0, 5.0, 4.0, 0.1, "%.1f",
                             help="Or click the curve to start there"),
    "lr": settings.Number("Learning rate α", 0.01, 1.2, 0.1, 0.01),
    "max_steps": settings.Number("Stop after at most this many steps", 1, 200, 50, 1, "%d"),
    "tol": settings.Choice("…or when |dy/dx| falls below", (1e-1, 1e-2, 1e-3, 1e-4, 1e-6),
                           1e-3, labels=lambda v: f"{v:g}", style="slider"),
    "grid": settings.Number("Grid points for the brute-force scan", 5, 241, 121, 1, "%d"),
}  # fmt: skip


# A start and a learning rate that show each curve's lesson.
CURVE_DEFAULTS = {"parabola": (4.0, 0.1), "quadratic": (4.0, 0.5), "double_well": (-2.2, 0.02)}


def set_start_from_click() -> None:
    x = settings.clicked(f"{PAGE}.chart", "x", SETTINGS["start"])
    if x is not None:
        st.session_state["start"] = x


def suit_curve() -> None:
    st.session_state["start"], st.session_state["lr"] = CURVE_DEFAULTS[st.session_state["curve"]]


st.title("Moving down the curve")
settings.check_url(PAGE, SETTINGS)
st.write(
    "The slope dy/dx says which way is **uphill**. Gradient descent steps the other way, by "
    "the learning rate α times the slope: steep ground, big step; flat ground, small step."
)
controls, picture = st.columns([1, 2], gap="large")
with controls:
    name = SETTINGS["curve"].widget("curve", on_change=suit_curve)
    x0 = SETTINGS["start"].widget("start")
    lr = SETTINGS["lr"].widget("lr")
    with st.expander("When to stop", expanded=True):
        max_steps = int(SETTINGS["max_steps"].widget("max_steps"))
        tol = SETTINGS["tol"].widget("tol")
curve = curves.get(name)
run = cache.gd_run(name, (), (x0,), lr, max_steps, tol)
with picture:
    shown = walk(PAGE, (name, x0, lr, max_steps, tol), run.steps)
    x, slope = float(run.points[shown, 0]), float(run.grads[shown, 0])
    status = None if shown < run.steps else text.stop_title(run)
    fig = curve_figure(curve, run.points[: shown + 1, 0], status=status, clickable=True)
    st.plotly_chart(fig, key=f"{PAGE}.chart", on_select=set_start_from_click,
                    selection_mode="points")  # fmt: skip
    st.caption("Click anywhere on the curve to start there.")
    st.latex(text.derivative(curve, x, slope))
    if shown < run.steps:
        st.latex(text.update(x, lr, slope, float(run.points[shown + 1, 0])))
    else:
        st.markdown(text.stop_reason(run, tol, max_steps))

st.subheader("The steps so far")
st.dataframe(text.step_table(run, shown, lr), hide_index=True, key=f"{PAGE}.table")

st.subheader("Brute force or gradient descent?")
st.write(
    "Without a slope you can only try x after x. A grid scan from −6 to 6 evaluates the "
    "curve at every grid point; gradient descent evaluates dy/dx once per step and goes "
    "where it points."
)
n_grid = int(SETTINGS["grid"].widget("grid"))
scan = analysis.grid_scan(curve, n_grid)
left, right = st.columns(2)
left.metric("Grid scan: evaluations", scan.evaluations, help="f(x) at every grid point")
left.write(f"Best grid point: x = {scan.best:.3g} (to within {12 / (n_grid - 1):.2g})")
right.metric("Gradient descent: evaluations", run.steps + 1, help="dy/dx once per step")
right.write(f"Gradient descent ended at x = {run.final[0]:.3g} ({run.status.replace('_', ' ')})")
st.plotly_chart(cache.scan_chart(name, x0, lr, max_steps, tol, n_grid), key=f"{PAGE}.scan")
values = {"curve": name, "start": x0, "lr": lr, "max_steps": max_steps, "tol": tol,
          "grid": n_grid}  # fmt: skip
settings.share(SETTINGS, values)
settings.defaults_button(PAGE, SETTINGS)
