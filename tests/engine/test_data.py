"""Toy data sets, splits and scalings."""

import numpy as np
import pytest

from gdgame.engine import data


@pytest.mark.parametrize("name", sorted(data.TOY_SETS))
def test_every_toy_set_is_seeded_balanced_and_on_the_playgrounds_board(name):
    X, y = data.toy(name, 300, 0.2, seed=4)
    assert X.shape == (300, 2) and y.shape == (300,) and set(y.tolist()) == {0, 1}
    assert abs(y.mean() - 0.5) < 0.1  # noise moves some of TFP's points across
    assert np.abs(X).max() < 8  # TensorFlow Playground draws [-6, 6]²
    again, labels = data.toy(name, 300, 0.2, seed=4)
    np.testing.assert_array_equal(X, again)
    np.testing.assert_array_equal(y, labels)
    assert not np.array_equal(X, data.toy(name, 300, 0.2, seed=5)[0])


def test_the_noiseless_sets_follow_their_rules():
    X, y = data.toy("xor", 400, 0.0, seed=1)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] >= 0).astype(int))
    assert np.abs(X).min() >= 0.3  # TFP's padding keeps points off the axes
    X, y = data.toy("circle", 400, 0.0, seed=1)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 1].max() <= 2.5 and r[y == 0].min() >= 3.5
    X, y = data.toy("gauss", 400, 0.0, seed=1)
    assert X[y == 1].mean(axis=0) == pytest.approx([2, 2], abs=0.2)
    assert X[y == 0].mean(axis=0) == pytest.approx([-2, -2], abs=0.2)


def test_bad_toy_requests_are_refused():
    with pytest.raises(ValueError, match="Unknown data set"):
        data.toy("swirl")
    for kwargs in ({"n": 1}, {"noise": 0.6}, {"noise": float("nan")}, {"seed": -1}):
        with pytest.raises(ValueError):
            data.toy("moons", **kwargs)


def test_a_split_is_seeded_disjoint_and_complete():
    train, test = data.split(100, 0.25, seed=3)
    assert len(test) == 25 and len(train) == 75
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(100))
    np.testing.assert_array_equal(test, data.split(100, 0.25, seed=3)[1])


def test_scalings_centre_and_standardize_each_column():
    x = np.column_stack([np.arange(10.0), np.full(10, 4.0)])
    np.testing.assert_array_equal(data.scaled(x, "raw"), x)
    centred = data.scaled(x, "centred")
    np.testing.assert_allclose(centred.mean(axis=0), 0, atol=1e-15)
    standard = data.scaled(x, "standardized")
    assert standard[:, 0].std() == pytest.approx(1.0)
    np.testing.assert_array_equal(standard[:, 1], 0.0)  # a constant column is only centred
    with pytest.raises(ValueError, match="scaling"):
        data.scaled(x, "normalized")
