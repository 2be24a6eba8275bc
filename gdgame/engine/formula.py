"""A safe formula language for f(x, y): the sandbox's typed landscapes.

``parse`` reads one expression in x and y (at most 200 characters): numbers, + - * / and powers
(``**`` or ``^``), parentheses, unary minus, ``pi``, ``e`` and the functions in `FUNCTIONS`.
Nothing the user types is executed: the text is tokenized (``^`` becomes ``**`` there, since
Python reads ``x^2+3*y`` as ``x ^ (2+3*y)``), parsed by ``ast.parse(mode="eval")`` and walked
against an allowlist into our own tree (`gdgame.engine.formula_expr`). Every constant is a
float, constant exponents are at most 100 in size and folded constants must stay finite, so no
formula can build a huge integer or hang. Every refusal is a `FormulaError` of one sentence
that names the column (counted from 1). `surface_from` turns a formula into a `Surface`
(`gdgame.engine.formula_surface`).
"""

from __future__ import annotations

import ast
import io
import keyword
import math
import tokenize

from gdgame.engine.formula_expr import (
    CONSTANTS,
    FUNCTIONS,
    Const,
    Expr,
    Named,
    Var,
    add,
    call,
    div,
    mul,
    neg,
    power,
    sub,
)
from gdgame.engine.formula_latex import latex

MAX_CHARS = 200
MAX_NODES = 200
MAX_DEPTH = 100
MAX_EXPONENT = 100.0
USER_FUNCTIONS = tuple(f for f in FUNCTIONS if f != "sign")
_ALIASES = {"\u2212": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*", "\u00f7": "/"}
_BINARY = {ast.Add: add, ast.Sub: sub, ast.Mult: mul, ast.Div: div, ast.Pow: power}
_NAMES_OF = {
    ast.Attribute: "Attribute access (.)",
    ast.Subscript: "Indexing ([ ])",
    ast.Tuple: "A comma",
    ast.Compare: "A comparison",
    ast.BoolOp: "'and' / 'or'",
    ast.Lambda: "A lambda",
    ast.IfExp: "'if ... else'",
    ast.NamedExpr: "':='",
    ast.List: "A list ([ ])",
    ast.ListComp: "A comprehension",
    ast.SetComp: "A comprehension",
    ast.DictComp: "A comprehension",
    ast.GeneratorExp: "A comprehension",
    ast.JoinedStr: "Text in quotes",
}

__all__ = ["Expr", "FormulaError", "latex", "parse", "surface_from"]


class FormulaError(ValueError):
    """A formula refused, with one sentence saying why and where."""


def _clip(token: str) -> str:
    return token if len(token) <= 40 else token[:37] + "..."


def _chars(text: object) -> str:
    if not isinstance(text, str):
        raise FormulaError("A formula must be text.")
    if len(text) > MAX_CHARS:
        raise FormulaError(f"Formula too long ({len(text)} > {MAX_CHARS} characters).")
    text = "".join(_ALIASES.get(c, c) for c in text)
    for col, c in enumerate(text, start=1):
        if not " " <= c <= "~":
            raise FormulaError(f"Unexpected character at column {col}.")
    if not text.strip():
        raise FormulaError("Empty formula.")
    return text


def _implicit(a: tokenize.TokenInfo, b: tokenize.TokenInfo) -> None:
    """Refuse two operands side by side (2x, 3(x+1), (x)(y), x y)."""
    names = ("x", "y", *CONSTANTS)
    ends = a.type == tokenize.NUMBER or a.string == ")" or a.string in names
    word = b.type == tokenize.NAME and not keyword.iskeyword(b.string)
    starts = word or b.type == tokenize.NUMBER or b.string == "("
    if ends and starts:
        left, right = _clip(a.string), "(...)" if b.string == "(" else _clip(b.string)
        left = "(...)" if left == ")" else left
        raise FormulaError(f"Write {left}*{right}, not {left}{right} (column {b.start[1] + 1}).")


def _tokens(text: str) -> tuple[str, list[int]]:
    """The text with ^ as **, and for each column of it the user's column (from 1)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return text, list(range(1, len(text) + 2))  # ast.parse says where
    out, cols, at = [], [], 0
    significant = []
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            raise FormulaError(f"'#' is not allowed (column {tok.start[1] + 1}).")
        if tok.type == tokenize.ERRORTOKEN and not tok.string.isspace():
            what = "Text in quotes" if tok.string in "'\"" else f"'{tok.string}'"
            raise FormulaError(f"{what} is not allowed (column {tok.start[1] + 1}).")
        if tok.type in (tokenize.NUMBER, tokenize.NAME, tokenize.OP, tokenize.STRING):
            if significant:
                _implicit(significant[-1], tok)
            significant.append(tok)
        if tok.type == tokenize.OP and tok.string == "^":
            start = tok.start[1]
            out.append(text[at:start] + "**")
            cols += [c + 1 for c in range(at, start)] + [start + 1, start + 1]
            at = start + 1
    out.append(text[at:])
    cols += [c + 1 for c in range(at, len(text) + 1)]
    return "".join(out), cols


def _syntax(err: SyntaxError, cols: list[int]) -> FormulaError:
    offset, msg = err.offset or 0, err.msg or ""
    if not 1 <= offset < len(cols):
        return FormulaError(f"Syntax error at column {cols[-1]}: the formula ends too soon.")
    col = cols[offset - 1]
    if "never closed" in msg:
        return FormulaError(f"The parenthesis at column {col} is never closed.")
    if "unmatched" in msg:
        return FormulaError(f"Unmatched ')' at column {col}.")
    return FormulaError(f"Syntax error at column {col}.")


def parse(text: str) -> Expr:
    """The tree of one formula in x and y; raises `FormulaError` if it is refused."""
    source, cols = _tokens(_chars(text))
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as err:
        raise _syntax(err, cols) from None
    except (ValueError, RecursionError, MemoryError):
        raise FormulaError("Syntax error at column 1.") from None
    nodes = sum(isinstance(n, ast.expr) for n in ast.walk(tree))
    if nodes > MAX_NODES:
        raise FormulaError(f"Formula too complex ({nodes} > {MAX_NODES} parts).")
    return _Builder(cols).build(tree.body, 1)


class _Builder:
    """Walks Python's tree into ours, node type by node type from an allowlist."""

    def __init__(self, cols: list[int]):
        self.cols = cols

    def col(self, node: ast.AST) -> int:
        return self.cols[min(getattr(node, "col_offset", 0), len(self.cols) - 1)]

    def build(self, node: ast.AST, depth: int) -> Expr:
        if depth > MAX_DEPTH:
            raise FormulaError(
                f"Formula nested too deeply (more than {MAX_DEPTH} levels) "
                f"at column {self.col(node)}."
            )
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.build(node.operand, depth + 1)
            return neg(inner) if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return self.binary(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        raise FormulaError(self.refusal(node))

    def refusal(self, node: ast.AST) -> str:
        col = self.col(node)
        if isinstance(node, (ast.BinOp, ast.UnaryOp)):
            symbol = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.BitXor: "^"}
            op = symbol.get(type(node.op), type(node.op).__name__)
            return f"The operator {op} is not allowed (column {col}); use + - * / ^."
        what = _NAMES_OF.get(type(node), f"'{type(node).__name__}'")
        return f"{what} is not allowed in a formula (column {col})."

    def constant(self, node: ast.Constant) -> Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "Text" if isinstance(value, (str, bytes)) else f"'{_clip(repr(value))}'"
            raise FormulaError(f"{kind} is not allowed at column {self.col(node)}: use numbers.")
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise FormulaError(f"Number too large at column {self.col(node)}.")
        return Const(number)

    def name(self, node: ast.Name) -> Expr:
        if node.id in ("x", "y"):
            return Var(node.id)
        if node.id in CONSTANTS:
            return Named(node.id)
        col = self.col(node)
        if node.id in USER_FUNCTIONS:
            return _raise(f"'{node.id}' at column {col} is a function: write {node.id}(x).")
        return _raise(f"Unknown name '{_clip(node.id)}' at column {col}: use x and y.")

    def binary(self, node: ast.BinOp, depth: int) -> Expr:
        a = self.build(node.left, depth + 1)
        b = self.build(node.right, depth + 1)
        if isinstance(node.op, ast.Pow) and isinstance(b, Const) and abs(b.value) > MAX_EXPONENT:
            raise FormulaError(f"Exponent too large at column {self.col(node.right)}.")
        out = _BINARY[type(node.op)](a, b)
        if isinstance(out, Const) and not math.isfinite(out.value):
            what = "divides by zero" if isinstance(node.op, ast.Div) else "is not a finite number"
            raise FormulaError(f"The constant at column {self.col(node)} {what}.")
        return out

    def call(self, node: ast.Call, depth: int) -> Expr:
        col = self.col(node)
        if not isinstance(node.func, ast.Name):
            raise FormulaError(f"Only the listed functions can be called (column {col}).")
        fn = node.func.id
        if fn not in USER_FUNCTIONS:
            allowed = ", ".join(USER_FUNCTIONS)
            raise FormulaError(
                f"Unknown function '{_clip(fn)}' at column {col}. Allowed: {allowed}."
            )
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
            raise FormulaError(f"{fn} takes one argument, as in {fn}(x) (column {col}).")
        return call(fn, self.build(node.args[0], depth + 1))


def _raise(message: str) -> Expr:
    raise FormulaError(message)


def surface_from(text: str, domain=((-5.0, 5.0), (-5.0, 5.0))):
    """A `Surface` from a typed formula (see `gdgame.engine.formula_surface.surface_from`)."""
    from gdgame.engine.formula_surface import surface_from as build

    return build(text, domain)
