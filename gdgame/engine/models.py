"""Models trained by gradient descent on data: their loss and its exact gradient.

Each model's parameters are one array the optimizers update like a point: ``(d + 1,)`` for
linear and logistic regression (the weights w₁ … w_d, then the bias b), ``(d + 1, K)`` for
softmax regression (one column per class, the biases in the last row). With ``X`` (n, d)
the inputs and ``y`` (n,) the targets:

- linear regression, mean squared error:  L = mean((Xw + b − y)²) + λ/2·‖w‖²
- logistic regression, cross-entropy from the logits z = Xw + b, y in {0, 1}:
  L = mean(log(1 + eᶻ) − y·z) + λ/2·‖w‖², with log(1 + eᶻ) as ``logaddexp(0, z)`` so that
  no logit overflows (never log(sigmoid), which is −inf at z = −800)
- softmax regression, cross-entropy over K classes, y in 0 … K − 1:
  L = mean(logsumexp(XW + b) − (XW + b)_y) + λ/2·‖W‖²

λ is the L2 strength (``l2``); the bias is never penalized.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from gdgame.engine.validate import real_in

Array = np.ndarray


def sigmoid(z: Array) -> Array:
    """1 / (1 + e⁻ᶻ) without overflow for any z."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def softplus(z: Array) -> Array:
    """log(1 + eᶻ) without overflow for any z (as ``logaddexp(0, z)`` computes it)."""
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def softplus_sigmoid(z: Array) -> tuple[Array, Array]:
    """`softplus` and `sigmoid` of z from one exponential, equal to each alone to the bit
    (the cross-entropy and its gradient in one pass)."""
    e = np.exp(-np.abs(z))
    return np.maximum(z, 0.0) + np.log1p(e), np.where(z >= 0, 1.0, e) / (1.0 + e)


def softmax(z: Array) -> Array:
    """Row-wise softmax of logits (n, K), shifted by each row's maximum."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class Model:
    """A model's name, its L2 strength and the shape of its parameters."""

    l2: float = 0.0
    name: ClassVar[str] = ""
    title: ClassVar[str] = ""

    def __post_init__(self) -> None:
        real_in(self.l2, 0.0, 1e6, "L2 strength")

    def shape(self, d: int) -> tuple[int, ...]:
        """The parameters' shape for ``d`` features."""
        return (d + 1,)

    def init(self, d: int) -> Array:
        """Zero parameters for ``d`` features."""
        return np.zeros(self.shape(d))

    def logits(self, params: Array, X: Array) -> Array:
        """Xw + b: the prediction before any link function."""
        return X @ params[:-1] + params[-1]

    def loss(self, params: Array, X: Array, y: Array) -> float:
        """The mean loss over the examples, with the L2 penalty."""
        return self.loss_grad(params, X, y)[0]

    def loss_grad(self, params: Array, X: Array, y: Array) -> tuple[float, Array]:
        """The loss and its gradient (an array shaped like ``params``)."""
        raise NotImplementedError

    def _with_penalty(self, loss: float, grad: Array, params: Array) -> tuple[float, Array]:
        if self.l2:
            w = params[:-1]
            loss += 0.5 * self.l2 * float(np.sum(w * w))
            grad[:-1] += self.l2 * w
        return loss, grad

    def _grad(self, X: Array, residual: Array) -> Array:
        """The gradient of mean(·) when ∂(loss of example i)/∂(logit i) is ``residual``."""
        n = X.shape[0]
        grad = np.empty((X.shape[1] + 1, *residual.shape[1:]))
        grad[:-1] = X.T @ residual
        grad[-1] = residual.sum(axis=0)
        grad /= n
        return grad


@dataclass(frozen=True)
class LinearRegression(Model):
    """ŷ = Xw + b with the mean squared error."""

    name: ClassVar[str] = "linear"
    title: ClassVar[str] = "Linear regression"

    def predict(self, params: Array, X: Array) -> Array:
        return self.logits(params, X)

    def loss_grad(self, params: Array, X: Array, y: Array) -> tuple[float, Array]:
        r = self.logits(params, X) - y
        loss = float(np.dot(r, r)) / len(r)
        return self._with_penalty(loss, self._grad(X, 2.0 * r), params)

    def hessian(self, params: Array, X: Array, y: Array) -> Array:
        """The constant Hessian (d + 1, d + 1): 2/n·[X 1]ᵀ[X 1], plus λ on the weights."""
        A = np.column_stack([X, np.ones(len(X))])
        return 2.0 * (A.T @ A) / len(X) + np.diag([self.l2] * X.shape[1] + [0.0])


@dataclass(frozen=True)
class LogisticRegression(Model):
    """P(y = 1) = σ(Xw + b) with the cross-entropy."""

    name: ClassVar[str] = "logistic"
    title: ClassVar[str] = "Logistic regression"

    def predict(self, params: Array, X: Array) -> Array:
        """The probability of class 1 for each example."""
        return sigmoid(self.logits(params, X))

    def loss_grad(self, params: Array, X: Array, y: Array) -> tuple[float, Array]:
        z = self.logits(params, X)
        softplus, p = softplus_sigmoid(z)
        loss = float((softplus - y * z).sum()) / len(z)
        return self._with_penalty(loss, self._grad(X, p - y), params)

    def hessian(self, params: Array, X: Array, y: Array) -> Array:
        """[X 1]ᵀ diag(p(1 − p)) [X 1] / n, plus λ on the weights."""
        p = sigmoid(self.logits(params, X))
        A = np.column_stack([X, np.ones(len(X))])
        return (A.T * (p * (1 - p))) @ A / len(X) + np.diag([self.l2] * X.shape[1] + [0.0])


@dataclass(frozen=True)
class SoftmaxRegression(Model):
    """P(y = k) = softmax(XW + b)_k with the cross-entropy, for ``classes`` classes."""

    classes: int = 10
    name: ClassVar[str] = "softmax"
    title: ClassVar[str] = "Softmax regression"

    def shape(self, d: int) -> tuple[int, ...]:
        return (d + 1, self.classes)

    def predict(self, params: Array, X: Array) -> Array:
        """The probability of each class (n, K)."""
        return softmax(self.logits(params, X))

    def loss_grad(self, params: Array, X: Array, y: Array) -> tuple[float, Array]:
        z = self.logits(params, X)
        rows = np.arange(len(z))
        top = z.max(axis=1, keepdims=True)
        residual = np.exp(z - top)  # one exponential for the loss and the probabilities
        total = residual.sum(axis=1, keepdims=True)
        loss = float((top[:, 0] + np.log(total[:, 0]) - z[rows, y]).sum()) / len(z)
        residual /= total
        residual[rows, y] -= 1.0
        return self._with_penalty(loss, self._grad(X, residual), params)


MODELS = {m.name: m for m in (LinearRegression, LogisticRegression, SoftmaxRegression)}


def classify(model: Model, params: Array, X: Array) -> Array:
    """The predicted class of each example: probability above ½, or the likeliest class."""
    if isinstance(model, SoftmaxRegression):
        return np.argmax(model.logits(params, X), axis=1)
    return (model.logits(params, X) > 0).astype(np.int64)


def accuracy(model: Model, params: Array, X: Array, y: Array) -> float:
    """The share of examples classified right."""
    return float(np.mean(classify(model, params, X) == y))
