"""The optimizer race: its settings (torch.optim's names), the runs, the table, the arrows."""

from __future__ import annotations

import numpy as np
import streamlit as st

from gdgame.engine import analysis, descent, optimizers
from gdgame.figures.race import arrows_figure, playback_figure
from gdgame.figures.surface import CAMERAS, surface3d_figure
from gdgame.ui import cache, settings
from gdgame.ui.rates import RATES

SURFACES = {
    "narrow_valley": "Narrow valley (a ravine)",
    "rosenbrock": "Rosenbrock's banana",
    "beale": "Beale's function",
    "himmelblau": "Himmelblau's four minima",
    "six_hump_camel": "Six-hump camel",
    "saddle": "A saddle",
}
PARAMS = {"narrow_valley": (("condition", 10.0),)}
NAMES = {"sgd": "SGD", "momentum": "Momentum", "nesterov": "Nesterov", "adagrad": "AdaGrad",
         "rmsprop": "RMSProp", "adam": "Adam"}  # fmt: skip
# Each rule in LaTeX (torch.optim's form; g is the gradient), and what it fixes.
RULES = {
    "sgd": (r"x \leftarrow x - \alpha g",
            ("The plain step: as large as the slope, so it crawls on flat ground and bounces "
            "across steep valleys.")),
    "momentum": (r"b \leftarrow \mu b + g,\quad x \leftarrow x - \alpha b",
                 ("Remembers past steps: the zig-zags across a valley cancel while the pull along "
                 "it adds up, so it picks up speed on the floor.")),
    "nesterov": (r"b \leftarrow \mu b + g,\quad x \leftarrow x - \alpha (g + \mu b)",
                 "Momentum that looks ahead: it brakes earlier, so it overshoots less."),
    "adagrad": (r"s \leftarrow s + g^2,\quad x \leftarrow x - \alpha \frac{g}{\sqrt{s} + \epsilon}",
                ("A step size per coordinate: steep directions get smaller steps, flat ones "
                "larger; but s only grows, so it slows down for good.")),
    "rmsprop": ((r"v \leftarrow \rho v + (1-\rho) g^2,\quad "
                r"x \leftarrow x - \alpha \frac{g}{\sqrt{v} + \epsilon}"),
                "AdaGrad with a memory that fades, so the steps do not shrink for ever."),
    "adam": ((r"m \leftarrow \beta_1 m + (1-\beta_1) g,\ v \leftarrow \beta_2 v + (1-\beta_2) g^2,"
             r"\ x \leftarrow x - \alpha \frac{m / (1-\beta_1^t)}{\sqrt{v / (1-\beta_2^t)} + "
             r"\epsilon}"),
             ("Momentum and RMSProp together, with a correction for their start at zero: the "
             "usual first choice.")),
}  # fmt: skip
# Rates that show the lesson on the ravine: plain SGD safe for the walls crawls along the floor.
DEFAULT_LR = {"sgd": 0.03, "momentum": 0.03, "nesterov": 0.03, "adagrad": 1.0, "rmsprop": 0.1,
              "adam": 0.3}  # fmt: skip
TARGETS = (1e-2, 1e-3, 1e-4, 1e-6, 1e-8)


def _rate(name: str) -> settings.Choice:
    torch = optimizers.get(name).hyper["lr"]
    return settings.Choice("learning rate α (lr)", RATES, DEFAULT_LR[name],
                           labels=lambda v: f"{v:g}", style="slider",
                           help=f"torch.optim's default is {torch:g}")  # fmt: skip


SETTINGS: dict[str, settings.Setting] = {
    "surface": settings.Choice("Surface", tuple(SURFACES), "narrow_valley", labels=SURFACES.get),
    "racers": settings.Many("Optimizers", tuple(NAMES), ("sgd", "momentum", "rmsprop", "adam"),
                            labels=NAMES.get),
    "x0": settings.Number("Start x", -5.0, 5.0, -4.5, 0.05, help="Or click the map"),
    "y0": settings.Number("Start y", -5.0, 5.0, 2.0, 0.05, help="Or click the map"),
    "steps": settings.Number("Steps", 10, 1000, 300, 10, "%d"),
    "target": settings.Choice("Target loss gap", TARGETS, 1e-4,
                              labels=lambda v: f"{v:g}", style="slider"),
    **{f"{name}_lr": _rate(name) for name in NAMES},
    "momentum_mu": settings.Number("momentum μ (momentum)", 0.0, 0.99, 0.9, 0.01,
                                   help="torch.optim's default is 0 (plain SGD); 0.9 is usual"),
    "nesterov_mu": settings.Number("momentum μ (momentum)", 0.0, 0.99, 0.9, 0.01),
    "rmsprop_alpha": settings.Number("decay ρ (alpha)", 0.5, 0.999, 0.99, 0.001, "%.3f",
                                     help="torch.optim's default is 0.99"),
    "adam_beta1": settings.Number("β₁ (betas[0])", 0.0, 0.999, 0.9, 0.001, "%.3f",
                                  help="torch.optim's default is 0.9"),
    "adam_beta2": settings.Number("β₂ (betas[1])", 0.5, 0.9999, 0.999, 0.0001, "%.4f",
                                  help="torch.optim's default is 0.999"),
    "scrub": settings.Number("Show the arrows at step", 0, 1000, 5, 1, "%d"),
    "camera": settings.Choice("View from", tuple(CAMERAS), "3/4", style="radio"),
}  # fmt: skip
HYPER_KEYS = {
    "sgd": ("sgd_lr",), "momentum": ("momentum_lr", "momentum_mu"),
    "nesterov": ("nesterov_lr", "nesterov_mu"), "adagrad": ("adagrad_lr",),
    "rmsprop": ("rmsprop_lr", "rmsprop_alpha"),
    "adam": ("adam_lr", "adam_beta1", "adam_beta2"),
}  # fmt: skip


def landscape(surface: str):
    """One of the race's surfaces, with its parameters (the valley's κ)."""
    return cache.landscape(surface, PARAMS.get(surface, ()))


def grid(surface: str):
    """That surface sampled for drawing."""
    return cache.grid(surface, PARAMS.get(surface, ()))


def hyper(name: str, values: dict) -> tuple[tuple[str, float], ...]:
    """The optimizer's torch.optim keyword arguments from the page's values (hashable)."""
    lr = values[f"{name}_lr"]
    if name in ("momentum", "nesterov"):
        return (("lr", lr), ("momentum", values[f"{name}_mu"]))
    if name == "rmsprop":
        return (("lr", lr), ("alpha", values["rmsprop_alpha"]))
    if name == "adam":
        return (("lr", lr), ("betas", (values["adam_beta1"], values["adam_beta2"])))
    return (("lr", lr),)


def build(name: str, hyper_: tuple) -> optimizers.Optimizer:
    return optimizers.get(name, **dict(hyper_))


@st.cache_data(max_entries=256, show_spinner=False)
def race_run(surface: str, start: tuple[float, float], name: str, hyper_: tuple,
             steps: int) -> descent.Run:  # fmt: skip
    """One racer's recorded run (tol 0: every racer runs every step, so the lines compare)."""
    return descent.run(landscape(surface), build(name, hyper_), start, steps, tol=0.0)


def results(runs: dict[str, descent.Run], best: float, target: float) -> dict[str, list]:
    """The race table: steps to reach the target, final loss above the minimum, status."""
    table: dict[str, list] = {"optimizer": [], "steps to target": [], "final loss − minimum": [],
                              "status": []}  # fmt: skip
    for name, run in runs.items():
        gap = run.losses - best
        reached = np.flatnonzero(gap <= target)
        table["optimizer"].append(NAMES[name])
        table["steps to target"].append(int(reached[0]) if reached.size else None)
        table["final loss − minimum"].append(float(gap[-1]) if np.isfinite(gap[-1]) else None)
        status = str(run.status)
        if status == "diverged":
            status = f"diverged at step {int(run.diverged_at)}"
        elif reached.size:
            status = "reached the target"
        else:
            status = "not there yet"
        table["status"].append(status)
    return table


def arrows_at(runs: dict[str, descent.Run], hypers: dict[str, tuple],
              step: int) -> dict[str, dict[str, np.ndarray]]:  # fmt: skip
    """Each racer's gradient, update and (momentum methods) velocity at ``step``."""
    out = {}
    for name, run in runs.items():
        k = min(step, int(run.steps))
        vectors = {"gradient": run.grads[k]}
        if k < int(run.steps):
            vectors["update"] = run.points[k + 1] - run.points[k]
        state = analysis.states_along(build(name, hypers[name]), run, k)
        buffer = getattr(state, "momentum_buffer", None)
        if buffer is not None:
            vectors["velocity"] = -hypers[name][0][1] * buffer  # −α·b: where momentum carries
        out[name] = vectors
    return out


@st.cache_resource(max_entries=32, show_spinner=False)
def playback(surface: str, start: tuple[float, float], racers: tuple[tuple[str, tuple], ...],
             steps: int):  # fmt: skip
    """The animated race, built once per setting (plotly frames play in the browser)."""
    paths = {NAMES[n]: race_run(surface, start, n, h, steps).points for n, h in racers}
    return playback_figure(landscape(surface), grid(surface), paths)


@st.cache_resource(max_entries=32, show_spinner=False)
def view3d(surface: str, start: tuple[float, float], racers: tuple[tuple[str, tuple], ...],
           steps: int, camera: str):  # fmt: skip
    paths = {NAMES[n]: race_run(surface, start, n, h, steps).points for n, h in racers}
    return surface3d_figure(landscape(surface), grid(surface), paths, camera=camera)


def arrows_chart(surface: str, runs: dict, hypers: dict, step: int):
    paths = {NAMES[n]: r.points for n, r in runs.items()}
    vectors = {NAMES[n]: v for n, v in arrows_at(runs, hypers, step).items()}
    return arrows_figure(landscape(surface), grid(surface), paths, step, vectors, height=520)
