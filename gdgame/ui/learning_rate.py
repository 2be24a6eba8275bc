"""The learning-rate lesson: its settings, four presets, your α on the regime bar, the sweep of
every α at once, the Goldilocks challenge and the schedules.

Your α and the sweep read the landscape from ``values``: ``"where"`` (registry name, parameters
and start) and ``"L"`` (the steepest curvature at the minimum), and draw from ``page``, so that
the sandbox shows them for a typed formula.
"""

from __future__ import annotations

import streamlit as st

from gdgame.components.landscape_view import landscape_view
from gdgame.engine import descent, learning_rate
from gdgame.engine.learning_rate import PRESETS
from gdgame.figures.curve import curve_figure
from gdgame.figures.lines import loss_figure, rate_figure, regime_figure, sweep_figure
from gdgame.figures.surface import CAMERAS, contour_figure, surface3d_figure
from gdgame.ui import cache, settings
from gdgame.ui.ladder import RATES, nearest

# The presets' rates (`learning_rate.PRESETS`) are kept inside these bands of α·L.
BANDS = {"Too small": (0.0, 0.1), "Just right": (0.5, 0.9), "Too large": (1.3, 1.9),
         "Diverging": (2.1, 3.0)}  # fmt: skip
STEPS, TOL = 200, 1e-6
SWEEP_RATES = 120  # the sweep's rates, log-spaced over SWEEP_SPAN
SWEEP_SPAN = (0.01, 3.0)  # multiples of 1/L: from creeping to flying off
CHALLENGE_RATES = 400  # the finer sweep that finds the best possible
SCHEDULES = {
    "constant": (),
    "step": (("gamma", 0.5), ("step_size", 10)),
    "exponential": (("gamma", 0.95),),
    "cosine": (("eta_min", 0.0), ("t_max", STEPS)),
    "warmup": (("start_factor", 0.1), ("total_iters", 20)),
}
LANDSCAPES = {"quadratic": "1-D quadratic", "valley": "2-D narrow valley"}
Where = tuple[str, cache.Params, tuple[float, ...]]  # a landscape's name, parameters and start


def preset_rate(name: str, curvature: float) -> float:
    """The selectable rate nearest the preset's multiple of 1/L, inside the preset's band."""
    lo, hi = BANDS[name]
    inside = tuple(r for r in RATES if lo < r * curvature < hi)
    return nearest(PRESETS[name] / curvature, inside or RATES)


SETTINGS = settings.Page("learning_rate", {
    "land": settings.Choice("Landscape", tuple(LANDSCAPES), "quadratic", labels=LANDSCAPES.get,
                            style="radio"),
    "L": settings.Number("Steepest curvature L", 1.0, 20.0, 4.0, 0.5, "%.1f",
                         help="The quadratic's curvature, or the valley's κ (its floor has 1)"),
    "lr": settings.Choice("Your learning rate α", RATES, preset_rate("Just right", 4.0),
                          labels=lambda v: f"{v:g}", style="slider"),
    "schedule": settings.Choice("Schedule", tuple(SCHEDULES), "constant", style="radio"),
})  # fmt: skip


def landscape_of(land: str, curvature: float) -> Where:
    """Registry name, parameters and start of the lesson's landscape with steepest curvature L."""
    name, knob = ("narrow_valley", "condition") if land == "valley" else ("quadratic", "curvature")
    params = ((knob, curvature),)
    return name, params, cache.landscape(name, params).start


def apply_preset(name: str) -> None:
    """A callback: set the page's learning rate to a preset, for the curvature set now."""
    SETTINGS.set("lr", preset_rate(name, SETTINGS.get("L")))


def run(where: Where, lr: float, schedule: str = "constant") -> descent.Run:
    """Gradient descent at α from the landscape's start (the lesson's steps and tolerance)."""
    name, params, start = where
    sched = None if schedule == "constant" else (schedule, SCHEDULES[schedule])
    return cache.run(name, params, start, STEPS, hyper=(("lr", lr),), tol=TOL, schedule=sched)


def sweep(where: Where, curvature: float, n: int = SWEEP_RATES) -> learning_rate.Sweep:
    """Gradient descent at n rates from 0.01/L to 3/L, in one batch."""
    name, params, start = where
    lo, hi = SWEEP_SPAN
    return cache.sweep(name, params, start, lo / curvature, hi / curvature, n, STEPS, TOL)


def controls() -> dict:
    """The landscape and its steepest curvature, side by side."""
    top = st.columns([2, 2, 1])
    with top[0]:
        land = SETTINGS.widget("land")
    with top[1]:
        curvature = SETTINGS.widget("L")
    return {"land": land, "L": curvature, "where": landscape_of(land, curvature)}


def presets(values: dict) -> None:
    """Four small charts, one per preset, each with a button that makes it your α."""
    st.subheader("Four learning rates, side by side")
    land, curvature = values["land"], values["L"]
    for column, preset in zip(st.columns(4), PRESETS, strict=True):
        with column:
            rate = preset_rate(preset, curvature)
            st.markdown(f"**{preset}**: α = {rate:g} ({PRESETS[preset]:g}/L)")
            st.plotly_chart(preset_figure(land, curvature, preset),
                            key=f"learning_rate.preset.{preset}")  # fmt: skip
            st.button(f"Try {preset.lower()}", key=f"learning_rate.try.{preset}",
                      on_click=apply_preset, args=(preset,), width="stretch")  # fmt: skip


def your_rate(values: dict, page: settings.Page = SETTINGS) -> None:
    """Your α on the regime bar, its path (in 3-D on the valley, if asked) and its loss."""
    st.subheader("Your learning rate")
    land, where, curvature = values.get("land"), values["where"], values["L"]
    lr = values["lr"] = page.widget("lr")
    regime, path, loss = rate_figures(where, curvature, lr)
    st.plotly_chart(regime, key=page.key("regime"))
    valley_note = (
        " In the valley only the steep direction has curvature L: the floor has 1, "
        "so the path zig-zags across the valley long before it crawls along it."
    )
    st.markdown(
        f"With curvature L = {curvature:g}, each step multiplies the distance to the minimum by "
        f"1 − αL = {1 - lr * curvature:.3g}: **{learning_rate.regime(lr, curvature)}**."
        + (valley_note if land == "valley" else "")
    )  # fmt: skip
    left, right = st.columns(2)
    with left:
        camera = None
        if land == "valley" and st.toggle("3-D view", key="learning_rate.3d"):
            camera = st.segmented_control("Camera", list(CAMERAS), default="3/4",
                                          key="learning_rate.camera") or "3/4"  # fmt: skip
        if camera is None:
            st.plotly_chart(path, key=page.key("mine"))
        else:
            landscape_view(path_figure(where, run(where, lr), 420, camera),
                           cache.grid(*where[:2]), key=page.key("mine3d"))  # fmt: skip
    with right:
        st.plotly_chart(loss, key=page.key("rate_loss"))


def every_rate(values: dict, page: settings.Page = SETTINGS) -> None:
    """The sweep: steps to converge for every α at once, 1/L and 2/L marked."""
    st.subheader("Every learning rate at once")
    st.write(f"{SWEEP_RATES} runs from the same start, one per α, computed in one batch by the "
             "engine.")  # fmt: skip
    st.plotly_chart(sweep_chart(values["where"], values["L"]), key=page.key("sweep"))


def challenge(values: dict) -> None:
    """The Goldilocks challenge: find the α that arrives in the fewest steps."""
    st.subheader("The Goldilocks challenge")
    st.write("Find the α that reaches the minimum in the fewest steps.")
    guess = st.select_slider("Your guess for α", RATES, value=0.01,
                             format_func=lambda v: f"{v:g}", key="learning_rate.guess")  # fmt: skip
    here = (values["land"], values["L"])
    if st.button("Go", key="learning_rate.go", type="primary"):
        st.session_state["learning_rate.verdict"] = (here, challenge_result(*here, guess))
    said = st.session_state.get("learning_rate.verdict")
    if said and said[0] == here:  # a verdict for another landscape no longer applies
        st.success(said[1])


def schedules(values: dict) -> None:
    """A schedule rescuing the too-large α: its path, and the rate at every step under it."""
    st.subheader("Learning-rate schedules")
    land, curvature = values["land"], values["L"]
    st.write(
        f"A schedule changes α as the run goes. Start from the too-large α = "
        f"{preset_rate('Too large', curvature):g} ({PRESETS['Too large']:g}/L): held constant "
        "it bounces for a long time; shrunk by a schedule, big early steps give way to small "
        "ones near the bottom."
    )
    schedule = values["schedule"] = SETTINGS.widget("schedule")
    path_chart, rate_chart = schedule_figures(land, curvature, schedule)
    with st.columns([3, 1])[0]:  # the rate at each step right under the path it made
        st.plotly_chart(path_chart, key="learning_rate.scheduled")
        st.plotly_chart(rate_chart, key="learning_rate.rates")


def best_possible(land: str, curvature: float) -> tuple[int, float]:
    """Fewest steps to converge over a fine sweep and the known optimum, and the rate that
    does it. On a quadratic with curvatures μ ≤ L the best fixed rate is 2/(μ + L)."""
    where = landscape_of(land, curvature)
    fine = sweep(where, curvature, n=CHALLENGE_RATES)
    candidates = [(int(s), float(r)) for s, r, ok in zip(fine.steps, fine.lrs, fine.converged,
                                                         strict=True) if ok]  # fmt: skip
    mu = curvature if land == "quadratic" else 1.0
    for rate in (1.0 / curvature, 2.0 / (mu + curvature)):
        r = run(where, rate)
        if r.status == descent.CONVERGED:
            candidates.append((int(r.steps), rate))
    return min(candidates)


def challenge_result(land: str, curvature: float, lr: float) -> str:
    """What the Goldilocks challenge says about a try, and the student's best so far."""
    r = run(landscape_of(land, curvature), lr)
    best_steps = best_possible(land, curvature)[0]
    key = f"learning_rate.best.{land}.{curvature}"
    record = st.session_state.get(key)
    if r.status == descent.CONVERGED and (record is None or r.steps < record[0]):
        record = st.session_state[key] = (int(r.steps), lr)
    mine = "" if record is None else f" Your best: {record[0]} steps (α = {record[1]:g})."
    if r.status != descent.CONVERGED:
        ended = descent.describe(r)
        return f"α = {lr:g} {ended}. The best possible here is {best_steps} steps.{mine}"
    gap = int(r.steps) - best_steps
    verdict = "That is the best possible!" if gap <= 0 else f"{gap} more than the best possible."
    return f"α = {lr:g} reached the minimum in **{r.steps} steps**. {verdict}{mine}"


@cache.shared_figures(max_entries=64)
def preset_figure(land: str, curvature: float, preset: str):
    """A preset's small chart: the same for every visitor, built once, never changed."""
    where = landscape_of(land, curvature)
    return path_figure(where, run(where, preset_rate(preset, curvature)), height=300,
                       compact=True)  # fmt: skip


@cache.shared_figures(max_entries=256)
def rate_figures(where: Where, curvature: float, lr: float):
    """An α's charts: its place among the regimes, its path, its loss (shared by a class
    trying the slider's values)."""
    mine = run(where, lr)
    lowest = min(m.value for m in cache.landscape(*where[:2]).global_minima)
    return (regime_figure(curvature, lr), path_figure(where, mine, 420),
            loss_figure({f"α = {lr:g}": mine.losses}, lowest))  # fmt: skip


@cache.shared_figures(max_entries=64)
def sweep_chart(where: Where, curvature: float):
    """The sweep with 1/L and 2/L marked (built once per landscape)."""
    return sweep_figure(sweep(where, curvature), curvature, None)


def path_figure(where: Where, result, height: int, camera=None, compact=False):
    """A run's path on a landscape: the curve, the contour map, or the 3-D view."""
    name, params, _ = where
    surface = cache.landscape(name, params)
    status = descent.describe(result)
    if surface.dim == 1:
        return curve_figure(surface, result.points[:, 0], tangent=False, status=status,
                            height=height, compact=compact)  # fmt: skip
    if camera is not None:
        return surface3d_figure(surface, cache.grid(name, params), {status: result.points},
                                camera=camera, height=height)  # fmt: skip
    return contour_figure(surface, cache.grid(name, params), {status: result.points},
                          height=height, compact=compact)  # fmt: skip


@cache.shared_figures(max_entries=128)
def schedule_figures(land: str, curvature: float, schedule: str):
    """A schedule applied to the too-large preset: its path, and the rate at every step."""
    where = landscape_of(land, curvature)
    result = run(where, preset_rate("Too large", curvature), schedule)
    return path_figure(where, result, 380), rate_figure(result.lrs)
