"""Random terrain: a gentle bowl minus Gaussian wells placed by a seed.

The same seed gives the same terrain on every machine (NumPy's PCG64), so a seed in a URL is a
shareable level. Its minima are found numerically (`gdgame.engine.newton`).
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.landscape import Surface
from gdgame.engine.newton import find_minima
from gdgame.engine.validate import whole_in

N_WELLS = 7
BOWL = 0.03
SEED_RANGE = (0, 2**32 - 1)


def _wells(seed: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    centers = rng.uniform(-4.0, 4.0, size=(2, N_WELLS, 1))
    depth = rng.uniform(0.6, 2.0, size=(N_WELLS, 1))
    width = rng.uniform(0.5, 1.3, size=(N_WELLS, 1))
    return centers[0], centers[1], depth, width


def _terms_for(seed: int):
    cx, cy, a, s = _wells(seed)
    inv = 1.0 / (s * s)

    def terms(x, y):
        shape = np.shape(x)
        dx, dy = np.ravel(x) - cx, np.ravel(y) - cy
        ae = a * np.exp(-0.5 * (dx * dx + dy * dy) * inv)
        f = BOWL * (x * x + y * y) - ae.sum(axis=0).reshape(shape)
        gx = 2 * BOWL * x + (ae * dx * inv).sum(axis=0).reshape(shape)
        gy = 2 * BOWL * y + (ae * dy * inv).sum(axis=0).reshape(shape)
        return f, gx, gy

    def hess(x, y):
        shape = np.shape(x)
        dx, dy = np.ravel(x) - cx, np.ravel(y) - cy
        ae = a * np.exp(-0.5 * (dx * dx + dy * dy) * inv) * inv
        hxx = 2 * BOWL + (ae * (1 - dx * dx * inv)).sum(axis=0)
        hxy = -(ae * dx * dy * inv).sum(axis=0)
        hyy = 2 * BOWL + (ae * (1 - dy * dy * inv)).sum(axis=0)
        return hxx.reshape(shape), hxy.reshape(shape), hyy.reshape(shape)

    return terms, hess


def random_terrain(seed: int = 0) -> Surface:
    """Terrain number ``seed``: seven wells of random depth and width on a gentle bowl."""
    seed = whole_in(seed, *SEED_RANGE, "seed")
    terms, hess = _terms_for(seed)
    args = (
        "random_terrain",
        f"Random terrain #{seed}",
        "Hills and hollows placed by a seed: nobody knows the way down in advance.",
        r"f(x, y) = 0.03\,(x^2 + y^2) - \sum_i a_i\, e^{-\lVert (x, y) - c_i \rVert^2 / 2s_i^2}",
        ((-5.0, 5.0), (-5.0, 5.0)),
    )
    rough = Surface(*args, (), True, (-4.5, 4.5), terms=terms, hess_fn=hess)
    return Surface(*args, find_minima(rough), True, (-4.5, 4.5), terms=terms, hess_fn=hess)


SURFACES = {"random_terrain": random_terrain}
