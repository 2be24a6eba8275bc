"""The optimizer race: its settings (torch.optim's names), each racer's rule and options, the
playback, the results table, the step-by-step arrows and the race in 3-D."""

from __future__ import annotations

import numpy as np
import streamlit as st

from gdgame.components.landscape_view import landscape_view
from gdgame.engine import descent, optimizers
from gdgame.figures.lines import loss_figure
from gdgame.figures.race import arrows_figure, playback_figure
from gdgame.figures.surface import CAMERAS, surface3d_figure
from gdgame.ui import cache, settings
from gdgame.ui.ladder import RATES
from gdgame.ui.race_rules import RULES

SURFACES = ("narrow_valley", "rosenbrock", "beale", "himmelblau", "six_hump_camel", "saddle")
PARAMS = {"narrow_valley": (("condition", 10.0),)}
START = cache.landscape(SURFACES[0], PARAMS[SURFACES[0]]).start  # the ravine's own start
TITLES = optimizers.TITLES
# Rates that show the lesson on the ravine: plain SGD safe for the walls crawls along the floor.
DEFAULT_LR = {"sgd": 0.03, "momentum": 0.03, "nesterov": 0.03, "adagrad": 1.0, "rmsprop": 0.1,
              "adam": 0.3}  # fmt: skip
TARGETS = (1e-2, 1e-3, 1e-4, 1e-6, 1e-8)


def landscape(surface: str):
    """One of the race's surfaces, with its parameters (the valley's κ)."""
    return cache.landscape(surface, PARAMS.get(surface, ()))


def grid(surface: str):
    """That surface sampled for drawing."""
    return cache.grid(surface, PARAMS.get(surface, ()))


def _default(name: str, option: str, index: int | None = None) -> float:
    """An optimizer's default for ``option``: the engine's, which are torch.optim's."""
    value = optimizers.get(name).hyper[option]
    return value if index is None else value[index]


def _torch(name: str, option: str, index: int | None = None) -> str:
    """The help text "torch.optim's default is …"."""
    return f"torch.optim's default is {_default(name, option, index):g}"


def _rate(name: str) -> settings.Choice:
    return settings.Choice("learning rate α (lr)", RATES, DEFAULT_LR[name],
                           labels=lambda v: f"{v:g}", style="slider",
                           help=_torch(name, "lr"))  # fmt: skip


SETTINGS = settings.Page("race", {
    "surface": settings.Choice("Surface", SURFACES, "narrow_valley",
                               labels=lambda n: landscape(n).title, url=str),
    "racers": settings.Many("Optimizers", tuple(TITLES), ("sgd", "momentum", "rmsprop", "adam"),
                            labels=TITLES.get),
    "x0": settings.Number("Start x", -5.0, 5.0, START[0], 0.05, help="Or click the map"),
    "y0": settings.Number("Start y", -5.0, 5.0, START[1], 0.05, help="Or click the map"),
    "steps": settings.Number("Steps", 10, 1000, 300, 10, "%d"),
    "target": settings.Choice("Target loss gap", TARGETS, 1e-4,
                              labels=lambda v: f"{v:g}", style="slider"),
    **{f"{name}_lr": _rate(name) for name in TITLES},
    "momentum_mu": settings.Number(
        "momentum μ (momentum)", 0.0, 0.99, _default("momentum", "momentum"), 0.01,
        help=_torch("sgd", "momentum") + f" (plain SGD); {_default('momentum', 'momentum'):g} "
        "is usual"),
    "nesterov_mu": settings.Number("momentum μ (momentum)", 0.0, 0.99,
                                   _default("nesterov", "momentum"), 0.01),
    "rmsprop_alpha": settings.Number("decay ρ (alpha)", 0.5, 0.999, _default("rmsprop", "alpha"),
                                     0.001, "%.3f", help=_torch("rmsprop", "alpha")),
    "adam_beta1": settings.Number("β₁ (betas[0])", 0.0, 0.999, _default("adam", "betas", 0),
                                  0.001, "%.3f", help=_torch("adam", "betas", 0)),
    "adam_beta2": settings.Number("β₂ (betas[1])", 0.5, 0.9999, _default("adam", "betas", 1),
                                  0.0001, "%.4f", help=_torch("adam", "betas", 1)),
    "scrub": settings.Number("Show the arrows at step", 0, 1000, 5, 1, "%d"),
    "camera": settings.Choice("View from", tuple(CAMERAS), "3/4", style="radio"),
})  # fmt: skip
HYPER_KEYS = {
    "sgd": ("sgd_lr",), "momentum": ("momentum_lr", "momentum_mu"),
    "nesterov": ("nesterov_lr", "nesterov_mu"), "adagrad": ("adagrad_lr",),
    "rmsprop": ("rmsprop_lr", "rmsprop_alpha"),
    "adam": ("adam_lr", "adam_beta1", "adam_beta2"),
}  # fmt: skip


def hyper(name: str, values: dict) -> cache.Params:
    """The optimizer's torch.optim keyword arguments from the page's values (hashable)."""
    lr = values[f"{name}_lr"]
    if name in ("momentum", "nesterov"):
        return (("lr", lr), ("momentum", values[f"{name}_mu"]))
    if name == "rmsprop":
        return (("lr", lr), ("alpha", values["rmsprop_alpha"]))
    if name == "adam":
        return (("lr", lr), ("betas", (values["adam_beta1"], values["adam_beta2"])))
    return (("lr", lr),)


def _suit_surface() -> None:
    x, y = landscape(SETTINGS.get("surface")).start
    SETTINGS.set("x0", float(x))
    SETTINGS.set("y0", float(y))


def controls() -> dict:
    """The surface, the racers, the steps and the target, in one row."""
    top = st.columns([2, 3, 1, 1], vertical_alignment="bottom")
    with top[0]:
        values = {"surface": SETTINGS.widget("surface", on_change=_suit_surface)}
    with top[1]:
        values["racers"] = SETTINGS.widget("racers")
    with top[2]:
        values["steps"] = SETTINGS.widget("steps")
    with top[3]:
        values["target"] = SETTINGS.widget("target")
    return values


def racers(values: dict) -> None:
    """The start, then each optimizer's rule, what it fixes, and its torch.optim options."""
    left, right = st.columns(2)
    with left:
        values["x0"] = SETTINGS.widget("x0")
    with right:
        values["y0"] = SETTINGS.widget("y0")
    start = values["start"] = cache.clamped(values["surface"], PARAMS.get(values["surface"], ()),
                                            (values["x0"], values["y0"]))  # fmt: skip
    if start != (values["x0"], values["y0"]):
        st.caption(f"The start is kept on this surface's map: ({start[0]:g}, {start[1]:g}).")
    st.caption("Each optimizer's settings, with its update rule:")
    for name, title in TITLES.items():
        with st.expander(title, expanded=False):
            rule, why = RULES[name]
            st.latex(rule)
            st.caption(why)
            for key in HYPER_KEYS[name]:
                values[key] = SETTINGS.widget(key)


def _entries(values: dict) -> tuple[tuple[str, cache.Params], ...]:
    return tuple((n, hyper(n, values)) for n in values["racers"])


def race_run(surface: str, start: tuple[float, float], name: str, hyper_: cache.Params,
             steps: int) -> descent.Run:  # fmt: skip
    """One racer's recorded run (tol 0: every racer runs every step, so the lines compare)."""
    return cache.run(surface, PARAMS.get(surface, ()), start, steps, name, hyper_, 0.0)


def _runs(values: dict) -> dict[str, descent.Run]:
    return {n: race_run(values["surface"], values["start"], n, h, values["steps"])
            for n, h in _entries(values)}  # fmt: skip


def playback(values: dict) -> None:
    """The race played in the browser (plotly frames), and the loss of each racer."""
    if not values["racers"]:
        st.info("Pick at least one optimizer to race.", icon="🏁")
        return
    chart = _playback(values["surface"], values["start"], _entries(values), values["steps"])
    st.plotly_chart(chart, key="race.playback", selection_mode="points",
                    on_select=SETTINGS.start_from_click("race.playback"))  # fmt: skip
    st.caption("Press ▶ Play to watch the paths grow; click the map to start elsewhere.")
    best = min(m.value for m in landscape(values["surface"]).global_minima)
    losses = {TITLES[n]: r.losses for n, r in _runs(values).items()}
    st.plotly_chart(loss_figure(losses, best), key="race.loss")


def results(values: dict) -> None:
    """The race table: steps to the target, the final gap, how each run ended."""
    if not values["racers"]:
        return
    st.subheader("Results")
    best = min(m.value for m in landscape(values["surface"]).global_minima)
    scientific = st.column_config.NumberColumn(format="scientific")
    table = results_table(_runs(values), best, values["target"])
    st.dataframe(table, hide_index=True, key="race.results",
                 column_config={"final loss − minimum": scientific})  # fmt: skip


def step_arrows(values: dict) -> None:
    """At a chosen step: each racer's update, the downhill direction and momentum's velocity."""
    if not values["racers"]:
        return
    st.subheader("Step by step: what each optimizer does")
    st.write(
        "At the chosen step, each optimizer's **update** (its colour, to scale), the "
        "**downhill** direction −∇f (black, a fixed length) and, for momentum methods, the "
        "**velocity** it carries (grey, to scale). They differ most where the slope changes."
    )
    values["scrub"] = SETTINGS.widget("scrub")
    runs, step = _runs(values), min(values["scrub"], values["steps"])
    paths = {TITLES[n]: r.points for n, r in runs.items()}
    hypers = dict(_entries(values))
    vectors = {TITLES[n]: v for n, v in arrows_at(runs, hypers, step).items()}
    chart = arrows_figure(landscape(values["surface"]), grid(values["surface"]), paths, step,
                          vectors, height=520)  # fmt: skip
    st.plotly_chart(chart, key="race.arrows")


def race_3d(values: dict) -> None:
    """The race on the surface in 3-D; a click on the surface moves the start."""
    if not values["racers"]:
        return
    with st.expander("The race in 3-D"):
        values["camera"] = SETTINGS.widget("camera")
        view = _view3d(values["surface"], values["start"], _entries(values), values["steps"],
                       values["camera"])  # fmt: skip
        landscape_view(
            view, grid(values["surface"]), key="race.3d", on_click=SETTINGS.click_sets("x0", "y0")
        )
        st.caption("Click the surface to start the race there.")


def results_table(runs: dict[str, descent.Run], best: float, target: float) -> dict[str, list]:
    """The race table: steps to reach the target, final loss above the minimum, status."""
    table: dict[str, list] = {"optimizer": [], "steps to target": [], "final loss − minimum": [],
                              "status": []}  # fmt: skip
    for name, run in runs.items():
        gap = run.losses - best
        reached = np.flatnonzero(gap <= target)
        table["optimizer"].append(TITLES[name])
        table["steps to target"].append(int(reached[0]) if reached.size else None)
        table["final loss − minimum"].append(float(gap[-1]) if np.isfinite(gap[-1]) else None)
        if run.status == descent.DIVERGED:
            status = descent.describe(run)
        else:
            status = "reached the target" if reached.size else "not there yet"
        table["status"].append(status)
    return table


def arrows_at(runs: dict[str, descent.Run], hypers: dict[str, cache.Params],
              step: int) -> dict[str, dict[str, np.ndarray]]:  # fmt: skip
    """Each racer's gradient, update and (momentum methods) velocity at ``step``."""
    out = {}
    for name, run in runs.items():
        k = min(step, int(run.steps))
        vectors = {"gradient": run.grads[k]}
        if k < int(run.steps):
            vectors["update"] = run.points[k + 1] - run.points[k]
        state = descent.states_along(cache.optimizer(name, hypers[name]), run, k)
        buffer = getattr(state, "momentum_buffer", None)
        if buffer is not None:
            vectors["velocity"] = -dict(hypers[name])["lr"] * buffer  # −α·b: where it carries
        out[name] = vectors
    return out


@cache.shared_figures(max_entries=32)
def _playback(surface: str, start: tuple[float, float], entries: tuple, steps: int):
    """The animated race, built once per setting (plotly frames play in the browser)."""
    paths = {TITLES[n]: race_run(surface, start, n, h, steps).points for n, h in entries}
    return playback_figure(landscape(surface), grid(surface), paths)


@cache.shared_figures(max_entries=32)
def _view3d(surface: str, start: tuple[float, float], entries: tuple, steps: int, camera: str):
    paths = {TITLES[n]: race_run(surface, start, n, h, steps).points for n, h in entries}
    return surface3d_figure(landscape(surface), grid(surface), paths, camera=camera)
