"""Exact optima: least squares against NumPy's lstsq, Newton's logistic optimum, separability."""

import numpy as np
import pytest

from gdgame.engine import models, optima

RNG = np.random.default_rng(11)
X = RNG.normal(size=(80, 3))
Y = X @ [1.5, -2.0, 0.5] + 3.0 + RNG.normal(0, 0.3, 80)


def test_least_squares_is_lstsq_on_the_inputs_with_a_column_of_ones():
    expected = np.linalg.lstsq(np.column_stack([X, np.ones(80)]), Y, rcond=None)[0]
    best = optima.least_squares(X, Y)
    np.testing.assert_allclose(best.params, expected, rtol=1e-12)
    residual = X @ expected[:3] + expected[3] - Y
    assert best.loss == pytest.approx(np.mean(residual**2), rel=1e-12)


def test_ridges_optimum_has_zero_gradient_and_shrinks_the_weights():
    plain, ridge = optima.least_squares(X, Y), optima.least_squares(X, Y, l2=2.0)
    grad = models.LinearRegression(l2=2.0).loss_grad(ridge.params, X, Y)[1]
    assert np.abs(grad).max() < 1e-12
    assert np.linalg.norm(ridge.params[:3]) < np.linalg.norm(plain.params[:3])


def test_newtons_logistic_optimum_has_zero_gradient():
    labels = (X[:, 0] + RNG.normal(0, 1.0, 80) > 0).astype(float)  # overlapping classes
    for l2 in (0.0, 0.1):
        best = optima.logistic_optimum(X, labels, l2)
        assert best.finite and best.iterations < 30
        grad = models.LogisticRegression(l2=l2).loss_grad(best.params, X, labels)[1]
        assert np.abs(grad).max() < 1e-12


def test_separable_classes_have_no_finite_optimum_until_l2_gives_one():
    labels = (X[:, 0] > 0).astype(float)
    best = optima.logistic_optimum(X, labels)
    assert not best.finite and best.params is None
    assert optima.logistic_optimum(X, labels, l2=0.01).finite
