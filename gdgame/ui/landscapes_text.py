"""The loss-landscape page's words about its own numbers: what was measured, and whether the
contrast the lesson claims shows at this setting (it is said honestly when it does not)."""

from __future__ import annotations

import math

SMOOTH = 4  # at most this many local minima on a 41 × 41 plane: a smooth plane
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def big(x: float) -> str:
    """A loss for reading: three significant digits, powers of ten from 10 000 up."""
    if not math.isfinite(x):
        return str(x)
    if abs(x) < 1e4:
        return f"{x:.3g}"
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
