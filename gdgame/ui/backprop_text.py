"""The backprop lesson's words and formulas: each step of a walk through the neuron's graph, the
finite-difference check and the gradient step, written out in LaTeX with their numbers."""

from __future__ import annotations

from gdgame.engine.neuron import Check, Graph, Node, Step
from gdgame.ui.home import num

TEX = {"w0": "w_0", "x0": "x_0", "w1": "w_1", "x1": "x_1", "w2": "w_2", "m0": "m_0",
       "m1": "m_1", "sum": "s", "z": "z", "sigma": r"\sigma", "loss": "L"}  # fmt: skip
FORMULAS = {"m0": "w_0 x_0", "m1": "w_1 x_1", "sum": "m_0 + m_1", "z": "s + w_2",
            "sigma": r"\frac{1}{1 + e^{-z}}", "loss": r"(\sigma - y)^2"}  # fmt: skip
LOCALS = {"m0": ("x_0", "w_0"), "m1": ("x_1", "w_1"), "sum": ("1", "1"), "z": ("1", "1"),
          "sigma": (r"\sigma(1 - \sigma)",), "loss": (r"2(\sigma - y)",)}  # fmt: skip
PLAIN = {"w0": "w₀", "x0": "x₀", "w1": "w₁", "x1": "x₁", "w2": "w₂", "m0": "m₀", "m1": "m₁",
         "sum": "s", "z": "z", "sigma": "σ", "loss": "L"}  # fmt: skip


def p(value: float) -> str:
    """A number for a formula, in brackets if it is negative."""
    return f"({num(value)})" if value < 0 else num(value)


def partial(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {TEX[top]}}}{{\partial {TEX[bottom]}}}"


def _filled(graph: Graph, node: Node) -> str:
    """The node's formula with its inputs' values in place."""
    a, *rest = (graph.value(i) for i in node.inputs)
    if node.op == "mul":
        return rf"{p(a)} \times {p(rest[0])}"
    if node.op == "add":
        return rf"{num(a)} + {p(rest[0])}"
    if node.op == "sigmoid":
        return rf"\frac{{1}}{{1 + e^{{-{p(a)}}}}}"
    return rf"({num(a)} - {p(graph.y)})^2"


def forward_step(graph: Graph, node: Node) -> str:
    """A forward step: the node's value from its inputs'."""
    return (rf"{TEX[node.name]} = {FORMULAS[node.name]} = {_filled(graph, node)} "
            rf"= {num(node.value)}")  # fmt: skip


def backward_step(graph: Graph, node: Node) -> str:
    """A backward step: for each input, local derivative × gradient from above."""
    out = graph.output.name
    lines = []
    if node.name == out:
        lines.append(
            rf"{partial(out, out)} &= 1 \quad \text{{(the output: where the gradient starts)}}"
        )
    above = rf"\underbrace{{{partial(out, node.name)}}}_{{\text{{from above}}}}"
    for name, symbol, local, product in zip(node.inputs, LOCALS[node.name], node.local,
                                            node.products, strict=True):  # fmt: skip
        local_part = rf"\underbrace{{{partial(node.name, name)}}}_{{\text{{local}}}}"
        chain = [rf"{symbol} \times {p(node.upstream)}"] if symbol != num(local) else []
        chain += [rf"{p(local)} \times {p(node.upstream)}", num(product)]
        lines.append(rf"{partial(out, name)} &= {local_part}\;{above} = " + " = ".join(chain))
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def status(graph: Graph, forward: int, backward: int, start: int = 0) -> str:
    """Where the walk is, in words."""
    nodes, total = graph.nodes, len(graph.nodes)
    if backward == total:
        return "Done: every input has its gradient (the vermillion numbers on the left)."
    if backward:
        node = nodes[total - backward]
        givers = " and ".join(PLAIN[i] for i in node.inputs)
        return (f"Backward pass, step {backward} of {total}: {PLAIN[node.name]} hands its "
                f"gradient back to {givers}.")  # fmt: skip
    if forward == total:
        return "The forward pass is done. Step on: the gradients flow back from the output."
    if forward > start:
        node = nodes[forward - 1]
        return f"Forward pass, step {forward - start} of {total - start}: {PLAIN[node.name]}."
    if start:
        return "The neuron's forward pass is the one above: press Step to compute the loss."
    return "Press Step: the forward pass computes each node from its inputs, left to right."


def explain(graph: Graph, forward: int, backward: int, start: int = 0) -> str | None:
    """The walk's last step written out, or None before its first (after ``start`` forward
    steps done before it)."""
    if backward:
        return backward_step(graph, graph.nodes[len(graph.nodes) - backward])
    return forward_step(graph, graph.nodes[forward - 1]) if forward > start else None


def gradients(graph: Graph, names: tuple[str, ...]) -> str:
    """The output's gradient over some inputs, as a row vector with its numbers."""
    out = TEX[graph.output.name]
    below = ", ".join(TEX[k] for k in names)
    row = ", ".join(num(graph.grads[k]) for k in names)
    return rf"\frac{{\partial {out}}}{{\partial ({below})}} = ({row})"


def check(c: Check, out: str = "L") -> str:
    """The central difference with its numbers, beside backprop's value."""
    at = TEX[c.wrt]
    return (
        rf"\frac{{{out}({at} + h) - {out}({at} - h)}}{{2h}} = "
        rf"\frac{{{c.above:.12g} - {c.below:.12g}}}{{{num(2 * c.h)}}} = {c.numeric:.10g}"
    )


def _column(values: tuple[float, ...]) -> str:
    return r"\begin{pmatrix} " + r" \\ ".join(num(v) for v in values) + r" \end{pmatrix}"


def update(step: Step) -> str:
    """w ← w − α ∂L/∂w for w = (w₀, w₁, w₂), symbols first, then the numbers."""
    return (
        rf"w \leftarrow w - \alpha \frac{{\partial L}}{{\partial w}}:\qquad {_column(step.w)} "
        rf"- {num(step.lr)} {_column(step.grad)} = {_column(step.new_w)}"
    )


def losses(step: Step) -> str:
    return rf"L = {num(step.loss)} \;\to\; L = {num(step.new_loss)}"
