"""The pure-NumPy engine: surfaces, optimizers, descent runs, the lessons' analyses, and
models trained on data.

Imports numpy and the standard library only, so it can be used from a notebook or a script
without Streamlit, and it never starts a process unless asked (`parallel.Pool`)::

    from gdgame.engine import surfaces, optimizers, descent
    run = descent.run(surfaces.get("himmelblau"), optimizers.get("adam", lr=0.05), start=(0, 0))
"""

from gdgame.engine import (
    brute_force,
    curves,
    data,
    descent,
    formula,
    learning_rate,
    local_minima,
    loss_landscape,
    loss_surface,
    models,
    network,
    optima,
    optimizers,
    schedules,
    surfaces,
    training,
)

__all__ = [
    "brute_force", "curves", "data", "descent", "formula", "learning_rate", "local_minima",
    "loss_landscape", "loss_surface", "models", "network", "optima", "optimizers", "schedules",
    "surfaces", "training",
]  # fmt: skip
