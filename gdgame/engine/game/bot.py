"""The bot the player races: easy takes random steps, medium plain gradient descent with a
fixed α, hard a tuned optimizer. Same level, same start, same budget; deterministic per seed.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine import optimizers
from gdgame.engine.game.levels import Level
from gdgame.engine.game.play import Game, free_step, new_game

BOTS = ("easy", "medium", "hard")


def play_bot(level: Level, kind: str = "medium", seed: int = 0) -> Game:
    """The bot's whole game on ``level``: it moves until it wins or spends its budget."""
    if kind not in BOTS:
        raise ValueError(f"bot must be one of {BOTS}, got {kind!r}")
    game = new_game(level, mode="free")
    if kind == "easy":
        rng = np.random.default_rng(seed)
        while not game.over:
            angle = rng.uniform(0, 2 * np.pi)
            distance = rng.uniform(0.3, 1.0) * level.stride
            x, y = game.position
            game = free_step(game, (x + distance * np.cos(angle), y + distance * np.sin(angle)))
        return game
    if kind == "medium":
        opt = optimizers.get("sgd", lr=level.bot_lr)
    else:
        name, hyper = level.bot_tuned
        opt = optimizers.get(name, **dict(hyper))
    surface = level.landscape
    p = np.array(level.start, dtype=np.float64)
    state = opt.init(p)
    while not game.over:
        g = np.array(surface.grad(*p))
        step, state = opt.update(g, state, p)
        p = p + step
        game = _place(game, p)
        p = np.array(game.position)  # the map's edge stops it, as it stops the player
    return game


def _place(game: Game, target: np.ndarray) -> Game:
    """Move the bot to ``target`` without the stride limit (its optimizer chose the step)."""
    from gdgame.engine.game.play import _move

    return _move(game, target)
