"""Network training benchmark: the page's default network (section "A network learns" of the
backprop page: the spiral, 4 hidden layers of 8 tanh neurons, Xavier, Adam α = 0.01, batches
of 16, 300 epochs) and TensorFlow Playground's own default size (2 hidden layers, 4 and 2
neurons), trained in our engine and in torch.optim + autograd on the CPU, in this process: the
same data, the same initial weights, the same batches in the same order, float64, one thread
each. Prints the medians of 5, the ratio ours / torch (target ≤ 0.5) and the largest difference
of the parameters after the first epochs and at the end (the default training's loss spikes
around epoch 120 amplify last-bit differences, 1e-15 until then, into the first digit).

torch is not a dependency of the app: install it to run this (pip install torch==2.13.0).

    python -m bench.bench_network      (from the repository root)
"""

from __future__ import annotations

import numpy as np

from bench.timing import median_time
from gdgame.engine import data, optimizers, training
from gdgame.engine.network import Network
from gdgame.ui import network as page
from gdgame.ui import network_training as nt

REPEATS = 5
# (what, hidden layers, data set) at the page's defaults otherwise
DEFAULTS = page.DEFAULTS
CASES = (("the page's default", (DEFAULTS["neurons"],) * DEFAULTS["layers"], DEFAULTS["data"]),
         ("TensorFlow Playground's default", (4, 2), "circle"))  # fmt: skip


def examples(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The page's training points of the data set ``name`` (its default noise and split)."""
    X, y = data.toy(name, nt.POINTS, DEFAULTS["noise"], nt.DATA_SEED)
    train, _ = data.split(len(y), DEFAULTS["test"], nt.DATA_SEED)
    return X[train], y[train]


def ours(net: Network, X: np.ndarray, y: np.ndarray, epochs: int) -> np.ndarray:
    run = training.train(net, optimizers.get("adam", lr=DEFAULTS["rate"]), X, y,
                         batch_size=DEFAULTS["batch"], epochs=epochs, seed=DEFAULTS["seed"],
                         record=False)  # fmt: skip
    return run.final


def theirs(torch, net: Network, X: np.ndarray, y: np.ndarray, epochs: int) -> np.ndarray:
    """The same training written for torch: a weight and a bias tensor per layer, autograd,
    torch.optim.Adam and the logistic loss from logits."""
    start = net.init(X.shape[1])
    layers = [(torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True))
              for W, b in net.layers(start, X.shape[1])]  # fmt: skip
    opt = torch.optim.Adam([t for pair in layers for t in pair], lr=DEFAULTS["rate"])
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y.astype(np.float64))
    for batches in training.batch_order(len(y), DEFAULTS["batch"], epochs, DEFAULTS["seed"]):
        for idx in batches:
            index = torch.from_numpy(idx)
            a = Xt[index]
            for W, b in layers[:-1]:
                a = torch.tanh(a @ W + b)
            W, b = layers[-1]
            z = (a @ W + b)[:, 0]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(z, yt[index])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return np.concatenate([t.detach().numpy().ravel() for pair in layers for t in pair])


def main() -> None:
    import torch

    torch.set_num_threads(1)
    epochs = DEFAULTS["epochs"]
    for what, hidden, name in CASES:
        X, y = examples(name)
        net = Network(hidden=tuple(hidden), activation="tanh", init_kind="xavier",
                      seed=DEFAULTS["seed"])  # fmt: skip
        updates = epochs * training.updates_per_epoch(len(y), DEFAULTS["batch"])
        print(
            f"{what}: {name}, {len(y)} training points, hidden {tuple(hidden)} tanh, "
            f"{net.shape(2)[0]} parameters, {updates} updates of Adam; median of {REPEATS}"
        )
        mine, p = median_time(lambda n=net, a=X, b=y: ours(n, a, b, epochs), REPEATS)
        torch_time, q = median_time(lambda n=net, a=X, b=y: theirs(torch, n, a, b, epochs), REPEATS)
        early = max(np.abs(ours(net, X, y, e) - theirs(torch, net, X, y, e)).max()
                    for e in (1, 10, 50))  # fmt: skip
        print(f"  ours {mine * 1000:7.1f} ms | torch.optim + autograd {torch_time * 1000:7.1f} ms"
              f" | ratio {mine / torch_time:.2f} (target <= 0.5)")  # fmt: skip
        print(f"  largest parameter difference: {early:.1e} after 1, 10 and 50 epochs, "
              f"{np.abs(p - q).max():.1e} after {epochs} (a training whose loss spikes "
              "amplifies last-bit differences: compare the first epochs)")  # fmt: skip


if __name__ == "__main__":
    main()
