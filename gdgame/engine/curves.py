"""1-D loss curves for the first lessons, with the same interface in one variable.

``get("parabola")`` is y = x²; ``get("quadratic", curvature=L)`` is y = L·x²/2, whose
critical learning rate is 2/L; ``get("double_well")`` is y = x⁴ − 3x² − x, with a shallow
well on the left and the deep one on the right.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.landscape import Curve, Minimum
from gdgame.engine.registry import Registry
from gdgame.engine.validate import real_in

CURVATURE_RANGE = (0.01, 100.0)


def _polynomial_minima(coeffs: list[float]) -> tuple[Minimum, ...]:
    """Every local minimum of a polynomial (highest power first), the lowest flagged."""
    p = np.poly1d(coeffs)
    dp, ddp = p.deriv(), p.deriv(2)
    roots = [r.real for r in dp.roots if abs(r.imag) < 1e-12 and ddp(r.real) > 0]
    values = [float(p(r)) for r in roots]
    lowest = min(values)
    return tuple(
        Minimum((float(r),), v, v <= lowest + 1e-12)
        for r, v in sorted(zip(roots, values, strict=True))
    )


def parabola() -> Curve:
    """y = x²."""
    return Curve(
        "parabola",
        "Parabola y = x²",
        "The simplest loss: one minimum at x = 0, and the slope grows with the distance to it.",
        r"y = x^2",
        ((-6.0, 6.0),),
        (Minimum((0.0,), 0.0, True),),
        True,
        (5.0,),
        terms=lambda x: (x * x, 2 * x),
        hess_fn=lambda x: 2.0,
    )


def quadratic(curvature: float = 1.0) -> Curve:
    """y = L·x²/2 (L the curvature): gradient descent converges for learning rates
    0 < α < 2/L."""
    L = real_in(curvature, *CURVATURE_RANGE, "curvature")
    return Curve(
        "quadratic",
        f"Quadratic with curvature L = {L:g}",
        f"y = L·x²/2 with L = {L:g}: one step of α = 1/L lands exactly on the minimum.",
        rf"y = \tfrac{{{L:g}}}{{2}}\,x^2",
        ((-6.0, 6.0),),
        (Minimum((0.0,), 0.0, True),),
        True,
        (5.0,),
        terms=lambda x: (0.5 * L * x * x, L * x),
        hess_fn=lambda x: L,
    )


def double_well() -> Curve:
    """y = x⁴ − 3x² − x: a shallow well on the left, the deep one on the right."""
    return Curve(
        "double_well",
        "Double well y = x⁴ − 3x² − x",
        "Two wells: where you start decides which one you end in, and only one is the lowest.",
        r"y = x^4 - 3x^2 - x",
        ((-2.5, 2.5),),
        _polynomial_minima([1.0, 0.0, -3.0, -1.0, 0.0]),
        True,
        (-2.2,),
        terms=lambda x: (x**4 - 3 * x * x - x, 4 * x**3 - 6 * x - 1),
        hess_fn=lambda x: 12 * x * x - 6,
    )


_REGISTRY = Registry(
    "curve", {"parabola": parabola, "quadratic": quadratic, "double_well": double_well}, cache=True
)


def names() -> list[str]:
    """Registry names of the 1-D curves."""
    return _REGISTRY.names()


def get(name: str, **params: object) -> Curve:
    """The curve registered as ``name``; ValueError for an unknown name or bad parameter."""
    return _REGISTRY.get(name, **params)
