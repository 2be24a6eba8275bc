"""One neuron, σ(w₀x₀ + w₁x₁ + w₂), as a computational graph: forward and backward by hand.

The graph is CS231n's ("Backpropagation, Intuitions"), node by node in forward order, each
operation beside its local derivatives (w₂ is the bias b):

    m₀ = w₀·x₀             ∂m₀/∂w₀ = x₀,   ∂m₀/∂x₀ = w₀
    m₁ = w₁·x₁             ∂m₁/∂w₁ = x₁,   ∂m₁/∂x₁ = w₁
    s  = m₀ + m₁           ∂s/∂m₀ = 1,     ∂s/∂m₁ = 1
    z  = s + w₂            ∂z/∂s = 1,      ∂z/∂w₂ = 1
    σ  = 1 / (1 + e⁻ᶻ)     ∂σ/∂z = σ(1 − σ)
    L  = (σ − y)²          ∂L/∂σ = 2(σ − y)          (only when a target y is given)

The output is L with a target y, else σ itself (CS231n's example: its gradients are σ's).
Backward, the output's gradient with respect to itself is 1; each node, from the output back,
hands each of its inputs the gradient arriving from above (the upstream gradient ∂out/∂node)
times its local derivative ∂node/∂input: the chain rule. An input used by several nodes would
sum what they hand it; in this graph each is used once.

Plain floats in float64; no NumPy needed for five numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gdgame.engine.validate import real_in

LEAVES = ("w0", "x0", "w1", "x1", "w2")  # the graph's inputs, top to bottom as CS231n draws them
WEIGHTS = ("w0", "w1", "w2")  # what a gradient step changes (w₂ is the bias)
BOUND = 1e6  # the largest input, weight or target the engine takes
# (name, operation, inputs) in forward order; the loss node comes last when there is a target
GRAPH = (
    ("m0", "mul", ("w0", "x0")),
    ("m1", "mul", ("w1", "x1")),
    ("sum", "add", ("m0", "m1")),
    ("z", "add", ("sum", "w2")),
    ("sigma", "sigmoid", ("z",)),
)
LOSS = ("loss", "square_error", ("sigma",))


@dataclass(frozen=True)
class Node:
    """One operation of the graph after the forward and the backward pass.

    ``local[i]`` is ∂node/∂inputs[i]; ``upstream`` is ∂out/∂node, the gradient arriving from
    above; ``products[i] = upstream · local[i]`` is ∂out/∂inputs[i], what the node hands back.
    """

    name: str
    op: str  # "mul", "add", "sigmoid" or "square_error"
    inputs: tuple[str, ...]
    value: float
    local: tuple[float, ...]
    upstream: float

    @property
    def products(self) -> tuple[float, ...]:
        """Upstream × local, one per input: the chain rule's product."""
        return tuple(self.upstream * d for d in self.local)


@dataclass(frozen=True)
class Graph:
    """The neuron's graph: its inputs, its nodes in forward order (the output last), and the
    output's gradient with respect to every input and node (``grads``)."""

    inputs: dict[str, float]
    y: float | None
    nodes: tuple[Node, ...]
    grads: dict[str, float]

    @property
    def output(self) -> Node:
        return self.nodes[-1]

    def node(self, name: str) -> Node:
        return next(n for n in self.nodes if n.name == name)

    def value(self, name: str) -> float:
        """An input's or a node's forward value."""
        return self.inputs[name] if name in self.inputs else self.node(name).value


def sigmoid(z: float) -> float:
    """1 / (1 + e⁻ᶻ), without overflow for any z."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _operations(y: float | None) -> dict[str, Callable[..., tuple[float, tuple[float, ...]]]]:
    """Each operation: its value and its local derivatives from its inputs' values."""

    def square_error(s: float) -> tuple[float, tuple[float, ...]]:
        return (s - y) ** 2, (2.0 * (s - y),)

    def sig(z: float) -> tuple[float, tuple[float, ...]]:
        s = sigmoid(z)
        return s, (s * (1.0 - s),)

    return {
        "mul": lambda a, b: (a * b, (b, a)),
        "add": lambda a, b: (a + b, (1.0, 1.0)),
        "sigmoid": sig,
        "square_error": square_error,
    }


def leaves(x: Sequence[float], w: Sequence[float]) -> dict[str, float]:
    """The graph's inputs by name from x = (x₀, x₁) and w = (w₀, w₁, w₂), checked."""
    if len(x) != 2 or len(w) != 3:
        raise ValueError(f"Invalid neuron: x needs 2 numbers and w 3, got {len(x)} and {len(w)}")
    named = {"w0": w[0], "x0": x[0], "w1": w[1], "x1": x[1], "w2": w[2]}
    return {k: real_in(v, -BOUND, BOUND, k) for k, v in named.items()}


def _target(y: float | None) -> float | None:
    return None if y is None else real_in(y, -BOUND, BOUND, "target y")


def _graph(inputs: dict[str, float], y: float | None) -> Graph:
    """Forward in `GRAPH` order, then backward from the output with gradient 1."""
    ops, values, local = _operations(y), dict(inputs), {}
    spec = GRAPH + ((LOSS,) if y is not None else ())
    for name, op, ins in spec:
        values[name], local[name] = ops[op](*(values[i] for i in ins))
    grads = dict.fromkeys(values, 0.0)
    grads[spec[-1][0]] = 1.0
    for name, _, ins in reversed(spec):
        for i, d in zip(ins, local[name], strict=True):
            grads[i] += grads[name] * d
    nodes = tuple(Node(name, op, ins, values[name], local[name], grads[name])
                  for name, op, ins in spec)  # fmt: skip
    return Graph(dict(inputs), y, nodes, grads)


def graph(x: Sequence[float], w: Sequence[float], y: float | None = None) -> Graph:
    """The neuron σ(w₀x₀ + w₁x₁ + w₂) forward and backward; with a target y, through the
    squared error L = (σ − y)² too, and then every gradient is L's."""
    return _graph(leaves(x, w), _target(y))


@dataclass(frozen=True)
class Check:
    """A backprop partial beside its central difference (f(θ + h) − f(θ − h)) / 2h."""

    wrt: str
    h: float
    backprop: float
    above: float  # f(θ + h)
    below: float  # f(θ − h)

    @property
    def numeric(self) -> float:
        return (self.above - self.below) / (2.0 * self.h)

    @property
    def difference(self) -> float:
        """backprop − numeric: O(h²) from the difference, plus rounding of order ε·|f|/h."""
        return self.backprop - self.numeric


def check(x: Sequence[float], w: Sequence[float], y: float | None, wrt: str,
          h: float = 1e-5) -> Check:  # fmt: skip
    """∂out/∂wrt by backprop and by a central difference over the input ``wrt`` with step h."""
    if wrt not in LEAVES:
        raise ValueError(f"Invalid input: {wrt!r} (must be one of {', '.join(LEAVES)})")
    h, inputs, y = real_in(h, 1e-12, 1.0, "step h"), leaves(x, w), _target(y)

    def out(shift: float) -> float:
        return _graph({**inputs, wrt: inputs[wrt] + shift}, y).output.value

    return Check(wrt, h, _graph(inputs, y).grads[wrt], out(h), out(-h))


@dataclass(frozen=True)
class Step:
    """One gradient step on the weights: w ← w − α·∂L/∂w, and the loss before and after."""

    w: tuple[float, float, float]
    grad: tuple[float, float, float]
    lr: float
    new_w: tuple[float, float, float]
    loss: float
    new_loss: float


def gradient_step(x: Sequence[float], w: Sequence[float], y: float, lr: float) -> Step:
    """One step of gradient descent on L = (σ(w₀x₀ + w₁x₁ + w₂) − y)² over (w₀, w₁, w₂);
    the inputs x are data and stay."""
    lr = real_in(lr, 0.0, BOUND, "learning rate")
    before = graph(x, w, y)
    old = tuple(before.inputs[k] for k in WEIGHTS)
    grad = tuple(before.grads[k] for k in WEIGHTS)
    new = tuple(v - lr * g for v, g in zip(old, grad, strict=True))
    after = _graph({**before.inputs, **dict(zip(WEIGHTS, new, strict=True))}, before.y)
    return Step(old, grad, lr, new, before.output.value, after.output.value)
