"""Figures of a line fitted to data: residuals, the (w, b) map, losses on log axes."""

import numpy as np

from gdgame.engine import loss_surface
from gdgame.figures.fit import data_figure, fit_map, gap_figure, training_figure
from gdgame.figures.surface import sample
from tests.app.charts import _decode

X = np.array([1.0, 2.0, 3.0, 4.0])
Y = np.array([2.0, 2.5, 4.5, 4.0])


def test_the_residuals_join_each_point_to_the_line():
    fig = _decode(data_figure(X, Y, {"mine": (1.0, 0.5), "best": (0.8, 1.0)}, residuals_of="mine",
                              x_title="x", y_title="y"))  # fmt: skip
    gaps = next(t for t in fig["data"] if t["name"] == "residuals")
    xs, ys = gaps["x"].reshape(-1, 3), gaps["y"].reshape(-1, 3)
    np.testing.assert_array_equal(xs[:, 0], X)
    np.testing.assert_array_equal(ys[:, 0], Y)
    np.testing.assert_allclose(ys[:, 1], 1.0 * X + 0.5)
    assert np.isnan(ys[:, 2]).all()  # a break between one residual and the next
    mine = next(t for t in fig["data"] if t["name"] == "mine")
    assert mine["y"][1] - mine["y"][0] == mine["x"][1] - mine["x"][0]  # slope 1


def test_the_map_marks_the_optimum_the_paths_and_a_mini_batchs_own_contours():
    surface = loss_surface.line_fit(X, Y, ((-1.0, 3.0), (-2.0, 2.0)))
    own = sample(loss_surface.line_fit(X[:2], Y[:2], surface.domain), 20)
    path = np.array([[0.0, 0.0], [0.5, 0.3]])
    fig = _decode(fit_map(surface, {"descent": path}, marks={"you": (0.1, 0.2)}, batch=own))
    assert fig["data"][0]["type"] == "contour" and "z" not in fig["data"][0]  # from the grid
    batch = fig["data"][1]
    assert batch["z"].shape == (20, 20) and batch["contours"]["coloring"] == "lines"
    np.testing.assert_array_equal(next(t for t in fig["data"] if t["name"] == "descent")["x"],
                                  path[:, 0].astype(np.float32))  # fmt: skip
    star = next(t for t in fig["data"] if t["name"] == "optimum")
    expected = np.linalg.lstsq(np.column_stack([X, np.ones(4)]), Y, rcond=None)[0]
    np.testing.assert_allclose([star["x"][0], star["y"][0]], expected)
    assert fig["layout"]["yaxis"]["scaleanchor"] == "x"  # w and b to the same scale


def test_log_charts_draw_no_zero_and_no_infinity():
    fig = _decode(gap_figure({"a": np.array([1.0, 0.0, np.inf, 1e-3])}, y_title="gap"))
    y = fig["data"][0]["y"]
    assert y[1] > 0 and np.isnan(y[2]) and fig["layout"]["yaxis"]["type"] == "log"
    fig = _decode(training_figure(np.array([3.0, 0.0, 2.0]), np.array([5.0, 1.5]), 3,
                                  minimum=1.0))  # fmt: skip
    batch, epochs, best = fig["data"]
    assert (batch["y"] > 0).all() and epochs["x"].tolist() == [0, 3]
    assert best["y"] == [1.0, 1.0]
