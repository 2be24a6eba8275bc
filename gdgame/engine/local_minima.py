"""The local-minima lesson's analyses: which minimum every start of a grid ends in (the basin
map), and how often N random starts find the global minimum.

Each runs all of its descents as one batch through `gdgame.engine.descent.run`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from gdgame.engine import descent, optimizers
from gdgame.engine.landscape import Minimum, Surface
from gdgame.engine.validate import whole_in

if TYPE_CHECKING:  # the pool is the caller's: this module never starts processes
    from gdgame.engine.parallel import Pool

Array = np.ndarray


@dataclass(frozen=True)
class BasinMap:
    """Which minimum the run from each start of a grid ends in.

    ``labels[j, i]`` is for the start (xs[i], ys[j]): an index into ``minima`` (the surface's
    known minima first, then any found by the runs), or `LABEL_NONE`, or `LABEL_DIVERGED`.
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


LABEL_NONE, LABEL_DIVERGED = -1, -2  # labels of starts that reached no minimum, or diverged


def _ends(surface, optimizer, starts, steps, tol, pool: Pool | None) -> descent.Run:
    """Where each of a batch of unrecorded runs ends: in this process, or the caller's pool."""
    if pool is not None:
        return pool.run(surface, optimizer, starts, steps, tol=tol)
    return descent.run(surface, optimizer, starts, steps, tol=tol, record=False)


def basin_map(
    surface: Surface, optimizer: optimizers.Optimizer, n: int = 150, steps: int = 500,
    *, tol: float = 1e-6, pool: Pool | None = None,
) -> BasinMap:  # fmt: skip
    """Run from every point of an n × n grid over the domain and label where each ends
    (in this process, or shared out over ``pool``'s workers)."""
    n = whole_in(n, 2, 400, "grid size")
    (x0, x1), (y0, y1) = surface.domain
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    gx, gy = np.meshgrid(xs, ys)
    run = _ends(surface, optimizer, np.column_stack([gx.ravel(), gy.ravel()]), steps, tol, pool)
    labels, minima = _label_ends(surface, run)
    return BasinMap(xs, ys, labels.reshape(gx.shape), minima)


def _label_ends(surface: Surface, run: descent.Run) -> tuple[Array, tuple[Minimum, ...]]:
    """Known minima by nearness; converged ends on the map near none of them grouped as new
    minima, global if they are as low as the lowest known (ends off the map reached no minimum
    of it)."""
    labels = run.minimum.copy()
    minima = list(surface.minima)
    radius = surface.match_radius
    lowest = min((m.value for m in minima if m.is_global), default=np.inf)
    tie = 1e-9 * max(1.0, abs(lowest)) if np.isfinite(lowest) else 0.0
    on_map = surface.contains(run.final.T)
    unknown = (labels < 0) & (run.status == descent.CONVERGED) & on_map
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
                value = float(surface.f(x, y))
                minima.append(Minimum((float(x), float(y)), value, value <= lowest + tie))
        labels[unknown] = new_index[inverse.ravel()]
    labels[run.status == descent.DIVERGED] = LABEL_DIVERGED
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
    *, trials: int = 400, seed: int = 0, tol: float = 1e-6, pool: Pool | None = None,
) -> RestartOdds:  # fmt: skip
    """Run ``trials`` × ``max_n`` random starts in one batch and count the groups that win."""
    max_n = whole_in(max_n, 1, 200, "restarts")
    trials = whole_in(trials, 1, 10_000, "trials")
    starts = random_starts(surface, trials * max_n, seed)
    run = _ends(surface, optimizer, starts, steps, tol, pool)
    won = global_ends(surface, run).reshape(trials, max_n)
    ns = np.arange(1, max_n + 1)
    measured = np.logical_or.accumulate(won, axis=1).mean(axis=0)
    return RestartOdds(ns, measured, float(won.mean()))


def random_starts(surface: Surface, n: int, seed: int) -> Array:
    """``n`` starts (n, 2) drawn uniformly over the surface's domain, from ``seed``."""
    (x0, x1), (y0, y1) = surface.domain
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])


def global_ends(surface: Surface, run: descent.Run) -> Array:
    """Which runs ended at a global minimum (by the surface's known minima)."""
    is_global = np.array([m.is_global for m in surface.minima] + [False])
    return is_global[np.where(np.asarray(run.minimum) >= 0, run.minimum, -1)]
