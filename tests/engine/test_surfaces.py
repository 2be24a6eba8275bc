"""Surfaces against central differences, published minima and an independent grid search."""

import numpy as np
import pytest

from gdgame.engine import surfaces
from gdgame.engine.newton import find_minima

NAMES = surfaces.names()
CLASSIC = [
    "sphere", "booth", "matyas", "rosenbrock", "himmelblau", "beale", "three_hump_camel",
    "six_hump_camel", "rastrigin", "ackley", "styblinski_tang", "goldstein_price", "mccormick",
    "easom", "levy",
]  # fmt: skip

# Published global minima: (location, decimals the location is given to, value, value tol).
# Surjanovic & Bingham, Virtual Library of Simulation Experiments (sfu.ca/~ssurjano), and
# Himmelblau, Applied Nonlinear Programming (1972) for Himmelblau's four.
PUBLISHED = {
    "sphere": [((0, 0), 6, 0.0, 1e-12)],
    "booth": [((1, 3), 6, 0.0, 1e-12)],
    "matyas": [((0, 0), 6, 0.0, 1e-12)],
    "rosenbrock": [((1, 1), 6, 0.0, 1e-12)],
    "himmelblau": [
        ((3.0, 2.0), 6, 0.0, 1e-9),
        ((-2.805118, 3.131312), 6, 0.0, 1e-9),
        ((-3.779310, -3.283186), 6, 0.0, 1e-9),
        ((3.584428, -1.848126), 6, 0.0, 1e-9),
    ],
    "beale": [((3, 0.5), 6, 0.0, 1e-12)],
    "three_hump_camel": [((0, 0), 6, 0.0, 1e-12)],
    "six_hump_camel": [
        ((0.0898, -0.7126), 4, -1.0316, 1e-4),
        ((-0.0898, 0.7126), 4, -1.0316, 1e-4),
    ],
    "rastrigin": [((0, 0), 6, 0.0, 1e-12)],
    "ackley": [((0, 0), 6, 0.0, 1e-12)],
    # The library's −39.16599·d is 1.7e-4 per dimension above the true −39.166166·d.
    "styblinski_tang": [((-2.903534, -2.903534), 6, -39.16599 * 2, 5e-4)],
    "goldstein_price": [((0, -1), 6, 3.0, 1e-12)],
    "mccormick": [((-0.54719, -1.54719), 5, -1.9133, 1e-4)],
    "easom": [((np.pi, np.pi), 6, -1.0, 1e-12)],
    "levy": [((1, 1), 6, 0.0, 1e-12)],
}


def random_points(s, n=400, seed=0):
    rng = np.random.default_rng(seed)
    (x0, x1), (y0, y1) = s.domain
    return rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)


def test_registry_has_every_classic_function_and_the_teaching_surfaces():
    assert set(CLASSIC) <= set(NAMES)
    assert {
        "narrow_valley",
        "two_valleys",
        "saddle",
        "plateau",
        "random_terrain",
    } <= set(NAMES)
    assert set(PUBLISHED) == set(CLASSIC)


def test_unknown_name_and_bad_parameters_raise_value_error():
    with pytest.raises(ValueError, match="Unknown surface"):
        surfaces.get("nope")
    with pytest.raises(ValueError, match="Invalid parameters"):
        surfaces.get("himmelblau", condition=3)
    with pytest.raises(ValueError, match="condition number"):
        surfaces.get("narrow_valley", condition=0.5)
    for seed in (-1, 2**32, 1.5, "7", True):
        with pytest.raises(ValueError, match="seed"):
            surfaces.get("random_terrain", seed=seed)


@pytest.mark.parametrize("name", NAMES)
def test_metadata_is_complete(name):
    s = surfaces.get(name)
    assert s.name == name and s.title and s.formula
    assert s.description.endswith(".") and s.description.count(". ") == 0
    (x0, x1), (y0, y1) = s.domain
    assert x0 < x1 and y0 < y1
    assert x0 <= s.start[0] <= x1 and y0 <= s.start[1] <= y1
    assert any(m.is_global for m in s.minima)


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_central_differences(name):
    s = surfaces.get(name)
    x, y = random_points(s)
    h = 1e-6 * np.maximum(1.0, np.abs(x)), 1e-6 * np.maximum(1.0, np.abs(y))
    fdx = (s.f(x + h[0], y) - s.f(x - h[0], y)) / (2 * h[0])
    fdy = (s.f(x, y + h[1]) - s.f(x, y - h[1])) / (2 * h[1])
    gx, gy = s.grad(x, y)
    scale = np.abs(s.f(x, y)) + 1.0
    np.testing.assert_allclose(gx, fdx, rtol=1e-5, atol=1e-6 * scale.max())
    np.testing.assert_allclose(gy, fdy, rtol=1e-5, atol=1e-6 * scale.max())


@pytest.mark.parametrize("name", NAMES)
def test_hessian_matches_differences_of_the_gradient(name):
    s = surfaces.get(name)
    x, y = random_points(s, seed=1)
    h = 1e-4
    gxp, gyp = s.grad(x + h, y)
    gxm, gym = s.grad(x - h, y)
    fxx, fyx = (gxp - gxm) / (2 * h), (gyp - gym) / (2 * h)
    gxp, gyp = s.grad(x, y + h)
    gxm, gym = s.grad(x, y - h)
    fxy, fyy = (gxp - gxm) / (2 * h), (gyp - gym) / (2 * h)
    hxx, hxy, hyy = s.hess(x, y)
    assert hxx.shape == x.shape
    atol = 1e-4 * (1 + np.abs(hxx).max() + np.abs(hyy).max())
    np.testing.assert_allclose(hxx, fxx, rtol=1e-4, atol=atol)
    np.testing.assert_allclose(hyy, fyy, rtol=1e-4, atol=atol)
    np.testing.assert_allclose(hxy, 0.5 * (fxy + fyx), rtol=1e-4, atol=atol)


FAST = [n for n in NAMES if surfaces.get(n).grad_into_fn or surfaces.get(n).value_fn]


def test_the_surfaces_descent_runs_most_have_fast_paths():
    assert {"himmelblau", "rosenbrock"} <= set(FAST)


@pytest.mark.parametrize("name", FAST)
def test_fast_paths_equal_the_fused_formula_exactly(name):
    s = surfaces.get(name)
    x, y = random_points(s, n=1000, seed=2)
    f, gx, gy = s.terms(x, y)
    if s.grad_into_fn is not None:  # a typed formula has a fast value only
        out = np.empty((2, x.size))
        s.grad_into(np.stack([x, y]), out)
        np.testing.assert_array_equal(out[0], gx)
        np.testing.assert_array_equal(out[1], gy)
    np.testing.assert_array_equal(s.f(x, y), f)
    np.testing.assert_array_equal(s.loss(np.stack([x, y])), f)


@pytest.mark.parametrize("name", NAMES)
def test_f_and_grad_broadcast_over_any_shape(name):
    s = surfaces.get(name)
    x = np.linspace(*s.domain[0], 12).reshape(3, 4)
    y = np.linspace(*s.domain[1], 12).reshape(3, 4)
    assert s.f(x, y).shape == (3, 4)
    assert all(g.shape == (3, 4) for g in s.grad(x, y))
    assert np.ndim(s.f(0.1, 0.2)) == 0


@pytest.mark.parametrize("name", CLASSIC)
def test_published_minima(name):
    s = surfaces.get(name)
    for location, decimals, value, tol in PUBLISHED[name]:
        assert s.f(*location) == pytest.approx(value, abs=tol)
        ours = min(
            s.global_minima,
            key=lambda m: np.hypot(m.x - location[0], m.y - location[1]),
        )
        assert abs(ours.x - location[0]) < 10**-decimals  # rounded or truncated
        assert abs(ours.y - location[1]) < 10**-decimals
        assert ours.value == pytest.approx(value, abs=tol)


@pytest.mark.parametrize("name", NAMES)
def test_listed_minima_are_stationary_and_curve_upward(name):
    s = surfaces.get(name)
    for m in s.minima:
        gx, gy = s.grad(m.x, m.y)
        assert np.hypot(gx, gy) < 1e-7 * max(1.0, abs(m.value))
        assert s.f(m.x, m.y) == m.value
        if name == "ackley":  # a cone tip: no Hessian, but strictly lower than a ring around it
            t = np.linspace(0, 2 * np.pi, 64)
            assert (s.f(m.x + 1e-3 * np.cos(t), m.y + 1e-3 * np.sin(t)) > m.value).all()
            continue
        hxx, hxy, hyy = s.hess(m.x, m.y)
        assert hxx > 0 and hxx * hyy - hxy * hxy > 0


@pytest.mark.parametrize("name", NAMES)
def test_global_minimum_is_the_lowest_value_on_a_fine_grid(name):
    s = surfaces.get(name)
    (x0, x1), (y0, y1) = s.domain
    gx, gy = np.meshgrid(np.linspace(x0, x1, 801), np.linspace(y0, y1, 801))
    grid_min = s.f(gx, gy).min()
    lowest = min(m.value for m in s.minima)
    assert all(m.value == pytest.approx(lowest, abs=1e-9) for m in s.global_minima)
    assert lowest <= grid_min + 1e-12
    assert grid_min - lowest < 0.05 * (1 + abs(lowest))  # the grid gets close to it


@pytest.mark.parametrize("name", [n for n in NAMES if surfaces.get(n).minima_complete])
def test_complete_lists_match_a_numerical_search(name):
    s = surfaces.get(name)
    found = find_minima(s, n=64)
    assert len(found) == len(s.minima)
    for f in found:
        match = [m for m in s.minima if np.hypot(m.x - f.x, m.y - f.y) < 1e-6]
        assert len(match) == 1 and match[0].is_global == f.is_global


def test_surfaces_with_dozens_of_minima_say_so():
    for name in ("rastrigin", "ackley", "easom", "levy"):
        s = surfaces.get(name)
        assert not s.minima_complete
        assert len(find_minima(s, n=48)) > 5


def test_narrow_valley_curvatures_are_one_and_the_condition_number():
    for kappa in (1.0, 10.0, 250.0):
        s = surfaces.get("narrow_valley", condition=kappa)
        assert s.hess(0.3, -0.2) == (1.0, 0.0, kappa)


def test_two_valleys_puts_the_shallow_minimum_between_start_and_global():
    s = surfaces.get("two_valleys")
    shallow = next(m for m in s.minima if not m.is_global)
    deep = next(m for m in s.minima if m.is_global)
    assert s.start[0] < shallow.x < deep.x and shallow.value > deep.value


def test_saddle_and_plateau_have_a_vanishing_gradient_away_from_any_minimum():
    s = surfaces.get("saddle")
    hxx, hxy, hyy = s.hess(0.0, 0.0)
    assert s.grad(0.0, 0.0) == (0.0, 0.0) and hxx * hyy - hxy * hxy < 0
    p = surfaces.get("plateau")
    assert np.hypot(*p.grad(3.5, 3.5)) < 1e-4 < p.f(3.5, 3.5) - p.global_minima[0].value


def test_random_terrain_is_reproducible_per_seed():
    a, b = (
        surfaces.get("random_terrain", seed=7),
        surfaces.get("random_terrain", seed=8),
    )
    x, y = random_points(a, n=50)
    again = surfaces.get("random_terrain", seed=np.int64(7))
    np.testing.assert_array_equal(a.f(x, y), again.f(x, y))
    assert not np.allclose(a.f(x, y), b.f(x, y))
    assert a.title.endswith("#7")
