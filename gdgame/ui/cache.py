"""Engine calls the lessons share, keyed on plain values (names, numbers, tuples): a landscape
and an optimizer by name (the engine's registries keep them), and behind st.cache_data the
work: a recorded run, a sweep of rates, a grid for drawing."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from gdgame.engine import curves, descent, learning_rate, optimizers, schedules, surfaces
from gdgame.engine.landscape import Landscape
from gdgame.figures.frozen import frozen
from gdgame.figures.surface import GRID, Grid, sample
from gdgame.ui import datasets

Params = tuple[tuple[str, object], ...]  # a landscape's or an optimizer's parameters, hashable


def landscape(name: str, params: Params = ()) -> Landscape:
    """A surface or a curve by registry name (curves first), or a surface made of data."""
    if name in datasets.LANDSCAPES:
        return datasets.landscape(name, params)
    if name in curves.names():
        return curves.get(name, **dict(params))
    return surfaces.get(name, **dict(params))


def optimizer(name: str, hyper: Params) -> optimizers.Optimizer:
    """The optimizer ``name`` with torch.optim's keyword arguments given as pairs."""
    return optimizers.get(name, **dict(hyper))


def shared_figures(max_entries: int):
    """st.cache_resource for a builder of figures every session shows unchanged: each plotly
    figure it returns (alone or in a tuple) is built once and frozen (`frozen`)."""

    def decorate(build):
        @st.cache_resource(max_entries=max_entries, show_spinner=False)
        @functools.wraps(build)
        def built(*args, **kwargs):
            made = build(*args, **kwargs)
            if isinstance(made, tuple):
                return tuple(_freeze(f) for f in made)
            return _freeze(made)

        return built

    return decorate


def _freeze(made):
    return frozen(made) if isinstance(made, go.Figure) else made


@st.cache_data(max_entries=512, show_spinner=False)
def run(
    name: str, params: Params, start: tuple[float, ...], steps: int, opt: str = "sgd",
    hyper: Params = (("lr", 0.1),), tol: float = 1e-6, schedule: tuple[str, Params] | None = None,
) -> descent.Run:  # fmt: skip
    """One recorded run on a named curve or surface (plain descent unless ``opt`` says)."""
    if schedule is not None:
        hyper = (*hyper, ("schedule", schedules.get(schedule[0], **dict(schedule[1]))))
    return descent.run(landscape(name, params), optimizer(opt, hyper), start, steps, tol=tol)


@st.cache_data(max_entries=64, show_spinner=False)
def sweep(
    name: str, params: Params, start: tuple[float, ...], lo: float, hi: float, n: int,
    steps: int, tol: float,
) -> learning_rate.Sweep:  # fmt: skip
    """Gradient descent at n learning rates log-spaced from lo to hi, in one batch."""
    lrs = np.geomspace(lo, hi, n)
    return learning_rate.lr_sweep(landscape(name, params), "sgd", lrs, start, steps, tol=tol)


@st.cache_data(max_entries=64, show_spinner=False)
def grid(name: str, params: Params = (), n: int = GRID) -> Grid:
    """A surface sampled for drawing (n × n, float32; 150 × 150 unless asked)."""
    return sample(landscape(name, params), n)


def clamped(name: str, params: Params, point: tuple[float, ...]) -> tuple[float, ...]:
    """``point`` moved onto the landscape's domain (a start from a slider or a link)."""
    return tuple(float(v) for v in landscape(name, params).clamp(np.asarray(point)))


class Kept:
    """Results kept for every session of the process by key, the least recently used dropped
    beyond ``size``: for work that draws its own progress bar the first time it runs (behind
    st.cache_data the bar would be replayed at every later hit)."""

    def __init__(self, size: int) -> None:
        self.size, self.lock, self.kept = size, threading.Lock(), OrderedDict()

    def get(self, key: Hashable) -> Any:
        """The result kept under ``key``, or None."""
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
            return self.kept.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        with self.lock:
            self.kept[key] = value
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)


@st.cache_resource(show_spinner=False)
def kept(kind: str, size: int) -> Kept:
    """The process's `Kept` results of one kind (a lesson's trainings)."""
    return Kept(size)


def made_once(kind: str, size: int, key: Hashable, make: Callable[[Any], Any],
              progress: bool = False) -> Any:  # fmt: skip
    """The result of ``make(bar)`` kept under ``key`` among the process's results of ``kind``;
    made now if there is none, with a progress bar ``bar`` if asked (None otherwise)."""
    found = kept(kind, size).get(key)
    if found is None:
        bar = st.progress(0.0, text="Training…") if progress else None
        found = make(bar)
        kept(kind, size).put(key, found)
        if bar is not None:
            bar.empty()
    return found
