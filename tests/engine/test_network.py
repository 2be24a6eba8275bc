"""The small network: backpropagation against central differences, batched losses, the
initializations, training on TensorFlow Playground's data."""

import numpy as np
import pytest

from gdgame.engine import data, optimizers, training
from gdgame.engine.network import ACTIVATIONS, Network

RNG = np.random.default_rng(2)
X = RNG.normal(size=(25, 2))
LABELS = (X[:, 0] * X[:, 1] > 0).astype(float)


def central_differences(net, params, y, h=1e-6):
    grad = np.zeros_like(params)
    for i in range(params.size):
        e = np.zeros_like(params)
        e[i] = h
        grad[i] = (net.loss_grad(params + e, X, y)[0] - net.loss_grad(params - e, X, y)[0]) / (
            2 * h
        )
    return grad


CASES = [
    {"activation": a, "residual": r, "hidden": (4, 4, 4)}
    for a in ACTIVATIONS
    for r in (False, True)
] + [
    {"activation": "tanh", "hidden": (3, 5), "loss_kind": "squared", "l2": 0.2},
    {"activation": "sigmoid", "hidden": (4,), "outputs": 3, "l2": 0.1},
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(f"{k}={v}" for k, v in c.items()))
def test_backpropagation_matches_central_differences(case):
    net = Network(**case, init_kind="he", seed=3)
    params = net.init(2) + RNG.normal(0, 0.2, net.shape(2))
    y = RNG.integers(0, 3, len(X)) if net.outputs == 3 else (
        X[:, 0] if net.loss_kind == "squared" else LABELS)  # fmt: skip
    loss, grad = net.loss_grad(params, X, y)
    assert grad.shape == params.shape
    np.testing.assert_allclose(grad, central_differences(net, params, y), rtol=1e-6, atol=1e-8)
    many = np.stack([params, params + 0.05, params - 0.05])
    losses = net.losses(many, X, y)
    assert losses[0] == pytest.approx(loss, rel=1e-13)  # the forward pass alone, batched
    assert losses[1] == pytest.approx(net.loss_grad(many[1], X, y)[0], rel=1e-12)


def test_one_neuron_is_logistic_regression_written_out():
    net = Network(hidden=(1,), activation="linear", seed=0)
    params = np.array([0.5, -1.0, 0.2, 2.0, 0.3])  # W1 (2×1), b1, W2 (1×1), b2
    z = 2.0 * (X @ [0.5, -1.0] + 0.2) + 0.3
    expected = np.mean(np.log1p(np.exp(z)) - LABELS * z)
    assert net.loss_grad(params, X, LABELS)[0] == pytest.approx(expected, rel=1e-13)


def test_zero_initialization_keeps_every_neuron_of_a_layer_identical():
    net = Network(hidden=(4, 4), activation="tanh", init_kind="zero")
    params = net.init(2)
    run = training.train(net, optimizers.get("sgd", lr=0.5), X, LABELS, batch_size=5,
                         epochs=20, start=params)  # fmt: skip
    (W1, b1), (W2, b2), (W3, _) = net.layers(run.final, 2)
    for matrix in (W1, W2, W3.T):  # every neuron's incoming (and outgoing) weights alike
        assert np.allclose(matrix, matrix[:, :1])
    assert np.allclose(b1, b1[0]) and np.allclose(b2, b2[0])


@pytest.mark.parametrize("kind", ["uniform", "xavier", "he"])
def test_initializations_are_seeded_and_scaled(kind):
    net = Network(hidden=(8, 8), init_kind=kind, seed=5)
    params = net.init(2)
    np.testing.assert_array_equal(params, Network(hidden=(8, 8), init_kind=kind, seed=5).init(2))
    (W, b), (W2, _), _ = net.layers(params, 2)
    if kind == "uniform":  # TensorFlow Playground's
        assert np.abs(W).max() <= 0.5 and np.all(b == 0.1)
    elif kind == "xavier":
        assert np.abs(W2).max() <= np.sqrt(6 / 16) and np.all(b == 0)
    else:
        assert W2.std() == pytest.approx(np.sqrt(2 / 8), rel=0.3)


def test_residual_branches_start_smaller_so_a_deep_net_stays_sane():
    plain = Network(hidden=(16,) * 20, activation="relu", init_kind="he", seed=0)
    skips = Network(hidden=(16,) * 20, activation="relu", init_kind="he", seed=0, residual=True)
    a, b = plain.init(2), skips.init(2)
    (first, _), (second, _) = plain.layers(a, 2)[:2]
    (first_s, _), (second_s, _) = skips.layers(b, 2)[:2]
    np.testing.assert_array_equal(first, first_s)  # 2 → 16 has no skip
    np.testing.assert_allclose(second_s, second / np.sqrt(19))
    assert np.abs(skips.logits(b, X)).max() < 100


def test_a_playground_network_learns_the_spiral():
    Xs, ys = data.toy("spiral", 400, 0.0, seed=1)
    net = Network(hidden=(8,) * 6, activation="tanh", init_kind="xavier", seed=0)
    run = training.train(net, optimizers.get("adam", lr=0.01), Xs, ys, batch_size=16,
                         epochs=200, seed=0, record=False)  # fmt: skip
    assert np.mean((net.logits(run.final, Xs) > 0) == ys) >= 0.95


def test_bad_networks_are_refused():
    for kwargs in ({"activation": "swish"}, {"loss_kind": "hinge"}, {"init_kind": "orthogonal"},
                   {"hidden": (4, 0)}):  # fmt: skip
        with pytest.raises(ValueError):
            Network(**kwargs)
