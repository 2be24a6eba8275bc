"""Generate tests/data/network_reference.npz: a small network's loss, gradient and training in
torch, for tests/engine/test_network_reference.py.

Run with torch==2.13.0 (CPU) installed (tools only, not in requirements*.txt):
    python tools/make_network_reference.py
CI does not need torch: the test reads the committed file. Nothing here imports gdgame: the
network, its losses, its parameter packing and the batch order are written out below from the
definitions in gdgame/engine/network.py's and gdgame/engine/training.py's docstrings.

Definitions (float64 throughout, gradients by autograd):
- layers d → h₁ → … → h_k → outputs. A hidden layer is a = act(a_prev·W + b); with residual
  (skip) connections a = a_prev + act(a_prev·W + b) wherever the layer keeps its width
  (fan_in == fan_out); the output layer is linear: the logits z = a·W + b.
- activations: tanh, relu = max(z, 0), sigmoid = 1/(1 + e⁻ᶻ), linear = z.
- parameters: one flat array, layer by layer, W (fan_in × fan_out, row major) then b.
- losses: "cross_entropy" with one output: mean(log(1 + eᶻ) − y·z), y in {0, 1}; with several
  outputs: mean(logsumexp(z) − z[y]), y the class index; "squared": mean over examples of
  Σ_outputs (z − y)². With L2 strength λ: + λ/2·Σ W² over every layer's W, biases never.
- batches (training): rng = np.random.default_rng(seed); each epoch order = rng.permutation(n)
  and the batches are np.sort(order[s:s + batch_size]) for s in range(0, n, batch_size), the
  last smaller batch kept. Each update: the loss on the batch, backward, optimizer.step()
  (torch.optim.Adam, foreach=False), from the start parameters stored with the case.

Key layout (np.load(path) gives a flat mapping):
- "cases": 0-d JSON string, a list of dicts (name, activation, residual, hidden, loss_kind,
  outputs, l2, data); for each name C: C/params float64 (P,), C/loss float64 0-d, C/grad
  float64 (P,); the data sets named in "data": D/X float64 (n, 2) and D/y (n,) (float64 for
  "squared", int64 otherwise).
- "trainings": 0-d JSON string, a list of dicts (name, the network's fields as above, data,
  lr, batch_size, epochs, seed, updates); for each name T: T/start float64 (P,),
  T/batch_indices int64 and T/batch_offsets int64 (updates + 1,) (batch k is
  indices[offsets[k]:offsets[k + 1]]), T/params float64 (updates + 1, P) the start and the
  parameters after every update, T/batch_losses float64 (updates,) each batch's loss at the
  parameters its gradient was taken at.
- "versions": 0-d JSON string with the torch and numpy versions.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).parents[1] / "tests" / "data" / "network_reference.npz"
HIDDEN = (4, 4, 3, 3)  # skips (when asked) on 4 → 4 and 3 → 3, never on 2 → 4 or 4 → 3
ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
N = 30


def datasets() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Points on TensorFlow Playground's scale with binary, three-class and real targets."""
    rng = np.random.default_rng(20)
    X = rng.uniform(-5, 5, (N, 2))
    binary = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
    classes = np.floor((np.arctan2(X[:, 1], X[:, 0]) + np.pi) / (2 * np.pi / 3)) % 3
    return {
        "binary": (X, binary),
        "three": (X, classes.astype(np.int64)),
        "real": (X, np.sin(X[:, 0] / 2) + 0.1 * X[:, 1]),
    }


def case(name, activation, residual, l2, loss_kind="cross_entropy", outputs=1, data="binary"):
    return {"name": name, "activation": activation, "residual": residual, "hidden": HIDDEN,
            "loss_kind": loss_kind, "outputs": outputs, "l2": l2, "data": data}  # fmt: skip


CASES = [
    case(f"{act}_{'skip' if skip else 'plain'}_{'l2' if l2 else 'nol2'}", act, skip, l2)
    for act, skip, l2 in itertools.product(ACTIVATIONS, (False, True), (0.0, 0.05))
] + [
    case("softmax3_tanh_skip_l2", "tanh", True, 0.03, outputs=3, data="three"),
    case("softmax3_relu_plain", "relu", False, 0.0, outputs=3, data="three"),
    case("squared_sigmoid_plain_l2", "sigmoid", False, 0.1, loss_kind="squared", data="real"),
    case("squared_linear_skip", "linear", True, 0.0, loss_kind="squared", data="real"),
]
TRAININGS = [
    {**case("adam_tanh_skip_l2", "tanh", True, 0.01), "lr": 0.01, "batch_size": 8,
     "epochs": 3, "seed": 4},
    {**case("adam_relu_softmax3", "relu", False, 0.0, outputs=3, data="three"), "lr": 0.02,
     "batch_size": 8, "epochs": 3, "seed": 9},
]  # fmt: skip


def sizes(spec: dict) -> list[int]:
    return [2, *spec["hidden"], spec["outputs"]]


def n_params(spec: dict) -> int:
    return sum(a * b + b for a, b in itertools.pairwise(sizes(spec)))


def unpack(p: torch.Tensor, spec: dict) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """(W, b) of each layer from the flat parameters: W row major, then b."""
    layers, at = [], 0
    for a, b in itertools.pairwise(sizes(spec)):
        W = p[at : at + a * b].view(a, b)
        at += a * b
        layers.append((W, p[at : at + b]))
        at += b
    return layers


def act(kind: str, z: torch.Tensor) -> torch.Tensor:
    return {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid,
            "linear": lambda v: v}[kind](z)  # fmt: skip


def loss_of(p: torch.Tensor, spec: dict, X: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    layers, a = unpack(p, spec), X
    for W, b in layers[:-1]:
        h = act(spec["activation"], a @ W + b)
        a = a + h if spec["residual"] and W.shape[0] == W.shape[1] else h
    W, b = layers[-1]
    z = a @ W + b
    if spec["loss_kind"] == "squared":
        target = y[:, None] if spec["outputs"] == 1 else y
        loss = ((z - target) ** 2).sum(dim=1).mean()
    elif spec["outputs"] == 1:
        loss = (torch.logaddexp(torch.zeros_like(z[:, 0]), z[:, 0]) - y * z[:, 0]).mean()
    else:
        loss = (torch.logsumexp(z, dim=1) - z[torch.arange(len(y)), y]).mean()
    if spec["l2"]:
        loss = loss + 0.5 * spec["l2"] * sum((W**2).sum() for W, _ in layers)
    return loss


def tensors(X: np.ndarray, y: np.ndarray, spec: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """X, and y as class indices for softmax cross-entropy, as float64 otherwise."""
    indices = spec["loss_kind"] == "cross_entropy" and spec["outputs"] > 1
    return torch.from_numpy(X), torch.tensor(y, dtype=torch.int64 if indices else torch.float64)


def loss_and_grad(spec: dict, params: np.ndarray, X: np.ndarray, y: np.ndarray):
    p = torch.tensor(params, dtype=torch.float64, requires_grad=True)
    loss = loss_of(p, spec, *tensors(X, y, spec))
    (grad,) = torch.autograd.grad(loss, p)
    return loss.item(), grad.numpy().copy()


def batches(n: int, batch_size: int, epochs: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(epochs):
        order = rng.permutation(n)
        out.extend(np.sort(order[s : s + batch_size]) for s in range(0, n, batch_size))
    return out


def train(spec: dict, start: np.ndarray, X: np.ndarray, y: np.ndarray) -> dict:
    Xt, yt = tensors(X, y, spec)
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p], lr=spec["lr"], foreach=False)
    order = batches(len(y), spec["batch_size"], spec["epochs"], spec["seed"])
    params, losses = [p.detach().clone().numpy()], []
    for idx in order:
        it = torch.from_numpy(idx)
        opt.zero_grad()
        loss = loss_of(p, spec, Xt[it], yt[it])
        loss.backward()
        losses.append(loss.item())
        opt.step()
        params.append(p.detach().clone().numpy())
    return {"batch_indices": np.concatenate(order).astype(np.int64),
            "batch_offsets": np.cumsum([0] + [len(i) for i in order]).astype(np.int64),
            "params": np.array(params), "batch_losses": np.array(losses)}  # fmt: skip


def main() -> None:
    torch.set_num_threads(1)
    data, arrays = datasets(), {}
    rng = np.random.default_rng(7)
    for name, (X, y) in data.items():
        arrays[f"{name}/X"], arrays[f"{name}/y"] = X, y
    for spec in CASES:
        params = rng.normal(0.0, 0.7, n_params(spec))
        loss, grad = loss_and_grad(spec, params, *data[spec["data"]])
        arrays |= {f"{spec['name']}/params": params, f"{spec['name']}/loss": np.array(loss),
                   f"{spec['name']}/grad": grad}  # fmt: skip
        print(f"{spec['name']}: {params.size} parameters, loss {loss:.12f}, "
              f"|grad| {np.linalg.norm(grad):.6f}")  # fmt: skip
    for spec in TRAININGS:
        start = rng.normal(0.0, 0.5, n_params(spec))
        result = train(spec, start, *data[spec["data"]])
        spec["updates"] = len(result["batch_losses"])
        arrays[f"{spec['name']}/start"] = start
        arrays |= {f"{spec['name']}/{k}": v for k, v in result.items()}
        print(f"{spec['name']}: {spec['updates']} updates, batch loss "
              f"{result['batch_losses'][0]:.6f} -> {result['batch_losses'][-1]:.12f}")  # fmt: skip
    arrays["cases"] = np.array(json.dumps(CASES))
    arrays["trainings"] = np.array(json.dumps(TRAININGS))
    arrays["versions"] = np.array(json.dumps({"torch": torch.__version__,
                                              "numpy": np.__version__}))  # fmt: skip
    np.savez_compressed(OUT, **arrays)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(CASES)} cases, "
          f"{len(TRAININGS)} trainings)")  # fmt: skip


if __name__ == "__main__":
    main()
