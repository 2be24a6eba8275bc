"""Checks for numbers that enter the engine: a clear ValueError, never a silent clamp."""

from __future__ import annotations

import math

import numpy as np


def real_in(value: object, lo: float, hi: float, what: str) -> float:
    """``value`` as a float if it is a real number in [lo, hi]."""
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not (ok and math.isfinite(value) and lo <= value <= hi):
        raise ValueError(f"Invalid {what}: {value!r} (must be a number in [{lo:g}, {hi:g}])")
    return float(value)


def whole_in(value: object, lo: int, hi: int, what: str) -> int:
    """``value`` as an int if it is a whole number in [lo, hi]."""
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not (ok and math.isfinite(value) and value == int(value) and lo <= value <= hi):
        raise ValueError(f"Invalid {what}: {value!r} (must be a whole number in [{lo}, {hi}])")
    return int(value)
