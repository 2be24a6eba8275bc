"""Constructors that keep a derivative's tree in the shape a textbook writes it.

`gdgame.engine.formula_diff` builds every derivative with these instead of `formula_expr`'s
light constructors (which keep a typed formula as typed). A product carries its constant
factors as one leading coefficient, so the chain and product rules give 6·y for 3·(2·y),
3·cos(3x) for cos(3x)·3 and −10·sin(x) for 10·(−sin(x)); a lone variable or power of one goes
before a longer factor (4·x·(x² + y − 11)); a sign is pulled out of a quotient (−1/x²), and a
constant fraction is reduced (4x³/16 is x³/4, 2x/(2√u) is x/√u).

What the values rely on (float64):

- a + b = b + a and a·b = b·a, −(−a) = a, −(a/b) = (−a)/b and a + (−b) = a − b hold to the bit;
- u + 0 = u for every u (but the sign of a zero);
- 0·u = 0: exact for every finite u. `formula_expr.mul` already relies on it, and a derivative
  meets it only as an exact zero derivative (a term without the variable), whose true value
  is 0 wherever the term is defined, so it is kept where u is infinite too (0·inf is NaN in
  float64, the partial derivative there is 0);
- constants are combined by reassociation (c₁·(c₂·u) = (c₁c₂)·u, (c₁u)·(c₂v) = (c₁c₂)·(u·v),
  c·u/d reduced by the integers' greatest common divisor): the same value up to rounding, only
  when the combined constant is a finite normal float (else the product is built as it was),
  so a value differs from the plain rules' by rounding unless an intermediate product was out
  of float64's range (beyond 1e308), where one of the two overflows and the other not.
"""

from __future__ import annotations

import math

from gdgame.engine.formula_expr import (
    ONE,
    ZERO,
    Const,
    Div,
    Expr,
    Mul,
    Neg,
    Pow,
    Var,
    add,
    div,
    mul,
    neg,
)

EXACT_INTEGERS = 2.0**53  # integer floats below this reduce by their gcd exactly


def _normal(v: float) -> bool:
    """Finite, nonzero and not subnormal: safe to combine with another constant."""
    return math.isfinite(v) and abs(v) >= 2.2250738585072014e-308


def split(e: Expr) -> tuple[float, Expr | None]:
    """e as (coefficient, the rest): 3·sin(x) is (3, sin(x)), −x is (−1, x), 4 is (4, None).
    A coefficient that would not be normal is left inside the rest."""
    if isinstance(e, Const):
        return e.value, None
    if isinstance(e, Neg):
        c, rest = split(e.a)
        return -c, rest
    if isinstance(e, Mul) and isinstance(e.a, Const) and _normal(e.a.value):
        c, rest = split(e.b)
        if rest is not None and _normal(e.a.value * c):
            return e.a.value * c, rest
    return 1.0, e


def scaled(c: float, rest: Expr | None) -> Expr:
    """c·rest written the short way: rest, −rest, c·rest, or the constant c."""
    if rest is None:
        return Const(c)
    if c == 0:
        return ZERO
    if c == 1:
        return rest
    return neg(rest) if c == -1 else Mul(Const(c), rest)


def _monomial(e: Expr) -> bool:
    """x, or x to a constant power: written first in a product."""
    return isinstance(e, Var) or (
        isinstance(e, Pow) and isinstance(e.a, Var) and isinstance(e.b, Const)
    )


def times(a: Expr, b: Expr) -> Expr:
    """a·b with one leading coefficient; 0·u = 0 (see the module's note)."""
    ca, ra = split(a)
    cb, rb = split(b)
    if ca == 0 or cb == 0:
        return ZERO
    c = ca * cb
    if not _normal(c) and not (ra is None and rb is None):
        return mul(a, b)  # the constants stay apart, as the plain rules keep them
    if ra is None or rb is None:
        return scaled(c, ra if rb is None else rb)
    if _monomial(rb) and not _monomial(ra):
        ra, rb = rb, ra
    return scaled(c, Mul(ra, rb))


def negate(a: Expr) -> Expr:
    """−a: the coefficient's sign flipped (−0 is 0)."""
    c, rest = split(a)
    return ZERO if c == 0 else scaled(-c, rest)


def minus(a: Expr, b: Expr) -> Expr:
    """a − b as a + (−b); u + 0 = u."""
    return add(a, negate(b))


def _reduce(p: float, q: float) -> tuple[float, float]:
    """p/q as a fraction in lowest terms with q > 0, if both are integers, else unchanged."""
    if q < 0:
        p, q = -p, -q
    if all(v.is_integer() and abs(v) < EXACT_INTEGERS for v in (p, q)):
        g = math.gcd(int(p), int(q))
        return p / g, q / g
    return p, q


def quotient(a: Expr, b: Expr) -> Expr:
    """a/b: a sign pulled out in front, a constant fraction in lowest terms."""
    ca, ra = split(a)
    cb, rb = split(b)
    if ca == 0 and not (cb == 0 and rb is None):
        return ZERO
    if (ra is None and rb is None) or not (_normal(ca) and _normal(cb)):
        return div(a, b)
    p, q = _reduce(ca, cb)
    if p < 0:
        return negate(quotient(scaled(-p, ra), scaled(q, rb)))
    num, den = scaled(p, ra), scaled(q, rb)
    if den == ONE:
        return num
    return Div(num, den)
