"""Loss landscapes: filter normalization, the plane through a trained network, local minima."""

import numpy as np
import pytest

from gdgame.engine import loss_landscape
from gdgame.engine.network import Network

RNG = np.random.default_rng(4)
X = RNG.normal(size=(40, 2))
Y = (X[:, 0] > X[:, 1]).astype(float)


def test_each_neuron_of_a_direction_has_the_networks_norm_and_no_bias():
    net = Network(hidden=(6, 6), activation="relu", init_kind="he", seed=1)
    params = net.init(2)
    direction = loss_landscape.filter_normalized(net, params, 2, np.random.default_rng(0))
    for (W, _), (D, E) in zip(net.layers(params, 2), net.layers(direction, 2), strict=True):
        np.testing.assert_allclose(np.linalg.norm(D, axis=0), np.linalg.norm(W, axis=0))
        assert not E.any()
        assert not np.allclose(D, W)  # a random direction, not the weights themselves


def test_the_planes_centre_is_the_trained_loss():
    net = Network(hidden=(5,), activation="tanh", seed=2)
    params = net.init(2)
    plane = loss_landscape.plane(net, params, X, Y, seed=3, n=11)
    assert plane.losses.shape == (11, 11) and plane.a[5] == 0
    assert plane.losses[5, 5] == pytest.approx(net.loss_grad(params, X, Y)[0], rel=1e-12)
    assert plane.centre == pytest.approx(plane.losses[5, 5], rel=1e-12)
    again = loss_landscape.plane(net, params, X, Y, seed=3, n=11)
    np.testing.assert_array_equal(plane.losses, again.losses)


def test_local_minima_are_counted_on_planes_built_to_have_them():
    a = np.linspace(-1, 1, 41)
    A, B = np.meshgrid(a, a)
    bowl = A**2 + B**2
    assert loss_landscape.local_minima(bowl).sum() == 1
    wells = np.cos(3 * np.pi * A) * np.cos(3 * np.pi * B) + 0.01 * (A**2 + B**2)
    found = loss_landscape.local_minima(wells)
    # cos 3πa is 1 at a = 0, ±2/3 and −1 at a = ±1/3, ±1: the product is −1 at 3 × 4 + 4 × 3
    assert found.sum() == 24
    ramp = A + 2 * B
    assert loss_landscape.local_minima(ramp).sum() == 1  # the lowest corner
    flat = np.zeros((5, 5))
    assert loss_landscape.local_minima(flat).sum() == 0  # ties are no minimum
    broken = bowl.copy()
    broken[20, 20] = np.nan
    assert not loss_landscape.local_minima(broken)[20, 20]
