"""A typed formula as a game level: its numbers chosen from the surface, as the built-in
levels' are derived (stride and tolerance from the map's size) or checked (par against moves
that win: tests/engine/test_game.py).

The start is high on the map and far from every global minimum. Par is the longer of two found
ways down that win, each replayed through the game's own rules: free steps straight at the
nearest global minimum, and downhill steps whose α a player with the preview would pick (the
one of a ladder of rates that lands nearest a global minimum); so three stars are within reach
in either mode. The budget is three times par, and at least `LEAST_BUDGET`.
The medium bot steps at 1/L, L the sharpest curvature at the global minimum (the learning-rate
lesson's safe rate); the hard bot is the best of a few optimizers and rates, as
tools/tune_bots.py tunes the built-in levels.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

import numpy as np

from gdgame.engine import optimizers, surfaces
from gdgame.engine.formula import FormulaError
from gdgame.engine.formula_surface import FormulaSurface, formula_params
from gdgame.engine.game.bot import descend
from gdgame.engine.game.levels import CUSTOM, Level
from gdgame.engine.game.play import (
    LR_RANGE,
    WON,
    defined,
    free_step,
    gradient_step,
    new_game,
    preview,
)

TOLERANCE, STRIDE, FAR = 0.015, 0.15, 0.3  # shares of the map's narrower side
MOST_STEPS = 60  # no found way down may take longer: the budget is at most three times it
LEAST_BUDGET = 15
HINT = "A typed formula: the game chose its start, par and budget from the surface."
LADDER = tuple(float(v) for v in np.geomspace(*LR_RANGE, 41))  # the downhill player's α choices
TUNING = tuple(float(f"{v:.3g}") for v in np.geomspace(1e-3, 2.0, 12))


def custom_level(text: str, domain: object) -> Level:
    """The level a typed formula on a domain makes; `FormulaError` if it cannot be one."""
    params = formula_params(text, domain)
    return _level(params)


def formula_of(level: Level) -> dict | None:
    """A custom level's formula and domain as plain values (None for a built-in level)."""
    if level.number != CUSTOM:
        return None
    p = dict(level.params)
    return {"text": p["text"], "x": list(p["x"]), "y": list(p["y"])}


def from_formula(record: object) -> Level:
    """The level a `formula_of` record describes (read back from a saved game or a room);
    `FormulaError` for anything else."""
    if not (isinstance(record, dict) and isinstance(record.get("text"), str)):
        raise FormulaError("This level's formula could not be read.")
    return custom_level(record["text"], (record.get("x"), record.get("y")))


@lru_cache(maxsize=64)
def _level(params: tuple) -> Level:
    surface = surfaces.get("formula", **dict(params))
    goals = surface.global_minima
    if not goals:
        raise FormulaError(
            "This formula has no bottom inside its domain that the engine can find (a point "
            "where the ground is flat and rises all around), so it cannot be a level: widen "
            "the domain or pick a formula with a bottom."
        )
    (x0, x1), (y0, y1) = surface.domain
    side = min(x1 - x0, y1 - y0)
    tolerance, stride = _round(TOLERANCE * side), _round(STRIDE * side)
    start = _start(surface, FAR * side)
    draft = Level(number=CUSTOM, surface="formula", start=start, budget=3 * MOST_STEPS,
                  par=MOST_STEPS, tolerance=tolerance, stride=stride, bot_lr=_safe_rate(surface),
                  bot_tuned=("sgd", (("lr", LR_RANGE[0]),)), params=params,
                  hint=HINT)  # fmt: skip
    found = [n for n in (_straight_steps(draft), _downhill_steps(draft)) if n is not None]
    if not found:
        raise FormulaError(
            f"No way down this formula reaches its lowest point within {MOST_STEPS} steps, so "
            "it cannot be a level: try a smaller domain."
        )
    par = max(found)
    draft = replace(draft, par=par, budget=max(3 * par, LEAST_BUDGET))
    return replace(draft, bot_tuned=_tuned(draft))


def _round(value: float) -> float:
    """Two significant digits: a tolerance a player can read."""
    return float(f"{value:.2g}")


def _start(surface: FormulaSurface, far: float) -> tuple[float, float]:
    """A point of a 9 × 9 grid at least ``far`` from every global minimum, high on the
    map (the 80th percentile of those heights), or the farthest point if none is that far."""
    (x0, x1), (y0, y1) = surface.domain
    x, y = (a.ravel() for a in np.meshgrid(np.linspace(x0, x1, 11)[1:-1],
                                           np.linspace(y0, y1, 11)[1:-1]))  # fmt: skip
    v = surface.f(x, y)
    gap = np.min([np.hypot(x - m.x, y - m.y) for m in surface.global_minima], axis=0)
    ok = np.flatnonzero(np.isfinite(v) & (gap >= far))
    if ok.size == 0:
        ok = np.flatnonzero(np.isfinite(v))
        pick = ok[np.argmax(gap[ok])]
    else:
        order = ok[np.argsort(v[ok], kind="stable")]
        pick = order[int(0.8 * (order.size - 1))]
    return float(x[pick]), float(y[pick])


def _nearest_gap(level: Level, point: tuple[float, float]) -> float:
    return min(math.hypot(m.x - point[0], m.y - point[1]) for m in level.landscape.global_minima)


def _straight_steps(level: Level) -> int | None:
    """Free steps straight at the nearest global minimum, played by the rules."""
    goal = min(level.landscape.global_minima,
               key=lambda m: math.hypot(m.x - level.start[0], m.y - level.start[1]))  # fmt: skip
    game = new_game(level, mode="free")
    while not game.over and game.steps < MOST_STEPS:
        try:
            game = free_step(game, (goal.x, goal.y))
        except ValueError:  # the straight line crosses ground where f is undefined
            return None
    return game.steps if game.status == WON else None


def _downhill_steps(level: Level) -> int | None:
    """Downhill steps, each with the α of the ladder that lands nearest a global minimum."""
    game = new_game(level, mode="gradient")
    while not game.over and game.steps < MOST_STEPS:
        landings = {lr: preview(game, lr) for lr in LADDER}
        allowed = [lr for lr, p in landings.items() if defined(level, p) and p != game.position]
        if not allowed:
            return None  # stuck: the gradient vanished, or every step leaves the defined ground
        game = gradient_step(game, min(allowed, key=lambda lr: _nearest_gap(level, landings[lr])))
    return game.steps if game.status == WON else None


def _safe_rate(surface: FormulaSurface) -> float:
    """1/L at the (first) global minimum, within the game's range of α."""
    m = surface.global_minima[0]
    sharpest = float(np.max(surface.curvatures((m.x, m.y))))
    rate = 1.0 / sharpest if np.isfinite(sharpest) and sharpest > 0 else LR_RANGE[1]
    return _round(min(max(rate, LR_RANGE[0]), LR_RANGE[1]))


def _tuned(level: Level) -> tuple[str, tuple[tuple[str, float], ...]]:
    """The optimizer that wins in the fewest steps, among SGD, momentum 0.9 and Adam at a
    dozen rates (plain SGD at the safe rate if none wins)."""
    best = (math.inf, ("sgd", (("lr", level.bot_lr),)))
    for lr in TUNING:
        for name, hyper in (("sgd", (("lr", lr),)), ("momentum", (("lr", lr), ("momentum", 0.9))),
                            ("adam", (("lr", lr),))):  # fmt: skip
            game = descend(level, optimizers.get(name, **dict(hyper)))
            if game.status == WON and game.steps < best[0]:
                best = (game.steps, (name, hyper))
    return best[1]
