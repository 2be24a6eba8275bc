"""The loss of a trained network on a plane through its parameters (Li et al., 2018).

Two random Gaussian directions δ and η, each filter-normalized: every neuron's incoming
weights in the direction are scaled to the norm of that neuron's incoming weights in the
trained network θ*, and the biases are left out (0). The plane is L(θ* + a·δ + b·η) for a, b
on a grid over [−span, span]²; its centre is the trained loss. Without the normalization a
plane through a network with large weights looks flat and one with small weights rugged, and
two networks could not be compared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdgame.engine.network import Network

Array = np.ndarray
CHUNK = 96  # networks evaluated at once: a few MB of activations per layer


def filter_normalized(net: Network, params: Array, d: int, rng: np.random.Generator) -> Array:
    """A Gaussian direction with each neuron's incoming weights scaled to that neuron's norm
    in ``params``, biases 0."""
    direction = np.zeros_like(params)
    for (W, _), (D, _) in zip(net.layers(params, d), net.layers(direction, d), strict=True):
        raw = rng.normal(size=W.shape)
        norms = np.linalg.norm(raw, axis=0)
        D[...] = raw * (np.linalg.norm(W, axis=0) / np.where(norms > 0, norms, 1.0))
    return direction


@dataclass(frozen=True)
class Plane:
    """Losses on a plane: ``losses[i, j]`` at θ* + a[j]·δ + b[i]·η (rows follow b)."""

    a: Array
    b: Array
    losses: Array
    centre: float


def plane(
    net: Network, params: Array, X: Array, y: Array, *, seed: int = 0, n: int = 41,
    span: float = 1.0, progress: Callable[[float], None] | None = None,
) -> Plane:  # fmt: skip
    """The loss on an n × n grid of the plane through ``params`` along two filter-normalized
    directions drawn from ``seed``; ``progress(share done)`` is told as it goes."""
    X = np.asarray(X, dtype=np.float64)
    rng = np.random.default_rng(seed)
    d = X.shape[1]
    delta, eta = (filter_normalized(net, params, d, rng) for _ in range(2))
    a = np.linspace(-span, span, n)
    A, B = np.meshgrid(a, a)
    steps = np.stack([A.ravel(), B.ravel()], axis=1)
    losses = np.empty(len(steps))
    for start in range(0, len(steps), CHUNK):
        part = steps[start : start + CHUNK]
        thetas = params + part[:, :1] * delta + part[:, 1:] * eta
        with np.errstate(over="ignore", invalid="ignore"):
            losses[start : start + CHUNK] = net.losses(thetas, X, y)
        if progress is not None:
            progress(min(1.0, (start + CHUNK) / len(steps)))
    centre = float(net.losses(params[None], X, y)[0])
    return Plane(a, a.copy(), losses.reshape(n, n), centre)


def local_minima(z: Array) -> Array:
    """Where a grid of values is lower than every neighbour it has (8 inside, fewer at the
    edges): a boolean array like ``z``. Non-finite cells are never minima."""
    z = np.asarray(z, dtype=np.float64)
    padded = np.pad(np.where(np.isfinite(z), z, np.inf), 1, constant_values=np.inf)
    lower = np.isfinite(z)
    rows, cols = z.shape
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di or dj:
                lower &= z < padded[1 + di : 1 + di + rows, 1 + dj : 1 + dj + cols]
    return lower
