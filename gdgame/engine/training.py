"""Training a model on data in mini-batches, with any optimizer.

Each epoch draws a fresh permutation of the examples from one seeded generator and cuts it
into batches of ``batch_size`` (the last, smaller batch is kept); each batch's indices are
sorted, so a batch of the whole data set is the data in its own order and batch size n is
exactly full-batch gradient descent. Every update goes through `gdgame.engine.descent.step`,
the engine's one θ ← θ + step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from gdgame.engine import descent
from gdgame.engine.models import Model
from gdgame.engine.optimizers import Optimizer
from gdgame.engine.validate import whole_in

Array = np.ndarray
FINISHED, DIVERGED = "finished", "diverged"
BOUND = 1e8  # a parameter beyond this magnitude, or a loss that is not finite, is divergence
MAX_RECORDED = 5_000_000  # parameters × updates kept when record=True


@dataclass(frozen=True)
class Training:
    """What a training run did.

    Attributes:
        params: (updates + 1, *shape) the parameters before the first and after every update
            (None when not recorded).
        batch_losses: (updates,) each batch's loss, at the parameters its gradient was taken at.
        batches: (updates,) the index of each update's batch within its epoch.
        epoch_params: (epochs + 1, *shape) the parameters at the start and after each epoch.
        epoch_losses: (epochs + 1,) the loss on all the data at those parameters.
        final: the parameters at the end.
        updates: updates done.  epochs: whole epochs done.  examples: examples seen.
        status: "finished", or "diverged" (stopped before the update that would have left
            the bound or made the loss non-finite).
        diverged_at: the number (from 1) of the update that diverged, -1 if none.
    """

    params: Array | None
    batch_losses: Array
    batches: Array
    epoch_params: Array
    epoch_losses: Array
    final: Array
    updates: int
    epochs: int
    examples: int
    status: str
    diverged_at: int


def batch_order(n: int, batch_size: int, epochs: int, seed: int) -> Iterator[list[Array]]:
    """Each epoch's batches: sorted index arrays covering ``range(n)`` once."""
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(n)
        yield [np.sort(order[i : i + batch_size]) for i in range(0, n, batch_size)]


def updates_per_epoch(n: int, batch_size: int) -> int:
    """How many batches one epoch of ``n`` examples makes."""
    return -(-n // batch_size)


def _finite(loss: float, p: Array) -> bool:
    return bool(np.isfinite(loss) and np.abs(p).max() < BOUND)  # NaN fails both


def train(
    model: Model,
    optimizer: Optimizer,
    X: Array,
    y: Array,
    *,
    batch_size: int,
    epochs: int,
    seed: int = 0,
    start: Array | None = None,
    record: bool = True,
    on_epoch: Callable[[int, Array], None] | None = None,
) -> Training:
    """Train ``model`` on (X, y) from ``start`` (zeros if None) for ``epochs`` epochs.

    ``record=False`` keeps only the epochs' parameters; ``on_epoch(epoch, params)`` is called
    after each epoch (a progress bar).
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    n = X.shape[0]
    if X.ndim != 2 or y.shape != (n,) or n == 0:
        raise ValueError("X must be (n, d) and y (n,) with n > 0")
    batch_size = whole_in(batch_size, 1, n, "batch size")
    epochs = whole_in(epochs, 0, 100_000, "epochs")
    seed = whole_in(seed, 0, 2**32 - 1, "seed")
    p = model.init(X.shape[1]) if start is None else np.array(start, dtype=np.float64)
    if p.shape != model.shape(X.shape[1]) or not np.isfinite(p).all():
        raise ValueError(f"start must be finite, of shape {model.shape(X.shape[1])}")
    per_epoch = updates_per_epoch(n, batch_size)
    if record and (epochs * per_epoch + 1) * p.size > MAX_RECORDED:
        raise ValueError("too many updates to record every one: use record=False")

    full = batch_size == n  # then an epoch's loss is the next update's batch loss
    state = optimizer.init(p)
    path, losses, which = [p.copy()], [], []
    epoch_params, epoch_losses = [p.copy()], [model.loss(p, X, y)]
    diverged_at, seen = -1, 0
    with np.errstate(all="ignore"):
        for epoch, batches in enumerate(batch_order(n, batch_size, epochs, seed), start=1):
            for i, idx in enumerate(batches):
                whole = len(idx) == n  # all of it, in its own order: no copy needed
                loss, g = model.loss_grad(p, *((X, y) if whole else (X[idx], y[idx])))
                moved, new_state = descent.step(optimizer, state, p, g)
                if not _finite(loss, moved):
                    diverged_at = len(losses) + 1
                    break
                p, state = moved, new_state
                losses.append(loss)
                which.append(i)
                seen += len(idx)
                if record:
                    path.append(p.copy())
            if diverged_at > 0:
                break
            epoch_params.append(p.copy())
            epoch_losses.append(None if full else model.loss(p, X, y))
            if on_epoch is not None:
                on_epoch(epoch, p)
    if full:  # the same data at the same point: the same number, not computed twice
        for e in range(1, len(epoch_losses)):
            epoch_losses[e] = losses[e] if e < len(losses) else model.loss(p, X, y)
    return Training(
        params=np.array(path) if record else None,
        batch_losses=np.array(losses, dtype=np.float64),
        batches=np.array(which, dtype=np.int64),
        epoch_params=np.array(epoch_params),
        epoch_losses=np.array(epoch_losses, dtype=np.float64),
        final=p,
        updates=len(losses),
        epochs=len(epoch_params) - 1,
        examples=seen,
        status=DIVERGED if diverged_at > 0 else FINISHED,
        diverged_at=diverged_at,
    )
