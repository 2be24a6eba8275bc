"""A typed formula as a `Surface` like the built-in ones: exact gradient and Hessian, the
minima found by the damped Newton search, and the share of the domain where it is undefined.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from gdgame.engine import registry
from gdgame.engine.formula import FormulaError, parse
from gdgame.engine.formula_collect import collect
from gdgame.engine.formula_diff import derivative
from gdgame.engine.formula_expr import Expr
from gdgame.engine.formula_latex import latex
from gdgame.engine.formula_program import Program, compile_program
from gdgame.engine.landscape import Surface
from gdgame.engine.newton import find_minima

Domain = tuple[tuple[float, float], tuple[float, float]]
WIDTHS = (1e-3, 1e4)  # a domain's side, smallest and largest
REACH = 1e6  # no domain edge beyond this
MINIMA_GRID = 40  # starts per side of the Newton search
Array = np.ndarray


class Mask(NamedTuple):
    """Where a formula is undefined on the domain: the share of grid cells, and a sentence."""

    share: float
    sentence: str  # "" when f is finite everywhere on the grid


@dataclass(frozen=True, eq=False)
class FormulaSurface(Surface):
    """A `Surface` built from a formula; ``expr`` is its tree, ``gradient`` (∂f/∂x, ∂f/∂y)."""

    expr: Expr = field(default=None, kw_only=True)
    gradient: tuple[Expr, Expr] = field(default=None, kw_only=True)

    @property
    def gradient_latex(self) -> str:
        return gradient_latex(self.gradient)

    @property
    def cost(self) -> float:
        """What f and its gradient cost at one point, in additions (a step of the compiled
        program is one; a transcendental function or a power, ten): pages scale their work by
        it, so that a costly formula cannot hold a server for long."""
        return float(len(self.terms.steps) + 9 * self.terms.expensive)

    def masked(self, n: int = 150) -> Mask:
        """The share of an n × n grid over the domain where f is not a finite number."""
        (x0, x1), (y0, y1) = self.domain
        x, y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
        share = float(np.mean(~np.isfinite(self.f(x, y))))
        if share == 0:
            return Mask(0.0, "")
        percent = f"{100 * share:.0f}" if share >= 0.01 else "less than 1"
        return Mask(share, f"f is undefined (not a finite number) on {percent} % of the domain.")

    def __reduce__(self) -> tuple:
        """Pickled as its formula and domain (through the registry if it built it), so a
        worker process rebuilds it."""
        if registry.built_by(self.kind, self):
            return super().__reduce__()
        return surface_from, (self.title, self.domain)


def gradient_latex(gradient: tuple[Expr, Expr]) -> str:
    """∇f = (∂f/∂x, ∂f/∂y) in LaTeX."""
    gx, gy = (latex(g) for g in gradient)
    return rf"\nabla f = \left({gx},\; {gy}\right)"


def check_domain(domain: object) -> Domain:
    """The domain as two (lo, hi) float pairs, or a `FormulaError` saying what is wrong."""
    try:
        (x0, x1), (y0, y1) = domain
        pairs = ((float(x0), float(x1)), (float(y0), float(y1)))
    except (TypeError, ValueError):
        raise FormulaError(
            "The domain must be two ranges, (xmin, xmax) and (ymin, ymax)."
        ) from None
    for axis, (lo, hi) in zip("xy", pairs, strict=True):
        if not (math.isfinite(lo) and math.isfinite(hi) and max(abs(lo), abs(hi)) <= REACH):
            raise FormulaError(f"The range of {axis} must be finite numbers within ±{REACH:g}.")
        if not lo < hi:
            raise FormulaError(f"The range of {axis} must go from low to high ({lo:g} ≥ {hi:g}).")
        if not WIDTHS[0] <= hi - lo <= WIDTHS[1]:
            raise FormulaError(
                f"The range of {axis} must be {WIDTHS[0]:g} to {WIDTHS[1]:g} wide ({hi - lo:g})."
            )
    return pairs


class Functions(NamedTuple):
    """What evaluates a formula: its gradient's trees, and (f, ∂f/∂x, ∂f/∂y), the Hessian
    (f_xx, f_xy, f_yy) and f alone at (x, y), each a function of two arrays (``terms`` and
    ``hess.program`` are programs whose steps count the work)."""

    gradient: tuple[Expr, Expr]
    terms: Program
    hess: _Hessian
    value: Callable[[Array, Array], Array]


class _Hessian:
    """(f_xx, f_xy, f_yy) at (x, y): derived from the gradient and compiled at the first call
    (a page drawing f needs none), once even if two sessions ask at the same time."""

    def __init__(self, fx: Expr, fy: Expr, mx: dict, my: dict):
        self._from = (fx, fy, mx, my)
        self._program: Program | None = None
        self._lock = threading.Lock()

    @property
    def program(self) -> Program:
        with self._lock:
            if self._program is None:
                fx, fy, mx, my = self._from
                second = derivative(fx, "x", mx), derivative(fx, "y", my), derivative(fy, "y", my)
                self._program = compile_program(second)
        return self._program

    def __call__(self, x: Array, y: Array) -> tuple[Array, Array, Array]:
        return self.program(x, y)


def functions(f: Expr) -> Functions:
    """f's exact gradient, and its compiled programs (`gdgame.engine.formula_program`), both
    from f with its like terms and factors collected (`gdgame.engine.formula_collect`)."""
    (f,) = collect(f)
    mx, my = {}, {}
    fx, fy = derivative(f, "x", mx), derivative(f, "y", my)
    terms, value = compile_program((f, fx, fy)), compile_program((f,))
    return Functions((fx, fy), terms, _Hessian(fx, fy, mx, my), lambda x, y: value(x, y)[0])


def _start(rough: Surface) -> tuple[float, float]:
    """A grid point high on the surface (the 80th percentile of an 11 × 11 grid's finite
    values, not its highest, which may be a spike), or the domain's centre if none is finite."""
    (x0, x1), (y0, y1) = rough.domain
    x, y = np.meshgrid(np.linspace(x0, x1, 11)[1:-1], np.linspace(y0, y1, 11)[1:-1])
    v = rough.f(x, y).ravel()
    finite = np.flatnonzero(np.isfinite(v))
    if finite.size == 0:
        return 0.5 * (x0 + x1), 0.5 * (y0 + y1)
    order = finite[np.argsort(v[finite], kind="stable")]
    pick = order[int(0.8 * (order.size - 1))]
    return float(x.ravel()[pick]), float(y.ravel()[pick])


def surface_from(text: str, domain: object = ((-5.0, 5.0), (-5.0, 5.0))) -> FormulaSurface:
    """The surface of a typed formula on a domain: exact derivatives, minima found numerically
    (`gdgame.engine.newton.find_minima`, the lowest flagged global). Raises `FormulaError`."""
    f = parse(text)
    domain = check_domain(domain)
    fn = functions(f)
    canonical = str(f)
    head = ("formula", canonical, "Your own formula.", f"f(x, y) = {latex(f)}", domain)
    fns = {"terms": fn.terms, "hess_fn": fn.hess, "value_fn": fn.value, "expr": f,
           "gradient": fn.gradient}  # fmt: skip
    rough = FormulaSurface(*head, (), True, (0.0, 0.0), **fns)
    start = _start(rough)
    minima = find_minima(rough, n=MINIMA_GRID)
    return FormulaSurface(*head, minima, True, start, **fns)


def formula(text: str = "x^2 + y^2", x: tuple[float, float] = (-5.0, 5.0),
            y: tuple[float, float] = (-5.0, 5.0)) -> FormulaSurface:  # fmt: skip
    """The registry's "formula" surface: ``surfaces.get("formula", text=…, x=…, y=…)``, so a
    typed formula is named by plain values like every landscape (a cache key, a saved game)."""
    if not isinstance(text, str):
        raise FormulaError("The formula must be text.")
    return surface_from(text, (x, y))


def formula_params(text: str, domain: object) -> tuple[tuple[str, object], ...]:
    """The registry parameters of ``formula`` for a formula and a checked domain, in the
    registry's own order, so that one formula on one domain is one cache entry everywhere."""
    x, y = check_domain(domain)
    return (("text", text), ("x", x), ("y", y))


SURFACES = {"formula": formula}
