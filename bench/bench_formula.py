"""Formula benchmark: typed text to a 150 × 150 grid of f and its gradient, against NumPy by hand.

For each formula of the table (a typical one, Himmelblau, and the slowest ones the language
allows, each family filled to its limit: the next longer one is refused) it times, median of
``--repeats``:

- ours: ``parse(text)``, the exact gradient and Hessian (`formula_surface.functions`: the
  derivative trees and what evaluates them, all that `surface_from` does before its minima
  search), then ``terms(X, Y)``, f, ∂f/∂x and ∂f/∂y on a 150 × 150 ``np.meshgrid`` of
  [−5, 5]²: what a page needs to draw a typed formula;
- by hand: the same formula and its gradient derived by hand, written as NumPy code the plain
  way (a loop for a nested formula, ``x**k`` for a power, a repeated term written once);

and the ratio ours / by hand (targets: ours ≤ 20 ms, ratio ≤ 2), with the share of grid cells
where the two agree (to 1e-9, or both not finite), and "reading": parse and
`formula_surface.functions` alone, the part of ours that has no counterpart by hand; the three
interleaved, so a busy machine slows all alike. Then, for each formula, the whole of
``surface_from`` (which adds the Newton search for minima from a 40 × 40 grid of starts, a
page waits for it), median of ``--surface-repeats``, before and after the search stopped
stepping the starts that can no longer move and tried its halvings in blocks: the plain
search (`tests.engine.test_newton.plain_polish`, which the tests show ends to the bit where
ours does) swapped in, interleaved with ours, and whether both find the same minima. Last,
the slowest text to grid among the tests' hostile and harmlessly evaluated formulas (the
issue: none above 100 ms). Both contenders run under ``np.errstate(all="ignore")`` after
`allocator.keep_freed_memory`, as the app does at start-up.

    python -m bench.bench_formula [--repeats 7] [--surface-repeats 3]   (from the repository root)
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable, Iterator

import numpy as np

from bench.timing import median_time
from gdgame.engine import allocator, formula_surface, newton
from gdgame.engine.formula import FormulaError, parse, surface_from

N = 150
Hand = Callable[[np.ndarray, np.ndarray], tuple]


def nest(open_: str, inner: str, close: str, n: int) -> str:
    return open_ * n + inner + close * n


def typical(x, y):
    sx, cy = np.sin(x), np.cos(y)
    return sx * cy + (x**2 + y**2) / 10, np.cos(x) * cy + x / 5, -sx * np.sin(y) + y / 5


def himmelblau(x, y):
    a, b = x**2 + y - 11, x + y**2 - 7
    return a**2 + b**2, 4 * x * a + 2 * b, 2 * a + 4 * y * b


def product_xy(x, y):  # x*y*x*y*… with 50 of each: (xy)^50
    return (x * y) ** 50, 50 * x**49 * y**50, 50 * x**50 * y**49


def product_x(x, y):  # x^100
    return x**100, 100 * x**99, np.zeros_like(y)


def sum_xy(x, y):  # x+y+x+y+… with 50 of each
    return 50 * x + 50 * y, np.full_like(x, 50.0), np.full_like(y, 50.0)


def tower(bases: str) -> Hand:
    """b1^(b2^(…^bn)), each b x or y: from the top down, p = b^v, dp = p·(dv·ln b + v·db/b)."""

    def hand(x, y):
        var = {"x": x, "y": y}
        logs = {"x": np.log(x), "y": np.log(y)}
        v = var[bases[-1]]
        vx, vy = (1.0, 0.0) if bases[-1] == "x" else (0.0, 1.0)
        for b in reversed(bases[:-1]):
            p, lb = var[b] ** v, logs[b]
            if b == "x":
                vx, vy = p * (vx * lb + v / x), p * (vy * lb)
            else:
                vx, vy = p * (vx * lb), p * (vy * lb + v / y)
            v = p
        return v, vx, vy if "y" in bases else np.zeros_like(y)  # not 0·inf = NaN

    return hand


def tan_chain(n: int) -> Hand:  # tan(x*tan(x*…tan(x*y)))
    def hand(x, y):
        u, ux, uy = y, 0.0, 1.0
        for _ in range(n):
            t = np.tan(x * u)
            s = 1 + t**2
            u, ux, uy = t, s * (u + x * ux), s * x * uy
        return u, ux, uy

    return hand


def sin_chain(n: int) -> Hand:  # sin(x*sin(y*sin(x*…sin(y*x))))
    def hand(x, y):
        u, ux, uy = x, 1.0, 0.0
        for var in reversed("xy" * n):
            if var == "x":
                c = np.cos(x * u)
                u, ux, uy = np.sin(x * u), c * (u + x * ux), c * x * uy
            else:
                c = np.cos(y * u)
                u, ux, uy = np.sin(y * u), c * y * ux, c * (u + y * uy)
        return u, ux, uy

    return hand


def sin_power_chain(n: int) -> Hand:  # sin(x^sin(x^…sin(x^y)))
    def hand(x, y):
        lx = np.log(x)
        u, ux, uy = y, 0.0, 1.0
        for _ in range(n):
            p = x**u
            c = np.cos(p) * p
            u, ux, uy = np.sin(p), c * (ux * lx + u / x), c * uy * lx
        return u, ux, uy

    return hand


def quotient_power_chain(n: int) -> Hand:  # x/y^(x/y^(…x/y^x))
    def hand(x, y):
        ly = np.log(y)
        u, ux, uy = x, 1.0, 0.0
        for _ in range(n):
            p = y**u
            px, py = p * ly * ux, p * (ly * uy + u / y)
            u, ux, uy = x / p, (p - x * px) / p**2, -x * py / p**2
        return u, ux, uy

    return hand


def power_chain(k: int, n: int) -> Hand:  # (((x^k + y)^k + y)^k …)
    def hand(x, y):
        u, ux, uy = x, 1.0, 0.0
        for _ in range(n):
            d = k * u ** (k - 1)
            u, ux, uy = u**k + y, d * ux, d * uy + 1
        return u, ux, uy

    return hand


def quotient_chain(n: int) -> Hand:  # x/(x/(x/(…/y)))
    def hand(x, y):
        u, ux, uy = y, 0.0, 1.0
        for _ in range(n):
            u2 = u**2
            u, ux, uy = x / u, (u - x * ux) / u2, -x * uy / u2
        return u, ux, uy

    return hand


def exp_sum(n: int) -> Hand:  # exp(x*y)+exp(x*y)+…, n terms
    def hand(x, y):
        e = n * np.exp(x * y)
        return e, y * e, x * e

    return hand


def tanh_chain(n: int) -> Hand:  # tanh(tanh(…tanh(x)))
    def hand(x, y):
        u, ux = x, 1.0
        for _ in range(n):
            u = np.tanh(u)
            ux = (1 - u**2) * ux
        return u, ux, np.zeros_like(y)

    return hand


# (name, family of texts by size n, the largest n allowed, NumPy by hand for that n)
TABLE: list[tuple[str, Callable[[int], str], int, Hand]] = [
    ("typical", lambda n: "sin(x)*cos(y) + (x^2 + y^2)/10", 0, typical),
    ("Himmelblau", lambda n: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", 0, himmelblau),
    ("x*y*x*y… 100 factors", lambda n: "*".join("xy" * n), 50, product_xy),
    ("x*x*x… 100 factors", lambda n: "*".join("x" * n), 100, product_x),
    ("x+y+x+y… 100 terms", lambda n: "+".join("xy" * n), 50, sum_xy),
    ("x^y^x^y… 100 high", lambda n: "^".join("xy" * n), 50, tower("xy" * 50)),
    ("x^x^x… 100 high", lambda n: "^".join("x" * n), 100, tower("x" * 100)),
    ("tan(x*tan(x*… 28", lambda n: nest("tan(x*", "y", ")", n), 28, tan_chain(28)),
    ("sin(x*sin(y*… 2×14", lambda n: nest("sin(x*sin(y*", "x", "))", n), 14, sin_chain(14)),
    ("sin(x^sin(x^… 28", lambda n: nest("sin(x^", "y", ")", n), 28, sin_power_chain(28)),
    ("x/y^(x/y^(… 33", lambda n: nest("x/y^(", "x", ")", n), 33, quotient_power_chain(33)),
    ("(((x^2+y)^2+y)… 33", lambda n: nest("(", "x", "^2+y)", n), 33, power_chain(2, 33)),
    ("(((x^3+y)^3+y)… 33", lambda n: nest("(", "x", "^3+y)", n), 33, power_chain(3, 33)),
    ("x/(x/(x/(… 49", lambda n: nest("x/(", "y", ")", n), 49, quotient_chain(49)),
    ("exp(x*y)+… 22 terms", lambda n: "+".join(["exp(x*y)"] * n), 22, exp_sum(22)),
    ("tanh(tanh(… 33", lambda n: nest("tanh(", "x", ")", n), 33, tanh_chain(33)),
]


def at_limit(family: Callable[[int], str], n: int) -> str:
    """The family's text of size n, checked to be allowed and the next size refused."""
    text = family(n)
    parse(text)
    if n:
        try:
            parse(family(n + 1))
        except FormulaError:
            return text
        raise AssertionError(f"{family(n + 1)!r} is allowed: the table is not at the limit")
    return text


def ours(text: str, x: np.ndarray, y: np.ndarray) -> tuple:
    return formula_surface.functions(parse(text)).terms(x, y)


def agree(a: tuple, b: tuple) -> float:
    """The share of cells where every output agrees (to 1e-9 relative, 1e-12 of its largest
    finite value) or both are not finite."""
    ok = np.ones(np.shape(a[0]), dtype=bool)
    with np.errstate(all="ignore"):
        for p, q in zip(a, b, strict=True):
            p, q = np.broadcast_arrays(p, np.asarray(q, dtype=np.float64))
            both = np.isfinite(p) & np.isfinite(q)
            scale = np.max(np.abs(q), where=np.isfinite(q), initial=0.0)
            close = np.abs(p - q) <= 1e-9 * np.maximum(np.abs(p), np.abs(q)) + 1e-12 * scale
            ok &= np.where(both, close, ~np.isfinite(p) & ~np.isfinite(q))
    return float(ok.mean())


def grid_table(x: np.ndarray, y: np.ndarray, repeats: int) -> list[str]:
    print(f"Text to a {N} × {N} grid of f, ∂f/∂x, ∂f/∂y: median of {repeats}, milliseconds "
          "(reading: parse and functions alone)")  # fmt: skip
    print(f"{'formula':24s} {'chars':>5s} {'ours':>7s} {'reading':>7s} {'by hand':>7s} "
          f"{'ratio':>6s} {'agree':>6s}")  # fmt: skip
    texts = []
    for name, family, n, hand in TABLE:
        text = at_limit(family, n)
        texts.append(text)
        ours(text, x, y)  # warm
        contenders = {
            "ours": lambda text=text: ours(text, x, y),
            "reading": lambda text=text: formula_surface.functions(parse(text)),
            "hand": lambda hand=hand: hand(x, y),
        }
        times: dict[str, list[float]] = {key: [] for key in contenders}
        out = {}
        with np.errstate(all="ignore"):
            for _ in range(repeats):  # interleaved, so a busy machine slows all alike
                for key, fn in contenders.items():
                    t, out[key] = median_time(fn, 1)
                    times[key].append(t)
        ms = {key: 1e3 * statistics.median(t) for key, t in times.items()}
        print(f"{name:24s} {len(text):5d} {ms['ours']:7.2f} {ms['reading']:7.2f} "
              f"{ms['hand']:7.2f} {ms['ours'] / ms['hand']:6.2f} "
              f"{agree(out['ours'], out['hand']):6.1%}")  # fmt: skip
    return texts


@contextlib.contextmanager
def polishing(polish: Callable) -> Iterator[None]:
    """`newton.find_minima` (and so `surface_from`) with this polish for a while."""
    ours, newton.polish = newton.polish, polish
    try:
        yield
    finally:
        newton.polish = ours


def surface_table(texts: list[str], repeats: int) -> None:
    """surface_from whole, before (the plain Newton search: every start stepped every
    iteration, one halving at a time) and after (`newton.polish`), interleaved."""
    from tests.engine.test_newton import plain_polish

    print(f"\nsurface_from whole (its Newton search from {formula_surface.MINIMA_GRID}² starts), "
          f"median of {repeats}, milliseconds: before (plain search) and after")  # fmt: skip
    print(f"{'formula':24s} {'before':>7s} {'after':>7s} {'ratio':>6s}  minima")
    for (name, *_), text in zip(TABLE, texts, strict=True):
        times: dict[str, list[float]] = {"before": [], "after": []}
        found = {}
        for _ in range(repeats):
            for key, polish in (("before", plain_polish), ("after", newton.polish)):
                with polishing(polish):
                    t, s = median_time(lambda text=text: surface_from(text), 1)
                times[key].append(t)
                found[key] = s.minima
        before, after = (1e3 * statistics.median(times[k]) for k in ("before", "after"))
        same = "the same" if found["before"] == found["after"] else "DIFFERENT"
        print(f"{name:24s} {before:7.0f} {after:7.0f} {after / before:6.2f}  "
              f"{len(found['after'])} ({same})")  # fmt: skip


def hostile(x: np.ndarray, y: np.ndarray) -> None:
    from tests.engine.test_formula import BOMBS, HOSTILE
    from tests.engine.test_formula_work import EVALUATED

    worst = (0.0, "")
    for text in [*HOSTILE, *BOMBS, *EVALUATED]:
        began = time.perf_counter()
        with contextlib.suppress(FormulaError):
            ours(text, x, y)
        worst = max(worst, (time.perf_counter() - began, text))
    count = len(HOSTILE) + len(BOMBS) + len(EVALUATED)
    print(f"\nslowest of {count} hostile formulas, text to grid (or refusal): "
          f"{1e3 * worst[0]:.1f} ms for {worst[1][:60]!r} (target: at most 100)")  # fmt: skip


def main() -> None:
    allocator.keep_freed_memory()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--surface-repeats", type=int, default=3)
    args = parser.parse_args()
    x, y = np.meshgrid(np.linspace(-5, 5, N), np.linspace(-5, 5, N))
    texts = grid_table(x, y, args.repeats)
    surface_table(texts, args.surface_repeats)
    hostile(x, y)


if __name__ == "__main__":
    main()
