"""Analyses: learning-rate regimes, the sweep, the basin map, curvatures."""

import numpy as np
import pytest

from gdgame.engine import analysis, curves, descent, optimizers, surfaces


def test_regimes_of_a_quadratic():
    L = 4.0
    assert analysis.critical_lr(L) == 0.5
    assert analysis.regime(0.1, L) == "monotone"
    assert analysis.regime(0.25, L) == "one step"
    assert analysis.regime(0.4, L) == "oscillating"
    assert analysis.regime(0.5, L) == "stuck oscillating"
    assert analysis.regime(0.6, L) == "diverging"
    with pytest.raises(ValueError):
        analysis.critical_lr(0.0)


@pytest.mark.parametrize(
    "lr, expected", [(0.1, "monotone"), (0.3, "oscillating"), (0.7, "diverging")]
)
def test_regime_names_what_a_run_does(lr, expected):
    curve = curves.get("quadratic", curvature=4.0)
    run = descent.run(curve, optimizers.get("sgd", lr=lr), 3.0, steps=40, tol=0)
    x = run.points[:, 0]
    signs_flip = (np.sign(x[1:6]) != np.sign(x[:5])).all()
    assert analysis.regime(lr, 4.0) == expected
    assert signs_flip == (expected != "monotone")
    assert (run.status == "diverged") == (expected == "diverging")


def test_curvatures_of_the_narrow_valley_are_one_and_kappa():
    s = surfaces.get("narrow_valley", condition=40.0)
    np.testing.assert_allclose(analysis.curvatures(s, (1.0, -2.0)), [1.0, 40.0])


def test_sweep_equals_runs_one_by_one_and_peaks_at_one_over_L():
    curve = curves.get("quadratic", curvature=2.0)
    lrs = np.concatenate([np.logspace(-3, 0.3, 100), [0.5]])
    sweep = analysis.lr_sweep(curve, "sgd", lrs, start=5.0, steps=800)
    for i in (0, 30, 60, 90, 100):
        one = descent.run(curve, optimizers.get("sgd", lr=lrs[i]), 5.0, steps=800)
        assert one.steps == sweep.steps[i] and one.status == sweep.status[i]
    assert sweep.lrs[sweep.best()] == 0.5 and sweep.steps[sweep.best()] == 1
    assert (sweep.status[lrs > 1.0] == "diverged").all()
    assert (sweep.status[(lrs > 0.05) & (lrs < 0.95)] == "converged").all()


def test_sweep_refuses_bad_rates():
    for bad in ([], [0.1, -0.1], [np.nan]):
        with pytest.raises(ValueError):
            analysis.lr_sweep(curves.get("parabola"), "sgd", bad, start=1.0)


def test_basin_map_of_himmelblau_splits_the_plane_four_ways():
    s = surfaces.get("himmelblau")
    basins = analysis.basin_map(s, optimizers.get("sgd", lr=0.01), n=60, steps=500)
    assert basins.labels.shape == (60, 60)
    shares = [basins.share(i) for i in range(4)]
    assert sum(shares) == pytest.approx(1.0) and min(shares) > 0.15
    assert basins.share_global == pytest.approx(1.0)
    # spot-check labels against single runs
    for j, i in [(5, 5), (30, 40), (55, 10), (10, 50)]:
        run = descent.run(s, optimizers.get("sgd", lr=0.01), (basins.xs[i], basins.ys[j]))
        assert basins.labels[j, i] == run.minimum


def test_basin_map_finds_unlisted_minima_and_marks_divergence():
    s = surfaces.get("rastrigin")
    basins = analysis.basin_map(s, optimizers.get("sgd", lr=0.002), n=40, steps=600, tol=1e-4)
    assert len(basins.minima) > 20
    assert 0 < basins.share_global < 0.2
    for m in basins.minima[1:]:
        assert not m.is_global and m.value > 0.9
    # on x² + y², α > 1 diverges from every start but the minimum itself
    wild = analysis.basin_map(surfaces.get("sphere"), optimizers.get("sgd", lr=1.5), n=10)
    assert (wild.labels == analysis.DIVERGED).all()


def test_basin_map_refuses_bad_grid_sizes():
    for n in (1, 1000, 2.5):
        with pytest.raises(ValueError):
            analysis.basin_map(surfaces.get("sphere"), optimizers.get("sgd", lr=0.1), n=n)


def test_restart_odds_grow_with_n_as_independent_starts_predict():
    s = surfaces.get("six_hump_camel")
    odds = analysis.restart_odds(s, optimizers.get("sgd", lr=0.02), 20, 300, trials=400, seed=3)
    assert np.all(np.diff(odds.measured) >= 0)  # more starts never find it less often
    assert 0.3 < odds.single < 0.8
    predicted = odds.predicted(odds.single)
    sigma = np.sqrt(predicted * (1 - predicted) / 400) + 1e-3
    assert np.all(np.abs(odds.measured - predicted) < 4 * sigma)  # binomial noise, no more
    assert predicted[0] == pytest.approx(odds.single)


def test_global_ends_and_the_basin_share_agree():
    s = surfaces.get("himmelblau")  # four global minima: every converged start wins
    opt = optimizers.get("sgd", lr=0.01)
    basins = analysis.basin_map(s, opt, 40, 500)
    starts = np.column_stack([np.tile(basins.xs, 40), np.repeat(basins.ys, 40)])
    run = descent.run(s, opt, starts, 500, record=False)
    assert analysis.global_ends(s, run).mean() == pytest.approx(basins.share_global)


def test_states_along_a_run_replay_its_steps_and_momentum_buffer():
    s = surfaces.get("rosenbrock")
    mu, lr = 0.9, 1e-3
    opt = optimizers.get("momentum", lr=lr, momentum=mu)
    run = descent.run(s, opt, (-1.5, 2.5), 40, tol=0.0)
    buffer = np.zeros(2)
    for k in range(1, 30):  # torch: b₁ = g₀, then b ← μ b + g
        g = run.grads[k - 1]
        buffer = g.copy() if k == 1 else mu * buffer + g
        state = analysis.states_along(opt, run, k)
        np.testing.assert_allclose(state.momentum_buffer, buffer, rtol=1e-12)
        np.testing.assert_allclose(run.points[k] - run.points[k - 1], -lr * buffer, rtol=1e-9)
