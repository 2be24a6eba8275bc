"""The bot the player races: easy takes random steps, medium plain gradient descent with a
fixed learning rate α (the level's ``bot_lr``), hard a tuned optimizer. Same level, same start,
same budget; deterministic per seed.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from gdgame.engine import optimizers
from gdgame.engine.descent import step
from gdgame.engine.game.levels import Level
from gdgame.engine.game.play import LOST, Game, free_step, gradient, move_to, new_game

TRIES = 100  # the easy bot's throws of the dice for one step before it gives up

BOTS = ("easy", "medium", "hard")


def play_bot(level: Level, kind: str = "medium", seed: int = 0) -> Game:
    """The bot's whole game on ``level``: it moves until it wins or spends its budget."""
    if kind not in BOTS:
        raise ValueError(f"bot must be one of {BOTS}, got {kind!r}")
    if kind == "easy":
        game = new_game(level, mode="free")
        rng = np.random.default_rng(seed)
        while not game.over:
            for _ in range(TRIES):  # a throw that lands where f is undefined is thrown again
                angle = rng.uniform(0, 2 * np.pi)
                distance = rng.uniform(0.3, 1.0) * level.stride
                x, y = game.position
                try:
                    game = free_step(game, (x + distance * np.cos(angle),
                                            y + distance * np.sin(angle)))  # fmt: skip
                    break
                except ValueError:
                    continue
            else:
                return _stopped(game)
        return game
    if kind == "medium":
        return descend(level, optimizers.get("sgd", lr=level.bot_lr))
    name, hyper = level.bot_tuned
    return descend(level, optimizers.get(name, **dict(hyper)))


def descend(level: Level, opt: optimizers.Optimizer) -> Game:
    """A game played by an optimizer: each move is its step, with no stride limit (the
    optimizer chose it); the map's edge stops it, as it stops the player."""
    game = new_game(level, mode="free")
    p = np.array(level.start, dtype=np.float64)
    state = opt.init(p)
    while not game.over:
        p, state = step(opt, state, p, gradient(level, p))
        try:
            game = move_to(game, p)
        except ValueError:  # it stepped where f is undefined
            return _stopped(game)
        p = np.array(game.position)
    return game


def _stopped(game: Game) -> Game:
    return replace(game, status=LOST, message="The bot's next step left the ground where f "
                   "is defined, so it stopped.")  # fmt: skip
