"""Engine calls behind st.cache_data, keyed on plain values (names, numbers, tuples)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from gdgame.engine import analysis, curves, descent, game, optimizers, schedules, surfaces
from gdgame.figures.curve import curve_figure
from gdgame.figures.surface import GRID, Grid, sample

Params = tuple[tuple[str, float], ...]  # a landscape's parameters, hashable


def landscape(name: str, params: Params = ()):
    """A surface or a curve by registry name (curves first)."""
    if name in curves.names():
        return curves.get(name, **dict(params))
    return surfaces.get(name, **dict(params))


@st.cache_data(max_entries=512, show_spinner=False)
def gd_run(
    name: str, params: Params, start: tuple[float, ...], lr: float, steps: int, tol: float,
    schedule: tuple[str, Params] | None = None,
) -> descent.Run:  # fmt: skip
    """Plain gradient descent on a named curve or surface, optionally with a schedule."""
    sched = None if schedule is None else schedules.get(schedule[0], **dict(schedule[1]))
    opt = optimizers.get("sgd", lr=lr, schedule=sched)
    return descent.run(landscape(name, params), opt, start, steps, tol=tol)


@st.cache_data(max_entries=64, show_spinner=False)
def sweep(
    name: str, params: Params, start: tuple[float, ...], lo: float, hi: float, n: int,
    steps: int, tol: float,
) -> analysis.Sweep:  # fmt: skip
    """Gradient descent at n learning rates log-spaced from lo to hi, in one batch."""
    lrs = np.geomspace(lo, hi, n)
    return analysis.lr_sweep(landscape(name, params), "sgd", lrs, start, steps, tol=tol)


@st.cache_data(max_entries=64, show_spinner=False)
def grid(name: str, params: Params = (), n: int = GRID) -> Grid:
    """A surface sampled for drawing (n × n, float32; 150 × 150 unless asked)."""
    return sample(landscape(name, params), n)


@st.cache_resource(max_entries=64, show_spinner=False)
def scan_chart(name: str, start: float, lr: float, steps: int, tol: float, n_grid: int):
    """Brute force against gradient descent on a curve: built once per setting, never changed."""
    run = gd_run(name, (), (start,), lr, steps, tol)
    scan = analysis.grid_scan(curves.get(name), n_grid)
    return curve_figure(curves.get(name), run.points[:, 0], tangent=False, grid=scan.xs,
                        height=380)  # fmt: skip


@st.cache_data(max_entries=128, show_spinner=False)
def bot_game(number: int, seed: int, kind: str) -> game.Game:
    """The bot's whole game on a level (deterministic: the easy bot's dice have seed 0)."""
    return game.play_bot(game.level(number, seed), kind)
