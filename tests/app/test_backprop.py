"""AppTest: the chain rule on one neuron, forward then backward; the loss; the check; a step.

Expected numbers are the neuron's formulas written out here (σ(w₀x₀ + w₁x₁ + w₂), the squared
error, their derivatives by hand) and a central difference of that hand-written loss.
"""

import math

import numpy as np
import pytest

from tests.app.charts import figure
from tests.app.pages import link_notice, open_page, rerun

PAGE = "pages/backprop.py"
OPS = ("m0", "m1", "sum", "z", "sigma", "loss")


def chart(at, key):
    return figure(next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key)))


def numbers(fig, name):
    """The exact numbers an operation or input carries (its point's customdata): an
    operation's [value, upstream, local, product, …], an input's [value, gradient], as far
    as the walk has shown them."""
    for t in fig["data"]:
        ids = list(t.get("ids", []))
        if name in ids:
            return list(t["customdata"][ids.index(name)])
    raise KeyError(name)


def shown(fig):
    """How many numbers each operation carries: 0 waiting, 1 its value, more its gradients."""
    ops = next(t for t in fig["data"] if t["name"] == "operations")
    return {n: len(c) for n, c in zip(ops["ids"], ops["customdata"], strict=True)}


def neuron(x=(-1.0, -2.0), w=(2.0, -3.0, -3.0), y=None):
    """Every operation's [value, upstream, local, product, …] and every input's gradient, by
    hand; with a target y through L = (σ − y)²."""
    m0, m1 = w[0] * x[0], w[1] * x[1]
    z = m0 + m1 + w[2]
    s = 1 / (1 + math.exp(-z))
    top = 1.0 if y is None else 2 * (s - y)  # ∂out/∂σ
    dz = top * s * (1 - s)
    ops = {"m0": [m0, dz, x[0], x[0] * dz, w[0], w[0] * dz],
           "m1": [m1, dz, x[1], x[1] * dz, w[1], w[1] * dz],
           "sum": [m0 + m1, dz, 1, dz, 1, dz], "z": [z, dz, 1, dz, 1, dz],
           "sigma": [s, top, s * (1 - s), dz]}  # fmt: skip
    if y is not None:
        ops["loss"] = [(s - y) ** 2, 1.0, top, top]
    grads = {"w0": x[0] * dz, "x0": w[0] * dz, "w1": x[1] * dz, "x1": w[1] * dz, "w2": dz}
    return ops, grads


def loss(x, w, y):
    return (1 / (1 + math.exp(-(w[0] * x[0] + w[1] * x[1] + w[2]))) - y) ** 2


def step(at, walk):
    at.button(key=f"backprop.{walk}.step").click()
    return rerun(at)


def test_the_forward_pass_lights_nodes_in_order_then_the_backward_pass_brings_gradients():
    at = open_page(PAGE)
    ops, grads = neuron()
    key = "backprop.neuron.graph"
    assert shown(chart(at, key)) == dict.fromkeys(OPS[:5], 0)
    for i in range(1, 6):  # forward: one more value per step, left to right
        at = step(at, "neuron")
        fig = chart(at, key)
        assert shown(fig) == {n: int(k < i) for k, n in enumerate(OPS[:5])}
        assert numbers(fig, OPS[i - 1]) == pytest.approx(ops[OPS[i - 1]][:1])
    assert any("forward pass is done" in m.value for m in at.markdown)
    for i in range(1, 6):  # backward: from σ back to the products
        at = step(at, "neuron")
        fig = chart(at, key)
        back = OPS[5 - i : 5]
        assert [n for n, k in shown(fig).items() if k > 1] == [n for n in OPS if n in back]
        name = OPS[5 - i]
        np.testing.assert_allclose(numbers(fig, name), ops[name], rtol=1e-12)
    for name, grad in grads.items():
        assert numbers(fig, name)[1] == pytest.approx(grad, rel=1e-12)
    summary = next(t.value for t in at.latex if r"\partial (x_0, x_1)" in t.value)
    assert "(0.3932, -0.5898)" in summary and "(-0.1966, -0.3932, 0.1966)" in summary
    assert at.button(key="backprop.neuron.step").disabled


def test_each_step_is_written_out_with_its_numbers():
    at = open_page(PAGE, x0="0.5", x1="1.5", w0="-0.7", w1="0.2", w2="0.4")
    ops, _ = neuron((0.5, 1.5), (-0.7, 0.2, 0.4))
    at = step(at, "neuron")
    assert at.latex[0].value.strip("$\n") == r"m_0 = w_0 x_0 = (-0.7) \times 0.5 = -0.35"
    for _ in range(5):
        at = step(at, "neuron")
    latex = at.latex[0].value  # σ's backward step: local σ(1 − σ) times 1
    assert r"\sigma(1 - \sigma)" in latex and f"{ops['sigma'][2]:.4g}" in latex
    for _ in range(4):
        at = step(at, "neuron")
    latex = at.latex[0].value  # the last: m₀ hands back to w₀ and x₀
    for value in (ops["m0"][1], ops["m0"][3], ops["m0"][5]):
        assert f"{value:.4g}" in latex


def test_the_loss_walk_adds_one_node_and_starts_the_gradient_at_l():
    at = open_page(PAGE, y="0.25")
    ops, grads = neuron(y=0.25)
    key = "backprop.loss.graph"
    assert shown(chart(at, key)) == {**dict.fromkeys(OPS[:5], 1), "loss": 0}
    assert not [t for t in at.latex if r"(\sigma - y)^2 =" in t.value]  # not computed yet
    at = step(at, "loss")
    fig = chart(at, key)
    assert numbers(fig, "loss") == pytest.approx(ops["loss"][:1])
    assert f"{ops['loss'][0]:.4g}" in at.latex[0].value
    at = step(at, "loss")
    np.testing.assert_allclose(numbers(chart(at, key), "loss"), ops["loss"])
    at.button(key="backprop.loss.run").click()
    at = rerun(at)
    fig = chart(at, key)
    for name in OPS:
        np.testing.assert_allclose(numbers(fig, name), ops[name], rtol=1e-12)
    for name, grad in grads.items():
        assert numbers(fig, name)[1] == pytest.approx(grad, rel=1e-12)
    assert "every input has its gradient" in " ".join(m.value for m in at.markdown)


CHECK = ("Backprop ∂L/∂", "Central difference", "Backprop − central difference")


def metric(at, start):
    return next(m.value for m in at.metric if m.label.startswith(start))


def checked(at):
    """The check's metrics (the network below has its own)."""
    return [m for m in at.metric if m.label.startswith(CHECK)]


@pytest.mark.parametrize("wrt", ["w0", "x1", "w2"])
def test_the_check_shows_backprop_and_the_central_difference_agreeing(wrt):
    at = open_page(PAGE, wrt=wrt)
    assert not checked(at)  # nothing until the button
    at.button(key="backprop.check").click()
    at = rerun(at)
    _, grads = neuron(y=1.0)
    theta = {"w0": 2.0, "x0": -1.0, "w1": -3.0, "x1": -2.0, "w2": -3.0}
    h = 1e-6
    up, down = dict(theta), dict(theta)
    up[wrt] += h
    down[wrt] -= h

    def f(t):
        return loss((t["x0"], t["x1"]), (t["w0"], t["w1"], t["w2"]), 1.0)

    mine = (f(up) - f(down)) / (2 * h)
    backprop, numeric = float(metric(at, CHECK[0])), float(metric(at, CHECK[1]))
    assert backprop == pytest.approx(grads[wrt], abs=1e-9)
    assert numeric == pytest.approx(mine, abs=1e-8)
    assert abs(backprop - numeric) < 1e-6 and abs(float(metric(at, CHECK[2]))) < 1e-6
    at.selectbox(key="backprop.wrt").set_value("x0")
    at = rerun(at)
    assert not checked(at)  # another partial: press again


def test_a_large_h_shows_the_difference_it_makes():
    at = open_page(PAGE, h="0.1")
    at.button(key="backprop.check").click()
    at = rerun(at)
    assert abs(float(metric(at, CHECK[2]))) > 1e-5


@pytest.mark.parametrize("lr", ["1", "0.1"])
def test_the_gradient_step_is_written_out_with_the_numbers(lr):
    at = open_page(PAGE, lr=lr)
    x, w, alpha = (-1.0, -2.0), np.array([2.0, -3.0, -3.0]), float(lr)
    _, grads = neuron(y=1.0)
    g = np.array([grads["w0"], grads["w1"], grads["w2"]])
    new = w - alpha * g
    update = next(t.value for t in at.latex if r"\leftarrow" in t.value)
    losses = next(t.value for t in at.latex if r"\;\to\;" in t.value)
    assert r"w \leftarrow w - \alpha \frac{\partial L}{\partial w}" in update
    for value in (*g, *new):
        assert f"{value:.4g}" in update, (value, update)
    assert f"{loss(x, w, 1.0):.4g}" in losses and f"{loss(x, new, 1.0):.4g}" in losses
    assert any("went downhill" in m.value for m in at.markdown)


def test_junk_links_are_named_and_the_defaults_used():
    at = open_page(PAGE, x0="abc", w1="99", wrt="w9", h="2", lr="-1", y="<b>x</b>")
    said = link_notice(at)
    for junk in ("x0=abc", "w1=99", "wrt=w9", "h=2", "lr=-1", "y=<b>x</b>"):
        assert junk in said
    assert at.slider(key="backprop.x0").value == -1.0
    assert at.slider(key="backprop.w1").value == -3.0
    assert at.selectbox(key="backprop.wrt").value == "w0"
    assert at.select_slider(key="backprop.h").value == 1e-5
    assert at.slider(key="backprop.lr").value == 1.0
    assert at.slider(key="backprop.y").value == 1.0


def test_a_link_holds_every_setting():
    query = {"x0": "0.5", "x1": "1.5", "w0": "-0.7", "w1": "0.2", "w2": "0.4", "y": "0.25",
             "wrt": "x1", "h": "0.001", "lr": "0.5"}  # fmt: skip
    at = open_page(PAGE, **query)
    assert link_notice(at) == ""
    for name in ("x0", "x1", "w0", "w1", "w2", "y", "lr"):
        assert at.slider(key=f"backprop.{name}").value == float(query[name])
    assert at.selectbox(key="backprop.wrt").value == "x1"
    assert at.select_slider(key="backprop.h").value == 0.001
    link = at.code[-1].value
    for name, value in query.items():
        assert f"{name}={value}" in link
    ops, _ = neuron((0.5, 1.5), (-0.7, 0.2, 0.4), 0.25)
    assert numbers(chart(at, "backprop.loss.graph"), "sigma") == pytest.approx(ops["sigma"][:1])


def test_restore_defaults():
    at = open_page(PAGE, w0="1", lr="0.5", layers="2")
    assert at.slider(key="network.layers").value == 2
    assert len([b for b in at.button if "defaults" in (b.key or "")]) == 1  # one reset a page
    at.button(key="backprop.defaults").click()
    at = rerun(at)
    assert at.slider(key="backprop.w0").value == 2.0 and at.slider(key="backprop.lr").value == 1.0
    assert at.slider(key="network.layers").value == 4  # the network's settings too
