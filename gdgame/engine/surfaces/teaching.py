"""Surfaces built for a lesson: a narrow valley, two valleys, a saddle, a plateau."""

from __future__ import annotations

import numpy as np

from gdgame.engine.surfaces.build import make
from gdgame.engine.validate import real_in

CONDITION_RANGE = (1.0, 1000.0)


def narrow_valley(condition: float = 10.0):
    """f = (x² + κ y²) / 2, κ the condition number: curvatures 1 and κ, so gradient descent
    needs a learning rate α < 2/κ, and zig-zags across the valley near that limit."""
    kappa = real_in(condition, *CONDITION_RANGE, "condition number")
    return make(
        "narrow_valley",
        f"Narrow valley (κ = {kappa:g})",
        f"A long, narrow bowl: the walls are {kappa:g} times steeper than the floor.",
        rf"f(x, y) = \tfrac12\left(x^2 + {kappa:g}\,y^2\right)",
        ((-5.0, 5.0), (-5.0, 5.0)),
        lambda x, y: (0.5 * (x * x + kappa * y * y), x, kappa * y),
        [(0.0, 0.0, True)],
        (-4.5, 2.0),
        hess=lambda x, y: (1.0, 0.0, kappa),
    )


# x⁴/4 − 2x² − 0.75x (a shallow well on the left, a deep one on the right) plus the valley
# floor's curve: products, not powers, since NumPy's general power is many times slower.
def _two_valleys_value(x, y):
    x2, v = x * x, y - 0.5 * np.sin(x)
    return x2 * x2 / 4 - 2 * x2 - 0.75 * x + v * v


def _two_valleys_grad(x, y):
    v = y - 0.5 * np.sin(x)
    return (x * x * x - 4 * x - 0.75) - v * np.cos(x), 2 * v


def _two_valleys(x, y):
    return _two_valleys_value(x, y), *_two_valleys_grad(x, y)


def _two_valleys_grad_into(x, y, gx, gy):
    gx[...], gy[...] = _two_valleys_grad(x, y)


def two_valleys():
    """Two curved valleys: from the usual start you meet the shallow one first."""
    roots = np.sort(np.roots([1.0, 0.0, -4.0, -0.75]).real)
    shallow, deep = roots[0], roots[2]  # the middle root is the ridge between them
    return make(
        "two_valleys",
        "Two valleys",
        "A shallow valley on the way down hides a deeper one beyond the ridge.",
        r"f(x, y) = \tfrac{x^4}{4} - 2x^2 - 0.75x + \left(y - \tfrac12 \sin x\right)^2",
        ((-4.0, 4.0), (-3.0, 3.0)),
        _two_valleys,
        [(shallow, 0.5 * np.sin(shallow), False), (deep, 0.5 * np.sin(deep), True)],
        (-3.5, 2.0),
        grad_into=_two_valleys_grad_into,
        value=_two_valleys_value,
    )


def saddle():
    """x² + y⁴/4 − y²/2: a saddle at the origin between two minima at (0, ±1)."""
    return make(
        "saddle",
        "Saddle",
        "Started on the ridge line, descent slides into the saddle point and stalls there: "
        "the gradient vanishes, but it is not a minimum.",
        r"f(x, y) = x^2 + \tfrac{y^4}{4} - \tfrac{y^2}{2}",
        ((-2.0, 2.0), (-2.0, 2.0)),
        lambda x, y: (x * x + y**4 / 4 - y * y / 2, 2 * x, y**3 - y),
        [(0.0, 1.0, True), (0.0, -1.0, True)],
        (-1.9, 0.001),
        hess=lambda x, y: (2.0, 0.0, 3 * y * y - 1),
    )


def _plateau(x, y):
    e = np.exp(-0.5 * (x * x + y * y))
    return 1 - e, x * e, y * e


def plateau():
    """1 − exp(−r²/2): one well in a plain so flat that the gradient all but vanishes."""
    return make(
        "plateau",
        "Plateau",
        "One well in a wide, almost flat plain: far out the slope is nearly zero and "
        "descent crawls.",
        r"f(x, y) = 1 - e^{-(x^2 + y^2)/2}",
        ((-4.0, 4.0), (-4.0, 4.0)),
        _plateau,
        [(0.0, 0.0, True)],
        (3.0, 2.0),
        hess=lambda x, y: (
            (1 - x * x) * np.exp(-0.5 * (x * x + y * y)),
            -x * y * np.exp(-0.5 * (x * x + y * y)),
            (1 - y * y) * np.exp(-0.5 * (x * x + y * y)),
        ),
    )


SURFACES = {
    "narrow_valley": narrow_valley,
    "two_valleys": two_valleys,
    "saddle": saddle,
    "plateau": plateau,
}
