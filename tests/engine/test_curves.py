"""1-D curves: derivatives, minima, parameters."""

import numpy as np
import pytest

from gdgame.engine import curves


@pytest.mark.parametrize("name", curves.names())
def test_derivatives_match_central_differences(name):
    c = curves.get(name)
    x = np.linspace(*c.domain[0], 101)
    h = 1e-6
    np.testing.assert_allclose(c.grad(x), (c.f(x + h) - c.f(x - h)) / (2 * h), atol=1e-6)
    np.testing.assert_allclose(c.hess(x), (c.grad(x + h) - c.grad(x - h)) / (2 * h), atol=1e-5)
    assert c.dim == 1 and c.title and c.description and c.formula


@pytest.mark.parametrize("name", curves.names())
def test_minima_are_the_lowest_points_of_their_wells(name):
    c = curves.get(name)
    x = np.linspace(*c.domain[0], 200_001)
    for m in c.minima:
        assert abs(c.grad(m.x)) < 1e-12 and c.hess(m.x) > 0
    lowest = min(m.value for m in c.minima)
    assert c.f(x).min() >= lowest - 1e-12
    assert [m.is_global for m in c.minima].count(True) == 1


def test_double_well_has_the_shallow_well_on_the_left():
    left, right = curves.get("double_well").minima
    assert left.x < 0 < right.x and left.value > right.value
    assert right.is_global and not left.is_global
    # x⁴ − 3x² − x: the minima are roots of 4x³ − 6x − 1 (numpy's own root finder)
    roots = sorted(r.real for r in np.roots([4, 0, -6, -1]) if abs(r.imag) < 1e-12)
    assert left.x == pytest.approx(roots[0]) and right.x == pytest.approx(roots[2])


def test_quadratic_curvature_is_its_second_derivative():
    c = curves.get("quadratic", curvature=4.0)
    assert c.hess(1.7) == 4.0 and c.f(2.0) == 8.0
    for bad in (0.0, -1.0, 1e9):
        with pytest.raises(ValueError, match="curvature"):
            curves.get("quadratic", curvature=bad)


def test_unknown_curve_is_refused():
    with pytest.raises(ValueError, match="Unknown curve"):
        curves.get("cubic")
    with pytest.raises(ValueError, match="Invalid parameters"):
        curves.get("parabola", curvature=2)


def test_curve_minima_have_no_y():
    with pytest.raises(AttributeError):
        _ = curves.get("parabola").minima[0].y
