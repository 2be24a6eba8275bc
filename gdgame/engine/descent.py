"""Descent runs: one start or thousands at once, with per-run stopping rules.

``run(landscape, optimizer, start, steps)`` follows scipy.optimize's shape: two required
inputs normalized at the boundary, the rest keywords. A run stops, each on its own:

- ``"converged"`` when the gradient norm falls below ``tol`` (``tol=0`` never stops early);
- ``"max_steps"`` after ``steps`` updates;
- ``"diverged"`` when an update would leave the landscape's magnitude bound (the run ends at
  the last point inside it), or when the loss, sampled every `RISING_EVERY` steps, has risen
  `RISING_CHECKS` times in a row while above its starting value and outside the domain (a
  slow divergence, such as α just above 2/L for a curvature L). Both fire before any inf or
  NaN.

All runs advance in lock step as one (d, k) array, in this process; a run that stops leaves
the active set. Every point moves through `step`, the engine's one x ← x − α·∇f (α the
learning rate, ∇f the gradient at x; other optimizers make their own update); the game, its
bot and the race's replayed states use it too. To
spread a large batch over worker processes, ask for it: `gdgame.engine.parallel.Pool`.
The gradient is written into one reused buffer, so an optimizer must not keep a reference to
the gradient it is given (none of ours do).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine.landscape import Landscape
from gdgame.engine.optimizers import Optimizer
from gdgame.engine.validate import whole_in

Array = np.ndarray
RISING_EVERY = 8  # steps between samples of the loss for the slow-divergence rule
RISING_CHECKS = 3  # rises in a row that make it a divergence
MAX_RECORDED = 20_000_000  # points × runs kept when record=True (160 MB per coordinate)
CONVERGED, MAX_STEPS, DIVERGED = "converged", "max_steps", "diverged"
STATUSES = (CONVERGED, MAX_STEPS, DIVERGED)


@dataclass(frozen=True)
class Run:
    """The result of `run`. Shapes are for one run; k runs add a leading axis of length k.

    Attributes:
        points: (n+1, d) the path; for k runs padded with each run's end after it stops.
        losses: (n+1,) the loss along the path, padded the same way.
        grads: (n+1, d) the gradient at each point of the path.
        final: (d,) where the run ended, recorded or not.
        final_loss: the loss there.
        final_grad_norm: the gradient norm there.
        status: "converged", "max_steps" or "diverged".
        steps: the number of updates taken.
        diverged_at: the step at which divergence was detected, -1 if it was not.
        minimum: index into ``landscape.minima`` of the minimum the run ended at, -1 if none.
        lrs: (n,) the learning rate used at each step (the same for all runs).
    """

    points: Array | None
    losses: Array | None
    grads: Array | None
    final: Array
    final_loss: Array
    final_grad_norm: Array
    status: Array
    steps: Array
    diverged_at: Array
    minimum: Array
    lrs: Array


def describe(run: Run) -> str:
    """How a single run ended, in a few words: the status words every page uses."""
    if run.status == CONVERGED:
        return f"converged in {int(run.steps)} steps"
    if run.status == DIVERGED:
        return f"diverged at step {int(run.diverged_at)}"
    return f"not there after {int(run.steps)} steps"


def _starts(landscape: Landscape, start: object) -> tuple[Array, bool]:
    """Starts as a (d, k) array, and whether a single run was asked for."""
    d = landscape.dim
    p = np.asarray(start, dtype=np.float64)
    if p.ndim == 0 or (p.ndim == 1 and p.size == d):
        p, single = p.reshape(1, d), True
    elif p.ndim == 1 and d == 1:
        p, single = p.reshape(-1, 1), False
    elif p.ndim == 2 and p.shape[1] == d and p.shape[0] > 0:
        single = False
    else:
        raise ValueError(f"start must be one point of {d} coordinates or an array (k, {d})")
    if not np.isfinite(p).all():
        raise ValueError("start must be finite")
    return np.ascontiguousarray(p.T), single


def _take(state: object, keep: Array) -> object:
    """The optimizer state of the runs that go on (state arrays are (d, k) like the points)."""
    return type(state)(*(f[:, keep] if isinstance(f, np.ndarray) else f for f in state))


def step(
    optimizer: Optimizer, state: object, p: Array, g: Array, scale: Array | None = None
) -> tuple[Array, object]:
    """One update from ``p`` with gradient ``g``: the new point and the optimizer's new state.

    For plain gradient descent this is x ← x − α·∇f; other optimizers make their own step.
    ``scale`` multiplies each run's step (runs at many α at once, see `run`). Our optimizers
    return a fresh step array, which this turns into the new point in place.
    """
    moved, state = optimizer.update(g, state, p)
    if scale is not None:
        moved *= scale
    moved += p
    return moved, state


def states_along(optimizer: Optimizer, run: Run, upto: int) -> object:
    """The optimizer's state after ``upto`` updates of a recorded single run (its velocity),
    replayed through `step` from the run's own points and gradients."""
    state = optimizer.init(run.points[0].copy())
    for i in range(min(upto, int(run.steps))):
        _, state = step(optimizer, state, run.points[i].copy(), run.grads[i].copy())
    return state


def run(
    landscape: Landscape,
    optimizer: Optimizer,
    start: object,
    steps: int = 500,
    *,
    tol: float = 1e-6,
    record: bool = True,
    lr_scale: object = None,
) -> Run:
    """Descend from ``start`` (one point, or an array (k, d) of k starts) for up to ``steps``.

    ``record=False`` keeps only each run's end, for 10⁴ runs and more. ``lr_scale`` (k,)
    multiplies each run's step: every optimizer here is linear in its learning rate, so runs
    with ``lr=1`` and ``lr_scale=alphas`` are runs at each α, all at once.
    """
    steps, (p, single) = whole_in(steps, 0, 10**6, "steps"), _starts(landscape, start)
    d, k = p.shape
    if not (np.isfinite(tol) and tol >= 0):
        raise ValueError(f"tol must be a finite number >= 0, got {tol!r}")
    if record and (steps + 1) * k > MAX_RECORDED:
        raise ValueError(f"{k} runs of {steps} steps are too many to record: use record=False")
    if lr_scale is not None:
        lr_scale = np.broadcast_to(np.asarray(lr_scale, dtype=np.float64), (k,)).copy()
        if not (np.isfinite(lr_scale).all() and (lr_scale >= 0).all()):
            raise ValueError("lr_scale must be finite and >= 0")
    ends = _Ends(k, d)
    hist = _History(steps, d, k) if record else None
    with np.errstate(all="ignore"):
        _descend(landscape, optimizer, p, np.arange(k), lr_scale, steps, tol * tol, ends, hist)
    return ends.result(landscape, optimizer, single, hist)


class _Ends:
    """Where and how each run ended, filled in as runs stop."""

    def __init__(self, k: int, d: int) -> None:
        self.final = np.zeros((k, d))
        self.loss = np.zeros(k)
        self.gnorm2 = np.zeros(k)
        self.status = np.full(k, MAX_STEPS, dtype=object)
        self.steps = np.zeros(k, dtype=np.int64)
        self.diverged_at = np.full(k, -1, dtype=np.int64)

    def stop(self, ids, p, landscape, g, taken, status, diverged_at=-1) -> None:
        self.final[ids] = p.T
        self.loss[ids], self.gnorm2[ids] = landscape.loss(p), _square_norm(g)
        self.status[ids] = status
        self.steps[ids], self.diverged_at[ids] = taken, diverged_at

    def result(self, landscape, optimizer, single, hist) -> Run:
        n = int(self.steps.max())
        minimum = landscape.nearest_minimum(self.final)
        minimum[self.status == DIVERGED] = -1
        fields = {
            "final": self.final,
            "final_loss": self.loss,
            "final_grad_norm": np.sqrt(self.gnorm2),
            "status": self.status,
            "steps": self.steps,
            "diverged_at": self.diverged_at,
            "minimum": minimum,
        }
        points = losses = grads = None
        if hist is not None:
            points, losses, grads = hist.padded(n, self.steps)
        lrs = optimizer.rates(n)
        if single:
            fields = {key: value[0] for key, value in fields.items()}
            fields["status"] = str(fields["status"])
            if hist is not None:
                points, losses, grads = points[0], losses[0], grads[0]
        return Run(points=points, losses=losses, grads=grads, lrs=lrs, **fields)


class _History:
    """The recorded paths, (steps+1, d, k), and their padding after each run stops."""

    def __init__(self, steps: int, d: int, k: int) -> None:
        self.points = np.empty((steps + 1, d, k))
        self.grads = np.empty((steps + 1, d, k))
        self.losses = np.empty((steps + 1, k))

    def write(self, i, ids, p, loss, g) -> None:
        self.points[i][:, ids], self.grads[i][:, ids], self.losses[i][ids] = p, g, loss

    def padded(self, n: int, taken: Array) -> tuple[Array, Array, Array]:
        rows = np.minimum(np.arange(n + 1)[:, None], taken[None, :])  # (n+1, k)
        cols = np.arange(len(taken))[None, :]
        points = self.points[rows, :, cols].transpose(1, 0, 2)  # (k, n+1, d)
        grads = self.grads[rows, :, cols].transpose(1, 0, 2)
        return points, self.losses[rows, cols].T, grads


def _square_norm(g: Array) -> Array:
    out = g[0] * g[0]
    for row in g[1:]:
        out += row * row
    return out


class _Rising:
    """The slow-divergence rule: the loss, sampled every `RISING_EVERY` steps, rose
    `RISING_CHECKS` times in a row, is above where the run started, and the run is off the map.
    """

    def __init__(self, loss: Array) -> None:
        self.start, self.prev, self.streak = loss, loss, np.zeros(loss.shape)

    def check(self, landscape: Landscape, p: Array, loss: Array) -> Array | None:
        """The runs that diverged by this rule (or whose loss is not finite), or None."""
        self.streak += 1
        self.streak *= loss > self.prev
        self.prev = loss
        if self.streak.max() < RISING_CHECKS and np.isfinite(loss.sum()):
            return None
        off_map = ~landscape.contains(p)
        rising = (self.streak >= RISING_CHECKS) & (loss > self.start) & off_map
        return rising | ~np.isfinite(loss)

    def take(self, keep: Array) -> None:
        self.start, self.prev, self.streak = self.start[keep], self.prev[keep], self.streak[keep]


def _descend(landscape, optimizer, p, ids, scale, steps, tol2, ends: _Ends, hist) -> None:
    """The loop: everything per run is a (d, m) or (m,) array over the m active runs."""
    p = np.ascontiguousarray(p)
    state, g, rising, bound = optimizer.init(p), np.empty_like(p), None, landscape.bound
    for i in range(steps + 1):
        landscape.grad_into(p, g)
        sampled = i % RISING_EVERY == 0
        loss = landscape.loss(p) if hist is not None or sampled else None
        if hist is not None:
            hist.write(i, ids, p, loss, g)
        stop = None
        if tol2 > 0:
            gn2 = _square_norm(g)
            if gn2.min() < tol2:
                stop = _add(ends, gn2 < tol2, stop, ids, p, landscape, g, i, CONVERGED)
        if sampled:
            rising = rising or _Rising(loss)
            diverged = rising.check(landscape, p, loss)
            if diverged is not None:
                stop = _add(ends, diverged, stop, ids, p, landscape, g, i, DIVERGED, i)
        if i == steps:
            _add(ends, np.ones(len(ids), dtype=bool), stop, ids, p, landscape, g, i, MAX_STEPS)
            return
        moved, state = step(optimizer, state, p, g, scale)
        if not (moved.max() <= bound and moved.min() >= -bound):
            left = ~(np.abs(moved) <= bound).all(axis=0)
            stop = _add(ends, left, stop, ids, p, landscape, g, i, DIVERGED, i + 1)
        p = moved
        if stop is not None and stop.any():
            keep = ~stop
            if not keep.any():
                return
            ids, p, state, g = (
                ids[keep],
                p[:, keep],
                _take(state, keep),
                np.empty((p.shape[0], keep.sum())),
            )
            rising.take(keep)
            scale = None if scale is None else scale[keep]


def _add(ends, new, stop, ids, p, landscape, g, i, status, diverged_at=-1):
    """Stop the runs in ``new`` not already stopped; returns all stopped so far."""
    if stop is not None:
        new &= ~stop
    if new.any():
        ends.stop(ids[new], p[:, new], landscape, g[:, new], i, status, diverged_at)
    return new if stop is None else stop | new
