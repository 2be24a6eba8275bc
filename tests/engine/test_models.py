"""Models: exact gradients (against central differences), stable losses, predictions."""

import numpy as np
import pytest

from gdgame.engine import models

RNG = np.random.default_rng(7)
X = RNG.normal(size=(40, 3))


def _targets(model: models.Model) -> np.ndarray:
    if isinstance(model, models.SoftmaxRegression):
        return RNG.integers(0, model.classes, len(X))
    if isinstance(model, models.LogisticRegression):
        return (RNG.random(len(X)) < 0.5).astype(np.float64)
    return RNG.normal(size=len(X))


def _central_differences(model, params, y, h=1e-6):
    grad = np.zeros_like(params)
    for i in np.ndindex(params.shape):
        e = np.zeros_like(params)
        e[i] = h
        grad[i] = (model.loss(params + e, X, y) - model.loss(params - e, X, y)) / (2 * h)
    return grad


MODELS = [
    models.LinearRegression(), models.LinearRegression(l2=0.7),
    models.LogisticRegression(), models.LogisticRegression(l2=0.3),
    models.SoftmaxRegression(classes=4), models.SoftmaxRegression(classes=4, l2=0.2),
]  # fmt: skip


@pytest.mark.parametrize("model", MODELS, ids=repr)
def test_every_models_gradient_matches_central_differences(model):
    y = _targets(model)
    params = RNG.normal(size=model.shape(X.shape[1]))
    loss, grad = model.loss_grad(params, X, y)
    assert grad.shape == params.shape
    assert loss == model.loss(params, X, y)
    np.testing.assert_allclose(grad, _central_differences(model, params, y), rtol=1e-6, atol=1e-8)


def test_the_losses_written_out_by_hand():
    w, b = np.array([0.5, -1.0, 2.0]), 0.25
    params = np.append(w, b)
    y = X @ [1.0, 2.0, 3.0]
    mse = sum((X[i] @ w + b - y[i]) ** 2 for i in range(len(X))) / len(X)
    assert models.LinearRegression().loss(params, X, y) == pytest.approx(mse, rel=1e-13)
    labels = (y > 0).astype(float)
    ce = -sum(t * np.log(1 / (1 + np.exp(-(xi @ w + b))))
              + (1 - t) * np.log(1 - 1 / (1 + np.exp(-(xi @ w + b))))
              for xi, t in zip(X, labels, strict=True)) / len(X)  # fmt: skip
    assert models.LogisticRegression().loss(params, X, labels) == pytest.approx(ce, rel=1e-12)
    penalty = 0.5 * 0.4 * (0.25 + 1 + 4)  # λ/2·‖w‖², the bias not penalized
    assert models.LinearRegression(l2=0.4).loss(params, X, y) == pytest.approx(mse + penalty)


def test_cross_entropy_stays_finite_where_log_sigmoid_would_not():
    far = np.array([[800.0], [-800.0]])
    params = np.array([1.0, 0.0])
    loss, grad = models.LogisticRegression().loss_grad(params, far, np.array([0.0, 1.0]))
    assert loss == pytest.approx(800.0)  # each example 800 nats wrong
    assert np.isfinite(grad).all()
    logits = np.array([[1000.0, 0.0, -1000.0]])
    loss, grad = models.SoftmaxRegression(classes=3).loss_grad(
        np.vstack([np.zeros((1, 3)), logits]), np.zeros((1, 1)), np.array([2])
    )
    assert loss == pytest.approx(2000.0) and np.isfinite(grad).all()
    assert models.sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist() == [0.0, 0.5, 1.0]


def test_softmax_probabilities_and_classes():
    params = RNG.normal(size=(4, 5))
    p = models.SoftmaxRegression(classes=5).predict(params, X)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    z = X @ params[:-1] + params[-1]
    np.testing.assert_array_equal(models.classify(models.SoftmaxRegression(classes=5), params, X),
                                  z.argmax(axis=1))  # fmt: skip
    y = z.argmax(axis=1)
    y[:10] = (y[:10] + 1) % 5
    assert models.accuracy(models.SoftmaxRegression(classes=5), params, X, y) == 30 / 40


def test_the_hessians_match_differences_of_the_gradient():
    for model, y in ((models.LinearRegression(l2=0.5), X[:, 0]),
                     (models.LogisticRegression(l2=0.5), (X[:, 0] > 0) * 1.0)):  # fmt: skip
        params = RNG.normal(size=4)
        columns = []
        for i in range(4):
            e = np.zeros(4)
            e[i] = 1e-6
            plus, minus = model.loss_grad(params + e, X, y)[1], model.loss_grad(params - e, X, y)[1]
            columns.append((plus - minus) / 2e-6)
        np.testing.assert_allclose(model.hessian(params, X, y), np.array(columns).T, atol=1e-7)


def test_an_l2_strength_out_of_range_is_refused():
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="L2"):
            models.LogisticRegression(l2=bad)
