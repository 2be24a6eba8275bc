"""Classic 2-D optimization test functions with one basin or a few.

Formulas, domains and published minima from Surjanovic & Bingham, "Virtual Library of
Simulation Experiments" (sfu.ca/~ssurjano), and Himmelblau, "Applied Nonlinear Programming"
(1972). Local minima that the library does not list were found numerically and are checked by
tests against a grid search.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.surfaces.build import make


def _sphere(x, y):
    return x * x + y * y, 2 * x, 2 * y


def _booth(x, y):
    u, v = x + 2 * y - 7, 2 * x + y - 5
    return u * u + v * v, 2 * u + 4 * v, 4 * u + 2 * v


def _matyas(x, y):
    f = 0.26 * (x * x + y * y) - 0.48 * x * y
    return f, 0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x


def _rosenbrock(x, y):
    u, v = 1 - x, y - x * x
    gy = 200 * v
    return u * u + 100 * v * v, -2 * u - 2 * x * gy, gy


def _rosenbrock_value(x, y):
    u, v = 1 - x, y - x * x
    return u * u + 100 * v * v


def _rosenbrock_grad_into(x, y, gx, gy):
    # gy = 200·(y − x²); gx = −2·(1 − x) − 2x·gy, the same roundings as _rosenbrock
    np.multiply(x, x, out=gy)
    np.subtract(y, gy, out=gy)
    gy *= 200
    np.multiply(x, gy, out=gx)
    gx *= 2
    gx += 2 * (1 - x)
    np.negative(gx, out=gx)


def _rosenbrock_hess(x, y):
    return 2 - 400 * y + 1200 * x * x, -400 * x, np.full_like(x, 200.0)


def _himmelblau(x, y):
    a, b = x * x + y - 11, x + y * y - 7
    return a * a + b * b, 4 * x * a + 2 * b, 2 * a + 4 * y * b


def _himmelblau_value(x, y):
    a, b = x * x + y - 11, x + y * y - 7
    return a * a + b * b


def _himmelblau_grad_into(x, y, gx, gy):
    # 4xa + 2b = 2(2xa + b) exactly (scaling by 2 is exact), so this matches _himmelblau
    a = x * x
    a += y
    a -= 11
    b = y * y
    b += x
    b -= 7
    np.multiply(x, a, out=gx)
    gx *= 2
    gx += b
    gx *= 2
    np.multiply(y, b, out=gy)
    gy *= 2
    gy += a
    gy *= 2


def _himmelblau_hess(x, y):
    return 12 * x * x + 4 * y - 42, 4 * (x + y), 4 * x + 12 * y * y - 26


def _beale(x, y):
    t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3
    f = t1 * t1 + t2 * t2 + t3 * t3
    gx = 2 * (t1 * (y - 1) + t2 * (y**2 - 1) + t3 * (y**3 - 1))
    gy = 2 * x * (t1 + 2 * t2 * y + 3 * t3 * y * y)
    return f, gx, gy


def _three_hump_camel(x, y):
    x2 = x * x
    f = 2 * x2 - 1.05 * x2 * x2 + x2**3 / 6 + x * y + y * y
    return f, 4 * x - 4.2 * x2 * x + x2 * x2 * x + y, x + 2 * y


def _goldstein_price_ab(x, y):
    """f = a·b and the pieces of a and b that the gradient shares."""
    x2, y2, xy = x * x, y * y, x * y
    s, t = x + y + 1, 2 * x - 3 * y
    ss = s * s
    p = 19 - 14 * x + 3 * x2 - 14 * y + 6 * xy + 3 * y2
    tq = t * (18 - 32 * x + 12 * x2 + 48 * y - 36 * xy + 27 * y2)
    return 1 + ss * p, 30 + t * tq, s, t, ss, p, tq


def _goldstein_price_value(x, y):
    a, b, *_ = _goldstein_price_ab(x, y)
    return a * b


def _goldstein_price_parts(x, y):
    """a, b (f = a·b), ∂a (the same along x and y), ∂b/∂x, ∂b/∂y."""
    a, b, s, t, ss, p, tq = _goldstein_price_ab(x, y)
    tt = t * t
    da = 2 * s * p + ss * (-14 + 6 * x + 6 * y)
    bx = 4 * tq + tt * (-32 + 24 * x - 36 * y)
    by = -6 * tq + tt * (48 - 36 * x + 54 * y)
    return a, b, da, bx, by


def _goldstein_price(x, y):
    a, b, da, bx, by = _goldstein_price_parts(x, y)
    dab = da * b
    return a * b, dab + a * bx, dab + a * by


def _goldstein_price_grad_into(x, y, gx, gy):
    a, b, da, bx, by = _goldstein_price_parts(x, y)
    dab = da * b
    np.multiply(a, bx, out=gx)
    gx += dab
    np.multiply(a, by, out=gy)
    gy += dab


def _mccormick(x, y):
    c, d = np.cos(x + y), x - y
    f = np.sin(x + y) + d * d - 1.5 * x + 2.5 * y + 1
    return f, c + 2 * d - 1.5, c - 2 * d + 2.5


SURFACES = {
    "sphere": lambda: make(
        "sphere",
        "Sphere (bowl)",
        "The simplest bowl: one minimum, the same curvature in every direction.",
        r"f(x, y) = x^2 + y^2",
        ((-5.0, 5.0), (-5.0, 5.0)),
        _sphere,
        [(0.0, 0.0, True)],
        (-4.0, 3.0),
        hess=lambda x, y: (2.0, 0.0, 2.0),
    ),
    "booth": lambda: make(
        "booth",
        "Booth",
        "A tilted elliptic bowl: one minimum, but the axes of the ellipse are not x and y.",
        r"f(x, y) = (x + 2y - 7)^2 + (2x + y - 5)^2",
        ((-10.0, 10.0), (-10.0, 10.0)),
        _booth,
        [(1.0, 3.0, True)],
        (-8.0, -8.0),
        hess=lambda x, y: (10.0, 8.0, 10.0),
    ),
    "matyas": lambda: make(
        "matyas",
        "Matyas",
        "A flat, stretched bowl: the gradient is small almost everywhere.",
        r"f(x, y) = 0.26\,(x^2 + y^2) - 0.48\,x y",
        ((-10.0, 10.0), (-10.0, 10.0)),
        _matyas,
        [(0.0, 0.0, True)],
        (-8.0, 6.0),
        hess=lambda x, y: (0.52, -0.48, 0.52),
    ),
    "rosenbrock": lambda: make(
        "rosenbrock",
        "Rosenbrock's banana",
        "A curved, flat-bottomed valley: easy to fall into, slow to follow to (1, 1).",
        r"f(x, y) = (1 - x)^2 + 100\,(y - x^2)^2",
        ((-2.0, 2.0), (-1.0, 3.0)),
        _rosenbrock,
        [(1.0, 1.0, True)],
        (-1.5, 2.5),
        hess=_rosenbrock_hess,
        grad_into=_rosenbrock_grad_into,
        value=_rosenbrock_value,
    ),
    "himmelblau": lambda: make(
        "himmelblau",
        "Himmelblau's function",
        "Four minima of equal depth: where you start decides which one you find.",
        r"f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        ((-5.0, 5.0), (-5.0, 5.0)),
        _himmelblau,
        [
            (3.0, 2.0, True),
            (-2.805118, 3.131312, True),
            (-3.779310, -3.283186, True),
            (3.584428, -1.848126, True),
        ],
        (0.0, 0.0),
        hess=_himmelblau_hess,
        grad_into=_himmelblau_grad_into,
        value=_himmelblau_value,
    ),
    "beale": lambda: make(
        "beale",
        "Beale",
        "Sharp ridges and flat arms around one minimum at (3, 0.5).",
        r"f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
        ((-4.5, 4.5), (-4.5, 4.5)),
        _beale,
        [(3.0, 0.5, True)],
        (1.0, 1.5),
    ),
    "three_hump_camel": lambda: make(
        "three_hump_camel",
        "Three-hump camel",
        "A global minimum in the middle and a local one on each side.",
        r"f(x, y) = 2x^2 - 1.05x^4 + \tfrac{x^6}{6} + xy + y^2",
        ((-2.0, 2.0), (-2.0, 2.0)),
        _three_hump_camel,
        [(0.0, 0.0, True), (1.7476, -0.8738, False), (-1.7476, 0.8738, False)],
        (1.9, 1.5),
    ),
    "goldstein_price": lambda: make(
        "goldstein_price",
        "Goldstein–Price",
        "Steep walls, values from 3 to a million, and three local minima above the global one.",
        r"f(x, y) = \left[1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2)\right]"
        r"\left[30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36xy + 27y^2)\right]",
        ((-2.0, 2.0), (-2.0, 2.0)),
        _goldstein_price,
        [(0.0, -1.0, True), (-0.6, -0.4, False), (1.8, 0.2, False), (1.2, 0.8, False)],
        (-1.5, 1.5),
        grad_into=_goldstein_price_grad_into,
        value=_goldstein_price_value,
    ),
    "mccormick": lambda: make(
        "mccormick",
        "McCormick",
        "A wavy trough: the global minimum and a shallower one further along it.",
        r"f(x, y) = \sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1",
        ((-1.5, 4.0), (-3.0, 4.0)),
        _mccormick,
        [(-0.54719, -1.54719, True), (2.5944, 1.5944, False)],
        (3.5, 3.5),
    ),
}
