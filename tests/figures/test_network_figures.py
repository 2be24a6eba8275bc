"""The figures of "A network learns": the playback (frames, grid, losses) and the diagram."""

import itertools
import json

import numpy as np
import pytest

from gdgame.figures.network import diagram_figure, frame_epochs, playback_figure, positions
from tests.app.charts import _decode, numbers

RNG = np.random.default_rng(5)
AXIS = np.linspace(-6, 6, 100)


def spec(fig) -> dict:
    return _decode(json.loads(fig.to_json()))


def playback(epochs=300, frames=None, train_loss=None):
    shown = frame_epochs(epochs) if frames is None else frames
    k = len(shown)
    probability = RNG.uniform(0, 1, (k, 100, 100))
    train = RNG.uniform(0, 1, (30, 2)), RNG.integers(0, 2, 30)
    test = RNG.uniform(0, 1, (20, 2)), RNG.integers(0, 2, 20)
    losses = np.linspace(0.7, 0.1, epochs + 1) if train_loss is None else train_loss
    fig = playback_figure(train, test, AXIS, probability, shown, losses, losses[::-1],
                          RNG.uniform(0, 1, (k, 2)), epochs_asked=epochs)  # fmt: skip
    return fig, probability


@pytest.mark.parametrize("epochs", [1, 10, 35, 36, 100, 300, 1000])
def test_frame_epochs_start_at_zero_end_at_the_last_and_number_at_most_36(epochs):
    shown = frame_epochs(epochs)
    assert shown[0] == 0 and shown[-1] == epochs and (np.diff(shown) > 0).all()
    assert len(shown) == min(epochs + 1, 36)
    assert (np.diff(shown)[: len(shown) // 2] <= np.diff(shown)[-1]).all()  # finer early on


def test_the_playback_has_a_frame_per_epoch_shown_each_a_100_by_100_grid():
    fig, probability = playback()
    out = spec(fig)
    assert len(out["frames"]) == 36
    assert [f["name"] for f in out["frames"]] == [str(e) for e in frame_epochs(300)]
    for frame, p in zip(out["frames"], probability, strict=True):
        heat = frame["data"][0]
        assert heat["z"].shape == (100, 100) and heat["z"].dtype == np.uint8
        np.testing.assert_array_equal(heat["z"], np.rint(100 * p))  # whole percent
        epoch = int(frame["name"])
        assert len(frame["data"][1]["x"]) == epoch + 1 and frame["traces"] == [0, 5, 6]
        assert frame["layout"]["title"]["text"].startswith(f"epoch {epoch}:")
    assert out["data"][0]["z"].shape == (100, 100)
    np.testing.assert_array_equal(out["data"][0]["z"], np.rint(100 * probability[-1]))
    assert out["layout"]["sliders"][0]["active"] == 35  # it opens on the end of training
    assert np.isfinite(numbers(out)).all()


def test_a_diverged_training_draws_nothing_non_finite():
    losses = np.linspace(0.7, 0.1, 11)
    losses[-1] = np.inf
    fig, _ = playback(epochs=10, train_loss=losses)
    assert np.isfinite(numbers(fig)).all()


def test_the_diagram_hovers_every_weight_with_its_value_and_every_neuron_with_its_bias():
    sizes = [2, 8, 8, 1]
    rng = np.random.default_rng(5)  # its own draws, whichever tests ran before it
    layers = [(rng.normal(size=(a, b)), rng.normal(size=b)) for a, b in itertools.pairwise(sizes)]
    names = [["x₁", "x₂"], [f"a{j}" for j in range(8)], [f"b{j}" for j in range(8)], ["ŷ"]]
    out = spec(diagram_figure(layers, names))
    weights = next(t for t in out["data"] if t.get("name") == "weights")
    custom = weights["customdata"]
    assert len(custom) == 2 * 8 + 8 * 8 + 8
    for layer, i, j, w in custom:
        assert w == layers[int(layer) - 1][0][int(i), int(j)]
    where = positions(sizes)
    for (layer, i, j, _), x, y in zip(custom, weights["x"], weights["y"], strict=True):
        a, b = where[int(layer) - 1][int(i)], where[int(layer)][int(j)]
        assert np.hypot(x - b[0], y - b[1]) < np.hypot(x - a[0], y - a[1])  # near its neuron
    assert len(
        {(round(x, 9), round(y, 9)) for x, y in zip(weights["x"], weights["y"], strict=True)}
    ) == len(custom)
    neurons = next(t for t in out["data"] if t.get("name") == "neurons")
    np.testing.assert_array_equal(neurons["customdata"],
                                  np.concatenate([b for _, b in layers]))  # fmt: skip
    lines = [t for t in out["data"] if t.get("mode") == "lines"]
    segments = sum(sum(x is None for x in t["x"]) for t in lines)
    assert segments == len(custom)  # every weight drawn once
    width = max(t["line"]["width"] for t in lines)
    layer, i, j, w = max(custom, key=lambda c: abs(c[3]))  # the largest weight
    a, b = where[int(layer) - 1][int(i)], where[int(layer)][int(j)]
    segment = ((a[0], a[1]), (b[0], b[1]))
    holding = [t for t in lines
               if segment in itertools.pairwise(zip(t["x"], t["y"], strict=True))]  # fmt: skip
    assert len(holding) == 1  # the largest weight is drawn once, among the widest lines
    assert holding[0]["line"]["width"] == width > min(t["line"]["width"] for t in lines)
    assert holding[0]["line"]["color"] == ("#0072B2" if w > 0 else "#D55E00")
    assert np.isfinite(numbers(out)).all()


def test_an_all_zero_network_draws_thin_grey_lines():
    layers = [(np.zeros((2, 3)), np.zeros(3)), (np.zeros((3, 1)), np.zeros(1))]
    out = spec(diagram_figure(layers, [["x₁", "x₂"], ["a", "b", "c"], ["ŷ"]]))
    lines = [t for t in out["data"] if t.get("mode") == "lines"]
    assert len(lines) == 1 and lines[0]["line"]["color"] == "#999999"
    assert np.isfinite(numbers(out)).all()
