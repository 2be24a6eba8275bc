"""Each optimizer's state: a small record, never mutated, that its ``update`` replaces.

``count`` is the number of updates done; the other fields are named as in torch.optim's
state dicts.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

Array = np.ndarray


class SGDState(NamedTuple):
    count: int
    momentum_buffer: Array | None


class AdagradState(NamedTuple):
    count: int
    sum: Array


class RMSpropState(NamedTuple):
    count: int
    square_avg: Array
    grad_avg: Array | None
    momentum_buffer: Array | None


class AdamState(NamedTuple):
    count: int
    exp_avg: Array
    exp_avg_sq: Array
    max_exp_avg_sq: Array | None
