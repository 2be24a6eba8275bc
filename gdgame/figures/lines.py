"""Line charts: loss against step, the learning-rate sweep, the regime bar, rate per step."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from gdgame.engine.learning_rate import Sweep
from gdgame.engine.local_minima import RestartOdds
from gdgame.figures.style import COLORS, FONT_SIZE, PATH_COLORS, base_layout

FLOOR = 1e-16  # log axes cannot show 0: losses at the minimum are drawn at this floor


def loss_figure(series: dict[str, np.ndarray], minimum: float, *, height: int = 360) -> go.Figure:
    """Loss above the minimum against step, on a log axis, one line per run."""
    fig = go.Figure()
    for i, (name, losses) in enumerate(series.items()):
        gap = np.maximum(np.asarray(losses, dtype=np.float64) - minimum, FLOOR)
        gap = np.where(np.isfinite(gap), gap, np.nan)
        fig.add_scatter(
            x=np.arange(len(gap)), y=gap, name=name, mode="lines",
            line={"color": PATH_COLORS[i % len(PATH_COLORS)], "width": 3},
        )  # fmt: skip
    fig.update_yaxes(type="log", exponentformat="power")
    return base_layout(fig, x_title="step", y_title="loss − minimum", height=height)


def _mark_rates(fig: go.Figure, curvature: float, lr: float | None, **where) -> None:
    for value, text, dash in ((1 / curvature, "1/L", "dot"), (2 / curvature, "2/L", "dash")):
        fig.add_vline(x=value, line_dash=dash, line_color="black", annotation_text=text,
                      annotation_position="top", **where)  # fmt: skip
    if lr is not None:
        fig.add_vline(x=lr, line_color=COLORS["point"], line_width=3, annotation_text="your α",
                      annotation_position="bottom right", **where)  # fmt: skip


def sweep_figure(sweep: Sweep, curvature: float, lr: float | None, height: int = 480):
    """Steps to converge and final loss against α (log axis), with 1/L, 2/L and α marked."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        row_heights=[0.6, 0.4])  # fmt: skip
    conv = sweep.converged
    fig.add_scatter(
        x=sweep.lrs[conv], y=sweep.steps[conv], name="steps to converge", mode="markers",
        marker={"color": COLORS["curve"], "size": 7}, row=1, col=1,
    )  # fmt: skip
    for status, symbol, color in (("max_steps", "triangle-up", COLORS["tangent"]),
                                  ("diverged", "x", COLORS["point"])):  # fmt: skip
        hit = sweep.status == status
        if hit.any():
            fig.add_scatter(
                x=sweep.lrs[hit], y=sweep.steps[hit], mode="markers",
                name="did not converge" if status == "max_steps" else "diverged",
                marker={"color": color, "size": 8, "symbol": symbol}, row=1, col=1,
            )  # fmt: skip
    fig.add_scatter(
        x=sweep.lrs, y=np.maximum(sweep.final_loss, FLOOR), name="final loss", mode="lines",
        line={"color": COLORS["muted"], "width": 2}, row=2, col=1,
    )  # fmt: skip
    _mark_rates(fig, curvature, lr, row="all", col=1)
    fig.update_xaxes(type="log", exponentformat="power")
    fig.update_xaxes(title_text="learning rate α", row=2, col=1)
    fig.update_yaxes(title_text="steps", row=1, col=1)
    fig.update_yaxes(title_text="final loss", type="log", exponentformat="power", row=2, col=1)
    fig.update_layout(font={"size": FONT_SIZE}, height=height, plot_bgcolor="white",
                      margin={"l": 60, "r": 20, "t": 40, "b": 60},
                      legend={"orientation": "h", "y": 1.06, "x": 0})  # fmt: skip
    return fig


REGIME_BANDS = (
    (0.0, 1.0, "monotone", "#009E73"),
    (1.0, 2.0, "oscillating", "#E69F00"),
    (2.0, 2.6, "diverging", "#D55E00"),
)


def regime_figure(curvature: float, lr: float, height: int = 200) -> go.Figure:
    """The regimes of α on a quadratic of curvature L, with the chosen α marked."""
    fig = go.Figure()
    for lo, hi, name, color in REGIME_BANDS:
        fig.add_scatter(
            x=[lo / curvature, hi / curvature, hi / curvature, lo / curvature, lo / curvature],
            y=[0, 0, 1, 1, 0], fill="toself", fillcolor=color, line={"width": 0},
            mode="lines", name=name, hoverinfo="name", opacity=0.75,
        )  # fmt: skip
    top = REGIME_BANDS[-1][1] / curvature
    shown = min(lr, top)
    fig.add_scatter(
        x=[shown], y=[0.5], mode="markers+text", name="your α", text=[f"α = {lr:.3g}"],
        textposition="top center" if lr <= top else "middle left",
        marker={"symbol": "diamond", "size": 18, "color": "black"},
    )  # fmt: skip
    fig.add_vline(x=1 / curvature, line_color="black", annotation_text="1/L: one step")
    fig.update_yaxes(visible=False, range=[0, 1.4])
    fig.update_xaxes(range=[0, top])
    fig = base_layout(fig, x_title="learning rate α", y_title="", height=height)
    fig.update_layout(margin={"l": 20, "r": 20, "t": 40, "b": 50})
    return fig


def rate_figure(lrs: np.ndarray, height: int = 220) -> go.Figure:
    """The learning rate used at each step (a schedule)."""
    fig = go.Figure()
    fig.add_scatter(x=np.arange(len(lrs)), y=lrs, mode="lines", name="α at each step",
                    line={"color": COLORS["tangent"], "width": 3}, fill="tozeroy")  # fmt: skip
    return base_layout(fig, x_title="step", y_title="α", height=height)


def norm_figure(series: dict[str, np.ndarray], *, height: int = 300) -> go.Figure:
    """The gradient norm |∇f| against step, on a log axis: where it vanishes, descent stalls."""
    fig = go.Figure()
    for i, (name, norms) in enumerate(series.items()):
        fig.add_scatter(
            x=np.arange(len(norms)), y=np.maximum(np.asarray(norms, dtype=np.float64), FLOOR),
            name=name, mode="lines", line={"color": PATH_COLORS[i % len(PATH_COLORS)], "width": 3},
        )  # fmt: skip
    fig.update_yaxes(type="log", exponentformat="power")
    return base_layout(fig, x_title="step", y_title="gradient norm |∇f|", height=height)


def odds_figure(odds: RestartOdds, p: float, *, height: int = 360) -> go.Figure:
    """The chance that N random starts find the global minimum: measured, and 1 − (1 − p)^N
    for ``p`` the share of the basin map's starts that find it."""
    fig = go.Figure()
    fig.add_scatter(
        x=odds.ns, y=odds.measured, name="measured", mode="lines+markers",
        line={"color": PATH_COLORS[0], "width": 3},
    )  # fmt: skip
    fig.add_scatter(
        x=odds.ns, y=odds.predicted(p), name=f"1 − (1 − p)^N, basin share p = {p:.2f}",
        mode="lines",
        line={"color": COLORS["muted"], "width": 2, "dash": "dash"},
    )  # fmt: skip
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return base_layout(fig, x_title="random starts N (the best one kept)",
                       y_title="chance of the global minimum", height=height)  # fmt: skip
