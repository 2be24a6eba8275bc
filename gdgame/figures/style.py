"""The look every figure shares: fonts readable on a projector, colour-blind-safe colours."""

from __future__ import annotations

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


def layout(*, x_title: str, y_title: str, height: int = 460) -> dict:
    """The shared layout as a plain dict: font, margins, axis titles, legend on top.

    No plotly template: resolving one costs 20 ms per figure, and Streamlit restyles charts
    with its own theme in the browser.
    """

    def axis(title: str) -> dict:
        return {"title": {"text": title}, "gridcolor": "#e5e5e5", "zeroline": False}

    return {
        "font": {"size": FONT_SIZE},
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 40, "b": 60},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "plot_bgcolor": "white",
        "xaxis": axis(x_title),
        "yaxis": axis(y_title),
    }
