"""What every loss landscape has: a value, a gradient, a Hessian, a domain and its minima.

Two kinds share the interface that descent runs use: `Surface` (two variables, the contract's
``s.f(x, y)``, ``s.grad(x, y)``) and `Curve` (one variable, for the 1-D lessons). Descent code
sees both through `Landscape.loss_grad`, which takes the coordinates stacked on axis 0; so do
`Landscape.contains` and `Landscape.clamp`, the one test of "on the map" that every layer uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from gdgame.engine import registry

Array = np.ndarray
Interval = tuple[float, float]

# Runs further than this many domain widths from the domain are called diverged; far enough
# that no honest run gets there, near enough that every surface here is still finite.
BOUND_WIDTHS = 100.0


@dataclass(frozen=True)
class Minimum:
    """A known local or global minimum: its location, value and whether it is the lowest."""

    location: tuple[float, ...]
    value: float
    is_global: bool

    @property
    def x(self) -> float:
        return self.location[0]

    @property
    def y(self) -> float:
        if len(self.location) < 2:
            raise AttributeError("a minimum of a curve has no y")
        return self.location[1]


@dataclass(frozen=True, eq=False)
class Landscape:
    """Fields shared by surfaces and curves.

    Attributes:
        name: registry name, e.g. ``"himmelblau"``.
        title: display name, e.g. ``"Himmelblau's function"``.
        description: one sentence for the page.
        formula: the function in LaTeX.
        domain: one ``(lo, hi)`` interval per variable.
        minima: the known minima on the domain, global ones flagged.
        minima_complete: False where only the global minima are listed (dozens of local ones).
        start: a start point that shows the surface's lesson.
        params: the registry parameters it was built with, e.g. ``(("seed", 7),)``.
    """

    name: str
    title: str
    description: str
    formula: str
    domain: tuple[Interval, ...]
    minima: tuple[Minimum, ...]
    minima_complete: bool
    start: tuple[float, ...]
    params: tuple[tuple[str, object], ...] = field(default=(), kw_only=True)
    kind: ClassVar[str] = ""  # the registry that builds it: "surface" or "curve"

    @property
    def dim(self) -> int:
        return len(self.domain)

    @property
    def bound(self) -> float:
        """Magnitude beyond which a run counts as diverged."""
        widths = [hi - lo for lo, hi in self.domain]
        reach = max(max(abs(lo), abs(hi)) for lo, hi in self.domain)
        return reach + BOUND_WIDTHS * max(widths)

    @property
    def global_minima(self) -> tuple[Minimum, ...]:
        return tuple(m for m in self.minima if m.is_global)

    def contains(self, p: Array) -> Array:
        """Which points ``p`` (dim, ...) are finite and inside the domain (edges included)."""
        p = np.asarray(p, dtype=np.float64)
        inside = np.isfinite(p).all(axis=0)
        for axis, (lo, hi) in enumerate(self.domain):
            inside &= (p[axis] >= lo) & (p[axis] <= hi)
        return inside

    def clamp(self, p: Array) -> Array:
        """The points ``p`` (dim, ...) moved onto the domain, each coordinate on its own."""
        p = np.array(p, dtype=np.float64)
        for axis, (lo, hi) in enumerate(self.domain):
            p[axis] = np.clip(p[axis], lo, hi)
        return p

    @property
    def match_radius(self) -> float:
        """How close to a known minimum a point must be to count as having found it: 2 % of
        the domain's width, or a quarter of the closest gap between two minima if smaller."""
        width = max(hi - lo for lo, hi in self.domain)
        radius = 0.02 * width
        if len(self.minima) > 1:
            where = np.array([m.location for m in self.minima])
            gaps = np.linalg.norm(where[:, None] - where[None, :], axis=2)
            radius = min(radius, 0.25 * gaps[gaps > 0].min())
        return radius

    def nearest_minimum(self, points: object, radius: float | None = None) -> Array:
        """Index of the known minimum within ``radius`` of each point (k, dim), else -1."""
        points = np.asarray(points, dtype=np.float64).reshape(-1, self.dim)
        radius = self.match_radius if radius is None else radius
        label = np.full(len(points), -1)
        best = np.full(len(points), radius * radius)
        for index, m in enumerate(self.minima):  # a handful of minima: one pass each
            d2 = np.zeros(len(points))
            for axis, coordinate in enumerate(m.location):
                d2 += (points[:, axis] - coordinate) ** 2
            closer = d2 < best
            label[closer], best[closer] = index, d2[closer]
        return label

    def curvatures(self, point: object) -> Array:
        """Eigenvalues of the Hessian at one point, smallest first: the curvatures there."""
        p = np.asarray(point, dtype=np.float64).reshape(self.dim, 1)
        return np.linalg.eigvalsh(self.hessian(p)[..., 0])

    def __reduce__(self) -> tuple:
        """Pickled as its registry name and parameters (its functions are closures), so a
        batch can be sent to worker processes (`gdgame.engine.parallel`)."""
        if not registry.built_by(self.kind, self):
            raise TypeError(f"{self.title!r} was not built by a registry: it cannot be pickled")
        return registry.rebuild, (self.kind, self.name, self.params)

    def loss(self, p: Array) -> Array:
        """Value at points stacked on axis 0: ``p`` has shape ``(dim, ...)``."""
        raise NotImplementedError

    def loss_grad(self, p: Array) -> tuple[Array, Array]:
        """Value and gradient at ``p`` of shape ``(dim, ...)``; the gradient has p's shape."""
        raise NotImplementedError

    def grad_into(self, p: Array, out: Array) -> Array:
        """The gradient at ``p`` (dim, k) written into ``out`` (dim, k): the descent hot path."""
        out[...] = self.loss_grad(p)[1]
        return out

    def hessian(self, p: Array) -> Array:
        """Hessian at ``p`` of shape ``(dim, ...)``, as an array ``(dim, dim, ...)``."""
        raise NotImplementedError


def _asfloat(*arrays: object) -> list[Array]:
    return [np.asarray(a, dtype=np.float64) for a in arrays]


def _fd_step(v: Array) -> Array:
    return 1e-5 * np.maximum(1.0, np.abs(v))


@dataclass(frozen=True, eq=False)
class Surface(Landscape):
    """A loss surface f(x, y), vectorized over arrays of any matching shape.

    ``terms(x, y)`` returns ``(f, ∂f/∂x, ∂f/∂y)`` in one pass that shares subexpressions.
    ``hess_fn`` returns ``(f_xx, f_xy, f_yy)``; without it the Hessian is the central
    difference of the gradient. For the surfaces that descent runs use most,
    ``grad_into_fn(x, y, gx, gy)`` writes the gradient in place with no temporaries to spare
    and ``value_fn(x, y)`` computes f alone; tests hold both equal to ``terms`` bit for bit.
    """

    terms: Callable[[Array, Array], tuple[Array, Array, Array]] = field(default=None, kw_only=True)
    hess_fn: Callable[[Array, Array], tuple[Array, Array, Array]] | None = field(
        default=None, kw_only=True
    )
    grad_into_fn: Callable[[Array, Array, Array, Array], None] | None = field(
        default=None, kw_only=True
    )
    value_fn: Callable[[Array, Array], Array] | None = field(default=None, kw_only=True)

    kind: ClassVar[str] = "surface"

    def f(self, x: object, y: object) -> Array:
        """f(x, y), elementwise."""
        return self.loss(_asfloat(x, y))

    def grad(self, x: object, y: object) -> tuple[Array, Array]:
        """(∂f/∂x, ∂f/∂y), elementwise."""
        _, gx, gy = self.terms(*_asfloat(x, y))
        return gx, gy

    def hess(self, x: object, y: object) -> tuple[Array, Array, Array]:
        """(f_xx, f_xy, f_yy), elementwise; analytic where known, else from the gradient."""
        x, y = _asfloat(x, y)
        if self.hess_fn is not None:
            hxx, hxy, hyy, _ = np.broadcast_arrays(*self.hess_fn(x, y), x + y)
            return (
                hxx.astype(np.float64),
                hxy.astype(np.float64),
                hyy.astype(np.float64),
            )
        hx, hy = _fd_step(x), _fd_step(y)
        _, gxp, gyp = self.terms(x + hx, y)
        _, gxm, gym = self.terms(x - hx, y)
        hxx, hyx = (gxp - gxm) / (2 * hx), (gyp - gym) / (2 * hx)
        _, gxp, gyp = self.terms(x, y + hy)
        _, gxm, gym = self.terms(x, y - hy)
        hxy, hyy = (gxp - gxm) / (2 * hy), (gyp - gym) / (2 * hy)
        return hxx, 0.5 * (hxy + hyx), hyy

    def loss(self, p: Array) -> Array:
        if self.value_fn is not None:
            return self.value_fn(p[0], p[1])
        return self.terms(p[0], p[1])[0]

    def loss_grad(self, p: Array) -> tuple[Array, Array]:
        v, gx, gy = self.terms(p[0], p[1])
        return v, np.stack([gx, gy])

    def grad_into(self, p: Array, out: Array) -> Array:
        if self.grad_into_fn is None:
            _, out[0], out[1] = self.terms(p[0], p[1])
        else:
            self.grad_into_fn(p[0], p[1], out[0], out[1])
        return out

    def hessian(self, p: Array) -> Array:
        hxx, hxy, hyy = self.hess(p[0], p[1])
        return np.array([[hxx, hxy], [hxy, hyy]])


@dataclass(frozen=True, eq=False)
class Curve(Landscape):
    """A 1-D loss curve y = f(x) with the same interface in one variable.

    ``terms(x)`` returns ``(f, df/dx)``; ``hess_fn(x)`` returns d²f/dx².
    """

    terms: Callable[[Array], tuple[Array, Array]] = field(default=None, kw_only=True)
    hess_fn: Callable[[Array], Array] = field(default=None, kw_only=True)

    kind: ClassVar[str] = "curve"

    def f(self, x: object) -> Array:
        """f(x), elementwise."""
        return self.terms(np.asarray(x, dtype=np.float64))[0]

    def grad(self, x: object) -> Array:
        """df/dx, elementwise."""
        return self.terms(np.asarray(x, dtype=np.float64))[1]

    def hess(self, x: object) -> Array:
        """d²f/dx², elementwise."""
        x = np.asarray(x, dtype=np.float64)
        return np.broadcast_to(self.hess_fn(x), x.shape).astype(np.float64)

    def loss(self, p: Array) -> Array:
        return self.terms(p[0])[0]

    def loss_grad(self, p: Array) -> tuple[Array, Array]:
        v, g = self.terms(p[0])
        return v, g[np.newaxis]

    def hessian(self, p: Array) -> Array:
        return self.hess(p[0])[np.newaxis, np.newaxis]
