"""Figures of the classifying lesson: the sigmoid, the decision line and its frames, the
accuracy per epoch, the confusion matrix and the image grids."""

import numpy as np
import pytest

from gdgame.figures.classify import (
    accuracy_figure,
    confusion_figure,
    decision_figure,
    images_figure,
    norm_figure,
    sigmoid_figure,
)
from gdgame.figures.race import frame_steps
from tests.app.charts import numbers

RNG = np.random.default_rng(3)
NAMES = ("no", "yes")


def test_the_sigmoid_curve_is_the_model_and_its_threshold_is_where_it_says_half():
    x = np.array([1.0, 1.5, 2.0, 2.5, 3.0, 3.5])
    labels = np.array([0, 0, 1, 0, 1, 1])
    shift, scale, w, b = 2.25, 0.85, 3.0, -0.6
    fig = sigmoid_figure(x, labels, shift, scale, np.array([w, b]), names=NAMES,
                         feature="length", example=2)  # fmt: skip
    curve = next(t for t in fig.data if t.name.startswith("ŷ"))
    expected = [1 / (1 + np.exp(-(w * (v - shift) / scale + b))) for v in curve.x]
    np.testing.assert_allclose(curve.y, expected, rtol=1e-12)
    edge = fig.layout.shapes[0].x0
    assert w * (edge - shift) / scale + b == pytest.approx(0.0, abs=1e-12)
    ringed = next(t for t in fig.data if t.name == "the example")
    assert ringed.x == (2.0, 2.0) and ringed.y[0] == 1.0
    assert ringed.y[1] == pytest.approx(1 / (1 + np.exp(-(w * (2.0 - shift) / scale + b))))
    points = [t for t in fig.data if t.mode == "markers"]
    assert [len(t.x) for t in points] == [3, 3]
    assert all(abs(v - k) <= 0.04 for k, t in enumerate(points) for v in t.y)  # jitter only
    assert np.isfinite(numbers(fig)).all()


def test_a_flat_model_draws_no_threshold():
    fig = sigmoid_figure(np.array([1.0, 2.0]), np.array([0, 1]), 1.5, 0.5, np.array([0.0, 0.3]),
                         names=NAMES, feature="x")  # fmt: skip
    assert not fig.layout.shapes


def test_the_decision_line_of_every_frame_is_where_the_model_says_half():
    X = RNG.normal([5.0, 3.0], [0.5, 0.3], (60, 2))
    labels = (X[:, 0] + X[:, 1] > 8).astype(int)
    shift, scale = X.mean(axis=0), X.std(axis=0)
    steps = 120
    path = np.column_stack([np.linspace(0, 4, steps + 1), np.linspace(0, 3, steps + 1),
                            np.linspace(0, -0.5, steps + 1)])  # fmt: skip
    fig = decision_figure(X, labels, shift, scale, path, names=NAMES, features=("a", "b"))
    names = [f.name for f in fig.frames]
    assert names == [str(k) for k in frame_steps(steps)] and "0" not in names  # w = 0: no line
    assert fig.layout.sliders[0].active == len(names) - 1
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    for frame in fig.frames:
        w1, w2, b = path[int(frame.name)]
        ends = np.column_stack([frame.data[0].x, frame.data[0].y])
        assert len(ends) == 2
        z = w1 * (ends[:, 0] - shift[0]) / scale[0] + w2 * (ends[:, 1] - shift[1]) / scale[1] + b
        np.testing.assert_allclose(z, 0.0, atol=1e-9)
        assert ((x0 - 1e-9 <= ends[:, 0]) & (ends[:, 0] <= x1 + 1e-9)).all()
        assert ((y0 - 1e-9 <= ends[:, 1]) & (ends[:, 1] <= y1 + 1e-9)).all()
    shown = next(t for t in fig.data if t.name.startswith("decision"))
    np.testing.assert_array_equal(shown.x, fig.frames[-1].data[0].x)  # it starts at the end
    assert np.isfinite(numbers(fig)).all()


def test_a_vertical_decision_line_and_one_outside_the_box():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]])
    shift, scale = np.zeros(2), np.ones(2)
    path = np.array([[0.0, 0.0, 0.0], [1.0, 0.0, -1.0], [1.0, 0.0, -100.0]])
    fig = decision_figure(X, np.array([0, 1, 1]), shift, scale, path, names=NAMES,
                          features=("a", "b"))  # fmt: skip
    by_step = {f.name: f.data[0] for f in fig.frames}
    assert tuple(by_step["1"].x) == (1.0, 1.0)  # x = 1, from the bottom of the box to the top
    assert tuple(by_step["1"].y) == tuple(fig.layout.yaxis.range)
    assert len(by_step["2"].x) == 0  # x = 100 is off the plot: no line, and nothing non-finite


def test_the_confusion_matrix_counts_each_pair():
    true = RNG.integers(0, 10, 500)
    said = np.where(RNG.random(500) < 0.8, true, RNG.integers(0, 10, 500))
    fig = confusion_figure(true, said)
    z = np.asarray(fig.data[0].z)
    counts = np.zeros((10, 10), dtype=int)
    for t, p in zip(true, said, strict=True):
        counts[t, p] += 1
    np.testing.assert_array_equal(z, counts)
    assert list(fig.data[0].text.ravel()) == [str(c) for c in counts.ravel()]
    assert fig.layout.yaxis.autorange == "reversed"  # true 0 in the top row


def test_image_grids_draw_each_image_on_its_own_axes_with_its_title():
    ink = RNG.random((13, 64))
    fig = images_figure(ink, [f"#{i}" for i in range(13)], cols=5)
    (heatmap,) = fig.data
    assert [a.text for a in fig.layout.annotations][-1] == "#12"
    tiles = np.asarray(heatmap.z)
    assert tiles.shape == (3 * 9 - 1, 5 * 9 - 1)  # 3 rows of 5 tiles, a blank line between
    for i in range(13):
        r, c = divmod(i, 5)
        np.testing.assert_array_equal(tiles[9 * r : 9 * r + 8, 9 * c : 9 * c + 8],
                                      ink[i].reshape(8, 8).astype(np.float32))  # fmt: skip
    assert not tiles[8].any() and not tiles[-8:, -8:].any()  # white gaps, 2 empty tiles
    assert (heatmap.zmin, heatmap.zmax) == (0.0, 1.0)
    weights = RNG.normal(0, 2, (10, 64))
    (signed,) = images_figure(weights, [str(k) for k in range(10)], signed=True).data
    for k, w in enumerate(weights):  # each template on its own symmetric scale
        tile = np.asarray(signed.z)[:8, 9 * k : 9 * k + 8]
        np.testing.assert_allclose(tile, (w / np.abs(w).max()).reshape(8, 8), rtol=1e-6)
    assert (signed.zmin, signed.zmax) == (-1.0, 1.0)


def test_accuracy_and_norm_figures_hold_their_series():
    train, test = np.linspace(0.1, 0.98, 31), np.linspace(0.1, 0.95, 31)
    fig = accuracy_figure(train, test, 30)
    assert [t.name for t in fig.data] == ["train", "test"]
    np.testing.assert_array_equal(fig.data[1].y, test)
    assert fig.layout.xaxis.range[1] == pytest.approx(30.6)
    short = accuracy_figure(train[:3], test[:3], 30)  # a training that stopped early
    assert short.layout.xaxis.range[1] == pytest.approx(30.6) and len(short.data[0].x) == 3
    norms = norm_figure({"a": np.array([0.0, 1.0, 1.5]), "b": np.array([0.0, 2.0])})
    assert [len(t.y) for t in norms.data] == [3, 2] and norms.layout.yaxis.title.text == "‖w‖"


def test_huge_weights_from_a_diverged_training_are_still_finite_in_every_figure():
    weights = RNG.normal(0, 9e7, (10, 64))
    fig = images_figure(weights, [str(k) for k in range(10)], signed=True)
    assert np.isfinite(numbers(fig)).all()
    X = RNG.normal(size=(20, 2))
    path = np.array([[0.0, 0.0, 0.0], [9e7, -9e7, 1e7]])
    fig = decision_figure(X, (X[:, 0] > 0).astype(int), X.mean(axis=0), X.std(axis=0), path,
                          names=NAMES, features=("a", "b"))  # fmt: skip
    assert np.isfinite(numbers(fig)).all()
