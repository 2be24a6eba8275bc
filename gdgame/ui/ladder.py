"""Round-number learning rates on a log scale: the one ladder every rate slider and chip uses.

Rates a teacher can say out loud, about ten per decade (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8).
"""

from __future__ import annotations

import numpy as np

MANTISSAS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)


def ladder(
    first_exponent: int, top: float = 3.0, mantissas: tuple[float, ...] = MANTISSAS
) -> tuple[float, ...]:
    """Rates ``m × 10^e`` for each mantissa m, from e = ``first_exponent`` up to ``top``."""
    last = int(np.floor(np.log10(top)))
    values = (round(m * 10.0**e, 10) for e in range(first_exponent, last + 1) for m in mantissas)
    return tuple(r for r in values if r <= top)


RATES = ladder(-3)  # 0.001 … 3: the rates most sliders offer


def nearest(value: float, rates: tuple[float, ...]) -> float:
    """The rate of ``rates`` closest to ``value`` on a log scale (the smallest for 0 or less)."""
    if not value > 0:
        return min(rates)
    return min(rates, key=lambda r: abs(np.log(r / value)))
