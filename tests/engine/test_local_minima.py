"""The local-minima analyses: the basin map, restart odds, global ends."""

import numpy as np
import pytest

from gdgame.engine import descent, local_minima, optimizers, surfaces


def test_basin_map_of_himmelblau_splits_the_plane_four_ways():
    s = surfaces.get("himmelblau")
    basins = local_minima.basin_map(s, optimizers.get("sgd", lr=0.01), n=60, steps=500)
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
    basins = local_minima.basin_map(s, optimizers.get("sgd", lr=0.002), n=40, steps=600, tol=1e-4)
    assert len(basins.minima) > 20
    assert 0 < basins.share_global < 0.2
    for m in basins.minima[1:]:
        assert not m.is_global and m.value > 0.9
    # on x² + y², α > 1 diverges from every start but the minimum itself
    wild = local_minima.basin_map(surfaces.get("sphere"), optimizers.get("sgd", lr=1.5), n=10)
    assert (wild.labels == local_minima.LABEL_DIVERGED).all()


def test_basin_map_refuses_bad_grid_sizes():
    for n in (1, 1000, 2.5):
        with pytest.raises(ValueError):
            local_minima.basin_map(surfaces.get("sphere"), optimizers.get("sgd", lr=0.1), n=n)


def test_restart_odds_grow_with_n_as_independent_starts_predict():
    s = surfaces.get("six_hump_camel")
    odds = local_minima.restart_odds(s, optimizers.get("sgd", lr=0.02), 20, 300, trials=400, seed=3)
    assert np.all(np.diff(odds.measured) >= 0)  # more starts never find it less often
    assert 0.3 < odds.single < 0.8
    predicted = odds.predicted(odds.single)
    sigma = np.sqrt(predicted * (1 - predicted) / 400) + 1e-3
    assert np.all(np.abs(odds.measured - predicted) < 4 * sigma)  # binomial noise, no more
    assert predicted[0] == pytest.approx(odds.single)


def test_global_ends_and_the_basin_share_agree():
    s = surfaces.get("himmelblau")  # four global minima: every converged start wins
    opt = optimizers.get("sgd", lr=0.01)
    basins = local_minima.basin_map(s, opt, 40, 500)
    starts = np.column_stack([np.tile(basins.xs, 40), np.repeat(basins.ys, 40)])
    run = descent.run(s, opt, starts, 500, record=False)
    assert local_minima.global_ends(s, run).mean() == pytest.approx(basins.share_global)


def test_minima_the_runs_find_as_low_as_the_lowest_are_global_and_ends_off_the_map_are_none():
    from gdgame.engine.formula import surface_from

    s = surface_from("sin(x)*cos(y)", ((-4.0, 5.0), (-5.0, 5.0)))
    basins = local_minima.basin_map(s, optimizers.get("sgd", lr=0.1), 60, 300)
    # sin x cos y = −1 at (−π/2 + 2kπ, 2jπ) and (π/2 + 2kπ, (2j + 1)π): on this map, four
    on_map = [(-np.pi / 2, 0.0), (np.pi / 2, -np.pi), (np.pi / 2, np.pi), (3 * np.pi / 2, 0.0)]
    found = sorted((m.x, m.y) for m in basins.minima)
    np.testing.assert_allclose(found, sorted(on_map), atol=1e-6)
    assert all(m.is_global for m in basins.minima)
    assert basins.share_global + float(np.mean(basins.labels == local_minima.LABEL_NONE)) == 1.0
    assert 0 < float(np.mean(basins.labels == local_minima.LABEL_NONE)) < 0.5  # off the map
