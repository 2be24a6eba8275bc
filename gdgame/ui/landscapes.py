"""Loss landscapes, with and without skip connections: the page's settings, its two trainings
and planes (computed once per setting, with a progress bar, kept for every session), and its
sections: the trainings, the two planes side by side, a slice through them.

A deep, narrow ReLU network (no batch normalization) learns the spiral twice, once plain and
once with residual connections; the loss is then drawn on a plane through each trained network
along two filter-normalized Gaussian directions (Li et al., 2018), `gdgame.engine.loss_landscape`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

from gdgame.components.landscape_view import landscape_view
from gdgame.engine import data, loss_landscape, optimizers, training
from gdgame.engine.network import Network
from gdgame.figures import landscapes as figures
from gdgame.figures.surface import CAMERAS
from gdgame.ui import cache, settings
from gdgame.ui import landscapes_text as text

WIDTH, N, SPAN = 16, 41, 1.0  # neurons per layer; the plane's grid and half-width
STEP = 0.1  # the slice says how much the loss grows this far from θ*
SLICE = 401  # points of the slice along δ (every tenth is on the plane's grid)
POINTS, DATA_SEED = 200, 1  # the spiral
LR, BATCH, EPOCHS = 0.001, 32, 150  # Adam
SIDES = {False: "without skips", True: "with skips"}
SETTINGS = settings.Page("landscapes", {
    "depth": settings.Number("Depth: hidden layers of 16 ReLU neurons", 4, 20, 20, 1, "%d"),
    "seed": settings.Number("Network seed", 0, 99, 0, 1, "%d",
                            help="The initial weights and the order of the batches"),
    "dseed": settings.Number("Direction seed", 0, 99, 0, 1, "%d",
                             help="The plane's two random directions δ and η"),
    "camera": settings.Choice("Camera", tuple(CAMERAS), "3/4", style="radio"),
})  # fmt: skip


@dataclass(frozen=True)
class Trained:
    """One network trained on the spiral: its parameters and each epoch's loss and accuracy."""

    params: np.ndarray
    losses: np.ndarray  # (epochs + 1,) on all the data, before training first
    accuracy: np.ndarray  # (epochs + 1,) share of points classified right
    status: str


@dataclass(frozen=True)
class Side:
    """The loss on the plane through one trained network."""

    plane: loss_landscape.Plane
    minima: np.ndarray  # boolean, like plane.losses
    count: int  # local minima on the plane
    largest: float  # the largest finite loss on it
    along: np.ndarray  # (SLICE,) the loss along δ through θ* (b = 0), a from −SPAN to SPAN


@st.cache_resource(show_spinner=False)
def spiral() -> tuple[np.ndarray, np.ndarray]:
    return data.toy("spiral", POINTS, 0.0, seed=DATA_SEED)


def network(depth: int, residual: bool, seed: int) -> Network:
    return Network(hidden=(WIDTH,) * depth, activation="relu", residual=residual,
                   init_kind="he", seed=seed)  # fmt: skip


def _train(depth: int, residual: bool, seed: int, tell: Callable[[float], None]) -> Trained:
    """Adam (α = 0.001) in batches of 32 for 150 epochs; ``tell(share done)`` each epoch."""
    X, y = spiral()
    net = network(depth, residual, seed)
    run = training.train(net, optimizers.get("adam", lr=LR), X, y, batch_size=BATCH,
                         epochs=EPOCHS, seed=seed, record=False,
                         on_epoch=lambda epoch, _: tell(epoch / EPOCHS))  # fmt: skip
    right = (net.logits(run.epoch_params, X) > 0) == y
    return Trained(run.final, run.epoch_losses, right.mean(axis=-1), run.status)


def trained(depth: int, residual: bool, seed: int, tell: Callable[[float], None]) -> Trained:
    """The network trained on the spiral: kept, or trained now."""
    key = (depth, residual, seed)
    found = cache.kept("landscapes", 64).get(key)
    if found is None:
        found = _train(depth, residual, seed, tell)
        cache.kept("landscapes", 64).put(key, found)
    return found


def _side(depth: int, residual: bool, seed: int, dseed: int, tell: Callable[[float], None]) -> Side:
    """The loss on the plane through the trained network: kept, or computed now."""
    key = (depth, residual, seed, dseed)
    found = cache.kept("landscapes", 64).get(key)
    if found is None:
        X, y = spiral()
        params = trained(depth, residual, seed, tell).params
        plane = loss_landscape.plane(network(depth, residual, seed), params, X, y, seed=dseed,
                                     n=N, span=SPAN, progress=tell)  # fmt: skip
        minima = loss_landscape.local_minima(plane.losses)
        finite = plane.losses[np.isfinite(plane.losses)]
        along = _along(network(depth, residual, seed), params, dseed)
        found = Side(plane, minima, int(minima.sum()), float(finite.max()), along)
        cache.kept("landscapes", 64).put(key, found)
    return found


def slice_a() -> np.ndarray:
    return np.linspace(-SPAN, SPAN, SLICE)


def _along(net: Network, params: np.ndarray, dseed: int) -> np.ndarray:
    """The loss at θ* + a·δ, finer than the plane: δ is the plane's first direction (drawn
    first from the same seed, as `loss_landscape.plane` draws it)."""
    X, y = spiral()
    delta = loss_landscape.filter_normalized(net, params, X.shape[1],
                                             np.random.default_rng(dseed))  # fmt: skip
    with np.errstate(over="ignore", invalid="ignore"):
        return net.losses(params + slice_a()[:, None] * delta, X, y)


def _each(job: Callable, doing: str) -> dict[bool, object]:
    """``job(residual, tell)`` for both networks; a progress bar only while one computes."""
    bar, out = [], {}
    for i, (residual, name) in enumerate(SIDES.items()):

        def tell(share: float, i: int = i, name: str = name) -> None:
            if not bar:
                bar.append(st.progress(0.0))
            bar[0].progress(min(1.0, (i + share) / 2), text=f"{doing} the network {name}…")

        out[residual] = job(residual, tell)
    if bar:
        bar[0].empty()
    return out


def trainings(values: dict) -> dict[bool, Trained]:
    depth, seed = values["depth"], values["seed"]
    return _each(lambda residual, tell: trained(depth, residual, seed, tell), "Training")


def planes(values: dict) -> dict[bool, Side]:
    depth, seed, dseed = values["depth"], values["seed"], values["dseed"]
    return _each(lambda residual, tell: _side(depth, residual, seed, dseed, tell),
                 "Computing the loss on the plane through")  # fmt: skip


def networks(values: dict) -> None:
    """The two trainings: depth and seed, accuracy and loss per epoch."""
    st.subheader("1. Two deep, narrow networks learn the spiral")
    left, right = st.columns(2)
    with left:
        depth = values["depth"] = SETTINGS.widget("depth")
    with right:
        values["seed"] = SETTINGS.widget("seed")
    st.write(
        f"Each network has {depth} hidden layers of {WIDTH} ReLU neurons and no batch "
        "normalization. One is plain; in the other every hidden layer after the first adds its "
        "input to its output, a = a_prev + relu(a_prev·W + b): a skip (residual) connection. "
        f"Both learn the {POINTS} points of the spiral with Adam (α = {LR:g}, batches of "
        f"{BATCH}, {EPOCHS} epochs) from He initial weights."
    )
    nets = trainings(values)
    columns = st.columns(4)
    for i, (residual, net) in enumerate(nets.items()):
        columns[2 * i].metric(f"Training accuracy {SIDES[residual]}", f"{net.accuracy[-1]:.1%}")
        columns[2 * i + 1].metric(f"Training loss {SIDES[residual]}", f"{net.losses[-1]:.4g}",
                                  help="Cross-entropy on all 200 points")  # fmt: skip
    st.write(text.learned({SIDES[r]: float(n.accuracy[-1]) for r, n in nets.items()}))
    for residual, net in nets.items():
        if net.status != training.FINISHED:
            st.warning(f"The network {SIDES[residual]} diverged; it is shown as it was last.")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(figures.history_figure({SIDES[r]: n.losses for r, n in nets.items()},
                                               y_title="training loss", log_y=True),
                        key="landscapes.loss")  # fmt: skip
    with right:
        st.plotly_chart(figures.history_figure({SIDES[r]: n.accuracy for r, n in nets.items()},
                                               y_title="training accuracy"),
                        key="landscapes.accuracy")  # fmt: skip


def landscapes(values: dict) -> None:
    """The loss on a plane through each network, side by side, as contours and in 3-D."""
    st.subheader("2. The loss around each trained network")
    st.write(
        "Draw two random directions δ and η in the space of all the weights, scaled neuron by "
        "neuron to the trained network's own weights (filter normalization, as Li et al. do, "
        "so that the two networks can be compared), and compute the loss at every point "
        f"θ* + a·δ + b·η of a {N} × {N} grid, a and b from −{SPAN:g} to {SPAN:g}. The trained "
        f"network θ* is the centre. Colours and heights show log₁₀ of the loss, capped at "
        f"{figures.CAP:,.0f} so that a loss of 10⁷ does not wash out the rest; ○ marks a local "
        "minimum: a point lower than its eight neighbours."
    )
    values["dseed"] = SETTINGS.widget("dseed")
    sides = planes(values)
    plain, skips = ((s.count, s.largest) for s in sides.values())
    said, _ = text.contrast(plain, skips, values["depth"])
    coin = text.plateau({SIDES[r]: s.plane.losses[s.minima] for r, s in sides.items()})
    st.markdown(f"**{text.measured(plain, skips)}** {said} {coin}")
    columns = st.columns(4)
    for i, (residual, one) in enumerate(sides.items()):
        columns[2 * i].metric(f"Local minima {SIDES[residual]}", one.count,
                              help=f"Of the {N * N:,} points of the plane")  # fmt: skip
        columns[2 * i + 1].metric(f"Largest loss {SIDES[residual]}", text.big(one.largest))
    _views(sides, values)


def _views(sides: dict[bool, Side], values: dict) -> None:
    """Both planes side by side as contours, then in 3-D from the chosen camera; one colour
    range for all four."""
    zrange = figures.shared_range(*(s.plane for s in sides.values()))
    grids = {r: figures.plane_grid(s.plane) for r, s in sides.items()}
    for residual, column in zip(sides, st.columns(2), strict=True):
        with column:
            one = sides[residual]
            landscape_view(figures.contour_map(one.plane, one.minima, zrange=zrange,
                                               title=SIDES[residual].capitalize()),
                           grids[residual], key=f"landscapes.map.{int(residual)}")  # fmt: skip
    camera = values["camera"] = SETTINGS.widget("camera")
    for residual, column in zip(sides, st.columns(2), strict=True):
        with column:
            one = sides[residual]
            landscape_view(figures.landscape_3d(one.plane, one.minima, zrange=zrange,
                                                title=SIDES[residual].capitalize(),
                                                camera=camera),
                           grids[residual], key=f"landscapes.3d.{int(residual)}")  # fmt: skip


def slice_through(values: dict) -> None:
    """The loss along δ for b = 0, through both trained networks, on one chart."""
    st.subheader("3. A slice through the trained networks")
    sides = planes(values)
    a = slice_a()
    st.write(text.sliced({SIDES[r]: (a, s.along) for r, s in sides.items()}, STEP))
    st.plotly_chart(figures.slice_figure({SIDES[r]: (a, s.along) for r, s in sides.items()}),
                    key="landscapes.slice")  # fmt: skip
