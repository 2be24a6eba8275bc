"""Finding the minima of a surface numerically, by damped Newton steps: for random terrain,
for the game's verdicts, and to check the published lists.

A damped Newton method from every point of a grid: the Hessian is shifted until positive
definite, so every step goes downhill and saddles repel; a backtracking search keeps the value
falling and a trust radius keeps steps on the map. What is left with a vanishing gradient and a
positive-definite Hessian, inside the domain, is a local minimum.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.landscape import Minimum, Surface

Array = np.ndarray


def _min_eigenvalue(hxx: Array, hxy: Array, hyy: Array) -> Array:
    return 0.5 * (hxx + hyy) - np.hypot(0.5 * (hxx - hyy), hxy)


def _newton_step(surface: Surface, x: Array, y: Array, radius: float) -> tuple[Array, ...]:
    """f at (x, y) and the damped Newton step (sx, sy) from there."""
    f, gx, gy = surface.terms(x, y)
    hxx, hxy, hyy = surface.hess(x, y)
    shift = np.maximum(0.0, 1e-6 - _min_eigenvalue(hxx, hxy, hyy))
    a, c = hxx + shift, hyy + shift
    det = a * c - hxy * hxy
    sx = -(c * gx - hxy * gy) / det
    sy = -(a * gy - hxy * gx) / det
    scale = np.minimum(1.0, radius / np.maximum(np.hypot(sx, sy), 1e-300))
    return f, sx * scale, sy * scale


def polish(surface: Surface, x: Array, y: Array, iters: int = 60) -> tuple[Array, Array]:
    """Descend from (x, y) with damped Newton steps; returns where each point settles.

    A point stops being computed once every later step would repeat its last: at a fixed
    point (the step rounds to no move) or at NaN in both coordinates (a step that was no
    number). It still counts with its last move in the stopping rule (every move below 1e-14
    of the radius), so the result is the one of iterating every point to the end.
    """
    x, y = np.array(x, dtype=np.float64), np.array(y, dtype=np.float64)
    px, py = x.reshape(-1), y.reshape(-1)  # views: written in place
    (x0, x1), (y0, y1) = surface.domain
    radius = 0.1 * max(x1 - x0, y1 - y0)
    moved = np.zeros(px.shape)  # each point's last move, NaN where its step was no number
    active = np.arange(px.size)
    with np.errstate(all="ignore"):
        for _ in range(iters):
            ax, ay = px[active], py[active]
            f, sx, sy = _newton_step(surface, ax, ay, radius)
            t = _backtrack(surface, ax, ay, f, sx, sy)
            nx, ny = ax + t * sx, ay + t * sy
            px[active], py[active] = nx, ny
            moved[active] = np.abs(t * np.hypot(sx, sy))
            if np.nanmax(moved, initial=0.0) < 1e-14 * radius:
                break
            repeats = ((nx == ax) & (ny == ay)) | (np.isnan(nx) & np.isnan(ny))
            active = active[~repeats]
            if active.size == 0:
                break
    return x, y


def _backtrack(surface: Surface, x: Array, y: Array, f: Array, sx: Array, sy: Array) -> Array:
    """Per point, the largest t in 1, 1/2, 1/4, … that lowers f (0 if none in 30 halvings).

    The halvings are tried in blocks of 1, 2, 4, 8 and 15 (one evaluation of f each, for every
    point still looking), which finds the same t as one halving at a time in at most 5 calls
    instead of 30 and at most twice the points. None is tried where f is NaN (nothing is below).
    """
    t = np.zeros_like(x)
    pending = np.flatnonzero(np.isfinite(sx) & np.isfinite(sy) & ~np.isnan(f))
    for trials in _HALVINGS:
        if pending.size == 0:
            break
        px, py = x[pending, None], y[pending, None]
        lower = surface.f(px + trials * sx[pending, None], py + trials * sy[pending, None])
        below = lower <= f[pending, None]
        hit = below.any(axis=1)
        t[pending[hit]] = trials[below.argmax(axis=1)[hit]]
        pending = pending[~hit]
    return t


_HALVINGS = tuple(0.5 ** np.arange(a, b) for a, b in ((0, 1), (1, 3), (3, 7), (7, 15), (15, 30)))


def find_minima(surface: Surface, n: int = 48, gtol: float = 1e-7) -> tuple[Minimum, ...]:
    """Every local minimum found from an n × n grid of starts, lowest first, global flagged.

    Minima closer than 1e-4 of the domain's width are one minimum. A minimum whose value is
    within 1e-9 (relative) of the lowest is global too.
    """
    (x0, x1), (y0, y1) = surface.domain
    gx_, gy_ = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    x, y = polish(surface, gx_.ravel(), gy_.ravel())
    with np.errstate(all="ignore"):
        _, gx, gy = surface.terms(x, y)
        lam = _min_eigenvalue(*surface.hess(x, y))
        value = surface.f(x, y)
    width = max(x1 - x0, y1 - y0)
    inside = surface.contains(np.stack([x, y]))
    keep = inside & (np.hypot(gx, gy) < gtol * max(1.0, width)) & (lam > 0) & np.isfinite(value)
    found: list[tuple[float, float, float]] = []
    for i in np.argsort(value[keep]):
        px, py, pv = x[keep][i], y[keep][i], value[keep][i]
        if all(np.hypot(px - qx, py - qy) > 1e-4 * width for qx, qy, _ in found):
            found.append((float(px), float(py), float(pv)))
    if not found:
        return ()
    lowest = found[0][2]
    tie = 1e-9 * max(1.0, abs(lowest))
    return tuple(Minimum((px, py), pv, pv <= lowest + tie) for px, py, pv in found)


def refine(surface: Surface, point: tuple[float, float]) -> tuple[float, float]:
    """A published, rounded location polished to full float64 precision."""
    x, y = polish(surface, np.array([point[0]]), np.array([point[1]]), iters=40)
    return float(x[0]), float(y[0])
