"""Words and formulas with the run's numbers filled in (no Streamlit calls: pure strings)."""

from __future__ import annotations

import numpy as np

from gdgame.engine.descent import Run
from gdgame.engine.landscape import Curve


def num(value: float) -> str:
    """A number for a formula: 4 significant digits, no exponent noise for ordinary sizes."""
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def derivative(curve: Curve, x: float, slope: float) -> str:
    """The slope at x, in LaTeX."""
    return (
        rf"x = {num(x)},\quad y = {num(float(curve.f(x)))},\quad "
        rf"\left.\frac{{dy}}{{dx}}\right|_{{x = {num(x)}}} = {num(slope)}"
    )


def update(x: float, lr: float, slope: float, x_next: float) -> str:
    """The gradient-descent update with the numbers filled in, in LaTeX."""
    return (
        r"x \leftarrow x - \alpha \frac{dy}{dx} = "
        rf"{num(x)} - {num(lr)} \times ({num(slope)}) = {num(x_next)}"
    )


def stop_title(run: Run) -> str:
    """A few words for the chart: how the run ended."""
    if run.status == "converged":
        return f"converged in {run.steps} steps"
    if run.status == "diverged":
        return f"diverged at step {run.diverged_at}"
    return f"not there after {run.steps} steps"


def stop_reason(run: Run, tol: float, max_steps: int) -> str:
    """Which stopping rule ended the run, and why, in Markdown."""
    slope = f"{run.final_grad_norm:.2g}"
    if run.status == "converged":
        return (f"**Stopped by the tolerance rule** after {run.steps} steps: "
                f"|dy/dx| = {slope} is below {tol:g}, so we are at the bottom.")  # fmt: skip
    if run.status == "diverged":
        return (f"**Diverged at step {run.diverged_at}**: every step overshoots the minimum "
                "by more than the last, so x runs away. Try a smaller α.")  # fmt: skip
    return (f"**Stopped by the step limit** after {max_steps} steps: |dy/dx| = {slope} is "
            f"still above {tol:g}. Allow more steps, or a larger α.")  # fmt: skip


def step_table(run: Run, shown: int, lr: float) -> dict[str, list[float]]:
    """The points reached so far: x, y, dy/dx, and the size of the step taken from there."""
    x = run.points[: shown + 1, 0]
    slope = run.grads[: shown + 1, 0]
    return {
        "step": list(range(shown + 1)),
        "x": x.tolist(),
        "y = f(x)": run.losses[: shown + 1].tolist(),
        "dy/dx": slope.tolist(),
        "step from here α·|dy/dx|": np.abs(lr * slope).tolist(),
    }
