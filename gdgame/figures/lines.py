"""Line charts: loss against step, the learning-rate sweep, the regime bar, rate per step.

Each figure is assembled as plain dicts and built by one `go.Figure` call: plotly's step-by-step
API (``add_scatter``, ``update_layout``, ``add_vline``) validates every path it touches and cost
ten times as much per figure, which a class of students pays at every click.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from gdgame.engine.descent import DIVERGED, MAX_STEPS
from gdgame.engine.learning_rate import Sweep
from gdgame.engine.local_minima import RestartOdds
from gdgame.figures.style import COLORS, PATH_COLORS, layout

FLOOR = 1e-16  # log axes cannot show 0: losses at the minimum are drawn at this floor
LOG = {"type": "log", "exponentformat": "power"}


def _line(x: object, y: object, name: str, color: str, width: int = 3, **more) -> dict:
    return {"type": "scatter", "x": x, "y": y, "name": name, "mode": "lines",
            "line": {"color": color, "width": width}, **more}  # fmt: skip


def vline(
    x: float, text: str, *, color: str = "black", dash: str = "solid", width: int = 2,
    xref: str = "x", yref: str = "y domain", label_at: str = "inside", log_x: bool = False,
) -> tuple[dict, dict]:  # fmt: skip
    """A vertical line across a plot at ``x`` and its label: a shape and an annotation.

    The label goes ``label_at`` "inside" the plot's top, right of the line (where a legend
    above the plot never is), or "bottom", below the plot. On a log axis
    (``log_x``) the label's x is log10(x): plotly places annotations there in log units,
    shapes in data units.
    """
    shape = {"type": "line", "x0": x, "x1": x, "xref": xref, "y0": 0, "y1": 1, "yref": yref,
             "line": {"color": color, "dash": dash, "width": width}}  # fmt: skip
    place = {
        "inside": {"y": 1, "yanchor": "top", "xanchor": "left", "xshift": 4},
        "bottom": {"y": 0, "yanchor": "top", "xanchor": "left"},
    }[label_at]
    label = {"x": float(np.log10(x)) if log_x else x, "xref": xref, "yref": yref, "text": text,
             "showarrow": False, **place}  # fmt: skip
    return shape, label


def loss_figure(series: dict[str, np.ndarray], minimum: float, *, height: int = 360) -> go.Figure:
    """Loss above the minimum against step, on a log axis, one line per run."""
    data = []
    for i, (name, losses) in enumerate(series.items()):
        gap = np.maximum(np.asarray(losses, dtype=np.float64) - minimum, FLOOR)
        gap = np.where(np.isfinite(gap), gap, np.nan)
        data.append(_line(np.arange(len(gap)), gap, name, PATH_COLORS[i % len(PATH_COLORS)]))
    spec = layout(x_title="step", y_title="loss − minimum", height=height)
    spec["yaxis"] |= LOG
    return go.Figure(data=data, layout=spec)


def _rate_marks(curvature: float, lr: float | None, plots: tuple[tuple[str, str], ...]):
    """1/L, 2/L (and the chosen α) as lines through each plot of ``plots`` (x and y refs),
    labelled on the first."""
    shapes, notes = [], []
    for i, (xref, yref) in enumerate(plots):
        marks = [(1 / curvature, "1/L", "dot"), (2 / curvature, "2/L", "dash")]
        for value, text, dash in marks:
            shape, note = vline(value, text, dash=dash, xref=xref, yref=yref, log_x=True)
            shapes.append(shape)
            notes += [note] if i == 0 else []
        if lr is not None:
            shape, note = vline(lr, "your α", color=COLORS["point"], width=3, xref=xref,
                                yref=yref, label_at="bottom", log_x=True)  # fmt: skip
            shapes.append(shape)
            notes += [note] if i == 0 else []
    return shapes, notes


def sweep_figure(sweep: Sweep, curvature: float, lr: float | None, height: int = 480):
    """Steps to converge and final loss against α (log axis), with 1/L, 2/L and α marked;
    the α axis spans the rates swept (and α if it lies outside), the end markers drawn whole."""
    conv = sweep.converged
    top = {"xaxis": "x", "yaxis": "y", "cliponaxis": False}
    data = [{"type": "scatter", "x": sweep.lrs[conv], "y": sweep.steps[conv],
             "mode": "markers", "name": "steps to converge",
             "marker": {"color": COLORS["curve"], "size": 7}, **top}]  # fmt: skip
    misses = ((MAX_STEPS, "triangle-up", COLORS["tangent"], "did not converge"),
              (DIVERGED, "x", COLORS["point"], "diverged"))  # fmt: skip
    for status, symbol, color, name in misses:
        hit = sweep.status == status
        if hit.any():
            data.append({"type": "scatter", "x": sweep.lrs[hit], "y": sweep.steps[hit],
                         "mode": "markers", "name": name, **top,
                         "marker": {"color": color, "size": 8, "symbol": symbol}})  # fmt: skip
    data.append(_line(sweep.lrs, np.maximum(sweep.final_loss, FLOOR), "final loss",
                      COLORS["muted"], 2, xaxis="x2", yaxis="y2"))  # fmt: skip
    spec = layout(x_title="", y_title="steps", height=height)
    spec["legend"] = {"orientation": "h", "y": 1.06, "x": 0}
    rates = [*sweep.lrs, *([] if lr is None else [lr])]
    span = [float(np.log10(min(rates))), float(np.log10(max(rates)))]  # log axes: in log10
    spec["xaxis"] |= LOG | {"matches": "x2", "showticklabels": False, "anchor": "y", "range": span}
    spec["yaxis"] |= {"domain": [0.44, 1.0]}
    spec["xaxis2"] = {**spec["xaxis"], **LOG, "title": {"text": "learning rate α"},
                      "showticklabels": True, "anchor": "y2", "matches": None}  # fmt: skip
    spec["yaxis2"] = {**spec["yaxis"], **LOG, "title": {"text": "final loss"},
                      "domain": [0.0, 0.36]}  # fmt: skip
    plots = (("x", "y domain"), ("x2", "y2 domain"))
    spec["shapes"], spec["annotations"] = _rate_marks(curvature, lr, plots)
    return go.Figure(data=data, layout=spec)


REGIME_BANDS = (
    (0.0, 1.0, "monotone", "#009E73"),
    (1.0, 2.0, "oscillating", "#E69F00"),
    (2.0, 2.6, "diverging", "#D55E00"),
)


def regime_figure(curvature: float, lr: float, height: int = 200) -> go.Figure:
    """The regimes of α on a quadratic of curvature L, with the chosen α marked."""
    data = []
    for lo, hi, name, color in REGIME_BANDS:
        a, b = lo / curvature, hi / curvature
        data.append({"type": "scatter", "x": [a, b, b, a, a], "y": [0, 0, 1, 1, 0],
                     "fill": "toself", "fillcolor": color, "line": {"width": 0},
                     "mode": "lines", "name": name, "hoverinfo": "name",
                     "opacity": 0.75})  # fmt: skip
    top = REGIME_BANDS[-1][1] / curvature
    data.append({"type": "scatter", "x": [min(lr, top)], "y": [0.5], "mode": "markers+text",
                 "name": "your α", "text": [f"α = {lr:.3g}"],
                 "textposition": "top center" if lr <= top else "middle left",
                 "marker": {"symbol": "diamond", "size": 18, "color": "black"}})  # fmt: skip
    spec = layout(x_title="learning rate α", y_title="", height=height)
    spec["yaxis"] |= {"visible": False, "range": [0, 1.5]}  # the bands, and room for the label
    spec["xaxis"] |= {"range": [0, top]}
    spec["margin"] = {"l": 20, "r": 20, "t": 40, "b": 50}
    shape, note = vline(1 / curvature, "1/L: one step")
    spec["shapes"], spec["annotations"] = [shape], [note]
    return go.Figure(data=data, layout=spec)


def rate_figure(lrs: np.ndarray, height: int = 220) -> go.Figure:
    """The learning rate used at each step (a schedule)."""
    data = [_line(np.arange(len(lrs)), lrs, "α at each step", COLORS["tangent"], fill="tozeroy")]
    return go.Figure(data=data, layout=layout(x_title="step", y_title="α", height=height))


def norm_figure(series: dict[str, np.ndarray], *, height: int = 300) -> go.Figure:
    """The gradient norm |∇f| against step, on a log axis: where it vanishes, descent stalls."""
    data = [_line(np.arange(len(norms)), np.maximum(np.asarray(norms, dtype=np.float64), FLOOR),
                  name, PATH_COLORS[i % len(PATH_COLORS)])
            for i, (name, norms) in enumerate(series.items())]  # fmt: skip
    spec = layout(x_title="step", y_title="gradient norm |∇f|", height=height)
    spec["yaxis"] |= LOG
    return go.Figure(data=data, layout=spec)


def odds_figure(odds: RestartOdds, p: float, *, height: int = 360) -> go.Figure:
    """The chance that N random starts find the global minimum: measured, and 1 − (1 − p)^N
    for ``p`` the share of the basin map's starts that find it."""
    data = [
        _line(odds.ns, odds.measured, "measured", PATH_COLORS[0], mode="lines+markers"),
        {**_line(odds.ns, odds.predicted(p), f"1 − (1 − p)^N, basin share p = {p:.2f}",
                 COLORS["muted"], 2), "line": {"color": COLORS["muted"], "width": 2,
                                               "dash": "dash"}},
    ]  # fmt: skip
    spec = layout(x_title="random starts N (the best one kept)",
                  y_title="chance of the global minimum", height=height)  # fmt: skip
    spec["yaxis"] |= {"range": [0, 1.02], "tickformat": ".0%"}
    return go.Figure(data=data, layout=spec)
