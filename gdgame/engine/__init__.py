"""The pure-NumPy engine: surfaces, optimizers, descent runs and analyses.

Imports numpy only, so it can be used from a notebook or a script without Streamlit::

    from gdgame.engine import surfaces, optimizers, descent
    run = descent.run(surfaces.get("himmelblau"), optimizers.get("adam", lr=0.05), start=(0, 0))
"""

from gdgame.engine import analysis, curves, descent, optimizers, schedules, surfaces

__all__ = ["analysis", "curves", "descent", "optimizers", "schedules", "surfaces"]
