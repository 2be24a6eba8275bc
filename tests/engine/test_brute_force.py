"""Brute force: a grid of evaluations, counted, with the best grid point."""

import numpy as np
import pytest

from gdgame.engine import brute_force, curves


def test_the_scan_evaluates_every_grid_point_once():
    scan = brute_force.grid_scan(curves.get("parabola"), 121)
    assert scan.evaluations == 121
    np.testing.assert_allclose(scan.xs, np.arange(-60, 61) / 10, atol=1e-12)
    np.testing.assert_allclose(scan.values, scan.xs**2)
    assert scan.best == pytest.approx(0.0, abs=1e-12)


def test_the_best_grid_point_is_within_half_a_spacing_of_the_deep_well():
    well = curves.get("double_well")
    deep = next(m for m in well.minima if m.is_global).x
    for n in (25, 121, 241):
        scan = brute_force.grid_scan(well, n)
        assert abs(scan.best - deep) <= 0.5 * 12 / (n - 1) + 1e-12


@pytest.mark.parametrize("n", [1, 0, 2.5, 100_001])
def test_bad_grid_sizes_are_refused(n):
    with pytest.raises(ValueError):
        brute_force.grid_scan(curves.get("parabola"), n)
