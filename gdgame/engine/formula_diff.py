"""Exact derivatives of a formula's tree, and its values over NumPy arrays.

`derivative` applies the rules of calculus node by node (sum, product, quotient, power and
chain rules), building each result with `gdgame.engine.formula_simplify`'s constructors so
that the gradient reads as a textbook writes it (6·y, −10·sin(x), x³/4). The result shares the
subtrees it does not change with the input, and a memo per variable keeps a shared subtree
differentiated once, so the Hessian of an n-node formula stays a graph of O(n) nodes.
`evaluate` computes several trees at once, every subtree they share (f inside its gradient,
the gradient inside the Hessian) once per call.
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
    power,
)
from gdgame.engine.formula_program import compile_program
from gdgame.engine.formula_simplify import minus, negate, quotient, times

Array = np.ndarray
TWO = Const(2.0)


def _chain(e: Call, du: Expr) -> Expr:
    """d fn(u) for e = fn(u) and du = du/dvar: u′ times fn′(u), reusing e where calculus
    allows (tan′ = 1 + tan² needs no cosine; exp′ is e itself). log′ stays u′·(1/u), not
    u′/u: the quotient rule on u′/u overflows in the Hessian where u′·u does."""
    u = e.a
    rules = {
        "sin": lambda: times(du, call("cos", u)),
        "cos": lambda: negate(times(du, call("sin", u))),
        "tan": lambda: times(du, add(ONE, power(e, TWO))),
        "exp": lambda: times(du, e),
        "log": lambda: times(du, quotient(ONE, u)),
        "sqrt": lambda: times(du, quotient(ONE, times(TWO, e))),
        "abs": lambda: times(du, call("sign", u)),
        "tanh": lambda: times(du, minus(ONE, power(e, TWO))),
        "sinh": lambda: times(du, call("cosh", u)),
        "cosh": lambda: times(du, call("sinh", u)),
        "arctan": lambda: times(du, quotient(ONE, add(ONE, power(u, TWO)))),
        "sign": lambda: ZERO,
    }
    return ZERO if du == ZERO else rules[e.fn]()


def _pow_rule(e: Pow, da: Expr, db: Expr) -> Expr:
    a, b = e.a, e.b
    if db == ZERO:  # u^c: c·u^(c−1)·u'
        return times(times(b, power(a, minus(b, ONE))), da)
    if isinstance(a, Named) and a.name == "e":  # e^v: v'·e^v
        return times(db, e)
    if da == ZERO:  # c^v: v'·c^v·ln(c)
        return times(db, times(e, call("log", a)))
    # u^v = e^(v ln u): u^v·(v'·ln u + v·u'/u)
    return times(e, add(times(db, call("log", a)), quotient(times(b, da), a)))


def _quotient_rule(e: Div, da: Expr, db: Expr) -> Expr:
    """(a/b)′ = (a′b − ab′)/b², or a′/b where b′ = 0 (the same wherever a/b is finite)."""
    if db == ZERO:
        return quotient(da, e.b)
    return quotient(minus(times(da, e.b), times(e.a, db)), power(e.b, TWO))


def derivative(e: Expr, var: str, memo: dict | None = None) -> Expr:
    """∂e/∂var, kept short as it is built (`gdgame.engine.formula_simplify`); pass one memo
    per variable to share work between calls (the gradient, then the Hessian from it)."""
    memo = {} if memo is None else memo
    key = id(e)
    if key in memo:
        return memo[key][1]
    if isinstance(e, Var):
        out = ONE if e.name == var else ZERO
    elif isinstance(e, (Const, Named)):
        out = ZERO
    elif isinstance(e, Neg):
        out = negate(derivative(e.a, var, memo))
    elif isinstance(e, Call):
        out = _chain(e, derivative(e.a, var, memo))
    else:
        da, db = derivative(e.a, var, memo), derivative(e.b, var, memo)
        if isinstance(e, Add):
            out = add(da, db)
        elif isinstance(e, Mul):
            out = add(times(da, e.b), times(e.a, db))
        elif isinstance(e, Div):
            out = _quotient_rule(e, da, db)
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
