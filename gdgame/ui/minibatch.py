"""Fitting a line, part 3: batch, stochastic and mini-batch descent on the tips (the bill
standardized), with each update's mini-batch loss under its path, compared at equal epochs
and at equal updates."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from gdgame.components.landscape_view import landscape_view
from gdgame.engine import loss_surface, models, optimizers, training
from gdgame.figures.fit import fit_map, gap_figure, training_figure
from gdgame.figures.surface import Grid, sample
from gdgame.ui import cache, datasets
from gdgame.ui.fit_line import SETTINGS, STANDARD, TYPICAL, map_grid, start_for

COMPARED = {"full batch (244)": 244, "mini-batch (16)": 16, "stochastic (1)": 1}


@st.cache_data(max_entries=64, show_spinner=False)
def train(batch: int, opt: str, lr: float, epochs: int, seed: int) -> training.Training:
    """Linear regression on the standardized bill, from the default line, in mini-batches."""
    x, y = datasets.tips_feature("standardized")[:, None], datasets.tips()[1]
    start = np.array(start_for("standardized", SETTINGS["w"].default, SETTINGS["b"].default))
    return training.train(models.LinearRegression(), optimizers.get(opt, lr=lr), x, y,
                          batch_size=batch, epochs=epochs, seed=seed, start=start)  # fmt: skip


@st.cache_data(max_entries=256, show_spinner=False)
def batch_grid(batch: int, epochs: int, seed: int, update: int) -> Grid:
    """The loss of update ``update``'s mini-batch alone, over the standardized map."""
    per_epoch = training.updates_per_epoch(len(datasets.tips()[1]), batch)
    epoch, index = divmod(update - 1, per_epoch)
    order = list(training.batch_order(len(datasets.tips()[1]), batch, epoch + 1, seed))
    idx = order[epoch][index]
    x, y = datasets.tips_feature("standardized"), datasets.tips()[1]
    own = loss_surface.line_fit(x[idx], y[idx], datasets.TIPS_DOMAINS["standardized"])
    return sample(own, 60)


def batches(values: dict) -> None:
    """Training in mini-batches: the noisy path, one batch's own loss, per update and epoch."""
    st.subheader("3. Batch, stochastic, mini-batch")
    st.write(
        "Real training rarely computes the gradient on all the data. It shuffles the examples, "
        "cuts them into mini-batches and takes one step per batch: each step descends that "
        "batch's own loss, not the true one. Batch size 1 is stochastic gradient descent; all "
        f"244 bills is full-batch descent. Sizes from {TYPICAL[0]} to {TYPICAL[1]} are typical. "
        "(The bill is standardized here, so one α suits every batch size.)"
    )
    settings_column, picture = st.columns([1, 2], gap="large")
    with settings_column:
        for name in ("batch", "opt", "lr", "epochs", "seed"):
            values[name] = SETTINGS.widget(name)
    key = (values["batch"], values["opt"], values["lr"], values["epochs"], values["seed"])
    result = train(*key)
    surface = datasets.tips_line("standardized")
    with settings_column:
        st.write(f"{result.updates} updates in {result.epochs} epochs, {result.examples:,} "
                 "examples seen.")  # fmt: skip
        if result.status == training.DIVERGED:
            st.error(f"Diverged at update {result.diverged_at}: the steps grew without end. "
                     "Try a smaller α.")  # fmt: skip
        update = st.slider("Show the mini-batch of update", 1, max(result.updates, 1),
                           max(result.updates, 1), key="fit_line.update",
                           disabled=result.updates == 0)  # fmt: skip
    with picture:
        own = batch_grid(values["batch"], values["epochs"], values["seed"], update) if (
            result.updates) else None  # fmt: skip
        path = {"updates": result.params[: update + 1]}
        landscape_view(fit_map(surface, path, batch=own, revision="batches"),
                       map_grid("tips_line", STANDARD), key="fit_line.batches")  # fmt: skip
        st.caption("Faint lines: the loss of this update's mini-batch alone. Its bottom is "
                   "where this step heads, not the ★.")  # fmt: skip
    st.plotly_chart(training_chart(key), key="fit_line.training")
    compare(values)


@cache.shared_figures(max_entries=64)
def training_chart(key: tuple) -> go.Figure:
    """A training's loss per update and per epoch (built once per setting, for everyone)."""
    result = train(*key)
    per_epoch = training.updates_per_epoch(len(datasets.tips()[1]), key[0])
    best = datasets.tips_line("standardized").minima[0].value
    return go.Figure(training_figure(result.batch_losses, result.epoch_losses, per_epoch,
                                     minimum=best))  # fmt: skip


def compared(opt: str, lr: float, epochs: int, seed: int) -> tuple[dict, dict]:
    """Full batch, mini-batch and stochastic with these settings, and each one's MSE above
    the best after every update."""
    runs = {name: train(n, opt, lr, epochs, seed) for name, n in COMPARED.items()}
    surface = datasets.tips_line("standardized")
    best = surface.minima[0].value
    return runs, {k: surface.f(r.params[:, 0], r.params[:, 1]) - best for k, r in runs.items()}


@cache.shared_figures(max_entries=64)
def comparison_charts(opt: str, lr: float, epochs: int, seed: int) -> tuple[go.Figure, ...]:
    """The three descents per epoch and per update (built once per setting, for everyone)."""
    runs, every = compared(opt, lr, epochs, seed)
    best = datasets.tips_line("standardized").minima[0].value
    by_epoch = gap_figure(
        {k: r.epoch_losses - best for k, r in runs.items()},
        x_title="epoch (each bill seen once)",
        y_title="MSE − best possible",
    )
    by_update = gap_figure({k: v[1:] for k, v in every.items()}, log_x=True,
                           x={k: np.arange(1, len(v)) for k, v in every.items()},
                           x_title="update", y_title="MSE − best possible")  # fmt: skip
    return go.Figure(by_epoch), go.Figure(by_update)


def compare(values: dict) -> None:
    """Full batch, mini-batch and stochastic at equal epochs and at equal updates."""
    st.markdown("**At equal epochs and at equal updates**")
    settings = (values["opt"], values["lr"], values["epochs"], values["seed"])
    by_epoch, by_update = comparison_charts(*settings)
    left, right = st.columns(2)
    left.plotly_chart(by_epoch, key="fit_line.by_epoch")
    right.plotly_chart(by_update, key="fit_line.by_update")
    st.dataframe(comparison_table(*compared(*settings)), hide_index=True,
                 key="fit_line.compare")  # fmt: skip
    st.caption("Per epoch (the same work: every bill seen once), a mini-batch gets closest: "
               "full batch takes one careful step, stochastic takes 244 noisy ones. Per update, "
               "full batch is best, but each of its updates costs 244 examples.")  # fmt: skip


def comparison_table(runs: dict[str, training.Training], every: dict[str, np.ndarray]) -> dict:
    """Each run's MSE above the best after all its epochs, and after as many updates as the
    full batch made (one per epoch)."""
    epochs = next(iter(runs.values())).epochs
    updates = min(r.updates for r in runs.values())
    n = len(datasets.tips()[1])
    return {
        "descent": list(runs),
        "updates per epoch": [training.updates_per_epoch(n, COMPARED[k]) for k in runs],
        f"MSE − best after {epochs} epochs": [float(f"{v[-1]:.3g}") for v in every.values()],
        f"after {updates} updates": [float(f"{v[updates]:.3g}") for v in every.values()],
    }
