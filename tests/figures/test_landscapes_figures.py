"""Figures of loss landscapes: the capped log scale, the local minima where they are, one colour
range for both planes, and nothing non-finite in any spec."""

import numpy as np
import pytest

from gdgame.engine.loss_landscape import Plane, local_minima
from gdgame.figures.landscapes import (
    contour_map,
    history_figure,
    landscape_3d,
    plane_grid,
    shade,
    shared_range,
    slice_figure,
)
from tests.app.charts import _decode, numbers

AXIS = np.linspace(-1.0, 1.0, 5)
# Two dips by hand: rows follow b, columns a. Lowest at (a, b) = (0, 0) and at (-1, 1); a wall
# of 3e7 on the right, one infinite and one NaN loss (which are never minima).
LOSSES = np.array([
    [5.0, 4.0, 3.0, 2e3, 3e7],
    [4.0, 2.0, 1.5, 9e2, 3e7],
    [3.0, 1.5, 0.01, 2.0, np.inf],
    [1.0, 2.0, 1.5, 9.0, 3e7],
    [0.5, 1.0, 2.0, 4.0, np.nan],
])  # fmt: skip
MINIMA_AT = {(0.0, 0.0), (-1.0, 1.0)}  # (a, b)


def plane(losses=LOSSES) -> Plane:
    return Plane(AXIS, AXIS.copy(), losses, float(losses[2, 2]))


def test_shade_is_log10_capped_and_draws_what_is_not_finite_at_the_cap():
    got = shade(np.array([0.01, 1.0, 500.0, 1e3, 3e7, np.inf, np.nan]), cap=1e3)
    np.testing.assert_allclose(got, [-2.0, 0.0, np.log10(500.0), 3.0, 3.0, 3.0, 3.0])
    grid = plane_grid(plane())
    assert grid.z.dtype == np.float32 and grid.z.max() == 3.0  # 3e7 drawn at the cap of 1 000
    assert grid.z[2, 2] == pytest.approx(-2.0)
    np.testing.assert_array_equal(grid.xs, AXIS)


def test_both_planes_share_one_range_from_the_lowest_loss_on_a_whole_level_to_the_cap():
    other = plane(np.full((5, 5), 0.5))
    assert shared_range(plane(), other) == (-2.0, 3.0)  # log10(0.01) = -2, a whole level
    low = plane(np.where(LOSSES == 0.01, 0.008, LOSSES))  # log10(0.008) = -2.097
    assert shared_range(low, other) == (-2.25, 3.0)
    flat_above_cap = plane(np.full((5, 5), 5e3))
    low, top = shared_range(flat_above_cap)
    assert low < top  # never an empty range


def test_the_contour_map_marks_the_local_minima_and_the_trained_network():
    found = local_minima(LOSSES)
    fig = _decode(contour_map(plane(), found, zrange=(-2.0, 3.0), title="Without skips"))
    first = fig["data"][0]
    assert first["type"] == "contour" and not {"x", "y", "z"} & set(first)  # from the grid
    assert (first["contours"]["start"], first["contours"]["end"]) == (-2.0, 3.0)
    marks = next(t for t in fig["data"] if t["name"].startswith("local minima"))
    assert set(zip(marks["x"].tolist(), marks["y"].tolist(), strict=True)) == MINIMA_AT
    assert marks["name"] == "local minima (2)"
    star = next(t for t in fig["data"] if t["name"] == "trained network")
    assert (star["x"], star["y"]) == ([0.0], [0.0])
    assert fig["layout"]["yaxis"]["scaleanchor"] == "x"


def test_the_3d_view_lifts_each_minimum_just_above_its_capped_height():
    found = local_minima(LOSSES)
    fig = _decode(landscape_3d(plane(), found, zrange=(-2.0, 3.0), title="With skips",
                               camera="top"))  # fmt: skip
    assert fig["data"][0]["type"] == "surface" and "z" not in fig["data"][0]
    marks = fig["data"][1]
    heights = {(x, y): z for x, y, z in zip(marks["x"], marks["y"], marks["z"], strict=True)}
    lift = 0.01 * 5.0
    assert heights[(0.0, 0.0)] == pytest.approx(-2.0 + lift)
    assert heights[(-1.0, 1.0)] == pytest.approx(np.log10(0.5) + lift)
    assert fig["layout"]["scene"]["camera"]["eye"]["z"] == 2.4  # seen from above
    assert fig["layout"]["scene"]["zaxis"]["range"] == pytest.approx([-2.0, 3.0 + lift])


def test_the_slice_is_on_a_log_axis_and_leaves_out_what_cannot_be_drawn():
    a = np.linspace(-1.0, 1.0, 7)
    losses = np.array([3.0, np.inf, 1.0, 0.01, np.nan, 1e39, 2.0])
    fig = _decode(slice_figure({"without skips": (a, losses), "with skips": (a, a**2 + 0.1)}))
    plain = fig["data"][0]
    np.testing.assert_array_equal(plain["x"], a[[0, 2, 3, 6]].astype(np.float32))
    np.testing.assert_allclose(plain["y"], [3.0, 1.0, 0.01, 2.0], rtol=1e-6)
    assert fig["layout"]["yaxis"]["type"] == "log"
    assert plain["mode"] == "lines+markers"  # short: every point shown


def test_no_spec_holds_nan_or_inf():
    found = local_minima(LOSSES)
    history = np.array([0.7, 0.5, np.nan, 0.1])
    specs = [
        contour_map(plane(), found, zrange=shared_range(plane()), title="x"),
        landscape_3d(plane(), found, zrange=shared_range(plane()), title="x"),
        slice_figure({"x": (AXIS, LOSSES[4])}),
        history_figure({"x": history, "y": history[::-1]}, y_title="loss", log_y=True),
    ]
    for spec in specs:
        values = numbers(_decode(spec))
        assert values.size and np.isfinite(values).all()
    fig = _decode(history_figure({"x": history}, y_title="loss"))
    np.testing.assert_array_equal(fig["data"][0]["x"], [0, 1, 3])  # each value at its epoch
