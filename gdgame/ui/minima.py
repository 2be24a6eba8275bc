"""The local-minima lesson: its settings, its cached runs and basin maps, and its words."""

from __future__ import annotations

import numpy as np
import streamlit as st

from gdgame.engine import analysis, descent, optimizers
from gdgame.engine.landscape import Landscape
from gdgame.ui import cache, settings
from gdgame.ui.race import NAMES
from gdgame.ui.rates import ladder

SURFACES = {
    "six_hump_camel": "Six-hump camel",
    "styblinski_tang": "Styblinski–Tang",
    "goldstein_price": "Goldstein–Price",
    "himmelblau": "Himmelblau",
    "two_valleys": "Two valleys",
    "rastrigin": "Rastrigin",
}
FLATS = {"saddle": "A saddle", "plateau": "A plateau"}
# α from 1e-6 (Goldstein–Price climbs to a million) to 3, on round numbers
RATES = ladder(-6)
GRID_STARTS = 150  # the basin map's starts per side
MAX_RESTARTS = 50
TABLE_ROWS = 10
# A trap momentum escapes: on the two valleys, from the far left, plain descent settles in the
# shallow valley and heavy-ball momentum rolls on over the ridge (tests/ui prove both).
ESCAPE = {"surface": "two_valleys", "start": (-3.8, 0.5), "lr": 0.02, "steps": 1000}

SETTINGS: dict[str, settings.Setting] = {
    "left": settings.Number("Start on the left", -2.5, 0.0, -2.0, 0.1, "%.1f"),
    "right": settings.Number("Start on the right", 0.0, 2.5, 2.0, 0.1, "%.1f"),
    "well_lr": settings.Choice("Learning rate α", RATES, 0.02, labels=lambda v: f"{v:g}",
                               style="slider"),
    "surface": settings.Choice("Surface", tuple(SURFACES), "six_hump_camel", labels=SURFACES.get),
    "opt": settings.Choice("Optimizer", tuple(NAMES), "sgd", labels=NAMES.get),
    "lr": settings.Choice("Learning rate α", RATES, 0.02, labels=lambda v: f"{v:g}",
                          style="slider"),
    "steps": settings.Number("Steps", 10, 1000, 500, 10, "%d"),
    "x0": settings.Number("Start x", -5.0, 5.0, 2.2, 0.05, help="Or click the map"),
    "y0": settings.Number("Start y", -5.0, 5.0, -1.0, 0.05, help="Or click the map"),
    "restarts": settings.Number("Random starts N", 1, MAX_RESTARTS, 10, 1, "%d"),
    "mu": settings.Number("Momentum μ", 0.0, 0.99, 0.9, 0.01),
    "flat": settings.Choice("Flat ground", tuple(FLATS), "saddle", labels=FLATS.get,
                            style="radio"),
}  # fmt: skip
SURFACE_LR = {"six_hump_camel": 0.02, "styblinski_tang": 0.01, "goldstein_price": 3e-6,
              "himmelblau": 0.01, "two_valleys": 0.02, "rastrigin": 0.002}  # fmt: skip
assert set(SURFACE_LR.values()) <= set(RATES)


def optimizer(name: str, lr: float, mu: float | None = None) -> optimizers.Optimizer:
    """``name`` at rate ``lr`` (momentum methods with μ = ``mu``, else torch's 0.9 here)."""
    if name in ("momentum", "nesterov"):
        return optimizers.get(name, lr=lr, momentum=0.9 if mu is None else mu)
    return optimizers.get(name, lr=lr)


def ending(landscape: Landscape, run: descent.Run) -> str:
    """Where a single run ended, in words: which minimum, and whether it is the global one."""
    where = ", ".join(f"{v:.3g}" for v in np.atleast_1d(run.final))
    if run.status == "diverged":
        return f"**Diverged** at step {int(run.diverged_at)}: try a smaller α."
    best = min(landscape.global_minima, key=lambda m: m.value)
    if int(run.minimum) >= 0:
        m = landscape.minima[int(run.minimum)]
        if m.is_global:
            return (f"Ended at ({where}), f = {m.value:.4g}: **the global minimum**. This "
                    "start was lucky (or well chosen).")  # fmt: skip
        return (f"Ended at ({where}), f = {m.value:.4g}: **a local minimum, not the global "
                f"one**. The global minimum is {m.value - best.value:.3g} lower, at "
                f"({', '.join(f'{v:.3g}' for v in best.location)}).")  # fmt: skip
    if run.status == "converged":
        value = float(run.final_loss)
        return (f"Ended at ({where}), f = {value:.4g}: a local minimum (one of many here), "
                f"{value - best.value:.3g} above the global one.")  # fmt: skip
    return f"Still moving after {int(run.steps)} steps, at ({where}): allow more steps."


@st.cache_data(max_entries=64, show_spinner=False)
def single_run(surface: str, name: str, lr: float, start: tuple, steps: int,
               mu: float | None = None) -> descent.Run:  # fmt: skip
    return descent.run(cache.landscape(surface), optimizer(name, lr, mu), start, steps)


@st.cache_data(max_entries=32, show_spinner=False)
def basins(surface: str, name: str, lr: float, steps: int) -> analysis.BasinMap:
    """Every start of a 150 × 150 grid, run in one batch, labelled by the minimum it ends in."""
    return analysis.basin_map(cache.landscape(surface), optimizer(name, lr), GRID_STARTS, steps)


@st.cache_data(max_entries=32, show_spinner=False)
def odds(surface: str, name: str, lr: float, steps: int) -> analysis.RestartOdds:
    return analysis.restart_odds(cache.landscape(surface), optimizer(name, lr), MAX_RESTARTS,
                                 steps)  # fmt: skip


@st.cache_data(max_entries=32, show_spinner=False)
def restarts(surface: str, name: str, lr: float, steps: int, n: int, seed: int = 1):
    """``n`` random starts (recorded) and the index of the best end."""
    land = cache.landscape(surface)
    (x0, x1), (y0, y1) = land.domain
    rng = np.random.default_rng(seed)
    starts = np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])
    run = descent.run(land, optimizer(name, lr), starts, steps)
    losses = np.where(run.status == "diverged", np.inf, run.final_loss)
    return run, int(np.argmin(losses))


def shares(basin_map: analysis.BasinMap, names: list[str]) -> dict[str, list]:
    """The basin map as a table: each minimum's share of the starts, global ones first."""
    rows = [(names[i], basin_map.share(i), m.is_global) for i, m in enumerate(basin_map.minima)]
    rows += [("no minimum reached", basin_map.share(analysis.NO_MINIMUM), False),
             ("diverged", basin_map.share(analysis.DIVERGED), False)]  # fmt: skip
    ranked = sorted((r for r in rows if r[1] > 0), key=lambda r: (not r[2], -r[1]))
    rows = [(n, s) for n, s, _ in ranked]  # the global minima first, then the largest basins
    if len(rows) > TABLE_ROWS:  # Rastrigin's dozens of cups: the largest, then the rest
        rest = sum(s for _, s in rows[TABLE_ROWS - 1 :])
        rows = [*rows[: TABLE_ROWS - 1], (f"{len(rows) - TABLE_ROWS + 1} others", rest)]
    return {"ends in": [n for n, _ in rows], "share of starts": [s for _, s in rows]}


def flat_start(surface: Landscape) -> tuple[float, float]:
    """The saddle's start exactly on its ridge line (so descent reaches the saddle itself); the
    plateau's own start, far out on the plain."""
    x, y = (float(v) for v in surface.start)
    return (x, 0.0) if surface.name == "saddle" else (x, y)


def flat_verdict(surface: Landscape, run: descent.Run, start: tuple[float, float]) -> str:
    """What kind of flat ground the run stopped on, told by the curvatures there."""
    bends = analysis.curvatures(surface, run.final)
    if np.abs(bends).max() < 0.05:
        kind = "flat ground, nowhere near the bottom: the slope is too slight to descend fast"
    elif bends.min() < 0 < bends.max():
        kind = "a saddle: it curves up one way and down the other, so it is not a minimum"
    else:
        kind = "a minimum"
    stopped = ("the stopping rule (|∇f| below 1e-6) ended the run" if run.status == "converged"
               else "the run used all its steps")  # fmt: skip
    return (f"From ({start[0]:g}, {start[1]:g}), after {int(run.steps)} steps {stopped}. The "
            f"gradient norm there is {float(run.final_grad_norm):.2g} and the curvatures are "
            f"{', '.join(f'{b:.3g}' for b in bends)}: **{kind}**.")  # fmt: skip
