"""Find each level's hard-bot settings: the optimizer that wins in the fewest steps.

Searches SGD, momentum, Nesterov (μ in 0.5 … 0.95), RMSProp and Adam over 40 learning rates
from 1e-4 to 2, playing by the game's rules (same start, budget and tolerance, stopped by the
map's edge). Prints the winner per level, to be written into gdgame/engine/game/levels.py.

    python -m tools.tune_bots
"""

from __future__ import annotations

import numpy as np

from gdgame.engine import optimizers
from gdgame.engine.game import LEVELS
from gdgame.engine.game.bot import descend


def steps_to_win(level, name: str, hyper: dict) -> int | None:
    game = descend(level, optimizers.get(name, **hyper))
    return game.steps if game.status == "won" else None


def candidates():
    for lr in np.geomspace(1e-4, 2.0, 40):
        lr = float(f"{lr:.3g}")
        yield "sgd", {"lr": lr}
        yield "rmsprop", {"lr": lr}
        yield "adam", {"lr": lr}
        for mu in (0.5, 0.8, 0.9, 0.95):
            yield "momentum", {"lr": lr, "momentum": mu}
            yield "nesterov", {"lr": lr, "momentum": mu}


def main() -> None:
    for level in LEVELS:
        results = [(n, name, hyper) for name, hyper in candidates()
                   if (n := steps_to_win(level, name, hyper)) is not None]  # fmt: skip
        if results:
            n, name, hyper = min(results, key=lambda r: r[0])
            print(f"level {level.number} {level.surface}: {name} {hyper} wins in {n} steps")
        else:
            print(f"level {level.number} {level.surface}: no optimizer wins within the budget")


if __name__ == "__main__":
    main()
