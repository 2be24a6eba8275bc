"""The teacher's live view of a class: every player's position and short trail on the level's
map (2-D and 3-D), won and lost marked, the bot's path; which valleys the class stands in beside
the engine's basin map; and the class's replay as frames the browser plays by itself.

Every figure is a plain dict for the landscape view component (`gdgame.components.landscape_view`):
its first trace is drawn from a grid that goes out once, so a refresh sends only the players'
traces. No fog: the teacher sees the whole map. Names are shown on hover as plain text: plotly
reads a few HTML tags in hover text, so each name goes out HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np

from gdgame.engine.game import LOST, WON, Game, Level
from gdgame.engine.game.play import steps_said
from gdgame.engine.game.tally import Player, Tally
from gdgame.engine.local_minima import LABEL_DIVERGED, LABEL_NONE, BasinMap
from gdgame.figures.basins import FLEW_OFF, NOWHERE, basin_colors
from gdgame.figures.style import FONT_SIZE, PATH_COLORS, SURFACE_SCALE, layout
from gdgame.figures.surface import Grid, surface3d_figure, typed

TRAIL = 6  # points of each player's trail on the live map
PLAYING, BOT = PATH_COLORS[0], PATH_COLORS[1]
STATUS = {  # how a player's dot looks, by the game's status
    "playing": {"symbol": "circle", "size": 14, "color": PLAYING, "label": "playing"},
    WON: {"symbol": "star", "size": 20, "color": "#009E73", "label": "won"},
    LOST: {"symbol": "x", "size": 14, "color": "#000000", "label": "lost"},
}
FRAME_MS = 600  # the replay's time per step


def plain(name: str) -> str:
    """A name as hover text that plotly shows as it is (no tag, no entity read)."""
    return html.escape(name, quote=False)


def map_layout(level: Level, *, width: int, title: str = "") -> dict:
    """A map of the level's domain with x and y to scale, about ``width`` pixels wide."""
    (x0, x1), (y0, y1) = level.landscape.domain
    spec = layout(x_title="x", y_title="y", height=int(140 + width * min((y1 - y0) / (x1 - x0),
                                                                         1.25)))  # fmt: skip
    spec["xaxis"] |= {"range": [x0, x1], "showgrid": False, "constrain": "domain"}
    spec["yaxis"] |= {"range": [y0, y1], "scaleanchor": "x", "scaleratio": 1, "showgrid": False,
                      "constrain": "domain"}  # fmt: skip
    spec |= {"dragmode": False, "uirevision": f"class-{level.surface}-{level.params}"}
    if title:
        spec["title"] = {"text": title, "x": 0, "font": {"size": FONT_SIZE}}
    return spec


def _contour(level: Level, shade: Grid) -> dict:
    top = float(np.nanmax(shade.z))
    return {"type": "contour", "colorscale": SURFACE_SCALE, "autocontour": False,
            "contours": {"start": 0.0, "end": top, "size": top / 24}, "showscale": False,
            "hoverinfo": "skip", "name": level.title, "connectgaps": False}  # fmt: skip


def _at(game: Game, step: int | None) -> tuple[np.ndarray, str]:
    """The game's path up to ``step`` (all of it: None), and its status then."""
    path = np.array(game.path)
    if step is None or step >= game.steps:
        return path, game.status if game.over else "playing"
    return path[: step + 1], "playing"


def _trails(paths: list[np.ndarray], trail: int | None) -> np.ndarray:
    """Every path's last ``trail`` points (all: None), one after another, NaN between."""
    gap = np.full((1, 2), np.nan)
    parts = [part for p in paths for part in (p if trail is None else p[-trail:], gap)]
    return np.concatenate(parts) if parts else np.empty((0, 2))


def moving_traces(players: Sequence[Player], bot: Game | None, *, step: int | None = None,
                  trail: int | None = TRAIL, exact: bool = True) -> list[dict]:  # fmt: skip
    """The traces that move: the bot's path, the trails, and a dot per player by status, as
    they stood after ``step`` steps (None: now). ``exact`` sends arrays as float32 typed
    arrays; otherwise as lists of rounded numbers (what animation frames can carry)."""
    pack = typed if exact else (lambda v: [None if np.isnan(a) else round(float(a), 4)
                                           for a in np.asarray(v, dtype=np.float64)])  # fmt: skip
    stood = [_at(p.game, step) for p in players]
    traces = []
    if bot is not None:
        path, _ = _at(bot, step)
        traces.append({"type": "scatter", "x": pack(path[:, 0]), "y": pack(path[:, 1]),
                       "mode": "lines+markers",
                       "name": f"bot ({steps_said(bot.steps)}, {bot.status})",
                       "hoverinfo": "skip", "line": {"color": BOT, "width": 2, "dash": "dot"},
                       "marker": {"size": 5, "color": BOT}})  # fmt: skip
    lines = _trails([path for path, _ in stood], trail)
    traces.append({"type": "scatter", "x": pack(lines[:, 0]), "y": pack(lines[:, 1]),
                   "mode": "lines", "name": "last steps" if trail else "paths",
                   "hoverinfo": "skip", "connectgaps": False,
                   "line": {"color": "white", "width": 2}})  # fmt: skip
    for status, look in STATUS.items():
        chosen = [(p, path) for p, (path, s) in zip(players, stood, strict=True) if s == status]
        ends = np.array([path[-1] for _, path in chosen]).reshape(-1, 2)
        traces.append({
            "type": "scatter", "x": pack(ends[:, 0]), "y": pack(ends[:, 1]), "mode": "markers",
            "name": f"{look['label']} ({len(chosen)})",
            "text": [f"{plain(p.name)} · {len(path) - 1} steps" for p, path in chosen],
            "hovertemplate": "%{text}<extra></extra>",
            "marker": {"symbol": look["symbol"], "size": look["size"], "color": look["color"],
                       "line": {"color": "white", "width": 1.5}},
        })  # fmt: skip
    return traces


def live_map(level: Level, shade: Grid, players: Sequence[Player], bot: Game | None, *,
             width: int = 640) -> dict:  # fmt: skip
    """The level's map with every player's dot and trail and the bot's path, as it stands."""
    start = {"type": "scatter", "x": [level.start[0]], "y": [level.start[1]], "mode": "markers",
             "name": "start", "hoverinfo": "skip", "showlegend": False,
             "marker": {"symbol": "square", "size": 12, "color": "white",
                        "line": {"width": 2}}}  # fmt: skip
    return {
        "data": [_contour(level, shade), start, *moving_traces(players, bot)],
        "layout": map_layout(level, width=width),
    }


def live_3d(level: Level, grid: Grid, players: Sequence[Player], bot: Game | None, *,
            camera: str = "3/4", height: int = 620) -> dict:  # fmt: skip
    """The same class in 3-D: trails and dots lifted just above the surface."""
    spec = surface3d_figure(level.landscape, grid, {}, camera=camera, height=height)
    finite = grid.z[np.isfinite(grid.z)]
    lift = 0.01 * float(finite.max() - finite.min()) if finite.size else 0.0
    f = level.landscape.f
    for trace in moving_traces(players, bot, exact=False):
        x, y = (np.array(trace[a], dtype=np.float64) for a in ("x", "y"))
        with np.errstate(invalid="ignore", over="ignore"):
            z = np.where(np.isnan(x), np.nan, f(np.nan_to_num(x), np.nan_to_num(y)) + lift)
        marker = trace.get("marker", {})
        spec["data"].append({**trace, "type": "scatter3d", "x": typed(x), "y": typed(y),
                             "z": typed(z), "marker": {**marker, "size": marker.get("size", 4) / 2,
                             "symbol": _symbol_3d(marker.get("symbol"))}})  # fmt: skip
    spec["layout"]["scene"]["bgcolor"] = "white"
    return spec


def _symbol_3d(symbol: str | None) -> str:
    """scatter3d draws fewer marker symbols than scatter: a star becomes a diamond."""
    return {"star": "diamond", "x": "x", "square": "square"}.get(symbol or "", "circle")


def _color(colors: list[str], label: int) -> str:
    """A label's colour: a minimum's own, or grey for no minimum, black for diverged."""
    return colors[label] if label >= 0 else colors[-2 if label == LABEL_NONE else -1]


def basin_grid(basins: BasinMap) -> Grid:
    """The engine's basin map as a grid the landscape view draws: 1 … k the minima, k + 1 no
    minimum reached, k + 2 diverged."""
    k = len(basins.minima)
    codes = np.where(basins.labels < 0, np.where(basins.labels == LABEL_DIVERGED, k + 1, k),
                     basins.labels) + 1  # fmt: skip
    return Grid(basins.xs, basins.ys, codes.astype(np.float32))


def _basin_scale(basins: BasinMap) -> list:
    colors = [*basin_colors(basins), NOWHERE, FLEW_OFF]
    scale = []
    for i, color in enumerate(colors):  # one flat band per code 1 … k + 2
        scale += [[i / len(colors), color], [(i + 1) / len(colors), color]]
    return scale


def basins_map(
    level: Level, basins: BasinMap, tally: Tally | None = None, *,
    players: Sequence[Player] = (), width: int = 420, title: str = "",
) -> dict:  # fmt: skip
    """The engine's basin map (each start coloured by the minimum plain descent reaches from
    it); with ``tally``, the class on it: each player's dot in their valley's colour, and each
    valley's minimum marked with how many players stand in it (the human basin map)."""
    colors = [*basin_colors(basins), NOWHERE, FLEW_OFF]
    n = len(colors)
    data = [{"type": "contour", "colorscale": _basin_scale(basins), "autocontour": False,
             "contours": {"start": 1.5, "end": n - 0.5, "size": 1.0, "coloring": "fill"},
             "line": {"width": 0}, "zmin": 0.5, "zmax": n + 0.5, "showscale": False,
             "hoverinfo": "skip", "name": "basins", "opacity": 0.35 if tally else 1.0}]  # fmt: skip
    if tally is None:  # the engine's map: each minimum with its number
        marks = [(i, m, str(i + 1)) for i, m in enumerate(basins.minima)]
    else:  # the class's: each valley someone stands in, with how many do
        marks = [(v.label, v.minimum, str(len(v.names))) for v in tally.valleys if v.minimum]
    data.append({
        "type": "scatter", "mode": "markers+text", "name": "minima", "hoverinfo": "skip",
        "x": [m.x for _, m, _ in marks], "y": [m.y for _, m, _ in marks],
        "text": [text for *_, text in marks], "textposition": "top center",
        "textfont": {"size": 18, "color": "black"}, "showlegend": False,
        "marker": {"symbol": ["star" if m.is_global else "circle" for _, m, _ in marks],
                   "size": 16, "color": [_color(colors, label) for label, *_ in marks],
                   "line": {"color": "white", "width": 2}},
    })  # fmt: skip
    if tally:
        where = {name: v.label for v in tally.valleys for name in v.names}
        ends = np.array([p.game.position for p in players]).reshape(-1, 2)
        data.append({"type": "scatter", "mode": "markers", "name": "players",
                     "x": typed(ends[:, 0]), "y": typed(ends[:, 1]), "showlegend": False,
                     "text": [plain(p.name) for p in players],
                     "hovertemplate": "%{text}<extra></extra>",
                     "marker": {"size": 10, "line": {"color": "black", "width": 1},
                                "color": [_color(colors, where.get(p.name, LABEL_NONE))
                                          for p in players]}})  # fmt: skip
    spec = map_layout(level, width=width, title=title)
    spec["showlegend"] = False
    return {"data": data, "layout": spec}


def replay(level: Level, shade: Grid, players: Sequence[Player], bot: Game | None, *,
           width: int = 640) -> dict:  # fmt: skip
    """All paths growing together, a frame per step, played by the browser (Play, or the
    slider): the map once, then only the moving traces in each frame."""
    last = max([p.game.steps for p in players] + [bot.steps if bot else 0])
    first = moving_traces(players, bot, step=0, trail=None, exact=False)
    moving = list(range(1, 1 + len(first)))
    frames = [{"name": str(k), "traces": moving,
               "data": moving_traces(players, bot, step=k, trail=None, exact=False)}
              for k in range(last + 1)]  # fmt: skip
    # redraw: plotly's quick path (no redraw) animates scatter traces only, and drops the map
    go = {"frame": {"duration": FRAME_MS, "redraw": True}, "transition": {"duration": 0}}
    spec = map_layout(level, width=width)
    spec["uirevision"] = f"{spec['uirevision']}-replay"
    spec["updatemenus"] = [{"type": "buttons", "showactive": False, "x": 0, "y": -0.16,
                            "xanchor": "left", "yanchor": "top", "direction": "left",
                            "buttons": [
        {"label": "▶ Play", "method": "animate", "args": [None, {**go, "fromcurrent": True}]},
        {"label": "❚❚ Pause", "method": "animate",
         "args": [[None], {"mode": "immediate", "frame": {"duration": 0, "redraw": False}}]},
    ]}]  # fmt: skip
    spec["sliders"] = [{"x": 0.25, "len": 0.75, "y": -0.12, "currentvalue": {"prefix": "step "},
                        "steps": [{"label": str(k), "method": "animate",
                                   "args": [[str(k)], {"mode": "immediate", **go}]}
                                  for k in range(last + 1)]}]  # fmt: skip
    spec["margin"] = {**spec["margin"], "b": 160}
    return {"data": [_contour(level, shade), *first], "layout": spec, "frames": frames}
