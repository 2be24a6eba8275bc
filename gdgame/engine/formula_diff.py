"""Exact derivatives of a formula's tree, and its values over NumPy arrays.

`derivative` applies the rules of calculus node by node (sum, product, quotient, power and
chain rules). The result shares the subtrees it does not change with the input, and a memo per
variable keeps a shared subtree differentiated once, so the Hessian of an n-node formula stays a
graph of O(n) nodes. `evaluate` computes several trees at once, every subtree they share (f
inside its gradient, the gradient inside the Hessian) once per call.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gdgame.engine.formula_expr import (
    ONE,
    ZERO,
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
    add,
    call,
    div,
    mul,
    neg,
    power,
    sub,
)
from gdgame.engine.formula_program import compile_program

Array = np.ndarray
TWO = Const(2.0)


def _outer(e: Call) -> Expr:
    """d fn(u) / du for e = fn(u), as a tree in u that reuses e where it can (tan′ = 1 + tan²
    needs no cosine; exp′ is e itself)."""
    u = e.a
    rules = {
        "sin": lambda: call("cos", u),
        "cos": lambda: neg(call("sin", u)),
        "tan": lambda: add(ONE, power(e, TWO)),
        "exp": lambda: e,
        "log": lambda: div(ONE, u),
        "sqrt": lambda: div(ONE, mul(TWO, e)),
        "abs": lambda: call("sign", u),
        "tanh": lambda: sub(ONE, power(e, TWO)),
        "sinh": lambda: call("cosh", u),
        "cosh": lambda: call("sinh", u),
        "arctan": lambda: div(ONE, add(ONE, power(u, TWO))),
        "sign": lambda: ZERO,
    }
    return rules[e.fn]()


def _pow_rule(e: Pow, da: Expr, db: Expr) -> Expr:
    a, b = e.a, e.b
    if db == ZERO:  # u^c: c·u^(c−1)·u'
        return mul(mul(b, power(a, sub(b, ONE))), da)
    if isinstance(a, Named) and a.name == "e":  # e^v: e^v·v'
        return mul(e, db)
    if da == ZERO:  # c^v: c^v·ln(c)·v'
        return mul(mul(e, call("log", a)), db)
    # u^v = e^(v ln u): u^v·(v'·ln u + v·u'/u)
    return mul(e, add(mul(db, call("log", a)), div(mul(b, da), a)))


def derivative(e: Expr, var: str, memo: dict | None = None) -> Expr:
    """∂e/∂var, simplified lightly as it is built; pass one memo per variable to share work
    between calls (the gradient, then the Hessian from it)."""
    memo = {} if memo is None else memo
    key = id(e)
    if key in memo:
        return memo[key][1]
    if isinstance(e, Var):
        out = ONE if e.name == var else ZERO
    elif isinstance(e, (Const, Named)):
        out = ZERO
    elif isinstance(e, Neg):
        out = neg(derivative(e.a, var, memo))
    elif isinstance(e, Call):
        out = mul(_outer(e), derivative(e.a, var, memo))
    else:
        da, db = derivative(e.a, var, memo), derivative(e.b, var, memo)
        if isinstance(e, Add):
            out = add(da, db)
        elif isinstance(e, Mul):
            out = add(mul(da, e.b), mul(e.a, db))
        elif isinstance(e, Div):  # (a'b − ab') / b²
            out = div(sub(mul(da, e.b), mul(e.a, db)), power(e.b, TWO))
        else:
            out = _pow_rule(e, da, db)
    memo[key] = (e, out)  # e kept alive with its entry, so its id is not reused
    return out


def evaluate(exprs: Sequence[Expr], x: object, y: object) -> tuple[Array, ...]:
    """Each expression at (x, y), elementwise over arrays of any matching shape, in float64.

    Never warns or raises on a domain error: log(−1) is NaN, 1/0 is inf. Compiles the trees
    each call (`gdgame.engine.formula_program`); keep the program to evaluate them often.
    """
    return compile_program(exprs)(x, y)
