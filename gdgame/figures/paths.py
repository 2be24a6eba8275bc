"""Preparing descent paths for drawing: only the part inside the plot, and where it left."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine.landscape import Landscape


@dataclass(frozen=True)
class DrawnPath:
    """The drawable part of a path and, if it was cut, the step at which it left.

    A cut path ends where its last step crosses the edge of the domain, so the step that
    flew off is still drawn, up to the edge.
    """

    points: np.ndarray  # (m, d), all inside the domain (or on its edge) and finite
    left_at: int | None  # step index of the first point outside, or None

    @property
    def label(self) -> str | None:
        return None if self.left_at is None else f"left the plot at step {self.left_at}"


def drawable(landscape: Landscape, points: np.ndarray) -> DrawnPath:
    """The path up to the first point that is off the plot (or not finite)."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, landscape.dim)
    ok = landscape.contains(points.T)
    if ok.all():
        return DrawnPath(points, None)
    first_out = int(np.argmin(ok))
    inside_part = points[:first_out]
    if first_out == 0 or not np.isfinite(points[first_out]).all():
        return DrawnPath(inside_part, first_out)
    edge = _crossing(landscape, points[first_out - 1], points[first_out])
    return DrawnPath(np.vstack([inside_part, edge]), first_out)


def _crossing(landscape: Landscape, inside_point: np.ndarray, outside_point: np.ndarray):
    """Where the segment from a point inside the domain to one outside crosses its edge."""
    delta = outside_point - inside_point
    t = 1.0
    for axis, (lo, hi) in enumerate(landscape.domain):
        if outside_point[axis] > hi:
            t = min(t, (hi - inside_point[axis]) / delta[axis])
        elif outside_point[axis] < lo:
            t = min(t, (lo - inside_point[axis]) / delta[axis])
    return inside_point + t * delta
