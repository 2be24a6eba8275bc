"""Work, not time: every formula the language allows reaches a grid in bounded work.

The issue's "none takes more than 100 ms from text to grid" and "at most 20 ms for the slowest
allowed formula" are measured by ``bench/bench_formula.py`` (``make bench-formula``). Here we
count what the time is made of, so that a test fails on a change that multiplies the work and
never on a busy machine: the distinct nodes of the gradient's trees, the steps of the compiled
programs, how many of them are expensive (a transcendental function or np.power, 10 to 40 times
an addition on a grid) and how many grid-sized buffers they hold.
"""

import math

import numpy as np

from gdgame.engine.formula import parse
from gdgame.engine.formula_program import compile_program


def nest(open_: str, inner: str, close: str, n: int) -> str:
    return open_ * n + inner + close * n


# --- the compiled program ------------------------------------------------------------------


def test_a_subexpression_is_computed_once_and_a_minus_is_a_subtraction():
    program = compile_program((parse("sin(x*y) + sin(y*x) - exp(x)"),))
    assert program.ops == ("mul", "sin", "add", "exp", "sub")


def test_integer_powers_are_products_within_a_few_roundings_of_np_power():
    rng = np.random.default_rng(0)
    x = rng.uniform(0.5, 3, 1000) * rng.choice([-1, 1], 1000)  # x^±100 stays finite
    for k in (2, 3, 7, 50, 99, 100, -1, -2, -57, -100):
        program = compile_program((parse(f"x^({k})"),))
        assert "pow" not in program.ops and len(program.steps) <= 14
        (got,) = program(x, 0.0)
        exact = np.power(x, float(k))
        assert np.all(np.abs(got - exact) <= 8 * abs(k) * 2.3e-16 * np.abs(exact))
    edges = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e200, -1e-200])
    for k in (2, 3, -2, -3, 100, -100):
        (got,) = compile_program((parse(f"x^({k})"),))(edges, 0.0)
        with np.errstate(all="ignore"):
            np.testing.assert_array_equal(got, np.power(edges, float(k)))


def test_outputs_are_new_arrays_of_the_broadcast_shape():
    x, y = np.linspace(0, 1, 3)[:, None], np.linspace(0, 1, 4)[None, :]
    f, g, h, k = compile_program((parse("x"), parse("x + y"), parse("y + x"), parse("pi")))(x, y)
    assert all(v.shape == (3, 4) for v in (f, g, h, k))
    assert f is not x and g is not h and not np.shares_memory(g, h)
    np.testing.assert_array_equal(g, h)
    assert (k == math.pi).all()
    (v,) = compile_program((parse("x*y"),))(2.0, 3.0)
    assert v.shape == () and v == 6.0


def test_a_buffer_is_reused_once_its_value_is_dead():
    program = compile_program((parse(nest("sin(", "x", ")", 30)),))
    assert len(program.steps) == 30 and program.buffers == 1
