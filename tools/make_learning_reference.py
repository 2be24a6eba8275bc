"""Generate tests/data/learning_reference.npz: mini-batch training runs in torch for our tests.

Run with torch==2.13.0 (CPU) and scikit-learn installed (tools only, not in requirements*.txt),
after tools/make_digits.py:  python tools/make_learning_reference.py
CI needs neither: the tests read the committed file. Nothing here imports gdgame.engine; the
models, losses and batch order are written out below from their definitions.

Definitions (float64 throughout, gradients by autograd):
- linear and logistic params are w = [w_1..w_d, b], shape (d+1,); softmax params are W, shape
  (d+1, K), the last row the biases. Biases are never penalized.
- linear:   loss = mean((X@w + b - y)²) + (l2/2)·sum(w²)
- logistic: z = X@w + b, y in {0, 1};  loss = mean(logaddexp(0, z) - y·z) + (l2/2)·sum(w²)
- softmax:  Z = X@W + b, y in 0..K-1;  loss = mean(logsumexp(Z, axis=1) - Z[i, y_i])
            + (l2/2)·sum(W²)
- batches: rng = np.random.default_rng(seed); each epoch order = rng.permutation(n), and the
  batches are np.sort(order[start:start + batch_size]) for start in range(0, n, batch_size),
  the last smaller batch kept. Each update: loss on X[idx], y[idx], backward, optimizer.step()
  (torch.optim, foreach=False). Initial params are zeros.

Data: tips (plotly.data.tips(), 244 rows): x = total_bill, y = tip. iris (plotly.data.iris(),
versicolor y=0 then virginica y=1 in the file's order, 100 rows): petal_length and
petal_width. digits: the first 300 rows of gdgame/data/digits.npz, images / 16.0, 10 classes.
Features are standardized with the mean and population std (ddof=0) of the rows used.

Key layout (np.load(path) gives a flat mapping; for each case name C listed in "cases"):
- "cases": 0-d JSON string, a list of one dict per case: name, model ("linear", "logistic",
  "softmax"), data, n, d, classes, l2, optimizer (our name "sgd" / "adam"), torch_optimizer
  (torch class), optimizer_kwargs (as passed to torch, besides foreach=False), torch_hyper (the
  param group's settings with torch's defaults filled in), batch_size, epochs, seed, updates,
  param_shape and final_loss;
- C/X float64 (n, d); C/y float64 (n,) for linear, int64 (n,) for logistic and softmax;
- C/batch_indices int64 (sum of batch sizes,) all batches concatenated in update order, and
  C/batch_offsets int64 (updates+1,): batch k is batch_indices[offsets[k]:offsets[k+1]];
- C/params float64 (updates+1, *param_shape): the initial params, then after every update;
- C/batch_losses float64 (updates,): the loss on update k's batch at params[k], the point its
  gradient was taken at (before that step);
- C/epoch_losses float64 (epochs+1,): the full-data loss at the start and after every epoch.
- "sklearn_refs": 0-d JSON string, a list of dicts (name, features, n, sklearn version) for
  LogisticRegression(C=inf, tol=1e-12, max_iter=100000) on iris versicolor (0) vs virginica
  (1), which is not separable; for each name R:
  R/X float64 (100, d), R/y int64 (100,), R/coef float64 (1, d), R/intercept float64 (1,),
  R/loss float64 0-d (mean cross-entropy at coef, intercept, by np.logaddexp), and
  R/params_newton float64 (d+1,) = [w, b] polished by Newton's method in NumPy (lbfgs stops
  ~1e-8 away from the optimum), R/loss_newton its loss.
- "versions": 0-d JSON string with the torch, numpy and scikit-learn versions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import plotly.data
import sklearn
import torch
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).parents[1]
OUT = ROOT / "tests" / "data" / "learning_reference.npz"
DIGITS = ROOT / "gdgame" / "data" / "digits.npz"
N_DIGITS, N_CLASSES = 300, 10

Loss = Callable[[torch.Tensor, torch.Tensor, torch.Tensor, float], torch.Tensor]

# (name, model, data, optimizer, torch class, kwargs, batch size, epochs, seed, l2)
CASES = [
    ("linear_tips_sgd", "linear", "tips", "sgd", "SGD", {"lr": 0.05}, 16, 4, 3, 0.0),
    ("linear_tips_momentum", "linear", "tips", "sgd", "SGD", {"lr": 0.01, "momentum": 0.9},
     16, 4, 3, 0.0),
    ("linear_tips_adam", "linear", "tips", "adam", "Adam", {"lr": 0.05}, 16, 4, 3, 0.0),
    ("logistic_iris_sgd", "logistic", "iris", "sgd", "SGD", {"lr": 0.5}, 16, 4, 3, 0.0),
    ("logistic_iris_momentum", "logistic", "iris", "sgd", "SGD", {"lr": 0.1, "momentum": 0.9},
     16, 4, 3, 0.0),
    ("logistic_iris_adam", "logistic", "iris", "adam", "Adam", {"lr": 0.05}, 16, 4, 3, 0.0),
    ("linear_tips_l2_sgd", "linear", "tips", "sgd", "SGD", {"lr": 0.05}, 7, 4, 11, 0.1),
    ("logistic_iris_l2_adam", "logistic", "iris", "adam", "Adam", {"lr": 0.05}, 7, 4, 11, 0.05),
    ("softmax_digits_adam", "softmax", "digits", "adam", "Adam", {"lr": 0.01}, 32, 2, 5, 0.0),
    ("linear_tips_fullbatch_sgd", "linear", "tips", "sgd", "SGD", {"lr": 0.1}, 244, 20, 3, 0.0),
]  # fmt: skip
FULL_BATCH_CASE = "linear_tips_fullbatch_sgd"

SKLEARN_REFS = [
    ("logreg_iris_petal_width", ["petal_width"]),
    ("logreg_iris_petal_length_width", ["petal_length", "petal_width"]),
]


def standardize(x: np.ndarray) -> np.ndarray:
    """Columns centred on their mean and divided by their population std (ddof=0)."""
    return (x - x.mean(axis=0)) / x.std(axis=0)


def tips() -> tuple[np.ndarray, np.ndarray]:
    frame = plotly.data.tips()
    x = frame[["total_bill"]].to_numpy(dtype=np.float64)
    return standardize(x), frame["tip"].to_numpy(dtype=np.float64)


def iris(features: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Versicolor (0) vs virginica (1), in the file's row order."""
    frame = plotly.data.iris()
    frame = frame[frame["species"].isin(["versicolor", "virginica"])]
    x = frame[features].to_numpy(dtype=np.float64)
    return standardize(x), (frame["species"] == "virginica").to_numpy().astype(np.int64)


def digits() -> tuple[np.ndarray, np.ndarray]:
    with np.load(DIGITS) as saved:
        images, labels = saved["images"][:N_DIGITS], saved["labels"][:N_DIGITS]
    return images.astype(np.float64) / 16.0, labels.astype(np.int64)


DATA = {
    "tips": tips,
    "iris": lambda: iris(["petal_length", "petal_width"]),
    "digits": digits,
}


def linear_loss(p: torch.Tensor, x: torch.Tensor, y: torch.Tensor, l2: float) -> torch.Tensor:
    w, b = p[:-1], p[-1]
    loss = ((x @ w + b - y) ** 2).mean()
    return loss + (l2 / 2) * (w**2).sum() if l2 else loss


def logistic_loss(p: torch.Tensor, x: torch.Tensor, y: torch.Tensor, l2: float) -> torch.Tensor:
    w, b = p[:-1], p[-1]
    z = x @ w + b
    loss = (torch.logaddexp(torch.zeros_like(z), z) - y * z).mean()
    return loss + (l2 / 2) * (w**2).sum() if l2 else loss


def softmax_loss(p: torch.Tensor, x: torch.Tensor, y: torch.Tensor, l2: float) -> torch.Tensor:
    w, b = p[:-1], p[-1]
    z = x @ w + b
    loss = (torch.logsumexp(z, dim=1) - z[torch.arange(len(y)), y]).mean()
    return loss + (l2 / 2) * (w**2).sum() if l2 else loss


LOSSES: dict[str, Loss] = {
    "linear": linear_loss,
    "logistic": logistic_loss,
    "softmax": softmax_loss,
}


def batches(n: int, batch_size: int, epochs: int, seed: int) -> list[list[np.ndarray]]:
    """Each epoch's batches of row indices, each batch sorted."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(epochs):
        order = rng.permutation(n)
        out.append([np.sort(order[s : s + batch_size]) for s in range(0, n, batch_size)])
    return out


def param_shape(model: str, x: np.ndarray, y: np.ndarray) -> tuple[int, ...]:
    d = x.shape[1]
    return (d + 1, N_CLASSES) if model == "softmax" else (d + 1,)


def torch_y(model: str, y: np.ndarray) -> torch.Tensor:
    """Targets as torch wants them: class indices for softmax, float64 otherwise."""
    return torch.tensor(y, dtype=torch.int64 if model == "softmax" else torch.float64)


def run(case: tuple, x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray | dict]:
    """Train one case in torch; every update's params and batch loss, every epoch's loss."""
    _, model, _, _, cls, kwargs, batch_size, epochs, seed, l2 = case
    loss_fn = LOSSES[model]
    xt, yt = torch.tensor(x, dtype=torch.float64), torch_y(model, y)
    p = torch.zeros(param_shape(model, x, y), dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, cls)([p], foreach=False, **kwargs)
    epoch_batches = batches(len(y), batch_size, epochs, seed)
    params, batch_losses = [p.detach().clone().numpy()], []
    with torch.no_grad():
        epoch_losses = [loss_fn(p, xt, yt, l2).item()]
    for epoch in epoch_batches:
        for idx in epoch:
            it = torch.from_numpy(idx)
            opt.zero_grad()
            loss = loss_fn(p, xt[it], yt[it], l2)
            loss.backward()
            batch_losses.append(loss.item())
            opt.step()
            params.append(p.detach().clone().numpy())
        with torch.no_grad():
            epoch_losses.append(loss_fn(p, xt, yt, l2).item())
    flat = [idx for epoch in epoch_batches for idx in epoch]
    hyper = {k: v for k, v in opt.param_groups[0].items() if k != "params"}
    return {
        "batch_indices": np.concatenate(flat).astype(np.int64),
        "batch_offsets": np.cumsum([0] + [len(idx) for idx in flat]).astype(np.int64),
        "params": np.array(params),
        "batch_losses": np.array(batch_losses),
        "epoch_losses": np.array(epoch_losses),
        "torch_hyper": {k: list(v) if isinstance(v, tuple) else v for k, v in hyper.items()},
    }


def plain_full_batch(x: np.ndarray, y: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """Full-gradient descent on the linear loss, no optimizer: torch's autograd, then NumPy."""
    xt, yt = torch.tensor(x), torch.tensor(y)
    p = torch.zeros(x.shape[1] + 1, dtype=torch.float64, requires_grad=True)
    auto = [p.detach().clone().numpy()]
    for _ in range(steps):
        (grad,) = torch.autograd.grad(linear_loss(p, xt, yt, 0.0), p)
        with torch.no_grad():
            p.add_(grad, alpha=-lr)
        auto.append(p.detach().clone().numpy())
    a, w = np.column_stack([x, np.ones(len(y))]), np.zeros(x.shape[1] + 1)
    by_hand = [w]
    for _ in range(steps):
        w = w - lr * (2 / len(y)) * (a.T @ (a @ w - y))
        by_hand.append(w)
    return np.array(auto), np.array(by_hand)


def check_full_batch(case: tuple, result: dict) -> None:
    x, y = DATA[case[2]]()
    auto, by_hand = plain_full_batch(x, y, case[5]["lr"], case[7])
    if len(result["batch_offsets"]) - 1 != case[7]:
        raise ValueError("a full-batch run should make one update per epoch")
    diff_auto = np.abs(result["params"] - auto).max()
    diff_hand = np.abs(result["params"] - by_hand).max()
    print(f"  full batch vs plain loop: autograd {diff_auto:.1e}, by hand {diff_hand:.1e}")
    if diff_auto != 0.0 or diff_hand > 1e-13:
        raise ValueError("torch's batch-n SGD run differs from a plain full-gradient loop")


def cross_entropy(a: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    z = a @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def newton(a: np.ndarray, y: np.ndarray, w: np.ndarray, steps: int = 20) -> np.ndarray:
    """Newton's method on the mean cross-entropy of design matrix ``a`` (bias column last)."""
    for _ in range(steps):
        p = 0.5 * (1.0 + np.tanh(0.5 * (a @ w)))
        hessian = (a * (p * (1 - p))[:, None]).T @ a / len(y)
        w = w - np.linalg.solve(hessian, a.T @ (p - y) / len(y))
    return w


def sklearn_ref(features: list[str]) -> dict[str, np.ndarray]:
    x, y = iris(features)
    fit = LogisticRegression(C=np.inf, tol=1e-12, max_iter=100000).fit(x, y)
    a = np.column_stack([x, np.ones(len(y))])
    w = np.concatenate([fit.coef_[0], fit.intercept_])
    polished = newton(a, y, w)
    return {
        "X": x,
        "y": y,
        "coef": fit.coef_.astype(np.float64),
        "intercept": fit.intercept_.astype(np.float64),
        "loss": np.array(cross_entropy(a, y, w)),
        "params_newton": polished,
        "loss_newton": np.array(cross_entropy(a, y, polished)),
    }


def main() -> None:
    torch.set_num_threads(1)
    arrays, cases, refs = {}, [], []
    for case in CASES:
        name, model, data, ours, cls, kwargs, batch_size, epochs, seed, l2 = case
        x, y = DATA[data]()
        result = run(case, x, y)
        for key in ("batch_indices", "batch_offsets", "params", "batch_losses", "epoch_losses"):
            arrays[f"{name}/{key}"] = result[key]
        arrays[f"{name}/X"], arrays[f"{name}/y"] = x, y
        final = float(result["epoch_losses"][-1])
        cases.append(
            {"name": name, "model": model, "data": data, "n": len(y), "d": x.shape[1],
             "classes": N_CLASSES if model == "softmax" else 2 if model == "logistic" else None,
             "l2": l2, "optimizer": ours, "torch_optimizer": cls, "optimizer_kwargs": kwargs,
             "torch_hyper": result["torch_hyper"], "batch_size": batch_size, "epochs": epochs,
             "seed": seed, "updates": len(result["batch_losses"]),
             "param_shape": list(param_shape(model, x, y)), "final_loss": final}
        )  # fmt: skip
        start = result["epoch_losses"][0]
        print(f"{name}: {cases[-1]['updates']} updates, loss {start:.6f} -> {final:.12f}")
        if name == FULL_BATCH_CASE:
            check_full_batch(case, result)
    for name, features in SKLEARN_REFS:
        ref = sklearn_ref(features)
        arrays.update({f"{name}/{key}": value for key, value in ref.items()})
        refs.append({"name": name, "features": features, "n": len(ref["y"])})
        gap = np.abs(ref["params_newton"][:-1] - ref["coef"][0]).max()
        print(
            f"{name}: coef {ref['coef'][0].tolist()} intercept {ref['intercept'].tolist()} "
            f"loss {float(ref['loss']):.15f} (Newton: {gap:.1e} away, "
            f"loss {float(ref['loss_newton']):.15f})"
        )
    versions = {"torch": torch.__version__, "numpy": np.__version__, "sklearn": sklearn.__version__}
    arrays["cases"] = np.array(json.dumps(cases))
    arrays["sklearn_refs"] = np.array(json.dumps(refs))
    arrays["versions"] = np.array(json.dumps(versions))
    np.savez_compressed(OUT, **arrays)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(cases)} cases, {len(refs)} references)")


if __name__ == "__main__":
    main()
