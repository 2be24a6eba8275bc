"""The gradient in LaTeX reads like a textbook's, and keeping it short changes no value."""

import numpy as np
import pytest

from gdgame.engine import formula_diff, formula_expr, formula_latex, formula_surface
from gdgame.engine.formula import latex, parse
from gdgame.engine.formula_diff import derivative, evaluate
from gdgame.engine.formula_expr import Expr
from tests.engine.test_formula import TABLE
from tests.engine.test_formula_work import EVALUATED, SLOWEST

HIMMELBLAU = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"

# (formula, ∂f/∂x, ∂f/∂y), each derivative worked out and written by hand.
GRADIENTS = [
    ("3*y^2", "0", "6 y"),
    ("x^2 + y^2", "2 x", "2 y"),
    ("(x^2 + 10*y^2)/2", "x", "10 y"),
    ("x^2 - y^2", "2 x", "-2 y"),
    (HIMMELBLAU, r"4 x \cdot \left(x^{2} + y - 11\right) + 2 \left(x + y^{2} - 7\right)",
     r"2 \left(x^{2} + y - 11\right) + 4 y \cdot \left(x + y^{2} - 7\right)"),
    ("(1 - x)^2 + 100*(y - x^2)^2",
     r"-2 \left(1 - x\right) - 400 x \cdot \left(y - x^{2}\right)", r"200 \left(y - x^{2}\right)"),
    ("10*cos(x)", r"-10 \sin(x)", "0"),
    ("sin(3*x) + cos(2*y)", r"3 \cos\left(3 x\right)", r"-2 \sin\left(2 y\right)"),
    ("x^4/16", r"\frac{x^{3}}{4}", "0"),
    ("x^4/4 - 2*x^2 - 0.75*x + (y - 0.5*sin(x))^2",
     r"x^{3} - 4 x - 0.75 - \left(y - 0.5 \sin(x)\right) \cdot \cos(x)",
     r"2 \left(y - 0.5 \sin(x)\right)"),
    ("sin(x)*cos(y) + (x^2 + y^2)/10", r"\cos(x) \cdot \cos(y) + \frac{x}{5}",
     r"-\sin(x) \cdot \sin(y) + \frac{y}{5}"),
    ("x^3 - 3*x*y^2", r"3 x^{2} - 3 y^{2}", r"-6 x \cdot y"),
    ("-x^2", "-2 x", "0"),
    ("x^2*y", r"2 x \cdot y", "x^{2}"),
    ("exp(-x^2 - y^2)", r"-2 x \cdot e^{-x^{2} - y^{2}}", r"-2 y \cdot e^{-x^{2} - y^{2}}"),
    ("log(x^2 + y^2)", r"\frac{2 x}{x^{2} + y^{2}}", r"\frac{2 y}{x^{2} + y^{2}}"),
    ("sqrt(x^2 + y^2)", r"\frac{x}{\sqrt{x^{2} + y^{2}}}", r"\frac{y}{\sqrt{x^{2} + y^{2}}}"),
    ("sqrt(x) + 3*log(y)", r"\frac{1}{2 \sqrt{x}}", r"\frac{3}{y}"),
    ("x/y", r"\frac{1}{y}", r"-\frac{x}{y^{2}}"),
    ("tan(x) + tanh(y)", r"1 + \tan^{2}(x)", r"1 - \tanh^{2}(y)"),
    ("0.5*x^2 + x^y", r"x + y \cdot x^{y - 1}", r"x^{y} \cdot \ln(x)"),
    ("x^2 + y^2 - 10*cos(2*pi*x) - 10*cos(2*pi*y) + 20",
     r"2 x + 20 \pi \cdot \sin\left(2 \pi \cdot x\right)",
     r"2 y + 20 \pi \cdot \sin\left(2 \pi \cdot y\right)"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fx", "fy"), GRADIENTS)
def test_the_gradient_is_written_as_by_hand(text, fx, fy):
    gradient = formula_surface.functions(parse(text)).gradient
    assert formula_surface.gradient_latex(gradient) == rf"\nabla f = \left({fx},\; {fy}\right)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x + -2*y", "x - 2 y"),  # a term that reads negative is subtracted
        ("x*(-y)*2", r"-x \cdot y \cdot 2"),  # the product's signs gathered in front
        ("-x*-y", r"x \cdot y"),
        ("x - (-2)*(x + y)", r"x + 2 \left(x + y\right)"),
        ("x + -(x + y)", r"x - \left(x + y\right)"),
        ("3*(1/x)", r"\frac{3}{x}"),  # one fraction in a product: one fraction
        ("2*x*(1/(4*y))", r"\frac{x}{2 y}"),
        ("sin(x)^2 + cos(y)^3", r"\sin^{2}(x) + \cos^{3}(y)"),
        ("sin(x)^0.5 + exp(x)^2", r"\left(\sin(x)\right)^{0.5} + \left(e^{x}\right)^{2}"),
    ],
)
def test_signs_fractions_and_powers_of_functions(text, expected):
    assert latex(parse(text)) == expected


PLAIN = {"times": formula_expr.mul, "quotient": formula_expr.div,
         "negate": formula_expr.neg, "minus": formula_expr.sub}  # fmt: skip


def derivatives(text: str) -> tuple:
    """f, its gradient and its Hessian's three trees."""
    f = parse(text)
    mx, my = {}, {}
    fx, fy = derivative(f, "x", mx), derivative(f, "y", my)
    return f, fx, fy, derivative(fx, "x", mx), derivative(fx, "y", my), derivative(fy, "y", my)


@pytest.mark.parametrize(
    "text", [t for t, _, _ in TABLE + GRADIENTS] + SLOWEST + EVALUATED + ["x*(-y/2)", "3*(1/x)"]
)
def test_short_derivatives_have_the_plain_rules_values(text, monkeypatch):
    """The textbook shape reassociates constants and commutes factors: the gradient and the
    Hessian are those of the plain rules (`formula_expr`'s constructors) to rounding, wherever
    those are finite, on points inside and beyond every formula's smooth region."""
    rng = np.random.default_rng(7)
    x = np.concatenate([rng.uniform(-3, 3, 60), rng.uniform(0.05, 1.5, 30), [0, 1, -1, 1e3]])
    y = np.concatenate([rng.uniform(-3, 3, 60), rng.uniform(0.05, 1.5, 30), [1, 0, -1, -1e3]])
    short = evaluate(derivatives(text), x, y)
    for name, plain in PLAIN.items():
        monkeypatch.setattr(formula_diff, name, plain)
    plain = evaluate(derivatives(text), x, y)
    finite = np.isfinite(plain[0])
    for s, p in zip(short[1:3], plain[1:3], strict=True):  # the gradient
        ok = finite & np.isfinite(p)
        np.testing.assert_allclose(s[ok], p[ok], rtol=1e-12, atol=1e-300)
    for s, p in zip(short[3:], plain[3:], strict=True):  # the Hessian: cancels in places
        ok = finite & np.isfinite(p)
        scale = np.abs(p[ok]).max(initial=1.0)
        np.testing.assert_allclose(s[ok], p[ok], rtol=1e-9, atol=1e-9 * scale)


def printed_size(e, memo=None) -> int:
    """Nodes of the tree as printed: a shared subtree counted each time it is written."""
    memo = {} if memo is None else memo
    if id(e) not in memo:
        children = [getattr(e, c) for c in ("a", "b") if isinstance(getattr(e, c, None), Expr)]
        memo[id(e)] = 1 + sum(printed_size(c, memo) for c in children)
    return memo[id(e)]


@pytest.mark.parametrize("text", SLOWEST)
def test_latex_visits_each_printed_node_a_few_times(text, monkeypatch):
    """Work, not time: printing is linear in what is printed (a node printed twice in one
    place doubles at every level of a nested formula: 2^28 for 28 tan())."""
    f = parse(text)
    inner, bound = formula_latex.latex, [0]

    def counted(e):
        bound[0] -= 1
        assert bound[0] >= 0, "latex visits a node more than twice"
        return inner(e)

    monkeypatch.setattr(formula_latex, "latex", counted)
    for tree in (f, *formula_surface.functions(f).gradient):
        bound[0] = 2 * printed_size(tree)
        formula_latex.latex(tree)
