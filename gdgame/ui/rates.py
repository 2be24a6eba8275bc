"""The learning-rate lesson's settings and runs: presets, the landscapes, the challenge."""

from __future__ import annotations

import numpy as np
import streamlit as st

from gdgame.figures.curve import curve_figure
from gdgame.figures.lines import rate_figure, sweep_figure
from gdgame.figures.surface import contour_figure, surface3d_figure
from gdgame.ui import cache, text

# Presets as multiples of 1/L (L the steepest curvature), each kept inside its regime's band.
PRESETS = {"Too small": 0.05, "Just right": 0.7, "Too large": 1.7, "Diverging": 2.3}
BANDS = {"Too small": (0.0, 0.1), "Just right": (0.5, 0.9), "Too large": (1.3, 1.9),
         "Diverging": (2.1, 3.0)}  # fmt: skip
STEPS, TOL = 200, 1e-6
# Round numbers a teacher can say out loud, about ten per decade, from 0.001 to 3.
MANTISSAS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)


def ladder(first_exponent: int, top: float = 3.0) -> tuple[float, ...]:
    """Round-number learning rates, MANTISSAS × 10^e from e = ``first_exponent`` up to ``top``."""
    values = (round(m * 10.0**e, 10) for e in range(first_exponent, 1) for m in MANTISSAS)
    return tuple(r for r in values if r <= top)


RATES = ladder(-3)
SCHEDULES = {
    "constant": (),
    "step": (("gamma", 0.5), ("step_size", 10)),
    "exponential": (("gamma", 0.95),),
    "cosine": (("eta_min", 0.0), ("t_max", STEPS)),
    "warmup": (("start_factor", 0.1), ("total_iters", 20)),
}
LANDSCAPES = {"quadratic": "1-D quadratic", "valley": "2-D narrow valley"}


def landscape_of(land: str, curvature: float) -> tuple[str, tuple, tuple[float, ...]]:
    """Registry name, parameters and start of the lesson's landscape with steepest curvature L."""
    if land == "valley":
        return "narrow_valley", (("condition", curvature),), (-4.5, 2.0)
    return "quadratic", (("curvature", curvature),), (5.0,)


def nearest_rate(value: float) -> float:
    """The selectable rate closest to ``value`` on a log scale."""
    return min(RATES, key=lambda r: abs(np.log(r / value)))


def preset_rate(name: str, curvature: float) -> float:
    """The selectable rate nearest the preset's multiple of 1/L, inside the preset's band."""
    lo, hi = BANDS[name]
    inside = [r for r in RATES if lo < r * curvature < hi]
    target = PRESETS[name] / curvature
    return min(inside or RATES, key=lambda r: abs(np.log(r / target)))


def apply_preset(name: str, curvature: float) -> None:
    """A callback: set the page's learning rate to a preset."""
    st.session_state["lr"] = preset_rate(name, curvature)


def run(land: str, curvature: float, lr: float, schedule: str = "constant"):
    name, params, start = landscape_of(land, curvature)
    sched = None if schedule == "constant" else (schedule, SCHEDULES[schedule])
    return cache.gd_run(name, params, start, lr, STEPS, TOL, sched)


def sweep(land: str, curvature: float, n: int = 120):
    name, params, start = landscape_of(land, curvature)
    return cache.sweep(name, params, start, 0.01 / curvature, 3.0 / curvature, n, STEPS, TOL)


def best_possible(land: str, curvature: float) -> tuple[int, float]:
    """Fewest steps to converge over 400 rates and the known optimum, and the rate that does it.

    On a quadratic with curvatures μ ≤ L the best fixed rate is 2/(μ + L) (1/L when μ = L).
    """
    fine = sweep(land, curvature, n=400)
    candidates = [(int(s), float(r)) for s, r, ok in zip(fine.steps, fine.lrs, fine.converged,
                                                         strict=True) if ok]  # fmt: skip
    mu = curvature if land == "quadratic" else 1.0
    for rate in (1.0 / curvature, 2.0 / (mu + curvature)):
        r = run(land, curvature, rate)
        if r.status == "converged":
            candidates.append((int(r.steps), rate))
    return min(candidates)


def challenge_result(land: str, curvature: float, lr: float) -> str:
    """What the Goldilocks challenge says about a try, and the student's best so far."""
    r = run(land, curvature, lr)
    best_steps = best_possible(land, curvature)[0]
    key = f"rates.best.{land}.{curvature}"
    record = st.session_state.get(key)
    if r.status == "converged" and (record is None or r.steps < record[0]):
        record = st.session_state[key] = (int(r.steps), lr)
    mine = "" if record is None else f" Your best: {record[0]} steps (α = {record[1]:g})."
    if r.status != "converged":
        how = "diverged" if r.status == "diverged" else f"did not arrive within {STEPS} steps"
        return f"α = {lr:g} {how}. The best possible here is {best_steps} steps.{mine}"
    gap = int(r.steps) - best_steps
    verdict = "That is the best possible!" if gap <= 0 else f"{gap} more than the best possible."
    return f"α = {lr:g} reached the minimum in **{r.steps} steps**. {verdict}{mine}"


@st.cache_resource(max_entries=64, show_spinner=False)
def preset_figure(land: str, curvature: float, preset: str):
    """A preset's small chart: the same for every visitor, built once, never changed."""
    return path_figure(land, curvature, run(land, curvature, preset_rate(preset, curvature)),
                       height=300, compact=True)  # fmt: skip


@st.cache_resource(max_entries=64, show_spinner=False)
def sweep_chart(land: str, curvature: float):
    """The sweep with 1/L and 2/L marked (built once per landscape)."""
    return sweep_figure(sweep(land, curvature), curvature, None)


def path_figure(land: str, curvature: float, result, height: int, camera=None, compact=False):
    """A run's path on the lesson's landscape: the curve, the contour map, or the 3-D view."""
    name, params, _ = landscape_of(land, curvature)
    surface = cache.landscape(name, params)
    status = text.stop_title(result)
    if land == "quadratic":
        return curve_figure(surface, result.points[:, 0], tangent=False, status=status,
                            height=height, compact=compact)  # fmt: skip
    if camera is not None:
        return surface3d_figure(surface, cache.grid(name, params), {status: result.points},
                                camera=camera, height=height)  # fmt: skip
    return contour_figure(surface, cache.grid(name, params), {status: result.points},
                          height=height, compact=compact)  # fmt: skip


@st.cache_resource(max_entries=128, show_spinner=False)
def schedule_figures(land: str, curvature: float, schedule: str):
    """A schedule applied to the too-large preset: its path, and the rate at every step."""
    base = preset_rate("Too large", curvature)
    result = run(land, curvature, base, schedule)
    return path_figure(land, curvature, result, 380), rate_figure(result.lrs)
