"""AppTest: the home page draws y = x² and one gradient step from the engine."""

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.charts import figure, trace

APP = Path(__file__).parents[2] / "app.py"


@pytest.fixture
def app():
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    assert not at.exception
    return at


def test_home_is_the_default_page_and_draws_the_parabola(app):
    assert app.title[0].value == "Moving down the curve"
    fig = figure(app.get("plotly_chart")[0])
    curve = trace(fig, "Parabola")
    np.testing.assert_allclose(curve["y"], np.asarray(curve["x"]) ** 2)
    assert fig["layout"]["xaxis"]["title"]["text"] == "x"


@pytest.mark.parametrize("x0, lr", [(4.0, 0.1), (-3.0, 0.25), (2.5, 1.0)])
def test_one_step_lands_at_x_minus_alpha_times_the_slope(app, x0, lr):
    app.slider(key="start").set_value(x0)
    app.slider(key="lr").set_value(lr)
    app.run()
    assert not app.exception
    fig = figure(app.get("plotly_chart")[0])
    expected = x0 - lr * 2 * x0  # d(x²)/dx = 2x
    after = trace(fig, "after one step")
    assert after["x"][0] == pytest.approx(expected)
    assert after["y"][0] == pytest.approx(expected**2)
    tangent = trace(fig, "tangent")
    slope = np.diff(tangent["y"]) / np.diff(tangent["x"])
    assert slope[0] == pytest.approx(2 * x0)
    assert any(f"{expected:.4g}" in latex.value for latex in app.latex)
