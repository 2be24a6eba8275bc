"""Preparing descent paths for drawing: only the part inside the plot, and where it left."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine.landscape import Landscape


@dataclass(frozen=True)
class DrawnPath:
    """The drawable prefix of a path and, if it was cut, the step at which it left."""

    points: np.ndarray  # (m, d), all inside the domain and finite
    left_at: int | None  # step index of the first point outside, or None

    @property
    def label(self) -> str | None:
        return None if self.left_at is None else f"left the plot at step {self.left_at}"


def inside(landscape: Landscape, points: np.ndarray) -> np.ndarray:
    """Which points (m, d) are finite and within the domain."""
    ok = np.isfinite(points).all(axis=1)
    for axis, (lo, hi) in enumerate(landscape.domain):
        ok &= (points[:, axis] >= lo) & (points[:, axis] <= hi)
    return ok


def drawable(landscape: Landscape, points: np.ndarray) -> DrawnPath:
    """The path up to the first point that is off the plot (or not finite)."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, landscape.dim)
    ok = inside(landscape, points)
    if ok.all():
        return DrawnPath(points, None)
    first_out = int(np.argmin(ok))
    return DrawnPath(points[:first_out], first_out)
