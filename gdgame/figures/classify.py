"""Figures of the classifying lesson: the sigmoid over one feature, the decision line moving
across two, the size of the weights, and the digits' accuracy, confusion matrix and images.

Inputs are in the units the reader knows (cm, pixels); a model trained on standardized
features comes with each feature's ``shift`` and ``scale`` (x_std = (x − shift) / scale).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from gdgame.engine.models import sigmoid
from gdgame.figures.race import frame_steps, play_controls
from gdgame.figures.style import COLORS, FONT_SIZE, PATH_COLORS, layout

Array = np.ndarray
CLASS_COLORS = (COLORS["curve"], COLORS["point"])  # class 0, class 1
CLASS_SYMBOLS = ("circle", "diamond")


def _jitter(n: int, size: float) -> Array:
    """A fixed spread of ``n`` offsets in ±size, so that equal values do not hide each other."""
    return size * (np.modf(np.arange(n) * 0.618034)[0] * 2 - 1)


def _points(x: Array, y: Array, labels: Array, names: tuple[str, str], **more) -> list[dict]:
    return [{"type": "scatter", "x": x[labels == k], "y": y[labels == k], "mode": "markers",
             "name": names[k], **more,
             "marker": {"color": CLASS_COLORS[k], "symbol": CLASS_SYMBOLS[k], "size": 9,
                        "opacity": 0.7, "line": {"width": 1, "color": "white"}}}
            for k in (0, 1)]  # fmt: skip


def sigmoid_figure(
    x: Array, labels: Array, shift: float, scale: float, params: Array, *,
    names: tuple[str, str], feature: str, example: int | None = None, height: int = 460,
) -> go.Figure:  # fmt: skip
    """The examples at their class (0 or 1) against one feature, and the model's ŷ = σ(w·x + b)
    over it, the ½ threshold marked; ``example`` (an index) ringed at its prediction."""
    x, labels = np.asarray(x, dtype=np.float64), np.asarray(labels)
    w, b = (float(v) for v in params)
    pad = 0.1 * (x.max() - x.min())
    curve_x = np.linspace(x.min() - pad, x.max() + pad, 200)
    data = _points(x, labels + _jitter(len(x), 0.04), labels, names)
    data.append({"type": "scatter", "x": curve_x, "y": sigmoid(w * (curve_x - shift) / scale + b),
                 "mode": "lines", "name": f"ŷ = σ(w·x + b) = P({names[1]})",
                 "line": {"color": "black", "width": 3}})  # fmt: skip
    spec = layout(x_title=f"{feature} (cm)", y_title=f"P({names[1]})", height=height)
    spec["yaxis"] |= {"range": [-0.1, 1.1]}
    spec["xaxis"] |= {"range": [curve_x[0], curve_x[-1]]}
    if w != 0 and curve_x[0] < (edge := shift - b * scale / w) < curve_x[-1]:
        spec["shapes"] = [
            {
                "type": "line",
                "x0": edge,
                "x1": edge,
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"color": COLORS["muted"], "dash": "dash"},
            }
        ]
        spec["annotations"] = [{"x": edge, "y": 0.5, "text": "ŷ = ½", "showarrow": False,
                                "xanchor": "left", "bgcolor": "white"}]  # fmt: skip
    if example is not None:
        here = float(x[example])
        data.append({"type": "scatter", "x": [here, here], "y": [float(labels[example]),
                     float(sigmoid(w * (here - shift) / scale + b))], "name": "the example",
                     "mode": "lines+markers", "line": {"color": COLORS["next"], "width": 2},
                     "marker": {"size": 16, "symbol": "circle-open",
                                "line": {"width": 3, "color": COLORS["next"]}}})  # fmt: skip
    return go.Figure(data=data, layout=spec)


def _segment(w: Array, b: float, box: tuple[tuple[float, float], ...]) -> Array:
    """Where the line w₁x₁ + w₂x₂ + b = 0 crosses the box: its two ends, or nothing."""
    (x0, x1), (y0, y1) = box
    ends = []
    if w[1] != 0:
        for x in (x0, x1):
            y = -(b + w[0] * x) / w[1]
            if y0 <= y <= y1:
                ends.append((x, y))
    if w[0] != 0:
        for y in (y0, y1):
            x = -(b + w[1] * y) / w[0]
            if x0 <= x <= x1:
                ends.append((x, y))
    ends = np.unique(np.round(np.array(ends, dtype=np.float64).reshape(-1, 2), 12), axis=0)
    return ends[[0, -1]] if len(ends) >= 2 else np.empty((0, 2))


def decision_figure(
    X: Array, labels: Array, shift: Array, scale: Array, path: Array, *,
    names: tuple[str, str], features: tuple[str, str], height: int = 520,
) -> go.Figure:  # fmt: skip
    """Two features of the examples and the decision line σ(w·x + b) = ½ of every model on
    ``path`` (k, 3), moving across them when the viewer presses Play (frames by step)."""
    X, path = np.asarray(X, dtype=np.float64), np.asarray(path, dtype=np.float64)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.08 * (hi - lo)
    box = tuple(zip(lo - pad, hi + pad, strict=True))
    # In cm: w·(x − shift)/scale + b = (w/scale)·x + (b − Σ w·shift/scale)
    slopes = path[:, :2] / scale
    offsets = path[:, 2] - slopes @ shift

    def line(k: int) -> dict:
        ends = _segment(slopes[k], float(offsets[k]), box)
        return {"type": "scatter", "x": ends[:, 0], "y": ends[:, 1]}

    last = len(path) - 1
    data = _points(X[:, 0], X[:, 1], labels, names)
    data.append({**line(last), "mode": "lines", "name": "decision line ŷ = ½",
                 "line": {"color": "black", "width": 3}})  # fmt: skip
    frames = [{"data": [line(int(k))], "traces": [2], "name": str(int(k))}
              for k in frame_steps(last)]  # fmt: skip
    spec = layout(x_title=f"{features[0]} (cm)", y_title=f"{features[1]} (cm)", height=height)
    spec["xaxis"] |= {"range": list(box[0])}
    spec["yaxis"] |= {"range": list(box[1])}
    spec |= play_controls([f["name"] for f in frames])
    spec["sliders"][0]["active"] = len(frames) - 1  # the figure shows the last step
    spec["margin"] = {**spec["margin"], "b": 170}
    return go.Figure(data=data, layout=spec, frames=frames)


def norm_figure(series: dict[str, Array], *, height: int = 340) -> go.Figure:
    """The size of the weights ‖w‖ against step, one line per run."""
    data = [{"type": "scatter", "x": np.arange(len(v)), "y": np.asarray(v, dtype=np.float64),
             "mode": "lines", "name": name,
             "line": {"color": PATH_COLORS[i % len(PATH_COLORS)], "width": 3}}
            for i, (name, v) in enumerate(series.items())]  # fmt: skip
    spec = layout(x_title="step", y_title="‖w‖", height=height)
    spec["yaxis"] |= {"rangemode": "tozero"}
    return go.Figure(data=data, layout=spec)


def accuracy_figure(train: Array, test: Array, epochs: int, *, height: int = 380) -> go.Figure:
    """Train and test accuracy after each epoch (epoch 0: before training), on an axis of
    all the ``epochs`` asked for (a training that diverged stops short of its end)."""
    data = [{"type": "scatter", "x": np.arange(len(v)), "y": np.asarray(v, dtype=np.float64),
             "mode": "lines+markers", "name": name, "line": {"color": color, "width": 3}}
            for name, v, color in (("train", train, COLORS["curve"]),
                                   ("test", test, COLORS["point"]))]  # fmt: skip
    spec = layout(x_title="epoch", y_title="accuracy", height=height)
    spec["yaxis"] |= {"range": [0, 1.02], "tickformat": ".0%"}
    spec["xaxis"] |= {"range": [-0.02 * epochs, 1.02 * epochs]}
    return go.Figure(data=data, layout=spec)


def confusion_figure(true: Array, predicted: Array, classes: int = 10, *,
                     height: int = 380) -> go.Figure:  # fmt: skip
    """How many examples of each true class (rows) went to each predicted class (columns)."""
    true, predicted = np.asarray(true, dtype=np.int64), np.asarray(predicted, dtype=np.int64)
    counts = np.bincount(true * classes + predicted, minlength=classes * classes)
    counts = counts.reshape(classes, classes)
    ticks = {"tickmode": "array", "tickvals": list(range(classes)),
             "ticktext": [str(k) for k in range(classes)]}  # fmt: skip
    data = [{"type": "heatmap", "z": counts.astype(np.int32), "x": np.arange(classes),
             "y": np.arange(classes), "colorscale": "Blues", "showscale": False,
             "text": counts.astype(str), "texttemplate": "%{text}",
             "hovertemplate": "true %{y}, said %{x}: %{z}<extra></extra>"}]  # fmt: skip
    spec = layout(x_title="predicted", y_title="true", height=height)
    spec["xaxis"] |= ticks | {"side": "top"}
    spec["yaxis"] |= ticks | {"autorange": "reversed"}
    spec["margin"] = {"l": 60, "r": 20, "t": 70, "b": 20}
    return go.Figure(data=data, layout=spec)


def images_figure(
    images: Array, titles: list[str], *, cols: int = 10, signed: bool = False, side: int = 8,
    tile: int = 95,
) -> go.Figure:  # fmt: skip
    """Small ``side`` × ``side`` images in a grid, each with its title: ink from 0 to 1 in
    grey, or signed weights (``signed``) from blue (−) through white to red (+), each image
    divided by its own largest magnitude. One heatmap of all the tiles, a white (0) row and
    column between them (forty heatmaps on forty axes took ten times as long to build and
    send)."""
    images = np.asarray(images, dtype=np.float64).reshape(-1, side, side)
    rows = max(1, -(-len(images) // cols))
    step = side + 1
    tiles = np.zeros((rows * step - 1, cols * step - 1))
    for i, image in enumerate(images):
        r, c = divmod(i, cols)
        top = float(np.abs(image).max()) or 1.0
        tiles[r * step : r * step + side, c * step : c * step + side] = (
            image / top if signed else image
        )
    scale = ({"colorscale": "RdBu", "reversescale": True, "zmin": -1.0, "zmax": 1.0}
             if signed else {"colorscale": "Greys", "zmin": 0.0, "zmax": 1.0})  # fmt: skip
    data = [{"type": "heatmap", "z": tiles.astype(np.float32), "showscale": False,
             "hoverinfo": "skip", **scale}]  # fmt: skip
    hidden = {"visible": False, "fixedrange": True}
    spec = {"font": {"size": FONT_SIZE}, "height": rows * (tile + 35) + 20,
            "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "plot_bgcolor": "white",
            "xaxis": {**hidden, "range": [-0.5, cols * step - 1.5]},
            "yaxis": {**hidden, "autorange": "reversed", "scaleanchor": "x"},
            "annotations": [{"text": title, "x": (i % cols) * step + (side - 1) / 2,
                             "y": (i // cols) * step - 0.5, "xref": "x", "yref": "y",
                             "showarrow": False, "yanchor": "bottom", "font": {"size": 14}}
                            for i, title in enumerate(titles)]}  # fmt: skip
    return go.Figure(data=data, layout=spec)
