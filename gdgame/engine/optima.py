"""The exact optima that descent is measured against: least squares and Newton's method.

Linear regression's optimum solves a linear system; logistic regression's has no closed form,
so Newton's method (iteratively reweighted least squares) finds it to machine precision in a
few iterations. When a line separates the classes (and there is no L2), there is no finite
optimum: the loss falls towards 0 as the weights grow for ever, and `logistic_optimum` says
so instead of returning a point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine.models import LinearRegression, LogisticRegression

Array = np.ndarray
NEWTON_ITERATIONS = 100


@dataclass(frozen=True)
class Optimum:
    """The best parameters (None if there are none), their loss, and how they were found."""

    params: Array | None
    loss: float
    iterations: int
    finite: bool


def least_squares(X: Array, y: Array, l2: float = 0.0) -> Optimum:
    """Linear regression's optimum: ``lstsq`` on [X 1], or the ridge normal equations."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    model = LinearRegression(l2=l2)
    A = np.column_stack([X, np.ones(len(X))])
    if l2 == 0:
        params = np.linalg.lstsq(A, y, rcond=None)[0]
    else:
        H = model.hessian(np.zeros(A.shape[1]), X, y)
        params = np.linalg.solve(H, 2.0 * (A.T @ y) / len(X))
    return Optimum(params, model.loss(params, X, y), 1, True)


def logistic_optimum(X: Array, y: Array, l2: float = 0.0, tol: float = 1e-13) -> Optimum:
    """Logistic regression's optimum by damped Newton steps (IRLS) from zero.

    Stops when a step changes no parameter by more than ``tol`` relative to its size. Says
    ``finite=False`` as soon as an iterate classifies every example right with l2 = 0: the
    classes are then separable, and scaling that iterate up lowers the loss without end.
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    model = LogisticRegression(l2=l2)
    p = model.init(X.shape[1])
    loss, grad = model.loss_grad(p, X, y)
    for iteration in range(1, NEWTON_ITERATIONS + 1):
        H = model.hessian(p, X, y)
        try:
            direction = -np.linalg.solve(H, grad)
        except np.linalg.LinAlgError:
            direction = -np.linalg.lstsq(H, grad, rcond=None)[0]
        t = 1.0
        while t > 1e-10:  # halve the step until the loss does not rise
            trial = p + t * direction
            trial_loss, trial_grad = model.loss_grad(trial, X, y)
            if trial_loss <= loss:
                break
            t /= 2
        else:
            break
        done = np.all(np.abs(trial - p) <= tol * np.maximum(1.0, np.abs(p)))
        p, loss, grad = trial, trial_loss, trial_grad
        if l2 == 0 and np.all((2 * y - 1) * model.logits(p, X) > 0):
            return Optimum(None, loss, iteration, False)
        if done:
            return Optimum(p, loss, iteration, True)
    return Optimum(p, loss, iteration, True)
