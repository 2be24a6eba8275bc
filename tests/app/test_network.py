"""AppTest: section 2 of the backprop page, "A network learns".

Expected numbers come from trainings this test runs through the engine with the settings
written out here (the data set, the split, the network, the optimizer), from a forward pass
written out here, and from the weights parsed back out of the page's own formula.
"""

import itertools
import re

import numpy as np
import pytest

from gdgame.engine import data, models, optimizers, training
from gdgame.engine.network import Network
from tests.app.charts import figure, numbers, trace
from tests.app.pages import link_notice, open_page, rerun

PAGE = "pages/backprop.py"
GRID = np.linspace(-6, 6, 100)


def chart(at, key):
    return figure(next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key)))


def engine_training(name="spiral", noise=0.0, test=0.5, hidden=(8,) * 4, activation="tanh",
                    init="xavier", opt="adam", lr=0.01, batch=16, epochs=300, seed=0,
                    l2=0.0):  # fmt: skip
    """The training the page should have run: 400 points of the data set, seed 0, half kept
    aside to test, the network and optimizer named."""
    X, y = data.toy(name, 400, noise, 0)
    train, test_ = data.split(400, test, 0)
    net = Network(hidden=hidden, activation=activation, init_kind=init, seed=seed, l2=l2)
    run = training.train(net, optimizers.get(opt, lr=lr), X[train], y[train], batch_size=batch,
                         epochs=epochs, seed=seed, record=False)  # fmt: skip
    return net, run, (X[train], y[train]), (X[test_], y[test_])


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def logits(params, X, widths=(8,) * 4):
    """The logit of a tanh network written out: W row major, then b, layer by layer."""
    a, at = X, 0
    sizes = [2, *widths, 1]
    for k, (m, n) in enumerate(itertools.pairwise(sizes)):
        W, b = params[at : at + m * n].reshape(m, n), params[at + m * n : at + m * n + n]
        at += m * n + n
        a = a @ W + b if k == len(widths) else np.tanh(a @ W + b)
    return a[:, 0]


def cross_entropy(params, X, y):
    z = logits(params, X)
    return np.mean(np.logaddexp(0, z) - y * z)


def test_the_default_network_learns_the_spiral_as_the_engine_does():
    at = open_page(PAGE)
    net, run, (X, y), (Xt, yt) = engine_training()
    train_acc, test_acc = (
        models.accuracy(net, run.final, X, y),
        models.accuracy(net, run.final, Xt, yt),
    )
    assert train_acc >= 0.95 and test_acc >= 0.9  # the lesson the defaults promise
    assert metric(at, "Train accuracy") == f"{train_acc:.1%}"
    assert metric(at, "Test accuracy") == f"{test_acc:.1%}"
    assert metric(at, "Updates") == f"{run.updates:,}" == "3,900"
    assert f"{train_acc:.1%} of the 200 training points" in at.success[-1].value
    assert "cross-entropy" in " ".join(m.value for m in at.markdown)
    fig = chart(at, "network.playback")
    heat = fig["data"][0]
    xx, yy = np.meshgrid(GRID, GRID)
    z = logits(run.final, np.column_stack([xx.ravel(), yy.ravel()])).reshape(100, 100)
    expected = 1 / (1 + np.exp(-z))
    assert heat["z"].shape == (100, 100)
    np.testing.assert_array_equal(heat["z"], np.rint(100 * expected))
    np.testing.assert_allclose(heat["x"], GRID, atol=1e-6)
    assert fig["layout"]["title"]["text"] == (f"epoch 300: train accuracy {train_acc:.0%}, "
                                              f"test {test_acc:.0%}")  # fmt: skip


def test_frames_are_sent_for_the_epochs_and_cover_them_all():
    at = open_page(PAGE)
    fig = chart(at, "network.playback")
    names = [int(f["name"]) for f in fig["frames"]]
    assert 30 <= len(names) <= 40 and names[0] == 0 and names[-1] == 300
    assert all(b > a for a, b in itertools.pairwise(names))
    assert names[:5] == [0, 1, 2, 3, 4]  # early epochs, where the boundary moves most
    steps = fig["layout"]["sliders"][0]["steps"]
    assert [s["args"][0][0] for s in steps] == [str(n) for n in names]
    for frame in fig["frames"]:
        heat, train_loss, test_loss = frame["data"]
        epoch = int(frame["name"])
        assert heat["z"].shape == (100, 100)
        assert len(train_loss["x"]) == len(test_loss["y"]) == epoch + 1
    first = fig["frames"][0]["data"][0]["z"]
    assert not np.array_equal(first, fig["frames"][-1]["data"][0]["z"])  # the boundary moved
    _, run, (X, y), (Xt, yt) = engine_training()
    last = fig["frames"][-1]["data"]  # float32 in the browser
    assert last[1]["y"][-1] == pytest.approx(cross_entropy(run.final, X, y), rel=1e-6)
    assert last[2]["y"][-1] == pytest.approx(cross_entropy(run.final, Xt, yt), rel=1e-6)
    assert np.isfinite(numbers(fig)).all()


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
def test_zero_initialization_keeps_the_neurons_of_a_layer_identical(activation):
    at = open_page(PAGE, init="zero", activation=activation)
    said = " ".join(w.value for w in at.warning)
    assert "every neuron of a layer stays identical" in said
    weights = trace(chart(at, "network.diagram"), "weights")["customdata"]
    for layer in range(1, 5):  # every hidden layer: each input feeds every neuron alike
        mine = weights[weights[:, 0] == layer]
        for i in np.unique(mine[:, 1]):
            assert np.unique(mine[mine[:, 1] == i, 3]).size == 1
    biases = trace(chart(at, "network.diagram"), "neurons")["customdata"]
    assert all(np.unique(biases[k * 8 : k * 8 + 8]).size == 1 for k in range(4))
    _, run, _, _ = engine_training(activation=activation, init="zero")
    moved = np.abs(run.final).max() > 0
    assert moved and (np.abs(weights[:, 3]).max() > 0) == (activation == "sigmoid")
    if activation == "tanh":  # tanh(0) = 0: no gradient reaches a hidden weight at all
        assert "still exactly 0" in said


def formula_numbers(tex):
    """The weights and the bias of a neuron's filled-in formula, in order, signs included."""
    body = tex.split("=", 1)[1]
    found = re.findall(r"([+-]?)\s*(\d+(?:\.\d+)?(?: \\times 10\^\{-?\d+\})?)(?:\\,|\s*\\Big\)|"
                       r"\s*\\end|\s*$)", body)  # fmt: skip
    out = []
    for sign, value in found:
        value = re.sub(r" \\times 10\^\{(-?\d+)\}", r"e\1", value)
        out.append(-float(value) if sign == "-" else float(value))
    return out


@pytest.mark.parametrize("neuron", ["1.1", "2.3", "4.8", "out"])
def test_a_neurons_formula_has_the_trained_networks_weights(neuron):
    at = open_page(PAGE, neuron=neuron)
    assert at.selectbox(key="network.neuron").value == neuron
    net, run, _, _ = engine_training()
    layers = net.layers(run.final, 2)
    if neuron == "out":
        W, b = layers[-1]
        expected = [*W[:, 0], b[0]]
    else:
        layer, j = (int(v) for v in neuron.split("."))
        W, b = layers[layer - 1]
        expected = [*W[:, j - 1], b[j - 1]]
    shown = formula_numbers(at.latex[-1].value.strip("$\n"))
    assert len(shown) == len(expected) == (3 if neuron == "1.1" else 9)
    np.testing.assert_allclose(shown, expected, rtol=5e-4, atol=1e-12)  # four digits shown


def test_a_neuron_the_smaller_network_lacks_falls_back_to_the_first():
    at = open_page(PAGE, neuron="4.8")
    at.slider(key="network.layers").set_value(2)
    at = rerun(at)
    assert at.selectbox(key="network.neuron").value == "1.1"
    assert "layer 1, neuron 1" in " ".join(m.value for m in at.markdown)


def test_divergence_is_said_in_words_with_its_update():
    at = open_page(PAGE, activation="linear", opt="sgd", rate="3")
    net, run, (X, y), _ = engine_training(activation="linear", opt="sgd", lr=3.0)
    assert run.status == training.DIVERGED and run.diverged_at > 0
    said = at.error[0].value
    assert f"diverged at update {run.diverged_at}**" in said and "smaller learning rate" in said
    assert "shows the network as it started" in said and run.epochs == 0  # in epoch 1
    shown = models.accuracy(net, run.epoch_params[-1], X, y)
    assert metric(at, "Train accuracy") == f"{shown:.1%}"
    for key in ("network.playback", "network.diagram"):
        assert np.isfinite(numbers(chart(at, key))).all()


def test_another_optimizer_starts_from_its_own_rate_and_trains_anew():
    at = open_page(PAGE)
    at.selectbox(key="network.opt").set_value("sgd")
    at = rerun(at)
    assert at.select_slider(key="network.rate").value == 0.1
    net, run, (X, y), _ = engine_training(opt="sgd", lr=0.1)
    assert metric(at, "Train accuracy") == f"{models.accuracy(net, run.final, X, y):.1%}"
    assert at.query_params.get("opt") in (["sgd"], "sgd")


def test_small_batches_train_a_bounded_number_of_updates():
    at = open_page(PAGE, batch="1", epochs="1000")
    assert "at most 10,000 updates, so 50 epochs" in at.info[0].value
    assert metric(at, "Updates") == "10,000"
    names = [int(f["name"]) for f in chart(at, "network.playback")["frames"]]
    assert names[-1] == 50


def test_junk_in_a_link_is_named_and_the_defaults_shown():
    at = open_page(PAGE, layers="99", data="galaxy", rate="-1", neuron="x")
    said = link_notice(at)
    for junk in ("layers=99", "data=galaxy", "rate=-1", "neuron=x"):
        assert junk in said
    assert at.slider(key="network.layers").value == 4
    assert at.selectbox(key="network.data").value == "spiral"
    at.button(key="backprop.defaults").click()  # the page's one reset: both sections
    at = rerun(at)
    assert "this section could not use" not in link_notice(at)


def test_a_shared_link_holds_both_sections_settings():
    at = open_page(PAGE, noise="0.2", x0="1.5")
    assert at.slider(key="network.noise").value == 0.2
    link = next(c.value for c in at.code if "noise=" in c.value)
    assert "noise=0.2" in link and "x0=1.5" in link
