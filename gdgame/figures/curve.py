"""1-D loss curves: the curve, the path so far, the tangent at the current point."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from gdgame.engine.landscape import Curve
from gdgame.figures.paths import drawable
from gdgame.figures.style import COLORS, layout

SAMPLES = 400
CLICK_TARGETS = 121  # one every 0.1 on the home page's −6…6


def curve_figure(
    curve: Curve,
    path: np.ndarray,
    *,
    tangent: bool = True,
    grid: np.ndarray | None = None,
    status: str | None = None,
    height: int = 460,
    compact: bool = False,
    clickable: bool = False,
) -> go.Figure:
    """The curve with a descent path (x values), the tangent at the path's last point.

    ``grid``, if given, are the x values a brute-force scan evaluated, drawn as dots.
    ``status`` is a short text shown in the corner (why the run stopped). ``compact`` drops
    the legend, for small multiples. ``clickable`` adds invisible click targets along the
    curve, for a chart whose clicks set the start.
    """
    (lo, hi) = curve.domain[0]
    xs = np.linspace(lo, hi, SAMPLES)
    ys = curve.f(xs)
    shown = drawable(curve, np.asarray(path, dtype=np.float64).reshape(-1, 1))
    px = shown.points[:, 0]
    data = [{"type": "scatter", "x": xs, "y": ys, "name": curve.title, "mode": "lines",
             "line": {"color": COLORS["curve"], "width": 3},
             # so that clicks reach the targets below
             "hoverinfo": "skip" if clickable else None}]  # fmt: skip
    if clickable:  # Streamlit's on_select answers clicks on markers only, not on lines
        targets = np.linspace(lo, hi, CLICK_TARGETS)
        data.append({"type": "scatter", "x": targets, "y": curve.f(targets),
                     "name": "start here", "mode": "markers", "showlegend": False,
                     "marker": {"size": 14, "opacity": 0.0},
                     "hovertemplate": "start at x = %{x:.1f}<extra></extra>"})  # fmt: skip
    if grid is not None:
        data.append({"type": "scatter", "x": grid, "y": curve.f(grid), "mode": "markers",
                     "name": f"grid scan ({len(grid)} evaluations)",
                     "marker": {"color": COLORS["muted"], "size": 6}})  # fmt: skip
    if len(px) > 1:
        data.append({"type": "scatter", "x": px, "y": curve.f(px), "name": "path",
                     "mode": "lines+markers", "line": {"color": COLORS["path"], "width": 2},
                     "marker": {"size": 8}})  # fmt: skip
    if len(px):
        x0, y0, slope = px[-1], float(curve.f(px[-1])), float(curve.grad(px[-1]))
        if tangent:
            half = 0.12 * (hi - lo)
            tx = np.array([x0 - half, x0 + half])
            data.append({"type": "scatter", "x": tx, "y": y0 + slope * (tx - x0),
                         "name": f"tangent, slope {slope:.3g}", "mode": "lines",
                         "line": {"color": COLORS["tangent"], "dash": "dash",
                                  "width": 3}})  # fmt: skip
        point = {"color": COLORS["point"], "size": 16, "line": {"width": 2, "color": "white"}}
        data.append({"type": "scatter", "x": [x0], "y": [y0], "name": "current x",
                     "mode": "markers", "marker": point})  # fmt: skip
    spec = layout(x_title="x", y_title="loss y = f(x)", height=height)
    margin = 0.05 * (ys.max() - ys.min())
    spec["yaxis"] |= {"range": [ys.min() - margin, ys.max() + margin]}
    spec["xaxis"] |= {"range": [lo, hi]}
    note = " — ".join(part for part in (status, None if compact else shown.label) if part)
    if note:
        spec["annotations"] = [{"text": note, "xref": "paper", "yref": "paper", "x": 0.5,
                                "y": 0.98, "showarrow": False, "font": {"size": 16},
                                "bgcolor": "rgba(255,255,255,0.8)"}]  # fmt: skip
    if compact:
        spec |= {"showlegend": False, "margin": {"l": 50, "r": 10, "t": 40, "b": 50}}
    return go.Figure(data=data, layout=spec)
