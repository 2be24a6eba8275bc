"""Brute force, the search gradient descent is measured against: evaluate everywhere on a grid."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine.landscape import Landscape
from gdgame.engine.validate import whole_in

Array = np.ndarray


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
