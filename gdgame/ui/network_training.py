"""The trainings of the section "A network learns": TensorFlow Playground's data, a small
network trained in mini-batches, and what the section shows of each training.

A training runs once per setting, with a progress bar, and is kept for every session of the
process (`cache.kept`): st.cache_data would replay the bar on a hit.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

from gdgame.engine import data, models, optimizers, training
from gdgame.engine.network import Network
from gdgame.ui import cache

POINTS = 400  # points drawn of each data set, train and test together
DATA_SEED = 0  # the data and its split: the same points for every setting but the noise
MAX_UPDATES = 10_000  # a training's work at most: 1.6 to 1.9 s for 6 layers of 8 on one core
CHUNK = 128  # epochs whose losses are computed in one batched forward pass


@dataclass(frozen=True)
class Setting:
    """Everything a training depends on (hashable: it is the key it is kept under)."""

    data: str
    noise: float
    test: float
    layers: int
    neurons: int
    activation: str
    init: str
    opt: str
    rate: float
    batch: int
    l2: float
    epochs: int
    seed: int

    def network(self) -> Network:
        return Network(hidden=(self.neurons,) * self.layers, activation=self.activation,
                       init_kind=self.init, seed=self.seed, l2=self.l2)  # fmt: skip


@dataclass(frozen=True)
class Result:
    """A training and what the page shows of it."""

    epoch_params: np.ndarray  # (epochs done + 1, P): before training, then after each epoch
    train_loss: np.ndarray  # (epochs done + 1,) the cross-entropy on the training points
    test_loss: np.ndarray  # the same on the test points (neither with the L2 penalty)
    train_accuracy: float  # after the last whole epoch (before the update that diverged)
    test_accuracy: float
    status: str
    diverged_at: int
    updates: int
    seconds: float

    @property
    def final(self) -> np.ndarray:
        return self.epoch_params[-1]

    @property
    def epochs(self) -> int:
        return len(self.epoch_params) - 1


@st.cache_data(max_entries=64, show_spinner=False)
def points(name: str, noise: float, test: float) -> tuple[np.ndarray, ...]:
    """The data set's points split into X_train, y_train, X_test, y_test (seeded)."""
    X, y = data.toy(name, POINTS, noise, DATA_SEED)
    train, held = data.split(POINTS, test, DATA_SEED)
    return X[train], y[train], X[held], y[held]


def n_train(test: float) -> int:
    """How many of the points are training points at test share ``test``."""
    return len(data.split(POINTS, test, DATA_SEED)[0])


def epochs_allowed(batch: int, test: float, epochs: int) -> int:
    """The epochs asked for, or fewer if they would take more than `MAX_UPDATES` updates."""
    per_epoch = training.updates_per_epoch(n_train(test), min(batch, n_train(test)))
    return max(1, min(epochs, MAX_UPDATES // per_epoch))


def setting(values: dict) -> Setting:
    """The training the settings ask for (the batch cut to the training points, the epochs
    to the page's bound)."""
    batch = min(values["batch"], n_train(values["test"]))
    epochs = epochs_allowed(batch, values["test"], values["epochs"])
    names = [f.name for f in dataclasses.fields(Setting)]
    return Setting(**{n: values[n] for n in names if n not in ("batch", "epochs")},
                   batch=batch, epochs=epochs)  # fmt: skip


def trained(key: Setting, show_progress: bool = False) -> Result:
    """The training for ``key``: kept, or done now (with a progress bar if asked)."""
    return cache.made_once("network", 64, key, lambda bar: train(key, bar), show_progress)


def data_losses(net: Network, params: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The cross-entropy (no L2) of every row of ``params`` on (X, y), a chunk at a time."""
    plain = dataclasses.replace(net, l2=0.0)
    return np.concatenate([plain.losses(params[i : i + CHUNK], X, y)
                           for i in range(0, len(params), CHUNK)])  # fmt: skip


def train(key: Setting, bar=None) -> Result:
    """Train the network of ``key`` on its data (no caching: see `trained`)."""
    X, y, X_test, y_test = points(key.data, key.noise, key.test)
    net = key.network()
    shown = [-1]

    def on_epoch(epoch: int, _params: np.ndarray) -> None:
        percent = 100 * epoch // key.epochs
        if bar is not None and percent > shown[0]:  # at most a hundred messages
            shown[0] = percent
            bar.progress(epoch / key.epochs, text=f"Training: epoch {epoch} of {key.epochs}")

    began = time.perf_counter()
    run = training.train(
        net,
        optimizers.get(key.opt, lr=key.rate),
        X,
        y,
        batch_size=key.batch,
        epochs=key.epochs,
        seed=key.seed,
        record=False,
        on_epoch=on_epoch,
    )
    seconds = time.perf_counter() - began
    return Result(
        run.epoch_params, data_losses(net, run.epoch_params, X, y),
        data_losses(net, run.epoch_params, X_test, y_test),
        models.accuracy(net, run.epoch_params[-1], X, y),
        models.accuracy(net, run.epoch_params[-1], X_test, y_test),
        run.status, run.diverged_at, run.updates, seconds,
    )  # fmt: skip


def boundary(key: Setting, params: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """P(class 1) of the network with each row of ``params`` at every grid point (k, m)."""
    net = key.network()
    return np.stack([net.predict(p, grid) for p in params])
