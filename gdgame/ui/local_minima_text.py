"""The local-minima lesson's words: where a run ended, the basin table, the verdict on flat
ground (pure strings and dicts, no Streamlit calls)."""

from __future__ import annotations

import numpy as np

from gdgame.engine import descent, local_minima
from gdgame.engine.landscape import Landscape

TABLE_ROWS = 10


def _at(values: object) -> str:
    return ", ".join(f"{v:.3g}" for v in np.atleast_1d(values))


def ending(landscape: Landscape, run: descent.Run) -> str:
    """Where a single run ended, in words: which minimum, and whether it is the global one."""
    where = _at(run.final)
    if run.status == descent.DIVERGED:
        return f"**{descent.describe(run).capitalize()}**: try a smaller α."
    best = min(landscape.global_minima, key=lambda m: m.value)
    if int(run.minimum) >= 0:
        m = landscape.minima[int(run.minimum)]
        if m.is_global:
            return (f"Ended at ({where}), f = {m.value:.4g}: **the global minimum**. This "
                    "start was lucky (or well chosen).")  # fmt: skip
        return (f"Ended at ({where}), f = {m.value:.4g}: **a local minimum, not the global "
                f"one**. The global minimum is {m.value - best.value:.3g} lower, at "
                f"({_at(best.location)}).")  # fmt: skip
    if run.status == descent.CONVERGED:
        value = float(run.final_loss)
        return (f"Ended at ({where}), f = {value:.4g}: a local minimum (one of many here), "
                f"{value - best.value:.3g} above the global one.")  # fmt: skip
    return f"Still moving after {int(run.steps)} steps, at ({where}): allow more steps."


def shares(basin_map: local_minima.BasinMap, names: list[str]) -> dict[str, list]:
    """The basin map as a table: each minimum's share of the starts, global ones first."""
    rows = [(names[i], basin_map.share(i), m.is_global) for i, m in enumerate(basin_map.minima)]
    rows += [("no minimum reached", basin_map.share(local_minima.LABEL_NONE), False),
             ("diverged", basin_map.share(local_minima.LABEL_DIVERGED), False)]  # fmt: skip
    ranked = sorted((r for r in rows if r[1] > 0), key=lambda r: (not r[2], -r[1]))
    rows = [(n, s) for n, s, _ in ranked]  # the global minima first, then the largest basins
    if len(rows) > TABLE_ROWS:  # Rastrigin's dozens of cups: the largest, then the rest
        rest = sum(s for _, s in rows[TABLE_ROWS - 1 :])
        rows = [*rows[: TABLE_ROWS - 1], (f"{len(rows) - TABLE_ROWS + 1} others", rest)]
    return {"ends in": [n for n, _ in rows], "share of starts": [s for _, s in rows]}


def flat_verdict(surface: Landscape, run: descent.Run, start: tuple[float, float],
                 tol: float) -> str:  # fmt: skip
    """What kind of flat ground the run stopped on, told by the curvatures there."""
    bends = surface.curvatures(run.final)
    if np.abs(bends).max() < 0.05:
        kind = "flat ground, nowhere near the bottom: the slope is too slight to descend fast"
    elif bends.min() < 0 < bends.max():
        kind = "a saddle: it curves up one way and down the other, so it is not a minimum"
    else:
        kind = "a minimum"
    stopped = (f"the stopping rule (|∇f| below {tol:g}) ended the run"
               if run.status == descent.CONVERGED else "the run used all its steps")  # fmt: skip
    return (f"From ({start[0]:g}, {start[1]:g}), after {int(run.steps)} steps {stopped}. The "
            f"gradient norm there is {float(run.final_grad_norm):.2g} and the curvatures are "
            f"{', '.join(f'{b:.3g}' for b in bends)}: **{kind}**.")  # fmt: skip
