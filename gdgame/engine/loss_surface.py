"""A one-feature model's loss over its (w, b) plane, as a `Surface` like the built-in ones.

With the weight and the bias as the two coordinates, every figure, descent run and analysis
written for f(x, y) works on a loss made of data. Linear regression's loss is a quadratic:
its value, gradient and Hessian at any (w, b) come from the data's sums, O(1) per point,
written around the exact optimum so that nothing cancels near the bottom. Logistic
regression's loss is summed over the examples at every point.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.landscape import Minimum, Surface
from gdgame.engine.models import LogisticRegression, sigmoid, softplus, softplus_sigmoid
from gdgame.engine.optima import least_squares, logistic_optimum

Array = np.ndarray
Domain = tuple[tuple[float, float], tuple[float, float]]


def _column(x: object, y: object) -> tuple[Array, Array]:
    x, y = np.asarray(x, dtype=np.float64).ravel(), np.asarray(y, dtype=np.float64).ravel()
    if x.size == 0 or x.shape != y.shape or not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("x and y must be finite and of the same length")
    return x, y


def line_fit(
    x: object, y: object, domain: Domain, *, l2: float = 0.0, title: str = "Mean squared error"
) -> Surface:
    """The MSE of ŷ = w·x + b over (w, b), with its exact optimum as the global minimum."""
    x, y = _column(x, y)
    best = least_squares(x[:, None], y, l2)
    (w0, b0), floor = best.params, best.loss
    n = x.size
    hww, hwb, hbb = 2 * float(x @ x) / n + l2, 2 * float(x.sum()) / n, 2.0

    def terms(w: Array, b: Array) -> tuple[Array, Array, Array]:
        dw, db = w - w0, b - b0
        gw, gb = hww * dw + hwb * db, hwb * dw + hbb * db
        return floor + 0.5 * (dw * gw + db * gb), gw, gb

    def hess(w: Array, b: Array) -> tuple[float, float, float]:
        return hww, hwb, hbb

    return Surface(
        "line_fit", title, "The mean squared error of a line through the data.",
        r"L(w, b) = \frac{1}{n}\sum_i (w x_i + b - y_i)^2", domain,
        (Minimum((float(w0), float(b0)), floor, True),), True, (domain[0][0], domain[1][1]),
        terms=terms, hess_fn=hess,
    )  # fmt: skip


def logistic_fit(
    x: object, y: object, domain: Domain, *, l2: float = 0.0, title: str = "Cross-entropy"
) -> Surface:
    """The cross-entropy of P(y = 1) = σ(w·x + b) over (w, b), with its optimum if it has one
    (separable classes without L2 have none: the surface then lists no minimum)."""
    x, y = _column(x, y)
    best = logistic_optimum(x[:, None], y, l2)
    model = LogisticRegression(l2=l2)

    ones, inv_n = np.ones_like(x), 1.0 / x.size  # means as products: no np.mean overhead

    def logits(w: Array, b: Array) -> Array:
        return np.multiply.outer(w, x) + np.asarray(b)[..., None]

    def value(w: Array, b: Array) -> Array:
        w, b = np.broadcast_arrays(w, b)
        z = logits(w, b)
        return (softplus(z) @ ones - z @ y) * inv_n + 0.5 * l2 * w * w

    def terms(w: Array, b: Array) -> tuple[Array, Array, Array]:
        w, b = np.broadcast_arrays(w, b)
        z = logits(w, b)
        softplus, p = softplus_sigmoid(z)
        residual = p - y
        loss = (softplus @ ones - z @ y) * inv_n + 0.5 * l2 * w * w
        return loss, residual @ x * inv_n + l2 * w, residual @ ones * inv_n

    def grad_into(w: Array, b: Array, gw: Array, gb: Array) -> None:
        residual = sigmoid(logits(w, b))
        residual -= y
        gw[...] = residual @ x * inv_n + l2 * w
        gb[...] = residual @ ones * inv_n

    def hess(w: Array, b: Array) -> tuple[Array, Array, Array]:
        w, b = np.broadcast_arrays(w, b)
        p = sigmoid(logits(w, b))
        s = p * (1 - p)
        return (s @ (x * x)) * inv_n + l2, (s @ x) * inv_n, (s @ ones) * inv_n

    minima = ()
    if best.finite:
        w0, b0 = best.params
        minima = (Minimum((float(w0), float(b0)), model.loss(best.params, x[:, None], y), True),)
    return Surface(
        "logistic_fit", title, "The cross-entropy of a logistic model of the data.",
        r"L(w, b) = \frac{1}{n}\sum_i \left[\log(1 + e^{z_i}) - y_i z_i\right],\ z_i = w x_i + b",
        domain, minima, True, (domain[0][0], domain[1][1]), terms=terms, hess_fn=hess,
        value_fn=value, grad_into_fn=grad_into,
    )  # fmt: skip
