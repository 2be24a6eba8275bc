"""The digits exercise of the classifying lesson: softmax regression on the 8 × 8 digits,
trained in mini-batches with any optimizer; accuracy per epoch, the confusion matrix, the
ten weight templates and the test digits it got wrong.

Training runs once per setting, with a progress bar, and is kept for every session of the
process (`cache.kept`): st.cache_data would replay the progress bar on every later hit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

from gdgame.engine import data, models, optimizers, training
from gdgame.figures.classify import accuracy_figure, confusion_figure, images_figure
from gdgame.ui import cache, datasets, settings
from gdgame.ui.ladder import RATES

TEST_SHARE, SEED = 0.25, 0  # the train/test split, and the seed of the split and the batches
N_TRAIN = len(data.split(len(datasets.digits()[1]), TEST_SHARE, SEED)[0])
TITLES = optimizers.TITLES
# Rates that reach about 96 % in the default 30 epochs of batches of 32.
DEFAULT_LR = {"sgd": 0.5, "momentum": 0.05, "nesterov": 0.05, "adagrad": 0.1, "rmsprop": 0.003,
              "adam": 0.01}  # fmt: skip
BATCHES = (1, 4, 8, 16, 32, 64, 128, 256, N_TRAIN)
PENALTIES = (0.0, 1e-4, 1e-3, 0.01, 0.1, 1.0)
MISTAKES = 30  # misclassified test digits shown at most
MAX_UPDATES = 20_000  # a training's work at most: about 1.5 s on one core
OPTIONS = {"mu": ("momentum", "nesterov"), "alpha": ("rmsprop",), "beta1": ("adam",),
           "beta2": ("adam",)}  # fmt: skip


def _torch(name: str, option: str, index: int | None = None) -> float:
    """torch.optim's default for an optimizer's option (the engine's are the same)."""
    value = optimizers.get(name).hyper[option]
    return value if index is None else value[index]


def _help(name: str, option: str, index: int | None = None) -> str:
    return f"torch.optim's default is {_torch(name, option, index):g}"


SPECS = {
    "opt": settings.Choice("Optimizer", tuple(TITLES), "sgd", labels=TITLES.get, url=str),
    "rate": settings.Choice("Learning rate α (lr)", RATES, DEFAULT_LR["sgd"],
                            labels=lambda v: f"{v:g}", style="slider"),
    "batch": settings.Choice("Batch size", BATCHES, 32, style="slider",
                             labels=lambda v: f"all {v}" if v == N_TRAIN else str(v),
                             url=str),
    "epochs": settings.Number("Epochs", 1, 100, 30, 1, "%d"),
    "decay": settings.Choice("L2 penalty λ (torch's weight_decay)", PENALTIES, 0.0,
                             labels=lambda v: "off" if v == 0 else f"{v:g}", url=lambda v: f"{v:g}",
                             style="slider"),
    "mu": settings.Number("momentum μ (momentum): Momentum, Nesterov", 0.0, 0.99,
                          _torch("momentum", "momentum"), 0.01,
                          help="0.9 is usual (torch.optim's SGD has 0: no momentum)"),
    "alpha": settings.Number("decay ρ (alpha): RMSProp", 0.5, 0.999, _torch("rmsprop", "alpha"),
                             0.001, "%.3f", help=_help("rmsprop", "alpha")),
    "beta1": settings.Number("β₁ (betas[0]): Adam", 0.0, 0.999, _torch("adam", "betas", 0), 0.001,
                             "%.3f", help=_help("adam", "betas", 0)),
    "beta2": settings.Number("β₂ (betas[1]): Adam", 0.5, 0.9999, _torch("adam", "betas", 1),
                             0.0001, "%.4f", help=_help("adam", "betas", 1)),
}  # fmt: skip


@dataclass(frozen=True)
class Result:
    """A digits training and what the page shows of it."""

    train_accuracy: np.ndarray  # (epochs done + 1,) after each epoch, before training first
    test_accuracy: np.ndarray
    final: np.ndarray  # (65, 10) the last parameters (the last finite ones if it diverged)
    predicted: np.ndarray  # the class it gives each test digit
    train_right: float  # the share of training digits it gets right at the end
    status: str
    diverged_at: int
    epochs: int
    updates: int
    seconds: float


@st.cache_resource(show_spinner=False)
def split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The digits as train and test: X_train, y_train, X_test, y_test."""
    X, y = datasets.digits()
    train, test = data.split(len(y), TEST_SHARE, SEED)
    return X[train], y[train], X[test], y[test]


def hyper(values: dict) -> cache.Params:
    """The chosen optimizer's torch.optim keyword arguments (hashable)."""
    name, extra = values["opt"], ()
    if name in OPTIONS["mu"]:
        extra = (("momentum", values["mu"]),)
    elif name == "rmsprop":
        extra = (("alpha", values["alpha"]),)
    elif name == "adam":
        extra = (("betas", (values["beta1"], values["beta2"])),)
    return (("lr", values["rate"]), *extra)


def epochs_allowed(batch: int, epochs: int) -> int:
    """The epochs asked for, or fewer if they would take more than `MAX_UPDATES` updates (small
    batches make many: batch size 1 takes a second per 13 epochs)."""
    return max(1, min(epochs, MAX_UPDATES // -(-N_TRAIN // batch)))


def key_of(values: dict) -> tuple:
    """The setting a training is kept under."""
    epochs = epochs_allowed(values["batch"], values["epochs"])
    return values["opt"], hyper(values), values["batch"], epochs, values["decay"]


def trained(key: tuple, show_progress: bool = False) -> Result:
    """The training for ``key``: kept, or done now (with a progress bar if asked)."""
    return cache.made_once("digits", 32, key, lambda bar: _train(*key, bar), show_progress)


def _train(opt: str, hyper_: cache.Params, batch: int, epochs: int, decay: float, bar) -> Result:
    X, y, X_test, y_test = split()
    model = models.SoftmaxRegression(l2=decay)

    def on_epoch(epoch: int, _params: np.ndarray) -> None:
        if bar is not None:
            bar.progress(epoch / epochs, text=f"Training: epoch {epoch} of {epochs}")

    began = time.perf_counter()
    run = training.train(model, cache.optimizer(opt, hyper_), X, y, batch_size=batch,
                         epochs=epochs, seed=SEED, record=False, on_epoch=on_epoch)  # fmt: skip
    seconds = time.perf_counter() - began
    train_accuracy = [models.accuracy(model, p, X, y) for p in run.epoch_params]
    test_accuracy = [models.accuracy(model, p, X_test, y_test) for p in run.epoch_params]
    return Result(
        np.array(train_accuracy), np.array(test_accuracy), run.final,
        models.classify(model, run.final, X_test), models.accuracy(model, run.final, X, y),
        run.status, run.diverged_at, run.epochs,
        run.updates, seconds,
    )  # fmt: skip


def _suit_optimizer(page: settings.Page) -> None:
    """A callback: a new optimizer starts from a learning rate that suits it."""
    page.set("rate", DEFAULT_LR[page.get("opt")])


def controls(page: settings.Page, values: dict) -> None:
    """The optimizer and its rate, the batch size, the epochs and L2; the options apart."""
    top = st.columns([2, 3, 3, 2, 2])
    with top[0]:
        values["opt"] = page.widget("opt", on_change=_suit_optimizer, args=(page,))
    for column, name in zip(top[1:], ("rate", "batch", "epochs", "decay"), strict=True):
        with column:
            values[name] = page.widget(name)
    with st.expander("The optimizers' options (torch.optim's names)"):
        used = [n for n, users in OPTIONS.items() if values["opt"] in users]
        st.caption(f"{TITLES[values['opt']]} uses "
                   + (", ".join(SPECS[n].label.split(" (")[0] for n in used) or "none of them")
                   + "; each option's label names the optimizers that use it.")  # fmt: skip
        for column, name in zip(st.columns(len(OPTIONS)), OPTIONS, strict=True):
            with column:
                values[name] = page.widget(name)


def exercise(page: settings.Page, values: dict) -> None:
    """The whole digits section: settings, training (once), what it learned."""
    st.subheader("The digits exercise: ten classes at once")
    st.write(
        f"1 797 handwritten digits of 8 × 8 pixels: {N_TRAIN} to train on, the other "
        f"{len(split()[3])} kept aside to test (a seeded split). Softmax regression gives each "
        "digit ten scores, one per class, from one weight per pixel each; softmax turns them "
        "into probabilities and the loss is the cross-entropy of the right class. Training goes "
        "through the training digits in shuffled mini-batches, one update per batch."
    )
    st.latex(
        r"\hat y = \mathrm{softmax}(W^\top x + b),\qquad "
        r"L = -\frac{1}{n}\sum_i \log \hat y_{i,\,y_i} + \frac{\lambda}{2}\lVert W\rVert^2"
    )
    controls(page, values)
    key = key_of(values)
    if key[3] < values["epochs"]:
        st.info(f"Batches of {values['batch']} make {-(-N_TRAIN // values['batch']):,} updates "
                f"per epoch: this page trains at most {MAX_UPDATES:,} updates, so {key[3]} "
                "epochs here.", icon="⏱️")  # fmt: skip
    result = trained(key, show_progress=True)
    report(result, values)
    accuracy, confusion, templates, mistakes = digits_figures(key)
    left, right = st.columns(2)
    with left:
        st.markdown("**Accuracy after each epoch**, on the training digits and on the test "
                    "digits it never trained on.")  # fmt: skip
        st.plotly_chart(accuracy, key="classify.digits.accuracy")
    with right:
        st.markdown("**Confusion matrix** of the test digits: the diagonal is right.")
        st.plotly_chart(confusion, key="classify.digits.confusion")
    st.markdown(
        "**The ten templates**: each class's weight on every pixel (red adds to the "
        "score, blue takes away). A digit scores high where its ink lies on red."
    )
    st.plotly_chart(templates, key="classify.digits.templates")
    wrong = int(np.sum(result.predicted != split()[3]))
    shown = f"; the first {MISTAKES} shown" if wrong > MISTAKES else ""
    st.markdown(f"**The test digits it got wrong** ({wrong}{shown}; true → said):")
    if mistakes is not None:
        st.plotly_chart(mistakes, key="classify.digits.mistakes")


def report(result: Result, values: dict) -> None:
    """Accuracy on both sets, and how the training ended."""
    y_test = split()[3]
    right = int(np.sum(result.predicted == y_test))
    per_epoch = -(-N_TRAIN // values["batch"])
    cols = st.columns(4)
    cols[0].metric("Test accuracy", f"{right / len(y_test):.1%}")
    cols[1].metric("Train accuracy", f"{result.train_right:.1%}")
    cols[2].metric("Updates", f"{result.updates:,}", help=f"{per_epoch} per epoch")
    cols[3].metric("Training time", f"{result.seconds:.2f} s")
    if result.status == training.DIVERGED:
        epoch = (result.diverged_at - 1) // per_epoch + 1
        decay = values["decay"]
        why = (f"With L2 every weight also feels a curvature λ = {decay:g}, so α must stay "
               f"below 2/λ = {2 / decay:g}. " if decay else "")  # fmt: skip
        st.error(f"Training **diverged at update {result.diverged_at}** (in epoch {epoch}): "
                 f"the weights left every bound, so it stopped there. {why}Take a smaller α. "
                 "The charts show the model just before it flew off.", icon="💥")  # fmt: skip
    else:
        st.success(f"**{right} of {len(y_test)} test digits right** ({right / len(y_test):.1%}) "
                   f"after {result.epochs} epochs. About 95 % is what a linear model reaches on "
                   "these digits.", icon="✅")  # fmt: skip


@cache.shared_figures(max_entries=32)
def digits_figures(key: tuple):
    """Accuracy per epoch, the confusion matrix, the templates and the mistakes (or None)."""
    result = trained(key)
    X_test, y_test = split()[2:]
    weights = result.final[:-1].T  # (10, 64): each class's weight per pixel
    wrong = np.flatnonzero(result.predicted != y_test)[:MISTAKES]
    mistakes = None
    if wrong.size:
        mistakes = images_figure(X_test[wrong], [f"{y_test[i]} → {result.predicted[i]}"
                                                 for i in wrong])  # fmt: skip
    return (accuracy_figure(result.train_accuracy, result.test_accuracy, key[3]),
            confusion_figure(y_test, result.predicted),
            images_figure(weights, [str(k) for k in range(10)], signed=True),
            mistakes)  # fmt: skip
