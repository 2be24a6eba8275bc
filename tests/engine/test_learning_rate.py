"""The learning-rate analyses: the regimes of a quadratic, the sweep."""

import numpy as np
import pytest

from gdgame.engine import curves, descent, learning_rate, optimizers


def test_regimes_of_a_quadratic():
    L = 4.0
    assert learning_rate.critical_lr(L) == 0.5
    assert learning_rate.regime(0.1, L) == "monotone"
    assert learning_rate.regime(0.25, L) == "one step"
    assert learning_rate.regime(0.4, L) == "oscillating"
    assert learning_rate.regime(0.5, L) == "stuck oscillating"
    assert learning_rate.regime(0.6, L) == "diverging"
    with pytest.raises(ValueError):
        learning_rate.critical_lr(0.0)


@pytest.mark.parametrize(
    "lr, expected", [(0.1, "monotone"), (0.3, "oscillating"), (0.7, "diverging")]
)
def test_regime_names_what_a_run_does(lr, expected):
    curve = curves.get("quadratic", curvature=4.0)
    run = descent.run(curve, optimizers.get("sgd", lr=lr), 3.0, steps=40, tol=0)
    x = run.points[:, 0]
    signs_flip = (np.sign(x[1:6]) != np.sign(x[:5])).all()
    assert learning_rate.regime(lr, 4.0) == expected
    assert signs_flip == (expected != "monotone")
    assert (run.status == "diverged") == (expected == "diverging")


def test_sweep_equals_runs_one_by_one_and_peaks_at_one_over_L():
    curve = curves.get("quadratic", curvature=2.0)
    lrs = np.concatenate([np.logspace(-3, 0.3, 100), [0.5]])
    sweep = learning_rate.lr_sweep(curve, "sgd", lrs, start=5.0, steps=800)
    for i in (0, 30, 60, 90, 100):
        one = descent.run(curve, optimizers.get("sgd", lr=lrs[i]), 5.0, steps=800)
        assert one.steps == sweep.steps[i] and one.status == sweep.status[i]
    assert sweep.lrs[sweep.best()] == 0.5 and sweep.steps[sweep.best()] == 1
    assert (sweep.status[lrs > 1.0] == "diverged").all()
    assert (sweep.status[(lrs > 0.05) & (lrs < 0.95)] == "converged").all()


def test_sweep_refuses_bad_rates():
    for bad in ([], [0.1, -0.1], [np.nan]):
        with pytest.raises(ValueError):
            learning_rate.lr_sweep(curves.get("parabola"), "sgd", bad, start=1.0)


def test_the_sharpest_minimum_and_the_typical_curvature_of_a_known_surface():
    from gdgame.engine.formula import surface_from

    # 2x² + 10y² on a box: Hessian diag(4, 20) everywhere, one minimum at the origin
    valley = surface_from("2*x^2 + 10*y^2", ((-3.0, 3.0), (-2.0, 2.0)))
    at, bends = learning_rate.sharpest_minimum(valley)
    np.testing.assert_allclose(at, (0.0, 0.0), atol=1e-9)
    np.testing.assert_allclose(bends, (4.0, 20.0))
    assert learning_rate.typical_curvature(valley) == pytest.approx(20.0)
    assert learning_rate.sharpest_minimum(surface_from("x + y")) is None
    assert learning_rate.typical_curvature(surface_from("sqrt(-x^2 - 1)")) == 0.0  # no finite f″
