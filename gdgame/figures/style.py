"""The look every figure shares: fonts readable on a projector, colour-blind-safe colours."""

from __future__ import annotations

import plotly.graph_objects as go

FONT_SIZE = 16
# Okabe & Ito (2008): colours that colour-blind viewers can tell apart.
COLORS = {
    "curve": "#0072B2",
    "point": "#D55E00",
    "next": "#009E73",
    "tangent": "#E69F00",
    "path": "#CC79A7",
    "muted": "#999999",
    "grid": "#56B4E9",
}
PATH_COLORS = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
SURFACE_SCALE = "Cividis"  # perceptually uniform and readable with any colour vision


def base_layout(fig: go.Figure, *, x_title: str, y_title: str, height: int = 460) -> go.Figure:
    """Apply the shared layout: font, margins, axis titles, legend on top.

    No plotly template: resolving one costs 20 ms per figure, and Streamlit restyles charts
    with its own theme in the browser.
    """
    fig.update_layout(
        font={"size": FONT_SIZE},
        height=height,
        margin={"l": 60, "r": 20, "t": 40, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        plot_bgcolor="white",
    )
    fig.update_xaxes(title_text=x_title, gridcolor="#e5e5e5", zeroline=False)
    fig.update_yaxes(title_text=y_title, gridcolor="#e5e5e5", zeroline=False)
    return fig
