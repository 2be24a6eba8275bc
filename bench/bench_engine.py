"""Engine benchmark: 40 000 starts × 500 steps on Himmelblau, plain GD and Adam.

Compares, on the same starts, ``descent.run(record=False, tol=0)`` (every run takes all 500
steps, as in the baselines) in this process, and the same batch shared out over two worker
processes that the benchmark asks for (``parallel.Pool(2)``, as a user would), against
  (a) the plainest hand-written NumPy loop of the same update, and
  (b) torch.optim with autograd on CPU, float64, 2 threads (skipped if torch is missing).
Prints the median of several interleaved repeats and the ratios; targets: ≤ 1.2× (a), ≤ 0.5× (b).
NumPy computes on one core and torch on two, so (b) is judged with the pool.

    python -m bench.bench_engine [--repeats 5]      (from the repository root)
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from gdgame.engine import allocator, descent, optimizers, parallel, surfaces

K, STEPS = 40_000, 500
GD_LR, ADAM_LR = 0.01, 0.05
SURFACE = surfaces.get("himmelblau")


def plain_gd(starts: np.ndarray) -> np.ndarray:
    x, y = starts[:, 0].copy(), starts[:, 1].copy()
    for _ in range(STEPS):
        a, b = x * x + y - 11, x + y * y - 7
        gx, gy = 4 * x * a + 2 * b, 2 * a + 4 * y * b
        x, y = x - GD_LR * gx, y - GD_LR * gy
    return np.column_stack([x, y])


def plain_adam(starts: np.ndarray, b1: float = 0.9, b2: float = 0.999) -> np.ndarray:
    x, y = starts[:, 0].copy(), starts[:, 1].copy()
    mx, my, vx, vy = (np.zeros_like(x) for _ in range(4))
    for t in range(1, STEPS + 1):
        a, b = x * x + y - 11, x + y * y - 7
        gx, gy = 4 * x * a + 2 * b, 2 * a + 4 * y * b
        mx, my = b1 * mx + (1 - b1) * gx, b1 * my + (1 - b1) * gy
        vx, vy = b2 * vx + (1 - b2) * gx * gx, b2 * vy + (1 - b2) * gy * gy
        c1, c2 = 1 - b1**t, np.sqrt(1 - b2**t)
        x = x - ADAM_LR / c1 * mx / (np.sqrt(vx) / c2 + 1e-8)
        y = y - ADAM_LR / c1 * my / (np.sqrt(vy) / c2 + 1e-8)
    return np.column_stack([x, y])


def ours(name: str, lr: float):
    opt = optimizers.get(name, lr=lr)
    return lambda starts: descent.run(SURFACE, opt, starts, STEPS, tol=0, record=False).final


def ours_pooled(name: str, lr: float, pool: parallel.Pool):
    opt = optimizers.get(name, lr=lr)
    return lambda starts: pool.run(SURFACE, opt, starts, STEPS, tol=0).final


def torch_loop(name: str, lr: float):
    import torch

    torch.set_num_threads(2)

    def loop(starts: np.ndarray) -> np.ndarray:
        p = torch.tensor(starts, dtype=torch.float64, requires_grad=True)
        cls = torch.optim.SGD if name == "sgd" else torch.optim.Adam
        opt = cls([p], lr=lr)
        for _ in range(STEPS):
            opt.zero_grad()
            x, y = p[:, 0], p[:, 1]
            ((x * x + y - 11) ** 2 + (x + y * y - 7) ** 2).sum().backward()
            opt.step()
        return p.detach().numpy()

    return loop


def median_time(fn, starts, repeats):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn(starts)
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    allocator.keep_freed_memory()  # for every contender alike: timings drift less
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-torch", action="store_true", help="skip comparison (b)")
    args = parser.parse_args()
    repeats, has_torch = args.repeats, not args.no_torch
    try:
        import torch  # noqa: F401
    except ImportError:
        has_torch = False
        print("torch is not installed: comparison (b) skipped (pip install torch==2.13.0)")
    starts = np.random.default_rng(0).uniform(-5, 5, size=(K, 2))
    print(f"{K} starts x {STEPS} steps on Himmelblau, median of {repeats}")
    with parallel.Pool(workers=2, keep_freed_memory=True) as pool:
        pool.run(SURFACE, optimizers.get("sgd"), starts[:100], 1)  # start the workers
        for name, lr, plain in (("sgd", GD_LR, plain_gd), ("adam", ADAM_LR, plain_adam)):
            compare(name, lr, plain, pool, starts, repeats, has_torch)


def compare(name, lr, plain, pool, starts, repeats, has_torch) -> None:
    """Time one optimizer's contenders and print the ratios."""
    # ours and the numpy loop interleaved, so drift in machine speed hits both alike;
    # torch in a phase of its own, as its OpenMP threads spin on after each of its runs
    phases = [{"ours": ours(name, lr), "ours, Pool(2)": ours_pooled(name, lr, pool),
               "numpy loop": plain}]  # fmt: skip
    if has_torch:
        phases.append({"torch.optim": torch_loop(name, lr)})
    times, finals = {}, {}
    for contenders in phases:
        for _ in range(repeats):
            for key, fn in contenders.items():
                t, finals[key] = median_time(fn, starts, 1)
                times.setdefault(key, []).append(t)
        time.sleep(1.0)
    med = {key: statistics.median(v) for key, v in times.items()}
    for key, final in finals.items():  # the same work: (almost) all end at the same points
        same = np.isclose(final, finals["ours"], rtol=1e-6, atol=1e-6).all(axis=1).mean()
        assert same > 0.999, f"{key} ends elsewhere than ours in {1 - same:.2%} of runs"
    for mine in ("ours", "ours, Pool(2)"):
        line = f"{name:5s} {mine:13s} {med[mine]:.3f} s | numpy loop {med['numpy loop']:.3f} s"
        line += f" | {mine}/numpy = {med[mine] / med['numpy loop']:.2f} (target <= 1.2)"
        if has_torch:
            line += f" | torch {med['torch.optim']:.3f} s"
            line += f" | /torch = {med[mine] / med['torch.optim']:.2f} (target <= 0.5)"
        print(line)


if __name__ == "__main__":
    main()
