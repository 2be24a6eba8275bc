"""What every landscape has: the one test of "on the map", the clamp, curvatures, pickling."""

import pickle

import numpy as np
import pytest

from gdgame.engine import curves, surfaces
from gdgame.engine.landscape import Surface

CAMEL = surfaces.get("six_hump_camel")  # domain x in [-3, 3], y in [-2, 2]


def test_contains_takes_the_edges_and_refuses_what_is_off_the_map_or_not_finite():
    points = np.array([[-3.0, 3.0, 0.0, 3.0001, 0.0, np.nan, np.inf],
                       [2.0, -2.0, 0.0, 0.0, -2.0001, 0.0, 0.0]])  # fmt: skip
    np.testing.assert_array_equal(
        CAMEL.contains(points), [True, True, True, False, False, False, False]
    )
    assert CAMEL.contains(np.zeros((2, 3, 4))).shape == (3, 4)
    assert curves.get("parabola").contains(np.array([[6.0, -6.5]])).tolist() == [True, False]


def test_clamp_moves_each_coordinate_onto_the_domain_and_leaves_the_input_alone():
    points = np.array([[-7.0, 1.5, 9.0], [0.5, 5.0, -3.0]])
    before = points.copy()
    np.testing.assert_array_equal(CAMEL.clamp(points), [[-3.0, 1.5, 3.0], [0.5, 2.0, -2.0]])
    np.testing.assert_array_equal(points, before)
    assert CAMEL.contains(CAMEL.clamp(np.random.default_rng(0).normal(0, 9, (2, 500)))).all()


def test_curvatures_of_the_narrow_valley_are_one_and_kappa():
    s = surfaces.get("narrow_valley", condition=40.0)
    np.testing.assert_allclose(s.curvatures((1.0, -2.0)), [1.0, 40.0])
    np.testing.assert_allclose(curves.get("double_well").curvatures(1.0), [12.0 - 6.0])


@pytest.mark.parametrize("name, params", [("himmelblau", {}), ("random_terrain", {"seed": 11}),
                                          ("narrow_valley", {"condition": 25.0})])  # fmt: skip
def test_registry_landscapes_pickle_as_their_name_and_parameters(name, params):
    s = surfaces.get(name, **params)
    assert pickle.loads(pickle.dumps(s)) is s
    assert len(pickle.dumps(s)) < 300  # a name and parameters, not the functions or minima
    assert pickle.loads(pickle.dumps(curves.get("quadratic", curvature=3.0))).f(2.0) == 6.0


def test_a_landscape_built_outside_the_registries_refuses_to_pickle():
    own = Surface("himmelblau", "Mine", "A copy.", "f", CAMEL.domain, (), True, (0.0, 0.0),
                  terms=CAMEL.terms)  # fmt: skip
    with pytest.raises(TypeError, match="Mine"):
        pickle.dumps(own)


def test_points_are_matched_to_the_known_minimum_within_the_radius():
    s = surfaces.get("himmelblau")  # minima at (3, 2), (−2.805, 3.131), (−3.779, −3.283), …
    # 2 % of the width 10 is 0.2; the closest two minima are over 4 apart, so 0.2 it is
    assert s.match_radius == pytest.approx(0.2)
    at_three_two = next(i for i, m in enumerate(s.minima) if round(m.x) == 3 and round(m.y) == 2)
    labels = s.nearest_minimum([[3.1, 2.1], [3.0, 2.3], [0.0, 0.0]])
    assert labels.tolist() == [at_three_two, -1, -1]  # 0.14 away: found; 0.3 away: not
    assert s.nearest_minimum([[3.0, 2.3]], radius=0.5).tolist() == [at_three_two]
    well = curves.get("double_well")  # minima 2.6 apart on a width of 5: 0.1
    assert well.match_radius == pytest.approx(0.1)


def test_a_landscape_still_pickles_after_the_registrys_cache_has_moved_on():
    first = surfaces.get("narrow_valley", condition=2.0)
    for condition in np.linspace(3.0, 90.0, 70):  # more than the registry's cache keeps
        surfaces.get("narrow_valley", condition=float(condition))
    again = pickle.loads(pickle.dumps(first))
    assert again.params == first.params and again.f(1.0, 1.0) == first.f(1.0, 1.0)
