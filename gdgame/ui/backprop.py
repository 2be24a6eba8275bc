"""The backpropagation lesson, section 1: the chain rule through one neuron σ(w₀x₀ + w₁x₁ + w₂),
node by node, forward then backward (CS231n's example); a squared-error loss added; a partial
checked against a central difference; one gradient step. Section 2, a network learning, is
`gdgame.ui.network`. Five numbers per rerun: nothing here needs a cache."""

from __future__ import annotations

import streamlit as st

from gdgame.engine import neuron
from gdgame.figures.neuron import graph_figure
from gdgame.ui import backprop_text as text
from gdgame.ui import settings
from gdgame.ui.walk import walk

INPUTS = {"w0": "w₀", "w1": "w₁", "w2": "w₂ (the bias b)", "x0": "x₀", "x1": "x₁"}
STEPS_H = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10)
SETTINGS = settings.Page("backprop", {
    "x0": settings.Number("Input x₀", -5.0, 5.0, -1.0, 0.1, "%.1f"),
    "x1": settings.Number("Input x₁", -5.0, 5.0, -2.0, 0.1, "%.1f"),
    "w0": settings.Number("Weight w₀", -5.0, 5.0, 2.0, 0.1, "%.1f"),
    "w1": settings.Number("Weight w₁", -5.0, 5.0, -3.0, 0.1, "%.1f"),
    "w2": settings.Number("Bias w₂ (b)", -5.0, 5.0, -3.0, 0.1, "%.1f"),
    "y": settings.Number("Target y", 0.0, 1.0, 1.0, 0.05, "%.2f",
                         help="What σ should have said: the loss is (σ − y)²"),
    "wrt": settings.Choice("Check the partial of L with respect to", tuple(INPUTS), "w0",
                           labels=INPUTS.get, url=str),
    "h": settings.Choice("Finite-difference step h", STEPS_H, 1e-5, labels=lambda v: f"{v:g}",
                         style="slider",
                         help="Too large: the difference misses by about h². Too small: "
                         "rounding error, about 10⁻¹⁶/h."),
    "lr": settings.Number("Learning rate α", 0.01, 5.0, 1.0, 0.01, "%.2f"),
})  # fmt: skip
CHECKED = "backprop.checked"  # the settings the last "Check this partial" was pressed for


def xw(values: dict) -> tuple[tuple[float, float], tuple[float, float, float]]:
    """The inputs x = (x₀, x₁) and the weights w = (w₀, w₁, w₂) of the settings."""
    return (values["x0"], values["x1"]), (values["w0"], values["w1"], values["w2"])


def stage(shown: int, nodes: int, start: int = 0) -> tuple[int, int]:
    """How many nodes have their value and how many their backward step, ``shown`` steps into
    a walk whose first ``start`` forward steps were done before it."""
    return min(start + shown, nodes), max(0, start + shown - nodes)


def _walk_graph(graph: neuron.Graph, key: str, signature: tuple, start: int = 0) -> int:
    """Step / Run / Reset, where the walk is in words, the graph, and the last step written
    out. Returns how many steps are shown."""
    total = 2 * len(graph.nodes) - start
    buttons, words = st.columns([1.3, 1], vertical_alignment="center")
    with buttons:
        shown = walk(key, signature, total)
    forward, backward = stage(shown, len(graph.nodes), start)
    words.markdown(text.status(graph, forward, backward, start))
    st.plotly_chart(graph_figure(graph, forward, backward), key=f"{key}.graph",
                    config={"displayModeBar": False})  # fmt: skip
    written = text.explain(graph, forward, backward, start)
    if written:
        st.latex(written)
    return shown


def neuron_section(values: dict) -> None:
    """The neuron's graph with σ as its output: forward, then backward with gradient 1."""
    st.subheader("1. The chain rule on one neuron")
    st.write(
        "A neuron multiplies each input by a weight, adds a bias and squashes the sum with the "
        "sigmoid σ(z) = 1/(1 + e⁻ᶻ). Written as a computational graph, each circle is one "
        "simple operation whose derivative we know; backpropagation is the chain rule applied "
        "to them one at a time, from the output back. The defaults are CS231n's example."
    )
    for column, name in zip(st.columns(5), ("x0", "x1", "w0", "w1", "w2"), strict=True):
        with column:
            values[name] = SETTINGS.widget(name)
    x, w = xw(values)
    graph = neuron.graph(x, w)
    st.markdown("#### Forward, then backward")
    st.caption(
        "Each circle's card: its value (blue); on the way back, the gradient arriving from "
        "above, and for each input its local derivative × that gradient = the input's gradient "
        "(vermillion). Hover a circle for every number."
    )
    shown = _walk_graph(graph, "backprop.neuron", ("neuron", x, w))
    if shown == 2 * len(graph.nodes):
        st.latex(text.gradients(graph, ("x0", "x1")) + r",\qquad "
                 + text.gradients(graph, ("w0", "w1", "w2")))  # fmt: skip
        st.caption("With CS231n's numbers: σ = 0.73, ∂σ/∂x = (0.39, −0.59), "
                   "∂σ/∂w = (−0.2, −0.39, 0.2).")  # fmt: skip


def loss_section(values: dict) -> None:
    """The same graph with the squared error on top: the gradient now starts at L."""
    st.markdown("#### Add a loss")
    st.write(
        "To learn, the neuron must know how wrong it is. Add the squared error "
        "L = (σ − y)² for a target y: one more node. The gradient now starts at L with 1 and "
        "reaches σ as 2(σ − y); every gradient below is σ's times that."
    )
    target, _ = st.columns([1, 2])
    with target:
        values["y"] = SETTINGS.widget("y")
    x, w = xw(values)
    graph = neuron.graph(x, w, values["y"])
    _walk_graph(graph, "backprop.loss", ("loss", x, w, values["y"]), start=len(graph.nodes) - 1)


def _remember_check(signature: tuple) -> None:
    st.session_state[CHECKED] = signature


def check_section(values: dict) -> None:
    """Choose an input, press the button: backprop's partial beside a central difference."""
    st.markdown("#### Check a partial")
    st.write(
        "Backprop can be checked without any calculus: nudge one input by ±h and watch the "
        "loss. The central difference (L(θ + h) − L(θ − h)) / 2h misses the true slope by "
        "about h²; a tiny h loses digits to rounding instead."
    )
    left, middle, right = st.columns([1, 1.4, 1], vertical_alignment="bottom")
    with left:
        wrt = values["wrt"] = SETTINGS.widget("wrt")
    with middle:
        h = values["h"] = SETTINGS.widget("h")
    x, w = xw(values)
    signature = (x, w, values["y"], wrt, h)
    right.button("Check this partial", key="backprop.check", type="primary",
                 on_click=_remember_check, args=(signature,), width="stretch")  # fmt: skip
    if st.session_state.get(CHECKED) != signature:
        return
    result = neuron.check(x, w, values["y"], wrt, h)
    label = text.PLAIN[wrt]
    cells = st.columns(3)
    cells[0].metric(f"Backprop ∂L/∂{label}", f"{result.backprop:.10g}")
    cells[1].metric("Central difference", f"{result.numeric:.10g}")
    cells[2].metric("Backprop − central difference", f"{result.difference:.2e}")
    st.latex(text.check(result))


def step_section(values: dict) -> None:
    """One gradient step on the weights, written out, and the loss after it."""
    st.markdown("#### One gradient step")
    st.write(
        "Backprop gave ∂L/∂w for every weight at once: step against it, exactly as on the "
        "first page. Only the weights move; x is the data. (∂L/∂x is what a deeper network "
        "hands on to the layer below.)"
    )
    rate, _ = st.columns([1, 2])
    with rate:
        values["lr"] = SETTINGS.widget("lr")
    x, w = xw(values)
    step = neuron.gradient_step(x, w, values["y"], values["lr"])
    st.latex(text.update(step))
    st.caption("w = (w₀, w₁, w₂), the last one the bias b.")
    st.latex(text.losses(step))
    if step.new_loss < step.loss:
        st.write(f"The loss fell by {step.loss - step.new_loss:.4g}: the step went downhill.")
    else:
        st.write("The loss rose: this α overshoots. Try a smaller one.")
