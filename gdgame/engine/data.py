"""Data for the lessons that learn from examples: seeded toy sets, splits and feature scaling.

The engine takes arrays: real data sets (tips, iris, the digits) are loaded by the ui and
handed in as ``X`` (n, d) and ``y`` (n,). The toy sets are TensorFlow Playground's (circle,
xor, gauss, spiral, drawn on [-6, 6]²) and scikit-learn's two moons, with labels 0 and 1,
each from its own seeded generator so a link always draws the same points.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gdgame.engine.validate import real_in, whole_in

Array = np.ndarray
SCALINGS = ("raw", "centred", "standardized")


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(whole_in(seed, 0, 2**32 - 1, "seed"))


def circle(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    """A disc of one class inside a ring of the other (TFP's "circle", radius 5)."""
    half = n // 2
    r = np.concatenate([rng.uniform(0, 2.5, half), rng.uniform(3.5, 5, n - half)])
    angle = rng.uniform(0, 2 * np.pi, n)
    points = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    points += rng.uniform(-5, 5, (n, 2)) * noise
    # TFP labels by the noisy point's radius, so noise moves points across the boundary.
    return points, (np.hypot(points[:, 0], points[:, 1]) < 2.5).astype(np.int64)


def xor(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    """Four squares, opposite corners alike (TFP's "xor": the label is the sign of x·y)."""
    points = rng.uniform(-5, 5, (n, 2))
    points += np.where(points > 0, 0.3, -0.3)
    labels = (points[:, 0] * points[:, 1] >= 0).astype(np.int64)
    return points + rng.uniform(-5, 5, (n, 2)) * noise, labels


def gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    """Two Gaussian clouds at (2, 2) and (−2, −2), wider with more noise (TFP's "gauss")."""
    spread = np.sqrt(0.5 + 7.0 * noise)  # TFP: variance 0.5 at noise 0, 4 at noise 0.5
    labels = (np.arange(n) < n // 2).astype(np.int64)
    centres = np.where(labels[:, None] == 1, 2.0, -2.0)
    return centres + rng.normal(0, spread, (n, 2)), labels


def spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    """Two interleaved spiral arms (TFP's "spiral")."""
    half = n // 2
    parts = []
    for count, turn in ((half, 0.0), (n - half, np.pi)):
        i = np.arange(count) / max(count, 1)
        r, t = 5 * i, 1.75 * 2 * np.pi * i + turn
        arm = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
        parts.append(arm + rng.uniform(-1, 1, (count, 2)) * noise)
    return np.concatenate(parts), (np.arange(n) < half).astype(np.int64)


def moons(n: int, noise: float, rng: np.random.Generator) -> tuple[Array, Array]:
    """Two interleaved half circles (scikit-learn's make_moons), scaled ×2.5 onto TFP's box."""
    half = n // 2
    outer = np.linspace(0, np.pi, half)
    inner = np.linspace(0, np.pi, n - half)
    points = np.concatenate(
        [
            np.stack([np.cos(outer), np.sin(outer)], axis=1),
            np.stack([1 - np.cos(inner), 0.5 - np.sin(inner)], axis=1),
        ]
    )
    points = 2.5 * (points - (0.5, 0.25)) + rng.normal(0, 2.5 * noise, (n, 2))
    return points, (np.arange(n) < half).astype(np.int64)


TOY_SETS: dict[str, Callable[[int, float, np.random.Generator], tuple[Array, Array]]] = {
    "circle": circle, "xor": xor, "gauss": gauss, "spiral": spiral, "moons": moons,
}  # fmt: skip


def toy(name: str, n: int = 200, noise: float = 0.0, seed: int = 0) -> tuple[Array, Array]:
    """``n`` points of the toy set ``name`` as (X (n, 2), y (n,) of 0/1), the same for a seed.

    ``noise`` goes from 0 to 0.5, as in TensorFlow Playground's slider.
    """
    if name not in TOY_SETS:
        raise ValueError(f"Unknown data set {name!r}: one of {', '.join(TOY_SETS)}")
    n = whole_in(n, 2, 100_000, "number of points")
    noise = real_in(noise, 0.0, 0.5, "noise")
    return TOY_SETS[name](n, noise, _rng(seed))


def split(n: int, test_share: float, seed: int) -> tuple[Array, Array]:
    """Indices of a seeded train/test split of ``n`` examples (each sorted)."""
    n = whole_in(n, 2, 10**7, "number of examples")
    test_share = real_in(test_share, 0.0, 0.9, "test share")
    order = _rng(seed).permutation(n)
    cut = round(n * test_share)
    return np.sort(order[cut:]), np.sort(order[:cut])


def scaling(x: Array, how: str) -> tuple[Array, Array]:
    """The shift and the scale per column that make ``(x - shift) / scale`` raw, centred or
    standardized (population standard deviation; a constant column keeps scale 1)."""
    if how not in SCALINGS:
        raise ValueError(f"Unknown scaling {how!r}: one of {', '.join(SCALINGS)}")
    x = np.asarray(x, dtype=np.float64)
    shift = np.zeros(x.shape[1:]) if how == "raw" else x.mean(axis=0)
    scale = np.ones(x.shape[1:])
    if how == "standardized":
        std = x.std(axis=0)
        scale = np.where(std > 0, std, 1.0)
    return shift, scale


def scaled(x: Array, how: str) -> Array:
    """``x`` raw, centred or standardized, column by column."""
    shift, scale = scaling(x, how)
    return (np.asarray(x, dtype=np.float64) - shift) / scale
