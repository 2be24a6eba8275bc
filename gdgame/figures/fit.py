"""Figures of a line fitted to data: the data with lines and residuals, the (w, b) map with
descent paths over it, and losses against updates and epochs.

All are plain dicts in plotly's JSON schema (no validation on the server at every rerun; see
`gdgame.figures.lines`). The map is drawn by the landscape view, which fills its first trace
from the grid it sends once.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.landscape import Surface
from gdgame.figures.lines import FLOOR, LOG
from gdgame.figures.style import COLORS, PATH_COLORS, SURFACE_SCALE, layout
from gdgame.figures.surface import Grid, typed

Line = tuple[float, float]  # (w, b) of ŷ = w·x + b


def _finite(values: object) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(values), values, np.nan)


def data_figure(
    x: np.ndarray, y: np.ndarray, lines: dict[str, Line], *, residuals_of: str | None = None,
    x_title: str, y_title: str, height: int = 440,
) -> dict:  # fmt: skip
    """The data as points, each line ŷ = w·x + b across them, and the residuals (the vertical
    gaps whose squares the loss averages) of the line named ``residuals_of``."""
    pad = 0.05 * float(x.max() - x.min())
    span = np.array([x.min() - pad, x.max() + pad])
    data = [{"type": "scatter", "x": typed(x), "y": typed(y), "mode": "markers", "name": "data",
             "marker": {"color": COLORS["grid"], "size": 7, "opacity": 0.8},
             "hovertemplate": "x = %{x:.2f}, y = %{y:.2f}<extra></extra>"}]  # fmt: skip
    if residuals_of is not None:
        w, b = lines[residuals_of]
        gaps = np.full((len(x), 3), np.nan)
        gaps[:, 0], gaps[:, 1] = y, w * x + b
        xs = np.repeat(x, 3).astype(np.float64)
        xs[2::3] = np.nan
        data.append({"type": "scatter", "x": typed(xs), "y": typed(gaps.ravel()),
                     "mode": "lines", "name": "residuals", "hoverinfo": "skip",
                     "line": {"color": COLORS["muted"], "width": 1}})  # fmt: skip
    for i, (name, (w, b)) in enumerate(lines.items()):
        data.append({"type": "scatter", "x": span.tolist(), "y": (w * span + b).tolist(),
                     "mode": "lines", "name": name,
                     "line": {"color": PATH_COLORS[i % len(PATH_COLORS)], "width": 3,
                              "dash": "dash" if i else "solid"}})  # fmt: skip
    spec = layout(x_title=x_title, y_title=y_title, height=height)
    low, high = float(y.min()), float(y.max())
    spec["yaxis"] |= {"range": [low - 0.15 * (high - low), high + 0.15 * (high - low)]}
    return {"data": data, "layout": spec}


def fit_map(
    surface: Surface, paths: dict[str, np.ndarray], *, marks: dict[str, Line] | None = None,
    batch: Grid | None = None, height: int = 440, revision: str = "",
) -> dict:  # fmt: skip
    """The loss over (w, b) for the landscape view: its contours (the first trace, filled from
    the grid), each path, the optimum (★) and ``marks`` (■, such as your own line).

    ``batch`` draws one mini-batch's own loss as faint contour lines under the paths: the
    surface that update descended, which is not the loss of all the data.
    """
    (w0, w1), (b0, b1) = surface.domain
    data = [{"type": "contour", "colorscale": SURFACE_SCALE, "ncontours": 30,
             "showscale": False, "name": surface.title,
             "hovertemplate": "w = %{x:.3f}, b = %{y:.3f}<extra></extra>"}]  # fmt: skip
    if batch is not None:
        rows = {**typed(batch.z), "shape": ", ".join(map(str, batch.z.shape))}
        data.append({"type": "contour", "x": typed(batch.xs), "y": typed(batch.ys),
                     "z": rows, "ncontours": 14,
                     "contours": {"coloring": "lines"}, "showscale": False,
                     "colorscale": [[0, "#ffffff"], [1, "#ffffff"]], "opacity": 0.6,
                     "hoverinfo": "skip", "name": "this mini-batch's loss",
                     "line": {"width": 1}})  # fmt: skip
    for i, (name, points) in enumerate(paths.items()):
        points = np.asarray(points, dtype=np.float64)
        color = PATH_COLORS[i % len(PATH_COLORS)]
        data.append({"type": "scatter", "x": typed(points[:, 0]), "y": typed(points[:, 1]),
                     "mode": "lines+markers", "name": name, "line": {"color": color, "width": 2},
                     "marker": {"size": 4, "color": color},
                     "hovertemplate": "w = %{x:.4g}, b = %{y:.4g}<extra></extra>"})  # fmt: skip
    for name, (w, b) in (marks or {}).items():
        data.append({"type": "scatter", "x": [w], "y": [b], "mode": "markers", "name": name,
                     "marker": {"symbol": "square", "size": 12, "color": "white",
                                "line": {"color": "black", "width": 2}}})  # fmt: skip
    best = surface.global_minima
    data.append({"type": "scatter", "x": [m.x for m in best], "y": [m.y for m in best],
                 "mode": "markers", "name": "optimum",
                 "marker": {"symbol": "star", "size": 16, "color": "white",
                            "line": {"color": "black", "width": 1}}})  # fmt: skip
    spec = layout(x_title="weight w", y_title="bias b", height=height)
    spec["xaxis"] |= {"range": [w0, w1], "constrain": "domain"}
    spec["yaxis"] |= {"range": [b0, b1], "scaleanchor": "x", "scaleratio": 1,
                      "constrain": "domain"}  # fmt: skip
    spec["uirevision"] = revision or surface.title
    return {"data": data, "layout": spec}


def gap_figure(
    series: dict[str, np.ndarray], *, x_title: str = "step", y_title: str, height: int = 340,
    x: dict[str, np.ndarray] | None = None, log_x: bool = False,
) -> dict:  # fmt: skip
    """Each series (a loss above its minimum, a distance to the optimum) on a log axis
    against step, or against its own ``x`` (updates, epochs); a short series shows its points."""
    data = []
    for i, (name, values) in enumerate(series.items()):
        gap = _finite(np.maximum(np.asarray(values, dtype=np.float64), FLOOR))
        along = np.arange(len(gap)) if x is None else x[name]
        color = PATH_COLORS[i % len(PATH_COLORS)]
        data.append({"type": "scatter", "x": typed(along), "y": typed(gap), "name": name,
                     "mode": "lines+markers" if len(gap) <= 60 else "lines",
                     "line": {"color": color, "width": 3}, "marker": {"size": 6}})  # fmt: skip
    spec = layout(x_title=f"{x_title} (log scale)" if log_x else x_title, y_title=y_title,
                  height=height)  # fmt: skip
    spec["yaxis"] |= LOG
    if log_x:
        spec["xaxis"] |= LOG
    return {"data": data, "layout": spec}


def training_figure(
    batch_losses: np.ndarray, epoch_losses: np.ndarray, per_epoch: int, *, minimum: float,
    height: int = 340,
) -> dict:  # fmt: skip
    """Each update's mini-batch loss (noisy: a batch can sit below the best line for all the
    data) and the loss on all the data after each epoch, against the update, with the best
    possible loss on all the data as a dashed line."""
    updates = np.arange(1, len(batch_losses) + 1)
    ends = np.arange(len(epoch_losses)) * per_epoch
    data = [
        {"type": "scatter", "x": typed(updates),
         "y": typed(_finite(np.maximum(batch_losses, FLOOR))),
         "mode": "lines", "name": "each update's mini-batch",
         "line": {"color": COLORS["muted"], "width": 1}},
        {"type": "scatter", "x": typed(ends), "y": typed(_finite(epoch_losses)),
         "mode": "lines+markers", "name": "all the data, after each epoch",
         "line": {"color": PATH_COLORS[0], "width": 3}, "marker": {"size": 7}},
        {"type": "scatter", "x": [0, max(int(updates[-1]) if len(updates) else 1, 1)],
         "y": [minimum, minimum], "mode": "lines", "name": "best possible",
         "line": {"color": "black", "width": 1, "dash": "dash"}},
    ]  # fmt: skip
    spec = layout(x_title="update", y_title="loss (MSE)", height=height)
    spec["yaxis"] |= LOG
    return {"data": data, "layout": spec}
