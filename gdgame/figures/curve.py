"""A 1-D loss curve with the current point, its tangent, and where the step lands."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from gdgame.engine.descent import Run
from gdgame.engine.landscape import Curve
from gdgame.figures.style import COLORS, base_layout

SAMPLES = 400


def curve_with_step(curve: Curve, run: Run) -> go.Figure:
    """The curve, the start of ``run`` with its tangent line, and the point after one step."""
    (lo, hi) = curve.domain[0]
    xs = np.linspace(lo, hi, SAMPLES)
    x0, x1 = run.points[0, 0], run.points[min(1, run.steps), 0]
    slope = float(curve.grad(x0))
    y0 = float(curve.f(x0))
    half = 0.15 * (hi - lo)
    tx = np.array([x0 - half, x0 + half])
    fig = go.Figure()
    fig.add_scatter(x=xs, y=curve.f(xs), name=curve.title, line={"color": COLORS["curve"]})
    fig.add_scatter(
        x=tx, y=y0 + slope * (tx - x0), name=f"tangent, slope {slope:.3g}",
        mode="lines", line={"color": COLORS["tangent"], "dash": "dash"},
    )  # fmt: skip
    fig.add_scatter(
        x=[x0], y=[y0], name="current x", mode="markers",
        marker={"color": COLORS["point"], "size": 14},
    )  # fmt: skip
    if run.steps:
        fig.add_scatter(
            x=[x1], y=[float(curve.f(x1))], name="after one step", mode="markers",
            marker={"color": COLORS["next"], "size": 14, "symbol": "diamond"},
        )  # fmt: skip
    return base_layout(fig, x_title="x", y_title="loss y = f(x)")
