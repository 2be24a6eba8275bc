"""A formula's tree in LaTeX, for ``st.latex``: written the way a textbook writes it.

A product is printed as one signed chain of factors: its minus signs (a −u factor, a negative
constant) are gathered into one sign in front, so the tree 10·(−sin(x)) reads −10 sin(x) and a
sum's term that reads negative is subtracted (a − 2x, not a + −2x). A number before a letter
needs no dot (6 y, 2 π); other factors are joined by \\cdot. A product with one fraction is one
fraction (3·(1/x) is \\frac{3}{x}). A function raised to a whole power is written sin²(x).
The printed expression equals the tree mathematically; it is not read back (`text` is).
"""

from __future__ import annotations

import math

from gdgame.engine.formula_expr import (
    FUNCTIONS,
    Add,
    Call,
    Const,
    Div,
    Expr,
    Mul,
    Named,
    Neg,
    Pow,
    Var,
    number_text,
)


def _number(v: float) -> str:
    s = number_text(v)
    if "e" in s and "inf" not in s and "nan" not in s:
        mantissa, exponent = s.split("e")
        return rf"{mantissa} \cdot 10^{{{int(exponent)}}}"
    return s


def _negative(e: Expr) -> bool:
    return isinstance(e, Const) and math.copysign(1.0, e.value) < 0


def signed_factors(e: Expr) -> tuple[bool, list[Expr]]:
    """A product (or a negation, or one term) as (its sign is minus, its factors without
    signs): −x·(−2)·y is (False, [x, 2, y])."""
    if isinstance(e, Neg):
        minus, factors = signed_factors(e.a)
        return not minus, factors
    if _negative(e):
        return True, [Const(-e.value)]
    if isinstance(e, Mul):
        left, a = signed_factors(e.a)
        right, b = signed_factors(e.b)
        return left != right, a + b
    return False, [e]


def _chain(factors: list[Expr]) -> str:
    """Factors side by side (a sum among others in parentheses): a number before anything but
    a digit needs no dot."""
    out = ""
    for i, f in enumerate(factors):
        s = latex(f)
        if isinstance(f, Add) and len(factors) > 1:
            s = rf"\left({s}\right)"
        if i:
            dot = not isinstance(factors[i - 1], Const) or s[0].isdigit()
            out += r" \cdot " if dot else " "
        out += s
    return out


def _coefficient(factors: list[Expr]) -> tuple[float, list[Expr]]:
    c = math.prod((f.value for f in factors if isinstance(f, Const)), start=1.0)
    return c, [f for f in factors if not isinstance(f, Const)]


def _fraction(top: list[Expr], bottom: list[Expr]) -> str:
    """The product of top over that of bottom, their whole-number coefficients reduced (2x
    over 2√u is x over √u)."""
    p, top = _coefficient(top)
    q, bottom = _coefficient(bottom)
    if all(v.is_integer() and 0 < v < 2.0**53 for v in (p, q)):
        g = math.gcd(int(p), int(q))
        p, q = p / g, q / g
    top = top if p == 1 and top else [Const(p), *top]
    if q == 1 and not bottom:
        return _chain(top)
    bottom = bottom if q == 1 and bottom else [Const(q), *bottom]
    return rf"\frac{{{_chain(top)}}}{{{_chain(bottom)}}}"


def _product(factors: list[Expr]) -> str:
    """The unsigned product; with one fraction among the factors, as that fraction."""
    fractions = [f for f in factors if isinstance(f, Div)]
    if len(fractions) != 1 or len(factors) == 1:
        return _chain(factors)
    (frac,) = fractions
    (up, top), (down, bottom) = signed_factors(frac.a), signed_factors(frac.b)
    if up or down:  # a sign inside a fraction stays there
        return _chain(factors)
    return _fraction([f for f in factors if f is not frac] + top, bottom)


def latex(e: Expr) -> str:
    """The expression in LaTeX: x^{2}, \\sin(x), \\frac{a}{b}, 6 y, x \\cdot y."""
    if isinstance(e, (Mul, Neg)) or _negative(e):
        minus, factors = signed_factors(e)
        if minus and len(factors) == 1 and isinstance(factors[0], Add):
            return rf"-\left({latex(factors[0])}\right)"
        return ("-" if minus else "") + _product(factors)
    if isinstance(e, Const):
        return _number(e.value)
    if isinstance(e, Named):
        return r"\pi" if e.name == "pi" else "e"
    if isinstance(e, Var):
        return e.name
    if isinstance(e, Call):
        return _call(e)
    if isinstance(e, Add):
        minus, factors = signed_factors(e.b)
        b = _product(factors) if minus else latex(e.b)
        if minus and len(factors) == 1 and isinstance(factors[0], Add):
            b = rf"\left({b}\right)"
        return f"{latex(e.a)} {'-' if minus else '+'} {b}"
    if isinstance(e, Div):
        return rf"\frac{{{latex(e.a)}}}{{{latex(e.b)}}}"
    return _power(e)


def _power(e: Pow) -> str:
    base, exponent = e.a, e.b
    whole = isinstance(exponent, Const) and exponent.value.is_integer() and exponent.value > 0
    if whole and isinstance(base, Call) and base.fn not in ("sqrt", "abs", "exp", "sign"):
        name, argument = _name_and_argument(base)
        return f"{name}^{{{latex(exponent)}}}{argument}"
    parens = isinstance(base, (Add, Mul, Div, Neg, Pow, Call)) or _negative(base)
    text = rf"\left({latex(base)}\right)" if parens else latex(base)
    return f"{text}^{{{latex(exponent)}}}"


def _name_and_argument(e: Call) -> tuple[str, str]:
    inner = latex(e.a)
    simple = isinstance(e.a, (Var, Named)) or (isinstance(e.a, Const) and e.a.value >= 0)
    return FUNCTIONS[e.fn][0], f"({inner})" if simple else rf"\left({inner}\right)"


def _call(e: Call) -> str:
    if e.fn not in ("sqrt", "abs", "exp"):
        name, argument = _name_and_argument(e)
        return name + argument
    inner = latex(e.a)
    if e.fn == "sqrt":
        return rf"\sqrt{{{inner}}}"
    return rf"\left|{inner}\right|" if e.fn == "abs" else f"e^{{{inner}}}"
