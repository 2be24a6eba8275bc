"""The optimizer race: paths that grow as an animation (plotly frames, played in the browser),
and a step's arrows: the gradient, the update, and the velocity of momentum methods.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from gdgame.engine.landscape import Surface
from gdgame.figures.paths import drawable
from gdgame.figures.style import COLORS, PATH_COLORS
from gdgame.figures.surface import Grid, contour_figure

FRAMES = 40  # playback frames, spaced more finely early on, where the paths differ most
POINTS = 150  # points per path kept for playback (the early steps all, then thinned)


def frame_steps(steps: int, frames: int = FRAMES) -> np.ndarray:
    """The steps the playback shows, 0 … steps, geometric so that early steps get more frames."""
    if steps <= frames:
        return np.arange(steps + 1)
    return np.unique(np.round(np.geomspace(1, steps, frames - 1)).astype(int).clip(1, steps))


def thinned(n: int, keep: int = POINTS) -> np.ndarray:
    """Indices 0 … n−1 of a path to draw: all of the first ones, then geometrically fewer."""
    if n <= keep:
        return np.arange(n)
    return np.unique(np.concatenate([np.arange(keep // 3),
                                     np.geomspace(keep // 3, n - 1, keep - keep // 3).round()
                                     .astype(int)]))  # fmt: skip


def playback_figure(surface: Surface, grid: Grid, paths: dict[str, np.ndarray], *,
                    height: int = 560) -> go.Figure:  # fmt: skip
    """Contour map whose paths grow step by step when the viewer presses Play."""
    drawn = {name: drawable(surface, pts).points for name, pts in paths.items()}
    fig = contour_figure(surface, grid, {n: p[:1] for n, p in drawn.items()}, height=height,
                         clickable=True)  # fmt: skip
    lines = [i for i, t in enumerate(fig.data) if t.name and t.name.split(" (")[0] in drawn]
    longest = max(len(p) for p in drawn.values()) - 1
    frames = []
    for k in frame_steps(longest):
        data = []
        for p in drawn.values():
            shown = p[: k + 1][thinned(min(k + 1, len(p)))]
            data.append({"type": "scatter", "x": shown[:, 0].astype(np.float32),
                         "y": shown[:, 1].astype(np.float32)})  # fmt: skip
        frames.append({"data": data, "traces": lines, "name": str(k)})
    fig.frames = frames
    fig.update_layout(**play_controls([f["name"] for f in frames]), margin={"b": 170})
    return fig


def play_controls(names: list[str], prefix: str = "step ") -> dict:
    """A ▶ Play / ❚❚ Pause pair and a slider over the frames ``names``, as layout entries."""
    play = {"frame": {"duration": 120, "redraw": True}, "transition": {"duration": 0},
            "fromcurrent": True, "mode": "immediate"}  # fmt: skip
    return {
        "updatemenus": [{
            "type": "buttons", "direction": "left", "x": 0, "y": -0.2, "xanchor": "left",
            "yanchor": "top",
            "buttons": [
                {"label": "▶ Play", "method": "animate", "args": [None, play]},
                {"label": "❚❚ Pause", "method": "animate",
                 "args": [[None], {"frame": {"duration": 0}, "mode": "immediate"}]},
            ],
        }],
        "sliders": [{
            "x": 0.25, "y": -0.14, "len": 0.75, "yanchor": "top",
            "currentvalue": {"prefix": prefix},
            "steps": [{"label": name, "method": "animate",
                       "args": [[name], {"frame": {"duration": 0, "redraw": True},
                                         "mode": "immediate"}]} for name in names],
        }],
    }  # fmt: skip


def arrows_figure(
    surface: Surface, grid: Grid, paths: dict[str, np.ndarray], step: int,
    arrows: dict[str, dict[str, np.ndarray]], *, height: int = 560,
) -> go.Figure:  # fmt: skip
    """The paths up to ``step``, and at each one's point there, its arrows.

    ``arrows[name]`` maps "gradient", "update" and (for momentum methods) "velocity" to a
    vector. The update and the velocity are drawn to scale; the gradient, whose size is often
    far off the map's, points downhill (−∇f) with a fixed length.
    """
    upto = {n: p[: step + 1] for n, p in paths.items()}
    fig = contour_figure(surface, grid, upto, height=height)
    (x0, x1), (y0, y1) = surface.domain
    unit = 0.12 * max(x1 - x0, y1 - y0)
    notes = []
    for i, (name, vectors) in enumerate(arrows.items()):
        here = paths[name][min(step, len(paths[name]) - 1)]
        color = PATH_COLORS[i % len(PATH_COLORS)]
        g = -np.asarray(vectors["gradient"], dtype=np.float64)
        norm = float(np.hypot(*g))
        kinds = [("update", vectors.get("update"), color, 3),
                 ("velocity", vectors.get("velocity"), COLORS["muted"], 2),
                 ("downhill", g / norm * unit if norm > 0 else None, "black", 1)]  # fmt: skip
        for _kind, vec, col, width in kinds:
            if vec is None or not np.isfinite(vec).all() or np.hypot(*vec) == 0:
                continue
            tip = surface.clamp(here + vec)  # an arrow that would leave the map ends on its edge
            notes.append({"x": float(tip[0]), "y": float(tip[1]), "ax": float(here[0]),
                          "ay": float(here[1]), "xref": "x", "yref": "y", "axref": "x",
                          "ayref": "y", "showarrow": True, "text": "", "arrowhead": 2,
                          "arrowsize": 1.2, "arrowwidth": width, "arrowcolor": col})  # fmt: skip
    fig.update_layout(annotations=notes)  # one update: each add_annotation validates anew
    return fig
