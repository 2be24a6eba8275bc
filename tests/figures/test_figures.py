"""Figure builders: sizes, types, colours, and nothing non-finite ever sent to the browser."""

import json

import numpy as np
import plotly.io as pio
import pytest

from gdgame.engine import curves, descent, learning_rate, optimizers, surfaces
from gdgame.figures.curve import curve_figure
from gdgame.figures.lines import loss_figure, rate_figure, regime_figure, sweep_figure
from gdgame.figures.paths import drawable
from gdgame.figures.style import FONT_SIZE
from gdgame.figures.surface import CAMERAS, contour_figure, sample, surface3d_figure

VALLEY = surfaces.get("narrow_valley", condition=10.0)


def all_numbers(fig) -> np.ndarray:
    """Every number in the figure's JSON, typed arrays decoded."""
    spec = json.loads(pio.to_json(fig, engine="json"))
    out = []

    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out.append(v)

    walk(spec)
    return np.array(out, dtype=float)


def diverging_run():
    return descent.run(VALLEY, optimizers.get("sgd", lr=0.25), VALLEY.start, steps=100)


def test_a_diverging_path_is_cut_where_it_leaves_and_says_so():
    run = diverging_run()
    assert run.status == "diverged"
    shown = drawable(VALLEY, run.points)
    k = shown.left_at
    assert k is not None and len(shown.points) == k + 1  # the inside part, then the edge
    assert shown.label == f"left the plot at step {k}"
    assert (np.abs(shown.points) <= 5 + 1e-12).all()
    edge = shown.points[-1]  # on the segment from step k − 1 to step k, on the domain's edge
    a, b = run.points[k - 1], run.points[k]
    t = (edge - a) / (b - a)
    assert t[0] == pytest.approx(t[1]) and 0 < t[0] <= 1
    assert np.isclose(np.abs(edge), 5).any()
    fig = contour_figure(VALLEY, sample(VALLEY), {"α = 0.25": run.points})
    assert any("left the plot" in (t.name or "") for t in fig.data)
    assert np.isfinite(all_numbers(fig)).all()


def test_paths_with_inf_or_nan_are_cut_before_them():
    pts = np.array([[0.0, 0.0], [1.0, 1.0], [np.inf, 0.0], [2.0, 2.0]])
    shown = drawable(VALLEY, pts)
    assert shown.left_at == 2 and len(shown.points) == 2 and np.isfinite(shown.points).all()


def test_surfaces_go_out_as_axes_and_float32_z_at_most_150_square():
    grid = sample(surfaces.get("goldstein_price"))
    assert grid.xs.ndim == grid.ys.ndim == 1 and grid.z.dtype == np.float32
    assert grid.z.shape == (len(grid.ys), len(grid.xs)) and max(grid.z.shape) <= 150
    spec = json.loads(contour_figure(VALLEY, sample(VALLEY), {}).to_json())
    assert spec["data"][0]["z"]["dtype"] == "f4"
    first = surface3d_figure(VALLEY, sample(VALLEY), {})["data"][0]
    assert first["type"] == "surface" and not {"x", "y", "z"} & set(first)  # the view's file


def test_the_3d_figure_is_byte_identical_for_the_same_inputs():
    run = descent.run(VALLEY, optimizers.get("sgd", lr=0.1), VALLEY.start, steps=50)
    a = json.dumps(surface3d_figure(VALLEY, sample(VALLEY), {"p": run.points}))
    b = json.dumps(surface3d_figure(VALLEY, sample(VALLEY), {"p": run.points.copy()}))
    assert a == b
    c = json.dumps(surface3d_figure(VALLEY, sample(VALLEY), {"p": run.points}, camera="top"))
    assert c != a


@pytest.mark.parametrize("camera", list(CAMERAS))
def test_camera_presets_set_the_scene_camera(camera):
    fig = surface3d_figure(VALLEY, sample(VALLEY), {}, camera=camera)
    assert fig["layout"]["scene"]["camera"]["eye"] == {"x": 1.5, "y": -1.5, "z": 1.0} if (
        camera == "3/4") else fig["layout"]["scene"]["camera"] == CAMERAS[camera]  # fmt: skip


def test_curve_figure_tangent_touches_the_curve_at_the_current_point():
    curve = curves.get("double_well")
    fig = curve_figure(curve, np.array([-2.0, -1.5]))
    tangent = next(t for t in fig.data if t.name.startswith("tangent"))
    point = next(t for t in fig.data if t.name == "current x")
    x, y = point.x[0], point.y[0]
    slope = (tangent.y[1] - tangent.y[0]) / (tangent.x[1] - tangent.x[0])
    assert slope == pytest.approx(4 * x**3 - 6 * x - 1)
    assert tangent.y[0] + slope * (x - tangent.x[0]) == pytest.approx(y)


def test_fonts_axis_titles_and_log_axes():
    sweep = learning_rate.lr_sweep(curves.get("parabola"), "sgd", np.geomspace(0.01, 1.5, 100), 4.0)
    figs = [
        curve_figure(curves.get("parabola"), np.array([4.0])),
        loss_figure({"a": np.array([4.0, 1.0, 0.0])}, 0.0),
        sweep_figure(sweep, 2.0, 0.1),
        regime_figure(2.0, 0.3),
        rate_figure(np.full(10, 0.1)),
        contour_figure(VALLEY, sample(VALLEY), {}),
    ]
    for fig in figs:
        assert fig.layout.font.size >= FONT_SIZE
        titled = fig.layout.xaxis.title.text or (fig.layout.xaxis2 and fig.layout.xaxis2.title.text)
        assert titled
        assert np.isfinite(all_numbers(fig)).all()
    assert figs[1].layout.yaxis.type == "log" and figs[2].layout.xaxis.type == "log"


def test_sweep_marks_one_and_two_over_L():
    sweep = learning_rate.lr_sweep(curves.get("parabola"), "sgd", np.geomspace(0.01, 1.5, 100), 4.0)
    fig = sweep_figure(sweep, 2.0, 0.3)
    xs = sorted({s.x0 for s in fig.layout.shapes})
    assert xs == pytest.approx([0.3, 0.5, 1.0])


def test_regime_bar_bands_meet_at_one_and_two_over_L():
    fig = regime_figure(4.0, 10.0)  # α far beyond the bar: marker pinned to the edge
    bands = {t.name: (min(t.x), max(t.x)) for t in fig.data if t.fill == "toself"}
    assert bands["monotone"] == pytest.approx((0, 0.25))
    assert bands["oscillating"] == pytest.approx((0.25, 0.5))
    assert bands["diverging"][0] == pytest.approx(0.5)
    marker = next(t for t in fig.data if t.name == "your α")
    assert marker.x[0] == pytest.approx(bands["diverging"][1]) and marker.text[0] == "α = 10"


def parabola_sweep():
    rates = np.geomspace(0.01, 1.5, 100)
    return learning_rate.lr_sweep(curves.get("parabola"), "sgd", rates, 4.0)


@pytest.mark.parametrize(("lr", "high"), [(None, 1.5), (0.3, 1.5), (5.0, 5.0)])
def test_the_sweeps_rate_axis_spans_its_rates_and_its_labels_sit_on_their_lines(lr, high):
    fig = sweep_figure(parabola_sweep(), 2.0, lr)
    span = [np.log10(0.01), np.log10(high)]  # a log axis's range is in log10
    assert fig.layout.xaxis.range == pytest.approx(span)
    assert fig.layout.xaxis2.range == pytest.approx(span)
    at = {s.x0 for s in fig.layout.shapes}
    for note in fig.layout.annotations:  # an annotation on a log axis is placed in log10 too
        assert 10**note.x == pytest.approx(min(at, key=lambda x: abs(x - 10**note.x)))
    assert {n.text: n.x for n in fig.layout.annotations if "L" in n.text} == pytest.approx(
        {"1/L": np.log10(0.5), "2/L": 0.0}
    )


def text_top(fig, note) -> float:
    """The top of an annotation's text in paper units (the plot area is 0 to 1 high; a text
    line is 1.3 font sizes)."""
    lay = fig.layout
    axis = lay["yaxis" + note.yref.split()[0][1:]]
    low, high = axis.domain or (0, 1)
    where = (
        note.y
        if note.yref.endswith("domain")
        else (note.y - axis.range[0]) / (axis.range[1] - axis.range[0])
    )
    line = 1.3 * lay.font.size / (lay.height - lay.margin.t - lay.margin.b)
    return low + where * (high - low) + {"top": 0, "middle": line / 2, "bottom": line}[note.yanchor]


@pytest.mark.parametrize(
    "fig",
    [regime_figure(4.0, 0.2), regime_figure(4.0, 0.26), sweep_figure(parabola_sweep(), 2.0, 0.3)],
)
def test_line_labels_stay_inside_the_plot_below_the_legend(fig):
    """The legend sits above the plot area; "1/L: one step" once stood on top of it."""
    assert fig.layout.legend.y >= 1 and fig.layout.legend.yanchor in (None, "bottom")
    for note in fig.layout.annotations:
        assert text_top(fig, note) <= 1, note.text


def test_the_regime_bars_label_clears_its_bands():
    fig = regime_figure(4.0, 0.2)
    (note,) = fig.layout.annotations
    bands_top = 1 / fig.layout.yaxis.range[1]  # the bands fill y from 0 to 1
    line = (
        1.3 * fig.layout.font.size / (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b)
    )
    assert note.yanchor == "top" and note.y == 1 and 1 - line >= bands_top
    assert note.xanchor == "left" and note.x == 0.25  # right of its line


def test_the_note_of_a_path_that_left_the_plot_has_no_missing_status():
    parabola = curves.get("parabola")
    notes = [a.text for a in curve_figure(parabola, [5.0, -7.0]).layout.annotations]
    assert notes == ["left the plot at step 1"]
    both = curve_figure(parabola, [5.0, -7.0], status="diverged at step 3").layout.annotations
    assert [a.text for a in both] == ["diverged at step 3 — left the plot at step 1"]
