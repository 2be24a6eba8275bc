"""The formula language: parsing, refusals, exact derivatives, LaTeX and typed surfaces."""

import math
import pickle
import time
import warnings

import numpy as np
import pytest

from gdgame.engine import descent, optimizers, surfaces
from gdgame.engine.formula import FormulaError, latex, parse, surface_from
from gdgame.engine.formula_diff import derivative, evaluate


def value_at(text, x, y):
    return float(evaluate((parse(text),), x, y)[0])


def refusal(text):
    start = time.perf_counter()
    with pytest.raises(FormulaError) as err:
        parse(text)
    assert time.perf_counter() - start < 0.1
    return str(err.value)


# --- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "x", "y", "expected"),
    [
        ("x^2+3*y", 2, 1, 7.0),  # ^ is a power, not Python's xor: 2² + 3 = 7
        ("x**2+3*y", 2, 1, 7.0),
        ("2^3^2", 0, 0, 512.0),  # right-associative: 2^(3^2)
        ("-x^2", 3, 0, -9.0),  # -(x²)
        ("x - -y", 1, 2, 3.0),
        ("2*pi", 0, 0, 2 * math.pi),
        ("e^x", 2, 0, math.e**2),
        ("10 / 4 / 5", 0, 0, 0.5),
        ("x \u2212 y \u00d7 2", 5, 1, 3.0),  # typographic minus and times
        ("sin(x) + cos(y) + tan(0.5) + exp(1) + log(2) + sqrt(9) + abs(-4)", 0.3, 0.7,
         math.sin(0.3) + math.cos(0.7) + math.tan(0.5) + math.e + math.log(2) + 3 + 4),
        ("tanh(x) + sinh(y) + cosh(x) + arctan(y)", 0.4, -0.6,
         math.tanh(0.4) + math.sinh(-0.6) + math.cosh(0.4) + math.atan(-0.6)),
        ("1e-3 * 0x10 + 1_000", 0, 0, 1000.016),
    ],
)  # fmt: skip
def test_values_of_parsed_formulas(text, x, y, expected):
    assert value_at(text, x, y) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("foo(x)", ("Unknown function 'foo' at column 1. Allowed: sin, cos, tan, exp, log, "
                    "sqrt, abs, tanh, sinh, cosh, arctan.")),
        ("x + z", "Unknown name 'z' at column 5: use x and y."),
        ("x" * 240, "Formula too long (240 > 200 characters)."),
        ("9**9**9", "Exponent too large at column 4."),
        ("2x", "Write 2*x, not 2x (column 2)."),
        ("3(x+1)", "Write 3*(...), not 3(...) (column 2)."),
        ("(x+1)(y-1)", "Write (...)*(...), not (...)(...) (column 6)."),
        ("x y", "Write x*y, not xy (column 3)."),
        ("", "Empty formula."),
        ("   ", "Empty formula."),
        ("x +* y", "Syntax error at column 4."),
        ("x^2 +", "Syntax error at column 6: the formula ends too soon."),
        ("sin(x", "The parenthesis at column 4 is never closed."),
        ("x + 1)", "Unmatched ')' at column 6."),
        ("sin", "'sin' at column 1 is a function: write sin(x)."),
        ("sin(x, y)", "sin takes one argument, as in sin(x) (column 1)."),
        ("x // 2", "The operator // is not allowed (column 1); use + - * / ^."),
        ("1e400", "Number too large at column 1."),
        ("1 / 0", "The constant at column 1 divides by zero."),
        ("x\u00e9", "Unexpected character at column 2."),
        ("x\ny", "Unexpected character at column 2."),
        ("x $ y", "'$' is not allowed (column 3)."),
        ("x # y", "'#' is not allowed (column 3)."),
    ],
)  # fmt: skip
def test_each_refusal_is_one_sentence_pointing_at_its_column(text, message):
    assert refusal(text) == message


def test_a_caret_shifts_no_column_of_a_later_error():
    assert refusal("x^2 + z") == "Unknown name 'z' at column 7: use x and y."
    assert refusal("x^2^2 + w^2") == "Unknown name 'w' at column 9: use x and y."


def test_echoed_tokens_are_at_most_40_characters():
    message = refusal("x + " + "a" * 100)
    assert "a" * 37 + "..." in message and "a" * 41 not in message


BOMBS = [
    "9**9**9", "10**400", "(x**2)**1000", "x**-101", "2**2**2**2**2", "x^(50+51)",
    "(10**100)**10", "1e308 * 10", "-1e308 - 1e308", "(-8)**(1/3)", "0/0", "9" * 200 + "**9",
]  # fmt: skip


@pytest.mark.parametrize("text", BOMBS)
def test_exponent_and_overflow_bombs_are_refused_before_any_evaluation(text):
    message = refusal(text)
    reasons = ("too large", "not a finite number", "divides by zero", "too long")
    assert any(reason in message for reason in reasons)


HOSTILE = [
    "__import__('os').system('ls')", "().__class__", "().__class__.__bases__[0]", "x.real",
    "[x for x in y]", "{x for x in y}", "(x for x in y)", "{1: x}", "lambda: 1", "lambda x: x",
    "(" * 10_000 + "x" + ")" * 10_000, "x*" * 100, "x" * 10_000, "'abc'", "b'abc'", "f'{x}'",
    "True", "None", "1j", "...", "x if y else 1", "x and y", "not x", "~x", "x < y", "x @ y",
    "x % 2", "x << 2", "x | y", "(z := 1)", "open('/etc/passwd')", "exec('1')", "eval('1')",
    "globals()", "sin.__globals__", "sin(x=1)", "sin(*x)", "x[0]", "x, y", "import os",
    "x; y", "yield x", "await x", "-" * 150 + "x", "sqrt", "print(x)", "getattr(x, 'y')",
    "\\x41", "x # comment", "x\x00", "1" + "0" * 400,
]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_refused_fast_and_cleanly(text):
    message = refusal(text)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    assert len(message) < 200


def test_nothing_in_a_refused_formula_runs(tmp_path):
    target = tmp_path / "pwned"
    for text in (
        f"__import__('os').system('touch {target}')",
        f"open('{target}', 'w')",
        f"(lambda: __import__('pathlib').Path('{target}').touch())()",
    ):
        refusal(text)
    assert not target.exists()


# --- derivatives ---------------------------------------------------------------------------

# (formula, low, high): random points drawn in [low, high]² where the formula is smooth.
TABLE = [
    ("x^2 + 3*x*y - y^3", -2, 2),
    ("(x - 1)*(y + 2)*x - 7", -2, 2),
    ("x / (1 + y^2) - y/x", 0.5, 2),
    ("x^y", 0.5, 2),
    ("2^(x*y) + pi^x", -1, 1),
    ("e^(x - y) + (x^2 + 1)^(1/3)", -1, 1),
    ("x^-2 + y^0.5", 0.5, 2),
    ("sin(x)*cos(y) + tan(x/3)", -1.5, 1.5),
    ("exp(-x^2 - y^2)", -1.5, 1.5),
    ("log(x^2 + y^2 + 1) + sqrt(x^2 + 1)", -2, 2),
    ("abs(x - 5) + abs(y + 5)", -2, 2),
    ("tanh(x*y) + sinh(x/2)*cosh(y/2)", -2, 2),
    ("arctan(x - y^2)", -2, 2),
    ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", -5, 5),
    ("-(x*y)^3 / (2 + sin(x*y))", -1, 1),
]


def points(low, high, n=50, seed=0):
    rng = np.random.default_rng(seed)
    return rng.uniform(low, high, n), rng.uniform(low, high, n)


def gradient_and_hessian(text):
    f = parse(text)
    mx, my = {}, {}
    fx, fy = derivative(f, "x", mx), derivative(f, "y", my)
    return f, (fx, fy), (derivative(fx, "x", mx), derivative(fx, "y", my), derivative(fy, "y", my))


@pytest.mark.parametrize(("text", "low", "high"), TABLE)
def test_gradient_equals_central_differences(text, low, high):
    f, (fx, fy), _ = gradient_and_hessian(text)
    x, y = points(low, high)
    h = 1e-6
    gx, gy = evaluate((fx, fy), x, y)
    dx = (evaluate((f,), x + h, y)[0] - evaluate((f,), x - h, y)[0]) / (2 * h)
    dy = (evaluate((f,), x, y + h)[0] - evaluate((f,), x, y - h)[0]) / (2 * h)
    scale = 1 + np.abs(evaluate((f,), x, y)[0])
    np.testing.assert_allclose(gx, dx, rtol=1e-6, atol=1e-7 * scale.max())
    np.testing.assert_allclose(gy, dy, rtol=1e-6, atol=1e-7 * scale.max())


@pytest.mark.parametrize(("text", "low", "high"), TABLE)
def test_hessian_equals_central_differences_of_the_gradient(text, low, high):
    _, (fx, fy), (fxx, fxy, fyy) = gradient_and_hessian(text)
    x, y = points(low, high, seed=1)
    h = 1e-6
    hxx, hxy, hyy = evaluate((fxx, fxy, fyy), x, y)
    xp, xm = evaluate((fx, fy), x + h, y), evaluate((fx, fy), x - h, y)
    yp, ym = evaluate((fx, fy), x, y + h), evaluate((fx, fy), x, y - h)
    scale = 1 + np.abs(evaluate((fx, fy), x, y)).max()
    tol = {"rtol": 1e-5, "atol": 1e-6 * scale}
    np.testing.assert_allclose(hxx, (xp[0] - xm[0]) / (2 * h), **tol)
    np.testing.assert_allclose(hxy, (yp[0] - ym[0]) / (2 * h), **tol)
    np.testing.assert_allclose(hxy, (xp[1] - xm[1]) / (2 * h), **tol)  # symmetric
    np.testing.assert_allclose(hyy, (yp[1] - ym[1]) / (2 * h), **tol)


def test_derivatives_of_a_monomial_by_hand():
    _, (fx, fy), (fxx, fxy, fyy) = gradient_and_hessian("x^2 * y^3")
    x, y = np.array([1.5, -2.0]), np.array([0.5, 3.0])
    got = evaluate((fx, fy, fxx, fxy, fyy), x, y)
    expected = (2 * x * y**3, 3 * x**2 * y**2, 2 * y**3, 6 * x * y**2, 6 * x**2 * y)
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-15)


def test_evaluation_keeps_any_shape_and_never_warns():
    f = parse("log(x) + sqrt(y) + 1/x")
    x, y = np.array([[1.0, -1.0, 0.0]]), np.array([[4.0, 4.0, -1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (v,) = evaluate((f,), x, y)
        (c,) = evaluate((parse("pi"),), x, y)
    assert v.shape == (1, 3) and v.dtype == np.float64
    assert v[0, 0] == 3.0 and np.isnan(v[0, 1]) and np.isnan(v[0, 2])
    assert c.shape == (1, 3) and (c == math.pi).all()


# --- text and LaTeX ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x^2 + 3*y", "x^{2} + 3 y"),
        ("sin(x)/(1 + y^2)", r"\frac{\sin(x)}{1 + y^{2}}"),
        ("x*y - sqrt(x)", r"x \cdot y - \sqrt{x}"),
        ("exp(-x^2)", "e^{-x^{2}}"),
        ("abs(x - 1) * (x + 1)^2", r"\left|x - 1\right| \cdot \left(x + 1\right)^{2}"),
        ("2*pi*cos(x + y)", r"2 \pi \cdot \cos\left(x + y\right)"),
        ("-(x + y) * 1e-5", r"-\left(x + y\right) \cdot 1 \cdot 10^{-5}"),
    ],
)
def test_latex_of_formulas(text, expected):
    assert latex(parse(text)) == expected


def test_gradient_latex_and_canonical_title():
    s = surface_from("x^2*y")
    assert s.title == "x**2 * y"
    assert s.formula == "f(x, y) = x^{2} \\cdot y"
    assert s.gradient_latex == r"\nabla f = \left(2 x \cdot y,\; x^{2}\right)"


@pytest.mark.parametrize(
    "text",
    [t for t, _, _ in TABLE]
    + ["x - (y - 1)", "x / (y / 2)", "x * (y * 2)", "(x^y)^2", "(-2)^x", "-x^2", "2^-x",
       "x - -3", "0.1 + 1e-7*x + 1e20*y", "-(x*y)", "(x/y)*2", "x/y*2", "e^x*pi"],
)  # fmt: skip
def test_canonical_text_parses_back_to_an_equal_tree(text):
    tree = parse(text)
    assert parse(str(tree)) == tree
    assert str(parse(str(tree))) == str(tree)


def test_light_simplification():
    assert str(parse("0*x + 1*y + x^1 + y^0 - (-x)")) == "y + x + 1 + x"
    assert str(parse("2*3 + x")) == "6 + x"


# --- surfaces ------------------------------------------------------------------------------


def test_a_shifted_bowl_has_its_global_minimum_where_it_was_put():
    s = surface_from("(x-1)^2 + (y+2)^2")
    assert len(s.minima) == 1 and s.minima[0].is_global
    assert s.minima[0].location == pytest.approx((1.0, -2.0), abs=1e-12)
    assert s.minima[0].value == pytest.approx(0.0, abs=1e-20)
    assert s.masked() == (0.0, "")


def test_typed_himmelblau_is_the_built_in_one():
    s = surface_from("(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
    published = [(3, 2), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
    assert len(s.minima) == 4 and all(m.is_global and 0 <= m.value < 1e-9 for m in s.minima)
    for px, py in published:
        assert min(math.dist((px, py), m.location) for m in s.minima) < 1e-6
    built_in = surfaces.get("himmelblau")
    x, y = np.meshgrid(np.linspace(-5, 5, 41), np.linspace(-5, 5, 41))
    np.testing.assert_allclose(s.f(x, y), built_in.f(x, y), rtol=1e-13, atol=1e-12)
    for ours, theirs in zip(s.grad(x, y), built_in.grad(x, y), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-13, atol=1e-12)
    for ours, theirs in zip(s.hess(x, y), built_in.hess(x, y), strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-6)


def test_log_y_is_undefined_on_half_the_domain_and_never_raises():
    s = surface_from("log(y)")
    share, sentence = s.masked(150)
    assert share == pytest.approx(0.5, abs=0.01)
    assert sentence == "f is undefined (not a finite number) on 50 % of the domain."
    assert s.minima == ()
    assert np.isnan(s.f(0.0, -1.0)) and np.isfinite(s.f(0.0, 1.0))


def test_a_formula_surface_runs_descent_and_pickles():
    s = surface_from("(x-1)^2 + 2*(y+2)^2", domain=((-4, 4), (-5, 3)))
    run = descent.run(s, optimizers.get("sgd", lr=0.1), start=s.start, steps=500)
    assert run.status == "converged"
    assert run.final == pytest.approx((1.0, -2.0), abs=1e-5)
    again = pickle.loads(pickle.dumps(s))
    assert again.title == s.title and again.domain == ((-4.0, 4.0), (-5.0, 3.0))
    assert again.f(0.5, 0.5) == s.f(0.5, 0.5) == 0.25 + 2 * 6.25


@pytest.mark.parametrize(
    ("domain", "part"),
    [
        (((5, -5), (-5, 5)), "must go from low to high"),
        (((-5, 5), (0, 1e-4)), "must be 0.001 to 10000 wide"),
        (((-5, 5), (0, 2e4)), "must be 0.001 to 10000 wide"),
        (((-5, math.inf), (-5, 5)), "must be finite numbers"),
        (((-5, math.nan), (-5, 5)), "must be finite numbers"),
        ((-5, 5), "must be two ranges"),
        ((("a", 5), (-5, 5)), "must be two ranges"),
    ],
)
def test_domains_are_checked(domain, part):
    with pytest.raises(FormulaError, match=part):
        surface_from("x + y", domain)
