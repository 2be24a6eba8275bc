"""The pure-NumPy engine: surfaces, optimizers, descent runs and the lessons' analyses.

Imports numpy and the standard library only, so it can be used from a notebook or a script
without Streamlit, and it never starts a process unless asked (`parallel.Pool`)::

    from gdgame.engine import surfaces, optimizers, descent
    run = descent.run(surfaces.get("himmelblau"), optimizers.get("adam", lr=0.05), start=(0, 0))
"""

from gdgame.engine import (
    brute_force,
    curves,
    descent,
    learning_rate,
    local_minima,
    optimizers,
    schedules,
    surfaces,
)

__all__ = [
    "brute_force", "curves", "descent", "learning_rate", "local_minima", "optimizers",
    "schedules", "surfaces",
]  # fmt: skip
