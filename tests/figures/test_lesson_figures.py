"""Figures of the local-minima and race lessons: the basin heatmap, playback frames, arrows."""

import numpy as np
import plotly.io as pio
import pytest

from gdgame.engine import descent, local_minima, optimizers, surfaces
from gdgame.figures.basins import basin_figure, minimum_names
from gdgame.figures.lines import norm_figure, odds_figure
from gdgame.figures.race import arrows_figure, frame_steps, playback_figure
from gdgame.figures.surface import CLICK_GRID, contour_figure, sample
from tests.figures.test_figures import all_numbers

CAMEL = surfaces.get("six_hump_camel")
GRID = sample(CAMEL)


def test_the_basin_heatmap_shows_each_start_in_its_minimums_colour():
    basins = local_minima.basin_map(CAMEL, optimizers.get("sgd", lr=0.02), 150, 500)
    fig = basin_figure(CAMEL, basins)
    z = np.asarray(fig.data[0].z)
    assert z.shape == (150, 150) and z.dtype == np.int8
    np.testing.assert_array_equal(z - 1, basins.labels)  # every start found a known minimum
    names = {t.name for t in fig.data[1:]}
    assert names == set(minimum_names(basins)) and len(names) == 6
    assert len(pio.to_json(fig)) < 60_000  # the grid goes out as one small typed array


@pytest.mark.parametrize("steps", [3, 40, 500])
def test_playback_frames_grow_each_path_to_its_end(steps):
    s = surfaces.get("rosenbrock")
    runs = {n: descent.run(s, optimizers.get(n, lr=lr), s.start, steps, tol=0.0)
            for n, lr in (("sgd", 1e-3), ("adam", 0.05))}  # fmt: skip
    fig = playback_figure(s, sample(s), {n: r.points for n, r in runs.items()})
    assert [int(f.name) for f in fig.frames] == list(frame_steps(steps))
    last = fig.frames[-1]
    for trace, run in zip(last.data, runs.values(), strict=True):
        assert (trace.x[-1], trace.y[-1]) == pytest.approx(tuple(run.points[-1]), rel=1e-6)
        assert (trace.x[0], trace.y[0]) == pytest.approx(tuple(run.points[0]))
    lengths = [len(f.data[0].x) for f in fig.frames]
    assert lengths == sorted(lengths) and max(lengths) <= 150
    play = fig.layout.updatemenus[0].buttons[0]
    assert play.method == "animate" and play.args[1]["frame"]["redraw"] is True  # else plotly
    # drops the contour when it animates the paths


def test_the_arrows_start_at_each_racers_point_and_the_update_ends_at_the_next():
    s = surfaces.get("narrow_valley", condition=10.0)
    run = descent.run(s, optimizers.get("momentum", lr=0.03), s.start, 50, tol=0.0)
    step = 7
    update = run.points[step + 1] - run.points[step]
    vectors = {"momentum": {"gradient": run.grads[step], "update": update,
                            "velocity": 0.5 * update}}  # fmt: skip
    fig = arrows_figure(s, sample(s), {"momentum": run.points}, step, vectors)
    arrows = fig.layout.annotations
    assert len(arrows) == 3
    assert all((a.ax, a.ay) == pytest.approx(tuple(run.points[step])) for a in arrows)
    assert (arrows[0].x, arrows[0].y) == pytest.approx(tuple(run.points[step + 1]))
    down = np.array([arrows[2].x - arrows[2].ax, arrows[2].y - arrows[2].ay])
    g = run.grads[step]
    assert np.dot(down, -g) == pytest.approx(np.linalg.norm(down) * np.linalg.norm(g))


def test_a_clickable_map_and_its_minima():
    fig = contour_figure(CAMEL, GRID, {}, clickable=True, all_minima=True)
    targets = next(t for t in fig.data if t.name == "start here")
    assert len(targets.x) == CLICK_GRID**2
    (x0, x1), (y0, y1) = CAMEL.domain
    assert (min(targets.x), max(targets.x), min(targets.y), max(targets.y)) == (x0, x1, y0, y1)
    local = next(t for t in fig.data if t.name == "local minimum")
    assert len(local.x) == sum(not m.is_global for m in CAMEL.minima)


def test_norm_and_odds_figures_are_finite_and_labelled():
    run = descent.run(surfaces.get("saddle"), optimizers.get("sgd", lr=0.05), (-1.9, 0.0), 300)
    fig = norm_figure({"run": np.hypot(*run.grads.T)})
    assert fig.layout.yaxis.type == "log" and np.isfinite(all_numbers(fig)).all()
    odds = local_minima.restart_odds(CAMEL, optimizers.get("sgd", lr=0.02), 10, 200, trials=50)
    fig = odds_figure(odds, 0.5)
    assert list(fig.data[1].y) == pytest.approx(list(1 - 0.5 ** np.arange(1, 11)))
