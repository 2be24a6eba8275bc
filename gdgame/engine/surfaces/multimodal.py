"""Classic 2-D test functions with many minima or deceptive shapes.

Formulas, domains and published minima from Surjanovic & Bingham, "Virtual Library of
Simulation Experiments" (sfu.ca/~ssurjano). Where a function has dozens of local minima only
the global ones are listed (``minima_complete`` is False).
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.surfaces.build import make

TAU = 2 * np.pi


def _six_hump_camel(x, y):
    x2, y2 = x * x, y * y
    f = (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2
    return f, 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y, x - 8 * y + 16 * y2 * y


def _rastrigin_slope(v):
    return 2 * v + 10 * TAU * np.sin(TAU * v)


def _rastrigin_value(x, y):
    return 20 + x * x - 10 * np.cos(TAU * x) + y * y - 10 * np.cos(TAU * y)


def _rastrigin(x, y):
    return _rastrigin_value(x, y), _rastrigin_slope(x), _rastrigin_slope(y)


def _rastrigin_grad_into(x, y, gx, gy):
    gx[...], gy[...] = _rastrigin_slope(x), _rastrigin_slope(y)


def _rastrigin_hess(x, y):
    return 2 + 10 * TAU**2 * np.cos(TAU * x), 0.0, 2 + 10 * TAU**2 * np.cos(TAU * y)


def _ackley(x, y):
    r = np.sqrt(0.5 * (x * x + y * y))
    a = np.exp(-0.2 * r)
    b = np.exp(0.5 * (np.cos(TAU * x) + np.cos(TAU * y)))
    f = -20 * a - b + np.e + 20
    # The cone tip at the origin has no gradient; 0 is its only subgradient on the diagonal.
    with np.errstate(invalid="ignore", divide="ignore"):
        k = np.where(r > 0, a / r, 0.0)
    return (
        f,
        2 * x * k + np.pi * np.sin(TAU * x) * b,
        2 * y * k + np.pi * np.sin(TAU * y) * b,
    )


def _st_height(v):
    v2 = v * v
    return v2 * v2 - 16 * v2 + 5 * v


def _st_slope(v):  # products, not powers: NumPy's general power is many times slower
    return 2 * (v * v * v) - 16 * v + 2.5


def _st_value(x, y):
    return 0.5 * (_st_height(x) + _st_height(y))


def _styblinski_tang(x, y):
    return _st_value(x, y), _st_slope(x), _st_slope(y)


def _st_grad_into(x, y, gx, gy):
    gx[...], gy[...] = _st_slope(x), _st_slope(y)


def _easom(x, y):
    e = np.exp(-((x - np.pi) ** 2) - (y - np.pi) ** 2)
    cx, cy, sx, sy = np.cos(x), np.cos(y), np.sin(x), np.sin(y)
    f = -cx * cy * e
    return f, e * cy * (sx + 2 * (x - np.pi) * cx), e * cx * (sy + 2 * (y - np.pi) * cy)


def _levy(x, y):
    w1, w2 = 1 + (x - 1) / 4, 1 + (y - 1) / 4
    s1, s2 = np.sin(np.pi * w1 + 1), np.sin(TAU * w2)
    a, b = 1 + 10 * s1 * s1, 1 + s2 * s2
    f = np.sin(np.pi * w1) ** 2 + (w1 - 1) ** 2 * a + (w2 - 1) ** 2 * b
    d1 = (
        np.pi * np.sin(TAU * w1)
        + 2 * (w1 - 1) * a
        + 10 * np.pi * (w1 - 1) ** 2 * np.sin(2 * (np.pi * w1 + 1))
    )
    d2 = 2 * (w2 - 1) * b + 2 * np.pi * (w2 - 1) ** 2 * np.sin(2 * TAU * w2)
    return f, d1 / 4, d2 / 4


_ST_LOW, _ST_HIGH = -2.903534, 2.746803  # the two minima of x^4 - 16x^2 + 5x

SURFACES = {
    "six_hump_camel": lambda: make(
        "six_hump_camel",
        "Six-hump camel",
        "Six minima: two global ones near the middle, four local ones on the humps.",
        r"f(x, y) = \left(4 - 2.1x^2 + \tfrac{x^4}{3}\right)x^2 + xy + (-4 + 4y^2)\,y^2",
        ((-3.0, 3.0), (-2.0, 2.0)),
        _six_hump_camel,
        [
            (0.0898, -0.7126, True),
            (-0.0898, 0.7126, True),
            (1.7036, -0.7961, False),
            (-1.7036, 0.7961, False),
            (1.6071, 0.5687, False),
            (-1.6071, -0.5687, False),
        ],
        (-2.5, 1.5),
    ),
    "rastrigin": lambda: make(
        "rastrigin",
        "Rastrigin's egg crate",
        "A bowl covered in bumps: a local minimum near every point with whole coordinates.",
        r"f(x, y) = 20 + x^2 - 10\cos 2\pi x + y^2 - 10\cos 2\pi y",
        ((-5.12, 5.12), (-5.12, 5.12)),
        _rastrigin,
        [(0.0, 0.0, True)],
        (-3.8, 4.2),
        hess=_rastrigin_hess,
        grad_into=_rastrigin_grad_into,
        value=_rastrigin_value,
        complete=False,
    ),
    "ackley": lambda: make(
        "ackley",
        "Ackley",
        "A nearly flat, rippled plain around one deep funnel at the origin (drawn on ±5).",
        r"f(x, y) = -20\,e^{-0.2\sqrt{(x^2 + y^2)/2}} - e^{(\cos 2\pi x + \cos 2\pi y)/2}"
        r" + e + 20",
        ((-5.0, 5.0), (-5.0, 5.0)),
        _ackley,
        [(0.0, 0.0, True)],
        (3.5, -4.0),
        complete=False,
    ),
    "styblinski_tang": lambda: make(
        "styblinski_tang",
        "Styblinski–Tang",
        "Four minima in four corners; only the one at (−2.90, −2.90) is the global one.",
        r"f(x, y) = \tfrac12\left(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y\right)",
        ((-5.0, 5.0), (-5.0, 5.0)),
        _styblinski_tang,
        [
            (_ST_LOW, _ST_LOW, True),
            (_ST_LOW, _ST_HIGH, False),
            (_ST_HIGH, _ST_LOW, False),
            (_ST_HIGH, _ST_HIGH, False),
        ],
        (0.5, 0.5),
        grad_into=_st_grad_into,
        value=_st_value,
    ),
    "easom": lambda: make(
        "easom",
        "Easom",
        "A needle in a haystack: flat almost everywhere, one narrow hole at (π, π) (drawn on ±10).",
        r"f(x, y) = -\cos x \cos y\, e^{-(x - \pi)^2 - (y - \pi)^2}",
        ((-10.0, 10.0), (-10.0, 10.0)),
        _easom,
        [(np.pi, np.pi, True)],
        (1.0, 1.5),
        complete=False,
    ),
    "levy": lambda: make(
        "levy",
        "Lévy",
        "Rows of ripples of different heights; the global minimum sits at (1, 1).",
        r"f = \sin^2 \pi w_1 + (w_1 - 1)^2\left[1 + 10\sin^2(\pi w_1 + 1)\right]"
        r" + (w_2 - 1)^2\left[1 + \sin^2 2\pi w_2\right],\ w_i = 1 + \tfrac{x_i - 1}{4}",
        ((-10.0, 10.0), (-10.0, 10.0)),
        _levy,
        [(1.0, 1.0, True)],
        (-7.0, 8.0),
        complete=False,
    ),
}
