"""UI helpers that need no running app: settings, the rate presets, the home page's words."""

import math

import numpy as np
import pytest

from gdgame.engine import curves, descent, learning_rate, optimizers
from gdgame.ui import home, ladder
from gdgame.ui import learning_rate as lesson
from gdgame.ui.settings import Choice, Number, snap

LR = Number("α", 0.01, 1.2, 0.1, 0.01)
TOL = Choice("tol", (0.1, 0.001), 0.001, labels=lambda v: f"{v:g}")


@pytest.mark.parametrize("raw", ["0.01", "1.2", "0.5", "1e-1"])
def test_number_accepts_values_in_range(raw):
    assert LR.accepts(raw)


@pytest.mark.parametrize("raw", ["", "abc", "nan", "inf", "-0.1", "1.21", "0x10", "1,5"])
def test_number_refuses_the_rest(raw):
    assert not LR.accepts(raw)


def test_choice_accepts_its_labels_only():
    assert TOL.accepts("0.001") and not TOL.accepts("0.0010") and not TOL.accepts("<b>")


def test_snap_clamps_and_rounds_to_the_step():
    spec = Number("start", -5.0, 5.0, 4.0, 0.1)
    assert snap(-3.0225, spec) == -3.0 and snap(99, spec) == 5.0 and snap(-7, spec) == -5.0
    assert snap(2.96, spec) == 3.0 and snap("2.96", spec) == 3.0


@pytest.mark.parametrize("junk", [float("nan"), float("inf"), None, "abc", "", [1.0], {"x": 1}])
def test_snap_gives_none_for_anything_that_is_no_finite_number(junk):
    assert snap(junk, Number("start", -5.0, 5.0, 4.0, 0.1)) is None


def test_whole_number_settings_refuse_fractions_from_a_link():
    steps = Number("Steps", 10, 1000, 500, 10, "%d")
    assert steps.parse("300") == 300 and isinstance(steps.parse("300"), int)
    assert not steps.accepts("300.5") and not steps.accepts("5")


@pytest.mark.parametrize("L", np.arange(1.0, 20.5, 0.5))
def test_every_preset_is_in_its_regime_for_every_curvature_on_the_slider(L):
    expected = {"Too small": "monotone", "Just right": "monotone", "Too large": "oscillating",
                "Diverging": "diverging"}  # fmt: skip
    for preset, regime in expected.items():
        rate = lesson.preset_rate(preset, L)
        assert rate in lesson.RATES and learning_rate.regime(rate, L) == regime
    assert lesson.preset_rate("Too small", L) * L < 0.1


def test_rates_are_round_numbers_on_a_log_scale():
    r = np.array(ladder.RATES)
    assert r[0] == 0.001 and r[-1] == 3.0 and (np.diff(r) > 0).all()
    assert (r[1:] / r[:-1]).max() <= 4 / 3 + 1e-9
    assert all(len(f"{v:g}") <= 6 for v in r)


def test_formulas_fill_in_the_numbers():
    assert home.update(4.0, 0.1, 8.0, 3.2) == (
        r"x \leftarrow x - \alpha \frac{dy}{dx} = 4 - 0.1 \times (8) = 3.2"
    )
    assert home.num(1.5e-7) == r"1.5 \times 10^{-7}"


def test_stop_reasons_name_the_rule():
    curve = curves.get("parabola")
    sgd = optimizers.get
    converged = descent.run(curve, sgd("sgd", lr=0.1), 4.0, 50, tol=1e-3)
    limited = descent.run(curve, sgd("sgd", lr=0.1), 4.0, 5, tol=1e-3)
    diverged = descent.run(curve, sgd("sgd", lr=1.1), 4.0, 50, tol=1e-3)
    assert "tolerance rule" in home.stop_reason(converged, 1e-3, 50)
    assert "step limit" in home.stop_reason(limited, 1e-3, 5)
    assert f"Diverged at step {diverged.diverged_at}" in home.stop_reason(diverged, 1e-3, 50)
    table = home.step_table(converged, 3, 0.1)
    assert table["x"] == pytest.approx([4, 3.2, 2.56, 2.048])
    assert table["step from here α·|dy/dx|"] == pytest.approx([0.8, 0.64, 0.512, 0.4096])
    assert math.isclose(table["dy/dx"][1], 6.4)


def test_the_ladder_reaches_its_top_whatever_the_decade_and_nearest_takes_any_rate():
    assert ladder.ladder(-1, top=20) == (0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0,
                                         1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0,
                                         15.0, 20.0)  # fmt: skip
    assert ladder.nearest(0.0, (0.1, 1.0)) == 0.1 and ladder.nearest(-3, (0.1, 1.0)) == 0.1
    assert ladder.nearest(0.4, (0.1, 0.3, 1.0)) == 0.3  # closest on a log scale
