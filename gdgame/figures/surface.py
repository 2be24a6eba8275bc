"""2-D surfaces: a contour map and a 3-D view, each with descent paths on them.

The contour map is a plotly Figure for `st.plotly_chart`, its surface sent as 1-D x and y
vectors and a float32 z (at most 150 × 150 by default). The 3-D view is a plain dict for the
landscape view component, whose grid goes out once as a file. The same inputs always give
identical figures, so nothing is redrawn on a rerun that changed nothing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from gdgame.engine.landscape import Surface
from gdgame.figures.paths import drawable
from gdgame.figures.style import COLORS, FONT_SIZE, PATH_COLORS, SURFACE_SCALE, layout

GRID = 150
CLICK_GRID = 61  # click targets per side of a clickable map
CAMERAS = {
    "3/4": {"eye": {"x": 1.5, "y": -1.5, "z": 1.0}, "up": {"x": 0, "y": 0, "z": 1}},
    "top": {"eye": {"x": 0.0, "y": 0.0, "z": 2.4}, "up": {"x": 0, "y": 1, "z": 0}},
    "side": {"eye": {"x": 0.0, "y": -2.4, "z": 0.3}, "up": {"x": 0, "y": 0, "z": 1}},
}


@dataclass(frozen=True)
class Grid:
    """A surface sampled for drawing: 1-D axes and z as float32 (rows follow y)."""

    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray


def sample(surface: Surface, n: int = GRID) -> Grid:
    """The surface on an n × n grid over its domain. Where f is no finite number (a typed
    formula's log(y) for y ≤ 0), or too large for float32, z is NaN: plotly leaves it blank."""
    (x0, x1), (y0, y1) = surface.domain
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.asarray(surface.f(*np.meshgrid(xs, ys)), dtype=np.float64).astype(np.float32)
    return Grid(xs, ys, np.where(np.isfinite(z), z, np.float32(np.nan)))


def _paths(surface: Surface, paths: dict[str, np.ndarray]):
    for i, (name, points) in enumerate(paths.items()):
        shown = drawable(surface, points)
        label = name if shown.label is None else f"{name} ({shown.label})"
        yield label, shown.points, PATH_COLORS[i % len(PATH_COLORS)]


def contour_figure(
    surface: Surface, grid: Grid, paths: dict[str, np.ndarray], *, height: int = 520,
    compact: bool = False, clickable: bool = False, all_minima: bool = False,
) -> go.Figure:  # fmt: skip
    """Contour map of the surface with each path from its start to its end (a cross).

    ``compact`` drops the legend and the colour bar, for small multiples. ``clickable`` adds
    invisible click targets over the whole map (for a chart whose clicks set the start);
    ``all_minima`` marks the local minima too, not only the global ones.
    """
    data = [{"type": "contour", "x": grid.xs, "y": grid.ys, "z": grid.z,
             "colorscale": SURFACE_SCALE, "ncontours": 30, "name": surface.title,
             "colorbar": {"title": {"text": "f(x, y)"}}, "hoverinfo": "x+y+z",
             "showscale": not compact}]  # fmt: skip
    for label, pts, color in _paths(surface, paths):
        if len(pts):
            data.append({"type": "scatter", "x": pts[:, 0], "y": pts[:, 1], "name": label,
                         "mode": "lines+markers", "line": {"color": color, "width": 3},
                         "marker": {"size": 6}})  # fmt: skip
            data.append({"type": "scatter", "x": pts[-1:, 0], "y": pts[-1:, 1], "mode": "markers",
                         "showlegend": False, "hoverinfo": "skip",
                         "marker": {"color": color, "size": 14, "symbol": "x",
                                    "line": {"width": 2}}})  # fmt: skip
    (x0, x1), (y0, y1) = surface.domain
    if clickable:  # Streamlit's on_select answers clicks on markers only
        tx, ty = np.meshgrid(np.linspace(x0, x1, CLICK_GRID), np.linspace(y0, y1, CLICK_GRID))
        data.append({"type": "scatter", "x": tx.ravel().astype(np.float32),
                     "y": ty.ravel().astype(np.float32), "mode": "markers", "name": "start here",
                     "showlegend": False, "marker": {"size": 10, "opacity": 0.0},
                     "hovertemplate": "start at (%{x:.2f}, %{y:.2f})<extra></extra>"})  # fmt: skip
    if all_minima and (local := [m for m in surface.minima if not m.is_global]):
        data.append(_minima_trace(local, "local minimum", "circle-open", 12, 2))
    data.append(_minima_trace([m for m in surface.minima if m.is_global], "global minimum",
                              "star", 16, 1))  # fmt: skip
    spec = layout(x_title="x", y_title="y", height=height)
    spec["xaxis"] |= {"range": [x0, x1], "constrain": "domain"}
    spec["yaxis"] |= {"range": [y0, y1], "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"}
    if compact:
        spec |= {"showlegend": False, "margin": {"l": 50, "r": 10, "t": 40, "b": 50},
                 "annotations": [{"text": next(iter(paths), ""), "xref": "paper",
                                  "yref": "paper", "x": 0.5, "y": 1.06, "showarrow": False,
                                  "font": {"size": 15}}]}  # fmt: skip
    return go.Figure(data=data, layout=spec)


def _minima_trace(minima: list, name: str, symbol: str, size: int, edge: int) -> dict:
    return {"type": "scatter", "x": [m.x for m in minima], "y": [m.y for m in minima],
            "name": name, "mode": "markers",
            "marker": {"symbol": symbol, "size": size, "color": "white",
                       "line": {"color": "black", "width": edge}}}  # fmt: skip


def typed(values: object) -> dict:
    """An array as plotly's typed-array JSON (little-endian float32, base64): compact, and
    read by plotly.js as it is, with no validation on the server."""
    array = np.ascontiguousarray(values, dtype="<f4")
    return {"dtype": "f4", "bdata": base64.b64encode(array.tobytes()).decode()}


def surface3d_figure(
    surface: Surface, grid: Grid, paths: dict[str, np.ndarray], *, camera: str = "3/4",
    height: int = 560, seen: np.ndarray | None = None,
) -> dict:  # fmt: skip
    """The surface in 3-D with each path lifted just above it, as a plain dict for the landscape
    view (its grid fills the first trace); ``camera`` is a preset name, ``seen`` what the game's
    fog lets the player see."""
    shown = grid.z if seen is None else grid.z[seen]
    shown = shown[np.isfinite(shown)]
    lift = 0.01 * float(shown.max() - shown.min()) if shown.size else 0.0
    data = [{"type": "surface", "colorscale": SURFACE_SCALE, "showscale": False,
             "name": surface.title, "opacity": 0.95}]  # fmt: skip
    for label, pts, color in _paths(surface, paths):
        if len(pts):
            data.append({
                "type": "scatter3d", "x": typed(pts[:, 0]), "y": typed(pts[:, 1]),
                "z": typed(surface.f(pts[:, 0], pts[:, 1]) + lift), "name": label,
                "mode": "lines+markers", "line": {"color": color, "width": 6},
                "marker": {"size": 3},
            })  # fmt: skip
    axis = {"x": "x", "y": "y", "z": "f(x, y)"}
    return {"data": data, "layout": {
        "scene": {"camera": CAMERAS[camera],
                  **{f"{a}axis": {"title": {"text": t}} for a, t in axis.items()}},
        "uirevision": f"{surface.name}-{camera}",
        "font": {"size": FONT_SIZE},
        "height": height,
        "margin": {"l": 0, "r": 0, "t": 30, "b": 0},
        "legend": {"orientation": "h", "y": 1.02, "x": 0},
    }}  # fmt: skip


__all__ = ["CAMERAS", "COLORS", "Grid", "contour_figure", "sample", "surface3d_figure", "typed"]
