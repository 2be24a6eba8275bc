"""The basin map: every start of a grid coloured by the minimum its run ends in."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from gdgame.engine.landscape import Surface
from gdgame.engine.local_minima import LABEL_DIVERGED, LABEL_NONE, BasinMap
from gdgame.figures.style import COLORS, PATH_COLORS, layout

NOWHERE, FLEW_OFF = "#dddddd", "#000000"
LEGEND_MINIMA = 12  # more minima than this are marked without a legend entry each


def minimum_names(basins: BasinMap) -> list[str]:
    """A short name per minimum of the map, as the legend and the table show it."""
    return [f"{'global' if m.is_global else 'local'} {i + 1} ({m.x:.2f}, {m.y:.2f})"
            for i, m in enumerate(basins.minima)]  # fmt: skip


def basin_colors(basins: BasinMap) -> list[str]:
    """One colour per minimum (the path colours, in turn)."""
    return [PATH_COLORS[i % len(PATH_COLORS)] for i in range(len(basins.minima))]


def basin_figure(surface: Surface, basins: BasinMap, *, height: int = 560) -> go.Figure:
    """The grid of starts as a heatmap, one colour per minimum, with the minima marked."""
    k = len(basins.minima)
    colors = [*basin_colors(basins), NOWHERE, FLEW_OFF]
    codes = np.where(basins.labels == LABEL_NONE, k, basins.labels)
    codes = np.where(basins.labels == LABEL_DIVERGED, k + 1, codes) + 1  # 1 … k: the minima
    codes = codes.astype(np.int8 if k < 100 else np.int16)
    scale = []
    for i, color in enumerate(colors):  # one flat band of the colour scale per code
        scale += [[i / len(colors), color], [(i + 1) / len(colors), color]]
    names = [*minimum_names(basins), "no minimum reached", "diverged"]
    data = [{"type": "heatmap", "x": basins.xs, "y": basins.ys, "z": codes, "zmin": 0.5,
             "zmax": len(colors) + 0.5, "colorscale": scale, "showscale": False,
             "name": "basins",
             "hovertemplate": f"start (%{{x:.2f}}, %{{y:.2f}}) ends in basin %{{z}} ({k + 1}: "
                              f"none, {k + 2}: diverged)<extra></extra>"}]  # fmt: skip
    if k > LEGEND_MINIMA:  # an egg crate: one trace for the local minima, one for the global
        for is_global, symbol, label in ((False, "circle", f"local minima ({k})"),
                                         (True, "star", "global minimum")):  # fmt: skip
            chosen = [m for m in basins.minima if m.is_global == is_global]
            marker = {"symbol": symbol, "size": 16 if is_global else 7, "color": "white",
                      "line": {"color": "black", "width": 1}}  # fmt: skip
            data.append({"type": "scatter", "x": [m.x for m in chosen],
                         "y": [m.y for m in chosen], "mode": "markers", "name": label,
                         "marker": marker})  # fmt: skip
    for i, m in enumerate(basins.minima if k <= LEGEND_MINIMA else ()):
        data.append({"type": "scatter", "x": [m.x], "y": [m.y], "mode": "markers+text",
                     "text": [str(i + 1)], "textposition": "top center", "name": names[i],
                     "marker": {"symbol": "star" if m.is_global else "circle", "size": 16,
                                "color": colors[i], "line": {"color": "white", "width": 2}},
                     "textfont": {"color": "white", "size": 16}})  # fmt: skip
    (x0, x1), (y0, y1) = surface.domain
    spec = layout(x_title="start x", y_title="start y", height=height)
    spec["xaxis"] |= {"range": [x0, x1], "constrain": "domain"}
    spec["yaxis"] |= {"range": [y0, y1], "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"}
    spec["plot_bgcolor"] = COLORS["muted"]
    return go.Figure(data=data, layout=spec)
