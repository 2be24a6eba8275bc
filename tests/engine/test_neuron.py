"""One neuron's graph: CS231n's published numbers, the chain rule written out by hand here,
every partial against central differences, the squared error's gradient, one step downhill."""

import math

import numpy as np
import pytest

from gdgame.engine import neuron

X, W = (-1.0, -2.0), (2.0, -3.0, -3.0)  # CS231n's example


def by_hand(x, w, y=None):
    """σ, and the output's gradient over (w₀, x₀, w₁, x₁, w₂), from the formulas written out."""
    z = w[0] * x[0] + w[1] * x[1] + w[2]
    s = 1.0 / (1.0 + math.exp(-z))
    up = s * (1.0 - s) * (1.0 if y is None else 2.0 * (s - y))  # ∂out/∂z
    out = s if y is None else (s - y) ** 2
    return out, {"w0": up * x[0], "x0": up * w[0], "w1": up * x[1], "x1": up * w[1], "w2": up}


def central(f, theta, i, h=1e-6):
    up, down = np.array(theta, float), np.array(theta, float)
    up[i] += h
    down[i] -= h
    return (f(up) - f(down)) / (2 * h)


def test_cs231n_neuron_to_two_decimals():
    g = neuron.graph(X, W)
    assert round(g.output.value, 2) == 0.73
    assert [round(g.grads[k], 2) for k in ("x0", "x1")] == [0.39, -0.59]
    assert [round(g.grads[k], 2) for k in ("w0", "w1", "w2")] == [-0.2, -0.39, 0.2]


def test_cs231n_neuron_exactly_as_the_formulas_give_it():
    g = neuron.graph(X, W)
    sigma = 1.0 / (1.0 + math.exp(-1.0))  # z = 2·(−1) + (−3)·(−2) − 3 = 1
    local = sigma * (1.0 - sigma)
    assert g.output.value == pytest.approx(sigma, rel=1e-15)
    expected = {"w0": -local, "x0": 2 * local, "w1": -2 * local, "x1": -3 * local, "w2": local}
    for name, value in expected.items():
        assert g.grads[name] == pytest.approx(value, rel=1e-14), name


def test_every_node_holds_value_local_derivative_upstream_and_their_product():
    g = neuron.graph(X, W)
    assert [n.name for n in g.nodes] == ["m0", "m1", "sum", "z", "sigma"]
    m0, m1, s, z, sig = g.nodes
    assert (m0.value, m1.value, s.value, z.value) == (-2.0, 6.0, 4.0, 1.0)
    assert m0.local == (-1.0, 2.0) and m1.local == (-2.0, -3.0)  # (x, w) for inputs (w, x)
    assert s.local == z.local == (1.0, 1.0)
    assert sig.upstream == 1.0  # the output's gradient with respect to itself
    local = sig.value * (1 - sig.value)
    assert sig.local == pytest.approx((local,))
    for node in (z, s, m0, m1):
        assert node.upstream == pytest.approx(local, rel=1e-15)
    assert m0.products == pytest.approx((-local, 2 * local))
    for node in g.nodes:  # what each node hands back is each input's gradient
        for name, product in zip(node.inputs, node.products, strict=True):
            assert g.grads[name] == product


@pytest.mark.parametrize("y", [None, 1.0, 0.0, 0.3])
@pytest.mark.parametrize("x, w", [(X, W), ((0.5, 1.5), (-0.7, 0.2, 0.4)),
                                  ((3.0, -4.0), (1.2, 0.9, -2.5))])  # fmt: skip
def test_every_partial_against_central_differences(x, w, y):
    g = neuron.graph(x, w, y)
    theta = [w[0], x[0], w[1], x[1], w[2]]  # LEAVES order

    def f(t):
        return by_hand((t[1], t[3]), (t[0], t[2], t[4]), y)[0]

    for i, name in enumerate(neuron.LEAVES):
        assert g.grads[name] == pytest.approx(central(f, theta, i), abs=1e-8), name
        assert g.grads[name] == pytest.approx(by_hand(x, w, y)[1][name], rel=1e-12), name


def test_the_squared_error_adds_one_node_and_scales_every_gradient_by_its_derivative():
    y = 1.0
    g, plain = neuron.graph(X, W, y), neuron.graph(X, W)
    sigma = 1.0 / (1.0 + math.exp(-1.0))
    assert g.output.name == "loss" and g.output.value == pytest.approx((sigma - y) ** 2)
    assert g.output.local == pytest.approx((2 * (sigma - y),))
    assert g.node("sigma").upstream == pytest.approx(2 * (sigma - y))
    for name in neuron.LEAVES:  # ∂L/∂θ = 2(σ − y)·∂σ/∂θ
        assert g.grads[name] == pytest.approx(2 * (sigma - y) * plain.grads[name], rel=1e-14)
    assert g.grads["w0"] == pytest.approx(0.1058, abs=1e-4)


@pytest.mark.parametrize("wrt", neuron.LEAVES)
def test_the_check_agrees_with_backprop_and_a_large_step_does_not(wrt):
    c = neuron.check(X, W, 1.0, wrt)
    _, grads = by_hand(X, W, 1.0)
    assert c.backprop == pytest.approx(grads[wrt], rel=1e-12)
    assert abs(c.difference) < 1e-9 and c.numeric == (c.above - c.below) / (2 * c.h)
    rough = neuron.check(X, W, 1.0, wrt, h=0.5)
    assert abs(rough.difference) > 1e-4  # O(h²): a big h misses


def test_one_small_step_lowers_the_loss_by_about_alpha_times_the_gradient_squared():
    lr = 0.01
    step = neuron.gradient_step(X, W, 1.0, lr)
    _, grads = by_hand(X, W, 1.0)
    g = np.array([grads[k] for k in ("w0", "w1", "w2")])
    np.testing.assert_allclose(step.new_w, np.array(W) - lr * g, rtol=1e-15)
    loss, _ = by_hand(X, step.new_w, 1.0)
    assert step.new_loss == pytest.approx(loss) and step.new_loss < step.loss
    assert step.loss - step.new_loss == pytest.approx(lr * g @ g, rel=0.05)


def test_a_huge_step_overshoots_on_a_saturating_target():
    step = neuron.gradient_step((1.0, 1.0), (0.0, 0.0, 0.0), 0.6, 100.0)
    assert step.loss == pytest.approx(0.1**2)  # σ(0) = 0.5
    assert step.new_w == pytest.approx((5.0, 5.0, 5.0))  # ∂L/∂w = 2(0.5 − 0.6)·0.25 = −0.05
    assert step.new_loss == pytest.approx((1 / (1 + math.exp(-15)) - 0.6) ** 2)
    assert step.new_loss > step.loss


def test_saturated_sigmoid_stays_finite():
    assert neuron.sigmoid(-800.0) == 0.0 and neuron.sigmoid(800.0) == 1.0
    g = neuron.graph((100.0, 100.0), (-5.0, -5.0, -5.0), 1.0)
    assert all(math.isfinite(v) for v in g.grads.values())


@pytest.mark.parametrize("args", [((1.0,), W, None), (X, (1.0, 2.0), None),
                                  ((math.nan, 1.0), W, None), (X, W, math.inf)])  # fmt: skip
def test_bad_numbers_are_refused(args):
    with pytest.raises(ValueError, match="Invalid"):
        neuron.graph(*args)


def test_a_check_names_an_input_it_does_not_have():
    with pytest.raises(ValueError, match="Invalid input"):
        neuron.check(X, W, 1.0, "w3")
    with pytest.raises(ValueError, match="step h"):
        neuron.check(X, W, 1.0, "w0", h=0.0)
