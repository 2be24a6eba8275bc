"""Large batches of runs on every core, through a persistent pool of worker processes.

NumPy computes on one core. Runs are independent, so a large batch is split into contiguous
blocks, one per worker; each worker rebuilds the landscape and the optimizer from plain specs
(registry name and parameters: the objects themselves hold closures, which do not pickle) and
runs its block with `descent.run`. The blocks' ends are joined in order, so the result equals
the whole batch run in one process, to the bit (tested).

The pool starts on first use (``forkserver``: the Streamlit server is multi-threaded, and a
forked child would inherit its locks) and lives with the process. ``GDGAME_WORKERS=1`` turns it
off. Anything that cannot be split (a landscape built outside the registries, a pool that
fails to start or breaks) runs in the calling process instead.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import numpy as np

MIN_RUNS = 16_384  # smaller batches finish before the hand-over would pay for itself
_POOL: list[ProcessPoolExecutor] = []


def workers() -> int:
    """How many processes a batch is split over."""
    configured = os.environ.get("GDGAME_WORKERS")
    if configured is not None and configured.isdigit():
        return max(1, int(configured))
    return max(1, os.cpu_count() or 1)


def _registry(kind: str):
    from gdgame.engine import curves, surfaces

    return curves if kind == "curve" else surfaces


def landscape_spec(landscape) -> tuple[str, str, tuple] | None:
    """(kind, name, params) that rebuild ``landscape`` in another process, or None."""
    from gdgame.engine.landscape import Curve

    kind = "curve" if isinstance(landscape, Curve) else "surface"
    try:
        same = _registry(kind).get(landscape.name, **dict(landscape.params)) is landscape
    except ValueError:
        return None
    return (kind, landscape.name, landscape.params) if same else None


def _run_block(job):
    """In a worker: one block of the batch, from plain specs."""
    from gdgame.engine import descent, optimizers

    (kind, name, params), opt_spec, starts, steps, tol, scale = job
    os.environ["GDGAME_WORKERS"] = "1"  # a worker runs its block itself, never splits it again
    landscape = _registry(kind).get(name, **dict(params))
    opt = optimizers.from_spec(opt_spec)
    return descent.run(landscape, opt, starts, steps, tol=tol, record=False, lr_scale=scale)


def _pool() -> ProcessPoolExecutor:
    if not _POOL:
        context = multiprocessing.get_context("forkserver")
        _POOL.append(ProcessPoolExecutor(workers(), mp_context=context))
    return _POOL[0]


def split_run(landscape, optimizer, starts: np.ndarray, steps: int, tol: float, scale):
    """The batch's Run computed by the pool, or None if it should run in this process."""
    from gdgame.engine import descent, optimizers

    n_workers = workers()
    described = landscape_spec(landscape)
    if n_workers < 2 or len(starts) < MIN_RUNS or described is None:
        return None
    blocks = np.array_split(np.arange(len(starts)), n_workers)
    opt_spec = optimizers.spec(optimizer)
    jobs = [(described, opt_spec, starts[b], steps, tol, None if scale is None else scale[b])
            for b in blocks]  # fmt: skip
    try:
        parts = list(_pool().map(_run_block, jobs, timeout=600))
    except (OSError, RuntimeError, TimeoutError, BrokenProcessPool):
        _POOL.clear()  # a pool that cannot start or broke: the caller runs the batch itself
        return None
    n = int(max(part.steps.max() for part in parts))
    joined = {
        field: np.concatenate([getattr(part, field) for part in parts])
        for field in ("final", "final_loss", "final_grad_norm", "status", "steps",
                      "diverged_at", "minimum")
    }  # fmt: skip
    lrs = np.array([optimizer.lr_at(t) for t in range(n)], dtype=np.float64)
    return descent.Run(points=None, losses=None, grads=None, lrs=lrs, **joined)
