"""One neuron's computational graph (`gdgame.engine.neuron`), drawn as CS231n draws it.

Inputs on the left; each operation a circle; beside each operation a card with its value, the
gradient arriving from above, and for each input its local derivative × that gradient = the
gradient it hands back. ``forward`` operations have their values (in forward order) and
``backward`` have had their backward step (from the output back); the rest wait in grey. Values
are blue, gradients vermillion. The operations are one trace and the inputs another, each
point's id its name in the engine and its exact numbers in ``customdata`` as far as shown (what
the tests check). Plain dicts, few traces, one `go.Figure` call: a Step rebuilds it.
"""

from __future__ import annotations

import plotly.graph_objects as go

from gdgame.engine.neuron import Graph, Node
from gdgame.figures.style import COLORS, FONT_SIZE

VALUE, GRADIENT, ACTIVE, WAITING = COLORS["curve"], COLORS["point"], COLORS["tangent"], "#bbbbbb"
CARD_FONT = FONT_SIZE - 1
# where each input and operation sits, and on which side of its node an operation's card goes
POSITIONS = {
    "w0": (0.0, 4.4), "x0": (0.0, 3.4), "w1": (0.0, 1.6), "x1": (0.0, 0.6), "w2": (0.0, -0.6),
    "m0": (1.3, 3.9), "m1": (1.3, 1.1), "sum": (2.6, 2.5), "z": (3.9, 1.2), "sigma": (5.2, 1.2),
    "loss": (6.5, 1.2),
}  # fmt: skip
CARD_ABOVE = {"m0": True, "m1": True, "sum": True, "z": False, "sigma": True, "loss": False}
NAMES = {"w0": "w₀", "x0": "x₀", "w1": "w₁", "x1": "x₁", "w2": "w₂", "m0": "m₀", "m1": "m₁",
         "sum": "s", "z": "z", "sigma": "σ", "loss": "L"}  # fmt: skip
FORMULAS = {"m0": "w₀·x₀", "m1": "w₁·x₁", "sum": "m₀ + m₁", "z": "s + w₂", "sigma": "σ(z)",
            "loss": "(σ − y)²"}  # fmt: skip
SYMBOLS = {"mul": "×", "add": "+", "sigmoid": "σ", "square_error": "L"}
LOCALS = {"m0": ("x₀", "w₀"), "m1": ("x₁", "w₁"), "sum": ("1", "1"), "z": ("1", "1"),
          "sigma": ("σ(1 − σ)",), "loss": ("2(σ − y)",)}  # fmt: skip


def n(value: float, digits: int = 3) -> str:
    """A number as the figure writes it: ``digits`` significant digits, a true minus sign."""
    return f"{value:.{digits}g}".replace("-", "−")


def _bracket(value: float) -> str:
    return f"({n(value)})" if value < 0 else n(value)


def _color(text: str, color: str) -> str:
    return f"<span style='color:{color}'>{text}</span>"


def _dx(out: str, name: str) -> str:
    return f"∂{NAMES[out]}/∂{NAMES[name]}"


def card(node: Node, backward: bool) -> str:
    """The operation's card: its value; once its backward step is done, the gradient from
    above and, per input, local × from above = what the input gets."""
    head = f"{NAMES[node.name]} = {FORMULAS[node.name]} = {n(node.value)}"
    lines = [_color(f"<b>{head}</b>", VALUE)]
    if backward:
        lines.append(_color(f"from above {n(node.upstream)}", GRADIENT))
        for name, local, product in zip(node.inputs, node.local, node.products, strict=True):
            lines.append(f"{NAMES[name]}: {n(local)} × {_bracket(node.upstream)} = "
                         + _color(f"<b>{n(product)}</b>", GRADIENT))  # fmt: skip
    return "<br>".join(lines)


def hover(node: Node, out: str, forward: bool, backward: bool) -> str:
    """Everything about an operation, with six digits."""
    head = f"<b>{NAMES[node.name]} = {FORMULAS[node.name]}</b>"
    if not forward:
        return head + "<br>not computed yet: press Step"
    lines = [head + f" = {n(node.value, 6)}"]
    if not backward:
        return "<br>".join([*lines, "its gradient comes on the backward pass"])
    for name, symbol, local in zip(node.inputs, LOCALS[node.name], node.local, strict=True):
        lines.append(f"local {_dx(node.name, name)} = {symbol} = {n(local, 6)}")
    lines.append(f"from above {_dx(out, node.name)} = {n(node.upstream, 6)}")
    for name, product in zip(node.inputs, node.products, strict=True):
        lines.append(f"product {_dx(out, name)} = {n(product, 6)}")
    return "<br>".join(lines)


def _edges(graph: Graph, forward: int, backward: int) -> list[dict]:
    """Each input joined to its operation: grey until computed, blue once its value has gone
    forward, vermillion once its gradient has come back."""
    groups: dict[str, list] = {WAITING: [], VALUE: [], GRADIENT: []}
    last = len(graph.nodes)
    for i, node in enumerate(graph.nodes):
        color = GRADIENT if i >= last - backward else VALUE if i < forward else WAITING
        (x1, y1) = POSITIONS[node.name]
        for name in node.inputs:
            x0, y0 = POSITIONS[name]
            groups[color].append(((x0, x1, None), (y0, y1, None)))
    return [{"type": "scatter", "x": [v for xs, _ in seg for v in xs],
             "y": [v for _, ys in seg for v in ys],
             "mode": "lines", "name": "edges", "hoverinfo": "skip", "showlegend": False,
             "line": {"color": color, "width": 4 if color == GRADIENT else 3}}
            for color, seg in groups.items() if seg]  # fmt: skip


def _operations(graph: Graph, forward: int, done_back: set[str], active: str | None) -> dict:
    """Every operation as one trace: a circle with its symbol, grey, blue once computed,
    vermillion once its backward step is done, ringed in orange if it is the last step.
    ``customdata`` holds each one's exact [value, upstream, local, product, …] as far as shown."""
    out, fills, rings, widths, numbers, hovers = graph.output.name, [], [], [], [], []
    for i, node in enumerate(graph.nodes):
        shown, back = i < forward, node.name in done_back
        fills.append("#fbe3d6" if back else "#d7e8f5" if shown else "#f2f2f2")
        ring = GRADIENT if back else VALUE if shown else WAITING
        rings.append(ACTIVE if node.name == active else ring)
        widths.append(6 if node.name == active else 3)
        pairs = (v for pair in zip(node.local, node.products, strict=True) for v in pair)
        numbers.append(([node.value] + ([node.upstream, *pairs] if back else [])) if shown else [])
        hovers.append(hover(node, out, shown, back))
    return {"type": "scatter", "name": "operations", "mode": "markers+text",
            "ids": [node.name for node in graph.nodes],
            "x": [POSITIONS[node.name][0] for node in graph.nodes],
            "y": [POSITIONS[node.name][1] for node in graph.nodes],
            "text": [SYMBOLS[node.op] for node in graph.nodes],
            "textfont": {"size": FONT_SIZE + 6}, "hovertext": hovers, "hoverinfo": "text",
            "customdata": numbers, "showlegend": False,
            "marker": {"size": 54, "color": fills,
                       "line": {"color": rings, "width": widths}}}  # fmt: skip


def _inputs(graph: Graph, given: set[str]) -> dict:
    """Every input as one trace: its value and, once its gradient has come back (``given``),
    the gradient, written to its left; ``customdata`` [value] or [value, gradient]."""
    names, texts, numbers = list(graph.inputs), [], []
    for name in names:
        value, grad = graph.inputs[name], graph.grads[name]
        label = f"{NAMES[name]} = {n(value)}" + (" (bias b)" if name == "w2" else "")
        text = _color(f"<b>{label}</b>", VALUE)
        if name in given:
            text += "<br>" + _color(f"<b>{_dx(graph.output.name, name)} = {n(grad)}</b>",
                                    GRADIENT)  # fmt: skip
        texts.append(text)
        numbers.append([value, grad] if name in given else [value])
    return {"type": "scatter", "name": "inputs", "mode": "markers+text", "ids": names,
            "x": [POSITIONS[k][0] for k in names], "y": [POSITIONS[k][1] for k in names],
            "text": texts, "textposition": "middle left", "hovertext": texts,
            "hoverinfo": "text", "customdata": numbers, "showlegend": False,
            "marker": {"size": 10, "color": VALUE}}  # fmt: skip


def _card_note(node: Node, backward: bool, active: bool) -> dict:
    """The operation's card beside it, above or below, framed in orange if it is the last step."""
    (x, y), above = POSITIONS[node.name], CARD_ABOVE[node.name]
    return {"name": f"card {node.name}", "x": x, "y": y, "text": card(node, backward),
            "showarrow": False, "align": "left", "yanchor": "bottom" if above else "top",
            "yshift": 32 if above else -32, "font": {"size": CARD_FONT},
            "bgcolor": "rgba(255,255,255,0.9)", "bordercolor": ACTIVE if active else "#dddddd",
            "borderwidth": 2, "borderpad": 4}  # fmt: skip


def graph_figure(graph: Graph, forward: int, backward: int, *, height: int = 540) -> go.Figure:
    """The graph after ``forward`` operations' forward steps and ``backward`` backward steps
    (0 ≤ backward ≤ forward = len(graph.nodes) once backward starts); the last step ringed."""
    nodes = graph.nodes
    done_back = {node.name for node in nodes[len(nodes) - backward :]} if backward else set()
    active = nodes[-backward].name if backward else nodes[forward - 1].name if forward else None
    given = {name for node in nodes if node.name in done_back for name in node.inputs}
    data = [*_edges(graph, forward, backward), _operations(graph, forward, done_back, active),
            _inputs(graph, given)]  # fmt: skip
    notes = [_card_note(node, node.name in done_back, node.name == active)
             for node in nodes[:forward]]  # fmt: skip
    right = max(POSITIONS[node.name][0] for node in nodes)
    axis = {"visible": False, "fixedrange": True}
    spec = {
        "font": {"size": FONT_SIZE}, "height": height, "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "showlegend": False,
        "xaxis": {**axis, "range": [-1.4, right + 0.9]},
        "yaxis": {**axis, "range": [-1.2, 6.0]}, "annotations": notes,
        "hoverlabel": {"font": {"size": FONT_SIZE}},
    }  # fmt: skip
    return go.Figure(data=data, layout=spec)
