"""The 3-D component's Python side: the surface file, the per-rerun payload, the fog mask."""

import base64
import json

import numpy as np
import pytest

from gdgame.components import surface3d as component
from gdgame.engine import surfaces
from gdgame.engine.game import gradient_step, level, new_game, visible
from gdgame.figures.game import game_3d_figure
from gdgame.figures.surface import sample, surface3d_figure

CAMEL = surfaces.get("six_hump_camel")


def read_grid(relative: str):
    raw = (component.ASSETS / relative).read_bytes()
    nx, ny = np.frombuffer(raw[:8], "<u4")
    values = np.frombuffer(raw[8:], "<f4")
    return values[:nx], values[nx : nx + ny], values[nx + ny :].reshape(ny, nx)


def test_the_surface_file_holds_the_grid_and_is_named_by_its_content():
    grid = sample(CAMEL, 150)
    name = component.grid_file(grid)
    xs, ys, z = read_grid(name)
    np.testing.assert_array_equal(xs, grid.xs.astype(np.float32))
    np.testing.assert_array_equal(ys, grid.ys.astype(np.float32))
    np.testing.assert_array_equal(z, grid.z)
    assert component.grid_file(grid) == name  # the same surface, the same file
    assert component.grid_file(sample(CAMEL, 149)) != name
    assert (component.ASSETS / name).resolve().is_relative_to(component.ASSETS.resolve())


def test_the_payload_leaves_the_surface_out_and_keeps_the_rest_of_the_figure():
    grid = sample(CAMEL, 150)
    path = np.array([[-2.5, 1.5], [-2.0, 1.0], [-1.5, 0.8]])
    fig = surface3d_figure(CAMEL, grid, {"run": path}, camera="top")
    data = component.payload(fig, grid)
    assert set(data) == {"grid", "traces", "layout"}
    assert data["traces"][0]["type"] == "surface" and not {"x", "y", "z"} & set(data["traces"][0])
    assert data["traces"][1]["name"] == "run"
    assert (
        data["layout"]["scene"]["camera"] == json.loads(fig.to_json())["layout"]["scene"]["camera"]
    )
    assert data["layout"]["uirevision"] == fig.layout.uirevision
    assert len(json.dumps(data)) < 20_000 < len(fig.to_json())


def test_fog_goes_out_as_one_bit_per_point():
    lv = level(3)
    game = gradient_step(new_game(lv, fog="medium"), 0.05)
    grid = sample(lv.landscape, 150)
    seen = visible(game, grid.xs, grid.ys)
    data = component.payload(game_3d_figure(game, grid), grid, seen)
    bits = np.unpackbits(np.frombuffer(base64.b64decode(data["seen"]), np.uint8))
    np.testing.assert_array_equal(bits[: seen.size].astype(bool), seen.ravel())
    assert len(data["seen"]) < 4_000
    assert "seen" not in component.payload(game_3d_figure(game, grid), grid, np.ones_like(seen))


def test_a_figure_without_a_surface_first_is_refused():
    grid = sample(CAMEL, 20)
    fig = surface3d_figure(CAMEL, grid, {})
    fig.add_scatter3d(x=[0], y=[0], z=[0])
    fig.data = (fig.data[-1], *fig.data[:-1])
    with pytest.raises(ValueError, match="surface"):
        component.payload(fig, grid)


def test_plotly_js_comes_from_the_installed_plotly_package():
    component._install_plotly_js()
    copied = component.CACHE / "plotly.min.js"
    assert copied.read_bytes() == component.PLOTLY_JS.read_bytes()
    assert b"plotly.js v" in copied.read_bytes()[:200]
