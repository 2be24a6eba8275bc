"""A formula's trees compiled once into a straight-line NumPy program: the grid's hot path.

`compile_program` gives every distinct subexpression of the trees one number (structurally,
so a subtree written twice, or rebuilt by a derivative rule, is computed once; a + b and b + a
are one, as IEEE addition and multiplication commute exactly), folds constant subtrees in
float64, turns a + (−b) into a − b (the same bits), and computes a power u^k with an integer
k by k's binary chain of squarings and products (np.power on an array takes about 30 times as
long as a product). Each step then gets an output buffer, reused as soon as the value in it is
dead, so a call allocates a few arrays instead of one per node. The result differs from the
tree's value node by node in at most the rounding of the integer powers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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
)

Array = np.ndarray
MAX_CHAIN = 1 << 16  # integer exponents up to this size are chains of products
_UFUNCS = {
    "neg": np.negative,
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
    "pow": np.power,
    **{name: fn for name, (_, fn) in FUNCTIONS.items()},
}
CHEAP = frozenset({"neg", "add", "sub", "mul", "div", "abs", "sign", "sqrt"})


@dataclass(frozen=True)
class Program:
    """Steps ``(ufunc, a, b, out)`` over registers: x, y, the constants, then the buffers
    (b is −1 for a one-argument step). ``outputs`` are registers; ``ops`` names each step's
    operation, for counting work ("mul", "sin", "pow", …)."""

    steps: tuple[tuple[np.ufunc, int, int, int], ...]
    constants: tuple[float, ...]
    buffers: int
    outputs: tuple[int, ...]
    ops: tuple[str, ...]

    @property
    def expensive(self) -> int:
        """Steps that cost more than an addition: transcendental functions and np.power."""
        return sum(op not in CHEAP for op in self.ops)

    def __call__(self, x: object, y: object) -> tuple[Array, ...]:
        """Each output at (x, y), elementwise over arrays of any matching shape, in float64;
        never warns (log(−1) is NaN, 1/0 is inf). Each output is a new array."""
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        shape = np.broadcast_shapes(x.shape, y.shape)
        regs = [x, y, *map(np.float64, self.constants)]
        regs += [np.empty(shape) for _ in range(self.buffers)]
        with np.errstate(all="ignore"):
            for fn, a, b, out in self.steps:
                if b < 0:
                    fn(regs[a], out=regs[out])
                else:
                    fn(regs[a], regs[b], out=regs[out])
        first = 2 + len(self.constants)
        outs, given = [], set()
        for r in self.outputs:
            if r >= first and r not in given:
                given.add(r)
                outs.append(regs[r])
            else:  # a variable, a constant, or an output already given: a copy
                out = np.empty(shape)
                out[...] = regs[r]
                outs.append(out)
        return tuple(outs)


class _Values:
    """Value numbering: value v is names[v] applied to args[v] (value numbers), or the
    constant consts[v]; values 0 and 1 are x and y."""

    def __init__(self) -> None:
        self.names: list[str] = ["x", "y"]
        self.args: list[tuple[int, ...]] = [(), ()]
        self.consts: dict[int, float] = {}
        self.numbers: dict[tuple, int] = {}

    def new(self, key: tuple, name: str, args: tuple[int, ...]) -> int:
        v = self.numbers.get(key)
        if v is None:
            v = self.numbers[key] = len(self.names)
            self.names.append(name)
            self.args.append(args)
        return v

    def const(self, value: float) -> int:
        v = self.new(("const", value.hex()), "const", ())  # hex keeps −0.0 apart from 0.0
        self.consts[v] = value
        return v

    def emit(self, name: str, a: int, b: int = -1) -> int:
        """The value name(a) or name(a, b): folded if its arguments are constants."""
        consts, names = self.consts, self.names
        if a in consts and (b < 0 or b in consts):
            args = (np.float64(consts[a]),) if b < 0 else (np.float64(consts[a]), consts[b])
            with np.errstate(all="ignore"):
                return self.const(float(_UFUNCS[name](*args)))
        if b < 0:
            if name == "neg" and names[a] == "neg":
                return self.args[a][0]
            return self.new((name, a), name, (a,))
        if name == "add":
            if names[b] == "neg":
                return self.emit("sub", a, self.args[b][0])
            if names[a] == "neg":
                return self.emit("sub", b, self.args[a][0])
        if (name == "add" or name == "mul") and b < a:
            a, b = b, a
        return self.new((name, a, b), name, (a, b))

    def power(self, u: int, k: int) -> int:
        """u^k for an integer k ≠ 0: squarings and products (1/u^|k| for k < 0)."""
        if k < 0:
            return self.emit("div", self.const(1.0), self.power(u, -k))
        result, square = None, u
        while k:
            if k & 1:
                result = square if result is None else self.emit("mul", result, square)
            k >>= 1
            if k:
                square = self.emit("mul", square, square)
        return result


_BINARY = {Add: "add", Mul: "mul", Div: "div", Pow: "pow"}


def _number(roots: Sequence[Expr], values: _Values) -> list[int]:
    """The value number of each root, every node visited once (iteratively: no recursion)."""
    memo: dict[int, int] = {}
    emit, const, consts = values.emit, values.const, values.consts
    for root in roots:
        stack = [root]
        while stack:
            e = stack[-1]
            key = id(e)
            if key in memo:
                stack.pop()
                continue
            kind = type(e)
            if kind is Var:
                v = 0 if e.name == "x" else 1
            elif kind is Const or kind is Named:
                v = const(e.value)
            elif kind is Neg or kind is Call:
                a = memo.get(id(e.a))
                if a is None:
                    stack.append(e.a)
                    continue
                v = emit("neg" if kind is Neg else e.fn, a)
            else:
                a, b = memo.get(id(e.a)), memo.get(id(e.b))
                if a is None or b is None:
                    if b is None:
                        stack.append(e.b)
                    if a is None:
                        stack.append(e.a)
                    continue
                k = consts.get(b) if kind is Pow else None
                if k is not None and k.is_integer() and 0 < abs(k) <= MAX_CHAIN:
                    v = values.power(a, int(k))
                else:
                    v = emit(_BINARY[kind], a, b)
            stack.pop()
            memo[key] = v
    return [memo[id(r)] for r in roots]


def _needed(values: _Values, roots: list[int]) -> list[int]:
    """The steps the roots need, in the order they were made (each after its arguments)."""
    live = [False] * len(values.names)
    for r in roots:
        live[r] = True
    args = values.args
    for v in range(len(live) - 1, 1, -1):
        if live[v]:
            for a in args[v]:
                live[a] = True
    return [v for v in range(2, len(live)) if live[v] and v not in values.consts]


def _allocate(values: _Values, order: list[int], roots: list[int], first: int) -> tuple:
    """Registers for the steps in this order: a buffer is reused as soon as its value is
    dead. Returns the register of each value and the number of buffers."""
    args = values.args
    last: dict[int, int] = {}
    for i, v in enumerate(order):
        for a in args[v]:
            last[a] = i
    for r in roots:
        last[r] = len(order)
    reg = {0: 0, 1: 1}
    free: list[int] = []
    buffers = 0
    for i, v in enumerate(order):
        for a in set(args[v]):  # a buffer whose value dies here can hold this step's result
            if last[a] == i and reg.get(a, 0) >= first:
                free.append(reg[a])
        if free:
            reg[v] = free.pop()
        else:
            reg[v] = first + buffers
            buffers += 1
    return reg, buffers


def compile_program(exprs: Sequence[Expr]) -> Program:
    """One program computing every expression in ``exprs`` at once."""
    values = _Values()
    roots = _number(exprs, values)
    steps = _needed(values, roots)
    needed = {a for v in steps for a in values.args[v]} | set(roots)
    consts = sorted(v for v in values.consts if v in needed)
    first = 2 + len(consts)
    reg, buffers = _allocate(values, steps, roots, first)
    reg |= {v: 2 + i for i, v in enumerate(consts)}
    program = []
    for v in steps:
        a = values.args[v]
        program.append((_UFUNCS[values.names[v]], reg[a[0]], reg[a[1]] if len(a) > 1 else -1,
                        reg[v]))  # fmt: skip
    return Program(tuple(program), tuple(values.consts[v] for v in consts), buffers,
                   tuple(reg[r] for r in roots), tuple(values.names[v] for v in steps))  # fmt: skip
