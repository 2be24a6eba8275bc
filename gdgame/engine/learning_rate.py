"""The learning-rate lesson's analyses: the regimes of α on a quadratic, and the sweep that
runs one start at many rates in one batch."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine import descent, optimizers
from gdgame.engine.landscape import Landscape, Surface

Array = np.ndarray
REGIMES = ("monotone", "one step", "oscillating", "stuck oscillating", "diverging")
# Four learning rates as multiples of 1/L (L the steepest curvature) that show the regimes.
PRESETS = {"Too small": 0.05, "Just right": 0.7, "Too large": 1.7, "Diverging": 2.3}


def critical_lr(curvature: float) -> float:
    """2/L: gradient descent on a quadratic of curvature L diverges above it."""
    if not curvature > 0:
        raise ValueError(f"curvature must be > 0, got {curvature}")
    return 2.0 / curvature


def sharpest_minimum(surface: Landscape) -> tuple[tuple[float, ...], np.ndarray] | None:
    """The global minimum with the largest curvature, and its curvatures (smallest first):
    where the limit 2/L on α is set. None without a global minimum."""
    found = [(m.location, surface.curvatures(m.location)) for m in surface.global_minima]
    return max(found, key=lambda pair: float(pair[1].max()), default=None)


def typical_curvature(surface: Surface, n: int = 11) -> float:
    """The median of the largest curvature (in size) over an n × n grid of the domain: what a
    flat bottom is measured against. 0 if f has no finite curvature on the grid."""
    (x0, x1), (y0, y1) = surface.domain
    x, y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    with np.errstate(all="ignore"):
        fxx, fxy, fyy = (np.broadcast_to(v, x.shape) for v in surface.hess(x, y))
        top = np.abs(fxx + fyy) / 2 + np.hypot((fxx - fyy) / 2, fxy)  # |eigenvalue| at most
    top = top[np.isfinite(top)]
    return float(np.median(top)) if top.size else 0.0


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
