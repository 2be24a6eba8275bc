"""Learning-rate schedules: the learning rate to use at step t (0-based) from the base rate.

Closed forms of torch.optim.lr_scheduler with the scheduler stepped once per update:
``step`` is StepLR, ``exponential`` ExponentialLR, ``cosine`` CosineAnnealingLR and
``warmup`` LinearLR (a linear ramp from ``start_factor`` to ``end_factor``). Parameter names
and defaults are torch's; where torch has no default we give one that suits a 500-step run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from gdgame.engine.registry import Registry


class Schedule(NamedTuple):
    """A named schedule: ``lr_at(t, base_lr)`` is the rate for the update numbered t from 0."""

    name: str
    params: dict
    lr_at: Callable[[int, float], float]

    def __call__(self, t: int, base_lr: float) -> float:
        return self.lr_at(t, base_lr)

    def __reduce__(self) -> tuple:
        """Pickled as its name and parameters (``lr_at`` is a closure)."""
        return _rebuild, (self.name, dict(self.params))


def constant() -> Schedule:
    """The base rate at every step."""
    return Schedule("constant", {}, lambda t, lr: lr)


def step(step_size: int = 50, gamma: float = 0.1) -> Schedule:
    """lr·γ^⌊t / step_size⌋: drop by a factor γ (``gamma``) every ``step_size`` steps."""
    if isinstance(step_size, bool) or int(step_size) != step_size or step_size < 1:
        raise ValueError(f"Invalid step_size value: {step_size}")
    if not gamma > 0:
        raise ValueError(f"Invalid gamma value: {gamma}")
    size = int(step_size)
    return Schedule(
        "step",
        {"step_size": size, "gamma": gamma},
        lambda t, lr: lr * gamma ** (t // size),
    )


def exponential(gamma: float = 0.99) -> Schedule:
    """lr·γ^t: shrink by a factor γ (``gamma``) at every step."""
    if not gamma > 0:
        raise ValueError(f"Invalid gamma value: {gamma}")
    return Schedule("exponential", {"gamma": gamma}, lambda t, lr: lr * gamma**t)


def cosine(t_max: int = 100, eta_min: float = 0.0) -> Schedule:
    """η_min + (lr − η_min)·(1 + cos(πt / T_max))/2: a half cosine from lr down to η_min.

    η_min is ``eta_min``, the rate it ends at; T_max is ``t_max``, the steps it takes.
    """
    if isinstance(t_max, bool) or int(t_max) != t_max or t_max < 1:
        raise ValueError(f"Invalid t_max value: {t_max}")
    if not eta_min >= 0:
        raise ValueError(f"Invalid eta_min value: {eta_min}")

    def lr_at(t: int, lr: float) -> float:
        return eta_min + (lr - eta_min) * (1 + math.cos(math.pi * t / t_max)) / 2

    return Schedule("cosine", {"t_max": int(t_max), "eta_min": eta_min}, lr_at)


def warmup(start_factor: float = 1 / 3, end_factor: float = 1.0, total_iters: int = 5) -> Schedule:
    """lr·(start + (end − start)·min(t, total)/total): a linear warm-up to the full rate.

    start, end and total are ``start_factor``, ``end_factor`` and ``total_iters``.
    """
    if not 0 < start_factor <= 1:
        raise ValueError(
            "Starting multiplicative factor expected to be greater than 0 and less or equal to 1."
        )
    if not 0 <= end_factor <= 1:
        raise ValueError("Ending multiplicative factor expected to be between 0 and 1.")
    if isinstance(total_iters, bool) or int(total_iters) != total_iters or total_iters < 1:
        raise ValueError(f"Invalid total_iters value: {total_iters}")
    n = int(total_iters)

    def lr_at(t: int, lr: float) -> float:
        return lr * (start_factor + (end_factor - start_factor) * min(t, n) / n)

    params = {"start_factor": start_factor, "end_factor": end_factor, "total_iters": n}
    return Schedule("warmup", params, lr_at)


_REGISTRY = Registry(
    "schedule",
    {"constant": constant, "step": step, "exponential": exponential, "cosine": cosine,
     "warmup": warmup},
)  # fmt: skip


def _rebuild(name: str, params: dict) -> Schedule:
    return get(name, **params)


def names() -> list[str]:
    """Registry names of the schedules."""
    return _REGISTRY.names()


def get(name: str, **params: object) -> Schedule:
    """The schedule ``name`` with its parameters; ValueError for anything unknown or invalid."""
    return _REGISTRY.get(name, **params)
