"""Building a `Surface` from its formula and its published minima."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gdgame.engine.landscape import Minimum, Surface
from gdgame.engine.newton import refine

# (x, y, is_global) as published, rounded; polished to float64 precision by `make`.
MinimumSpec = tuple[float, float, bool]


def make(
    name: str,
    title: str,
    description: str,
    formula: str,
    domain: tuple[tuple[float, float], tuple[float, float]],
    terms: Callable,
    minima: Sequence[MinimumSpec],
    start: tuple[float, float],
    *,
    hess: Callable | None = None,
    grad_into: Callable | None = None,
    value: Callable | None = None,
    complete: bool = True,
) -> Surface:
    """A surface whose listed minima are refined from their published, rounded locations."""
    fns = {"terms": terms, "hess_fn": hess, "grad_into_fn": grad_into, "value_fn": value}
    head = (name, title, description, formula, domain)
    rough = Surface(*head, (), complete, start, **fns)
    found = []
    for x, y, is_global in minima:
        px, py = refine(rough, (x, y))
        found.append(Minimum((px, py), float(rough.f(px, py)), is_global))
    return Surface(*head, tuple(found), complete, start, **fns)
