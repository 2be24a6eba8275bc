"""Large batches of unrecorded runs on several cores, for a caller who asks for it.

NumPy computes on one core. Runs are independent, so `Pool.run` splits a batch into contiguous
blocks, one per worker process, runs each with `descent.run`, and joins the ends in order: the
result equals the whole batch run in one process, to the bit (tested). The caller starts and
stops the workers::

    if __name__ == "__main__":  # the workers import the calling script (forkserver)
        with parallel.Pool(workers=2) as pool:
            runs = pool.run(surface, optimizer, starts, steps=500)

Landscapes and optimizers travel to the workers as their registry names and parameters, so a
landscape built outside the registries cannot be sent (pickling it raises TypeError).
Worker processes are started by ``forkserver``, never forked from a caller that may hold
threads and their locks (a Streamlit server does). Each worker watches the process that
started the pool and ends with it, even when that process is killed with ``kill -9`` (which
leaves no time for a shutdown); the fork server then ends with its last worker.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import select
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Self

import numpy as np

from gdgame.engine import allocator, descent
from gdgame.engine.landscape import Landscape
from gdgame.engine.optimizers import Optimizer

ENDS = ("final", "final_loss", "final_grad_norm", "status", "steps", "diverged_at", "minimum")


def _start_worker(caller: int, keep_freed_memory: bool) -> None:
    """In a new worker: end with the caller (a watching thread); the allocator's setting."""
    threading.Thread(target=_end_with, args=(caller,), daemon=True).start()
    if keep_freed_memory:
        allocator.keep_freed_memory()


def _end_with(pid: int) -> None:
    """Wait until process ``pid`` has ended, then end this one at once."""
    try:
        watched = os.pidfd_open(pid)  # Linux 5.3+: readable once the process has ended
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # elsewhere: ask every second
        while True:
            time.sleep(1.0)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
    select.select([watched], [], [])
    os._exit(1)


def _run_block(job: tuple) -> descent.Run:
    """In a worker: one block of the batch."""
    landscape, optimizer, starts, steps, tol, scale = job
    return descent.run(landscape, optimizer, starts, steps, tol=tol, record=False, lr_scale=scale)


class Pool:
    """Worker processes that share out the runs of large batches; close it when done."""

    def __init__(self, workers: int | None = None, *, keep_freed_memory: bool = False) -> None:
        """``workers`` processes (default: one per core); ``keep_freed_memory`` sets their
        allocator as `allocator.keep_freed_memory` does (the benchmarks want it)."""
        if workers is not None and workers < 1:
            raise ValueError(f"Invalid number of workers: {workers}")
        self.workers = workers or os.cpu_count() or 1
        context = multiprocessing.get_context("forkserver")
        setup = functools.partial(_start_worker, os.getpid(), keep_freed_memory)
        self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=setup)

    def run(
        self,
        landscape: Landscape,
        optimizer: Optimizer,
        start: object,
        steps: int = 500,
        *,
        tol: float = 1e-6,
        lr_scale: object = None,
    ) -> descent.Run:
        """`descent.run` of k starts with ``record=False``, its runs shared out in blocks."""
        starts = np.asarray(start, dtype=np.float64).reshape(-1, landscape.dim)
        if not len(starts):
            raise ValueError("start must hold at least one point")
        scale = None
        if lr_scale is not None:
            scale = np.broadcast_to(np.asarray(lr_scale, dtype=np.float64), len(starts))
        blocks = np.array_split(np.arange(len(starts)), self.workers)
        jobs = [(landscape, optimizer, starts[b], steps, tol, None if scale is None else scale[b])
                for b in blocks if len(b)]  # fmt: skip
        parts = list(self._executor.map(_run_block, jobs))
        n = int(max(part.steps.max() for part in parts))
        ends = {field: np.concatenate([getattr(part, field) for part in parts]) for field in ENDS}
        lrs = optimizer.rates(n)
        return descent.Run(points=None, losses=None, grads=None, lrs=lrs, **ends)

    def close(self) -> None:
        """Stop the workers."""
        self._executor.shutdown()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
