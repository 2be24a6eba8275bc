"""Training benchmark: the digits exercise's default training (softmax regression, 30 epochs
of batches of 32, SGD α = 0.5, then Adam α = 0.01) in our engine against the same training in
torch.optim on the CPU, in this process: the same data, the same batches in the same order,
float64, one thread each. Prints the times and the ratio ours / torch (target ≤ 1) and the
largest difference of the final parameters.

torch is not a dependency of the app: install it to run this (pip install torch==2.13.0).

    python -m bench.bench_training      (from the repository root)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bench.timing import median_time
from gdgame.engine import data, models, optimizers, training

DIGITS = Path(__file__).parents[1] / "gdgame" / "data" / "digits.npz"
EPOCHS, BATCH, SEED, TEST_SHARE = 30, 32, 0, 0.25
CASES = (("sgd", "SGD", 0.5), ("adam", "Adam", 0.01))
REPEATS = 7


def digits() -> tuple[np.ndarray, np.ndarray]:
    """The training digits of the page's split, as the page sees them."""
    with np.load(DIGITS) as saved:
        X, y = saved["images"].astype(np.float64) / 16.0, saved["labels"].astype(np.int64)
    train, _ = data.split(len(y), TEST_SHARE, SEED)
    return X[train], y[train]


def ours(name: str, lr: float, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    run = training.train(models.SoftmaxRegression(), optimizers.get(name, lr=lr), X, y,
                         batch_size=BATCH, epochs=EPOCHS, seed=SEED, record=False)  # fmt: skip
    return run.final


def theirs(torch, name: str, lr: float, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The same training written for torch: autograd and torch.optim."""
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    params = torch.zeros((X.shape[1] + 1, 10), dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, name)([params], lr=lr)
    for batches in training.batch_order(len(y), BATCH, EPOCHS, SEED):
        for idx in batches:
            index = torch.from_numpy(idx)
            logits = Xt[index] @ params[:-1] + params[-1]
            loss = torch.nn.functional.cross_entropy(logits, yt[index])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return params.detach().numpy()


def main() -> None:
    import torch

    torch.set_num_threads(1)
    X, y = digits()
    print(f"digits: {len(y)} training images, {EPOCHS} epochs of {BATCH}: "
          f"{EPOCHS * -(-len(y) // BATCH)} updates; median of {REPEATS}")  # fmt: skip
    for name, torch_name, lr in CASES:
        mine, p = median_time(lambda n=name, r=lr: ours(n, r, X, y), REPEATS)
        torch_time, q = median_time(lambda n=torch_name, r=lr: theirs(torch, n, r, X, y), REPEATS)
        print(f"{torch_name:5s} α = {lr:<5g} ours {mine * 1000:6.1f} ms | torch.optim "
              f"{torch_time * 1000:6.1f} ms | ratio {mine / torch_time:.2f} (target <= 1) | "
              f"largest parameter difference {np.abs(p - q).max():.1e}")  # fmt: skip


if __name__ == "__main__":
    main()
