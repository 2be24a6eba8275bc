"""Words and formulas of the section "A network learns": one neuron's formula with its weights
filled in, the names of the neurons, and what a training's end says."""

from __future__ import annotations

import numpy as np

from gdgame.engine.network import Network

LATEX_ACTIVATIONS = {"tanh": r"\tanh", "relu": r"\operatorname{ReLU}", "sigmoid": r"\sigma",
                     "linear": ""}  # fmt: skip
PER_LINE = 4  # terms of a neuron's sum on one line of its formula
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
CROSS_ENTROPY = (r"L = -\frac{1}{n}\sum_{i=1}^{n}\Big[\,y_i \log \hat y_i + (1 - y_i)"
                 r"\log(1 - \hat y_i)\Big] + \frac{\lambda}{2}\sum W^2,\qquad"
                 r"\hat y_i = \sigma(z_i) = \frac{1}{1 + e^{-z_i}}")  # fmt: skip


def number(value: float) -> str:
    """``value`` to four significant digits, in LaTeX (1.2 \\times 10^{-5}, never 1.2e-05)."""
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def neuron_names(sizes: list[int]) -> list[list[str]]:
    """Each layer's neurons in words: x₁ and x₂, "layer 2, neuron 3", the output ŷ."""
    inputs = [f"x{str(i + 1).translate(SUBSCRIPTS)}" for i in range(sizes[0])]
    hidden = [[f"layer {layer}, neuron {j + 1}" for j in range(n)]
              for layer, n in enumerate(sizes[1:-1], 1)]  # fmt: skip
    return [inputs, *hidden, ["the output ŷ"]]


def choices(layers: int, neurons: int) -> list[str]:
    """The neurons a reader can pick: "1.1" … "<layers>.<neurons>", then "out"."""
    return [f"{layer}.{j}" for layer in range(1, layers + 1)
            for j in range(1, neurons + 1)] + ["out"]  # fmt: skip


def choice_words(choice: str) -> str:
    if choice == "out":
        return "the output ŷ"
    layer, j = choice.split(".")
    return f"layer {layer}, neuron {j}"


def _input(layer: int, i: int) -> str:
    return f"x_{{{i + 1}}}" if layer == 1 else f"a^{{({layer - 1})}}_{{{i + 1}}}"


def _sum(weights: np.ndarray, bias: float, layer: int) -> list[str]:
    """w₁·a₁ + w₂·a₂ + … + b with the numbers, as terms (each with its sign but the first)."""
    terms = []
    for i, w in enumerate(weights):
        text = rf"{number(abs(w))}\,{_input(layer, i)}"
        terms.append(f"- {text}" if w < 0 else text if not terms else f"+ {text}")
    terms.append(f"{'-' if bias < 0 else '+'} {number(abs(bias))}")
    return terms


def _lines(head: str, terms: list[str], wrap: str) -> str:
    """``head = wrap(terms)``, the weights ``PER_LINE`` to a line (eight inputs do not fit one),
    the bias last."""
    weights, bias = terms[:-1], terms[-1]
    rows = [" ".join(weights[i : i + PER_LINE]) for i in range(0, len(weights), PER_LINE)]
    rows[-1] += f" {bias}"
    opening, closing = (rf"{wrap}\Big(", r"\Big)") if wrap else ("", "")
    if len(rows) == 1:
        return f"{head} = {opening}{rows[0]}{closing}"
    body = r" \\ &\qquad ".join(rows)
    return rf"\begin{{aligned}} {head} &= {opening}{body}{closing} \end{{aligned}}"


def neuron_formula(net: Network, params: np.ndarray, choice: str) -> list[str]:
    """The chosen neuron's formula in LaTeX: the rule, then with its weights and bias."""
    layers = net.layers(params, 2)
    if choice == "out":
        W, b = layers[-1]
        last = len(layers)
        rule = (r"z = \sum_i w_i\,a^{(" + str(last - 1) + r")}_i + b,\qquad"
                r"\hat y = \sigma(z) = P(\text{class } 1)")  # fmt: skip
        return [rule, _lines("z", _sum(W[:, 0], float(b[0]), last), "")]
    layer, j = (int(v) for v in choice.split("."))
    W, b = layers[layer - 1]
    f = LATEX_ACTIVATIONS[net.activation]
    inputs = "x_i" if layer == 1 else rf"a^{{({layer - 1})}}_i"
    symbols = rf"\sum_i w_{{i{j}}}\,{inputs} + b_{{{j}}}"
    target = rf"a^{{({layer})}}_{{{j}}}"
    rule = rf"{target} = {f}\Big({symbols}\Big)" if f else f"{target} = {symbols}"
    return [rule, _lines(target, _sum(W[:, j - 1], float(b[j - 1]), layer), f)]


def identical(net: Network, params: np.ndarray) -> float:
    """The largest difference between two neurons of one hidden layer: their incoming
    weights and their biases (0 when every neuron of each layer is the same)."""
    gaps = [0.0]
    for W, b in net.layers(params, 2)[:-1]:
        gaps.append(float(np.abs(W - W[:, :1]).max()))
        gaps.append(float(np.abs(b - b[0]).max()))
    return max(gaps)


def ending(status: str, diverged_at: int, per_epoch: int) -> str:
    """How a training that diverged ended, in words (empty if it did not)."""
    if status != "diverged":
        return ""
    epoch = (diverged_at - 1) // per_epoch + 1
    shown = ("as it started, before any update" if epoch == 1 else
             f"after epoch {epoch - 1}, the last whole one")  # fmt: skip
    return (
        f"Training **diverged at update {diverged_at}** (in epoch {epoch}): the next step "
        "would have sent the weights beyond every bound, so training stopped there. Take "
        f"a smaller learning rate. Everything below shows the network {shown}."
    )
