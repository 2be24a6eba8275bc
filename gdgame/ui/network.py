"""The section "A network learns" of the backprop page: TensorFlow Playground's lesson, told
with what its users ask for: the loss named (cross-entropy), the accuracy on train and test,
divergence said in words, every weight's value on hover, one neuron's formula with its numbers,
and zero initialization's symmetry shown.

One call draws it all (`learns`); its settings are a `Section` of their own ("network.*"),
beside whatever the page's other sections keep in the URL. Trainings are kept per setting for
every session (`gdgame.ui.network_training`); the figures are built once per training.
"""

from __future__ import annotations

from urllib.parse import urlencode

import numpy as np
import streamlit as st

from gdgame.engine import data, models
from gdgame.engine.network import ACTIVATIONS
from gdgame.figures.network import diagram_figure, frame_epochs, playback_figure
from gdgame.ui import cache, settings
from gdgame.ui import network_text as text
from gdgame.ui import network_training as nt
from gdgame.ui.ladder import ladder
from gdgame.ui.section import Section

DATA_SETS = tuple(data.TOY_SETS)
INITS = {"xavier": "Xavier (Glorot)", "he": "He", "uniform": "uniform ±0.5 (Playground's)",
         "zero": "zero"}  # fmt: skip
OPTIMIZERS = {"adam": "Adam", "sgd": "SGD"}
DEFAULT_RATE = {"adam": 0.01, "sgd": 0.1}  # what trains the default network best of each
RATES = ladder(-4, top=10.0)
BATCHES = (1, 2, 4, 8, 10, 16, 32, 64, 128, 256)
PENALTIES = (0.0, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
GRID = 100  # the decision boundary's grid: GRID × GRID points over [-6, 6]²
AXIS = np.linspace(-6.0, 6.0, GRID)
MAX_LAYERS, MAX_NEURONS = 6, 8


def _g(v: float) -> str:
    return f"{v:g}"


SETTINGS = Section("network", {
    "data": settings.Choice("Data set", DATA_SETS, "spiral", url=str),
    "noise": settings.Number("Noise", 0.0, 0.5, 0.0, 0.05, "%.2f"),
    "test": settings.Number("Test share", 0.1, 0.9, 0.5, 0.1, "%.1f",
                            help="The share of the points kept aside to test on"),
    "layers": settings.Number("Hidden layers", 1, MAX_LAYERS, 4, 1, "%d"),
    "neurons": settings.Number("Neurons per layer", 1, MAX_NEURONS, 8, 1, "%d"),
    "activation": settings.Choice("Activation", ACTIVATIONS, "tanh", url=str,
                                  labels=lambda v: "ReLU" if v == "relu" else v),
    "init": settings.Choice("Initialization", tuple(INITS), "xavier", labels=INITS.get, url=str),
    "opt": settings.Choice("Optimizer", tuple(OPTIMIZERS), "adam", labels=OPTIMIZERS.get,
                           url=str),
    "rate": settings.Choice("Learning rate α", RATES, DEFAULT_RATE["adam"], labels=_g,
                            style="slider"),
    "batch": settings.Choice("Batch size", BATCHES, 16, style="slider", url=str),
    "l2": settings.Choice("L2 penalty λ", PENALTIES, 0.0, style="slider", url=_g,
                          labels=lambda v: "off" if v == 0 else _g(v)),
    "epochs": settings.Number("Epochs", 10, 1000, 300, 10, "%d"),
    "seed": settings.Number("Seed", 0, 99, 0, 1, "%d",
                            help="Draws the initial weights and the order of the batches"),
    "neuron": settings.Choice("Which neuron", tuple(text.choices(MAX_LAYERS, MAX_NEURONS)), "1.1",
                              labels=text.choice_words, url=str),
})  # fmt: skip
DEFAULTS = {name: spec.default for name, spec in SETTINGS.specs.items()}


def _suit_optimizer() -> None:
    """A callback: a new optimizer starts from the learning rate that suits it."""
    SETTINGS.set("rate", DEFAULT_RATE[SETTINGS.get("opt")])


def _row(names: list[str], values: dict, **kwargs) -> None:
    for column, name in zip(st.columns(len(names)), names, strict=True):
        with column:
            values[name] = SETTINGS.widget(name, **kwargs.get(name, {}))


def controls() -> dict:
    """The data, the network and its training, in three rows."""
    values: dict = {}
    _row(["data", "noise", "test"], values)
    _row(["layers", "neurons", "activation", "init"], values)
    _row(["opt", "rate", "batch", "l2", "epochs", "seed"], values,
         opt={"on_change": _suit_optimizer})  # fmt: skip
    return values


def learns() -> None:
    """The whole section: words, settings, the training (once per setting) and what it did."""
    st.subheader("2. A network learns")
    SETTINGS.check_url()
    st.write(
        "A neuron adds up its inputs, each times a weight, adds a bias, and passes the sum "
        "through an activation such as tanh. A network is layers of them, each layer's outputs "
        "the next one's inputs; the last neuron's sum becomes a probability of class 1 through "
        "the sigmoid σ. Training is gradient descent on the **cross-entropy** of the training "
        "points (the loss of the classifying page), in mini-batches; backpropagation, the chain "
        "rule above taken matrix by matrix, gives the gradient of every weight at once."
    )
    st.latex(text.CROSS_ENTROPY)
    values = controls()
    key = nt.setting(values)
    if key.epochs < values["epochs"]:
        st.info(f"Batches of {key.batch} make {_per_epoch(key):,} updates per epoch: this page "
                f"trains at most {nt.MAX_UPDATES:,} updates, so {key.epochs} epochs here.",
                icon="⏱️")  # fmt: skip
    result = nt.trained(key, show_progress=True)
    report(key, result, values)
    st.markdown("**The training, played back**: press ▶ Play. Left, the network's P(class 1) over "
                "the plane (blue: class 1, vermillion: class 0, white: the decision boundary) "
                "with the training points (filled) and the test points (hollow); right, the "
                "cross-entropy on each after every epoch.")  # fmt: skip
    st.plotly_chart(playback_chart(key), key="network.playback")
    inside(key, result, values)


def _per_epoch(key: nt.Setting) -> int:
    return -(-nt.n_train(key.test) // key.batch)


def report(key: nt.Setting, result: nt.Result, values: dict) -> None:
    """Accuracy and loss on both sets, and how the training ended."""
    cols = st.columns(6)
    cols[0].metric("Train accuracy", f"{result.train_accuracy:.1%}")
    cols[1].metric("Test accuracy", f"{result.test_accuracy:.1%}")
    cols[2].metric("Train loss", f"{result.train_loss[-1]:.4f}", help="cross-entropy, no L2")
    cols[3].metric("Test loss", f"{result.test_loss[-1]:.4f}", help="cross-entropy")
    cols[4].metric("Updates", f"{result.updates:,}", help=f"{_per_epoch(key)} per epoch")
    cols[5].metric("Training time", f"{result.seconds:.2f} s")
    n_test = nt.POINTS - nt.n_train(key.test)
    if result.status == "diverged":
        st.error(text.ending(result.status, result.diverged_at, _per_epoch(key)), icon="💥")
    elif key.init == "zero":
        symmetry(key, result)
    else:
        st.success(f"After {result.epochs} epochs: {result.train_accuracy:.1%} of the "
                   f"{nt.n_train(key.test)} training points and {result.test_accuracy:.1%} of "
                   f"the {n_test} test points right.", icon="✅")  # fmt: skip


def symmetry(key: nt.Setting, result: nt.Result) -> None:
    """Zero initialization: the neurons of a layer stay identical; said and measured."""
    net = key.network()
    hidden = np.concatenate([W.ravel() for W, _ in net.layers(result.final, 2)[:-1]])
    stuck = ("Here the hidden weights got no gradient at all and are still exactly 0: with "
             f"{key.activation}, a neuron whose weights are all 0 outputs 0, so nothing flows "
             "back through it. " if not hidden.any() else "")  # fmt: skip
    st.warning(
        "**Zero initialization: every neuron of a layer stays identical.** All of a layer's "
        "neurons start with the same weights, so they compute the same output, get the same "
        "gradient and take the same step, update after update: nothing can make them differ, "
        f"and a layer of {key.neurons} is worth one neuron. {stuck}After {result.epochs} epochs "
        f"the largest difference between two neurons of a layer is "
        f"{text.identical(net, result.final):g}: see the diagram below, where every neuron of a "
        "layer has the same lines. Random initialization breaks the symmetry.",
        icon="🪞",
    )


def inside(key: nt.Setting, result: nt.Result, values: dict) -> None:
    """The trained network as a diagram, and one neuron's formula with its numbers."""
    st.markdown("#### Inside the trained network")
    st.markdown("Lines are weights (blue positive, vermillion negative, wider when larger); a "
                "neuron's colour is its bias. **Hover** where a line enters a neuron to read its "
                "weight, or a neuron to read its bias.")  # fmt: skip
    st.plotly_chart(diagram_chart(key), key="network.diagram")
    left, right = st.columns([1, 3])
    with left:
        values["neuron"] = SETTINGS.widget_among("neuron", text.choices(key.layers, key.neurons))
    with right:
        st.markdown(f"**{text.choice_words(values['neuron'])}** computes, with the weights it "
                    "ended training with:")  # fmt: skip
        for line in text.neuron_formula(key.network(), result.final, values["neuron"]):
            st.latex(line)
        st.caption("$a^{(l)}_i$ is what neuron i of layer l outputs; $x_1$ and $x_2$ are a "
                   "point's coordinates.")  # fmt: skip


def footer(first: settings.Page) -> None:
    """The end of the page: a link to this view (every setting the URL holds, both sections'),
    and one reset for both sections, ``first`` (the neuron's settings) and the network's."""
    with st.expander("Share this view"):
        query = {name: st.query_params.get_all(name) for name in st.query_params}
        st.code(settings.page_url() + ("?" + urlencode(query, doseq=True) if query else ""),
                language=None)  # fmt: skip
        st.caption("Anyone opening this link sees the page with these settings.")
    st.button("Restore defaults", key=first.key("defaults"), on_click=_restore_all,
              args=(first,), help="Put every setting on this page back to its default")  # fmt: skip


def _restore_all(first: settings.Page) -> None:
    first.restore_defaults()
    SETTINGS.restore_defaults()


@cache.shared_figures(max_entries=32)
def playback_chart(key: nt.Setting):
    """The training played back: boundary and losses at about 36 epochs."""
    result = nt.trained(key)
    X, y, X_test, y_test = nt.points(key.data, key.noise, key.test)
    epochs = frame_epochs(result.epochs)
    shown = result.epoch_params[epochs]
    xx, yy = np.meshgrid(AXIS, AXIS)
    probability = nt.boundary(key, shown, np.column_stack([xx.ravel(), yy.ravel()]))
    net = key.network()
    accuracy = np.array([(models.accuracy(net, p, X, y), models.accuracy(net, p, X_test, y_test))
                         for p in shown])  # fmt: skip
    return playback_figure((X, y), (X_test, y_test), AXIS, probability.reshape(-1, GRID, GRID),
                           epochs, result.train_loss, result.test_loss, accuracy,
                           epochs_asked=key.epochs)  # fmt: skip


@cache.shared_figures(max_entries=64)
def diagram_chart(key: nt.Setting):
    layers = key.network().layers(nt.trained(key).final, 2)
    return diagram_figure(layers, text.neuron_names([2, *[key.neurons] * key.layers, 1]))
