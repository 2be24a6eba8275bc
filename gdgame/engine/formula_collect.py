"""Like terms and like factors collected, so a long formula is differentiated and computed short.

Within 200 characters a long formula repeats itself: ``x*y*x*y*…`` is (x·y)^50 and
``exp(x*y)+exp(x*y)+…`` is 22·exp(x·y). The product rule on 100 factors builds a gradient of
hundreds of nodes where 50·x^49·y^50 has three, so `collect` rewrites a chain of sums or of
products that repeats a term or a factor before any derivative is taken:

- a sum: c₁·t + c₂·t becomes (c₁ + c₂)·t (−t counts −1, c·t and t·c count c) when the c's have
  one sign (2·t − t is NaN at t = inf, t is not) and their sum neither overflows nor underflows;
  constants are summed;
- a product: t^a · t^b becomes t^(a + b) for positive integer exponents only (t counts 1,
  constants multiplied), which holds for every value of t, zero, negative and infinite included
  (t^½ · t^½ is not t for t < 0, and t · t⁻¹ is not 1 at t = 0: those stay apart).

Values change by rounding only (the sums are reassociated). A chain whose constants would
overflow or underflow when combined is left as it is, and so is a chain that repeats nothing,
which keeps its order of operations exactly. Repeats are found by structure: a + b and b + a
are the same term.
"""

from __future__ import annotations

import math
import sys

from gdgame.engine.formula_expr import (
    Add,
    Call,
    Const,
    Expr,
    Mul,
    Named,
    Neg,
    Pow,
    Var,
    add,
    mul,
    neg,
    power,
)

Split = tuple[Expr | None, float]  # a link of a chain as (base, weight); None for a constant


def _term(t: Expr) -> Split:
    """A term of a sum as (t, coefficient)."""
    if isinstance(t, Const):
        return None, t.value
    if isinstance(t, Neg):
        return t.a, -1.0
    if isinstance(t, Mul) and isinstance(t.a, Const):
        return t.b, t.a.value
    if isinstance(t, Mul) and isinstance(t.b, Const):
        return t.a, t.b.value
    return t, 1.0


def _factor(t: Expr) -> Split:
    """A factor of a product as (t, positive integer exponent), else (the factor, 1)."""
    if isinstance(t, Const):
        return None, t.value
    if isinstance(t, Pow) and isinstance(t.b, Const) and t.b.value.is_integer() and t.b.value > 0:
        return t.a, t.b.value
    return t, 1.0


def _combine(kind: type, a: float, b: float) -> float:
    return a + b if kind is Add else a * b


def _normal(v: float) -> bool:
    """Finite, and zero or a normal float (no overflow or underflow in combining it)."""
    return math.isfinite(v) and (v == 0 or abs(v) >= sys.float_info.min)


def _same_sign(weights: list[float]) -> bool:
    return all(w > 0 for w in weights) or all(w < 0 for w in weights)


class _Collector:
    def __init__(self) -> None:
        self.ids: dict[tuple, int] = {}  # structure → number
        self.sid: dict[int, int] = {}  # id(node) → its structure's number
        self.done: dict[int, Expr] = {}  # id(node) → collected node
        self.keep: list[Expr] = []  # the nodes whose ids are keys above, kept alive
        self.plain: set[int] = set()  # id(node) of the links of chains that repeat nothing

    def key(self, e: Expr) -> int:
        """A number shared by every node of the same structure (children numbered first)."""
        k = id(e)
        if k in self.sid:
            return self.sid[k]
        if isinstance(e, Const):
            shape: tuple = ("c", e.value.hex())
        elif isinstance(e, (Named, Var)):
            shape = (type(e).__name__, e.name)
        elif isinstance(e, (Neg, Call)):
            shape = (getattr(e, "fn", "neg"), self.key(e.a))
        else:
            pair = (self.key(e.a), self.key(e.b))
            shape = (type(e).__name__, *(sorted(pair) if isinstance(e, (Add, Mul)) else pair))
        self.keep.append(e)
        self.sid[k] = self.ids.setdefault(shape, len(self.ids))
        return self.sid[k]

    def collect(self, e: Expr) -> Expr:
        k = id(e)
        if k not in self.done:
            self.keep.append(e)
            out = None
            if isinstance(e, (Add, Mul)) and k not in self.plain:
                out = self.chain(e)
            self.done[k] = self.children(e) if out is None else out
        return self.done[k]

    def children(self, e: Expr) -> Expr:
        """e with its children collected (e itself if none changed)."""
        if isinstance(e, (Neg, Call)):
            a = self.collect(e.a)
            return e if a is e.a else (neg(a) if isinstance(e, Neg) else Call(e.fn, a))
        if isinstance(e, (Const, Named, Var)):
            return e
        a, b = self.collect(e.a), self.collect(e.b)
        return e if a is e.a and b is e.b else type(e)(a, b)

    def chain(self, e: Add | Mul) -> Expr | None:
        """The chain of sums (or products) that e heads with its like links joined, or None
        if no term (factor) repeats."""
        kind = type(e)
        links, inner, stack = [], [], [e]
        while stack:
            node = stack.pop()
            if isinstance(node, kind):
                stack += [node.b, node.a]
                inner.append(node)
            else:
                links.append(self.collect(node))
        split = _term if kind is Add else _factor
        groups: dict[int, list] = {}  # base's number → [base, weights, links]
        constant = None
        for link in links:
            base, w = split(link)
            if base is None:
                constant = (
                    w if constant is None else (constant + w if kind is Add else constant * w)
                )
            elif (group := groups.get(self.key(base))) is None:
                groups[self.key(base)] = [base, [w], [link]]
            else:
                group[1].append(w)
                group[2].append(link)
        if all(len(members) == 1 for _, _, members in groups.values()):
            self.plain.update(id(node) for node in inner)  # so is every chain inside it
            return None
        if constant is not None and not (_normal(constant) and (kind is Add or constant != 0)):
            return None  # 1e-300·x·1e-300·x: the constants' product underflows to 0
        return self.join(kind, groups.values(), constant)

    @staticmethod
    def join(kind: type, groups, constant: float | None) -> Expr:
        out: Expr | None = None
        for base, weights, members in groups:
            total = sum(weights)
            if len(members) > 1 and kind is Mul:
                members = [power(base, Const(total))]
            elif len(members) > 1 and _same_sign(weights) and _normal(total):
                members = [mul(Const(total), base)]
            for link in members:
                out = link if out is None else (add(out, link) if kind is Add else mul(out, link))
        if constant is None:
            return out
        return add(out, Const(constant)) if kind is Add else mul(Const(constant), out)


def collect(*exprs: Expr) -> tuple[Expr, ...]:
    """The expressions with like terms and like factors collected (one pass, shared subtrees
    collected once)."""
    c = _Collector()
    return tuple(c.collect(e) for e in exprs)
