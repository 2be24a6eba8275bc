"""The neuron's computational graph: what each step reveals, and the numbers it carries, against
the chain rule written out here."""

import json
import math

import numpy as np
import pytest

from gdgame.engine import neuron
from gdgame.figures.neuron import graph_figure
from tests.app.charts import _decode, numbers

X, W, Y = (-1.0, -2.0), (2.0, -3.0, -3.0), 1.0
OPS = ("m0", "m1", "sum", "z", "sigma", "loss")
GREY, BLUE, VERMILLION, ORANGE = "#bbbbbb", "#0072B2", "#D55E00", "#E69F00"


def spec(fig) -> dict:
    return _decode(json.loads(fig.to_json()))


def by_name(fig: dict, name: str) -> dict:
    """One operation or input: its point's customdata, ring colour and hover text."""
    for t in fig["data"]:
        if name in list(t.get("ids", [])):
            i = list(t["ids"]).index(name)
            line = t["marker"].get("line", {"color": [None] * len(t["ids"])})
            return {"customdata": [list(t["customdata"][i])], "ring": line["color"][i],
                    "hovertext": [t["hovertext"][i]], "text": t["text"][i]}  # fmt: skip
    raise KeyError(name)


def expected(y=Y):
    """Each operation's [value, upstream, local, product, …] and each input's [value, grad],
    by hand: CS231n's neuron and the squared error."""
    w0, w1, w2 = W
    x0, x1 = X
    m0, m1 = w0 * x0, w1 * x1
    z = m0 + m1 + w2
    s = 1 / (1 + math.exp(-z))
    d_sigma = 2 * (s - y)  # ∂L/∂σ
    d_z = d_sigma * s * (1 - s)
    ops = {
        "loss": [(s - y) ** 2, 1.0, d_sigma, d_sigma],
        "sigma": [s, d_sigma, s * (1 - s), d_z],
        "z": [z, d_z, 1.0, d_z, 1.0, d_z],
        "sum": [m0 + m1, d_z, 1.0, d_z, 1.0, d_z],
        "m0": [m0, d_z, x0, x0 * d_z, w0, w0 * d_z],
        "m1": [m1, d_z, x1, x1 * d_z, w1, w1 * d_z],
    }
    inputs = {"w0": [w0, x0 * d_z], "x0": [x0, w0 * d_z], "w1": [w1, x1 * d_z],
              "x1": [x1, w1 * d_z], "w2": [w2, d_z]}  # fmt: skip
    return ops, inputs


def test_before_the_first_step_every_operation_waits_in_grey():
    fig = spec(graph_figure(neuron.graph(X, W, Y), 0, 0))
    for name in OPS:
        op = by_name(fig, name)
        assert op["customdata"] == [[]] and op["ring"] == GREY
        assert "not computed yet" in op["hovertext"][0]
    assert [t["line"]["color"] for t in fig["data"] if t["name"] == "edges"] == [GREY]
    for name, (value, _) in expected()[1].items():  # the inputs are known from the start
        assert by_name(fig, name)["customdata"][0] == [value]
    assert "annotations" not in fig["layout"] or not fig["layout"]["annotations"]  # no cards yet
    assert "∂" not in "".join(fig["data"][-1]["text"])  # no gradient beside the inputs yet


def test_the_forward_pass_reveals_values_in_order_and_rings_the_last():
    ops, _ = expected()
    fig = spec(graph_figure(neuron.graph(X, W, Y), 3, 0))
    for i, name in enumerate(OPS):
        op = by_name(fig, name)
        if i < 3:
            assert list(op["customdata"][0]) == pytest.approx([ops[name][0]])
        else:
            assert op["customdata"] == [[]]
    assert by_name(fig, "sum")["ring"] == ORANGE
    assert by_name(fig, "m0")["ring"] == BLUE
    cards = {a["name"]: a["text"] for a in fig["layout"]["annotations"]}
    assert [k for k in cards if k.startswith("card")] == ["card m0", "card m1", "card sum"]
    assert "s = m₀ + m₁ = 4" in cards["card sum"] and "<br>" not in cards["card sum"]


def test_the_backward_pass_reveals_gradients_from_the_output_back():
    ops, inputs = expected()
    fig = spec(graph_figure(neuron.graph(X, W, Y), 6, 3))
    for name in ("loss", "sigma", "z"):
        np.testing.assert_allclose(by_name(fig, name)["customdata"][0], ops[name], rtol=1e-12)
        assert by_name(fig, name)["ring"] in (VERMILLION, ORANGE)
    for name in ("sum", "m0", "m1"):
        assert list(by_name(fig, name)["customdata"][0]) == pytest.approx([ops[name][0]])
    assert by_name(fig, "z")["ring"] == ORANGE  # the last step
    np.testing.assert_allclose(by_name(fig, "w2")["customdata"][0], inputs["w2"], rtol=1e-12)
    assert len(by_name(fig, "w0")["customdata"][0]) == 1  # its gradient has not arrived
    colors = {t["line"]["color"] for t in fig["data"] if t["name"] == "edges"}
    assert colors == {BLUE, VERMILLION}


def test_the_whole_graph_carries_every_number_the_chain_rule_gives():
    ops, inputs = expected()
    fig = spec(graph_figure(neuron.graph(X, W, Y), 6, 6))
    for name, numbers_ in (ops | inputs).items():
        np.testing.assert_allclose(by_name(fig, name)["customdata"][0], numbers_, rtol=1e-12)
    texts = "\n".join([*(a["text"] for a in fig["layout"]["annotations"]),
                       *fig["data"][-1]["text"]])  # fmt: skip
    d_z = ops["z"][1]
    for value in (ops["loss"][0], ops["sigma"][2], d_z, inputs["x1"][1]):
        assert f"{value:.3g}".replace("-", "−") in texts
    assert f"−1 × ({d_z:.3g}) = ".replace("(-", "(−") in texts  # w₀'s local × upstream
    hover = by_name(fig, "m0")["hovertext"][0]
    assert "local ∂m₀/∂w₀ = x₀ = −1" in hover and f"{inputs['w0'][1]:.6g}" in hover
    assert np.isfinite(numbers(fig)).all()


def test_without_a_target_sigma_is_the_output_and_its_gradient_starts_at_one():
    g = neuron.graph(X, W)
    fig = spec(graph_figure(g, 5, 5))
    assert list(next(t for t in fig["data"] if t["name"] == "operations")["ids"]) == list(OPS[:5])
    s = g.output.value
    assert list(by_name(fig, "sigma")["customdata"][0]) == pytest.approx([s, 1.0, s * (1 - s),
                                                                          s * (1 - s)])  # fmt: skip
    texts = "\n".join(fig["data"][-1]["text"])  # the inputs' gradients
    assert "∂σ/∂x₁ = −0.59" in texts and "∂σ/∂w₀ = −0.197" in texts  # CS231n's numbers
    assert fig["layout"]["xaxis"]["range"][1] < 6.5  # no room kept for a loss node
