"""The game's map: the level's surface under the fog, the player's path, the bot's, and where a
click or a step would go; at the end, the replay with the steps that went uphill or overshot.

Fog hides by leaving the hidden part of the surface out of the figure (NaN in z, which plotly
does not draw), so what is hidden is not in the browser either.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from gdgame.engine.game import Game, step_marks, visible
from gdgame.figures.style import FONT_SIZE, PATH_COLORS, SURFACE_SCALE, base_layout
from gdgame.figures.surface import Grid, surface3d_figure

PLAYER, BOT = PATH_COLORS[0], PATH_COLORS[1]
FOG = "#d4d4d4"
TARGETS = 20  # click targets per stride, each way: a click lands within stride / 28 of a point
MARKS = {
    "uphill": {"symbol": "triangle-up", "color": "#D55E00", "label": "went uphill"},
    "overshoot": {"symbol": "diamond", "color": "#E69F00", "label": "overshot a valley floor"},
}


def fogged(game: Game, grid: Grid) -> Grid:
    """The grid with what the player may not see set to NaN."""
    seen = visible(game, grid.xs, grid.ys)
    return Grid(grid.xs, grid.ys, np.where(seen, grid.z, np.float32(np.nan)))


def _shade(grid: Grid) -> np.ndarray:
    """Heights on a log scale above the lowest point, so that deep, flat valleys show contours."""
    lo, hi = float(np.nanmin(grid.z)), float(np.nanmax(grid.z))
    return np.log1p((grid.z - lo) / (1e-3 * (hi - lo) + 1e-12)).astype(np.float32)


def click_targets(game: Game) -> np.ndarray:
    """Points (m, 2) a click may choose: a fine grid over the disc the stride allows, on the map."""
    stride = game.level.stride
    offsets = np.linspace(-stride, stride, 2 * TARGETS + 1)
    dx, dy = (a.ravel() for a in np.meshgrid(offsets, offsets))
    keep = np.hypot(dx, dy) <= stride * (1 + 1e-9)
    px, py = game.position
    pts = np.column_stack([px + dx[keep], py + dy[keep]])
    on_map = game.level.landscape.contains(pts.T)
    return pts[on_map & (np.hypot(dx[keep], dy[keep]) > 0)].astype(np.float32)


def map_figure(
    game: Game, grid: Grid, *, bot: Game | None = None, bot_steps: int | None = None,
    preview: tuple[float, float] | None = None, clickable: bool = False, width: int = 480,
) -> go.Figure:  # fmt: skip
    """The 2-D map where play happens; once the game is over, the replay.

    ``bot_steps`` draws the bot's first steps (it races the player); ``preview`` marks where a
    gradient step would land; ``clickable`` adds invisible click targets within the stride.
    The height fits a plot about ``width`` pixels wide to the map's shape (x and y to scale).
    """
    surface = game.level.landscape
    shown = fogged(game, grid)
    fig = go.Figure()
    full = _shade(grid)
    levels = {"start": 0.0, "end": float(full.max()), "size": float(full.max()) / 24}
    if np.isfinite(shown.z).any():
        fig.add_contour(
            x=grid.xs, y=grid.ys, z=np.where(np.isnan(shown.z), np.float32(np.nan), full),
            colorscale=SURFACE_SCALE, autocontour=False, contours=levels, zmin=0.0,
            zmax=levels["end"], showscale=False, hoverinfo="skip", name=surface.title,
            connectgaps=False,
        )  # fmt: skip
    if clickable and not game.over:
        _add_reach(fig, game)
    if bot is not None:
        bot_path = np.array(bot.path if bot_steps is None else bot.path[: bot_steps + 1])
        _add_path(fig, bot_path, f"bot ({bot.steps} steps, {bot.status})" if game.over
                  else "bot", BOT, dash="dot")  # fmt: skip
    path = np.array(game.path)
    _add_path(fig, path, "you", PLAYER)
    fig.add_scatter(
        x=path[:1, 0], y=path[:1, 1], name="start", mode="markers", hoverinfo="skip",
        showlegend=False,
        marker={"symbol": "square", "size": 12, "color": "white", "line": {"width": 2}},
    )  # fmt: skip
    if game.over:
        _add_marks(fig, game)
        _add_minima(fig, game)
    elif preview is not None:
        fig.add_scatter(
            x=[path[-1, 0], preview[0]], y=[path[-1, 1], preview[1]], mode="lines+markers",
            name="this step would land here", line={"color": PLAYER, "dash": "dash", "width": 2},
            marker={"size": [0, 14], "symbol": "circle-open", "color": PLAYER,
                    "line": {"width": 3}},
            hoverinfo="skip",
        )  # fmt: skip
    fig.add_scatter(
        x=path[-1:, 0], y=path[-1:, 1], name="you are here", mode="markers", hoverinfo="skip",
        showlegend=False,
        marker={"symbol": "circle", "size": 16, "color": PLAYER,
                "line": {"color": "white", "width": 2}},
    )  # fmt: skip
    (x0, x1), (y0, y1) = surface.domain
    fig.update_xaxes(range=[x0, x1], showgrid=False, constrain="domain")
    fig.update_yaxes(range=[y0, y1], scaleanchor="x", scaleratio=1, showgrid=False,
                     constrain="domain")  # fmt: skip
    aspect = (y1 - y0) / (x1 - x0)
    fig = base_layout(fig, x_title="x", y_title="y", height=int(140 + width * min(aspect, 1.25)))
    fig.update_layout(plot_bgcolor=FOG, clickmode="event+select", dragmode=False)
    return fig


def _add_path(fig: go.Figure, path: np.ndarray, name: str, color: str, dash: str = "solid"):
    fig.add_scatter(
        x=path[:, 0], y=path[:, 1], name=name, mode="lines+markers", hoverinfo="skip",
        line={"color": color, "width": 3, "dash": dash}, marker={"size": 7, "color": color},
    )  # fmt: skip


def _add_reach(fig: go.Figure, game: Game) -> None:
    """The circle a free step may reach, and the click targets inside it."""
    px, py = game.position
    t = np.linspace(0, 2 * np.pi, 73)
    r = game.level.stride
    fig.add_scatter(
        x=px + r * np.cos(t), y=py + r * np.sin(t), mode="lines", name="within reach",
        line={"color": "white", "dash": "dot", "width": 2}, hoverinfo="skip",
    )  # fmt: skip
    targets = click_targets(game)
    fig.add_scatter(
        x=targets[:, 0], y=targets[:, 1], mode="markers", name="step here", showlegend=False,
        marker={"size": 9, "opacity": 0.0, "color": PLAYER},
        hovertemplate="step to (%{x:.2f}, %{y:.2f})<extra></extra>",
    )  # fmt: skip


def _add_marks(fig: go.Figure, game: Game) -> None:
    """The replay's marks: where a step ended uphill of where it began, or overshot."""
    marks = step_marks(game.path, game.level)
    ends = np.array(game.path[1:])
    for kind, style in MARKS.items():
        chosen = [i for i, m in enumerate(marks) if m == kind]
        if chosen:
            fig.add_scatter(
                x=ends[chosen, 0], y=ends[chosen, 1], mode="markers",
                name=f"{style['label']} ({len(chosen)})",
                marker={"symbol": style["symbol"], "size": 15, "color": style["color"],
                        "line": {"color": "black", "width": 1}},
                hovertemplate="step %{text}<extra></extra>", text=[str(i + 1) for i in chosen],
            )  # fmt: skip


def _add_minima(fig: go.Figure, game: Game) -> None:
    """Every known minimum once the game is over: stars for the global ones."""
    s = game.level.landscape
    for is_global, style in ((False, ("circle-open", 11, "local minimum")),
                             (True, ("star", 18, "global minimum"))):  # fmt: skip
        found = [m for m in s.minima if m.is_global == is_global]
        if found:
            symbol, size, name = style
            fig.add_scatter(
                x=[m.x for m in found], y=[m.y for m in found], mode="markers", name=name,
                marker={"symbol": symbol, "size": size, "color": "white",
                        "line": {"color": "black", "width": 1.5}},
                hovertemplate="f = %{text}<extra></extra>", text=[f"{m.value:.4g}" for m in found],
            )  # fmt: skip


def game_3d_figure(game: Game, grid: Grid, *, bot: Game | None = None, camera: str = "3/4",
                   height: int = 520) -> go.Figure:  # fmt: skip
    """The same game in 3-D, under the same fog; the bot's path once the game is over."""
    paths = {"you": np.array(game.path)}
    if bot is not None and game.over:
        paths["bot"] = np.array(bot.path)
    fig = surface3d_figure(game.level.landscape, fogged(game, grid), paths, camera=camera,
                           height=height)  # fmt: skip
    fig.update_layout(font={"size": FONT_SIZE}, scene={"bgcolor": "white"})
    return fig


__all__ = ["click_targets", "fogged", "game_3d_figure", "map_figure"]
