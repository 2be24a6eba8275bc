"""Basin-map benchmark: 150 × 150 starts × 500 steps for each optimizer, in one batch.

Prints, per optimizer, the time of `analysis.basin_map` (the page's call) and its ratio to the
same work done start by start: a Python loop calling `descent.run` once per start (and the
time when no start may stop early, tol = 0: every start takes all 500 steps). The loop is
timed on a random sample of the starts and scaled to all of them (a full loop takes minutes);
both use the same steps, tolerance and starts. Target: under 1 s per optimizer.

    python -m bench.bench_basins      (from the repository root)
"""

from __future__ import annotations

import time

import numpy as np

from gdgame.engine import analysis, descent, optimizers, surfaces

N, STEPS, SAMPLE = 150, 500, 400
RATES = {"sgd": 0.01, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.5, "rmsprop": 0.05,
         "adam": 0.1}  # fmt: skip


def optimizer(name: str, lr: float) -> optimizers.Optimizer:
    """As the page builds it: momentum methods with μ = 0.9."""
    if name in ("momentum", "nesterov"):
        return optimizers.get(name, lr=lr, momentum=0.9)
    return optimizers.get(name, lr=lr)


def main() -> None:
    s = surfaces.get("himmelblau")
    (x0, x1), (y0, y1) = s.domain
    gx, gy = np.meshgrid(np.linspace(x0, x1, N), np.linspace(y0, y1, N))
    starts = np.column_stack([gx.ravel(), gy.ravel()])
    sample = starts[np.random.default_rng(0).choice(len(starts), SAMPLE, replace=False)]
    analysis.basin_map(s, optimizer("sgd", 0.01), N, STEPS)  # warm the worker pool
    print(f"Himmelblau, {N} × {N} starts × up to {STEPS} steps (tol 1e-6)")
    for name, lr in RATES.items():
        opt = optimizer(name, lr)
        began = time.perf_counter()
        basins = analysis.basin_map(s, opt, N, STEPS)
        batch = time.perf_counter() - began
        began = time.perf_counter()
        analysis.basin_map(s, opt, N, STEPS, tol=0.0)
        every = time.perf_counter() - began
        began = time.perf_counter()
        for p in sample:
            descent.run(s, opt, p, STEPS, record=False)
        loop = (time.perf_counter() - began) * len(starts) / SAMPLE
        print(f"{name:9s} {batch:6.3f} s, all 500 steps {every:5.3f} s (target < 1) | loop of "
              f"descent.run ≈ {loop:6.1f} s | ratio {batch / loop:.4f} ({loop / batch:5.0f}× "
              f"faster) | global share {basins.share_global:.1%}")  # fmt: skip


if __name__ == "__main__":
    main()
