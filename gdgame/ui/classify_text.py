"""Words and formulas of the classifying lesson with the numbers filled in (pure functions,
tested on their own): one example's cross-entropy, how descent ended, the exact optimum."""

from __future__ import annotations

import numpy as np

from gdgame.engine import descent, models, optima
from gdgame.ui.home import num

EXAMPLE_KINDS = ("closest", "surest", "hardest")


def example_of(kind: str, X: np.ndarray, y: np.ndarray, params: np.ndarray) -> int:
    """The index of the example of ``kind`` under the model ``params`` (one feature): the
    closest call (ŷ nearest ½), the surest (lowest loss) or the hardest (highest loss)."""
    z = models.LogisticRegression().logits(np.asarray(params, dtype=np.float64), X)
    losses = np.logaddexp(0.0, z) - y * z
    if kind == "closest":
        return int(np.argmin(np.abs(z)))
    return int(np.argmin(losses) if kind == "surest" else np.argmax(losses))


def _chance(p: float, q: float) -> str:
    """A probability p (q = 1 − p, computed on its own) readable near 1: "1 − 1.3 × 10⁻⁵"."""
    return num(p) if p <= 0.999 else rf"1 - {num(q)}"


def cross_entropy_lines(w: float, b: float, x: float, y: int) -> list[str]:
    """The score, the probability and the cross-entropy of one example, in LaTeX."""
    z = w * x + b
    p, q = float(models.sigmoid(z)), float(models.sigmoid(-z))  # ŷ and 1 − ŷ, each exact
    loss = float(np.logaddexp(0.0, z) - y * z)
    yhat, rest = _chance(p, q), _chance(q, p)
    return [
        rf"z = w x + b = {num(w)} \times ({num(x)}) + ({num(b)}) = {num(z)}",
        rf"\hat y = \sigma(z) = \frac{{1}}{{1 + e^{{-z}}}} = {yhat},\qquad 1 - \hat y = {rest}",
        r"L = -\sum_k y_k \log \hat y_k = -[\,y \log \hat y + (1 - y) \log(1 - \hat y)\,]",
        rf"L = -[\,{y} \cdot \log({yhat}) + {1 - y} \cdot \log({rest})\,] = {num(loss)}",
    ]


def _params(p: np.ndarray) -> str:
    """The parameters in words: "w = 5.472, b = 0.5744" or "w = (−2.6, 10.9), b = 0.32"."""
    w = p[:-1]
    shown = f"{w[0]:.4g}" if len(w) == 1 else "(" + ", ".join(f"{v:.4g}" for v in w) + ")"
    return f"w = {shown}, b = {p[-1]:.4g}"


def ending(name: str, lr: float, run: descent.Run, how: str) -> str:
    """How a descent run on (w, b) ended, in Markdown: where, and at what loss."""
    return (f"**{name}** (α = {lr:g}, from w = {run.points[0, 0]:.4g}, "
            f"b = {run.points[0, 1]:.4g}) {how}, at {_params(run.final)}, "
            f"loss {float(run.final_loss):.4g}.")  # fmt: skip


def optimum_words(best: optima.Optimum, model: models.LogisticRegression, X: np.ndarray,
                  y: np.ndarray, mark: str = "") -> str:  # fmt: skip
    """The exact optimum in Markdown (``mark``: how the chart marks it), or that there is
    none."""
    if not best.finite:
        return ("There is **no finite optimum**: the classes are separable, so the loss only "
                f"falls towards 0 as ‖w‖ grows (Newton's method saw it in {best.iterations} "
                "iterations).")  # fmt: skip
    right = int(np.sum(models.classify(model, best.params, X) == y))
    return (f"**The exact optimum** (Newton's method{mark}): {_params(best.params)}, loss "
            f"{best.loss:.4g}, with {right} of {len(y)} right.")  # fmt: skip
