"""Figures of loss landscapes: the loss on a plane through a trained network as contours and in
3-D, its local minima marked, a slice through it, and the two trainings' histories.

Heights are log₁₀ of the loss, capped at ``CAP`` (`shade`): a plane without skip connections
reaches losses of 10⁷, which on a linear scale would paint everything else one colour. Both
networks' views share one colour range and one z range (`shared_range`), so that the same
colour is the same loss on either side. Specs are plain dicts in plotly's JSON schema; the
landscape view fills their first trace from the grid (`plane_grid`), sent once.
"""

from __future__ import annotations

import math

import numpy as np

from gdgame.engine.loss_landscape import Plane
from gdgame.figures.lines import LOG
from gdgame.figures.style import FONT_SIZE, PATH_COLORS, SURFACE_SCALE, layout
from gdgame.figures.surface import CAMERAS, Grid, typed

CAP = 1e3  # losses above this are drawn at it
TOO_BIG = 1e38  # beyond float32, which the browser gets: left out of the slice
LEVEL = 0.25  # one contour every quarter of a decade
HOVER = "a = %{x:.2f}, b = %{y:.2f}<extra></extra>"
MINIMUM = {"symbol": "circle-open", "color": "white", "line": {"width": 2}}
TRAINED = {"symbol": "star", "size": 16, "color": "white", "line": {"color": "black", "width": 1}}


def shade(losses: np.ndarray, cap: float = CAP) -> np.ndarray:
    """log₁₀ of each loss, at most log₁₀(cap); a non-finite loss is drawn at the cap."""
    losses = np.asarray(losses, dtype=np.float64)
    capped = np.where(np.isfinite(losses), np.minimum(losses, cap), cap)
    return np.log10(np.maximum(capped, 1e-300))


def plane_grid(plane: Plane, cap: float = CAP) -> Grid:
    """The plane as the landscape view draws it: a along x, b along y, capped log₁₀ heights."""
    return Grid(plane.a, plane.b, shade(plane.losses, cap).astype(np.float32))


def shared_range(*planes: Plane, cap: float = CAP) -> tuple[float, float]:
    """One colour (and z) range for every plane: from the lowest loss, on a whole level, to
    the cap."""
    low = min(float(shade(p.losses, cap).min()) for p in planes)
    top = math.log10(cap)
    return math.floor(low / LEVEL) * LEVEL, top if top > low else low + LEVEL


def _minima(plane: Plane, minima: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = np.nonzero(minima)
    return plane.a[cols], plane.b[rows]


def _axes_layout(spec: dict, plane: Plane) -> dict:
    ends = [float(plane.a[0]), float(plane.a[-1])]
    spec["xaxis"] |= {"range": ends, "constrain": "domain"}
    spec["yaxis"] |= {"range": [float(plane.b[0]), float(plane.b[-1])], "scaleanchor": "x",
                      "scaleratio": 1, "constrain": "domain"}  # fmt: skip
    return spec


def contour_map(
    plane: Plane, minima: np.ndarray, *, zrange: tuple[float, float], title: str,
    height: int = 600, cap: float = CAP,
) -> dict:  # fmt: skip
    """The plane as contours of capped log₁₀ loss (first trace, filled from `plane_grid`), its
    local minima (○) and the trained network at the centre (★)."""
    low, top = zrange
    data = [{"type": "contour", "colorscale": SURFACE_SCALE, "zmin": low, "zmax": top,
             "autocontour": False, "contours": {"start": low, "end": top, "size": LEVEL},
             "name": title, "hovertemplate": "a = %{x:.2f}, b = %{y:.2f}, "
             "log₁₀ loss = %{z:.2f}<extra></extra>",
             "colorbar": {"title": {"text": f"log₁₀ loss (capped at {math.log10(cap):g})",
                                    "side": "top"},
                          "orientation": "h", "y": -0.2, "yanchor": "top",
                          "thickness": 14}}]  # fmt: skip
    xs, ys = _minima(plane, minima)
    data.append({"type": "scatter", "x": typed(xs), "y": typed(ys), "mode": "markers",
                 "name": f"local minima ({len(xs)})", "hovertemplate": HOVER,
                 "marker": {**MINIMUM, "size": 11}})  # fmt: skip
    data.append({"type": "scatter", "x": [0.0], "y": [0.0], "mode": "markers",
                 "name": "trained network", "hovertemplate": HOVER, "marker": TRAINED})  # fmt: skip
    spec = _axes_layout(layout(x_title="a (along δ)", y_title="b (along η)", height=height),
                        plane)  # fmt: skip
    spec["title"] = {"text": title, "x": 0.5, "xanchor": "center"}
    spec["margin"] = {"l": 60, "r": 10, "t": 50, "b": 150}
    spec["showlegend"] = False  # the page says what ○ and ★ are
    spec["uirevision"] = title
    return {"data": data, "layout": spec}


def landscape_3d(
    plane: Plane, minima: np.ndarray, *, zrange: tuple[float, float], title: str,
    camera: str = "3/4", height: int = 520, cap: float = CAP,
) -> dict:  # fmt: skip
    """The plane in 3-D (first trace, filled from `plane_grid`) with its local minima as
    markers just above it; ``camera`` is a preset of `CAMERAS`."""
    low, top = zrange
    lift = 0.01 * (top - low)
    xs, ys = _minima(plane, minima)
    zs = shade(plane.losses, cap)[minima] + lift
    data = [{"type": "surface", "colorscale": SURFACE_SCALE, "cmin": low, "cmax": top,
             "showscale": False, "name": title, "opacity": 0.95},
            {"type": "scatter3d", "x": typed(xs), "y": typed(ys), "z": typed(zs),
             "mode": "markers", "name": f"local minima ({len(xs)})",
             "marker": {"size": 5, "color": PATH_COLORS[0], "line": {"width": 1}}}]  # fmt: skip
    titles = {"x": "a", "y": "b", "z": "log₁₀ loss"}
    scene = {f"{k}axis": {"title": {"text": t}} for k, t in titles.items()}
    scene["zaxis"]["range"] = [low, top + lift]
    return {"data": data, "layout": {
        "scene": {"camera": CAMERAS[camera], **scene},
        "title": {"text": title, "x": 0.5, "xanchor": "center"},
        "uirevision": f"{title}-{camera}",
        "font": {"size": FONT_SIZE},
        "height": height,
        "margin": {"l": 0, "r": 0, "t": 60, "b": 0},
        "legend": {"orientation": "h", "y": 1.0, "x": 0},
    }}  # fmt: skip


def slice_figure(slices: dict[str, tuple[np.ndarray, np.ndarray]], *, height: int = 380) -> dict:
    """Each network's loss along a (b = 0) on a log axis, one line per network (a short one
    with its points marked); non-finite losses, and any beyond float32, are left out."""
    data = []
    for i, (name, (a, losses)) in enumerate(slices.items()):
        losses = np.asarray(losses, dtype=np.float64)
        keep = (losses > 0) & (losses < TOO_BIG)
        color = PATH_COLORS[i % len(PATH_COLORS)]
        data.append({"type": "scatter", "x": typed(np.asarray(a)[keep]), "y": typed(losses[keep]),
                     "name": name,
                     "mode": "lines+markers" if len(a) <= 60 else "lines",
                     "line": {"color": color, "width": 3}, "marker": {"size": 5},
                     "hovertemplate": "a = %{x:.3f}, loss = %{y:.3g}<extra></extra>"})  # fmt: skip
    spec = layout(x_title="a: distance along δ (b = 0)", y_title="loss (log scale)",
                  height=height)  # fmt: skip
    spec["yaxis"] |= LOG
    return {"data": data, "layout": spec}


def history_figure(
    series: dict[str, np.ndarray], *, y_title: str, log_y: bool = False, height: int = 340,
) -> dict:  # fmt: skip
    """One value per epoch (the training loss, the accuracy) for each network; non-finite
    values are left out."""
    data = []
    for i, (name, values) in enumerate(series.items()):
        values = np.asarray(values, dtype=np.float64)
        keep = np.isfinite(values)
        data.append({"type": "scatter", "x": typed(np.flatnonzero(keep)), "y": typed(values[keep]),
                     "name": name, "mode": "lines",
                     "line": {"color": PATH_COLORS[i % len(PATH_COLORS)], "width": 3}})  # fmt: skip
    spec = layout(x_title="epoch", y_title=y_title, height=height)
    if log_y:
        spec["yaxis"] |= LOG
    return {"data": data, "layout": spec}
