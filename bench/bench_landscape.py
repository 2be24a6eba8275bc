"""Loss-landscape benchmark: the 41 × 41 plane through a trained depth-20 network.

Prints the median of 5 timings of `loss_landscape.plane` (the page's call: 1 681 networks a
chunk at a time, forward passes only) and of a naive loop over the same 1 681 points, each
network's loss alone by ``net.loss_grad(params_i, X, y)[0]`` (a forward and a backward pass,
as a training step would), and their ratio, for the network without and with skips, in this
one process. The loop's losses are checked against the plane's. Target: the plane in at most
1.5 s on a 2-core machine.

    python -m bench.bench_landscape      (from the repository root)
"""

from __future__ import annotations

import numpy as np

from bench.timing import median_time
from gdgame.engine import allocator, data, loss_landscape, optimizers, training
from gdgame.engine.network import Network

DEPTH, N, REPEATS = 20, 41, 5


def naive(net: Network, params: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The same plane, network by network (directions drawn as `loss_landscape.plane` does)."""
    rng = np.random.default_rng(0)
    delta, eta = (loss_landscape.filter_normalized(net, params, X.shape[1], rng) for _ in "ab")
    a = np.linspace(-1.0, 1.0, N)
    losses = np.empty((N, N))
    with np.errstate(over="ignore", invalid="ignore"):
        for i, b in enumerate(a):
            for j, step in enumerate(a):
                losses[i, j] = net.loss_grad(params + step * delta + b * eta, X, y)[0]
    return losses


def main() -> None:
    allocator.keep_freed_memory()  # as the app does at start-up
    X, y = data.toy("spiral", 200, 0.0, seed=1)
    print(f"The {N} × {N} plane through a depth-{DEPTH}, width-16 ReLU network trained on the "
          f"spiral (200 points); median of {REPEATS}")  # fmt: skip
    for residual in (False, True):
        net = Network(hidden=(16,) * DEPTH, activation="relu", residual=residual,
                      init_kind="he", seed=0)  # fmt: skip
        params = training.train(net, optimizers.get("adam", lr=0.001), X, y, batch_size=32,
                                epochs=150, seed=0, record=False).final  # fmt: skip
        fast, plane = median_time(
            lambda n=net, p=params: loss_landscape.plane(n, p, X, y, n=N), REPEATS
        )
        slow, loop = median_time(lambda n=net, p=params: naive(n, p, X, y), REPEATS)
        worst = float(np.max(np.abs(loop - plane.losses) / np.abs(plane.losses)))
        name = "with skips   " if residual else "without skips"
        print(f"{name}: plane {fast:.3f} s (target ≤ 1.5) | naive loop of loss_grad {slow:.3f} s"
              f" | ratio {fast / slow:.3f} ({slow / fast:.1f}× faster) | same losses to "
              f"{worst:.1e}")  # fmt: skip


if __name__ == "__main__":
    main()
