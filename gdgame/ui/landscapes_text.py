"""The loss-landscape page's words about its own numbers: what was measured, and whether the
contrast the lesson claims shows at this setting (it is said honestly when it does not)."""

from __future__ import annotations

import math

import numpy as np

from gdgame.engine.loss_landscape import local_minima

COIN = math.log(2)  # the loss of a network that answers 50 % for every point
SMOOTH = 4  # at most this many local minima on a 41 × 41 plane: a smooth plane
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def big(x: float) -> str:
    """A number for reading: three significant digits, and a power of ten where Python's
    format would write an exponent (1e+04 is written 1 × 10⁴)."""
    said = f"{x:.3g}"
    if "e" not in said or not math.isfinite(x):
        return said
    exponent = math.floor(math.log10(abs(x)))
    mantissa = round(x / 10**exponent, 2)
    if abs(mantissa) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:g} × 10{str(exponent).translate(SUPERSCRIPTS)}"


def measured(plain: tuple[int, float], skips: tuple[int, float]) -> str:
    """Both planes' local minima and largest losses, in one sentence."""
    (n, x), (m, y) = plain, skips
    return (f"Measured here: without skips, {n} local minima and a largest loss of {big(x)}; "
            f"with skips, {m} and {big(y)}.")  # fmt: skip


def contrast(plain: tuple[int, float], skips: tuple[int, float], depth: int) -> tuple[str, bool]:
    """Whether skips smoothed the plane at this setting, in words; and whether they did."""
    (n, x), (m, y) = plain, skips
    if n <= SMOOTH and m <= SMOOTH:
        return (f"At depth {depth} both planes are smooth (at most {SMOOTH} local minima each): "
                "so shallow a network has a tame landscape with or without skips, and the "
                "contrast does not appear."), False  # fmt: skip
    if n >= 2 * max(m, 1) and n - m >= SMOOTH:
        fewer = f"{n / m:.1f} times fewer local minima" if m else "no local minimum at all"
        lower = (f", and a largest loss {x / y:,.0f} times lower" if x > 10 * y
                 else "")  # fmt: skip
        return (f"The skip connections smooth the landscape: {fewer} with them{lower}. "
                "Without skips, gradient descent on this plane could stop in any of the "
                "dips."), True  # fmt: skip
    return (f"Here the contrast does not appear clearly: {n} local minima without skips "
            f"against {m} with them. Another direction seed, network seed or depth may "
            "show it; the page reports what it measures."), False  # fmt: skip


def plateau(minima: dict[str, np.ndarray]) -> str:
    """How many of each plane's local minima (their losses) lie within 1 % of ln 2: as good
    as a coin toss. Empty if none does."""
    near = {name: int((np.abs(np.asarray(v) - COIN) < 0.01 * COIN).sum()) for name, v in
            minima.items()}  # fmt: skip
    if not any(near.values()):
        return ""
    said = " and ".join(f"{k} of the {len(minima[name])} {name}" for name, k in near.items())
    return (f"Of the local minima, {said} lie where the loss is within 1 % of ln 2 ≈ 0.693: "
            "the loss of a network that answers 50 % for every point. Descent that stops in "
            "one of those dips has learned nothing.")  # fmt: skip


def learned(accuracy: dict[str, float]) -> str:
    """The two trainings' accuracy; a warning when they differ much (then the planes compare
    networks that learned different amounts)."""
    (a, x), (b, y) = accuracy.items()
    said = (f"After 150 epochs: {100 * x:.1f} % of the points right {a}, "
            f"{100 * y:.1f} % {b}.")  # fmt: skip
    if abs(x - y) > 0.1:
        said += (" The two did not learn equally well here, so their planes pass through "
                 "networks at different stages of learning: keep that in mind below.")  # fmt: skip
    return said


def sliced(slices: dict[str, tuple[np.ndarray, np.ndarray]], step: float) -> str:
    """What the slices along δ show: how much the loss grows ``step`` away from the trained
    network (the mean of both sides, over the loss at it), and how many dips each has."""
    grows, dips = [], []
    for name, (a, losses) in slices.items():
        centre = losses[np.argmin(np.abs(a))]
        near = losses[np.argmin(np.abs(a + step))], losses[np.argmin(np.abs(a - step))]
        grows.append(f"{big((near[0] + near[1]) / 2 / centre)} {name}")
        dips.append(f"{int(local_minima(losses[None, :]).sum())} {name}")
    points = len(next(iter(slices.values()))[0])
    return (f"The loss along δ alone (b = 0) through each trained network (a = 0), on a log "
            f"scale, {points} points. A step of {step:g} along δ (either way, the mean of the "
            f"two) multiplies the loss by {' and by '.join(grows)}: the sharper the well, the "
            f"more a small change of the weights costs. Local minima along the line: "
            f"{' and '.join(dips)}.")  # fmt: skip
