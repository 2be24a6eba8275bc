"""The optimizer race: its settings (torch.optim's names), each racer's rule and options, the
playback, the results table, the step-by-step arrows and the race in 3-D.

The views read the landscape from ``values`` (``"surface"``, its registry name, and
``"params"``) and draw their widgets from ``page`` (this page's settings unless another page,
the sandbox, passes its own), so that they serve any surface, a typed formula too.
"""

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


def landscape(surface: str, params: cache.Params):
    """A surface by registry name and parameters (one of the race's: the valley's κ)."""
    return cache.landscape(surface, params)


def grid(surface: str, params: cache.Params):
    """That surface sampled for drawing."""
    return cache.grid(surface, params)


def lowest(surface: str, params: cache.Params) -> float | None:
    """The value at the surface's global minimum; None if it has no minimum on its map."""
    return min((m.value for m in landscape(surface, params).global_minima), default=None)


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
                               labels=lambda n: landscape(n, PARAMS.get(n, ())).title, url=str),
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
    name = SETTINGS.get("surface")
    x, y = landscape(name, PARAMS.get(name, ())).start
    SETTINGS.set("x0", float(x))
    SETTINGS.set("y0", float(y))


def controls(page: settings.Page = SETTINGS, values: dict | None = None) -> dict:
    """The surface, the racers, the steps and the target, in one row; no surface to choose
    when ``values`` brings one (the sandbox's formula)."""
    own = values is None
    top = st.columns([2, 3, 1, 1] if own else [3, 1, 1], vertical_alignment="bottom")
    if own:
        with top[0]:
            values = {"surface": page.widget("surface", on_change=_suit_surface)}
        values["params"] = PARAMS.get(values["surface"], ())
    with top[-3]:
        values["racers"] = page.widget("racers")
    with top[-2]:
        values["steps"] = page.widget("steps")
    with top[-1]:
        values["target"] = page.widget("target")
    return values


def racers(values: dict, page: settings.Page = SETTINGS) -> None:
    """The start, then each optimizer's rule, what it fixes, and its torch.optim options."""
    left, right = st.columns(2)
    with left:
        values["x0"] = page.widget("x0")
    with right:
        values["y0"] = page.widget("y0")
    start = values["start"] = cache.clamped(values["surface"], values["params"],
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
                values[key] = page.widget(key)


def _entries(values: dict) -> tuple[tuple[str, cache.Params], ...]:
    return tuple((n, hyper(n, values)) for n in values["racers"])


def race_run(surface: str, params: cache.Params, start: tuple[float, float], name: str,
             hyper_: cache.Params, steps: int) -> descent.Run:  # fmt: skip
    """One racer's recorded run (tol 0: every racer runs every step, so the lines compare)."""
    return cache.run(surface, params, start, steps, name, hyper_, 0.0)


def _runs(values: dict) -> dict[str, descent.Run]:
    return {n: race_run(values["surface"], values["params"], values["start"], n, h,
                        values["steps"]) for n, h in _entries(values)}  # fmt: skip


def _drawn(values: dict) -> tuple:
    """What a race's figures are built from (plain values, their cache key)."""
    return (values["surface"], values["params"], values["start"], _entries(values),
            values["steps"])  # fmt: skip


def playback(values: dict, page: settings.Page = SETTINGS) -> None:
    """The race played in the browser (plotly frames), and the loss of each racer."""
    if not values["racers"]:
        st.info("Pick at least one optimizer to race.", icon="🏁")
        return
    key = page.key("playback")
    st.plotly_chart(_playback(*_drawn(values)), key=key, selection_mode="points",
                    on_select=page.start_from_click(key))  # fmt: skip
    st.caption("Press ▶ Play to watch the paths grow; click the map to start elsewhere.")
    best = lowest(values["surface"], values["params"])
    if best is not None:  # a loss above the minimum needs a minimum
        losses = {TITLES[n]: r.losses for n, r in _runs(values).items()}
        st.plotly_chart(loss_figure(losses, best), key=page.key("loss"))


def results(values: dict, page: settings.Page = SETTINGS) -> None:
    """The race table: steps to the target, the final gap, how each run ended."""
    best = lowest(values["surface"], values["params"])
    if not values["racers"] or best is None:
        return
    st.subheader("Results")
    scientific = st.column_config.NumberColumn(format="scientific")
    table = results_table(_runs(values), best, values["target"])
    st.dataframe(table, hide_index=True, key=page.key("results"),
                 column_config={"final loss − minimum": scientific})  # fmt: skip


def step_arrows(values: dict, page: settings.Page = SETTINGS) -> None:
    """At a chosen step: each racer's update, the downhill direction and momentum's velocity."""
    if not values["racers"]:
        return
    st.subheader("Step by step: what each optimizer does")
    st.write(
        "At the chosen step, each optimizer's **update** (its colour, to scale), the "
        "**downhill** direction −∇f (black, a fixed length) and, for momentum methods, the "
        "**velocity** it carries (grey, to scale). They differ most where the slope changes."
    )
    values["scrub"] = page.widget("scrub")
    runs, step = _runs(values), min(values["scrub"], values["steps"])
    paths = {TITLES[n]: r.points for n, r in runs.items()}
    hypers = dict(_entries(values))
    vectors = {TITLES[n]: v for n, v in arrows_at(runs, hypers, step).items()}
    where = (values["surface"], values["params"])
    chart = arrows_figure(landscape(*where), grid(*where), paths, step, vectors, height=520)
    st.plotly_chart(chart, key=page.key("arrows"))


def race_3d(values: dict, page: settings.Page = SETTINGS, expanded: bool = False) -> None:
    """The race on the surface in 3-D; a click on the surface moves the start."""
    if not values["racers"]:
        return
    with st.expander("The race in 3-D", expanded=expanded):
        values["camera"] = page.widget("camera")
        view = _view3d(*_drawn(values), values["camera"])
        landscape_view(view, grid(values["surface"], values["params"]), key=page.key("3d"),
                       on_click=page.click_sets("x0", "y0"))  # fmt: skip
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
def _playback(surface: str, params: cache.Params, start: tuple[float, float], entries: tuple,
              steps: int):  # fmt: skip
    """The animated race, built once per setting (plotly frames play in the browser)."""
    paths = {TITLES[n]: race_run(surface, params, start, n, h, steps).points for n, h in entries}
    return playback_figure(landscape(surface, params), grid(surface, params), paths)


@cache.shared_figures(max_entries=32)
def _view3d(surface: str, params: cache.Params, start: tuple[float, float], entries: tuple,
            steps: int, camera: str):  # fmt: skip
    paths = {TITLES[n]: race_run(surface, params, start, n, h, steps).points for n, h in entries}
    return surface3d_figure(landscape(surface, params), grid(surface, params), paths,
                            camera=camera)  # fmt: skip
