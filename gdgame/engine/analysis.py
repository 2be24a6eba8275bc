"""Vectorized analyses for the lessons: learning-rate regimes, the sweep, the basin map.

Each runs all of its descents as one batch through `gdgame.engine.descent.run`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine import descent, optimizers
from gdgame.engine.landscape import Landscape, Minimum, Surface
from gdgame.engine.validate import whole_in

Array = np.ndarray
REGIMES = ("monotone", "one step", "oscillating", "stuck oscillating", "diverging")


def critical_lr(curvature: float) -> float:
    """2/L: gradient descent on a quadratic of curvature L diverges above it."""
    if not curvature > 0:
        raise ValueError(f"curvature must be > 0, got {curvature}")
    return 2.0 / curvature


def regime(lr: float, curvature: float) -> str:
    """How gradient descent moves on a quadratic of curvature L with step α.

    Each step multiplies the distance to the minimum by 1 − αL: monotone below 1/L, exact in
    one step at 1/L, oscillating and shrinking up to 2/L, bouncing for ever at 2/L, growing
    beyond.
    """
    factor = 1.0 - lr * curvature
    if abs(factor) < 1e-12:
        return "one step"
    if factor > 0:
        return "monotone"
    if abs(factor + 1.0) < 1e-12:
        return "stuck oscillating"
    return "oscillating" if factor > -1 else "diverging"


def curvatures(landscape: Landscape, point: object) -> Array:
    """Eigenvalues of the Hessian at ``point``, smallest first: the curvatures there."""
    p = np.asarray(point, dtype=np.float64).reshape(landscape.dim, 1)
    return np.linalg.eigvalsh(landscape.hessian(p)[..., 0])


@dataclass(frozen=True)
class Sweep:
    """Descents from one start at many learning rates: one entry per rate."""

    lrs: Array
    steps: Array
    final_loss: Array
    status: Array

    @property
    def converged(self) -> Array:
        return self.status == "converged"

    def best(self) -> int:
        """Index of the rate that converged in the fewest steps (-1 if none did)."""
        if not self.converged.any():
            return -1
        return int(np.argmin(np.where(self.converged, self.steps, np.iinfo(np.int64).max)))


def lr_sweep(
    landscape: Landscape,
    optimizer: str,
    lrs: object,
    start: object,
    steps: int = 500,
    *,
    tol: float = 1e-6,
    **hyper: object,
) -> Sweep:
    """Steps to converge and final loss for every rate in ``lrs``, as one batch of runs."""
    lrs = np.asarray(lrs, dtype=np.float64).ravel()
    if lrs.size == 0 or not (np.isfinite(lrs).all() and (lrs >= 0).all()):
        raise ValueError("lrs must be a non-empty array of finite rates >= 0")
    opt = optimizers.get(optimizer, lr=1.0, **hyper)
    start = np.asarray(start, dtype=np.float64).reshape(1, landscape.dim)
    starts = np.repeat(start, lrs.size, axis=0)
    run = descent.run(landscape, opt, starts, steps, tol=tol, record=False, lr_scale=lrs)
    return Sweep(lrs, run.steps, run.final_loss, run.status)


@dataclass(frozen=True)
class BasinMap:
    """Which minimum the run from each start of a grid ends in.

    ``labels[j, i]`` is for the start (xs[i], ys[j]): an index into ``minima`` (the surface's
    known minima first, then any found by the runs), or `NO_MINIMUM`, or `DIVERGED`.
    """

    xs: Array
    ys: Array
    labels: Array
    minima: tuple[Minimum, ...]

    def share(self, index: int) -> float:
        """Fraction of the starts that end in minimum ``index``."""
        return float(np.mean(self.labels == index))

    @property
    def share_global(self) -> float:
        """Fraction of the starts that find a global minimum."""
        globals_ = [i for i, m in enumerate(self.minima) if m.is_global]
        return float(np.isin(self.labels, globals_).mean())


NO_MINIMUM, DIVERGED = -1, -2


def basin_map(
    surface: Surface, optimizer: optimizers.Optimizer, n: int = 150, steps: int = 500,
    *, tol: float = 1e-6,
) -> BasinMap:  # fmt: skip
    """Run from every point of an n × n grid over the domain and label where each ends."""
    n = whole_in(n, 2, 400, "grid size")
    (x0, x1), (y0, y1) = surface.domain
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    gx, gy = np.meshgrid(xs, ys)
    run = descent.run(
        surface, optimizer, np.column_stack([gx.ravel(), gy.ravel()]), steps, tol=tol,
        record=False,
    )  # fmt: skip
    labels, minima = _label_ends(surface, run)
    return BasinMap(xs, ys, labels.reshape(gx.shape), minima)


def _label_ends(surface: Surface, run: descent.Run) -> tuple[Array, tuple[Minimum, ...]]:
    """Known minima by nearness; converged ends near none of them grouped as new minima."""
    labels = run.minimum.copy()
    minima = list(surface.minima)
    radius = descent.match_radius(surface)
    unknown = (labels < 0) & (run.status == "converged")
    if unknown.any():
        ends = run.final[unknown]
        keys = np.round(ends / radius).astype(np.int64)
        _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        new_index = np.empty(len(first), dtype=np.int64)
        for j, i in enumerate(first):
            x, y = ends[i]
            near = [m for m, q in enumerate(minima) if np.hypot(q.x - x, q.y - y) < radius]
            if near:
                new_index[j] = near[0]
            else:
                new_index[j] = len(minima)
                minima.append(Minimum((float(x), float(y)), float(surface.f(x, y)), False))
        labels[unknown] = new_index[inverse.ravel()]
    labels[run.status == "diverged"] = DIVERGED
    return labels, tuple(minima)


@dataclass(frozen=True)
class RestartOdds:
    """How often N random starts, the best one kept, find a global minimum.

    ``measured[i]`` is the share of ``trials`` independent groups of ``ns[i]`` uniform random
    starts in which at least one run ended in a global minimum; ``single`` is the share of all
    the starts that did.
    """

    ns: Array
    measured: Array
    single: float

    def predicted(self, p: float) -> Array:
        """1 − (1 − p)^N: what independent starts give if one start wins with chance p."""
        return 1 - (1 - p) ** self.ns


def restart_odds(
    surface: Surface, optimizer: optimizers.Optimizer, max_n: int = 30, steps: int = 500,
    *, trials: int = 400, seed: int = 0, tol: float = 1e-6,
) -> RestartOdds:  # fmt: skip
    """Run ``trials`` × ``max_n`` random starts in one batch and count the groups that win."""
    max_n = whole_in(max_n, 1, 200, "restarts")
    trials = whole_in(trials, 1, 10_000, "trials")
    (x0, x1), (y0, y1) = surface.domain
    rng = np.random.default_rng(seed)
    starts = np.column_stack([rng.uniform(x0, x1, trials * max_n),
                              rng.uniform(y0, y1, trials * max_n)])  # fmt: skip
    run = descent.run(surface, optimizer, starts, steps, tol=tol, record=False)
    won = global_ends(surface, run).reshape(trials, max_n)
    ns = np.arange(1, max_n + 1)
    measured = np.logical_or.accumulate(won, axis=1).mean(axis=0)
    return RestartOdds(ns, measured, float(won.mean()))


def global_ends(surface: Surface, run: descent.Run) -> Array:
    """Which runs ended at a global minimum (by the surface's known minima)."""
    is_global = np.array([m.is_global for m in surface.minima] + [False])
    return is_global[np.where(np.asarray(run.minimum) >= 0, run.minimum, -1)]


def states_along(optimizer: optimizers.Optimizer, run: descent.Run, upto: int) -> object:
    """The optimizer's state after ``upto`` updates of a recorded single run (its velocity)."""
    state = optimizer.init(run.points[0].copy())
    for i in range(min(upto, int(run.steps))):
        _, state = optimizer.update(run.grads[i].copy(), state, run.points[i].copy())
    return state


@dataclass(frozen=True)
class GridScan:
    """A brute-force search: the curve evaluated at every point of a grid."""

    xs: Array
    values: Array

    @property
    def evaluations(self) -> int:
        return len(self.xs)

    @property
    def best(self) -> float:
        """The grid point with the lowest value."""
        return float(self.xs[np.argmin(self.values)])


def grid_scan(curve: Landscape, n: int, lo: float = -6.0, hi: float = 6.0) -> GridScan:
    """Evaluate a 1-D curve at n evenly spaced points of [lo, hi] (the naive search)."""
    n = whole_in(n, 2, 100_000, "number of grid points")
    xs = np.linspace(lo, hi, n)
    return GridScan(xs, curve.loss(xs[np.newaxis]))
