"""Figures of the section "A network learns": the training played back (the decision boundary
over the plane beside the train and test loss, as plotly frames the browser plays), and the
network drawn as a diagram whose lines are its weights.

Colours follow TensorFlow Playground's convention in the Okabe–Ito colours the app uses: blue
for class 1 and positive weights, vermillion for class 0 and negative ones.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from gdgame.figures.race import play_controls
from gdgame.figures.style import COLORS, FONT_SIZE, layout

Array = np.ndarray
BLUE, ORANGE = COLORS["curve"], COLORS["point"]
CLASS_COLORS = (ORANGE, BLUE)  # class 0, class 1
CLASS_SYMBOLS = ("circle", "diamond")
SCALE = [[0.0, ORANGE], [0.5, "#ffffff"], [1.0, BLUE]]  # a bias from −m to +m
PALE = [[0.0, "#ecb68c"], [0.5, "#ffffff"], [1.0, "#8cbfdc"]]  # P(class 1): the points show on it
FRAMES = 36
BACK = 0.22  # where a weight's hover point sits: this far back along its line from its neuron
WIDTHS = 4  # line widths a weight can get (by its size)


def frame_epochs(epochs: int, frames: int = FRAMES) -> Array:
    """The epochs the playback shows: 0, then ``frames`` − 1 geometrically spaced (the race's
    spacing: early epochs, where the boundary moves most, get more) up to ``epochs``."""
    if epochs < frames:
        return np.arange(epochs + 1)
    count = frames - 1
    while True:  # rounding merges early epochs: ask for more until enough are distinct
        shown = np.unique(np.round(np.geomspace(1, epochs, count)).astype(int))
        if len(shown) >= frames - 1:
            return np.concatenate([[0], shown])
        count += 1


def _finite(values: Array) -> Array:
    """``values`` with anything non-finite drawn at the largest finite value (never NaN or inf
    in a figure; the engine stops a training before its loss leaves the finite)."""
    values = np.asarray(values, dtype=np.float64)
    ok = np.isfinite(values)
    return np.where(ok, values, values[ok].max() if ok.any() else 0.0)


def _points(X: Array, y: Array, kind: str) -> list[dict]:
    hollow = kind == "test"
    return [{"type": "scatter", "x": X[y == k, 0].astype(np.float32),
             "y": X[y == k, 1].astype(np.float32), "mode": "markers",
             "name": f"class {k} ({kind})", "xaxis": "x", "yaxis": "y",
             "hovertemplate": f"class {k}, {kind} point<extra></extra>",
             "marker": {"color": CLASS_COLORS[k], "size": 8 if hollow else 7,
                        "symbol": CLASS_SYMBOLS[k] + ("-open" if hollow else ""),
                        "line": {"width": 2 if hollow else 1,
                                 "color": CLASS_COLORS[k] if hollow else "white"}}}
            for k in (0, 1)]  # fmt: skip


def _heatmap(axis: Array, probability: Array) -> dict:
    """P(class 1) over the grid in whole percent (one byte a cell: a quarter of float32)."""
    percent = np.rint(100 * np.clip(np.nan_to_num(probability, nan=0.5), 0, 1)).astype(np.uint8)
    return {"type": "heatmap", "x": axis.astype(np.float32), "y": axis.astype(np.float32),
            "z": percent, "xaxis": "x", "yaxis": "y"}  # fmt: skip


def _loss_lines(train: Array, test: Array, epoch: int) -> list[dict]:
    x = np.arange(epoch + 1)
    return [{"type": "scatter", "x": x, "y": v[: epoch + 1].astype(np.float32)}
            for v in (train, test)]  # fmt: skip


def playback_figure(
    train_points: tuple[Array, Array], test_points: tuple[Array, Array], axis: Array,
    probability: Array, epochs: Array, train_loss: Array, test_loss: Array,
    accuracy: Array, *, epochs_asked: int, height: int = 560,
) -> go.Figure:  # fmt: skip
    """The decision boundary and the losses at the ``epochs`` shown, played by ▶ Play.

    ``probability`` (frames, m, m) is P(class 1) on the grid ``axis`` × ``axis`` (rows along
    the second coordinate) after each epoch in ``epochs``; ``train_loss`` and ``test_loss``
    are every epoch's (0 … epochs done); ``accuracy`` (frames, 2) train and test at each frame.
    The figure starts on the last frame.
    """
    train_loss, test_loss = _finite(train_loss), _finite(test_loss)
    last = int(epochs[-1])
    heat = _heatmap(axis, probability[-1]) | {
        "name": "P(class 1)", "colorscale": PALE, "zmin": 0, "zmax": 100, "showscale": False,
        "zsmooth": "best",
        "hovertemplate": "x₁ %{x:.2f}, x₂ %{y:.2f}: P(class 1) = %{z} %<extra></extra>",
    }  # fmt: skip
    losses = _loss_lines(train_loss, test_loss, last)
    for line, name, color in zip(losses, ("train loss", "test loss"), (BLUE, ORANGE), strict=True):
        line |= {"mode": "lines", "name": name, "xaxis": "x2", "yaxis": "y2",
                 "line": {"color": color, "width": 3}}  # fmt: skip
    data = [heat, *_points(*train_points, "train"), *_points(*test_points, "test"), *losses]
    lines = [len(data) - 2, len(data) - 1]

    def title(k: int) -> dict:
        return {"title": {"text": f"epoch {int(epochs[k])}: train accuracy "
                          f"{accuracy[k, 0]:.0%}, test {accuracy[k, 1]:.0%}",
                          "x": 0.01, "xanchor": "left"}}  # fmt: skip

    frames = [{"data": [_heatmap(axis, probability[k]),
                        *_loss_lines(train_loss, test_loss, int(e))],
               "traces": [0, *lines], "name": str(int(e)), "layout": title(k)}
              for k, e in enumerate(epochs)]  # fmt: skip
    spec = layout(x_title="x₁", y_title="x₂", height=height)
    top = max(train_loss.max(), test_loss.max())
    spec |= {
        "xaxis": spec["xaxis"] | {"domain": [0, 0.5], "range": [axis[0], axis[-1]],
                                  "constrain": "domain"},
        "yaxis": spec["yaxis"] | {"range": [axis[0], axis[-1]], "scaleanchor": "x"},
        "xaxis2": {"domain": [0.6, 1], "anchor": "y2", "title": {"text": "epoch"},
                   "range": [0, max(epochs_asked, 1)], "gridcolor": "#e5e5e5"},
        "yaxis2": {"anchor": "x2", "title": {"text": "loss (cross-entropy)"},
                   "range": [0, 1.05 * top if top > 0 else 1],
                   "gridcolor": "#e5e5e5"},
        "margin": {"l": 60, "r": 20, "t": 100, "b": 170},
    }  # fmt: skip
    spec["legend"] |= {"y": 1.02}
    spec |= title(len(epochs) - 1)
    spec |= play_controls([f["name"] for f in frames], prefix="epoch ")
    spec["sliders"][0]["active"] = len(frames) - 1
    return go.Figure(data=data, layout=spec, frames=frames)


def positions(sizes: list[int]) -> list[Array]:
    """(width, 2) positions of each layer's neurons: layer i at x = i, centred on y = 0,
    neuron 1 on top."""
    return [np.column_stack([np.full(n, float(i)), (n - 1) / 2 - np.arange(n)])
            for i, n in enumerate(sizes)]  # fmt: skip


def _edges(layers: list[tuple[Array, Array]], where: list[Array], top: float) -> list[dict]:
    """One line trace per (sign, width) of weight: a few traces instead of hundreds."""
    groups: dict[tuple[int, int], tuple[list, list]] = {}
    for (W, _), a, b in zip(layers, where[:-1], where[1:], strict=True):
        for i, j in np.ndindex(W.shape):
            w = float(W[i, j])
            width = min(WIDTHS - 1, int(WIDTHS * abs(w) / top)) if top > 0 else 0
            xs, ys = groups.setdefault((int(np.sign(w)), width), ([], []))
            xs += [a[i, 0], b[j, 0], None]
            ys += [a[i, 1], b[j, 1], None]
    color = {1: BLUE, -1: ORANGE, 0: COLORS["muted"]}
    return [{"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip",
             "showlegend": False, "opacity": 0.75,
             "line": {"color": color[sign], "width": 1 + 2.5 * width}}
            for (sign, width), (xs, ys) in sorted(groups.items())]  # fmt: skip


def diagram_figure(layers: list[tuple[Array, Array]], names: list[list[str]], *,
                   height: int = 420) -> go.Figure:  # fmt: skip
    """The network as neurons (dots coloured by their bias) and weights (lines coloured by
    sign, wider when larger); hovering near where a line enters a neuron shows its weight,
    hovering a neuron its bias. ``names[i][j]`` names neuron j of layer i (inputs first)."""
    sizes = [layers[0][0].shape[0], *(b.shape[-1] for _, b in layers)]
    where = positions(sizes)
    top = max(float(np.abs(W).max()) for W, _ in layers)
    data = _edges(layers, where, top)
    hover, custom, text = [], [], []
    for layer, ((W, _), a, b) in enumerate(zip(layers, where[:-1], where[1:], strict=True), 1):
        for i, j in np.ndindex(W.shape):
            hover.append(b[j] + BACK * (a[i] - b[j]))
            custom.append((layer, i, j, float(W[i, j])))
            text.append(f"{names[layer - 1][i]} → {names[layer][j]}")
    hover = np.array(hover)
    data.append({"type": "scatter", "x": hover[:, 0], "y": hover[:, 1], "mode": "markers",
                 "name": "weights", "showlegend": False, "customdata": np.array(custom),
                 "text": text, "marker": {"size": 9, "opacity": 0, "color": "black"},
                 "hovertemplate": "%{text}: w = %{customdata[3]:.4g}<extra></extra>"})  # fmt: skip
    inputs, nodes = where[0], np.concatenate(where[1:])
    biases = np.concatenate([np.asarray(b, dtype=np.float64) for _, b in layers])
    spread = float(np.abs(biases).max()) or 1.0
    data.append({"type": "scatter", "x": inputs[:, 0], "y": inputs[:, 1], "text": names[0],
                 "mode": "markers+text", "name": "inputs", "showlegend": False,
                 "hovertemplate": "the input %{text}<extra></extra>",
                 "marker": {"size": 26, "color": "#eeeeee",
                            "line": {"width": 2, "color": "#444444"}}})  # fmt: skip
    data.append({"type": "scatter", "x": nodes[:, 0], "y": nodes[:, 1], "mode": "markers",
                 "name": "neurons", "showlegend": False, "customdata": biases,
                 "text": [n for row in names[1:] for n in row],
                 "hovertemplate": "%{text}: bias b = %{customdata:.4g}<extra></extra>",
                 "marker": {"size": 26, "color": biases, "colorscale": SCALE,
                            "cmin": -spread, "cmax": spread,
                            "line": {"width": 2, "color": "#444444"}}})  # fmt: skip
    hidden = {"visible": False, "fixedrange": True}
    spec = {"font": {"size": FONT_SIZE}, "height": height, "plot_bgcolor": "white",
            "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "hovermode": "closest",
            "xaxis": hidden | {"range": [-0.4, len(sizes) - 0.6]},
            "yaxis": hidden | {"range": [-max(sizes) / 2, max(sizes) / 2 + 0.4]},
            "annotations": [{"x": float(i), "y": max(sizes) / 2 + 0.4, "showarrow": False,
                             "text": title, "yanchor": "top"}
                            for i, title in enumerate(_layer_titles(len(sizes)))]}  # fmt: skip
    return go.Figure(data=data, layout=spec)


def _layer_titles(n: int) -> list[str]:
    return ["input", *(f"layer {i}" for i in range(1, n - 1)), "output"]
