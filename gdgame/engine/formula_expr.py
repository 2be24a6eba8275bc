"""The expression tree of a typed formula: nodes, simplifying constructors and its text.

Nodes are immutable and compare by structure. The constructors (`add`, `mul`, …) simplify
lightly as they build: 0·a = 0, 1·a = a, a + 0 = a, a¹ = a, a⁰ = 1, −(−a) = a, and two
constants fold into one (in float64, so an overflow folds to inf instead of raising). Subtraction
is ``a + (−b)``. ``str`` is a canonical formula that `gdgame.engine.formula.parse` reads back to
an equal tree (`gdgame.engine.formula_latex` prints it for ``st.latex``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# Allowed functions, their LaTeX and their NumPy ufunc; "sign" is abs's derivative.
FUNCTIONS = {
    "sin": (r"\sin", np.sin),
    "cos": (r"\cos", np.cos),
    "tan": (r"\tan", np.tan),
    "exp": (r"\exp", np.exp),
    "log": (r"\ln", np.log),
    "sqrt": (r"\sqrt", np.sqrt),
    "abs": ("", np.abs),
    "tanh": (r"\tanh", np.tanh),
    "sinh": (r"\sinh", np.sinh),
    "cosh": (r"\cosh", np.cosh),
    "arctan": (r"\arctan", np.arctan),
    "sign": (r"\operatorname{sign}", np.sign),
}
CONSTANTS = {"pi": math.pi, "e": math.e}

# Precedence for printing: sums < products < unary minus < powers < atoms.
_SUM, _PRODUCT, _UNARY, _POWER, _ATOM = 1, 2, 3, 4, 5


class Expr:
    """A node of a formula's tree."""

    def __str__(self) -> str:
        return text(self)


@dataclass(frozen=True)
class Const(Expr):
    value: float


@dataclass(frozen=True)
class Named(Expr):
    """pi or e: a constant kept by name so that it prints as written."""

    name: str

    @property
    def value(self) -> float:
        return CONSTANTS[self.name]


@dataclass(frozen=True)
class Var(Expr):
    name: str  # "x" or "y"


@dataclass(frozen=True)
class Neg(Expr):
    a: Expr


@dataclass(frozen=True)
class Call(Expr):
    fn: str
    a: Expr


@dataclass(frozen=True)
class Add(Expr):
    a: Expr
    b: Expr


@dataclass(frozen=True)
class Mul(Expr):
    a: Expr
    b: Expr


@dataclass(frozen=True)
class Div(Expr):
    a: Expr
    b: Expr


@dataclass(frozen=True)
class Pow(Expr):
    a: Expr
    b: Expr


ZERO, ONE = Const(0.0), Const(1.0)


def _is(e: Expr, v: float) -> bool:
    return isinstance(e, Const) and e.value == v


def _fold(op, a: Const, b: Const) -> Const:
    with np.errstate(all="ignore"):
        return Const(float(op(np.float64(a.value), np.float64(b.value))))


def neg(a: Expr) -> Expr:
    if isinstance(a, Const):
        return Const(-a.value)
    return a.a if isinstance(a, Neg) else Neg(a)


def add(a: Expr, b: Expr) -> Expr:
    if _is(a, 0):
        return b
    if _is(b, 0):
        return a
    if isinstance(a, Const) and isinstance(b, Const):
        return _fold(np.add, a, b)
    return Add(a, b)


def sub(a: Expr, b: Expr) -> Expr:
    return add(a, neg(b))


def mul(a: Expr, b: Expr) -> Expr:
    if _is(a, 0) or _is(b, 0):
        return ZERO
    if _is(a, 1):
        return b
    if _is(b, 1):
        return a
    if _is(a, -1):
        return neg(b)
    if _is(b, -1):
        return neg(a)
    if isinstance(a, Const) and isinstance(b, Const):
        return _fold(np.multiply, a, b)
    return Mul(a, b)


def div(a: Expr, b: Expr) -> Expr:
    if _is(a, 0) and not _is(b, 0):
        return ZERO
    if _is(b, 1):
        return a
    if isinstance(a, Const) and isinstance(b, Const):
        return _fold(np.divide, a, b)
    return Div(a, b)


def power(a: Expr, b: Expr) -> Expr:
    if _is(b, 0):
        return ONE
    if _is(b, 1):
        return a
    if isinstance(a, Const) and isinstance(b, Const):
        return _fold(np.power, a, b)
    return Pow(a, b)


def call(fn: str, a: Expr) -> Expr:
    return Call(fn, a)


def _prec(e: Expr) -> int:
    if isinstance(e, Add):
        return _SUM
    if isinstance(e, (Mul, Div)):
        return _PRODUCT
    if isinstance(e, Neg) or (isinstance(e, Const) and math.copysign(1.0, e.value) < 0):
        return _UNARY
    return _POWER if isinstance(e, Pow) else _ATOM


def number_text(v: float) -> str:
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v)) if v != 0 or math.copysign(1.0, v) > 0 else "-0"
    return repr(v)  # shortest text that reads back to the same float (inf/nan never get here)


def text(e: Expr) -> str:
    """The canonical formula: Python syntax with ``**``, spaces around + and −."""
    if isinstance(e, Const):
        return number_text(e.value)
    if isinstance(e, (Named, Var)):
        return e.name
    if isinstance(e, Call):
        return f"{e.fn}({text(e.a)})"
    if isinstance(e, Neg):
        return "-" + _wrap(e.a, _prec(e.a) < _UNARY)
    if isinstance(e, Add):
        b = e.b
        if isinstance(b, Neg) or _prec(b) == _UNARY:
            pos = b.a if isinstance(b, Neg) else Const(-b.value)
            return f"{text(e.a)} - {_wrap(pos, _prec(pos) <= _SUM)}"
        return f"{text(e.a)} + {_wrap(b, _prec(b) <= _SUM)}"
    sign = {Mul: "*", Div: "/", Pow: "**"}[type(e)]
    level = _POWER if isinstance(e, Pow) else _PRODUCT
    left = _wrap(e.a, _prec(e.a) <= _POWER if level == _POWER else _prec(e.a) < level)
    right = _wrap(e.b, _prec(e.b) <= (_POWER if level == _POWER else _UNARY))
    return f"{left} {sign} {right}" if sign != "**" else f"{left}**{right}"


def _wrap(e: Expr, parens: bool) -> str:
    return f"({text(e)})" if parens else text(e)
