"""The game's map and 3-D view: the level's landscape under the fog, the player's path, the
bot's, and where a click or a step would go; at the end, the replay with the steps that went
uphill or overshot.

Both are plotly figures as plain dicts, drawn by the landscape view component
(`gdgame.components.landscape_view`): the landscape's grid goes out once, as a file, and each
step sends only these few traces. The fog is the component's mask (`fog`): hidden ground is
zeroed in the file, so it never reaches the browser.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.game import Game, step_marks, visible
from gdgame.engine.game.play import steps_said
from gdgame.figures.style import FONT_SIZE, PATH_COLORS, SURFACE_SCALE, layout
from gdgame.figures.surface import Grid, surface3d_figure, typed

PLAYER, BOT = PATH_COLORS[0], PATH_COLORS[1]
FOG = "#d4d4d4"
TARGETS = 20  # click targets per stride, each way: a click lands within stride / 28 of a point
CONTOURS = 24
MARKS = {
    "uphill": {"symbol": "triangle-up", "color": "#D55E00", "label": "went uphill"},
    "overshoot": {"symbol": "diamond", "color": "#E69F00", "label": "overshot a valley floor"},
}


def fog(game: Game, grid: Grid) -> np.ndarray | None:
    """What the player may see of the grid (len(ys), len(xs)); None when that is everything."""
    seen = visible(game, grid.xs, grid.ys)
    return None if seen.all() else seen


def shaded(grid: Grid) -> Grid:
    """Heights on a log scale above the lowest point, so that deep, flat valleys show contours:
    the grid the map draws."""
    lo, hi = float(np.nanmin(grid.z)), float(np.nanmax(grid.z))
    z = np.log1p((grid.z - lo) / (1e-3 * (hi - lo) + 1e-12)).astype(np.float32)
    return Grid(grid.xs, grid.ys, z)


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
    game: Game, shade: Grid, *, bot: Game | None = None, bot_steps: int | None = None,
    preview: tuple[float, float] | None = None, clickable: bool = False, width: int = 480,
) -> dict:  # fmt: skip
    """The 2-D map where play happens, drawn over ``shade`` (see `shaded`); once the game is
    over, the replay.

    ``bot_steps`` draws the bot's first steps (it races the player); ``preview`` marks where a
    gradient step would land; ``clickable`` adds invisible click targets within the stride.
    The height fits a plot about ``width`` pixels wide to the map's shape (x and y to scale).
    """
    top = float(np.nanmax(shade.z))
    data = [{"type": "contour", "colorscale": SURFACE_SCALE, "autocontour": False,
             "contours": {"start": 0.0, "end": top, "size": top / CONTOURS}, "zmin": 0.0,
             "zmax": top, "showscale": False, "hoverinfo": "skip",
             "name": game.level.landscape.title, "connectgaps": False}]  # fmt: skip
    if clickable and not game.over:
        data += _reach(game)
    if bot is not None:
        bot_path = np.array(bot.path if bot_steps is None else bot.path[: bot_steps + 1])
        name = f"bot ({steps_said(bot.steps)}, {bot.status})" if game.over else "bot"
        data.append(_path(bot_path, name, BOT, dash="dot"))
    path = np.array(game.path)
    data.append(_path(path, "you", PLAYER))
    data.append(_marker(path[:1], "start", {"symbol": "square", "size": 12, "color": "white",
                                            "line": {"width": 2}}))  # fmt: skip
    if game.over:
        data += _marks(game) + _minima(game)
    elif preview is not None:
        data.append({"type": "scatter", "x": [path[-1, 0], preview[0]],
                     "y": [path[-1, 1], preview[1]], "mode": "lines+markers",
                     "name": "this step would land here", "hoverinfo": "skip",
                     "line": {"color": PLAYER, "dash": "dash", "width": 2},
                     "marker": {"size": [0, 14], "symbol": "circle-open", "color": PLAYER,
                                "line": {"width": 3}}})  # fmt: skip
    data.append(_marker(path[-1:], "you are here", {"symbol": "circle", "size": 16,
                        "color": PLAYER, "line": {"color": "white", "width": 2}}))  # fmt: skip
    (x0, x1), (y0, y1) = game.level.landscape.domain
    aspect = (y1 - y0) / (x1 - x0)
    spec = layout(x_title="x", y_title="y", height=int(140 + width * min(aspect, 1.25)))
    spec["xaxis"] |= {"range": [x0, x1], "showgrid": False, "constrain": "domain"}
    spec["yaxis"] |= {"range": [y0, y1], "scaleanchor": "x", "scaleratio": 1, "showgrid": False,
                      "constrain": "domain"}  # fmt: skip
    spec |= {"plot_bgcolor": FOG, "clickmode": "event", "dragmode": False,
             "uirevision": f"map-{game.level.number}"}  # fmt: skip
    return {"data": data, "layout": spec}


def _path(path: np.ndarray, name: str, color: str, dash: str = "solid") -> dict:
    return {"type": "scatter", "x": typed(path[:, 0]), "y": typed(path[:, 1]), "name": name,
            "mode": "lines+markers", "hoverinfo": "skip",
            "line": {"color": color, "width": 3, "dash": dash},
            "marker": {"size": 7, "color": color}}  # fmt: skip


def _marker(points: np.ndarray, name: str, marker: dict) -> dict:
    return {"type": "scatter", "x": typed(points[:, 0]), "y": typed(points[:, 1]), "name": name,
            "mode": "markers", "hoverinfo": "skip", "showlegend": False,
            "marker": marker}  # fmt: skip


def _reach(game: Game) -> list[dict]:
    """The circle a free step may reach, and the click targets inside it."""
    px, py = game.position
    t = np.linspace(0, 2 * np.pi, 73)
    r = game.level.stride
    targets = click_targets(game)
    return [
        {"type": "scatter", "x": typed(px + r * np.cos(t)), "y": typed(py + r * np.sin(t)),
         "mode": "lines", "name": "within reach", "hoverinfo": "skip",
         "line": {"color": "white", "dash": "dot", "width": 2}},
        {"type": "scatter", "x": typed(targets[:, 0]), "y": typed(targets[:, 1]),
         "mode": "markers", "name": "step here", "showlegend": False, "meta": "click",
         "marker": {"size": 9, "opacity": 0.0, "color": PLAYER},
         "hovertemplate": "step to (%{x:.2f}, %{y:.2f})<extra></extra>"},
    ]  # fmt: skip


def _marks(game: Game) -> list[dict]:
    """The replay's marks: where a step ended uphill of where it began, or overshot."""
    marks = step_marks(game.path, game.level)
    ends = np.array(game.path[1:])
    traces = []
    for kind, style in MARKS.items():
        chosen = [i for i, m in enumerate(marks) if m == kind]
        if chosen:
            traces.append({
                "type": "scatter", "x": typed(ends[chosen, 0]), "y": typed(ends[chosen, 1]),
                "mode": "markers", "name": f"{style['label']} ({len(chosen)})",
                "marker": {"symbol": style["symbol"], "size": 15, "color": style["color"],
                           "line": {"color": "black", "width": 1}},
                "hovertemplate": "step %{text}<extra></extra>",
                "text": [str(i + 1) for i in chosen],
            })  # fmt: skip
    return traces


def _minima(game: Game) -> list[dict]:
    """Every known minimum once the game is over: stars for the global ones."""
    s = game.level.landscape
    traces = []
    for is_global, (symbol, size, name) in ((False, ("circle-open", 11, "local minimum")),
                                            (True, ("star", 18, "global minimum"))):  # fmt: skip
        found = [m for m in s.minima if m.is_global == is_global]
        if found:
            traces.append({
                "type": "scatter", "x": [m.x for m in found], "y": [m.y for m in found],
                "mode": "markers", "name": name,
                "marker": {"symbol": symbol, "size": size, "color": "white",
                           "line": {"color": "black", "width": 1.5}},
                "hovertemplate": "f = %{text}<extra></extra>",
                "text": [f"{m.value:.4g}" for m in found],
            })  # fmt: skip
    return traces


def game_3d_figure(game: Game, grid: Grid, *, bot: Game | None = None, camera: str = "3/4",
                   height: int = 520) -> dict:  # fmt: skip
    """The same game in 3-D, under the same fog; the bot's path once the game is over."""
    paths = {"you": np.array(game.path)}
    if bot is not None and game.over:
        paths["bot"] = np.array(bot.path)
    spec = surface3d_figure(game.level.landscape, grid, paths, camera=camera, height=height,
                            seen=fog(game, grid))  # fmt: skip
    spec["layout"]["font"] = {"size": FONT_SIZE}
    spec["layout"]["scene"]["bgcolor"] = "white"
    return spec


__all__ = ["click_targets", "fog", "game_3d_figure", "map_figure", "shaded"]
