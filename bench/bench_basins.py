"""Basin-map benchmark: 150 × 150 starts × 500 steps for each optimizer, in one batch.

Prints, per optimizer, the time of `local_minima.basin_map` (the page's call) in this process,
the same batch shared out over two worker processes the benchmark asks for
(``parallel.Pool(2)``), and the ratio of the one-process batch to the same work done start by
start: a Python loop calling `descent.run` once per start, timed on a random sample of the
starts and scaled to all of them (a full loop takes minutes). Target: under 1 s per optimizer.

    python -m bench.bench_basins      (from the repository root)
"""

from __future__ import annotations

import time

import numpy as np

from gdgame.engine import allocator, descent, local_minima, optimizers, parallel, surfaces

N, STEPS, SAMPLE = 150, 500, 400
RATES = {"sgd": 0.01, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.5, "rmsprop": 0.05,
         "adam": 0.1}  # fmt: skip


def timed(fn) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def main() -> None:
    allocator.keep_freed_memory()  # as the app does at start-up
    s = surfaces.get("himmelblau")
    (x0, x1), (y0, y1) = s.domain
    gx, gy = np.meshgrid(np.linspace(x0, x1, N), np.linspace(y0, y1, N))
    starts = np.column_stack([gx.ravel(), gy.ravel()])
    sample = starts[np.random.default_rng(0).choice(len(starts), SAMPLE, replace=False)]
    print(f"Himmelblau, {N} × {N} starts × up to {STEPS} steps (tol 1e-6)")
    with parallel.Pool(workers=2, keep_freed_memory=True) as pool:
        local_minima.basin_map(s, optimizers.get("sgd", lr=0.01), N, STEPS, pool=pool)  # warm
        for name, lr in RATES.items():
            opt = optimizers.get(name, lr=lr)  # momentum methods: μ = 0.9, as on the page
            batch = timed(lambda opt=opt: local_minima.basin_map(s, opt, N, STEPS))
            pooled = timed(lambda opt=opt: local_minima.basin_map(s, opt, N, STEPS, pool=pool))
            every = timed(lambda opt=opt: local_minima.basin_map(s, opt, N, STEPS, tol=0.0))
            loop = timed(lambda opt=opt: [descent.run(s, opt, p, STEPS, record=False)
                                          for p in sample]) * len(starts) / SAMPLE  # fmt: skip
            print(f"{name:9s} {batch:6.3f} s, Pool(2) {pooled:6.3f} s, all 500 steps {every:5.3f}"
                  f" s (target < 1) | loop of descent.run ≈ {loop:6.1f} s | ratio "
                  f"{batch / loop:.4f} ({loop / batch:5.0f}× faster)")  # fmt: skip


if __name__ == "__main__":
    main()
