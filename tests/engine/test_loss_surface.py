"""A one-feature model's loss over (w, b): equal to the model's loss, exact optimum, curvature."""

import numpy as np
import pytest

from gdgame.engine import descent, loss_surface, models, optima, optimizers

RNG = np.random.default_rng(5)
x = RNG.uniform(3, 50, 120)  # a bill-like feature: far from zero, so the valley is thin
y = 0.1 * x + 1.0 + RNG.normal(0, 1.0, 120)
DOMAIN = ((-1.0, 1.0), (-2.0, 4.0))


def test_the_line_fits_surface_from_sums_equals_the_models_loss_everywhere():
    surface = loss_surface.line_fit(x, y, DOMAIN, l2=0.3)
    model = models.LinearRegression(l2=0.3)
    w, b = RNG.uniform(-1, 1, 50), RNG.uniform(-2, 4, 50)
    values = surface.f(w, b)
    gw, gb = surface.grad(w, b)
    for i in range(50):
        loss, grad = model.loss_grad(np.array([w[i], b[i]]), x[:, None], y)
        assert values[i] == pytest.approx(loss, rel=1e-10)
        np.testing.assert_allclose([gw[i], gb[i]], grad, rtol=1e-9, atol=1e-9)


def test_its_minimum_is_the_least_squares_fit_and_its_curvatures_the_hessians():
    surface = loss_surface.line_fit(x, y, DOMAIN)
    expected = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)[0]
    (best,) = surface.minima
    np.testing.assert_allclose(best.location, expected, rtol=1e-12)
    A = np.column_stack([x, np.ones_like(x)])
    np.testing.assert_allclose(surface.curvatures(best.location),
                               np.linalg.eigvalsh(2 * A.T @ A / len(x)), rtol=1e-12)  # fmt: skip


def test_descent_on_the_surface_reaches_the_fit():
    surface = loss_surface.line_fit(x, y, DOMAIN)
    lr = 1.0 / surface.curvatures(surface.minima[0].location)[-1]
    run = descent.run(surface, optimizers.get("adam", lr=0.05), start=(-0.5, 3.0), steps=5000)
    assert run.status == descent.CONVERGED
    np.testing.assert_allclose(run.final, surface.minima[0].location, atol=1e-4)
    assert lr > 0


def test_the_logistic_surface_equals_the_models_loss_and_has_newtons_optimum():
    labels = (x + RNG.normal(0, 8, 120) > 25).astype(float)
    xs = (x - x.mean()) / x.std()
    surface = loss_surface.logistic_fit(xs, labels, ((-5.0, 5.0), (-5.0, 5.0)))
    model = models.LogisticRegression()
    for w, b in ((0.3, -1.0), (2.0, 0.5), (-4.0, 4.0)):
        loss, grad = model.loss_grad(np.array([w, b]), xs[:, None], labels)
        assert surface.f(w, b) == pytest.approx(loss, rel=1e-13)
        np.testing.assert_allclose(surface.grad(w, b), grad, rtol=1e-12)
        np.testing.assert_allclose(np.diag(surface.hessian(np.array([[w], [b]]))[..., 0]),
                                   np.diag(model.hessian(np.array([w, b]), xs[:, None], labels)),
                                   rtol=1e-12)  # fmt: skip
    (best,) = surface.minima
    np.testing.assert_allclose(best.location, optima.logistic_optimum(xs[:, None], labels).params)


def test_the_logistic_surfaces_fast_paths_equal_its_terms_to_the_bit():
    labels = (x + RNG.normal(0, 8, 120) > 25).astype(float)
    surface = loss_surface.logistic_fit((x - x.mean()) / x.std(), labels, DOMAIN, l2=0.2)
    p = np.stack([RNG.uniform(-1, 1, 7), RNG.uniform(-2, 4, 7)])
    loss, gw, gb = surface.terms(p[0], p[1])
    g = np.empty_like(p)
    surface.grad_into(p, g)
    np.testing.assert_array_equal(g, np.stack([gw, gb]))
    np.testing.assert_array_equal(surface.loss(p), loss)


def test_separable_classes_leave_the_logistic_surface_without_a_minimum():
    surface = loss_surface.logistic_fit(x, (x > 25).astype(float), ((-5.0, 5.0), (-5.0, 5.0)))
    assert surface.minima == ()
    assert loss_surface.logistic_fit(x, (x > 25).astype(float), ((-5.0, 5.0), (-5.0, 5.0)),
                                     l2=0.1).minima != ()  # fmt: skip


def test_bad_data_is_refused():
    with pytest.raises(ValueError):
        loss_surface.line_fit([1.0, np.nan], [1.0, 2.0], DOMAIN)
    with pytest.raises(ValueError):
        loss_surface.line_fit([1.0, 2.0], [1.0], DOMAIN)
