"""Games as plain JSON-ready dicts, so a game in progress survives a reload.

`load` checks everything it reads (a saved game may come back edited by hand): the level,
mode and fog must exist, the path must start at the level's start, every point must be on the
map and one legal move of the game's mode from the one before (`reachable`), and the whole game
is replayed through the rules, so a tampered status cannot stand. A typed formula's level is
saved as its formula and domain, and made again from them by the same checks as when typed.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.game.custom import CUSTOM, formula_of, from_formula
from gdgame.engine.game.levels import level
from gdgame.engine.game.play import (
    FOGS,
    LOST,
    MODES,
    Game,
    declare_bottom,
    move_to,
    new_game,
    reachable,
)

VERSION = 1


def dump(game: Game) -> dict:
    """The game as a dict of plain values."""
    return {
        "version": VERSION,
        "level": game.level.number,
        "seed": dict(game.level.params).get("seed"),
        "formula": formula_of(game.level),
        "mode": game.mode,
        "fog": game.fog,
        "path": [list(p) for p in game.path],
        # the only way to lose with steps to spare is to declare the bottom in the wrong place
        "declared": game.status == LOST and game.steps < game.level.budget,
    }


def load(data: object) -> Game:
    """The game a dict from `dump` describes, replayed; ValueError for anything else."""
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("not a saved game")
    if type(data.get("level")) is int and data["level"] == CUSTOM:
        lv = from_formula(data.get("formula"))
    else:
        lv = level(data.get("level"), data.get("seed"))
    mode, fog = data.get("mode"), data.get("fog")
    if mode not in MODES or fog not in FOGS:
        raise ValueError("unknown mode or fog")
    try:
        path = np.asarray(data.get("path"), dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("the path is not a list of points") from None
    if path.ndim != 2 or path.shape[1] != 2 or not 1 <= len(path) <= lv.budget + 1:
        raise ValueError("the path has the wrong shape")
    if not np.isfinite(path).all() or not np.allclose(path[0], lv.start):
        raise ValueError("the path must start at the level's start")
    return replay(new_game(lv, mode, fog), path[1:], data.get("declared") is True)


def replay(game: Game, points: object, declared: bool = False) -> Game:
    """``game`` moved through ``points`` by the rules (each one legal move of its mode from the
    one before, on the map; won or lost as the rules say), then declared at the bottom if
    ``declared``; ValueError for any point no move makes."""
    for raw in points:
        point = np.asarray(raw, dtype=np.float64)
        if point.shape != (2,) or not np.isfinite(point).all():
            raise ValueError("not a point")
        if game.over or not reachable(game, point):
            raise ValueError("a step no move of this mode can make")
        moved = move_to(game, point)  # the rules again: clamped to the map, won or lost
        if tuple(point) != moved.position:
            raise ValueError("the path leaves the map")
        game = moved
    if declared and not game.over:
        game = declare_bottom(game)
    return game
